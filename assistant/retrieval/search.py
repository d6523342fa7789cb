"""Hybrid clause search: BM25 (jieba words + character bigrams) fused with dense vectors from chroma,
region/date-aware, with a calibrated decision when the corpus holds no basis for the question."""

from __future__ import annotations

import logging
import mmap
import os
import re
import threading
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

import numpy as np
from pydantic import BaseModel, Field

from assistant.retrieval.articles import confirm_asked_article, rank_asked_articles
from assistant.retrieval.chunk_facts import Attributes, facts_for
from assistant.retrieval.evidence import (
    Attribute,
    Candidate,
    Evidence,
    Limits,
    Verdict,
    select,
    sentence_spans,
)
from assistant.retrieval.query import PinyinIndex, Query, analyse, lexicon
from assistant.retrieval.table_rows import Tables, damp_undistinguished_rows
from assistant.understanding.question import QuestionAnalysis
from indexer.chunk_table import ChunkFile, ChunkTable
from indexer.embedding import Embedder, make_embedder
from indexer.lexical import BIGRAM, DIGIT, LexicalIndex
from indexer.models import Chunk, Citation
from indexer.regions import gazetteer
from indexer.settings import Settings
from indexer.store import BATCH, POINTER, Generation, chroma_client, collection, read_pointer
from indexer.text import tokens, words

_LATIN = re.compile(r"[a-z]{2,}")
_SENTENCE = re.compile(r"[^。；;！!？?\n]+[。；;！!？?]?")
log = logging.getLogger(__name__)
DENSE_CANDIDATES = 50


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
    part_reasons: list[str] = Field(default_factory=list, description="per part, why none answers it ('' if one does)")
    refused_parts: list[int] = Field(default_factory=list, description="unanswered parts the documents hold no basis for")

    def answer_context(self) -> dict:
        """What an answer composer needs besides the hits: the evidence per part and how the question asks."""
        a = self.analysis
        return {
            "evidence": [e.model_dump() for e in self.evidence],
            "unanswered_parts": self.unanswered_parts,
            "part_reasons": self.part_reasons,
            "refused_parts": self.refused_parts,
            "lang": a.lang if a else "zh",
            "parts": len(a.parts) if a else 1,
            "part_regions": [p.regions for p in a.parts] if a else [[]],
            "alternative": a.alternative if a else False,
            "permission": a.permission if a else True,
            "no_basis_kind": self.no_basis_kind,
        }


class _LazyPinyin:
    """The pinyin index over the corpus words, built on first use (or in the background after a load):
    most questions have no pinyin in them, and a large corpus has many words."""

    def __init__(self, lexical: LexicalIndex):
        self._lexical = lexical
        self._lock = threading.Lock()

    @cached_property
    def _index(self) -> PinyinIndex:
        with self._lock:
            return PinyinIndex(self._lexical.words())

    @property
    def map(self) -> dict[str, list[str]]:
        return self._index.map

    def lookup(self, latin: str) -> list[str]:
        return self._index.lookup(latin)

    def mistyped(self, word: str) -> list[str]:
        return self._index.mistyped(word)


@dataclass
class _Loaded:
    """One generation in memory. Per-chunk facts are arrays indexed by chunk position, so a query filters
    and scores with numpy instead of looping over chunks in Python."""

    generation: Generation
    chunks: ChunkFile  # parsed chunk by chunk when asked for
    lexical: LexicalIndex
    pinyin: _LazyPinyin
    collection: object
    extra_ids: int  # vectors in the shared collection that belong to other kept generations
    region_of: np.ndarray  # chunk → index into regions
    regions: list[str]  # distinct chunk region strings
    region_own: list[set[str]]  # per distinct region string: the regions it names
    region_lineage: list[set[str]]  # ... with their ancestors
    states_amount: np.ndarray  # the chunk states an amount of money or a rate
    year_chunks: dict[str, np.ndarray]  # four-digit number → chunks whose text contains it
    articles: np.ndarray  # chunk → its article number (0 = none)
    doc_of: np.ndarray  # chunk → index into doc_ids
    doc_ids: list[str]
    doc_range: dict[str, tuple[int, int]]  # a document's chunks are contiguous in build order
    date_of: np.ndarray  # chunk → index into dates
    dates: list[str]  # distinct chunk dates ("" = undated)
    position: dict[str, int]  # chunk id → position
    normalized: mmap.mmap | bytes  # chunk texts in the query's script and width, UTF-8, NUL-separated
    normalized_offsets: np.ndarray  # byte offset of each chunk's text in ``normalized``
    vectors: np.ndarray | None  # unit vectors from the store, when small enough to hold in memory
    parents: list[str]  # per chunk: the numbered clause it is an item of (evidence.parents)
    attributes: Sequence[tuple[Attribute, ...]]  # per chunk: its task's attribute lines (evidence.task_attributes)
    tables: Tables | None = None  # each table's rows (table_rows)
    outside: np.ndarray | None = None  # chunk → it is in no article of a document organised in articles
    sentences: dict[int, list] = field(default_factory=dict)  # chunk → its quotable sentences, once asked for


class IndexNotBuilt(RuntimeError):
    """No index generation can be served: none was built yet, or the one on disk cannot be read. The message
    says, in Chinese, what to run."""


class _StoreError(RuntimeError):
    """The generation's Chroma collection could not be read (server down, collection missing)."""


NO_INDEX = "索引尚未建立：请运行 `indexer build`"
# after a failed first load (Chroma server down, collection missing), searches retry once this long has passed
RETRY_AFTER_FAILURE_S = 15.0


@dataclass
class IndexHealth:
    ok: bool
    message: str
    generation: str | None
    chunks: int


class Searcher:
    """Loads the current index generation and reloads it when a build switches generations.

    When the pointer, the chunk files or the Chroma collection cannot be read, the generation in memory keeps
    being served, the fault is logged once and ``problem``/``health`` say what to run; with none in memory,
    searches raise IndexNotBuilt with that message."""

    def __init__(self, settings: Settings, embedder: Embedder | None = None):
        self.settings = settings
        self._embedder = embedder
        self._chroma = None  # made on first use: a Chroma server that is down must not stop start-up
        self._store_inode: int | None = None  # the local store's file when the client was opened
        self._client_lock = threading.Lock()
        self._retry_at = 0.0
        self.problem: str | None = None  # what is wrong with the index on disk, in Chinese; None when fine
        self._lock = threading.Lock()
        self._loaded: _Loaded | None = None
        self._pointer_key: tuple | None = None
        self._pointer: Generation | None = None
        self._switching: str | None = None  # generation being loaded in the background
        self._failed: str | None = None  # a generation that would not load: not retried on every search
        self._failed_until = 0.0
        # query text → its vector: the same questions come back often, and embedding is a third of a search
        self._query_vector = lru_cache(maxsize=settings.query_vector_cache)(self._embed_query)

    @property
    def embedder(self) -> Embedder:
        if self._embedder is None:
            self._embedder = make_embedder(self.settings.embedding_model, self.settings.embedding_threads)
        return self._embedder

    @property
    def _client(self):
        local = None if self.settings.chroma_url else self.settings.index_dir / "chroma" / "chroma.sqlite3"
        # one thread at a time: a health probe and a background switch may both find the store replaced
        with self._client_lock:
            if self._chroma is not None and local is not None and _inode(local) != self._store_inode:
                # the local store was deleted or replaced under us: chroma caches one client system per path,
                # and the cached one still reads the old files, so it is forgotten and a new one opened
                _forget_local_system(self._chroma)
                self._chroma = None
            if self._chroma is None:
                self._chroma = chroma_client(self.settings.index_dir, self.settings.chroma_url)
                self._store_inode = _inode(local) if local is not None else None
            return self._chroma

    def _current_pointer(self) -> Generation | None:
        """The pointer file, re-read only when it changed on disk (it holds every document's hash). A pointer
        that cannot be read leaves the last good one in place (None if there was none)."""
        path = self.settings.index_dir / POINTER
        try:
            st = os.stat(path)
        except FileNotFoundError:
            if self._loaded is not None:
                self._fault(FileNotFoundError(POINTER), "pointer")
                return self._pointer
            return None
        key = (st.st_mtime_ns, st.st_size, st.st_ino)
        if key != self._pointer_key:
            self._pointer_key = key  # a broken file is not read again until it changes
            try:
                self._pointer = read_pointer(self.settings.index_dir)
                self.problem = None
            except Exception as exc:  # noqa: BLE001 - whatever is in the file, the loaded index stays
                self._fault(exc, "pointer")
        return self._pointer

    def _fault(self, exc: Exception, stage: str) -> None:
        current = self._loaded.generation.gen_id if self._loaded else None
        problem = _describe_fault(exc, stage)
        if current:
            problem += f"；仍在使用上一代索引 {current}"
        if problem != self.problem:  # once per fault, not once per request
            log.warning("index generation not loaded (%s at %s); serving %s", type(exc).__name__, stage, current)
        self.problem = problem

    def _state(self) -> _Loaded:
        pointer = self._current_pointer()
        if pointer is None:
            raise IndexNotBuilt(self.problem or NO_INDEX)
        loaded = self._loaded
        if loaded is None:
            with self._lock:
                if self._loaded is None:
                    if self.problem and time.monotonic() < self._retry_at:
                        raise IndexNotBuilt(self.problem)
                    try:
                        self._loaded = self._load(pointer)
                        self.problem = None
                    except Exception as exc:  # noqa: BLE001 - reported on /healthz, retried later
                        self._retry_at = time.monotonic() + RETRY_AFTER_FAILURE_S
                        self._fault(exc, "store" if isinstance(exc, _StoreError) else "chunks")
                        raise IndexNotBuilt(self.problem) from exc
                return self._loaded
        if loaded.generation.gen_id != pointer.gen_id:
            # searches keep the generation they have while the new one loads, then it is swapped in whole
            self._switch_in_background(pointer)
        return loaded

    def _switch_in_background(self, pointer: Generation) -> None:
        with self._lock:
            failed = pointer.gen_id == self._failed and time.monotonic() < self._failed_until
            if pointer.gen_id == self._switching or failed:
                return
            self._switching = pointer.gen_id
        threading.Thread(target=self._switch, args=(pointer,), name="index-switch", daemon=True).start()

    def _switch(self, pointer: Generation) -> None:
        try:
            state = self._load(pointer)
            with self._lock:
                self._loaded = state
                self.problem = None
        except Exception as exc:  # noqa: BLE001 - the generation in service stays; the failure is logged once
            store = isinstance(exc, _StoreError)
            self._fault(exc, "store" if store else "chunks")
            self._failed = pointer.gen_id
            # a store that was unreachable may come back; broken files do not mend themselves
            self._failed_until = time.monotonic() + RETRY_AFTER_FAILURE_S if store else float("inf")
        finally:
            with self._lock:
                self._switching = None

    def refresh(self) -> None:
        """Load the current generation now (after a build in this process, so its next search sees it)."""
        pointer = self._current_pointer()
        if pointer is None:
            raise IndexNotBuilt(self.problem or NO_INDEX)
        if self._loaded is None or self._loaded.generation.gen_id != pointer.gen_id:
            state = self._load(pointer)
            with self._lock:
                self._loaded = state

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

    def _load(self, gen: Generation) -> _Loaded:
        if not (gen.lexical_path / "vocab.json").exists() or not ChunkTable.exists(gen.directory):
            raise IndexNotBuilt(f"索引代 {gen.gen_id} 早于当前索引格式：请运行 `indexer build`")

        def open_store():
            coll = collection(self._client, gen.collection)
            return coll, coll.count()  # the first call loads the collection's index: seconds for a large one

        # the store opens while the chunk table and facts are read (chroma's native code runs without the GIL)
        with ThreadPoolExecutor(1, thread_name_prefix="store-open") as pool:
            store = pool.submit(open_store)
            table = ChunkTable.load(gen.directory)
            chunks = ChunkFile(gen.chunks_path, table.offsets)
            n = len(chunks)
            ids = (gen.directory / "ids.txt").read_text(encoding="utf-8").split()
            lex = LexicalIndex(gen.lexical_path)
            if lex.n != n or len(ids) != n:
                raise RuntimeError(f"generation {gen.gen_id}: lexical index has {lex.n} chunks, ids {len(ids)}, chunk file {n}")
            facts = facts_for(gen.directory, chunks)
            g = gazetteer()
            try:
                coll, count = store.result()
                vectors = self._vectors(coll, ids)
            except Exception as exc:
                raise _StoreError(f"{type(exc).__name__}") from exc
        own = [_own_regions(r) for r in table.regions]
        doc_range: dict[str, tuple[int, int]] = {}
        bounds = np.flatnonzero(np.diff(table.doc_of)) + 1
        for start, end in zip(np.r_[0, bounds], np.r_[bounds, n], strict=True) if n else ():
            doc_range[table.doc_ids[table.doc_of[start]]] = (int(start), int(end))
        return _Loaded(
            generation=gen,
            chunks=chunks,
            lexical=lex,
            pinyin=_LazyPinyin(lex),
            collection=coll,
            extra_ids=max(0, count - n),
            region_of=table.region_of,
            regions=table.regions,
            region_own=own,
            region_lineage=[set().union(*(g.lineage(r) for r in rs)) if rs else set() for rs in own],
            states_amount=facts.states_amount,
            year_chunks=table.years,
            articles=facts.articles,
            doc_of=table.doc_of,
            doc_ids=table.doc_ids,
            doc_range=doc_range,
            date_of=table.date_of,
            dates=table.dates,
            position={cid: i for i, cid in enumerate(ids)},
            normalized=_map(gen.lexical_path / "normalized.txt"),
            normalized_offsets=np.load(gen.lexical_path / "normalized_offsets.npy", mmap_mode="r"),
            vectors=vectors,
            parents=facts.parents,
            attributes=Attributes(facts, chunks),
            tables=facts.tables,
            outside=facts.outside,
        )

    def _vectors(self, coll, ids: list[str]) -> np.ndarray | None:
        if not ids or len(ids) > self.settings.dense_in_memory_max:
            return None
        position = {cid: i for i, cid in enumerate(ids)}
        matrix: np.ndarray | None = None
        for i in range(0, len(ids), BATCH):
            got = coll.get(ids=ids[i : i + BATCH], include=["embeddings"])
            part = np.asarray(got["embeddings"], dtype=np.float32)
            if matrix is None:
                matrix = np.zeros((len(ids), part.shape[1]), dtype=np.float32)
            matrix[[position[cid] for cid in got["ids"]]] = part
        assert matrix is not None
        matrix /= np.maximum(np.linalg.norm(matrix, axis=1, keepdims=True), 1e-9)
        return matrix

    @property
    def chunks(self) -> Sequence[Chunk]:
        return self._state().chunks

    def chunk(self, chunk_id: str) -> Chunk | None:
        state = self._state()
        i = state.position.get(chunk_id)
        return None if i is None else state.chunks[i]

    def context(self, chunk_id: str, before: int = 1, after: int = 1) -> list[Chunk]:
        """The clause with its neighbours in document order (same document only)."""
        state = self._state()
        i = state.position.get(chunk_id)
        if i is None:
            return []
        start, end = state.doc_range[state.chunks[i].doc_id]
        return state.chunks[max(start, i - before) : min(end, i + after + 1)]

    def warm(self) -> None:
        # the embedding model's weights load beside the index
        model = threading.Thread(target=lambda: self.embedder, name="embedder-load", daemon=True)
        model.start()
        self._state()
        model.join()
        self.search("低保")
        pinyin = self._state().pinyin
        threading.Thread(target=lambda: pinyin.map, name="pinyin-index", daemon=True).start()

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
            has_year = np.zeros(n, dtype=bool)
            for y in q.years:
                has_year[state.year_chunks.get(y, np.zeros(0, dtype=np.int64))] = True
            score = score * np.where(has_year, 1 + self.settings.answer_type_boost, 1.0)
        if q.asks_amount:
            score = score * np.where(state.states_amount, 1 + self.settings.answer_type_boost, 1.0)
        if q.quoted:
            verbatim = _containing(state, q.quoted)
            score = score * np.where(verbatim, 1 + 2 * self.settings.answer_type_boost, 1.0)
        if mode != "bm25" and state.outside is not None and state.outside.any():
            score = score * np.where(state.outside, self.settings.outside_articles_damping, 1.0)
        if mode != "bm25" and state.tables is not None:
            score = damp_undistinguished_rows(score, bm, state.tables, self.settings.table_row_margin,
                                              self.settings.table_row_damping)
        score = rank_asked_articles(text, state.chunks, score, state.articles, state.doc_of)
        if doc_id:
            d = state.doc_ids.index(doc_id) if doc_id in state.doc_ids else -1
            score = np.where(state.doc_of == d, score, -1.0)
        if as_of:
            # documents dated after the caller's date were not yet in force then (undated ones are kept)
            allowed = np.array([not d or d[: len(as_of)] <= as_of for d in state.dates], dtype=bool)
            score = np.where(allowed[state.date_of], score, -1.0)
        ranked = [int(i) for i in _top(score, max(k, self.settings.evidence_pool)) if score[i] > 0]
        verdict = confirm_asked_article(text, state.chunks, ranked, region_match, self._verdict(state, q, ranked, region_match))
        ranked = _evidence_first(ranked[:k], verdict, state)
        wanted = state.lexical.term_ids(tokens(q.expanded_text))
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
            part_reasons=verdict.part_reasons,
            refused_parts=verdict.refused_parts,
        )

    def _verdict(self, state: _Loaded, q: Query, ranked: list[int], region_match) -> Verdict:
        """Which sentence answers each part of the question, among the best-ranked clauses; none = no basis."""
        candidates = [
            Candidate(state.chunks[i], rank, None if region_match is None else bool(region_match[i]), state.parents[i],
                      state.attributes[i])
            for rank, i in enumerate(ranked)
        ]
        if q.analysis is None:
            return Verdict(no_basis=not candidates, confidence=0.0)
        fillers = frozenset(lexicon()["fillers"])
        st = self.settings
        limits = Limits(st.evidence_min_coverage, st.evidence_min_coverage_figure, st.evidence_max_unmet)
        return select(q.analysis, candidates, q.sources, state.lexical.idf_of, set(fillers), limits)

    def _fusion_weight(self, state: _Loaded, q: Query) -> float:
        """The dense share of the fusion. "adaptive": the weak-lexical weight where lexical evidence is weak, i.e.
        where few of the question's own words occur in the corpus (English, pinyin, colloquial case descriptions),
        the strong-lexical one where the question uses the documents' words (there the dense half only reorders
        what BM25 already ranks well); "fixed": settings.dense_weight for every question."""
        st = self.settings
        if st.fusion != "adaptive":
            return st.dense_weight
        known = lexical_strength(q.expanded_text if st.fusion_counts_expansions else q.text, state.lexical.idf_of)
        return st.dense_weight_weak_lexical if known < st.weak_lexical_below else st.dense_weight_strong_lexical

    def _bm25(self, state: _Loaded, q: Query) -> np.ndarray:
        query_tokens = tokens(q.text)
        extra = [t for e in q.expansions for t in words(e)]
        weights = {t: 0.5 for t in extra if t not in query_tokens}
        return state.lexical.scores(query_tokens + extra, weights)

    def _embed_query(self, text: str) -> np.ndarray:
        vec = self.embedder.encode([text])[0]
        vec.setflags(write=False)  # shared by every search of the same text
        return vec

    def _dense(self, state: _Loaded, q: Query) -> np.ndarray:
        vec = self._query_vector(q.text)
        n = len(state.chunks)
        if state.vectors is not None:
            # exact cosine over the store's vectors held in memory: for a corpus this size it is
            # faster than an ANN query round trip, and it ranks the same 50 candidates
            sims = state.vectors @ (vec / max(float(np.linalg.norm(vec)), 1e-9))
            m = min(n, DENSE_CANDIDATES)
            top = np.argpartition(-sims, m - 1)[:m] if m < n else np.arange(n)
            out = np.zeros(n, dtype=np.float32)
            out[top] = np.maximum(sims[top], 0.0)
            return out
        # the collection also holds the previous generation's changed chunks: ask for enough to keep 50 of ours
        want = min(n + state.extra_ids, DENSE_CANDIDATES + min(state.extra_ids, 4 * DENSE_CANDIDATES))
        out = np.zeros(n, dtype=np.float32)
        try:
            got = state.collection.query(query_embeddings=[vec.tolist()], n_results=want, include=["distances"])
        except Exception as exc:  # noqa: BLE001 - the store went away: rank by the lexical side alone
            log.warning("dense search unavailable (%s); lexical ranking only", type(exc).__name__)
            return out
        kept = 0
        for cid, dist in zip(got["ids"][0], got["distances"][0], strict=True):
            i = state.position.get(cid)
            if i is not None and kept < DENSE_CANDIDATES:
                out[i] = max(0.0, 1.0 - float(dist))
                kept += 1
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
        per_region = np.array(
            [bool(lin & asked) or bool(own & asked_lineage) for lin, own in zip(state.region_lineage, state.region_own, strict=True)],
            dtype=bool,
        )
        return per_region[state.region_of]

    @staticmethod
    def _sentences(state: _Loaded, i: int) -> list[tuple[int, int, np.ndarray, bool]]:
        got = state.sentences.get(i)
        if got is None:
            got = state.sentences[i] = _sentences(state.lexical, i, state.chunks[i])
        return got

    def _hit(self, state, i: int, q: Query, wanted: frozenset[str], score, bm, dn, region_match, verdict) -> Hit:
        c = state.chunks[i]
        chosen = next((e for e in verdict.evidence if e.chunk_id == c.chunk_id), None)
        s_start, s_end = (
            (chosen.start, chosen.end)
            if chosen
            else _best_sentence(self._sentences(state, i), state.lexical.term_flags, q, wanted, len(c.text))
        )
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


def _describe_fault(exc: Exception, stage: str) -> str:
    """What broke, in Chinese, by the step that failed (Chroma raises ValueError for a server that is down, so
    the exception type alone does not tell)."""
    name = type(exc.__cause__ or exc).__name__
    if stage == "pointer":
        return f"索引指针 {POINTER} 已损坏、缺失或无法读取（{name}）：请运行 `indexer build`，它会重建索引并替换该指针"
    if stage == "chunks":
        if isinstance(exc, IndexNotBuilt):
            return str(exc)
        return f"当前索引的分块文件缺失或损坏（{name}）：请运行 `indexer build`"
    return f"向量库中没有当前索引或无法连接（{name}）：请确认 Chroma 可用后运行 `indexer build`"


def lexical_strength(text: str, vocabulary: dict[str, float]) -> float:
    """Share of the question's characters that belong to words the corpus uses (0 for English or pinyin)."""
    found = [w for w in words(text) if not w.isdigit()]
    total = sum(len(w) for w in found) + sum(len(r) for r in _LATIN.findall(text))
    return sum(len(w) for w in found if w in vocabulary) / total if total else 1.0


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


def _top(score: np.ndarray, k: int) -> np.ndarray:
    """The first ``k`` of a stable descending sort, without sorting everything: every chunk tied with the
    k-th score is a candidate, and a stable sort of the candidates keeps ties in chunk order."""
    n = len(score)
    if k <= 0 or n == 0:
        return np.zeros(0, dtype=np.int64)
    if k >= n:
        return np.argsort(-score, kind="stable")[:k]
    neg = -score
    kth = np.partition(neg, k - 1)[k - 1]
    candidates = np.flatnonzero(neg <= kth)
    return candidates[np.argsort(neg[candidates], kind="stable")][:k]


def _map(path) -> mmap.mmap | bytes:
    with open(path, "rb") as fh:
        if os.fstat(fh.fileno()).st_size == 0:
            return b""
        return mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)


def _containing(state: _Loaded, terms: list[str]) -> np.ndarray:
    """Chunks whose normalised text contains any of ``terms``: a byte search over the mapped texts."""
    out = np.zeros(len(state.chunks), dtype=bool)
    blob = state.normalized
    for term in terms:
        needle = term.encode("utf-8")
        if not needle or b"\x00" in needle:
            continue
        at = blob.find(needle)
        while at >= 0:
            i = int(np.searchsorted(state.normalized_offsets, at, side="right")) - 1
            out[i] = True
            # continue after this chunk: one hit per chunk is enough
            nxt = int(state.normalized_offsets[i + 1]) if i + 1 < len(state.normalized_offsets) else len(blob)
            at = blob.find(needle, nxt)
    return out


def _sentences(lex: LexicalIndex, i: int, c: Chunk) -> list[tuple[int, int, np.ndarray, bool]]:
    """The clause's quotable sentences (no headings, preambles or attribute lines) with their term ids and
    whether a token starts with a digit; a clause that is only such a line keeps all its sentences, so a hit
    always shows something. Tokens come from the index; a sentence trimmed of its heading is tokenised here."""
    saved = {(s, e): toks for s, e, toks in lex.chunk_sentences(i)}
    spans = sentence_spans(c) or list(saved)
    out = []
    for s, e in spans:
        toks = saved.get((s, e))
        if toks is not None:
            out.append((s, e, toks, bool((lex.term_flags[toks] & DIGIT).any())))
            continue
        words_ = tokens(c.text[s:e])
        out.append((s, e, lex.term_ids(words_), any(t[:1].isdigit() for t in words_)))
    return out


def _evidence_first(ranked: list[int], verdict: Verdict, state: _Loaded) -> list[int]:
    """The clauses holding the answer sentences lead the hits (in part order), the others keep their rank."""
    lead = [state.position[e.chunk_id] for e in verdict.evidence]
    return list(dict.fromkeys([*lead, *ranked]))[: max(len(ranked), len(set(lead)))]

def _best_sentence(
    sentences: list[tuple[int, int, np.ndarray, bool]], flags: np.ndarray, q: Query, wanted: np.ndarray, length: int
) -> tuple[int, int]:
    best = (0.0, 0, length)
    if not sentences:
        return 0, length
    # one membership test over all the clause's sentence terms (each sentence's ids are distinct and sorted, so
    # the kept ids of a sentence are its intersection with ``wanted``, in the same order)
    toks = np.concatenate([t for _, _, t, _ in sentences])
    kept = _member(toks, wanted)
    # whole words weigh more than character bigrams (marked with '#')
    weight = np.where(flags[toks[kept]] & BIGRAM, 0.3, 1.0)
    # sentence j's shared terms are weight[at[bounds[j]] : at[bounds[j + 1]]]
    at = np.concatenate([[0], np.cumsum(kept)])
    bounds = np.cumsum([0, *(len(t) for _, _, t, _ in sentences)])
    for j, (start, end, _, has_digit) in enumerate(sentences):
        overlap = float(weight[at[bounds[j]] : at[bounds[j + 1]]].sum()) / (1 + 0.01 * (end - start))
        if q.asks_quantity and has_digit:
            overlap *= 1.5
        if overlap > best[0]:
            best = (overlap, start, end)
    return best[1], best[2]


def _member(values: np.ndarray, sorted_ids: np.ndarray) -> np.ndarray:
    """``np.isin(values, sorted_ids)`` for sorted distinct ids: one binary search per value, without the sort
    of both arrays np.isin does (a term may recur across sentences) or a table over the whole id range."""
    if not len(sorted_ids):
        return np.zeros(len(values), dtype=bool)
    at = np.minimum(np.searchsorted(sorted_ids, values), len(sorted_ids) - 1)
    return sorted_ids[at] == values
