"""Hybrid clause search: BM25 (jieba words + character bigrams) fused with dense vectors from chroma,
region/date-aware, with a calibrated decision when the corpus holds no basis for the question."""

from __future__ import annotations

import logging
import re
import threading
import time
from dataclasses import dataclass

import numpy as np
from pydantic import BaseModel, Field

from assistant.retrieval.articles import confirm_asked_article, rank_asked_articles
from assistant.retrieval.evidence import Candidate, Evidence, Limits, Verdict, parents, select, sentence_spans
from assistant.retrieval.query import PinyinIndex, Query, analyse, lexicon
from assistant.understanding.question import QuestionAnalysis, question_lexicon
from indexer.bm25 import BM25
from indexer.embedding import Embedder, make_embedder
from indexer.models import Chunk, Citation
from indexer.regions import gazetteer
from indexer.settings import Settings
from indexer.store import POINTER, Generation, chroma_client, collection, read_pointer
from indexer.text import normalize, tokens, words

log = logging.getLogger(__name__)
NO_INDEX = "索引尚未建立：请运行 `indexer build`"
_LATIN = re.compile(r"[a-z]{2,}")
_SENTENCE = re.compile(r"[^。；;！!？?\n]+[。；;！!？?]?")


class Hit(BaseModel):
    chunk_id: str
    doc_id: str
    title: str
    heading_path: list[str]
    text: str
    sentence: str = Field(description="the sentence of the clause that best matches the question")
    marked_text: str = Field(description="clause text with the matching sentence between 【 and 】")
    score: float
    bm25: float
    dense: float
    region: str
    region_match: bool | None = Field(description="None when the question names no region")
    date: str | None
    start: int
    end: int
    citation: Citation


class SearchResult(BaseModel):
    query: str
    regions: list[str]
    years: list[str]
    expansions: list[str]
    hits: list[Hit]
    no_basis: bool
    no_basis_reason: str = ""
    confidence: float
    no_basis_kind: str = Field("", description="what did not match (region, year, type, subject…), see evidence.Verdict")
    analysis: QuestionAnalysis | None = None
    evidence: list[Evidence] = Field(default_factory=list, description="the answering sentence of each part")
    unanswered_parts: list[int] = Field(default_factory=list)

    def answer_context(self) -> dict:
        """What an answer composer needs besides the hits: the evidence per part and how the question asks."""
        a = self.analysis
        return {
            "evidence": [e.model_dump() for e in self.evidence],
            "unanswered_parts": self.unanswered_parts,
            "lang": a.lang if a else "zh",
            "parts": len(a.parts) if a else 1,
            "part_regions": [p.regions for p in a.parts] if a else [[]],
            "alternative": a.alternative if a else False,
            "no_basis_kind": self.no_basis_kind,
        }


@dataclass
class _Loaded:
    generation: Generation
    chunks: list[Chunk]
    bm25: BM25
    pinyin: PinyinIndex
    collection: object
    lineages: list[set[str]]  # each chunk's regions with their ancestors
    own: list[set[str]]  # each chunk's own regions
    states_amount: np.ndarray  # the chunk states an amount of money or a rate
    by_id: dict[str, Chunk]
    position: dict[str, int]
    normalized: list[str]  # chunk texts in the query's script and width, for verbatim matching
    sentences: list[list[tuple[int, int, frozenset[str]]]]  # per chunk: sentence spans and their tokens
    vectors: np.ndarray | None  # unit vectors from the store, when small enough to hold in memory
    parents: list[str]  # per chunk: the numbered clause it is an item of (evidence.parents)


class IndexNotBuilt(RuntimeError):
    """No index generation can be served: none was built yet, or the one on disk cannot be read. The message
    says, in Chinese, what to run."""


# after a failed load (Chroma server down, collection missing), the next request retries once this long has passed
RETRY_AFTER_FAILURE_S = 15.0


@dataclass
class IndexHealth:
    ok: bool
    message: str
    generation: str | None
    chunks: int


class Searcher:
    """Serves the current index generation, switching when a build replaces the pointer file.

    The pointer is only stat()ed per request and read again when it changed. When it, its chunk file or its
    Chroma collection cannot be read, the generation already in memory keeps being served (and the fault is
    logged once and reported by ``health``); with none in memory, searches raise IndexNotBuilt."""

    def __init__(self, settings: Settings, embedder: Embedder | None = None):
        self.settings = settings
        self._embedder = embedder
        self._chroma = None  # made on first use: a Chroma server that is down must not stop start-up
        self._store_inode: int | None = None  # the local store's file when the client was opened
        self._lock = threading.Lock()
        self._loaded: _Loaded | None = None
        self._seen: tuple | None = None  # the pointer file's identity when it was last looked at
        self._retry_at = 0.0
        self.problem: str | None = None  # what is wrong with the index on disk, in Chinese; None when fine

    @property
    def embedder(self) -> Embedder:
        if self._embedder is None:
            self._embedder = make_embedder(self.settings.embedding_model, self.settings.embedding_threads)
        return self._embedder

    @property
    def _client(self):
        local = None if self.settings.chroma_url else self.settings.index_dir / "chroma" / "chroma.sqlite3"
        if self._chroma is not None and local is not None and _inode(local) != self._store_inode:
            # the local store was deleted or replaced under us: chroma caches one client system per path, and
            # the cached one still reads the old files, so it is forgotten and a new one opened
            _forget_local_system(self._chroma)
            self._chroma = None
        if self._chroma is None:
            self._chroma = chroma_client(self.settings.index_dir, self.settings.chroma_url)
            self._store_inode = _inode(local) if local is not None else None
        return self._chroma

    def _pointer_identity(self) -> tuple | None:
        try:
            st = (self.settings.index_dir / POINTER).stat()
        except OSError:
            return None
        return (st.st_ino, st.st_mtime_ns, st.st_size)

    def _state(self) -> _Loaded:
        seen = self._pointer_identity()
        loaded = self._loaded
        if loaded is not None and seen == self._seen and (self.problem is None or time.monotonic() < self._retry_at):
            return loaded
        with self._lock:
            if seen != self._seen or (self.problem is not None or self._loaded is None) and (
                time.monotonic() >= self._retry_at
            ):
                self._refresh(seen)
            if self._loaded is None:
                raise IndexNotBuilt(self.problem or NO_INDEX)
            return self._loaded

    def _refresh(self, seen: tuple | None) -> None:
        """Look at the pointer again; on any fault keep what is loaded. Runs under the lock."""
        self._seen = seen
        current = self._loaded.generation.gen_id if self._loaded else None
        stage = "pointer"
        try:
            pointer = read_pointer(self.settings.index_dir)
            if pointer is None:
                raise FileNotFoundError(POINTER)
            if pointer.gen_id != current:
                stage = "chunks"
                chunks = pointer.load_chunks()
                stage = "chroma"
                self._loaded = self._load(pointer, chunks)
                log.info("serving index generation %s", pointer.gen_id)
            self.problem = None
        except Exception as exc:  # noqa: BLE001 - whatever broke on disk or in Chroma, the loaded index stays
            self._retry_at = time.monotonic() + RETRY_AFTER_FAILURE_S
            problem = _describe_fault(exc, stage, seen is None)
            if self._loaded is not None:
                problem += f"；仍在使用上一代索引 {current}"
            if problem != self.problem:  # once per fault, not once per retry
                log.warning("index generation not loaded (%s: %s); serving %s", type(exc).__name__, exc, current)
            self.problem = problem

    def health(self) -> IndexHealth:
        try:
            state = self._state()
        except IndexNotBuilt as exc:
            return IndexHealth(ok=False, message=str(exc), generation=None, chunks=0)
        return IndexHealth(ok=self.problem is None, message=self.problem or "正常", generation=state.generation.gen_id,
                           chunks=len(state.chunks))

    def chroma_health(self) -> tuple[bool, str]:
        """Can the store be reached, and does it hold the served generation's collection?"""
        loaded = self._loaded
        try:
            local = self.settings.index_dir / "chroma" / "chroma.sqlite3"
            if not self.settings.chroma_url and not local.exists():
                # an open client keeps answering from memory after its folder is deleted
                raise FileNotFoundError(local)
            self._client.heartbeat()
            if loaded is not None:
                collection(self._client, loaded.generation.collection).count()
        except Exception as exc:  # noqa: BLE001 - reported, never raised: this is a health probe
            self._chroma = None if self.settings.chroma_url else self._chroma  # reconnect next time
            where = self.settings.chroma_url or str(self.settings.index_dir / "chroma")
            served = "；检索暂用内存中的向量" if loaded is not None and loaded.vectors is not None else ""
            return False, f"向量库不可用（{where}，{type(exc).__name__}）：请检查 Chroma 后运行 `indexer build`{served}"
        return True, "正常"

    def _load(self, gen: Generation, chunks: list[Chunk]) -> _Loaded:
        docs = [tokens(_bm25_text(c)) for c in chunks]
        vocabulary = {t for d in docs for t in d if not t.startswith("#")}
        g = gazetteer()
        coll = collection(self._client, gen.collection)
        own = [_own_regions(c.region) for c in chunks]
        return _Loaded(
            generation=gen,
            chunks=chunks,
            bm25=BM25(docs),
            pinyin=PinyinIndex(vocabulary),
            collection=coll,
            lineages=[set().union(*(g.lineage(r) for r in regions)) if regions else set() for regions in own],
            own=own,
            states_amount=np.array([bool(_money().search(c.text)) for c in chunks]),
            by_id={c.chunk_id: c for c in chunks},
            position={c.chunk_id: i for i, c in enumerate(chunks)},
            normalized=[normalize(c.text) for c in chunks],
            sentences=[_sentences(c) for c in chunks],
            vectors=self._vectors(coll, chunks),
            parents=parents(chunks),
        )

    def _vectors(self, coll, chunks: list[Chunk]) -> np.ndarray | None:
        if not chunks or len(chunks) > self.settings.dense_in_memory_max:
            return None
        got = coll.get(ids=[c.chunk_id for c in chunks], include=["embeddings"])
        by_id = dict(zip(got["ids"], got["embeddings"], strict=True))
        matrix = np.asarray([by_id[c.chunk_id] for c in chunks], dtype=np.float32)
        return matrix / np.maximum(np.linalg.norm(matrix, axis=1, keepdims=True), 1e-9)

    @property
    def chunks(self) -> list[Chunk]:
        return self._state().chunks

    def chunk(self, chunk_id: str) -> Chunk | None:
        return self._state().by_id.get(chunk_id)

    def context(self, chunk_id: str, before: int = 1, after: int = 1) -> list[Chunk]:
        """The clause with its neighbours in document order (same document only)."""
        state = self._state()
        target = state.by_id.get(chunk_id)
        if target is None:
            return []
        doc = [c for c in state.chunks if c.doc_id == target.doc_id]
        i = next(j for j, c in enumerate(doc) if c.chunk_id == chunk_id)
        return doc[max(0, i - before) : i + after + 1]

    def warm(self) -> None:
        self.search("低保")

    def search(
        self,
        text: str,
        k: int | None = None,
        region: str | None = None,
        doc_id: str | None = None,
        as_of: str | None = None,
        dense_weight: float | None = None,
        mode: str = "hybrid",
    ) -> SearchResult:
        state = self._state()
        k = k or self.settings.top_k
        q = analyse(text, state.pinyin)
        if region:
            q.regions = _with_region(q.regions, region, q)
        n = len(state.chunks)
        bm = self._bm25(state, q) if mode != "dense" else np.zeros(n, dtype=np.float32)
        dn = self._dense(state, q) if mode != "bm25" else np.zeros(n, dtype=np.float32)
        w = self._fusion_weight(state, q) if dense_weight is None else dense_weight
        if mode == "bm25":
            w = 0.0
        elif mode == "dense":
            w = 1.0
        bm_norm = bm / bm.max() if bm.max() > 0 else bm
        score = (1 - w) * bm_norm + w * _min_max(dn)
        region_match = self._region_match(state, q)
        if region_match is not None and region_match.any():
            # a question about one region ranks that region's clauses first, others after
            score = score * np.where(region_match, 1 + self.settings.region_boost, 1 - self.settings.region_boost)
        if q.years:
            has_year = np.array([any(y in c.text for y in q.years) for c in state.chunks])
            score = score * np.where(has_year, 1 + self.settings.answer_type_boost, 1.0)
        if q.asks_amount:
            score = score * np.where(state.states_amount, 1 + self.settings.answer_type_boost, 1.0)
        if q.quoted:
            verbatim = np.array([any(t in text for t in q.quoted) for text in state.normalized])
            score = score * np.where(verbatim, 1 + 2 * self.settings.answer_type_boost, 1.0)
        score = rank_asked_articles(text, state.chunks, score)
        if doc_id:
            score = np.where([c.doc_id == doc_id for c in state.chunks], score, -1.0)
        if as_of:
            # documents dated after the caller's date were not yet in force then (undated ones are kept)
            score = np.where([not c.date or c.date[: len(as_of)] <= as_of for c in state.chunks], score, -1.0)
        ranked = [int(i) for i in np.argsort(-score, kind="stable")[: max(k, self.settings.evidence_pool)] if score[i] > 0]
        verdict = confirm_asked_article(text, state.chunks, ranked, region_match, self._verdict(state, q, ranked, region_match))
        ranked = _evidence_first(ranked[:k], verdict, state)
        wanted = frozenset(tokens(q.expanded_text))
        hits = [self._hit(state, i, q, wanted, score, bm_norm, dn, region_match, verdict) for i in ranked]
        return SearchResult(
            query=text,
            regions=q.regions,
            years=q.years,
            expansions=q.expansions,
            hits=hits,
            no_basis=verdict.no_basis,
            no_basis_reason=verdict.reason,
            confidence=verdict.confidence,
            no_basis_kind=verdict.kind,
            analysis=q.analysis,
            evidence=verdict.evidence,
            unanswered_parts=verdict.unanswered_parts,
        )

    def _verdict(self, state: _Loaded, q: Query, ranked: list[int], region_match) -> Verdict:
        """Which sentence answers each part of the question, among the best-ranked clauses; none = no basis."""
        candidates = [
            Candidate(state.chunks[i], rank, None if region_match is None else bool(region_match[i]), state.parents[i])
            for rank, i in enumerate(ranked)
        ]
        if q.analysis is None:
            return Verdict(no_basis=not candidates, confidence=0.0)
        fillers = frozenset(lexicon()["fillers"])
        st = self.settings
        limits = Limits(st.evidence_min_coverage, st.evidence_min_coverage_figure, st.evidence_max_unmet)
        return select(q.analysis, candidates, q.sources, state.bm25.idf, set(fillers), limits)

    def _fusion_weight(self, state: _Loaded, q: Query) -> float:
        """The dense share of the fusion. "adaptive": more where lexical evidence is weak, i.e. where few of the
        question's own words occur in the corpus (English, pinyin, colloquial case descriptions), less where
        the question uses the documents' words; "fixed": settings.dense_weight for every question."""
        st = self.settings
        if st.fusion != "adaptive":
            return st.dense_weight
        known = lexical_strength(q.expanded_text if st.fusion_counts_expansions else q.text, state.bm25.idf)
        return st.dense_weight_strong_lexical + (st.dense_weight_weak_lexical - st.dense_weight_strong_lexical) * (1 - known)

    def _bm25(self, state: _Loaded, q: Query) -> np.ndarray:
        query_tokens = tokens(q.text)
        extra = [t for e in q.expansions for t in words(e)]
        weights = {t: 0.5 for t in extra if t not in query_tokens}
        return state.bm25.scores(query_tokens + extra, weights)

    def _dense(self, state: _Loaded, q: Query) -> np.ndarray:
        vec = self.embedder.encode([q.text])[0]
        n = len(state.chunks)
        if state.vectors is not None:
            # exact cosine over the store's vectors held in memory: for a corpus this size it is
            # faster than an ANN query round trip, and it ranks the same 50 candidates
            sims = state.vectors @ (vec / max(float(np.linalg.norm(vec)), 1e-9))
            top = np.argsort(-sims)[: min(n, 50)]
            out = np.zeros(n, dtype=np.float32)
            out[top] = np.maximum(sims[top], 0.0)
            return out
        out = np.zeros(n, dtype=np.float32)
        try:
            got = state.collection.query(query_embeddings=[vec.tolist()], n_results=min(n, 50), include=["distances"])
        except Exception as exc:  # noqa: BLE001 - the store went away: rank by the lexical side alone
            log.warning("dense search unavailable (%s); lexical ranking only", type(exc).__name__)
            return out
        for cid, dist in zip(got["ids"][0], got["distances"][0], strict=True):
            out[state.position[cid]] = max(0.0, 1.0 - float(dist))
        return out

    def _region_match(self, state: _Loaded, q: Query) -> np.ndarray | None:
        """Per chunk: does it apply to a region the question names? A chunk of the named region or of a
        place inside it matches, and so does a chunk of a region containing it (a provincial rule applies
        in its counties)."""
        if not q.regions:
            return None
        g = gazetteer()
        asked = set(q.regions)
        asked_lineage = set().union(*(g.lineage(r) for r in q.regions))
        return np.array([bool(lin & asked) or bool(own & asked_lineage) for lin, own in zip(state.lineages, state.own, strict=True)])

    def _hit(self, state, i: int, q: Query, wanted: frozenset[str], score, bm, dn, region_match, verdict) -> Hit:
        c = state.chunks[i]
        chosen = next((e for e in verdict.evidence if e.chunk_id == c.chunk_id), None)
        s_start, s_end = (chosen.start, chosen.end) if chosen else _best_sentence(state.sentences[i], q, wanted, len(c.text))
        sentence = c.text[s_start:s_end]
        marked = c.text[:s_start] + "【" + c.text[s_start:s_end] + "】" + c.text[s_end:]
        return Hit(
            chunk_id=c.chunk_id,
            doc_id=c.doc_id,
            title=c.title,
            heading_path=c.heading_path,
            text=c.text,
            sentence=sentence,
            marked_text=marked,
            score=round(float(score[i]), 4),
            bm25=round(float(bm[i]), 4),
            dense=round(float(dn[i]), 4),
            region=c.region,
            region_match=None if region_match is None else bool(region_match[i]),
            date=c.date,
            start=c.start,
            end=c.end,
            # offsets of the sentence itself when the clause text is an exact slice of the original
            citation=c.citation(quote=sentence, start=c.start + s_start, end=c.start + s_end)
            if c.end - c.start == len(c.text)
            else c.citation(quote=sentence),
        )


def _inode(path) -> int | None:
    try:
        return path.stat().st_ino
    except OSError:
        return None


def _forget_local_system(client) -> None:
    """Drop chroma's cached system for a local store path (chromadb has no public call for one path; pinned by
    tests/api/test_api_faults.py)."""
    from chromadb.api.shared_system_client import SharedSystemClient

    identifier = getattr(client, "_identifier", None)
    SharedSystemClient._identifier_to_system.pop(identifier, None)
    SharedSystemClient._identifier_to_refcount.pop(identifier, None)


def _describe_fault(exc: Exception, stage: str, missing: bool) -> str:
    """What broke, in Chinese, by the step that failed (Chroma raises ValueError for a server that is down, so
    the exception type alone does not tell)."""
    name = type(exc).__name__
    if missing:
        return NO_INDEX
    if stage == "pointer":
        # `indexer build` reads the pointer too: the broken one has to go first
        return f"索引指针 {POINTER} 已损坏或无法读取（{name}）：请删除索引目录中的 {POINTER} 后运行 `indexer build`"
    if stage == "chunks":
        return f"当前索引的分块文件缺失或损坏（{name}）：请运行 `indexer build`"
    return f"向量库中没有当前索引或无法连接（{name}）：请确认 Chroma 可用后运行 `indexer build`"


def lexical_strength(text: str, vocabulary: dict[str, float]) -> float:
    """Share of the question's characters that belong to words the corpus uses (0 for English or pinyin)."""
    found = [w for w in words(text) if not w.isdigit()]
    total = sum(len(w) for w in found) + sum(len(r) for r in _LATIN.findall(text))
    return sum(len(w) for w in found if w in vocabulary) / total if total else 1.0


def _money() -> re.Pattern[str]:
    """A stated amount of money or a rate (the figures of question.yaml)."""
    figures = question_lexicon().figures
    return re.compile(f"{figures['money']}|{figures['rate']}")


def _with_region(asked: list[str], region: str, q: Query) -> list[str]:
    """The question's regions with a caller's region; a place the question names inside the caller's region
    is the one asked (承德 given, 双桥区 asked → 双桥区). A caller's region read from the question's own words
    that the question analysis did not take as a region (凤山镇 is a town) is dropped."""
    g = gazetteer()
    named = g.find(region) or [region]
    seen = set(q.analysis.mentioned_regions) if q.analysis else set()
    contrast = seen - set(asked)  # named by the question but not asked about (黑龙江规定X，安徽呢)
    rejected = set(g.find(q.text)) - seen  # read from the question's words, which name no region (凤山镇, xian)
    named = [r for r in named if r not in contrast and r not in rejected]
    merged = list(dict.fromkeys([*named, *asked]))
    return [r for r in merged if not any(o != r and r in g.ancestors(o) for o in merged)]


def _own_regions(label: str) -> set[str]:
    """The places a chunk's region label names, most specific only: 河北省承德市丰宁满族自治县 is 丰宁, not
    承德市 (a sibling county of 丰宁 must not match)."""
    g = gazetteer()
    if label in g.by_name:
        return {label}
    named = g.find(label)
    return {r for r in named if not any(r in g.ancestors(o) for o in named if o != r)}


def _min_max(dense: np.ndarray) -> np.ndarray:
    """Spread the dense candidates' cosines over [0, 1] so both halves of the fusion weigh alike:
    raw USE cosines crowd into a narrow band and would otherwise barely move the ranking."""
    found = dense[dense > 0]
    if found.size == 0:
        return dense
    low, high = float(found.min()), float(found.max())
    return np.where(dense > 0, (dense - low) / max(high - low, 1e-6), 0.0).astype(np.float32)


def _bm25_text(c: Chunk) -> str:
    region = gazetteer().by_name.get(c.region)
    names = f"{c.region} {region.short}" if region else c.region
    return " ".join([names, *c.heading_path[-2:], c.text])


def _sentences(c: Chunk) -> list[tuple[int, int, frozenset[str]]]:
    """The clause's quotable sentences (no headings, preambles or attribute lines) with their tokens; a clause
    that is only such a line keeps it, so a hit always shows something."""
    spans = sentence_spans(c) or [(m.start(), m.end()) for m in _SENTENCE.finditer(c.text)]
    return [(s, e, frozenset(tokens(c.text[s:e]))) for s, e in spans]


def _evidence_first(ranked: list[int], verdict: Verdict, state: _Loaded) -> list[int]:
    """The clauses holding the answer sentences lead the hits (in part order), the others keep their rank."""
    lead = [state.position[e.chunk_id] for e in verdict.evidence]
    return list(dict.fromkeys([*lead, *ranked]))[: max(len(ranked), len(set(lead)))]


def _best_sentence(
    sentences: list[tuple[int, int, frozenset[str]]], q: Query, wanted: frozenset[str], length: int
) -> tuple[int, int]:
    best = (0.0, 0, length)
    for start, end, toks in sentences:
        shared = wanted & toks
        # whole words weigh more than character bigrams (marked with '#')
        overlap = sum(0.3 if t.startswith("#") else 1.0 for t in shared) / (1 + 0.01 * (end - start))
        if q.asks_quantity and any(t[:1].isdigit() for t in toks):
            overlap *= 1.5
        if overlap > best[0]:
            best = (overlap, start, end)
    return best[1], best[2]
