"""Tokens on the configured-model path reach the caller as the model writes them, each sentence checked by the
citation guard before it is shown. The scripted server holds the rest of its answer until the test has seen the
first token, so "before the model finished" is an ordering, not a clock."""

from __future__ import annotations

import json
import threading

import pytest

from assistant.agent import ChatService
from tests.scripted_llm import answer, tool_call, tool_results


@pytest.fixture
def configured(agent_settings, default_searcher, llm):
    settings = agent_settings.model_copy(update={"llm_base_url": llm.base_url, "llm_model": "scripted",
                                                 "llm_max_retries": 0, "llm_structured_household": False})
    return ChatService(settings, searcher=default_searcher)


def cited(messages: list[dict]) -> tuple[str, int]:
    hit = json.loads(tool_results(messages)[0]["content"])["hits"][0]
    return hit["sentence"], hit["ref"]


def pieces(messages: list[dict]) -> list[str]:
    sentence, ref = cited(messages)
    return ["分类分档确定", "。", f"依据是「{sentence}」[{ref}]。", "每人每月另发补贴888元。", "详情请咨询当地民政部门。"]


def test_the_first_checked_sentence_reaches_the_caller_while_the_model_is_still_writing(configured, llm):
    llm.hold, llm.hold_after = threading.Event(), 3  # the first sentence, and the first piece after it
    llm.script = [tool_call("search_policy", {"query": "低保渐退期限是怎么定的", "region": "内蒙古"}),
                  answer(pieces)]
    events, seen_at_first_token = [], None
    for event in configured.stream("内蒙古的低保渐退期限是怎么定的？"):
        events.append(event)
        if event["type"] == "token" and seen_at_first_token is None:
            record = llm.streamed[0]
            seen_at_first_token = (llm.hold.is_set(), record.done_at, len(record.pieces))
            llm.hold.set()  # let the model finish
    # the model had written three pieces and was waiting: nothing after them had been sent
    assert seen_at_first_token == (False, None, 3)
    kinds = [e["type"] for e in events]
    assert kinds.index("tool") < kinds.index("draft") < kinds.index("token") and kinds[-1] == "final"
    first_token = next(e for e in events if e["type"] == "token")
    assert "分类分档确定。".startswith(first_token["text"])
    final = events[-1]["answer"]
    # what was shown is the answer: joined tokens are the final text, the invented figure never appeared
    assert "".join(e["text"] for e in events if e["type"] == "token") == final["answer"]
    assert "888" not in final["answer"] and final["guard"]["flagged_numbers"] == ["888"]
    assert "[1]" in final["answer"] and final["citations"]
    # the sentence in progress was sent as a draft (unchecked, never part of the answer)
    drafts = [e["text"] for e in events if e["type"] == "draft"]
    assert "分类分档确定" in drafts and any("888" in d for d in drafts)


def test_text_written_before_a_tool_call_is_shown_as_its_own_paragraph(configured, llm):
    llm.script = [
        lambda m: {"role": "assistant", "content": "我先查一下相关政策。",
                   "tool_calls": [{"id": "call_1", "type": "function",
                                   "function": {"name": "search_policy", "arguments": '{"query": "低保渐退期"}'}}]},
        answer(lambda m: f"「{cited(m)[0]}」[{cited(m)[1]}]"),
    ]
    events = list(configured.stream("低保渐退期限是怎么定的？"))
    final = events[-1]["answer"]
    assert final["answer"].startswith("我先查一下相关政策。\n\n「") and final["answer"].endswith("[1]")
    assert "".join(e["text"] for e in events if e["type"] == "token") == final["answer"]
    # the preamble was shown before the tool ran
    kinds = [e["type"] for e in events]
    assert kinds.index("token") < kinds.index("tool")


def test_a_model_failure_mid_answer_is_an_error_and_saves_nothing(configured, llm):
    llm.script = [tool_call("search_policy", {"query": "低保"})]  # then nothing: the next call gets a 500
    events = list(configured.stream("丰宁低保标准", "c-half"))
    assert events[-1]["type"] == "error" and "HTTP 500" in events[-1]["message"]
    assert configured.history("c-half") == []
