"""A what-if of the screening's frame (the year's rules, a local standard) moves the discussion there: later turns
continue from it. A what-if about the household itself stays hypothetical (test_dialogue)."""

from __future__ import annotations


def test_a_what_if_of_the_year_is_the_year_later_turns_are_screened_under(service):
    a = service.ask("丰宁的农村户，两口人，一年收入九千，按2020年看看低保", speaker="caseworker")
    cid = a.conversation_id
    w = service.ask("那要是按2019年呢", cid, speaker="caseworker")
    assert w.what_if and w.eligibility["date"].startswith("2019")
    later = service.ask("财产没超", cid, speaker="caseworker")
    assert later.eligibility["date"].startswith("2019")
    assert service.store.state(cid).year.value == 2019


def test_a_what_if_of_the_area_stays_hypothetical(service):
    a = service.ask("丰宁的农村户，两口人，一年收入九千，按2020年看看低保", speaker="caseworker")
    cid = a.conversation_id
    w = service.ask("要是在县城呢？", cid, speaker="caseworker")
    assert w.what_if and w.eligibility["area"] == "urban"
    assert service.ask("财产没超", cid, speaker="caseworker").eligibility["area"] == "rural"
