"""Round 4 of the no-basis verdict: a past year counted back from today, a figure asked changed that the
sentence only restates, a place named to compare with, whether an item is among counted ones, the
question's first figure refused while a later part is answered, a count noun kept as the question's word."""

from __future__ import annotations

import pytest

from assistant.retrieval.search import Searcher
from assistant.understanding.question import analyse_question


@pytest.fixture(scope="module")
def searcher(hash_settings):
    return Searcher(hash_settings)


def test_a_past_year_is_asked_only_with_a_figure():
    assert analyse_question("丰宁大前年的农村低保标准是多少").years_back == [3]
    assert analyse_question("去年家里遭了灾，丰宁能申请临时救助吗").years_back == []  # a story, no year asked


def test_a_past_year_no_document_covers_says_which_years_they_give(searcher):
    r = searcher.search("丰宁大前年的农村低保标准是多少")
    assert r.no_basis and r.no_basis_kind == "year"
    assert "2020" in r.no_basis_reason  # the year the documents do give
    assert not searcher.search("丰宁的农村低保标准是多少").no_basis


def test_a_figure_asked_changed_is_not_answered_by_restating_it(searcher):
    r = searcher.search("丰宁乡镇临时救助储备金350万元，后来涨到多少了")
    assert r.no_basis and "350万元" in r.no_basis_reason
    changed = searcher.search("丰宁特困人员原来一年6000元，后来调到多少了")
    assert not changed.no_basis and "6600" in changed.evidence[0].value


def test_a_place_named_to_compare_with_is_not_the_one_asked():
    assert analyse_question("安徽低保的办理时限是不是和黑龙江一样").regions == ["安徽省"]
    assert set(analyse_question("黑龙江和安徽的低保办理时限各是多少").regions) == {"黑龙江省", "安徽省"}


def test_whether_an_item_is_among_counted_ones_needs_the_items_named(searcher):
    r = searcher.search("黑龙江不计入家庭收入的那25项里面包括抚恤金吗")
    assert r.no_basis and r.no_basis_kind == "stated"
    assert not searcher.search("黑龙江低保不计入家庭收入的项目是不是25项").no_basis


def test_the_first_figure_unanswered_is_refused_while_a_later_part_is_answered(searcher):
    r = searcher.search("贵州城市低保标准每年是多少钱？特困供养标准是不是按它的1.3倍")
    assert not r.no_basis and r.refused_parts == [0]
    assert any(e.part == 1 for e in r.evidence)


def test_a_counted_noun_stays_a_word_the_sentence_must_name(searcher):
    r = searcher.search("安徽一共配备了多少社会救助协理员")
    assert not r.no_basis and "17400" in r.evidence[0].sentence


def test_the_items_asked_one_by_one_are_a_list_not_a_count():
    assert analyse_question("贵州那几项“必”分别是什么").asked_type == "list"
    assert analyse_question("贵州要做到哪些“必”").asked_type == "list"  # 到哪些 asks no place


def test_an_attribute_label_the_question_names_is_answered_by_that_line(searcher):
    r = searcher.search("丰宁养老机构建设这项工作的责任领导是谁")
    assert not r.no_basis and r.evidence[0].task  # the task's attribute line, shown with its task


def test_how_often_is_answered_by_the_task_sentence_stating_the_period(searcher):
    assert analyse_question("那个台账隔多久要排查一遍").asked_type == "deadline"
    r = searcher.search("丰宁防致贫监测的台账多长时间排查一遍")
    assert not r.no_basis and r.evidence[0].value == "每季度"
    assert "完成时限" not in r.evidence[0].sentence and "每季度" in r.evidence[0].sentence


def test_a_range_is_one_figure():
    from assistant.retrieval.evidence import figures_of

    assert [m.group() for m in figures_of("每个村增配1—2名管理人员", ["count"])] == ["1—2名"]
    assert [m.group() for m in figures_of("由4500元提高至4800元", ["money"])] == ["4500元", "4800元"]


def test_a_word_mistyped_by_one_homophone_character_is_read_as_the_corpus_word(searcher):
    from assistant.retrieval.query import analyse

    q = analyse("护理补帖发给谁", searcher._state().pinyin)
    assert "补贴" in q.sources.get("补帖", [])
    assert "护理" not in q.sources  # a word the corpus uses is no typo


@pytest.mark.parametrize("sentence", ["以某某重要思想为指导,全面贯彻上级会议精神,推动工作高质量发展。", "某州民发〔2025〕12号"])
def test_a_guiding_ideology_opening_and_a_document_number_are_never_the_answer(sentence):
    from assistant.retrieval.evidence import is_noise

    assert is_noise(sentence)
    assert not is_noise("以户籍所在地为准,由乡镇人民政府受理申请。")


def test_a_grade_told_of_the_asker_is_met_by_a_rule_for_every_grade(searcher):
    told = searcher.search("内蒙古一级肢体残疾的人能单独纳入低保吗")
    assert not told.no_basis  # the clause names no grade: it is a rule for all of them
    other = searcher.search("丰宁县二级智力残疾低保对象的补差标准会提高一档发放吗")
    assert other.no_basis and other.no_basis_kind == "stated"  # the clause names 三级, not the grade told


def test_the_place_a_person_is_registered_in_is_asked_about_too():
    q = analyse_question("户口在丰宁，人在杭州打工，能在杭州申请低保吗")
    assert set(q.regions) == {"杭州市", "丰宁满族自治县"}
    assert analyse_question("杭州的低保标准每月多少钱").regions == ["杭州市"]


def test_a_day_of_the_month_asked_wants_a_day():
    from assistant.retrieval.evidence import figures_of
    from assistant.understanding.question import type_rule

    q = analyse_question("补贴每个月几号发到卡上")
    # a day, with its period or not (每月20日前): no 按月 alone
    assert type_rule(q.parts[0].text, q.asked_type).evidence == ["monthly_day", "day"]
    assert "day" not in type_rule("台账几号之前要建好", "deadline").evidence  # 几号之前: a deadline
    assert [m.group() for m in figures_of("每月20日前发放到位，2024年1月1日起施行", ["day"])] == ["20日前"]


def test_a_clause_after_a_semicolon_happened_in_the_year_its_sentence_opens_with(searcher):
    r = searcher.search("贵州家庭经济状况核对平台在哪一年全面建立")
    assert not r.no_basis and r.evidence[0].value == "2019年"
    assert r.evidence[0].sentence.startswith("2019年") and "核对平台" in r.evidence[0].sentence


def test_people_counted_with_how_many_are_a_count():
    from assistant.retrieval.evidence import figures_of

    assert analyse_question("凉山一共有多少困难儿童纳入了保障").asked_type == "count"
    assert analyse_question("凉山困难儿童每月补多少钱").asked_type == "amount"
    assert [m.group() for m in figures_of("将1万余名儿童纳入保障", ["count"])] == ["1万余名"]


def test_a_program_named_as_the_askers_status_need_not_be_in_the_clause():
    from assistant.retrieval.evidence import _status_only

    assert _status_only("dibao", "我爸是低保户,临时救助能申请吗")
    assert not _status_only("dibao", "低保边缘家庭里的重残人员,能不能按单人户纳入低保")


def test_a_not_a_inside_a_quoted_name_asks_nothing():
    assert analyse_question("那个“说不说理”工作法是什么意思").asked_type != "yes_no"
    assert analyse_question("那笔钱还给不给").asked_type == "yes_no"
