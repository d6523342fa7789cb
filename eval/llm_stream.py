"""First-token latency on the configured-model path: `python -m eval openai-compat --llm scripted [--json]`.

The app runs under uvicorn in a subprocess (its own GIL) over a freshly built index, configured with an
OpenAI-compatible model: the scripted server of tests/scripted_llm.py, in this process, writing like a model
(``--first-ms`` before its first token, then one piece of ``--chars`` characters every ``--piece-ms``). Each question
of eval.load's pool, in a new conversation: the model calls search_policy, then writes a conclusion, the clause's
sentence quoted with its marker, and a closing sentence (the shape the system prompt asks for). Measured on one clock
(time.perf_counter: the server is a thread of this process), relative to the moment the model sent its first token:

- /v1 stream=true (the `openai` client): the first content chunk, which is checked answer text;
- /api/chat SSE: the first `draft` event (the sentence being written, unchecked) and the first `token` (checked);
- for comparison, when the model finished its first sentence (the guard must see the character after it).

Target (issue 12): first token ≤ 1 s after the model's first token.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
import numpy as np
import openai

from eval.load import QUESTIONS, _free_port, _wait_ready
from indexer.build import build
from indexer.settings import ROOT, Settings

TARGET_MS = 1000.0
KEY = "bench-llm-stream-key"
_TERMINATORS = "。！？!?；;"


def _settings(tmp: Path, embedder: str, llm_url: str) -> Settings:
    return Settings(embedding_model=embedder, index_dir=tmp / "index", conversation_db_url=f"sqlite:///{tmp / 'c.db'}",
                    llm_base_url=llm_url, llm_model="scripted", llm_max_retries=0, llm_structured_household=False,
                    api_keys=[KEY], openai_rate_per_minute=10**9, chat_rate_per_minute=10**9)


def _serve(tmp: str, embedder: str, llm_url: str, port: int) -> None:
    import uvicorn

    from assistant.api.app import create_app

    uvicorn.run(create_app(_settings(Path(tmp), embedder, llm_url)), host="127.0.0.1", port=port,
                log_level="warning", access_log=False)


def _script(llm, question: str) -> None:
    from tests.scripted_llm import answer, tool_call, tool_results

    def write(messages: list[dict]) -> str:
        hits = json.loads(tool_results(messages)[0]["content"])["hits"]
        if not hits:
            return "政策文件中未找到依据。建议向当地民政部门咨询。"
        hit = hits[0]
        return (f"根据检索到的条款，可以按规定办理。「{hit['sentence']}」[{hit['ref']}]。"
                "具体以当地民政部门审核为准。")

    llm.script = [tool_call("search_policy", {"query": question}), answer(write)]


def _first_sentence_at(record, chars_after: int = 1) -> float:
    """When the model had written its first sentence and the character after it."""
    written = ""
    for piece, at in zip(record.pieces, record.times, strict=True):
        written += piece
        end = next((i for i, ch in enumerate(written) if ch in _TERMINATORS), None)
        if end is not None and len(written) > end + chars_after:
            return at
    return record.done_at


def _v1(client: openai.OpenAI, llm, question: str) -> dict:
    _script(llm, question)
    first = None
    for chunk in client.chat.completions.create(model="minzheng-assistant", stream=True,
                                                messages=[{"role": "user", "content": question}]):
        if chunk.choices and chunk.choices[0].delta.content and first is None:
            first = time.perf_counter()
    record = llm.streamed[-1]
    return {"v1_first_content": (first - record.first_at) * 1000,
            "model_first_sentence": (_first_sentence_at(record) - record.first_at) * 1000,
            "model_whole_answer": (record.done_at - record.first_at) * 1000}


def _chat(base: str, llm, question: str) -> dict:
    _script(llm, question)
    draft = token = None
    body = {"message": question, "stream": True}
    with httpx.stream("POST", f"{base}/api/chat", json=body, headers={"X-API-Key": KEY}, timeout=120) as resp:
        for line in resp.iter_lines():
            if line.startswith("event:"):
                kind = line.split(":", 1)[1].strip()
                now = time.perf_counter()
                if kind == "draft" and draft is None:
                    draft = now
                elif kind == "token" and token is None:
                    token = now
    record = llm.streamed[-1]
    return {"chat_first_draft": ((draft or token) - record.first_at) * 1000,
            "chat_first_token": (token - record.first_at) * 1000}


def run(embedder: str = "use", limit: int | None = None, first_ms: float = 300.0, piece_ms: float = 25.0,
        chars: int = 1) -> dict:
    from tests.scripted_llm import Pace, ScriptedLLM

    questions = QUESTIONS[:limit] if limit else QUESTIONS
    with tempfile.TemporaryDirectory() as tmp, ScriptedLLM(pace=Pace(first_ms / 1000, piece_ms / 1000, chars)) as llm:
        build(_settings(Path(tmp), embedder, llm.base_url))
        port = _free_port()
        base = f"http://127.0.0.1:{port}"
        code = f"from eval.llm_stream import _serve; _serve({tmp!r}, {embedder!r}, {llm.base_url!r}, {port})"
        proc = subprocess.Popen([sys.executable, "-c", code], cwd=ROOT)
        try:
            _wait_ready(base, proc)
            client = openai.OpenAI(base_url=f"{base}/v1", api_key=KEY, max_retries=0)
            _v1(client, llm, questions[0])  # warm the whole path once
            rows = [{**_v1(client, llm, q), **_chat(base, llm, q)} for q in questions]
        finally:
            proc.terminate()
            proc.wait(timeout=30)
    stats = {name: _percentiles([r[name] for r in rows]) for name in rows[0]}
    return {
        "embedder": embedder,
        "requests": len(rows),
        "pace": {"first_ms": first_ms, "piece_ms": piece_ms, "chars_per_piece": chars},
        "ms_after_model_first_token": stats,
        "target_ms": TARGET_MS,
        "meets_target": {name: stats[name]["p95"] <= TARGET_MS
                         for name in ("v1_first_content", "chat_first_draft", "chat_first_token")},
    }


def _percentiles(values: list[float]) -> dict[str, float]:
    arr = np.array(values)
    return {"p50": round(float(np.percentile(arr, 50)), 1), "p95": round(float(np.percentile(arr, 95)), 1),
            "max": round(float(arr.max()), 1)}


def table(result: dict) -> str:
    pace = result["pace"]
    lines = [
        f"{result['requests']} questions, new conversation each; embedder {result['embedder']}; scripted model: "
        f"{pace['first_ms']:.0f} ms to its first token, then {pace['chars_per_piece']} char every {pace['piece_ms']:.0f} ms",
        f"ms after the model's first token{'':<3}{'p50':>8}{'p95':>8}{'max':>8}",
    ]
    for name, s in result["ms_after_model_first_token"].items():
        lines.append(f"{name:<35}{s['p50']:>8}{s['p95']:>8}{s['max']:>8}")
    for name, ok in result["meets_target"].items():
        lines.append(f"{name} p95: {'meets' if ok else 'MISSES'} the target of {result['target_ms']:.0f} ms")
    return "\n".join(lines)
