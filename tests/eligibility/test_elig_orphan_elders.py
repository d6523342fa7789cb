"""事实无人抚养儿童 (spec §3.9): the applicant's parents and grandparents of unknown age are not assessed as
children — their age and their own parents are not asked; a member of unknown age of another relation is."""

from __future__ import annotations

from assistant.eligibility import check_household

from .helpers import household, member


def _child_with(relation: str) -> dict:
    return household(members=[
        member(age=12, student="compulsory", parents_situation=["imprisoned", "normal"]),
        member(id="p2", relation=relation, age=None, parents_situation=None),
    ])


def test_a_parent_of_unknown_age_is_not_assessed_as_a_child():
    r = check_household(_child_with("parent")).get("de_facto_orphan")
    assert r.status == "does_not_meet"
    assert not any(m.field.startswith("members[1]") for m in r.missing)


def test_a_grandparent_of_unknown_age_is_not_assessed_as_a_child():
    r = check_household(_child_with("grandparent")).get("de_facto_orphan")
    assert r.status == "does_not_meet"


def test_a_sibling_of_unknown_age_may_still_be_a_child():
    r = check_household(_child_with("sibling")).get("de_facto_orphan")
    assert r.status == "needs_info"
    assert any(m.field == "members[1].age" for m in r.missing)
