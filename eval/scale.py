"""Scale benchmark: `python -m eval scale --docs 4,400,2000 [--json]`.

Per size: a synthetic library (eval/synthetic.py, seeded), a cold build and a rebuild after one changed file
(vectors from a deterministic stand-in named like the real model, so building measures the index and not the
embedding model; the server embeds queries with the real one), the server's start-up to /healthz, its RSS
after the queries, the index on disk, /api/search p50/p95 at 1 and 4 concurrent clients over HTTP, and the
same queries' lexical scoring through the project's index and through bm25s on the same tokens. Where the
server would run several workers here (settings.worker_count), the 4 clients are measured against that server
too, with its RSS and PSS summed over the workers (RSS counts the shared, memory-mapped index once per worker).
"""

from __future__ import annotations

import asyncio
import os
import shutil
import subprocess
import sys
import tempfile
import time
import zlib
from pathlib import Path

import numpy as np

from eval.load import QUESTIONS, _Aiohttp, _free_port, _wait_ready
from eval.synthetic import generate
from indexer.build import build
from indexer.settings import ROOT, Settings, worker_count

REQUESTS_PER_CLIENT = 60


class StandInEmbedder:
    """Unit vectors drawn from each text's hash, with the real model's name and size: the index, the store and
    the server see exactly what a real build writes, without the embedding cost."""

    name = "use-multilingual-v3"
    dim = 512

    def encode(self, texts: list[str]) -> np.ndarray:
        out = np.empty((len(texts), self.dim), dtype=np.float32)
        for i, t in enumerate(texts):
            v = np.random.default_rng(zlib.crc32(t.encode("utf-8"))).standard_normal(self.dim)
            out[i] = v / np.linalg.norm(v)
        return out


def _disk_mb(path: Path) -> float:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 1e6


def _tree(pid: int) -> list[int]:
    """The process and its descendants (uvicorn's supervisor and its workers)."""
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        for task in Path(f"/proc/{p}/task").glob("*/children"):
            todo.extend(int(c) for c in task.read_text().split())
    return out


def _memory_mb(pid: int, field: str) -> float:
    """``field`` (VmRSS in status, Pss in smaps_rollup) summed over the server's processes: RSS counts the mapped
    index once per worker, PSS shares it out."""
    total = 0.0
    for p in _tree(pid):
        path = Path(f"/proc/{p}/status" if field == "VmRSS" else f"/proc/{p}/smaps_rollup")
        for line in path.read_text().splitlines():
            if line.startswith(f"{field}:"):
                total += int(line.split()[1]) / 1024
    return total


def _percentiles(ms: list[float]) -> tuple[float, float]:
    arr = np.array(ms)
    return round(float(np.percentile(arr, 50)), 2), round(float(np.percentile(arr, 95)), 2)


def _clients(base: str, n: int) -> list[float]:
    """``n`` clients, each sending its searches one after another, from one asyncio process with eval.load's client:
    what the load generator spends per request is taken from the server on the same cores."""
    return asyncio.run(_fire_clients(base, n))


async def _fire_clients(base: str, n: int) -> list[float]:
    http = _Aiohttp(base, n)
    times: list[float] = []

    async def client(offset: int) -> None:
        await http.send("GET", "/healthz", None, None, {})
        for i in range(REQUESTS_PER_CLIENT):
            q = QUESTIONS[(offset * 17 + i) % len(QUESTIONS)]
            t0 = time.perf_counter()
            status, body = await http.send("GET", "/api/search", {"q": q, "k": 5}, None, {})
            dt = (time.perf_counter() - t0) * 1000
            if status != 200:
                raise RuntimeError(f"/api/search answered {status}: {body[:200].decode('utf-8', 'replace')}")
            times.append(dt)

    try:
        await asyncio.gather(*(client(c) for c in range(n)))
    finally:
        await http.close()
    return times


def _serve(settings: Settings, workers: int = 1) -> tuple[subprocess.Popen, str, float]:
    port = _free_port()
    env = dict(os.environ, MZ_CORPUS_DIR=str(settings.corpus_dir), MZ_INDEX_DIR=str(settings.index_dir),
               MZ_EMBEDDING_MODEL="use")
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", f"from eval.load import _serve; _serve({port}, {workers})"], cwd=ROOT, env=env)
    base = f"http://127.0.0.1:{port}"
    _wait_ready(base, proc, timeout_s=900)
    return proc, base, time.perf_counter() - t0


def _lexical_compare(settings: Settings) -> dict:
    """The same query tokens through the generation's lexical index and through bm25s (top 10)."""
    import bm25s
    from bm25s.tokenization import Tokenized

    from assistant.retrieval.search import _top
    from indexer.lexical import K1, B, LexicalIndex
    from indexer.store import read_pointer
    from indexer.text import tokens

    gen = read_pointer(settings.index_dir)
    lex = LexicalIndex(gen.lexical_path)
    indptr = np.load(gen.lexical_path / "counts_indptr.npy")
    indices = np.load(gen.lexical_path / "counts_indices.npy")
    data = np.load(gen.lexical_path / "counts_data.npy").astype(np.int64)
    docs = [np.repeat(indices[indptr[i] : indptr[i + 1]], data[indptr[i] : indptr[i + 1]]).tolist() for i in range(lex.n)]
    t0 = time.perf_counter()
    ref = bm25s.BM25(k1=K1, b=B, method="lucene")
    ref.index(Tokenized(ids=docs, vocab=lex.ids), show_progress=False)
    bm25s_build = time.perf_counter() - t0
    del docs
    ours, theirs, agree = [], [], 0
    queries = [list(dict.fromkeys(t for t in tokens(q) if t in lex.ids)) for q in QUESTIONS]
    for toks in queries:  # untimed: the mapped pages a server would hold after its first searches
        lex.scores(toks)
    # three rounds: on a shared machine a single round's p95 is a scheduler time slice, not the scoring
    for toks in queries * 3:
        t0 = time.perf_counter()
        a = _top(lex.scores(toks), 10)
        ours.append((time.perf_counter() - t0) * 1000)
        t0 = time.perf_counter()
        scores = ref.get_scores(toks)
        b = _top(scores, 10)
        theirs.append((time.perf_counter() - t0) * 1000)
        agree += set(a.tolist()) == set(b.tolist())
    return {
        "lexical_p50_ms": _percentiles(ours)[0],
        "lexical_p95_ms": _percentiles(ours)[1],
        "bm25s_p50_ms": _percentiles(theirs)[0],
        "bm25s_p95_ms": _percentiles(theirs)[1],
        "bm25s_build_s": round(bm25s_build, 2),
        "same_top10": f"{agree // 3}/{len(queries)}",
    }


def _dense_compare(settings: Settings) -> dict:
    """Exact cosine over the vectors in memory against Chroma's HNSW query, same query vectors, 50 results:
    where the crossover lies decides ``dense_in_memory_max``."""
    from indexer.embedding import make_embedder
    from indexer.store import chroma_client, collection, read_pointer, stored_vectors

    gen = read_pointer(settings.index_dir)
    client = chroma_client(settings.index_dir, settings.chroma_url)
    coll = collection(client, gen.collection)
    ids = (gen.directory / "ids.txt").read_text(encoding="utf-8").split()
    got = stored_vectors(client, gen.collection, ids)
    matrix = np.stack([got[i] for i in ids])
    matrix /= np.linalg.norm(matrix, axis=1, keepdims=True)
    queries = make_embedder("use").encode(QUESTIONS)
    exact, hnsw = [], []
    for v in queries:
        t0 = time.perf_counter()
        sims = matrix @ (v / np.linalg.norm(v))
        np.argpartition(-sims, min(50, len(sims)) - 1)[:50]
        exact.append((time.perf_counter() - t0) * 1000)
        t0 = time.perf_counter()
        coll.query(query_embeddings=[v.tolist()], n_results=min(50, len(ids)), include=["distances"])
        hnsw.append((time.perf_counter() - t0) * 1000)
    return {"dense_exact_p50_ms": _percentiles(exact)[0], "dense_hnsw_p50_ms": _percentiles(hnsw)[0]}


def run_size(n_docs: int, work: Path, reuse: bool = False) -> dict:
    """One size in ``work``; ``reuse``: its library and index are there from an earlier run (no cold build)."""
    corpus, index = work / "corpus", work / "index"
    names = sorted(p.name for p in corpus.glob("*.txt")) if reuse else generate(corpus, n_docs)
    settings = Settings(corpus_dir=corpus, index_dir=index, embedding_model="use")
    embedder = StandInEmbedder()
    t0 = time.perf_counter()
    cold = build(settings, embedder=embedder)
    cold_s = None if reuse else round(time.perf_counter() - t0, 2)
    changed = corpus / names[len(names) // 2]
    changed.write_text(changed.read_text(encoding="utf-8") + "\n附则\n本文件自印发之日起施行，由民政部门负责解释。\n", encoding="utf-8")
    t0 = time.perf_counter()
    again = build(settings, embedder=embedder)
    rebuild_s = time.perf_counter() - t0
    if again.changed != [changed.name]:
        raise RuntimeError(f"one-file rebuild re-chunked {again.changed}")
    proc, base, startup_s = _serve(settings)
    try:
        _clients(base, 1)  # warm: every question once through the server
        p1 = _percentiles(_clients(base, 1))
        p4 = _percentiles(_clients(base, 4))
        rss = _memory_mb(proc.pid, "VmRSS")
    finally:
        proc.terminate()
        proc.wait(timeout=60)
    workers = worker_count(settings)
    multi: dict = {}
    if workers > 1:  # the same 4 clients against the server as `assistant serve` runs it here
        proc, base, _ = _serve(settings, workers)
        try:
            _clients(base, 4)
            p4w = _percentiles(_clients(base, 4))
            multi = {"p50_ms_4_workers": p4w[0], "p95_ms_4_workers": p4w[1],
                     "rss_mb_workers": round(_memory_mb(proc.pid, "VmRSS"), 1),
                     "pss_mb_workers": round(_memory_mb(proc.pid, "Pss"), 1)}
        finally:
            proc.terminate()
            proc.wait(timeout=60)
    return {
        "chunks": cold.chunks,
        "cold_build_s": cold_s,
        "rebuild_one_s": round(rebuild_s, 2),
        "rebuild_embedded": again.embedded,
        "startup_s": round(startup_s, 2),
        "rss_mb": round(rss, 1),
        "disk_mb": round(_disk_mb(index), 1),
        "p50_ms_1": p1[0],
        "p95_ms_1": p1[1],
        "p50_ms_4": p4[0],
        "p95_ms_4": p4[1],
        "workers": workers,
        **multi,
        **_lexical_compare(settings),
        **_dense_compare(settings),
        "load_avg": round(os.getloadavg()[0], 2),
    }


def run(sizes: list[int], keep: Path | None = None, reuse: Path | None = None) -> dict:
    out: dict[str, dict] = {}
    for n in sizes:
        if reuse is not None:
            out[str(n)] = run_size(n, next(reuse.glob(f"scale-{n}-*")), reuse=True)
            continue
        work = Path(tempfile.mkdtemp(prefix=f"scale-{n}-", dir=keep))
        try:
            out[str(n)] = run_size(n, work)
        finally:
            if keep is None:
                shutil.rmtree(work, ignore_errors=True)
    return {"sizes": out}


COLUMNS = ["chunks", "cold_build_s", "rebuild_one_s", "startup_s", "rss_mb", "disk_mb", "p50_ms_1", "p95_ms_1",
           "p50_ms_4", "p95_ms_4", "workers", "p95_ms_4_workers", "rss_mb_workers", "lexical_p95_ms", "bm25s_p95_ms", "dense_exact_p50_ms", "dense_hnsw_p50_ms", "load_avg"]


def table(result: dict) -> str:
    lines = [f"{'docs':>6}" + "".join(f"{c:>15}" for c in COLUMNS)]
    for n, r in result["sizes"].items():
        lines.append(f"{n:>6}" + "".join(f"{'-' if r.get(c) is None else r[c]:>15}" for c in COLUMNS))
    return "\n".join(lines)
