"""The offline agent end to end over the real index: screening dialogue, policy answers, memory, streaming."""

from __future__ import annotations

import logging
import re

import pytest

from assistant.agent import ChatService
from assistant.agent.loop import INDEX_MISSING, TOOL_BROKEN
from assistant.retrieval.search import IndexNotBuilt
from assistant.understanding.adapter import to_household
from indexer.models import Citation

MARKER = re.compile(r"\[(\d+)\]")


def markers_resolve(answer: str, citations: list[Citation]) -> bool:
    refs = {int(n) for n in MARKER.findall(answer)}
    return bool(refs) and refs <= set(range(1, len(citations) + 1))


def test_three_turn_screening_asks_for_income_then_answers_with_cited_results(service):
    first = service.ask("我妈72岁一个人住在丰宁农村")
    assert [t.name for t in first.tool_calls] == ["check_eligibility"] and first.tool_calls[0].ok
    assert "收入" in first.follow_up_questions[0]
    assert first.follow_up_questions[0] in first.answer  # the answer asks it
    cid = first.conversation_id

    second = service.ask("一年养老金1200元，有二级肢体残疾证", cid)
    assert second.conversation_id == cid
    household = to_household(service.store.state(cid))
    assert household["members"][0]["income_yearly"] == 1200 and household["region"]["county"] == "丰宁满族自治县"
    statuses = {r["program"]: r["status"] for r in second.eligibility["results"]}
    # income and certificate are known now; each programme still waits for one fact the user has not given
    # (assets for 低保, supporters for 特困, a 低保 household for the living subsidy, long-term care for the care
    # subsidy), and the programmes for households above the standard or with children do not apply
    assert {p: statuses[p] for p in ("dibao", "tekun", "disability_living_subsidy", "disability_care_subsidy")} == {
        "dibao": "needs_info", "tekun": "needs_info", "disability_living_subsidy": "needs_info",
        "disability_care_subsidy": "needs_info",
    }
    assert statuses["de_facto_orphan"] == "does_not_meet"
    for title in ("特困人员救助供养", "最低生活保障", "困难残疾人生活补贴", "重度残疾人护理补贴"):
        assert title in second.answer
    assert markers_resolve(second.answer, second.citations)
    # the local standard comes from the 丰宁 document and is quoted; national rules are external references
    fengning = [c for c in second.citations if c.in_corpus and "4800" in c.quote]
    assert fengning and f"「{fengning[0].quote}」" in second.answer
    assert any(not c.in_corpus and "特困人员认定办法" in c.regulation for c in second.citations)
    assert not any("收入" in q and "每年" in q for q in second.follow_up_questions)  # income no longer asked

    third = service.ask("她没有存款，也没有子女", cid)
    tekun = next(r for r in third.eligibility["results"] if r["program"] == "tekun")
    assert tekun["status"] == "meets" and tekun["estimate"]["yearly"] == 6600
    assert "特困人员救助供养**：可能符合" in third.answer
    assert third.guard.flagged_numbers == []


def test_a_policy_question_is_answered_with_the_quoted_and_cited_clause(service):
    a = service.ask("内蒙古的低保渐退期限是怎么定的？")
    assert [t.name for t in a.tool_calls] == ["search_policy"]
    first = a.citations[0]
    assert first.doc_id.startswith("000_") and "渐退" in first.quote
    assert f"「{first.quote}」[1]" in a.answer and not a.no_basis


def test_a_question_without_basis_is_refused_with_whom_to_ask(service):
    a = service.ask("西藏牧区的取暖补贴一年发多少钱？")
    assert a.no_basis and a.citations == []
    assert a.answer.startswith("政策文件中未找到依据") and "民政部门" in a.answer and "12345" in a.answer


def test_a_description_with_a_question_gets_both_screening_and_the_standard(service):
    a = service.ask("我爸70岁住在丰宁农村，特困供养标准是多少？")
    assert {t.name for t in a.tool_calls} == {"check_eligibility", "search_policy", "get_parameter"}
    assert a.eligibility is not None
    assert "6600" in a.answer and any("6600" in c.quote for c in a.citations)
    assert markers_resolve(a.answer, a.citations)


def test_a_follow_up_question_is_about_the_households_region(service):
    cid = service.ask("我妈72岁一个人住在丰宁农村").conversation_id
    a = service.ask("特困供养标准是多少？", cid)
    assert {"name": "tekun_standard_yearly", "region": "丰宁满族自治县"} in [t.args for t in a.tool_calls]
    assert "6600" in a.answer and a.eligibility is None  # a question, not a new description


def test_a_failing_tool_is_reported_to_the_model_and_the_chat_goes_on(service):
    a = service.ask("请给我条款 0123456789abcdef 的全文")
    call = a.tool_calls[0]
    assert call.name == "get_clause" and not call.ok and "0123456789abcdef" in call.error
    assert "查询没有成功" in a.answer


def test_a_fact_the_engine_cannot_take_is_shown_left_unknown_and_the_rest_is_screened(service):
    a = service.ask("我妈200岁住在丰宁农村")
    call = a.tool_calls[0]
    assert call.name == "check_eligibility" and call.ok
    assert {r["program"] for r in a.eligibility["results"]} >= {"dibao", "tekun"}
    # the problem is said in the answer as written; its figures are no evidence, and nothing is flagged
    assert "0到150之间" in a.answer and "已按未知处理" in a.answer
    assert a.guard.flagged_numbers == [] and a.guard.invalid_markers == []
    tekun = next(r for r in a.eligibility["results"] if r["program"] == "tekun")
    assert tekun["status"] == "needs_info" and any(m["field"] == "members[0].age" for m in tekun["missing"])


def test_clause_context_comes_with_its_neighbours(service, default_searcher):
    chunk = default_searcher.search("单人户", k=1).hits[0]
    a = service.ask(f"条款 {chunk.chunk_id} 的上下文")
    assert a.tool_calls[0].ok and chunk.chunk_id in {c.chunk_id for c in a.citations}
    assert len(a.citations) >= 2  # the clause and at least one neighbour


def test_conversations_survive_a_restart(agent_settings, default_searcher):
    before = ChatService(agent_settings, searcher=default_searcher)
    cid = before.ask("我妈72岁一个人住在丰宁农村").conversation_id
    before.store.engine.dispose()

    after = ChatService(agent_settings, searcher=default_searcher)
    assert after.conversations()[0] == {**after.conversations()[0], "id": cid, "title": "我妈72岁一个人住在丰宁农村"}
    history = after.history(cid)
    assert [m["role"] for m in history] == ["user", "assistant"] and history[1]["tool_calls"][0]["name"] == "check_eligibility"
    # the draft came back too: the income lands on the same person
    reply = after.ask("一年养老金1200元", cid)
    member = to_household(after.store.state(cid))["members"][0]
    assert member == {**member, "relation": "self", "age": 72, "income_yearly": 1200}
    assert reply.household["members"][0]["label"] == "我妈"
    assert after.history("no-such-id") == []


def test_stream_gives_tool_events_then_tokens_that_spell_the_final_answer(service):
    events = list(service.stream("丰宁要建几处农村公益性公墓？"))
    kinds = [e["type"] for e in events]
    assert kinds[0] == "tool" and kinds[-1] == "final" and "token" in kinds
    assert kinds.index("final") > max(i for i, k in enumerate(kinds) if k == "tool")
    final = events[-1]["answer"]
    assert "".join(e["text"] for e in events if e["type"] == "token") == final["answer"]


def test_bad_input_is_an_error_event_not_an_exception(service):
    assert list(service.stream("   ")) == [{"type": "error", "message": "问题不能为空"}]
    assert list(service.stream("问", "../etc"))[0]["type"] == "error"



def test_a_tool_bug_is_logged_and_the_user_sees_no_internals(service, monkeypatch, caplog):
    def broken(*args, **kwargs):
        raise KeyError("/srv/secret/index internal detail")

    monkeypatch.setattr(service.searcher, "search", broken)
    with caplog.at_level(logging.ERROR, logger="assistant.agent.loop"):
        a = service.ask("丰宁要建几处农村公益性公墓？")
    call = a.tool_calls[0]
    assert call.name == "search_policy" and not call.ok and call.error == TOOL_BROKEN
    assert "secret" not in a.answer and "KeyError" not in a.answer and TOOL_BROKEN in a.answer
    # the developer gets the traceback
    logged = [r for r in caplog.records if r.exc_info]
    assert logged and logged[0].exc_info[0] is KeyError and "search_policy" in logged[0].getMessage()


def test_a_missing_index_is_told_in_chinese_without_its_path(service, monkeypatch, caplog):
    def missing(*args, **kwargs):
        raise IndexNotBuilt("no index in /srv/secret/var/index: run `indexer build`")

    monkeypatch.setattr(service.searcher, "search", missing)
    with caplog.at_level(logging.ERROR, logger="assistant.agent.loop"):
        a = service.ask("丰宁要建几处农村公益性公墓？")
    assert a.tool_calls[0].error == INDEX_MISSING and INDEX_MISSING in a.answer
    assert "/srv/secret" not in a.model_dump_json()
    assert not [r for r in caplog.records if r.exc_info]  # an expected condition, not a bug


def test_a_bug_in_the_service_itself_raises_instead_of_posing_as_a_model_failure(service, monkeypatch):
    def broken_guard(*args, **kwargs):
        raise TypeError("a developer mistake")

    monkeypatch.setattr("assistant.agent.service.StreamGuard.close", broken_guard)
    with pytest.raises(TypeError):
        list(service.stream("丰宁要建几处农村公益性公墓？"))


def test_dialogue_policy_replies_policy_questions_and_what_ifs(service):
    first = service.ask("我妈七十三了，一个人住在丰宁农村，没有收入，没有存款")
    cid = first.conversation_id
    asked = first.next_question
    assert asked is not None and first.follow_up_questions == [asked.text]  # one question, the most decisive
    # a bare reply answers the assistant's own question, and that question is not asked again
    reply = service.ask(asked.options[0] if asked.options else "没有", cid)
    assert [t.name for t in reply.tool_calls] == ["check_eligibility"]
    assert reply.next_question is None or reply.next_question.field != asked.field
    # a pure policy question in the middle keeps the household
    policy = service.ask("特困人员在哪里申请？", cid)
    assert "search_policy" in [t.name for t in policy.tool_calls]
    assert service.household(cid)["members"][0]["cells"]["age"]["text"] == "73"
    # a what-if re-screens with one fact changed and leaves the stored household as it was
    what_if = service.ask("要是在县城呢？", cid)
    assert what_if.what_if and [t.name for t in what_if.tool_calls] == ["check_eligibility"]
    assert what_if.eligibility["area"] == "urban"
    assert {f["field"]: f["cell"]["text"] for f in service.household(cid)["household"]}["area"] == "农村"


def test_a_description_with_a_question_is_screened_and_searched_with_its_facts(service):
    # the documents may state the rule asked about (a car's value), which the screening does not know
    reply = service.ask("我儿子今年四十岁，家里有一辆八万块的货车，他还能申请低保吗？")
    names = [t.name for t in reply.tool_calls]
    assert "check_eligibility" in names and "search_policy" in names
    search = next(t for t in reply.tool_calls if t.name == "search_policy")
    assert "货车" in search.args["query"]
