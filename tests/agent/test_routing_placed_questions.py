"""A policy question that names a place and nobody is answered from the documents, not screened as a household
(whether or not it carries a question word); a statement placing the speaker's own household still screens.
Made-up wordings."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("question", [
    "黑龙江那边低保渐退一般给几个月缓冲",
    "heilongjiang jiantui huanchong jige yue",
    "赣州 易地搬迁安置点 配套政策",  # 搬 (a residence cue) inside a policy noun
    "丰宁的特困人员一年能领多少钱",
])
def test_a_placed_policy_question_is_answered_not_screened(service, question):
    answer = service.ask(question)
    assert answer.eligibility is None
    assert answer.citations


@pytest.mark.parametrize("statement", ["俺是河北承德丰宁的，住村里", "我们家在丰宁农村"])
def test_a_statement_placing_the_speakers_household_screens_it(service, statement):
    answer = service.ask(statement)
    assert answer.eligibility is not None


def test_a_question_with_an_asked_type_the_reader_took_for_a_statement_is_searched():
    from assistant.agent.planner import plan
    from assistant.understanding.reader import read

    text = "江西那边的安置点社区一共配了哪几类管理人员"
    assert "search_policy" in [c.name for c in plan(text, read(text, None))]
