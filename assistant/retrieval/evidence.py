"""The sentence that answers each part of a question, or why none does.

A sentence answers a part when it states the asked type (an amount, a rate, a time limit, a count) about the
asked subject (program, area, the question's qualifiers) in a clause of the asked region (or a region
containing it, or a place inside it) for the asked year. Headings, preambles and attribute lines are never
the answer. A question none of whose parts is answered has no basis, with the reason of the mismatch.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

import yaml
from pydantic import BaseModel, Field

from assistant.retrieval import evidence_cache
from assistant.understanding.question import (
    QuestionAnalysis,
    arabic_numerals,
    programs_in,
    question_lexicon,
    stated_figures_in,
    type_rule,
)
from indexer.models import Chunk
from indexer.numerals import numeral_chars
from indexer.regions import gazetteer
from indexer.text import _tokenizer, normalize, words

_DATA = Path(__file__).with_name("data") / "evidence.yaml"
_SENTENCE = re.compile(r"[^。；;！!？?\n]+[。；;！!？?]?")
_SEGMENT = re.compile(r"[^，,：:]+[，,：:]?")
_NUMERALS = set(numeral_chars())
_UNKNOWN_WEIGHT = 0.3
_NON_NOUN_WEIGHT = 0.5
_SENTENCE_CREDIT = 0.6


class Evidence(BaseModel):
    part: int = Field(description="index of the question part it answers")
    asked_type: str
    chunk_id: str
    region: str
    sentence: str
    start: int = Field(description="offset of the sentence in the clause text")
    end: int
    figures: list[str] = Field(default_factory=list, description="figures of the asked kind, as written")
    value: str = Field("", description="the figure the first line states (the value after a change verb)")
    negated: bool = False
    aggregate: bool = False
    score: float
    task: str = Field("", description="for an attribute line's value: the task sentence it is the attribute of")
    task_chunk_id: str = ""
    tentative: bool = Field(False, description="the closest sentence, not an exact answer: it states the asked kind "
                            "about the asked subject and region, but covers fewer of the question's words")
    permission: bool = Field(True, description="its part asks whether one may (可以 answers a yes/no part)")


class Verdict(BaseModel):
    no_basis: bool
    reason: str = ""
    confidence: float = Field(description="estimated probability that the documents answer the question")
    evidence: list[Evidence] = Field(default_factory=list)
    unanswered_parts: list[int] = Field(default_factory=list)
    part_reasons: list[str] = Field(default_factory=list, description="per part, why no sentence answers it ('' if one does)")
    refused_parts: list[int] = Field(default_factory=list, description="unanswered parts that are no basis: the "
                                     "question's first part, asking a figure no quoted sentence states")
    kind: str = Field("", description="what did not match: region | year | aggregate | type | subject | stated | content")
    tentative: bool = Field(False, description="every part's evidence is only the closest sentence (shown as such)")


# a mismatch's priority (how telling it is, low first) → its kind
_KINDS = {0: "region", 1: "year", 2: "aggregate", 3: "type", 4: "subject", 5: "stated", 6: "content", 7: "stated"}


@dataclass(frozen=True)
class Limits:
    """How much of the question a sentence must cover to answer it."""

    min_coverage: float = 0.35  # share of the question's words (IDF-weighted) in the sentence
    min_coverage_figure: float = 0.5  # the same within the figure's segment, for amount/rate/time/count
    max_unmet: float = 0.3  # share of distinctive corpus words the question uses and the clause lacks
    exact_region_bonus: float = 1.15
    exact_year_bonus: float = 1.1  # a clause of the asked place itself, not of a region containing it
    preferred_bonus: float = 1.1  # a sentence with what the asked type prefers (a list question: an enumeration)
    distinct_part_share: float = 0.7  # a later part takes another sentence than an earlier part's at this share of its score
    attribute_factor: float = 0.9  # a task's attribute line answers after a sentence of the task stating it
    # No basis needs a positive mismatch: a sentence of a top-ranked clause that contradicts nothing asked (region,
    # year, program, area, figure kind, stated figures) and lacks no distinctive noun of the question, only words,
    # is shown as the closest provision rather than refused
    tentative_coverage: float = 0.2
    tentative_rank: int = 1  # the best-ranked clauses of the asked region (0 = the first) that may give it
    tentative_factor: float = 0.5  # its confidence beside an exact answer's


@dataclass(frozen=True)
class Attribute:
    """One attribute line of a work plan's task (完成时限:3月底前…): its label and where its value stands in the
    clause that holds it (the task's last item)."""

    chunk: Chunk
    label: str
    start: int
    end: int


@dataclass(frozen=True)
class Candidate:
    chunk: Chunk
    rank: int
    region_ok: bool | None  # None: the question names no region
    parent: str = ""  # the numbered task or heading clause this one is an item of (一是… under 4.…)
    attributes: tuple[Attribute, ...] = ()  # the attribute lines of its task (task_attributes)


@lru_cache(maxsize=1)
def noise_rules() -> dict:
    return yaml.safe_load(_DATA.read_text(encoding="utf-8"))


@lru_cache(maxsize=64)
def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def sentence_spans(chunk: Chunk) -> list[tuple[int, int]]:
    """Quotable sentences of a clause: without leading headings, attribute lines, preambles."""
    return _spans(chunk.text, tuple(chunk.heading_path))


@lru_cache(maxsize=8192)
def _spans(text: str, heading_path: tuple[str, ...]) -> list[tuple[int, int]]:
    chunk = _Text(text, heading_path)
    out = []
    for m in _SENTENCE.finditer(chunk.text):
        start, end = m.start(), m.end()
        start = _skip_heading(chunk, start, end)
        attribute = _inline_attribute().search(chunk.text, start, end)
        if attribute:
            end = attribute.start()  # …完善关爱服务措施(责任单位:…): the task, without its attribute
        text = chunk.text[start:end].strip()
        if len(text) >= 6 and not is_noise(text):
            lead = len(chunk.text[start:end]) - len(chunk.text[start:end].lstrip())
            out.append((start + lead, end))
    return out


@dataclass(frozen=True)
class _Text:
    text: str
    heading_path: tuple[str, ...]


def _skip_heading(chunk: _Text | Chunk, start: int, end: int) -> int:
    """A sentence that begins with its clause's heading ("一、指导思想 以…") is quoted from after it."""
    text = chunk.text[start:end]
    stripped = text.lstrip()
    offset = len(text) - len(stripped)
    for heading in sorted(chunk.heading_path, key=len, reverse=True):
        h = heading.strip().rstrip("…")
        # a heading line is set off from its body by a space; a clause's opening words used as its
        # heading are not
        if h and stripped.startswith(h) and len(stripped) > len(h) + 1 and stripped[len(h)].isspace():
            return start + offset + len(h)
    return start


def parents(chunks: list[Chunk]) -> list[str]:
    """Per clause, the first sentence of the nearest earlier clause of its document that opens with an outline
    number (4.实施… for the 一是/二是 items under it): the items' subject is often named only there."""
    outline = _rx(noise_rules()["outline"])
    out, last = [], {}
    for c in chunks:
        out.append(last.get(c.doc_id, ""))
        if outline.match(c.text):
            first = _SENTENCE.match(c.text)
            last[c.doc_id] = first.group() if first else ""
    return out


@lru_cache(maxsize=1)
def _inline_attribute() -> re.Pattern[str]:
    """An attribute in brackets at a task's end: (责任单位:社会救助处,各盟市民政局)."""
    alternatives = "|".join(map(re.escape, noise_rules()["attribute_labels"]))
    return re.compile(rf"[（(]\s*({alternatives})\s*[:：]\s*([^（()）]+?)\s*[)）]")


def task_attributes(chunks: list[Chunk]) -> list[tuple[Attribute, ...]]:
    """Per clause, the attribute lines of its task: a work plan lists 责任领导/责任股室/完成时限 once, after the
    task's last item, for every item under the same heading of the same document."""
    labels = noise_rules()["attribute_labels"]
    alternatives = "|".join(map(re.escape, labels))
    line = re.compile(rf"^[ \t　]*({alternatives})\s*[:：][ \t　]*(.+?)[ \t　]*$", re.M)
    inline = _inline_attribute()  # an opinion's task paragraph ends with it: …提质增效。(责任单位:社会救助处,…)
    by_task: dict[tuple, list[Attribute]] = {}
    for c in chunks:
        if not any(label in c.text for label in labels):
            continue
        found = list(line.finditer(c.text)) or list(inline.finditer(c.text))
        for m in found:
            by_task.setdefault(_task_key(c), []).append(Attribute(c, m.group(1), m.start(2), m.end(2)))
    return [tuple(by_task.get(_task_key(c), ())) for c in chunks]


def _task_key(c: Chunk) -> tuple:
    """A clause's task: its document and heading path without the item headings under the task (一是…)."""
    item = _rx(noise_rules()["enumerated_heading"])
    path = list(c.heading_path)
    while path and item.match(path[-1]):
        path.pop()
    return (c.doc_id, tuple(path))


def is_noise(sentence: str) -> bool:
    rules = noise_rules()
    s = sentence.strip()
    if any(re.match(rf"\s*[（(]?\s*{re.escape(label)}\s*[:：]", s) for label in rules["attribute_labels"]):
        return True
    if sum(1 for label in rules["attribute_labels"] if label in s) >= 2:
        return True
    body = _rx(rules["article"]).sub("", s).lstrip()
    if any(_rx(p).search(body) for p in rules["preamble"]):
        return True
    if _rx(rules["issuer_line"]).match(s) or any(_rx(p).match(s) for p in rules["title_line"]):
        return True
    if _rx(rules["enumerated_heading"]).match(s) and len(s) <= rules["enumerated_heading_max_chars"]:
        return True
    if _rx(rules["article"]).match(s) and _rx(rules["sentence_end"]).search(s):
        return False
    return bool(_rx(rules["outline"]).match(s)) and len(s) <= rules["heading_max_chars"]


@lru_cache(maxsize=8192)
def _norm(text: str) -> str:
    """Clause text as questions are read: simplified, half-width, lower case, arabic numerals."""
    return arabic_numerals(normalize(text))


def figures_of(text: str, kinds: list[str]) -> list[re.Match[str]]:
    return list(_figures_of(text, tuple(kinds)))


@lru_cache(maxsize=1 << 14)
def _figures_of(text: str, kinds: tuple[str, ...]) -> tuple[re.Match[str], ...]:
    # cached: the same candidate sentences are read for the same kinds question after question
    lex = question_lexicon()
    found = sorted((m for k in kinds for m in _rx(lex.figures[k]).finditer(text)), key=lambda m: (m.start(), -m.end()))
    out: list[re.Match[str]] = []
    for m in found:  # the longest of overlapping readings (20个工作日内, not also 20个)
        if not out or m.start() >= out[-1].end():
            out.append(m)
    return tuple(out)


def _value(segment: str, found: list[re.Match[str]], sentence: str = "", years: list[str] | None = None) -> str:
    """The figure a first line states: the asked year's one where years and figures pair up (2018年、2020年…
    分别为3908元、4500元), after a change verb the new value, else all figures in order."""
    lex = question_lexicon()
    stated_years = re.findall(r"(?<!\d)(20\d\d)(?!\d)", sentence)
    if years and len(found) > 1 and len(stated_years) == len(found) and years[0] in stated_years:
        return found[stated_years.index(years[0])].group().strip()
    for verb in sorted(lex.change_verbs, key=len, reverse=True):
        i = segment.rfind(verb)
        if i >= 0:
            after = [m.group().strip() for m in found if m.start() >= i + len(verb)]
            if after:
                return "、".join(after)
    return "、".join(dict.fromkeys(m.group().strip() for m in found))


@lru_cache(maxsize=4096)
def nouns_of(text: str) -> frozenset[str]:
    """The common nouns of a question (jieba's part-of-speech tags n, nz, ng), with the words they split into."""
    out = set()
    for w in _pos_cut(text):
        if w.flag in ("n", "nz", "ng"):
            out.add(w.word)
            out.update(words(w.word))
    return frozenset(out)


@lru_cache(maxsize=1 << 14)
def _pos_cut(text: str) -> tuple:
    """jieba's words with part-of-speech tags, cached: clause segments come back question after question."""
    return tuple(_pos_tokenizer().cut(text))


@lru_cache(maxsize=1)
def _pos_tokenizer():
    import jieba.posseg

    return jieba.posseg.POSTokenizer(_tokenizer())  # the index's jieba with its user dictionary


def content_words(text: str, fillers: set[str]) -> list[str]:
    """The words of a question that carry its content: no region names, question words, fillers or figures."""
    return list(_content_words(text, frozenset(fillers)))


@lru_cache(maxsize=4096)
def _content_words(text: str, fillers: frozenset[str]) -> tuple[str, ...]:
    g = gazetteer()
    lex = question_lexicon()
    for m in g.locate(text):
        text = text.replace(m.text, " ")
    for rule in lex.asked_types:
        for cue in rule.cues:
            text = _rx(cue).sub(" ", text)
    noise = fillers | set(noise_rules()["question_noise"])
    out = []
    for w in words(text):
        if w.isascii() or w in noise or len(w) < 2 or w[0].isdigit() or all(ch in _NUMERALS for ch in w):
            continue
        out.append(w)
    return tuple(dict.fromkeys(out))


def one_per_unknown_compound(found: list[str], idf) -> list[str]:
    """jieba's search mode gives a long word with its pieces (七十多岁, 十多, 多岁, 七十多…). Where the corpus never
    uses the long word, it is a colloquial compound: it and those of its pieces the corpus does not use either are
    one word of the question, counted once (as the long word), so a description in the asker's own words does not
    outweigh what is asked (困难户 unknown keeps 困难, a corpus word)."""
    unknown_long = [w for w in found if len(w) >= 3 and w not in idf]
    return [w for w in found if w in idf or not any(w != u and w in u for u in unknown_long)]


def select(
    q: QuestionAnalysis,
    candidates: list[Candidate],
    expansions: dict[str, list[str]],
    idf: dict[str, float],
    fillers: set[str],
    limits: Limits | None = None,
    today: date | None = None,
) -> Verdict:
    """The best answering sentence for each part of ``q`` among the ranked candidate clauses."""
    if q.years_back and not q.years:
        # 前年的标准: the calendar year counted back from today, held to the clauses as a stated year is
        year = (today or date.today()).year
        q = q.model_copy(update={"years": [str(year - n) for n in q.years_back], "relative_year": False})
    if q.regions and not any(c.region_ok for c in candidates):
        return Verdict(no_basis=True, reason=_reason("no_region", asked="、".join(_provinces(q.regions))), confidence=0.02,
                       kind="region")
    evidence, reasons, part_reasons = [], [], []
    for i, _part in enumerate(q.parts):
        best, why = _best_for_part(q, i, candidates, expansions, idf, fillers, limits or Limits())
        quoted = {(e.chunk_id, e.start) for e in evidence}
        if best is not None and (best.chunk_id, best.start) in quoted:
            # the sentence that answered an earlier part: another one answering this part nearly as well is
            # what this part asks (定期探访以哪些人为重点？日常巡访靠谁？ are two sentences of one clause)
            other, _ = _best_for_part(q, i, candidates, expansions, idf, fillers, limits or Limits(), quoted)
            if other is not None and other.score >= (limits or Limits()).distinct_part_share * best.score:
                best = other
        if best is not None:
            best.permission = q.parts[i].permission
            evidence.append(best)
            part_reasons.append("")
        else:
            reasons.append(why)
            part_reasons.append(why[1])
    unanswered = [i for i in range(len(q.parts)) if not any(e.part == i for e in evidence)]
    if not evidence:
        first = reasons[0] if reasons else (9, _reason("nothing"))
        return Verdict(no_basis=True, reason=first[1], kind=_KINDS.get(first[0], "content"), confidence=0.05,
                       unanswered_parts=unanswered)
    confidence = min(e.score for e in evidence)
    return Verdict(no_basis=False, confidence=round(confidence, 3), evidence=evidence, unanswered_parts=unanswered,
                   part_reasons=part_reasons, refused_parts=_refused_first(q, unanswered, evidence),
                   tentative=all(e.tentative for e in evidence))


_FIGURE_TYPES = ("amount", "rate", "deadline", "count")


def _refused_first(q: QuestionAnalysis, unanswered: list[int], evidence: list[Evidence]) -> list[int]:
    """The first part asks the question's figure (贵州城市低保标准一个月多少？特困不是按它的1.3倍算嘛): when no
    sentence answers it and none quoted for a later part states a figure of its kind either, the documents hold
    no basis for what is asked, whatever the later parts find. (A later part's sentence stating such a figure
    may be this part's answer the coverage test missed: then the part is only unstated.)"""
    if 0 not in unanswered or q.parts[0].asked_type not in _FIGURE_TYPES:
        return []
    rule = type_rule(q.parts[0].text, q.parts[0].asked_type)
    kinds = rule.evidence if rule else []
    named = {float(n) for n in _NUMBER.findall(q.text)}  # 特困不是按它的1.3倍算嘛: the later part's own figure
    if kinds and any(any(float(n) not in named for n in _NUMBER.findall(m.group()))
                     for e in evidence for m in figures_of(_norm(e.sentence), kinds)):
        return []
    return [0]


def _provinces(regions: list[str]) -> list[str]:
    """杭州市 → 浙江省、杭州市: the asked place with its province, so the user sees what is missing."""
    g = gazetteer()
    out = []
    for r in regions:
        province = g.province_of(r)
        out.extend([p for p in (province, r) if p])
    return list(dict.fromkeys(out))


def _best_for_part(q, i, candidates, expansions, idf, fillers, limits: Limits,
                   exclude: frozenset | set = frozenset()) -> tuple[Evidence | None, tuple[int, str]]:
    part = q.parts[i]
    rule = type_rule(part.text, part.asked_type)
    kinds = rule.evidence if rule else []
    # words of this part, with the question's context before it
    terms = content_words(part.text, fillers) or content_words(q.text, fillers)
    if not terms:
        # a question in English or pinyin: its words are the translations' first terms, each of which is met by
        # any translation of the same source word (poverty → 贫困 or 脱贫)
        terms = content_words(" ".join(dict.fromkeys(ts[0] for ts in expansions.values() if ts)), fillers)
        expansions = {**expansions, **{ts[0]: ts for ts in expansions.values() if ts}}
    # a person word right after a program's name (五保老人, 低保户老人) names that program's beneficiary, which
    # the program check already holds the sentence to: it is no further word the sentence must contain
    terms = [t for t in one_per_unknown_compound(terms, idf) if not _beneficiary(t, q.text)]
    if i > 0 and not set(terms) & nouns_of(part.text):
        # a follow-up part naming no subject of its own (啥时候之前要弄完) asks about the one before it
        # (the part's own words weigh more: the sentence answering the part before is not this part's answer)
        terms = list(dict.fromkeys([*terms, *(ContextWord(w) for w in content_words(q.parts[i - 1].text, fillers)
                                              if w not in terms)]))
    best: Evidence | None = None
    own: Evidence | None = None  # the best from a clause of the asked place itself
    found_all: list[tuple[Evidence, Candidate]] = []
    named: Evidence | None = None  # the best attribute line whose label the part names
    reasons: list[tuple[int, str]] = []
    near: list[Evidence] = []  # sentences short only of the question's words (see Limits.tentative_coverage)
    fitting = 0  # clauses of the asked region seen so far
    for c in candidates:
        if c.region_ok is False or (part.regions and not _fits(c.chunk.region, part.regions)):
            reasons.append((0, _region_reason(q, c.chunk)))
            continue
        fitting += 1
        if q.years and not q.relative_year and not _covers_year(c.chunk, q.years):
            reasons.append((1, _reason("year", years="、".join(q.years), given=_years_of(c.chunk))))
            continue
        for start, end in sentence_spans(c.chunk):
            if (c.chunk.chunk_id, start) in exclude:
                continue
            found, why = _judge_sentence(q, part.asked_type, kinds, c, start, end, terms, expansions, idf, limits,
                                         part.text, near if fitting <= limits.tentative_rank + 1 else None)
            if found is None:
                reasons.append(why)
                continue
            found.part = i
            found_all.append((found, c))
            if best is None or found.score > best.score:
                best = found
            if q.regions and _fits_exactly(c.chunk.region, part.regions or q.regions) and (
                    own is None or found.score > own.score):
                own = found
        for attr in _answering_attributes(c, part.asked_type, part.text):
            found = _judge_attribute(q, part.asked_type, kinds, c, attr, terms, expansions, idf, limits)
            if found is not None:
                found.part = i
                if attr.label in part.text and (named is None or found.score > named.score):
                    named = found
                if best is None or found.score > best.score:
                    best = found
                if q.regions and _fits_exactly(c.chunk.region, part.regions or q.regions) and (
                        own is None or found.score > own.score):
                    own = found
    if named is not None:
        return named, (9, "")  # 责任单位是谁: the task's line of that label states it, not a sentence of the task
    if own is not None or best is not None:
        return _quoting(q, own, best, found_all), (9, "")
    if near:
        tentative = max(near, key=lambda e: e.score)
        tentative.part = i
        return tentative, (9, "")
    # the reason of the best-ranked clause of the asked region (the one a caseworker would look at first)
    own = [r for r in reasons if r[0] > 0] or reasons
    own.sort(key=lambda r: -r[0])
    return None, own[0] if own else (9, _reason("nothing"))


def _judge_sentence(q, asked, kinds, c: Candidate, start, end, terms, expansions, idf,
                    limits: Limits = Limits(), part_text: str = "",
                    near: list[Evidence] | None = None) -> tuple[Evidence | None, tuple[int, str]]:
    chunk = c.chunk
    if "year" in kinds and not figures_of(_norm(chunk.text[start:end]), kinds):
        # 2019年,…;…核对平台全面建立;: a clause after a semicolon happened in the year its sentence opens with,
        # which is quoted with it
        start = _year_lead(chunk.text, start)
    sentence = chunk.text[start:end]
    norm = _norm(sentence)
    years = set(re.findall(r"(?<!\d)(20\d\d)(?!\d)", norm))
    if q.years and years and not years & set(q.years) and not q.relative_year:
        return None, (1, _reason("year", years="、".join(q.years), given="、".join(sorted(years))))
    context = _norm(" ".join([c.parent, *chunk.heading_path, chunk.text]))
    unstated = _unstated(q, part_text, " ".join([c.parent, *chunk.heading_path, chunk.text]), asked)
    if unstated:
        return None, (5, _reason("stated", figures="、".join(unstated)))
    counted = _counted_only(q, asked, norm, [t for t in terms if not isinstance(t, ContextWord) and t not in context])
    if counted:
        return None, (5, _reason("counted_only", figures="、".join(counted)))
    rule = type_rule(part_text, asked) if part_text else question_lexicon().rule(asked)
    prefer = rule.prefer if rule else []
    found = figures_of(norm, kinds) if kinds else []
    if kinds and not found:
        return None, (3, _reason(f"type_{asked}"))
    unchanged = _unchanged(part_text or q.text, found)
    if unchanged:
        # the sentence states what is asked about, only not a new value: the most telling reason (7)
        return None, (7, _reason("unchanged", figures="、".join(unchanged)))
    # each figure is judged with the segment it is about (its comma segment, and a short one before it)
    scopes = list(dict.fromkeys(_about(norm, m) for m in found)) if found else [norm]
    caption, key = _row_scope(chunk, norm)
    # an item (四是…) states its task's subject only in the task's own sentence: that counts as its sentence
    # (the parent clause, or the heading the item stands under when the task is one: 4.实施…机制 / 四是…)
    task_line = c.parent or (chunk.heading_path[-1] if chunk.heading_path else "")
    item_of = _norm(task_line) + " " if task_line and _rx(noise_rules()["enumerated_heading"]).match(chunk.text) else ""
    row_place = _row_place(q, key)
    if row_place is False:
        return None, (0, _region_reason(q, chunk))  # a standards table's row of another county
    best: Evidence | None = None
    why = (3, _reason(f"type_{asked}"))
    for segment in scopes:
        seg_found = [m for m in found if m.group() in segment]
        failed = _mismatch(q, segment, norm, chunk, seg_found, frozenset(programs_in(context)), part_text)
        if failed:
            why = max(why, failed)
            continue
        # a figure's own segment must name what it is about; elsewhere in the clause counts less
        score, unmet = _coverage(terms, key + segment, norm + " " + context, expansions, idf, 0.3 if kinds else 0.6,
                                 nouns_of(q.text), caption + item_of + norm if kinds else "")
        if score < (limits.min_coverage_figure if kinds else limits.min_coverage) or unmet > limits.max_unmet:
            why = max(why, (6, _reason("content")))
            own = norm + " " + _norm(" ".join([c.parent, *chunk.heading_path]))  # the sentence under its headings
            if near is not None and score >= limits.tentative_coverage and _subject_stated(
                    q, part_text, terms, own, expansions, programs_in(own)):
                # nothing contradicts the question and every term of art it names is in the clause: the
                # closest provision, short only of the question's own words
                near.append(_evidence(q, asked, chunk, sentence, start, end, segment, seg_found, norm,
                                      score * limits.tentative_factor / (1 + 0.08 * c.rank), tentative=True))
            continue
        score *= 1 / (1 + 0.08 * c.rank)
        if q.years and years == set(q.years):
            score *= limits.exact_year_bonus  # the asked year's own sentence, not one listing several years
        if (q.regions and _fits_exactly(chunk.region, q.regions)) or row_place:
            score *= limits.exact_region_bonus  # the county's own rule (or table row) before its province's
        if prefer and figures_of(segment, prefer):
            score *= limits.preferred_bonus
        if best is None or score > best.score:
            best = _evidence(q, asked, chunk, sentence, start, end, segment, seg_found, norm, score)
    return best, why


def _subject_stated(q: QuestionAnalysis, part_text: str, terms, clause: str, expansions,
                    clause_programs: list[str]) -> bool:
    """The sentence (under its headings) names what the question is about: one of the programs it asks of (when it names any) and every
    term of art it uses (渐退期, 高龄津贴, 一事一议 — the policy vocabulary of the data files), itself or by a
    synonym. A term of art missing is a positive mismatch (渐退期 asked, 办理时限 stated); a plain word missing
    (关系, 个案, 照料) is only a difference of wording."""
    asked = programs_in(part_text) or q.programs
    if asked and not set(asked) & set(clause_programs):
        return False
    text = part_text or q.text
    art = _terms_of_art()
    named = [t for t in art if t in text]  # 高龄津贴 though jieba split it
    named = [t for t in dict.fromkeys([*named, *(t for t in terms if t in art)]) if not any(t != u and t in u for u in named)]
    for t in named:
        if not any(a in clause for a in [t, *(e for src, exp in expansions.items() if t in src for e in exp)]):
            return False
    # the standard asked is named by its modifiers (照料护理标准): a sentence naming none of them states another
    return all(any(m in clause for m in modifiers) for modifiers in _measure_modifiers(text))


def _measure_modifiers(question: str) -> list[list[str]]:
    """Per measure head the question names after words of its own (照料护理标准), those words."""
    heads = question_lexicon().measure_heads
    tokens = [w.word for w in _pos_cut(question)]
    out = []
    for k, w in enumerate(tokens):
        if w in heads and k > 0:
            modifiers = [t for t in tokens[max(0, k - 2) : k] if len(t) >= 2 and t not in heads]
            if modifiers:
                out.append(modifiers)
    return out


@lru_cache(maxsize=1)
def _terms_of_art() -> frozenset[str]:
    """The policy terms the data files name: programs (question.yaml), synonym and caseworker groups
    (indexer/data/synonyms.yaml), the index's user dictionary (indexer/data/userdict.txt)."""
    from assistant.retrieval.query import lexicon

    out = set(_program_terms())
    syn = lexicon()
    out.update(t for g in syn.get("groups", []) for t in g)
    out.update(t for e in syn.get("caseworker", []) for t in e["terms"])
    userdict = Path(__file__).resolve().parents[2] / "indexer" / "data" / "userdict.txt"
    if userdict.exists():
        out.update(line.split()[0] for line in userdict.read_text(encoding="utf-8").splitlines() if line.strip())
    return frozenset(t for t in out if len(t) >= 2)


def _evidence(q, asked, chunk: Chunk, sentence, start, end, segment, seg_found, norm, score,
              tentative: bool = False) -> Evidence:
    return Evidence(
        part=0, asked_type=asked, chunk_id=chunk.chunk_id, region=chunk.region, sentence=sentence.strip(),
        start=start, end=end, figures=[m.group().strip() for m in seg_found],
        value=_value(segment, seg_found, norm, q.years) if seg_found else "",
        negated=any(n in segment for n in question_lexicon().negations),
        aggregate=any(a in segment for a in question_lexicon().aggregate), score=round(score, 4), tentative=tentative,
    )


_YEAR_LEAD = re.compile(r"\s*(?:19|20)\d\d\s*年\s*[,，]")


def _year_lead(text: str, start: int) -> int:
    """Where the full sentence holding ``start`` begins when it opens with a year (2019年,…); else ``start``."""
    begin = max(text.rfind("。", 0, start), text.rfind("\n", 0, start)) + 1
    if begin < start and _YEAR_LEAD.match(text, begin):
        return begin + len(text[begin:start]) - len(text[begin:start].lstrip())
    return start


def _unstated(q: QuestionAnalysis, part_text: str, clause: str, asked: str = "") -> list[str]:
    """The figures the part states (三级, 分三档) that the clause does not: each part is held to its own (a premise
    in another part, 原先不是说只有一二级, does not refuse the part asked); a count of tiers or items (3档) is also
    stated by a list of that many (255元、285元、400元). A person's grade told in a yes/no (我妈一级残疾，两项补贴
    能同时拿吗) is the asker's situation: a clause stating no grade at all is a rule for every grade, one stating
    other grades (三级 when 四级 is asked) does not cover it."""
    stated = sorted(stated_figures_in(part_text)) if part_text else q.stated_figures
    in_clause = stated_figures_in(clause)
    missing = [f for f in stated if f not in in_clause]
    if asked == "yes_no":
        personal = tuple(noise_rules()["personal_units"])
        missing = [f for f in missing if not (f.endswith(personal) and not any(g.endswith(f[-1]) for g in in_clause))]
    if not missing:
        return []
    units = tuple(noise_rules()["listed_units"])
    lengths = _list_lengths(_norm(clause))
    return [f for f in missing if not (f.endswith(units) and f[:-1].isdigit() and int(f[:-1]) in lengths)]


_NUMBER = re.compile(r"(?<![\d.])\d+(?:\.\d+)?(?![\d.])")


def _unchanged(part_text: str, found: list[re.Match[str]]) -> list[str]:
    """A part asking what a figure it names was changed to (那个8640的线调成多少了): the sentence's figures of the
    asked kind, when each is one the part names itself (the sentence restates the old value, not a new one)."""
    if not found or not any(w in part_text for w in question_lexicon().asked_changes):
        return []
    named = {float(n) for n in _NUMBER.findall(_YEARS.sub(" ", part_text))}
    values = [m.group().strip() for m in found]
    stated = [v for v in values if any(float(n) in named for n in _NUMBER.findall(v))]
    return stated if named and len(stated) == len(values) else []


_YEARS = re.compile(r"(?<!\d)(?:19|20)\d\d\s*年")


def _list_lengths(norm: str) -> set[int]:
    """How many items each 、-separated list of the text holds (its runs of figures or of short phrases)."""
    out = set()
    for m in _rx(question_lexicon().figures["figure_list"]).finditer(norm):
        out.add(len(_rx(r"\d+(?:\.\d+)?\s*(?:万|亿)?(?:元|%|倍)").findall(m.group())))
    for segment in _SEGMENT.findall(norm):
        items = [t for t in re.split(r"[、]", segment) if t.strip()]
        if len(items) >= 2:
            out.add(len(items))
    return out


def _counted_only(q: QuestionAnalysis, asked: str, norm: str, unnamed: list[str] | None = None) -> list[str]:
    """A list asked of items the question counts (那25项都有哪些): a sentence that states the count and
    enumerates nothing from that figure on (包括以下25项：…) gives the number, not the list. So does a yes/no
    asked whether an item the clause never names is one of them (那25项里有没有X): the count does not say."""
    units = tuple(noise_rules()["listed_units"])
    counts = [f for f in q.stated_figures if f.endswith(units)]
    member = asked == "yes_no" and bool(unnamed) and bool(counts) and any(
        w in q.text for w in noise_rules()["membership_words"])
    if member and not any(f in norm for f in counts):
        return counts  # a sentence not counting those items says nothing of what is among them
    stated = [f for f in counts if f in norm] if asked == "list" or member else []
    if stated and not figures_of(norm[min(norm.find(f) for f in stated) :], ["enumeration"]):
        return stated
    return []


def _quoting(q: QuestionAnalysis, own: Evidence | None, best: Evidence | None,
             found: list[tuple[Evidence, Candidate]]) -> Evidence | None:
    """What a question puts in quotes (“6+1”行动) it wants verbatim: of the answering sentences, one naming it
    goes first (of the asked place's own clauses where there are any)."""
    chosen = own or best
    if not q.quoted or chosen is None or all(t in _norm(chosen.sentence) for t in q.quoted):
        return chosen
    quoting = [(e, c) for e, c in found if all(t in _norm(e.sentence) for t in q.quoted)]
    if own is not None:
        quoting = [(e, c) for e, c in quoting if _fits_exactly(c.chunk.region, q.regions)] or []
    return max(quoting, key=lambda x: x[0].score)[0] if quoting else chosen


def _beneficiary(term: str, text: str) -> bool:
    return term in _person_words() and any(p + term in text for p in _program_terms())


@lru_cache(maxsize=1)
def _person_words() -> frozenset[str]:
    from assistant.understanding.tables import people

    return frozenset(w for p in people().people for w in p.words)


@lru_cache(maxsize=1)
def _program_terms() -> tuple[str, ...]:
    return tuple(t for p in question_lexicon().programs.values() for t in p.terms)


def _answering_attributes(c: Candidate, asked: str, question: str = "") -> list[Attribute]:
    """The task's attribute lines of the asked type's labels, and any whose label the question names (责任领导是谁)."""
    labels = noise_rules()["attribute_answers"].get(asked, [])
    return [a for a in c.attributes if a.label in labels or (question and a.label in question)]


def _judge_attribute(q, asked, kinds, c: Candidate, attr: Attribute, terms, expansions, idf,
                     limits: Limits) -> Evidence | None:
    """An attribute line's value (完成时限:4月底前完成) answers a question of its type about the task: it must state
    the asked kind of figure, and the task's clause (the candidate) must cover the question as a sentence would."""
    value = attr.chunk.text[attr.start : attr.end]
    norm = _norm(value)
    years = set(re.findall(r"(?<!\d)(20\d\d)(?!\d)", norm))
    if q.years and years and not years & set(q.years) and not q.relative_year:
        return None
    found = figures_of(norm, kinds) if kinds else []
    if kinds and not found:
        return None
    # the value names little itself: the task (its clause and the task's own sentence) counts as its sentence
    task = _norm(" ".join([c.parent, c.chunk.text]))
    context = _norm(" ".join(c.chunk.heading_path))
    # a label the question names (责任领导是谁) is stated by the line as much as its value
    named = attr.label in q.text
    scope = f"{_norm(attr.label)} {norm}" if named else norm
    if "agent" in kinds:
        # which office asked: an office's name says nothing of the task, what the question asks about is the task
        # it is the office of
        scope = f"{scope} {task}"
    score, unmet = _coverage(terms, scope, task + " " + context, expansions, idf, 0.3, nouns_of(q.text), task)
    if score < limits.min_coverage_figure or unmet > limits.max_unmet:
        return None
    score *= limits.attribute_factor / (1 + 0.08 * c.rank)
    if q.regions and _fits_exactly(c.chunk.region, q.regions):
        score *= limits.exact_region_bonus
    spans = sentence_spans(c.chunk)
    figures = [m.group().strip() for m in found]
    if figures and not named:
        # the task's own sentence stating the same figures (每季度对台账人员排查一遍 beside 完成时限:…后续每季度
        # 进行一次) is the rule itself: it is quoted, the attribute line only repeats it
        for chunk in [c.chunk] + ([attr.chunk] if attr.chunk.chunk_id != c.chunk.chunk_id else []):
            for start, end in sentence_spans(chunk):
                if all(f in _norm(chunk.text[start:end]) for f in figures):
                    return Evidence(part=0, asked_type=asked, chunk_id=chunk.chunk_id, region=chunk.region,
                                    sentence=chunk.text[start:end].strip(), start=start, end=end, figures=figures,
                                    value=_value(norm, found), score=round(score, 4))
    task_sentence = c.chunk.text[spans[0][0] : spans[0][1]].strip() if spans else ""
    return Evidence(part=0, asked_type=asked, chunk_id=attr.chunk.chunk_id, region=attr.chunk.region,
                    sentence=value.strip(), start=attr.start, end=attr.end,
                    figures=[m.group().strip() for m in found], value=_value(norm, found) if found else "",
                    score=round(score, 4), task=task_sentence, task_chunk_id=c.chunk.chunk_id)


def _mismatch(q: QuestionAnalysis, segment: str, sentence: str, chunk: Chunk, found,
              programs_of_clause: frozenset[str] = frozenset(), part_text: str = "") -> tuple[int, str] | None:
    """Why the segment does not state the asked thing: another program, the other area, a region's average."""
    lex = question_lexicon()
    subject = _subject_of_multiple(segment, found)
    stated = programs_in(subject) or programs_in(sentence)
    programs = programs_in(part_text) or q.programs if part_text else q.programs
    if programs and stated and not set(stated) & set(programs):
        return 4, _reason("program")
    if found and _other_measure(part_text or q.text, segment):
        return 4, _reason("measure")
    if any(w in segment for x in q.excluded for w in [x, *words(x)] if len(w) >= 2):
        return 4, _reason("excluded", what="、".join(q.excluded))
    # a program the question names as the person's status (我妈是低保户，两项补贴能同时拿吗) describes the asker: it
    # need not be in the clause beside the one asked
    asked_programs = [p for p in programs if not _status_only(p, part_text)] if part_text else programs
    missing = [p for p in asked_programs if p not in programs_of_clause]
    if missing and len(asked_programs) > 1:
        # every program the question names must be in the clause (低保边缘家庭 asked, only 脱贫老年人 stated)
        return 4, _reason("program")
    if q.area:
        other = next(a for a in lex.areas if a != q.area)
        # the segment's own area, else the sentence's (补差标准… follows 农村低保标准… in one sentence)
        named = [w for ws in lex.areas.values() for w in ws if w in segment]
        scope = segment if named else sentence
        if any(w in scope for w in lex.areas[other]) and not any(w in scope for w in lex.areas[q.area]):
            return 4, _reason(f"area_{other}")
    if found and any(w in (part_text or q.text) for w in lex.per_case) and any(w in segment for w in lex.pooled):
        return 2, _reason("pooled")
    asked_side = [k for k, ws in lex.comparisons.items() if any(w in (part_text or q.text) for w in ws)]
    if len(asked_side) == 1:
        named = [k for k, ws in lex.comparisons.items() if any(w in segment for w in ws)]
        scope = segment if named else sentence
        stated_side = {k for k, ws in lex.comparisons.items() if any(w in scope for w in ws)}
        if stated_side and asked_side[0] not in stated_side:
            return 4, _reason("comparison")
    if found and any(a in segment for a in lex.aggregate) and _below_source(q, chunk):
        return 2, _reason("aggregate")
    return None


def _status_only(program: str, part_text: str) -> bool:
    """The part names ``program`` only as someone's status (是低保户, 属于特困对象), in a clause that asks nothing."""
    rx = _rx(noise_rules()["person_status"])
    terms = question_lexicon().programs[program].terms
    clauses = [c for c in re.split(r"[，,；;]", part_text) if c.strip()]
    naming = [c for c in clauses if programs_in(c) and program in programs_in(c)]
    return bool(naming) and all(type_rule(c) is None and any(
        m.group("term") in terms for m in rx.finditer(c)) for c in naming)


def _other_measure(question: str, segment: str) -> bool:
    """照料护理标准 asked, the segment's figure is of 基本生活标准: the words the question puts before a measure
    head are missing from the segment, which names that head after other words."""
    heads = question_lexicon().measure_heads
    tokens = [w.word for w in _pos_cut(question)]
    for k, w in enumerate(tokens):
        if w not in heads or k == 0:
            continue
        modifiers = [t for t in tokens[max(0, k - 2) : k] if len(t) >= 2 and t not in heads]
        if modifiers and not any(m in segment for m in modifiers) and _compound_of(w, segment):
            return True
    return False


def _compound_of(head: str, segment: str) -> bool:
    """The segment names ``head`` after a noun of its own (基本生活标准), not bare (下拨经费)."""
    seg = _pos_cut(segment)
    return any(t.word == head and k > 0 and seg[k - 1].flag.startswith(("n", "vn")) for k, t in enumerate(seg))


def _subject_of_multiple(segment: str, found) -> str:
    """特困人员基本生活标准达当地城市低保标准1.3倍: a multiple is about what comes before its reference."""
    multiple = _rx(question_lexicon().figures["multiple"])
    first = next((m for m in found if multiple.fullmatch(m.group().strip())), None)
    if first is None:
        return segment
    i = segment.find(first.group())
    head = segment[: i if i >= 0 else len(segment)]
    cut = max((head.rfind(v) for v in question_lexicon().reference_verbs), default=-1)
    # 按当地月低保标准的3倍 opening its segment: the subject is before it (the sentence's), 低保 only the reference
    return head[:cut] if cut > 0 else "" if cut == 0 else segment


def _row_scope(chunk: Chunk, norm: str) -> tuple[str, str]:
    """A table row's caption (its heading path) and key (its first cell, after a short serial cell): a cell's
    figure is about the row's key, and about the caption as much as about the rest of its sentence."""
    if not chunk.heading_path or not _rx(noise_rules()["table_row"]).match(chunk.heading_path[-1]):
        return "", ""
    cells = _SEGMENT.findall(norm)
    key = "".join(cells[:2]) if len(cells) > 2 and len(cells[0]) < 12 else (cells[0] if cells else "")
    return _norm(" ".join(chunk.heading_path[:-1])) + " ", key + " "


def _row_place(q: QuestionAnalysis, key: str) -> bool | None:
    """Whether a table row's key cell names the place the question asks about: True, False (it names other
    places), None (the row is no place's, or the question names none). Names are compared as written too, as
    a district's name shared by several cities (朝阳区) resolves to no region of its own."""
    if not key:
        return None
    g = gazetteer()
    asked = [m.text for m in g.locate(q.text)]
    named = g.find(key)
    if not asked or not named and not any(a in key for a in asked):
        return None
    return any(a in key for a in asked) or bool(set(named) & set(g.find(q.text)))


def _about(norm: str, figure: re.Match[str]) -> str:
    segments = [(m.start(), m.end()) for m in _SEGMENT.finditer(norm)]
    first = figure.start()
    for k, (s, e) in enumerate(segments):
        if s <= first < e:
            lo = segments[k - 1][0] if k > 0 and len(norm[s:e]) < 12 else s
            return norm[lo:e]
    return norm


class ContextWord(str):
    """A word a follow-up part takes from the part before it: it counts, at _CONTEXT_WORD_WEIGHT of its weight."""


_CONTEXT_WORD_WEIGHT = 0.5


def _coverage(terms, scope, context, expansions, idf, context_credit: float = 0.6,
              nouns: frozenset[str] | None = None, sentence: str = "") -> tuple[float, float]:
    """IDF-weighted share of the question's words found in ``scope`` (the sentence, or the figure's segment);
    and the share of distinctive words the corpus knows that neither the sentence nor its clause contains
    (unmet qualifiers: 照料护理标准 asked, 基本生活标准 stated)."""
    if not terms:
        return 1.0, 0.0
    scope, context, sentence = _joined(scope), _joined(context), _joined(sentence)
    total = got = unmet = 0.0
    unmet_terms: list[str] = []
    for t, weight, alts in evidence_cache.per_call(_term_rows, terms, expansions, idf, nouns):
        total += weight
        if any(a in scope for a in alts):
            got += weight
        elif sentence and any(a in sentence for a in alts):
            got += _SENTENCE_CREDIT * weight  # elsewhere in the figure's sentence
        elif any(a in context for a in alts):
            got += context_credit * weight
        elif len(t) >= 3 and any(t[j : j + 2] in scope for j in range(len(t) - 1)):
            got += 0.4 * weight
        elif len(t) == 2 and _rx(f"{re.escape(t[0])}[\u4e00-\u9fff]{re.escape(t[1])}").search(scope):
            got += 0.4 * weight  # 老人 written 老年人: the same word with a character between
        elif t in idf and idf[t] >= 2.5 and (nouns is None or t in nouns) and not any(
                t in u or u in t for u in unmet_terms):
            # a distinctive noun of the question the clause lacks (not a verb like 受理), once for a word and
            # its pieces (年轻人, 年轻)
            unmet += weight
            unmet_terms.append(t)
    return got / total, unmet / total


def _term_rows(terms, expansions, idf, nouns) -> list[tuple[str, float, list[str]]]:
    """Per question word: its weight and the words that stand for it (the same for every sentence judged)."""
    rows = []
    for t in terms:
        # a word the corpus never uses (colloquial, a typo, a jieba fragment) can never be found: it weighs little
        weight = idf.get(t, _UNKNOWN_WEIGHT) * math.log(1 + len(t))
        if nouns is not None and t not in nouns:
            weight *= _NON_NOUN_WEIGHT  # what a question is about is in its nouns; verbs are paraphrased
        if isinstance(t, ContextWord):
            weight *= _CONTEXT_WORD_WEIGHT
        rows.append((t, weight, [t, *(e for src, exp in expansions.items() if t in src or src in t for e in exp)]))
    return rows


_OPTIONAL = re.compile(r"\(([\u4e00-\u9fff]{1,4})\)")


def _joined(text: str) -> str:
    """服务站(点) and 村(社区) name 服务站 or 服务站点, 村 or 村社区: the text with the optional part read in too."""
    return text + " " + _OPTIONAL.sub(r"\1", text) if "(" in text else text


def _covers_year(chunk: Chunk, years: list[str]) -> bool:
    text = " ".join([chunk.title, *chunk.heading_path, chunk.text, (chunk.date or "")[:4]])
    return all(y in text or _in_range(y, text) for y in years)


def _in_range(year: str, text: str) -> bool:
    """2019 is covered by a document for 2018—2020."""
    return any(a <= year <= b for a, b in re.findall(r"(20\d\d)\s*[—\-–~至到]+\s*(20\d\d)", text))


def _years_of(chunk: Chunk) -> str:
    years = sorted(set(re.findall(r"(?<!\d)(20\d\d)(?!\d)", " ".join([chunk.title, chunk.text]))))
    return "、".join(years) if years else (chunk.date or "")[:4]


def _below_source(q: QuestionAnalysis, chunk: Chunk) -> bool:
    """The question asks about a place strictly inside the clause's region."""
    g = gazetteer()
    own = g.find(chunk.region)
    return any(o != r and o in g.ancestors(r) for r in q.regions for o in own)


def _fits(label: str, regions: list[str]) -> bool:
    """A clause of this region label applies to one of ``regions`` (same place, inside it, or containing it)."""
    g = gazetteer()
    return any(g.related(o, r) for o in g.find(label) for r in regions)


def _fits_exactly(label: str, regions: list[str]) -> bool:
    g = gazetteer()
    named = g.find(label)
    own = [r for r in named if not any(r in g.ancestors(o) for o in named if o != r)]
    return any(o in regions for o in own)


def _region_reason(q: QuestionAnalysis, chunk: Chunk) -> str:
    return _reason("region", source=chunk.region, asked="、".join(_provinces(q.regions)))


def _reason(key: str, **values: str) -> str:
    reasons = noise_rules()["reasons"]
    return reasons.get(key, reasons["content"]).format(**values)
