"""The configured model: langchain-openai's ChatOpenAI against a scripted OpenAI-compatible server on
loopback, through the same tools, loop and citation guard as the offline model."""

from __future__ import annotations

import json

import pytest

from assistant.agent import ChatError, ChatService
from tests.scripted_llm import answer, tool_call, tool_results


@pytest.fixture
def configured(agent_settings, default_searcher, llm):
    # the agent loop alone (the model's household extraction is tested separately below)
    settings = agent_settings.model_copy(update={"llm_base_url": llm.base_url, "llm_model": "scripted", "llm_max_retries": 0,
                                                 "llm_structured_household": False})
    return ChatService(settings, searcher=default_searcher)


@pytest.fixture
def extracting(agent_settings, default_searcher, llm):
    settings = agent_settings.model_copy(update={"llm_base_url": llm.base_url, "llm_model": "scripted", "llm_max_retries": 0})
    return ChatService(settings, searcher=default_searcher)


def first_hit(messages: list[dict], region: str | None = None) -> dict:
    hits = json.loads(tool_results(messages)[0]["content"])["hits"]
    return next(h for h in hits if region is None or h["region"] == region)


def test_tool_call_then_cited_answer_and_the_guard_removes_an_invented_figure(configured, llm):
    llm.script = [
        tool_call("search_policy", {"query": "低保渐退期限是怎么定的", "region": "内蒙古"}),
        answer(lambda m: f"分类分档确定。「{first_hit(m)['sentence']}」[{first_hit(m)['ref']}]\n每人每月另发补贴888元[{first_hit(m)['ref']}]。详见[9]。"),
    ]
    a = configured.ask("内蒙古的低保渐退期限是怎么定的？")
    assert [(t.name, t.ok) for t in a.tool_calls] == [("search_policy", True)]
    assert "渐退" in a.citations[0].quote and f"「{a.citations[0].quote}」[1]" in a.answer
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
    assert earlier and "渐退" in earlier[0] and "[1]" not in earlier[0]


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


def test_the_stored_household_is_screened_and_never_travels_in_the_prompt(configured, llm):
    llm.script = [
        tool_call("check_eligibility", {}),
        answer(lambda m: json.loads(tool_results(m)[0]["content"])["follow_up"][0]),
    ]
    first = configured.ask("我妈72岁一个人住在丰宁农村")
    assert "收入" in first.answer and first.eligibility is not None and "收入" in first.follow_up_questions[0]
    seen: list[dict] = []
    llm.script = [
        tool_call("check_eligibility", {}),
        answer(lambda m: seen.append(json.loads(tool_results(m)[0]["content"])) or "好的。"),
    ]
    second = configured.ask("她一年养老金1200元", first.conversation_id)
    # the model is told what was screened in words (the household JSON itself is not sent back)
    assert "72" in seen[0]["understood"] and "1200" in seen[0]["understood"] and "household" not in seen[0]
    assert second.household["members"][0]["cells"]["age"]["text"] == "72"
    system = [m["content"] for r in llm.requests for m in r["messages"] if m["role"] == "system"]
    assert not any("72" in s for s in system)  # the household is state, not prompt text


def test_a_model_that_guesses_a_wrong_field_name_is_told_the_valid_ones_and_corrects_it(configured, llm):
    household = {"region": {"county": "丰宁满族自治县"}, "area": "rural", "members": [{"relation": "self", "age": 72}]}
    llm.script = [
        tool_call("check_eligibility", {"household": {"members": [{"relation": "self", "years": 72}]}}),
        tool_call("check_eligibility", {"household": household}, call_id="call_2"),
        answer(lambda m: "已预审。"),
    ]
    a = configured.ask("我妈72岁一个人住在丰宁农村，帮我看看")
    assert [t.ok for t in a.tool_calls] == [False, True]
    error = [m for m in llm.requests[1]["messages"] if m["role"] == "tool"][0]["content"]
    assert "years" in error and "income_yearly" in error and "age" in error
    assert a.eligibility is not None


def test_citing_a_clause_when_search_found_no_basis_is_corrected(configured, llm):
    llm.script = [
        tool_call("search_policy", {"query": "取暖补贴 一年 多少钱", "region": "西藏"}),
        answer(lambda m: f"取暖补贴标准见「{first_hit(m)['sentence']}」[1]。"),
    ]
    a = configured.ask("西藏牧区的取暖补贴一年发多少钱？")
    assert a.no_basis and a.citations == []
    assert a.answer.startswith("政策文件中未找到依据") and "12345" in a.answer


def test_a_clause_from_another_region_is_flagged(configured, llm):
    llm.script = [
        tool_call("search_policy", {"query": "单人户 渐退期 重点优抚对象"}),
        answer(lambda m: f"「{first_hit(m, '黑龙江省')['sentence']}」[{first_hit(m, '黑龙江省')['ref']}]"),
    ]
    a = configured.ask("贵州对重点优抚对象有没有按单人户纳入低保的规定？")
    assert "[1]出自黑龙江省的文件，不是所问地区（贵州省）的规定" in a.answer


def test_an_unreachable_endpoint_is_an_error_and_leaves_no_half_turn(agent_settings, default_searcher, llm):
    port = llm.server.server_address[1]
    llm.server.shutdown()
    llm.server.server_close()
    settings = agent_settings.model_copy(update={"llm_base_url": f"http://127.0.0.1:{port}/v1", "llm_max_retries": 0,
                                                 "llm_timeout_s": 2.0})
    service = ChatService(settings, searcher=default_searcher)
    events = list(service.stream("丰宁特困供养标准", "c-down"))
    # a clear message in Chinese, not the client's exception text (addresses, stack details)
    assert events[-1] == {"type": "error", "message": "对话模型调用失败：无法连接对话模型服务，请稍后重试或联系管理员。"}
    with pytest.raises(ChatError):
        service.ask("丰宁特困供养标准", "c-down")
    assert service.history("c-down") == []


def test_an_endpoint_error_is_named_by_its_status(configured, llm):
    llm.script = []  # the scripted server answers 500 when it has nothing to say
    events = list(configured.stream("丰宁特困供养标准"))
    assert events == [{"type": "error", "message": "对话模型调用失败：对话模型服务返回错误（HTTP 500），请稍后重试或联系管理员。"}]


def test_a_figure_the_user_stated_is_no_evidence_for_a_policy_figure(configured, llm):
    household = {"region": {"county": "丰宁满族自治县"}, "area": "rural",
                 "members": [{"relation": "self", "age": 72, "income_yearly": 1200}]}

    def write(messages: list[dict]) -> str:
        sources = json.loads(tool_results(messages)[0]["content"])["sources"]
        ref = next(r for r, quote in sources.items() if "4800" in quote)
        return (
            "我理解的情况：丰宁农村，本人72岁，年收入1200元。\n\n"
            f"当地低保标准为1200元[{ref}]。您今年72岁，已经满足年龄条件。\n"
            f"丰宁农村低保标准由4500元提高至4800元[{ref}]。"
        )

    llm.script = [tool_call("check_eligibility", {"household": household}), answer(write)]
    a = configured.ask("我72岁，住在丰宁农村，一年收入1200元，能办低保吗？")
    # the user's figures stay where the answer restates the household ...
    assert a.answer.startswith("我理解的情况：丰宁农村，本人72岁，年收入1200元。")
    # ... and go where they are stated as if they were policy, cited or not
    assert "标准为1200元" not in a.answer and "今年72岁" not in a.answer
    assert a.guard.flagged_numbers == ["1200", "72"]
    assert [s.split("[")[0] for s in a.guard.removed_sentences] == ["当地低保标准为1200元", "您今年72岁，已经满足年龄条件。"]
    assert "由4500元提高至4800元[1]" in a.answer


def test_a_configured_model_reads_the_household_by_structured_output_into_the_typed_state(extracting, llm):
    facts = {"members": [{"label": "我母亲", "relation": "self", "age_min": 80, "age_max": 89, "income_yearly_min": 0,
                          "income_yearly_max": 0, "legal_supporters": "none"}],
             "region": "丰宁", "area": "rural", "household_size": 1, "assets_within_limit": True}
    llm.script = [
        tool_call("HouseholdFacts", facts),
        tool_call("check_eligibility", {}, call_id="call_2"),
        answer(lambda m: "已预审。"),
    ]
    # words the offline reader does not know; the model's structured reading fills the household
    a = extracting.ask("我母亲已届耄耋之年，鳏寡孤独，寓居丰宁乡间，并无进项")
    first = llm.requests[0]
    schema = next(t["function"] for t in first["tools"] if t["function"]["name"] == "HouseholdFacts")
    props = schema["parameters"]["properties"]
    assert "存款是财产" in props["savings_min"]["description"]  # fields described in Chinese
    text = json.dumps(schema, ensure_ascii=False)
    assert '"unable"' in text and '"lost_contact"' in text and "与申请人的关系" in text  # enums listed
    cells = a.household["members"][0]["cells"]
    assert cells["age"]["text"] == "80–89（范围）" and cells["legal_supporters"]["text"] == "无"
    tekun = next(r for r in a.eligibility["results"] if r["program"] == "tekun")
    assert tekun["status"] == "meets"


def test_an_invalid_structured_reading_leaves_the_offline_reading(extracting, llm):
    llm.script = [
        tool_call("HouseholdFacts", {"members": [{"label": "我妈", "agee": 72}]}),
        tool_call("check_eligibility", {}, call_id="call_2"),
        answer(lambda m: "已预审。"),
    ]
    a = extracting.ask("我妈72岁一个人住在丰宁农村")
    assert a.household["members"][0]["cells"]["age"]["text"] == "72"


FAMILY = {"region": {"county": "丰宁满族自治县"}, "area": "rural", "assets_within_limit": True,
          "rigid_expenses_yearly": 0, "income_excluded_yearly": 0, "employment_costs_yearly": 0,
          "members": [{"relation": "self", "age": 45, "income_yearly": 6000},
                      {"relation": "spouse", "age": 43, "income_yearly": 2000},
                      {"relation": "child", "age": 12, "income_yearly": 0}]}


def test_check_eligibility_offers_the_engines_typed_schema(configured, llm):
    llm.script = [answer(lambda m: "好的。")]
    configured.ask("你好")
    tool = next(t["function"] for t in llm.requests[0]["tools"] if t["function"]["name"] == "check_eligibility")
    text = json.dumps(tool["parameters"], ensure_ascii=False)
    # no free object: the members, their fields and the enums are in the schema the model sees
    assert '"grandchild"' in text and '"income_yearly"' in text and '"legal_supporters"' in text
    assert '"lost_contact"' in text and '"additionalProperties": false' in text


def test_the_engines_computed_figures_support_a_conclusion_the_users_own_do_not(configured, llm):
    def write(messages: list[dict]) -> str:
        sources = json.loads(tool_results(messages)[0]["content"])["sources"]
        ref = next(r for r, quote in sources.items() if "4800" in quote)
        return (f"家庭人均可计收入2666.67元，低于当地农村低保标准4800元[{ref}]，可以申请低保。"
                f"测算每月约533.33元。配偶43岁也符合条件[{ref}]。")

    llm.script = [tool_call("check_eligibility", {"household": FAMILY}), answer(write)]
    a = configured.ask("帮我看看这家能不能办低保")
    # 2666.67 is the engine's per-capita income (nobody said it); 43 is the user's figure, no evidence
    assert "人均可计收入2666.67元，低于当地农村低保标准4800元[1]" in a.answer and "533.33" in a.answer
    assert a.guard.flagged_numbers == ["43"]


def test_screening_results_sent_to_a_model_are_compact(default_searcher):
    from assistant.agent.ledger import Ledger
    from assistant.agent.tools import make_tools

    def run(compact: bool) -> tuple[str, Ledger]:
        ledger = Ledger()
        tool = next(t for t in make_tools(default_searcher, ledger, compact=compact) if t.name == "check_eligibility")
        return tool.invoke({"household": FAMILY}), ledger

    (full, full_ledger), (short, short_ledger) = run(False), run(True)
    data = json.loads(short)
    assert len(short) < 0.65 * len(full) and "household" not in data
    by_program = {p["program"]: p for p in data["results"]}
    failed = by_program["dibao_single_person"]  # does not meet: only the failed step stays
    assert failed["status"] == "does_not_meet" and [s["passed"] for s in failed["steps"]] == [False]
    assert by_program["dibao"]["estimate"]["monthly"] == 533.33
    assert all(int(r) <= len(short_ledger.sources) for r in data["sources"])
    # the guard's evidence is the same whichever the model was sent
    assert short_ledger.data == full_ledger.data and short_ledger.restated == full_ledger.restated
