"""Benchmark of the OpenAI-compatible endpoint: the `openai` client streaming from /v1/chat/completions.

`python -m eval openai-compat [--embedder use|hash] [--json]`. The app runs under uvicorn in a subprocess (its own
GIL) over a freshly built index in a temp dir, with the offline chat model and a private conversation store. Each
question of eval.load's pool is asked in a new conversation, one at a time, after one untimed warm-up request:

- first chunk: request sent → the first `chat.completion.chunk` out of the client's iterator (the role delta,
  sent before the service starts on the turn); target ≤ 300 ms;
- first content: → the first chunk carrying answer text (the whole offline turn: retrieval, tools, guard);
- whole stream: → `data: [DONE]`; and the same question non-streamed, for comparison.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import openai

from eval.load import QUESTIONS, _free_port, _wait_ready
from indexer.build import build
from indexer.settings import ROOT, Settings

TARGET_FIRST_CHUNK_MS = 300.0
KEY = "bench-openai-compat-key"


def _settings(tmp: Path, embedder: str) -> Settings:
    return Settings(embedding_model=embedder, index_dir=tmp / "index", conversation_db_url=f"sqlite:///{tmp / 'c.db'}",
                    llm_base_url=None, api_keys=[KEY], openai_rate_per_minute=10**9)


def _serve(tmp: str, embedder: str, port: int) -> None:
    import uvicorn

    from assistant.api.app import create_app

    uvicorn.run(create_app(_settings(Path(tmp), embedder)), host="127.0.0.1", port=port, log_level="warning",
                access_log=False)


def run(embedder: str = "use", limit: int | None = None) -> dict:
    questions = QUESTIONS[:limit] if limit else QUESTIONS
    with tempfile.TemporaryDirectory() as tmp:
        build(_settings(Path(tmp), embedder))
        port = _free_port()
        base = f"http://127.0.0.1:{port}"
        code = f"from eval.openai_compat import _serve; _serve({tmp!r}, {embedder!r}, {port})"
        proc = subprocess.Popen([sys.executable, "-c", code], cwd=ROOT)
        try:
            _wait_ready(base, proc)
            client = openai.OpenAI(base_url=f"{base}/v1", api_key=KEY, max_retries=0)
            _stream(client, questions[0])  # warm the whole path once
            rows = [_measure(client, q) for q in questions]
        finally:
            proc.terminate()
            proc.wait(timeout=30)
    stats = {name: _percentiles([r[name] for r in rows]) for name in rows[0] if name != "equal"}
    return {
        "embedder": embedder,
        "requests": len(rows),
        "streamed_equals_answer": sum(r["equal"] for r in rows),
        "ms": stats,
        "target_first_chunk_p95_ms": TARGET_FIRST_CHUNK_MS,
        "meets_target": stats["first_chunk"]["p95"] <= TARGET_FIRST_CHUNK_MS,
    }


def _stream(client: openai.OpenAI, question: str) -> tuple[float, float, float, str]:
    t0 = time.perf_counter()
    first = content = None
    parts = []
    for chunk in client.chat.completions.create(model="minzheng-assistant", stream=True,
                                                messages=[{"role": "user", "content": question}]):
        now = time.perf_counter()
        first = first or now
        piece = chunk.choices[0].delta.content if chunk.choices else None
        if piece:
            content = content or now
            parts.append(piece)
    end = time.perf_counter()
    return (first - t0) * 1000, ((content or end) - t0) * 1000, (end - t0) * 1000, "".join(parts)


def _measure(client: openai.OpenAI, question: str) -> dict:
    first, content, whole, text = _stream(client, question)
    t0 = time.perf_counter()
    done = client.chat.completions.create(model="minzheng-assistant", messages=[{"role": "user", "content": question}])
    plain = (time.perf_counter() - t0) * 1000
    return {"first_chunk": first, "first_content": content, "whole_stream": whole, "non_streamed": plain,
            "equal": text == done.choices[0].message.content}


def _percentiles(values: list[float]) -> dict[str, float]:
    arr = np.array(values)
    return {"p50": round(float(np.percentile(arr, 50)), 1), "p95": round(float(np.percentile(arr, 95)), 1),
            "max": round(float(arr.max()), 1)}


def table(result: dict) -> str:
    lines = [
        f"{result['requests']} questions, one at a time, new conversation each; embedder {result['embedder']}, "
        "offline chat model",
        f"{'':<16}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}",
    ]
    for name, s in result["ms"].items():
        lines.append(f"{name:<16}{s['p50']:>9}{s['p95']:>9}{s['max']:>9}")
    lines.append(f"streamed text == non-streamed answer: {result['streamed_equals_answer']}/{result['requests']}")
    verdict = "meets" if result["meets_target"] else "MISSES"
    lines.append(f"first chunk p95 {result['ms']['first_chunk']['p95']} ms: {verdict} the target of "
                 f"{result['target_first_chunk_p95_ms']:.0f} ms")
    return "\n".join(lines)
