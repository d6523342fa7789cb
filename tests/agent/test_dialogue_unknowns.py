"""'I don't know X' mid-screening: the household is re-screened, X stays unknown and is not asked again."""

from __future__ import annotations

import re


def test_a_standard_the_user_does_not_know_is_not_asked_again(service) -> None:
    first = service.ask("我家在湖南隆回县农村，两口人，老两口，一年收入六千", speaker="citizen")
    cid = first.conversation_id
    second = service.ask("我们这边低保标准是多少我不知道", cid)
    assert second.eligibility is not None  # re-screened, not sent to the policy search alone
    state = service.store.state(cid)
    assert any(re.fullmatch(p, "local_parameters.dibao_standard_yearly") for p in state.unknown)
    asked = second.next_question
    assert asked is None or not asked.field.startswith("local_parameters")


def test_not_knowing_the_asked_fact_moves_to_the_next_question(service) -> None:
    first = service.ask("丰宁农村一户，老两口，一年收入三千", speaker="caseworker")
    cid = first.conversation_id
    asked = first.next_question
    assert asked is not None
    second = service.ask("这个我不清楚", cid)
    assert second.eligibility is not None
    assert second.next_question is None or second.next_question.field != asked.field


def test_a_person_word_inside_a_program_name_is_no_new_member(service) -> None:
    first = service.ask("我外甥十岁，在甘肃通渭农村，他爸去世了，他妈在坐牢", speaker="citizen")
    cid = first.conversation_id
    members = len(service.store.state(cid).present())
    second = service.ask("那他能不能算事实无人抚养儿童？", cid)
    assert len(service.store.state(cid).present()) == members
    assert second.eligibility is not None
