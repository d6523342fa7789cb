"""Retrieval evaluation: the product pipeline and its baselines on one question set, in one run.

A retrieved chunk hits when it covers at least half of a gold evidence span (by character offsets in
the original document text).
"""

from __future__ import annotations

import json
import statistics
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from indexer.build import build
from indexer.corpus import load_corpus
from indexer.embedding import Embedder, make_embedder
from indexer.settings import Settings

KS = (1, 3, 5, 10)


@dataclass
class Question:
    qid: str
    text: str
    doc: str
    spans: list[tuple[int, int]]
    region: str
    kind: str = ""
    evidence: tuple[str, ...] = ()
    answer: str = ""
    key_facts: tuple[str, ...] | None = None  # the gold facts, when the set gives them

    @property
    def answerable(self) -> bool:
        return bool(self.doc)


def load_questions(path: Path, originals: dict[str, str]) -> list[Question]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        spans = []
        for ev in row.get("evidence", []):
            text = originals.get(row["doc"], "")
            i = text.find(ev)
            if i < 0:
                raise ValueError(f"{row['id']}: evidence not found in {row['doc']}: {ev[:30]}")
            spans.append((i, i + len(ev)))
        out.append(Question(row["id"], row["question"], row.get("doc", ""), spans, row.get("region", ""),
                            row.get("kind", ""), tuple(row.get("evidence", [])), row.get("answer", ""),
                            tuple(row["key_facts"]) if "key_facts" in row else None))
    return out


def covers(doc: str, start: int, end: int, q: Question) -> bool:
    if doc != q.doc:
        return False
    return any(min(end, e) - max(start, s) >= (e - s) / 2 for s, e in q.spans)


def score(ranked: list[list[tuple[str, int, int]]], flags: list[bool | None], latencies: list[float], qs: list[Question]) -> dict:
    answerable = [i for i, q in enumerate(qs) if q.answerable]
    unanswerable = [i for i, q in enumerate(qs) if not q.answerable]
    ranks = []
    for i in answerable:
        rank = next((r + 1 for r, (d, s, e) in enumerate(ranked[i][:10]) if covers(d, s, e, qs[i])), None)
        ranks.append(rank)
    out = {f"recall@{k}": round(sum(1 for r in ranks if r and r <= k) / len(ranks), 4) for k in KS}
    out["mrr"] = round(sum(1 / r for r in ranks if r) / len(ranks), 4)
    if flags[0] is not None:
        out["no_basis_unanswerable"] = round(sum(flags[i] for i in unanswerable) / max(1, len(unanswerable)), 4)
        out["false_no_basis_answerable"] = round(sum(flags[i] for i in answerable) / max(1, len(answerable)), 4)
    else:
        out["no_basis_unanswerable"] = None
        out["false_no_basis_answerable"] = None
    lat = sorted(latencies)
    out["latency_ms_p50"] = round(statistics.median(lat), 2)
    out["latency_ms_p95"] = round(lat[min(len(lat) - 1, int(0.95 * len(lat)))], 2)
    out["misses"] = [qs[i].qid for i, r in zip(answerable, ranks, strict=True) if not r or r > 5]
    return out


def calibration(confidences: list[float], answerable: list[bool], bins: int = 5) -> dict:
    """How well the search's confidence (its estimate that the documents answer) matches the truth:
    Brier score and expected calibration error over equal-width bins."""
    n = len(confidences)
    brier = sum((c - float(a)) ** 2 for c, a in zip(confidences, answerable, strict=True)) / n
    ece = 0.0
    for b in range(bins):
        lo, hi = b / bins, (b + 1) / bins
        idx = [i for i, c in enumerate(confidences) if lo <= c < hi or (b == bins - 1 and c == 1.0)]
        if idx:
            mean_c = sum(confidences[i] for i in idx) / len(idx)
            rate = sum(answerable[i] for i in idx) / len(idx)
            ece += len(idx) / n * abs(mean_c - rate)
    return {"brier": round(brier, 4), "ece": round(ece, 4), "n": n}


def _run_searcher(searcher, qs: list[Question], mode: str, k: int = 10) -> dict:
    searcher.search(qs[0].text, k=k, mode=mode)  # warm
    ranked, flags, lat, conf = [], [], [], []
    for q in qs:
        t = time.perf_counter()
        res = searcher.search(q.text, k=k, mode=mode)
        lat.append((time.perf_counter() - t) * 1000)
        ranked.append([(h.doc_id, h.start, h.end) for h in res.hits])
        flags.append(res.no_basis)
        conf.append(min(1.0, max(0.0, res.confidence)))
    out = score(ranked, flags, lat, qs)
    out["confidence"] = calibration(conf, [q.answerable for q in qs])
    return out


def _run_langchain(settings: Settings, embedder: Embedder, qs: list[Question]) -> dict:
    """The LangChain default recipe: RecursiveCharacterTextSplitter(500/50) + Chroma + the same embedder."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings
    from langchain_chroma import Chroma
    from langchain_core.embeddings import Embeddings
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    class Adapter(Embeddings):
        def embed_documents(self, texts):
            return embedder.encode(texts).tolist()

        def embed_query(self, text):
            return embedder.encode([text])[0].tolist()

    docs, _ = load_corpus(settings.corpus_dir)
    splitter = RecursiveCharacterTextSplitter(chunk_size=500, chunk_overlap=50, add_start_index=True)
    lc_docs = splitter.create_documents([d.original for d in docs], metadatas=[{"doc_id": d.meta.doc_id} for d in docs])
    with tempfile.TemporaryDirectory() as tmp:
        client = chromadb.PersistentClient(path=tmp, settings=ChromaSettings(anonymized_telemetry=False))
        store = Chroma(client=client, collection_name="langchain", embedding_function=Adapter())
        store.add_documents(lc_docs)
        ranked, lat = [], []
        store.similarity_search(qs[0].text, k=10)
        for q in qs:
            t = time.perf_counter()
            found = store.similarity_search(q.text, k=10)
            lat.append((time.perf_counter() - t) * 1000)
            ranked.append(
                [(d.metadata["doc_id"], d.metadata["start_index"], d.metadata["start_index"] + len(d.page_content)) for d in found]
            )
    result = score(ranked, [None] * len(qs), lat, qs)
    result["chunks"] = len(lc_docs)
    return result


def run(set_path: Path, settings: Settings | None = None, baselines: bool = True) -> dict:
    from assistant.retrieval.search import Searcher

    settings = settings or Settings()
    embedder = make_embedder(settings.embedding_model, settings.embedding_threads)
    t = time.perf_counter()
    report = build(settings, embedder=embedder)
    build_s = time.perf_counter() - t
    docs, _ = load_corpus(settings.corpus_dir)
    qs = load_questions(set_path, {d.meta.doc_id: d.original for d in docs})
    searcher = Searcher(settings, embedder=embedder)
    chunks = searcher.chunks
    size_bytes = sum(p.stat().st_size for p in settings.index_dir.rglob("*") if p.is_file())
    results = {"product": _run_searcher(searcher, qs, "hybrid")}
    results["product"].update(
        {
            "chunks": len(chunks),
            "max_chunk_chars": max(len(c.text) for c in chunks),
            "mean_chunk_chars": round(sum(len(c.text) for c in chunks) / len(chunks), 1),
            "index_bytes": size_bytes,
            "build_status": report.status,
            "build_seconds": round(build_s, 2),
        }
    )
    if baselines:
        # the other fusion (fixed weight if the product's is query-dependent, and the reverse), same run
        other = "fixed" if settings.fusion == "adaptive" else "adaptive"
        alt = Searcher(settings.model_copy(update={"fusion": other}), embedder=embedder)
        results[f"hybrid_{other}"] = _run_searcher(alt, qs, "hybrid")
        results["bm25_only"] = _run_searcher(searcher, qs, "bm25")
        results["dense_only"] = _run_searcher(searcher, qs, "dense")
        results["langchain_default"] = _run_langchain(settings, embedder, qs)
    results["_meta"] = {
        "set": str(set_path),
        "questions": len(qs),
        "answerable": sum(q.answerable for q in qs),
        "embedder": embedder.name,
    }
    return results


def table(results: dict) -> str:
    cols = ["recall@1", "recall@3", "recall@5", "recall@10", "mrr", "no_basis_unanswerable", "false_no_basis_answerable", "latency_ms_p50", "latency_ms_p95"]
    head = f"{'pipeline':<18}" + "".join(f"{c.replace('_answerable', '').replace('_unanswerable', ''):>16}" for c in cols)
    lines = [head]
    for name, r in results.items():
        if name.startswith("_"):
            continue
        lines.append(f"{name:<18}" + "".join(f"{'n/a' if r.get(c) is None else r[c]:>16}" for c in cols))
    meta = results["_meta"]
    p = results["product"]
    lines.append(
        f"\n{meta['questions']} questions ({meta['answerable']} answerable), embedder {meta['embedder']}; "
        f"product index: {p['chunks']} chunks (max {p['max_chunk_chars']} / mean {p['mean_chunk_chars']} chars), "
        f"{p['index_bytes'] / 1e6:.1f} MB on disk; build {p['build_status']} in {p['build_seconds']} s"
    )
    lines.append(f"product misses (not in top 5): {', '.join(p['misses']) or 'none'}")
    if "bm25_only" in results:
        ok = p["mrr"] > results["bm25_only"]["mrr"]
        lines.append(f"hybrid MRR {p['mrr']} {'>' if ok else '<='} BM25-only {results['bm25_only']['mrr']} {'✔' if ok else '✘'}")
    if "confidence" in p:
        c = p["confidence"]
        lines.append(f"no-basis confidence (P(answerable)): Brier {c['brier']}, ECE {c['ece']} over {c['n']} questions")
    return "\n".join(lines)


def fusion(set_paths: list[Path], weights: tuple[float, ...] = (0.2, 0.3, 0.45), settings: Settings | None = None) -> dict:
    """Every set in one run on one index: MRR of BM25 only, of fixed dense weights, and of the product's fusion,
    so a fusion rule is judged by whether the hybrid beats BM25 on all of them at once."""
    from assistant.retrieval.search import Searcher

    settings = settings or Settings()
    embedder = make_embedder(settings.embedding_model, settings.embedding_threads)
    build(settings, embedder=embedder)
    docs, _ = load_corpus(settings.corpus_dir)
    originals = {d.meta.doc_id: d.original for d in docs}
    searcher = Searcher(settings, embedder=embedder)
    out: dict[str, dict] = {}
    for path in set_paths:
        qs = [q for q in load_questions(path, originals) if q.answerable]
        runs: dict[str, dict] = {"bm25_only": {"mode": "bm25"}, "product": {}}
        runs.update({f"fixed_{w}": {"dense_weight": w} for w in weights})
        row = {}
        for name, kw in runs.items():
            ranks = [next((r + 1 for r, h in enumerate(searcher.search(q.text, k=10, **kw).hits)
                           if covers(h.doc_id, h.start, h.end, q)), None) for q in qs]
            row[name] = round(sum(1 / r for r in ranks if r) / len(ranks), 4) if ranks else None
        row["hybrid_beats_bm25"] = row["product"] is not None and row["product"] > row["bm25_only"]
        out[str(path)] = row
    return out


def fusion_table(results: dict) -> str:
    names = list(next(iter(results.values())).keys())
    lines = [f"{'set':<48}" + "".join(f"{n:>18}" for n in names)]
    for path, row in results.items():
        lines.append(f"{path[-48:]:<48}" + "".join(f"{str(row[n]):>18}" for n in names))
    return "\n".join(lines)
