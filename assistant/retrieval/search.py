"""Hybrid clause search: BM25 (jieba words + character bigrams) fused with dense vectors from chroma,
region/date-aware, with a calibrated decision when the corpus holds no basis for the question."""

from __future__ import annotations

import re
import threading
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
from indexer.store import Generation, chroma_client, collection, read_pointer
from indexer.text import normalize, tokens, words

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
    """The index has not been built yet: run `indexer build`."""


class Searcher:
    """Loads the current index generation and reloads it when a build switches generations."""

    def __init__(self, settings: Settings, embedder: Embedder | None = None):
        self.settings = settings
        self._embedder = embedder
        self._client = chroma_client(settings.index_dir, settings.chroma_url)
        self._lock = threading.Lock()
        self._loaded: _Loaded | None = None

    @property
    def embedder(self) -> Embedder:
        if self._embedder is None:
            self._embedder = make_embedder(self.settings.embedding_model, self.settings.embedding_threads)
        return self._embedder

    def _state(self) -> _Loaded:
        pointer = read_pointer(self.settings.index_dir)
        if pointer is None:
            raise IndexNotBuilt(f"no index in {self.settings.index_dir}: run `indexer build`")
        loaded = self._loaded
        if loaded is None or loaded.generation.gen_id != pointer.gen_id:
            with self._lock:
                if self._loaded is None or self._loaded.generation.gen_id != pointer.gen_id:
                    self._loaded = self._load(pointer)
                loaded = self._loaded
        return loaded

    def _load(self, gen: Generation) -> _Loaded:
        chunks = gen.load_chunks()
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
        got = state.collection.query(query_embeddings=[vec.tolist()], n_results=min(n, 50), include=["distances"])
        out = np.zeros(n, dtype=np.float32)
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
