"""Policy answers of the offline model: direct first line, one quoted and cited sentence, no-basis by mismatch."""

from __future__ import annotations

import re

from assistant.agent.policy_answer import policy_answer
from assistant.retrieval.evidence import is_noise
from eval.answers import has_fact, shown
from eval.retrieval import Question

QUOTE = re.compile(r"「([^」]*)」")


def test_a_city_outside_the_corpus_is_named_with_its_province(service):
    a = service.ask("杭州低保标准每月多少钱")
    assert a.no_basis and a.citations == []
    assert "政策文件中未找到依据" in a.answer and "浙江" in a.answer and "杭州" in a.answer


def test_a_yes_no_question_opens_with_the_answer_and_quotes_the_clause_once(service):
    a = service.ask("内蒙古重残的人能单独办低保吗")
    assert a.answer.startswith("可以")
    quotes = QUOTE.findall(a.answer)
    assert sum("单人户" in q for q in quotes) == 1
    assert a.citations and "单人户" in a.citations[0].quote


def test_an_amount_question_states_the_figure_first_and_cites_it(service):
    a = service.ask("丰宁的特困人员供养标准提高到了多少钱一年？")
    policy = [line for line in a.answer.splitlines() if "标准为" in line]
    assert policy and "6600元" in policy[0] and "[" in policy[0]
    assert a.guard.flagged_numbers == []


def test_an_english_question_gets_an_english_first_line_and_the_chinese_quote(service):
    a = service.ask("Heilongjiang: what is the longest gradual-exit period for dibao households?")
    first = a.answer.splitlines()[0]
    assert first.isascii() and "1" in first
    assert "渐退" in a.answer


def test_a_year_the_documents_do_not_cover_names_the_years_they_do(service):
    a = service.ask("丰宁2023年特困人员供养标准是多少？")
    assert "政策文件中未找到依据" in a.answer and "2023" in a.answer and "2020" in a.answer
    assert "6600" not in a.answer


def test_one_line_per_part(service):
    a = service.ask("丰宁的临时救助储备金额度要达到多少？特困人员一年的供养标准是多少？")
    lines = [line for line in a.answer.splitlines() if line.startswith("第")]
    assert len(lines) == 2 and "350万元" in lines[0] and "6600元" in lines[1]


def test_quoted_sentences_are_never_headings_or_attribute_lines(service):
    for question in ("丰宁的低保工作由哪个股室负责？", "丰宁防致贫监测什么时候完成排查？", "贵州的兜底行动计划是什么？"):
        for quote in QUOTE.findall(service.ask(question).answer):
            assert not is_noise(quote), quote


def test_policy_answer_falls_back_when_there_is_no_evidence():
    assert policy_answer({"hits": [], "evidence": []}) == ""


def test_shown_evidence_needs_half_of_the_span_in_the_answer_text():
    span = "对因病因残因学等增加的刚性支出和就业产生的必要成本,在核算家庭收入时给予适当扣减"
    assert shown(span, "可以。「对因病因残因学等增加的刚性支出和就业产生的必要成本」[1]")
    assert not shown(span, "可以，参见条款[1]。")


def test_key_facts_match_figures_by_value_and_terms_by_text():
    assert has_fact("4800", "标准为4800元。")
    assert has_fact("1.2万元", "提高到12000元")
    assert has_fact("全省统一", "农村低保标准实现全省统一")
    assert not has_fact("6600", "标准为6000元")
    q = Question("x", "?", "d", [], "", answer="由每年4500元提高到4800元，即“先行救助”")
    from eval.answers import gold_facts

    assert gold_facts(q) == ["4500", "4800", "先行救助"]


def test_whether_something_is_so_is_not_answered_by_kexi(service):
    # 是不是会取消 asks whether it happens, not whether one may: the sentence answers it, not 可以
    a = service.ask("丰宁收入高过低保标准但还没稳定脱贫的，低保是不是会立刻取消？")
    assert not a.answer.startswith("可以") and "渐退期" in a.answer


def test_a_clause_about_incomes_below_the_line_does_not_answer_one_above_it(service):
    r = service.searcher.search("丰宁收入高过低保标准但还没稳定脱贫的，低保是不是会立刻取消？")
    assert r.evidence and "低于" not in r.evidence[0].sentence and "高于" in r.evidence[0].sentence


def test_a_programs_beneficiary_word_is_not_asked_of_the_sentence(service):
    r = service.searcher.search("我是丰宁的特困老人，一年能给多少钱")
    assert not r.no_basis and "6600" in r.evidence[0].sentence
