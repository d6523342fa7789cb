"""Quiz requests in the chat: the offline model calls make_quiz, the answer lists the items and an answer
key whose markers resolve to the clauses holding the keys, and the citation guard keeps all of it."""

from __future__ import annotations

import json
import re

import pytest

from assistant.agent import ChatService
from assistant.agent.ledger import Ledger
from assistant.agent.planner import plan, quiz_request
from assistant.agent.tools import make_tools
from tests.conftest import SHARED_EVAL
from tests.quiz.checks import squash
from tests.scripted_llm import ScriptedLLM, answer, tool_call, tool_results

REQUEST = "给我出5道关于特困人员的选择题"
KEY_LINE = re.compile(r"^(\d+)\. \*\*([A-H]+)\*\*.*?\[(\d+)\]。$")


def test_a_quiz_request_gets_five_cited_choice_items_and_the_guard_removes_nothing(service, default_searcher):
    a = service.ask(REQUEST)
    assert [(t.name, t.ok) for t in a.tool_calls] == [("make_quiz", True)]
    assert a.tool_calls[0].args == {"topic": "特困", "n": 5, "types": ["single"], "region": None}
    assert a.guard.removed_sentences == [] and a.guard.flagged_numbers == [] and a.guard.invalid_markers == []
    assert not a.no_basis and a.eligibility is None

    questions, _, key = a.answer.partition("**参考答案与解析**")
    stems = re.findall(r"^\*\*(\d+)\.\*\*（(单选|多选)）(.+)$", questions, re.M)
    assert [int(no) for no, _, _ in stems] == [1, 2, 3, 4, 5]
    # every stem's options, as letters, each on its own line
    blocks = re.split(r"^\*\*\d+\.\*\*", questions, flags=re.M)[1:]
    assert all(re.search(r"^A\. .+\n^B\. .+\n^C\. .+", b, re.M) for b in blocks)

    lines = [KEY_LINE.match(line) for line in key.strip().splitlines()]
    assert len(lines) == 5 and all(lines)
    for (no, _type, stem), block, m in zip(stems, blocks, lines, strict=True):
        # a case item (a household the rules engine screens) fills in when clause facts worth asking run out
        case = stem.endswith("？") and "（　）" not in stem
        assert m.group(1) == no and ("（　）" in stem or case)
        options = dict(re.findall(r"^([A-H])\. (.+)$", block, re.M))
        chosen = [options[letter] for letter in m.group(2)]
        citation = a.citations[int(m.group(3)) - 1]  # the marker resolves
        clause = default_searcher.chunk(citation.chunk_id)
        assert clause is not None and squash(citation.quote) in squash(clause.text)
        if case:
            assert "特困" in stem and all(c.startswith(("符合", "不符合")) for c in chosen)
            continue
        assert all(squash(value) in squash(clause.text) for value in chosen)  # the clause holds the key
        assert any(word in clause.text for word in ("特困", "五保", "供养"))  # about the topic asked


def test_an_unknown_topic_is_answered_with_the_topics_there_are(service):
    a = service.ask("给我出5道关于火星移民的选择题")
    call = a.tool_calls[0]
    assert call.name == "make_quiz" and not call.ok and "火星移民" in call.error
    assert a.answer.startswith("没能出题：未知主题“火星移民”") and "特困" in a.answer and "低保" in a.answer
    assert a.citations == [] and a.guard.removed_sentences == []


def test_a_topic_without_clauses_in_the_region_is_a_message_too(service):
    a = service.ask("出3道关于西藏低保的判断题")
    assert a.tool_calls[0].args["region"] == "西藏自治区" and not a.tool_calls[0].ok
    assert a.answer.startswith("没能出题：") and "没有可出题的条款事实" in a.answer


def test_quiz_tool_registers_citations_and_reports(default_searcher):
    ledger = Ledger()
    tool = {t.name: t for t in make_tools(default_searcher, ledger)}["make_quiz"]
    out = json.loads(tool.invoke({"topic": "低保", "n": 25, "types": ["tf", "fill"], "region": "丰宁"}))
    assert 0 < out["count"] <= 20 and {i["type"] for i in out["items"]} <= {"tf", "fill"}
    assert out["report"]["notes"][0].startswith("聊天中一次最多出20道题")
    for item in out["items"]:
        source = ledger.get(item["ref"])
        assert source is not None and source.origin == "make_quiz" and source.citation.quote in source.text
        assert item["options"] == [] and item["answer"]
    assert ledger.data and ledger.data[-1] == json.dumps(out, ensure_ascii=False)


@pytest.mark.parametrize(
    ("text", "wanted"),
    [
        ("给我出两道题", {"topic": None, "n": 2, "types": None, "region": None}),
        ("出5道丰宁的选择题", {"topic": None, "n": 5, "types": ["single"], "region": "丰宁满族自治县"}),
        ("出5道单选和多选题", {"topic": None, "n": 5, "types": ["single", "multiple"], "region": None}),
        ("来3个关于丰宁低保的填空题", {"topic": "低保", "n": 3, "types": ["fill"], "region": "丰宁满族自治县"}),
        ("考考我临时救助的知识", {"topic": "临时救助", "n": 10, "types": None, "region": None}),
        ("出5道火星移民的判断题", {"topic": "火星移民", "n": 5, "types": ["tf"], "region": None}),
    ],
)
def test_quiz_requests_are_read(text, wanted):
    assert quiz_request(text) == wanted
    assert [c.name for c in plan(text, None)] == ["make_quiz"]


POLICY = [
    "怎么判断家庭是否符合低保条件？",
    "特困人员的选择标准是什么？",
    "我想问几个问题，低保怎么申请？",
    "办理时限超出5个工作日怎么办？",
    "丰宁那几所养老机构的项目建设什么时候完工？",
]


def test_policy_questions_are_not_quiz_requests():
    questions = list(POLICY)
    if SHARED_EVAL.exists():
        questions += [json.loads(line)["question"] for line in SHARED_EVAL.read_text(encoding="utf-8").splitlines()
                      if line.strip()]
    assert [q for q in questions if quiz_request(q) is not None] == []
    assert all("make_quiz" not in [c.name for c in plan(q, None)] for q in POLICY)


def test_a_configured_model_gets_the_tool_and_may_show_the_distractors(agent_settings, default_searcher):
    shown: list[str] = []

    def write(messages):
        data = json.loads(tool_results(messages)[0]["content"])
        item = data["items"][0]
        shown.extend(item["options"])
        options = "；".join(item["options"])
        return f"{item['stem']}选项：{options}。答案：{item['answer']}[{item['ref']}]。另有补贴999元[{item['ref']}]。"

    with ScriptedLLM() as llm:
        settings = agent_settings.model_copy(update={"llm_base_url": llm.base_url, "llm_model": "scripted",
                                                     "llm_max_retries": 0})
        service = ChatService(settings, searcher=default_searcher)
        llm.script = [tool_call("make_quiz", {"topic": "特困", "n": 1, "types": ["single"]}), answer(write)]
        a = service.ask(REQUEST)
    assert "make_quiz" in {t["function"]["name"] for t in llm.requests[0]["tools"]}
    assert [(t.name, t.ok) for t in a.tool_calls] == [("make_quiz", True)]
    # every option stays (distractors are tool results, not invented figures); an invented amount goes
    assert shown and all(option in a.answer for option in shown) and "[1]" in a.answer
    assert a.guard.flagged_numbers == ["999"] and "999" not in a.answer
