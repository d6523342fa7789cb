"""Streaming over HTTP with a configured model: the app under uvicorn, the scripted OpenAI-compatible model on
loopback. Both the chat page's SSE (/api/chat) and the OpenAI-compatible endpoint (/v1, the `openai` client) must
deliver the first checked sentence while the model is still writing: the scripted server holds the rest of its
answer until the client has received it."""

from __future__ import annotations

import json
import threading

import httpx
import openai
import pytest

from assistant.api.app import create_app
from tests.api.conftest import private
from tests.api.live import serve
from tests.scripted_llm import ScriptedLLM, answer, tool_call, tool_results

KEY = "dev-caseworker-key"


@pytest.fixture(scope="module")
def llm():
    with ScriptedLLM() as server:
        yield server


@pytest.fixture(scope="module")
def base(hash_settings, tmp_path_factory, llm):
    settings = private(hash_settings, tmp_path_factory.mktemp("llm-stream"), api_keys=[KEY], llm_base_url=llm.base_url,
                       llm_model="scripted", llm_max_retries=0, llm_structured_household=False)
    with serve(create_app(settings)) as url:
        yield url


def script(llm: ScriptedLLM) -> None:
    def write(messages: list[dict]) -> list[str]:
        hit = json.loads(tool_results(messages)[0]["content"])["hits"][0]
        return ["按规定办理", "。", f"依据「{hit['sentence']}」[{hit['ref']}]。", "另发补贴888元。"]

    llm.hold, llm.hold_after = threading.Event(), 3
    llm.script = [tool_call("search_policy", {"query": "低保渐退期"}), answer(write)]


def test_chat_sse_delivers_the_first_sentence_before_the_model_has_finished(base, llm):
    script(llm)
    events, at_first = [], None
    body = {"message": "低保渐退期限是怎么定的？", "stream": True}
    with httpx.stream("POST", f"{base}/api/chat", json=body, headers={"X-API-Key": KEY}, timeout=60) as resp:
        kind = None
        for line in resp.iter_lines():
            if line.startswith("event:"):
                kind = line.split(":", 1)[1].strip()
            elif line.startswith("data:"):
                events.append((kind, json.loads(line.split(":", 1)[1])))
                if kind == "token" and at_first is None:
                    at_first = (llm.hold.is_set(), llm.streamed[-1].done_at)
                    llm.hold.set()
    assert at_first == (False, None)  # the model was held after its first sentence
    final = events[-1][1]["answer"]
    assert events[-1][0] == "final" and "888" not in final["answer"]
    assert "".join(e["text"] for k, e in events if k == "token") == final["answer"]


def test_openai_stream_delivers_the_first_sentence_before_the_model_has_finished(base, llm):
    script(llm)
    client = openai.OpenAI(base_url=f"{base}/v1", api_key=KEY, max_retries=0)
    parts, at_first = [], None
    stream = client.chat.completions.create(model="minzheng-assistant", stream=True,
                                            messages=[{"role": "user", "content": "低保渐退期限是怎么定的？"}])
    for chunk in stream:
        piece = chunk.choices[0].delta.content if chunk.choices else None
        if piece:
            if at_first is None:
                at_first = (llm.hold.is_set(), llm.streamed[-1].done_at)
                llm.hold.set()
            parts.append(piece)
    assert at_first == (False, None)
    text = "".join(parts)
    assert text.startswith("按规定办理。依据「") and "888" not in text and "**引用**" in text
