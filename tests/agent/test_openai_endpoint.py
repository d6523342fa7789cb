"""The configured model: langchain-openai's ChatOpenAI against a scripted OpenAI-compatible server on
loopback, through the same tools, loop and citation guard as the offline model."""

from __future__ import annotations

import json

import pytest

from assistant.agent import ChatError, ChatService
from tests.agent.scripted_llm import ScriptedLLM, answer, tool_call, tool_results


@pytest.fixture
def llm():
    with ScriptedLLM() as server:
        yield server


@pytest.fixture
def configured(agent_settings, default_searcher, llm):
    settings = agent_settings.model_copy(update={"llm_base_url": llm.base_url, "llm_model": "scripted", "llm_max_retries": 0})
    return ChatService(settings, searcher=default_searcher)


def first_hit(messages: list[dict], region: str | None = None) -> dict:
    hits = json.loads(tool_results(messages)[0]["content"])["hits"]
    return next(h for h in hits if region is None or h["region"] == region)


def test_tool_call_then_cited_answer_and_the_guard_removes_an_invented_figure(configured, llm):
    llm.script = [
        tool_call("search_policy", {"query": "单人户 重残 低保", "region": "内蒙古"}),
        answer(lambda m: f"可以。「{first_hit(m)['sentence']}」[{first_hit(m)['ref']}]\n每人每月另发补贴888元[{first_hit(m)['ref']}]。详见[9]。"),
    ]
    a = configured.ask("内蒙古重残的人能单独办低保吗")
    assert [(t.name, t.ok) for t in a.tool_calls] == [("search_policy", True)]
    assert "单人户" in a.citations[0].quote and f"「{a.citations[0].quote}」[1]" in a.answer
    assert "888" not in a.answer and a.guard.flagged_numbers == ["888"]
    assert a.guard.invalid_markers == [9] and "[9]" not in a.answer
    # what the endpoint saw: the five tools, then our tool result answering its call id
    first, second = llm.requests
    assert {t["function"]["name"] for t in first["tools"]} == {"search_policy", "get_clause", "check_eligibility",
                                                               "get_parameter", "make_quiz"}
    tool_msg = second["messages"][-1]
    assert tool_msg["role"] == "tool" and tool_msg["tool_call_id"] == "call_1" and '"no_basis": false' in tool_msg["content"]

    # next turn: the earlier answer comes back without its markers, which named last turn's sources
    llm.script = [answer(lambda m: "好的。")]
    configured.ask("谢谢", a.conversation_id)
    earlier = [m["content"] for m in llm.requests[-1]["messages"] if m["role"] == "assistant"]
    assert earlier and "单人户" in earlier[0] and "[1]" not in earlier[0]


def test_bad_arguments_unknown_tools_and_broken_json_come_back_as_tool_errors(configured, llm):
    llm.script = [
        tool_call("search_policy", {"query": "低保", "k": 99}),
        tool_call("send_money", {"amount": 1}, call_id="call_2"),
        tool_call("get_parameter", "{not json", call_id="call_3"),
        tool_call("get_parameter", {"name": "no_such_parameter", "region": "丰宁"}, call_id="call_4"),
        answer(lambda m: "抱歉，这次没有查到。"),
    ]
    a = configured.ask("丰宁低保")
    assert [t.ok for t in a.tool_calls] == [False, False, False, False]
    assert "k" in a.tool_calls[0].error and "send_money" in a.tool_calls[1].error
    assert "JSON" in a.tool_calls[2].error and "no_such_parameter" in a.tool_calls[3].error
    errors = [m for r in llm.requests[1:] for m in r["messages"][-1:] if m["role"] == "tool"]
    assert len(errors) == 4 and all(m["content"].startswith("错误：") for m in errors)
    assert a.answer == "抱歉，这次没有查到。"


def test_the_household_draft_reaches_the_model_in_the_next_turn(configured, llm):
    household = {"region": {"county": "丰宁满族自治县"}, "area": "rural", "members": [{"relation": "self", "age": 72}]}
    llm.script = [
        tool_call("check_eligibility", {"household": household}),
        answer(lambda m: json.loads(tool_results(m)[0]["content"])["follow_up"][0]),
        answer(lambda m: "好的。"),
    ]
    first = configured.ask("我妈72岁一个人住在丰宁农村")
    assert "收入" in first.answer and first.eligibility is not None and "收入" in first.follow_up_questions[0]
    configured.ask("她一年养老金1200元", first.conversation_id)
    system = [m["content"] for m in llm.requests[-1]["messages"] if m["role"] == "system"]
    assert any(s.startswith("家庭信息草稿") and '"age": 72' in s for s in system)


def test_citing_a_clause_when_search_found_no_basis_is_corrected(configured, llm):
    llm.script = [
        tool_call("search_policy", {"query": "高龄津贴 每月 多少钱", "region": "西藏"}),
        answer(lambda m: f"高龄津贴标准见「{first_hit(m)['sentence']}」[1]。"),
    ]
    a = configured.ask("西藏的高龄津贴每月发多少钱？")
    assert a.no_basis and a.citations == []
    assert a.answer.startswith("政策文件中未找到依据") and "12345" in a.answer


def test_a_clause_from_another_region_is_flagged(configured, llm):
    llm.script = [
        tool_call("search_policy", {"query": "单人户 渐退期 重点优抚对象"}),
        answer(lambda m: f"「{first_hit(m, '黑龙江省')['sentence']}」[{first_hit(m, '黑龙江省')['ref']}]"),
    ]
    a = configured.ask("内蒙古的低保单人户包括重点优抚对象吗？")
    assert "[1]出自黑龙江省的文件，不是所问地区（内蒙古自治区）的规定" in a.answer


def test_an_unreachable_endpoint_is_an_error_and_leaves_no_half_turn(agent_settings, default_searcher, llm):
    port = llm.server.server_address[1]
    llm.server.shutdown()
    llm.server.server_close()
    settings = agent_settings.model_copy(update={"llm_base_url": f"http://127.0.0.1:{port}/v1", "llm_max_retries": 0,
                                                 "llm_timeout_s": 2.0})
    service = ChatService(settings, searcher=default_searcher)
    events = list(service.stream("丰宁低保标准", "c-down"))
    assert events[-1]["type"] == "error" and "对话模型调用失败" in events[-1]["message"]
    with pytest.raises(ChatError):
        service.ask("丰宁低保标准", "c-down")
    assert service.history("c-down") == []
