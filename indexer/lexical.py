"""The lexical index of one generation: BM25 weights as a term-major sparse matrix, and the sentence spans
with their tokens, built once by the indexer and memory-mapped by every searcher that loads the generation.

Files (all ``.npy`` except the vocabulary), in ``gen-<id>/lexical/``:
- ``vocab.json``: the terms; a term's id is its position.
- ``counts_*``: chunk × term counts (CSR), kept so the next build re-tokenises only changed documents.
- ``w_*``: term × chunk BM25 weights (CSR over terms): a query adds ``weight × row`` per query term.
- ``sent_*``: per chunk its sentences' spans, per sentence its distinct term ids.
- ``normalized.txt`` / ``normalized_offsets``: the chunk texts normalised like a query (UTF-8, NUL-separated)
  and where each starts, for verbatim matching of quoted terms.
- ``term_flags``: bit 0 = character bigram (``#``-marked), bit 1 = starts with a digit.

The weighting is Okapi BM25 with Lucene's idf, ``idf·tf·(k1+1)/(tf + k1·(1-b+b·len/avg))``: bm25s'
``lucene`` method times the constant ``k1+1`` (pinned by a test against bm25s).
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from scipy import sparse

from indexer.models import Chunk
from indexer.regions import gazetteer
from indexer.text import normalize, tokens

if TYPE_CHECKING:
    from indexer.store import StoredChunk

K1, B = 1.2, 0.75
BIGRAM, DIGIT = 1, 2
_SENTENCE = re.compile(r"[^。；;！!？?\n]+[。；;！!？?]?")
_PKG = Path(__file__).parent
# Sources whose change alters tokens: editing any of them re-tokenises every chunk.
_TOKEN_SOURCES = ["text.py", "lexical.py", "data/userdict.txt", "data/stopwords.txt", "data/regions.yaml"]


def lexical_version() -> str:
    h = hashlib.sha1()
    for name in _TOKEN_SOURCES:
        h.update((_PKG / name).read_bytes())
    return h.hexdigest()[:12]


def bm25_text(c: Chunk) -> str:
    """What the lexical side indexes: the region with its short name, the nearest headings, the clause."""
    region = gazetteer().by_name.get(c.region)
    names = f"{c.region} {region.short}" if region else c.region
    return " ".join([names, *c.heading_path[-2:], c.text])


def sentences(text: str) -> list[tuple[int, int, list[str]]]:
    return [(m.start(), m.end(), tokens(m.group())) for m in _SENTENCE.finditer(text)]


@dataclass
class _Analysed:
    """One chunk's lexical content, as term strings."""

    counts: Counter[str]
    sentences: list[tuple[int, int, list[str]]]


def analyse_chunk(c: Chunk) -> _Analysed:
    return _Analysed(Counter(tokens(bm25_text(c))), sentences(c.text))


_MEMO_MAX = 1 << 16


class _Idf(Mapping[str, float]):
    """Term → idf, for the terms that occur in some chunk (as a dict of them would be)."""

    def __init__(self, ids: dict[str, int], idf: np.ndarray, df: np.ndarray):
        self._ids, self._idf, self._df = ids, idf, df
        # terms looked up so far → idf (None: not in the corpus). The evidence judge asks the same few question
        # words for every candidate sentence; a numpy scalar read per ask was a tenth of its time. Bounded by
        # the vocabulary plus the distinct unknown words asked, which are dropped past _MEMO_MAX.
        self._memo: dict[str, float | None] = {}

    def _lookup(self, term: str) -> float | None:
        try:
            return self._memo[term]
        except KeyError:
            pass
        i = self._ids.get(term)
        got = None if i is None or not self._df[i] else float(self._idf[i])
        if len(self._memo) >= _MEMO_MAX:
            self._memo.clear()
        self._memo[term] = got
        return got

    def __getitem__(self, term: str) -> float:
        got = self._lookup(term)
        if got is None:
            raise KeyError(term)
        return got

    def get(self, term: str, default=None):  # type: ignore[override]
        got = self._lookup(term)
        return default if got is None else got

    def __contains__(self, term: object) -> bool:
        return isinstance(term, str) and self._lookup(term) is not None

    def __iter__(self) -> Iterator[str]:
        return (t for t, i in self._ids.items() if self._df[i])

    def __len__(self) -> int:
        return int(np.count_nonzero(self._df))


class LexicalIndex:
    """Read side: memory-mapped arrays of one generation."""

    def __init__(self, path: Path):
        self.path = path
        self.vocab: list[str] = json.loads((path / "vocab.json").read_text(encoding="utf-8"))
        self.ids = {t: i for i, t in enumerate(self.vocab)}
        # plain arrays over the mapped files: no copy, and slicing without np.memmap's per-call overhead
        load = lambda name: np.asarray(np.load(path / f"{name}.npy", mmap_mode="r"))  # noqa: E731
        self.w_indptr, self.w_docs, self.w_vals = load("w_indptr"), load("w_docs"), load("w_vals")
        self.idf = load("idf")
        self.term_flags = load("term_flags")
        self.sent_ptr, self.sent_start, self.sent_end = load("sent_ptr"), load("sent_start"), load("sent_end")
        self.sent_tok_ptr, self.sent_toks = load("sent_tok_ptr"), load("sent_toks")
        self.n = int(len(self.sent_ptr) - 1)
        self.idf_of = _Idf(self.ids, self.idf, np.diff(self.w_indptr))

    def words(self) -> set[str]:
        """The corpus words (not bigrams) that occur in some chunk."""
        df = np.diff(self.w_indptr)
        return {t for t, f in zip(self.vocab, df, strict=True) if f and not t.startswith("#")}

    def scores(self, query: list[str], weights: dict[str, float] | None = None) -> np.ndarray:
        """BM25 of every chunk for ``query``; a repeated term counts ``1 + log(times)``, ``weights`` scale terms."""
        out = np.zeros(self.n, dtype=np.float32)
        for term, qtf in Counter(query).items():
            t = self.ids.get(term)
            if t is None:
                continue
            s, e = int(self.w_indptr[t]), int(self.w_indptr[t + 1])
            if s == e:
                continue
            w = (weights.get(term, 1.0) if weights else 1.0) * (1 + math.log(qtf))
            # a term's row holds each chunk at most once, so fancy-index addition is exact
            out[self.w_docs[s:e]] += np.float32(w) * self.w_vals[s:e]
        return out

    def term_ids(self, terms: Iterable[str]) -> np.ndarray:
        return np.array(sorted({self.ids[t] for t in terms if t in self.ids}), dtype=np.int32)

    def chunk_sentences(self, i: int) -> list[tuple[int, int, np.ndarray]]:
        """Sentence spans of chunk ``i`` with each sentence's distinct term ids (sorted)."""
        out = []
        for s in range(int(self.sent_ptr[i]), int(self.sent_ptr[i + 1])):
            toks = self.sent_toks[int(self.sent_tok_ptr[s]) : int(self.sent_tok_ptr[s + 1])]
            out.append((int(self.sent_start[s]), int(self.sent_end[s]), toks))
        return out


@dataclass
class _Piece:
    """The lexical content of consecutive chunks, as arrays ready to concatenate."""

    row_lengths: np.ndarray  # per chunk: distinct terms
    terms: np.ndarray
    counts: np.ndarray
    sent_counts: np.ndarray  # per chunk: sentences
    sent_start: np.ndarray
    sent_end: np.ndarray
    tok_lengths: np.ndarray  # per sentence: distinct terms
    toks: np.ndarray
    text: bytes  # the chunks' normalised texts, NUL-separated
    text_offsets: np.ndarray  # per chunk, from the start of ``text``


def _reused(prev: LexicalIndex, arrays: dict[str, np.ndarray], blob: bytes, a: int, b: int) -> _Piece:
    """Rows a..b-1 of the previous generation, sliced in bulk."""
    ip, sp, tp, off = arrays["counts_indptr"], prev.sent_ptr, prev.sent_tok_ptr, arrays["normalized_offsets"]
    sa, sb = int(sp[a]), int(sp[b])
    end = int(off[b]) - 1 if b < len(off) else len(blob)
    # views of the mapped files in their stored dtypes: the one concatenation per array copies them
    return _Piece(
        row_lengths=np.diff(ip[a : b + 1]),
        terms=arrays["counts_indices"][ip[a] : ip[b]],
        counts=arrays["counts_data"][ip[a] : ip[b]],
        sent_counts=np.diff(sp[a : b + 1]),
        sent_start=prev.sent_start[sa:sb],
        sent_end=prev.sent_end[sa:sb],
        tok_lengths=np.diff(tp[sa : sb + 1]),
        toks=prev.sent_toks[tp[sa] : tp[sb]],
        text=blob[int(off[a]) : end],
        text_offsets=off[a:b] - off[a],
    )


def _analysed(c: Chunk, tid) -> _Piece:
    got = analyse_chunk(c)
    toks = [np.unique(np.array([tid(t) for t in ts], dtype=np.int32)) for _, _, ts in got.sentences]
    return _Piece(
        row_lengths=np.array([len(got.counts)]),
        terms=np.array([tid(t) for t in got.counts], dtype=np.int32),
        counts=np.array(list(got.counts.values()), dtype=np.float32),
        sent_counts=np.array([len(got.sentences)]),
        sent_start=np.array([s for s, _, _ in got.sentences], dtype=np.int32),
        sent_end=np.array([e for _, e, _ in got.sentences], dtype=np.int32),
        tok_lengths=np.array([len(t) for t in toks], dtype=np.int64),
        toks=np.concatenate(toks) if toks else np.zeros(0, np.int32),
        text=normalize(c.text).encode("utf-8"),
        text_offsets=np.zeros(1, dtype=np.int64),
    )


def _cat(parts: list[np.ndarray], dtype) -> np.ndarray:
    """One array from the pieces, cast while copying (no intermediate array of another width)."""
    return np.concatenate(parts, dtype=dtype, casting="same_kind") if parts else np.zeros(0, dtype)


def _ptr(lengths: np.ndarray) -> np.ndarray:
    out = np.zeros(len(lengths) + 1, dtype=np.int64)
    np.cumsum(lengths, out=out[1:])
    return out


def write(
    path: Path,
    chunks: Sequence[Chunk | StoredChunk],
    previous: LexicalIndex | None = None,
    previous_rows: dict[str, int] | None = None,
) -> None:
    """Build the lexical files for ``chunks``. Chunks named in ``previous_rows`` (chunk id → row of the
    previous generation) take their counts, sentences and text from it instead of being tokenised again;
    runs of them in the previous order are copied as whole slices. Only those may be unparsed stored chunks."""
    previous_rows = previous_rows if previous is not None and previous_rows else {}
    # the previous vocabulary keeps its ids, so reused rows need no remapping
    vocab: dict[str, int] = dict(previous.ids) if previous is not None else {}
    old_arrays: dict[str, np.ndarray] = {}
    blob = b""
    if previous is not None and previous_rows:
        for name in ("counts_indptr", "counts_indices", "counts_data", "normalized_offsets"):
            old_arrays[name] = np.load(previous.path / f"{name}.npy", mmap_mode="r")
        blob = (previous.path / "normalized.txt").read_bytes()

    def tid(term: str) -> int:
        i = vocab.get(term)
        if i is None:
            i = vocab[term] = len(vocab)
        return i

    pieces: list[_Piece] = []
    i = 0
    while i < len(chunks):
        old = previous_rows.get(chunks[i].chunk_id)
        if old is None:
            pieces.append(_analysed(chunks[i], tid))
            i += 1
            continue
        j = i + 1
        while j < len(chunks) and previous_rows.get(chunks[j].chunk_id) == old + (j - i):
            j += 1
        assert previous is not None
        pieces.append(_reused(previous, old_arrays, blob, old, old + (j - i)))
        i = j

    n, v = len(chunks), len(vocab)
    counts = sparse.csr_matrix(
        (
            _cat([p.counts for p in pieces], np.float32),
            _cat([p.terms for p in pieces], np.int32),
            _ptr(_cat([p.row_lengths for p in pieces], np.int64)),
        ),
        shape=(n, v),
    )
    counts.sort_indices()
    weights, idf = bm25_weights(counts)
    by_term = weights.T.tocsr()  # term-major: one contiguous row of chunks per term
    by_term.sort_indices()

    terms = [""] * v
    for t, k in vocab.items():
        terms[k] = t
    flags = np.array([(BIGRAM if t.startswith("#") else 0) | (DIGIT if t[:1].isdigit() else 0) for t in terms], dtype=np.uint8)
    offsets, at = [], 0
    for p in pieces:
        offsets.append(p.text_offsets + at)
        at += len(p.text) + 1

    path.mkdir(parents=True, exist_ok=True)
    (path / "normalized.txt").write_bytes(b"\x00".join(p.text for p in pieces))
    (path / "vocab.json").write_text(json.dumps(terms, ensure_ascii=False), encoding="utf-8")
    arrays = {
        "normalized_offsets": _cat(offsets, np.int64),
        "counts_indptr": counts.indptr.astype(np.int64, copy=False),
        "counts_indices": counts.indices.astype(np.int32, copy=False),
        "counts_data": counts.data.astype(np.float32, copy=False),
        "w_indptr": by_term.indptr.astype(np.int64, copy=False),
        "w_docs": by_term.indices.astype(np.int32, copy=False),
        "w_vals": by_term.data.astype(np.float32, copy=False),
        "idf": idf,  # float64: the evidence rules compare idf against thresholds
        "term_flags": flags,
        "sent_ptr": _ptr(_cat([p.sent_counts for p in pieces], np.int64)),
        "sent_start": _cat([p.sent_start for p in pieces], np.int32),
        "sent_end": _cat([p.sent_end for p in pieces], np.int32),
        "sent_tok_ptr": _ptr(_cat([p.tok_lengths for p in pieces], np.int64)),
        "sent_toks": _cat([p.toks for p in pieces], np.int32),
    }
    for name, arr in arrays.items():
        np.save(path / f"{name}.npy", arr)


def bm25_weights(counts: sparse.csr_matrix, k1: float = K1, b: float = B) -> tuple[sparse.csr_matrix, np.ndarray]:
    """Per (chunk, term) the BM25 contribution of one query occurrence of the term, and each term's idf."""
    n = counts.shape[0]
    lengths = np.asarray(counts.sum(axis=1)).ravel()
    avg = float(lengths.mean()) if n else 0.0
    df = np.bincount(counts.indices, minlength=counts.shape[1]).astype(np.float64)
    idf = np.log(1 + (n - df + 0.5) / (df + 0.5))
    norm = (k1 * (1 - b + b * lengths / max(avg, 1e-9))).astype(np.float32)
    tf = counts.data.astype(np.float32, copy=False)
    # float32 per entry, as the weights are stored (and as the BM25 this replaced computed them); in place,
    # in the order ``idf·tf·(k1+1) / (tf + norm)``, so no temporary array per operation
    denominator = np.repeat(norm, np.diff(counts.indptr))
    denominator += tf
    data = idf.astype(np.float32)[counts.indices]
    data *= tf
    data *= np.float32(k1 + 1)
    data /= denominator
    return sparse.csr_matrix((data, counts.indices, counts.indptr), shape=counts.shape), idf

