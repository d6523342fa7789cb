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


def _child_and_mother(stated: list, mother_disability: dict) -> dict:
    return household(members=[
        member(age=14, student="compulsory", parents_situation=stated),
        member(id="p2", relation="parent", age=40, disability=mother_disability, parents_situation=None),
    ])


def test_a_co_resident_parents_own_severe_disability_outweighs_a_situation_said_to_be_normal():
    h = _child_and_mother(["deceased", "normal"], {"category": "mental", "grade": 3, "certified": True})
    assert check_household(h).get("de_facto_orphan").status == "meets"


def test_a_mental_disability_of_unknown_grade_is_severe_for_a_parent_since_every_grade_counts():
    # 民发〔2019〕62号: grade 1–2, or 3–4 intellectual/mental — every mental grade is within the limit
    h = _child_and_mother(["deceased", None], {"category": "mental", "grade": None, "certified": True})
    assert check_household(h).get("de_facto_orphan").status == "meets"


def test_a_physical_disability_of_unknown_grade_leaves_the_parent_open():
    h = _child_and_mother(["deceased", None], {"category": "physical", "grade": None, "certified": True})
    assert check_household(h).get("de_facto_orphan").status == "needs_info"


def test_a_situation_already_said_is_not_counted_twice_for_the_co_resident_parent():
    h = _child_and_mother(["serious_illness", None], {"category": "none"})
    h["members"][1]["serious_illness"] = True
    assert check_household(h).get("de_facto_orphan").status == "needs_info"
