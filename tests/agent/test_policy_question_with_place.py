"""A policy question that names a region (Chinese or pinyin) is answered, not screened as a household; a
statement placing the speaker's own household still opens one."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("question", ["广西特困供养的护理标准多久调整一次", "guangxi dibao jiantui shijian",
                                      "吉林 临时救助 审批时限", "甘肃 农村 残疾人两项补贴 发放方式"])
def test_a_region_named_with_a_program_is_a_policy_question(service, question):
    answer = service.ask(question, None)
    assert answer.eligibility is None
    assert not answer.answer.startswith("我理解的情况")


def test_a_statement_placing_the_own_household_opens_one(service):
    answer = service.ask("俺家在丰宁农村", None)
    stored = service.store.state(answer.conversation_id)
    assert stored.area is not None and stored.area.value == "rural"
    assert stored.region is not None and stored.region.value.county == "丰宁满族自治县"
