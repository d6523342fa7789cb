"""Round 3 of the no-basis verdict: indefinite numerals, tiers counted by a list, figures stated per part,
colloquial compounds counted once, English terms met by any translation, the query-dependent fusion."""

from __future__ import annotations

import pytest

from assistant.retrieval.evidence import one_per_unknown_compound
from assistant.retrieval.query import analyse
from assistant.retrieval.search import Searcher
from assistant.understanding.question import analyse_question, type_rule


@pytest.fixture(scope="module")
def searcher(hash_settings):
    return Searcher(hash_settings)


@pytest.mark.parametrize(
    ("text", "asked"),
    [
        ("我爸住院好几个月了，能不能申请临时救助", "yes_no"),  # 好几个月 is no question of a duration
        ("这几年丰宁的低保标准变了吗", "yes_no"),
        ("丰宁农村低保的补差标准一共有几档", "count"),
        ("临时救助审批要几个工作日", "deadline"),
        ("Within how many days is a temporary assistance application decided?", "deadline"),
        ("In what year was the checking platform built?", "deadline"),
    ],
)
def test_asked_type_round3(text, asked):
    assert analyse_question(text).asked_type == asked


def test_a_number_of_days_asked_wants_a_number_not_immediate_help():
    rule = type_rule("审批要几个工作日", "deadline")
    assert "time" in rule.evidence and "immediate" not in rule.evidence


def test_tiers_asked_are_answered_by_the_list_of_tier_amounts(searcher):
    r = searcher.search("丰宁农村低保的补差标准一共有几档")
    assert not r.no_basis
    assert "255元、285元、400元" in r.evidence[0].sentence


def test_a_count_of_tiers_the_question_states_is_met_by_a_list_of_that_many(searcher):
    r = searcher.search("丰宁低保补差是分为三档吧，最高一档多少钱")
    assert not r.no_basis
    wrong = searcher.search("丰宁低保补差是分为五档吧，最高一档多少钱")
    assert wrong.no_basis and wrong.no_basis_kind == "stated"


def test_a_figure_stated_in_another_part_does_not_refuse_the_part_asked(searcher):
    r = searcher.search("丰宁低保补差现在分几档？以前不是分五档吗")
    assert not r.no_basis
    assert r.unanswered_parts == [1]


def test_a_colloquial_compound_counts_once_and_keeps_its_corpus_pieces():
    idf = {"收入": 1.0, "困难": 1.0}
    assert one_per_unknown_compound(["七十多岁", "十多", "多岁", "七十多", "收入"], idf) == ["七十多岁", "收入"]
    assert one_per_unknown_compound(["困难户", "困难"], idf) == ["困难户", "困难"]


def test_fusion_weight_follows_the_questions_own_lexical_strength(searcher):
    state = searcher._state()
    st = searcher.settings
    english = searcher._fusion_weight(state, analyse("How much is the care subsidy for the severely disabled?", state.pinyin))
    chinese = searcher._fusion_weight(state, analyse("丰宁特困人员供养标准", state.pinyin))
    assert english == st.dense_weight_weak_lexical and chinese == st.dense_weight_strong_lexical
    assert english > chinese


def test_an_office_asked_wants_a_sentence_naming_an_office():
    q = analyse_question("这项任务由哪个科室牵头？")
    assert q.asked_type == "who" and "agent" in type_rule(q.parts[0].text, "who").evidence


def test_a_tasks_bracketed_responsible_office_answers_which_office_carries_it(searcher):
    r = searcher.search("内蒙古健全农村牧区养老服务网络这项任务是哪个处负责的")
    assert not r.no_basis
    assert r.evidence[0].sentence == "养老服务处,各盟市民政局"
    assert r.evidence[0].task  # the task sentence the office is the attribute of, for the answer to quote


def test_two_parts_asking_two_sentences_of_one_clause_get_the_two_sentences(searcher):
    r = searcher.search("内蒙古牧区留守人员的定期探访制度以哪些人为重点？日常巡访又是依靠谁来做？")
    assert not r.no_basis and len(r.evidence) == 2
    first, second = r.evidence
    assert first.sentence != second.sentence
    assert "依靠" in second.sentence


def test_durations_asked_one_after_another_are_one_part_each():
    q = analyse_question("临时救助审批，乡镇审核几天，县民政局审批几天")
    assert [p.asked_type for p in q.parts] == ["deadline", "deadline"]
    assert analyse_question("临时救助的标准是怎么定的，一次给多少").parts[0].asked_type == "amount"


def test_a_website_asked_wants_a_sentence_naming_a_site(searcher):
    assert "site" in type_rule("申请表在哪个网站可以下载", "who").evidence
    r = searcher.search("丰宁临时救助的申请表在哪个网站可以下载")
    assert r.no_basis


def test_a_missing_word_and_its_piece_are_unmet_once():
    from assistant.retrieval.evidence import _coverage

    idf = {"年轻人": 4.5, "年轻": 4.5, "成本": 3.7}
    nouns = frozenset(idf)
    _, unmet_pair = _coverage(["年轻", "年轻人", "成本"], "务工成本", "", {}, idf, nouns=nouns)
    _, unmet_one = _coverage(["年轻人", "成本"], "务工成本", "", {}, idf, nouns=nouns)
    assert 0 < unmet_pair < 0.5 and unmet_one > 0
