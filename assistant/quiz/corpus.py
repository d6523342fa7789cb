"""The indexed clauses seen as sentences, and the one question the validator asks of them:
is this value stated by some clause in the same context as the tested fact?"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from indexer.models import Chunk
from indexer.regions import gazetteer
from indexer.text import normalize

from .models import BLANK, FILL_BLANK
from .sources import own_titles

_CJK_RUNS = re.compile(r"[\u4e00-\u9fff]+")
SENTENCE = re.compile(r"[^。；;！!？?\n]+[。；;！!？?]?")
_QUOTES = re.compile(r"[“”‘’\"'「」『』\s]")
_LEAD = re.compile(r"^(?:根据|据)(?:《[^》]*》|本库收录的[^，,《》]*?)(?:（\d{4}年）)?(?:介绍)?[，,]")
# words our stem templates add; they say nothing about the clause, so they never count as context
STEM_WORDS = frozenset(
    {"根据", "介绍", "一项", "要求", "包括", "时限", "完成时限", "本库", "收录", "政策", "文件", "下列"}
)
# share of the stem's context words a sentence must repeat to state a value "in the same context"
SAME_CONTEXT = 0.5
_QUOTED = re.compile(r"“([^“”]{2,30})”")
_FIGURE = re.compile(r"(?<![\d.])\d+(?:\.\d+)?[万亿]?[\u4e00-\u9fff%]")
_YEAR = re.compile(r"(?:19|20)\d\d年")
NEIGHBOUR_CHARS = 2


@lru_cache(maxsize=65536)
def norm(text: str) -> str:
    """Comparison form: NFKC, simplified, lower case, without quotes and spaces."""
    return _QUOTES.sub("", normalize(text))


@lru_cache(maxsize=8192)
def content_words(text: str) -> frozenset[str]:
    """CJK character bigrams outside the stem templates' own words: overlap of wording without a word
    segmenter, so a quiz never starts jieba."""
    t = norm(text)  # cached: the same sentences are compared many times
    for word in STEM_WORDS:
        t = t.replace(word, " ")
    return frozenset(b for run in _CJK_RUNS.findall(t) for b in (run[i : i + 2] for i in range(len(run) - 1)))


def markers(text: str) -> set[str]:
    """What identifies a statement: its quoted names and its figures with their units (not years)."""
    t = normalize(text)
    quoted = {norm(q) for q in _QUOTED.findall(text)}
    figures = {m for m in _FIGURE.findall(t) if not _YEAR.fullmatch(m)}
    return quoted | figures


def value_pattern(value: str) -> re.Pattern:
    """A value as it may occur in a sentence; numbers never match inside longer numbers (600 in 6600)."""
    v = norm(value)
    lead = r"(?<![\d.])" if v[:1].isdigit() else ""
    tail = r"(?![\d.])" if v[-1:].isdigit() else ""
    return re.compile(lead + re.escape(v) + tail)


@dataclass(frozen=True)
class Sentence:
    chunk: Chunk
    start: int
    end: int
    text: str
    norm: str
    words: frozenset[str]
    region: str | None


@dataclass(frozen=True)
class Context:
    """What "the same context" means for one stem: the characters right beside the blank, the
    content words around it and, for a fact tied to a task, the task heading."""

    left: str
    right: str
    words: frozenset[str]
    doc_id: str = ""
    scope: str = ""


def strip_lead(stem: str) -> str:
    """The stem without its "根据《…》，" opening, which names the source rather than the fact."""
    return _LEAD.sub("", stem.strip())


def context_of(cloze: str, doc_id: str = "", scope: str = "") -> Context:
    body = strip_lead(cloze)
    marker = BLANK if BLANK in body else FILL_BLANK
    before, _, after = body.partition(marker)
    b, a = norm(before), norm(after)
    left = b[-NEIGHBOUR_CHARS:] if len(b) >= NEIGHBOUR_CHARS and _is_word(b[-NEIGHBOUR_CHARS:]) else ""
    right = a[:NEIGHBOUR_CHARS] if len(a) >= NEIGHBOUR_CHARS and _is_word(a[:NEIGHBOUR_CHARS]) else ""
    return Context(left, right, content_words(before + " " + after), doc_id, scope)


def _is_word(text: str) -> bool:
    return all(ch.isalnum() for ch in text)


def chunk_region(chunk: Chunk) -> str | None:
    """The one canonical region a clause is about; None for a clause about several regions."""
    g = gazetteer()
    if chunk.region in g.by_name:
        return chunk.region
    found = g.find(chunk.region)
    deepest = [r for r in found if all(o in g.lineage(r) for o in found)]
    return deepest[0] if deepest else None


@dataclass
class CorpusIndex:
    chunks: list[Chunk]
    sentences: list[Sentence] = field(default_factory=list)
    by_id: dict[str, Chunk] = field(default_factory=dict)
    regions: dict[str, str | None] = field(default_factory=dict)
    facts: list = field(default_factory=list)  # the Facts questions may test (filled by facts.corpus_index)
    pool: list = field(default_factory=list)  # every Fact read, including ambiguous ones: distractor material
    titled: dict[str, bool] = field(default_factory=dict)  # doc_id → its text carries its title (sources.py)

    def __post_init__(self) -> None:
        self.by_id = {c.chunk_id: c for c in self.chunks}
        self.regions = {c.chunk_id: chunk_region(c) for c in self.chunks}
        self.titled = own_titles(self.chunks)
        for c in self.chunks:
            for m in SENTENCE.finditer(c.text):
                text = m.group().strip()
                if len(text) < 2:
                    continue
                self.sentences.append(
                    Sentence(
                        c,
                        m.start(),
                        m.end(),
                        m.group(),
                        norm(text),
                        content_words(text),
                        self.regions[c.chunk_id],
                    )
                )

    def previous(self, chunk: Chunk) -> Chunk | None:
        """The clause before ``chunk`` in its document."""
        doc = [c for c in self.chunks if c.doc_id == chunk.doc_id]
        i = next(j for j, c in enumerate(doc) if c.chunk_id == chunk.chunk_id)
        return doc[i - 1] if i > 0 else None

    def attested_junction(self, value: str, ctx: Context) -> bool:
        """True when ``value`` stands somewhere in the corpus beside the character the blank has on its
        left or on its right: a swapped-in phrase that reads as the corpus's own wording, not a
        nonsense compound (“一卡通班子”, “一把手稳定实现”)."""
        if not hasattr(self, "_all_text"):
            self._all_text = "\n".join(s.norm for s in self.sentences)
        v = norm(value)
        return bool((ctx.left and ctx.left[-1] + v in self._all_text) or (ctx.right and v + ctx.right[0] in self._all_text))

    def sentences_with(self, value: str) -> list[Sentence]:
        pattern = value_pattern(value)
        return [s for s in self.sentences if pattern.search(s.norm)]

    def supported(self, value: str, ctx: Context) -> bool:
        """True when some clause states ``value`` where the stem's blank is: right beside the same
        words, among most of the same content words, or under the same task heading."""
        v = norm(value)
        for s in self.sentences_with(value):
            if ctx.scope and s.chunk.doc_id == ctx.doc_id and ctx.scope in s.chunk.heading_path:
                return True
            if (ctx.left and ctx.left + v in s.norm) or (ctx.right and v + ctx.right in s.norm):
                return True
            if len(ctx.words) >= 2 and len(ctx.words & s.words) / len(ctx.words) >= SAME_CONTEXT:
                return True
        return False

    def region_supported(self, region: str, statement: str) -> bool:
        """True when a clause about ``region`` (or a place it contains or lies in) says much the same as
        ``statement`` or names one of its figures or mechanisms."""
        g = gazetteer()
        words, marks = content_words(statement), markers(statement)
        for s in self.sentences:
            if not s.region or not g.related(s.region, region):
                continue
            if any(m in s.norm for m in marks):
                return True
            if words and len(words & s.words) / len(words) >= SAME_CONTEXT:
                return True
        return False


_CACHE: list[CorpusIndex] = []


def cached_index(chunks: list[Chunk], build) -> CorpusIndex:
    """One analysis per loaded index generation (the searcher hands out the same list until a rebuild)."""
    for index in _CACHE:
        if index.chunks is chunks:
            return index
    index = build(chunks)
    _CACHE.insert(0, index)
    del _CACHE[4:]
    return index
