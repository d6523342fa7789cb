"""How a whole-household income is spread over the engine's members (adapter._share_total)."""

from __future__ import annotations

from assistant.eligibility import check_household
from assistant.understanding.adapter import to_household
from assistant.understanding.state import Fact, HouseholdState, Quantity


def _state(*incomes: tuple[float, int] | None, total: tuple[float, int], excluded: dict[int, float] | None = None):
    s = HouseholdState()
    for i, inc in enumerate(incomes):
        p = s.new_person(f"m{i}", None)
        p.relation = Fact(value="self" if i == 0 else "child")
        p.age = Fact(value=Quantity.point(40))
        if inc is not None:
            p.income_yearly = Fact(value=Quantity.point(inc[0]), message=inc[1])
        if excluded and i in excluded:
            p.income_excluded_yearly = Fact(value=Quantity.point(excluded[i]), message=inc[1] if inc else 0)
    s.applicant = "p1"
    s.household_income_yearly = Fact(value=Quantity.point(total[0]), message=total[1])
    return s


def test_a_total_smaller_than_a_member_income_said_before_it_cannot_contain_it():
    h = to_household(_state(None, None, (42000, 1), total=(5000, 2)))
    assert sum(m["income_yearly"] for m in h["members"]) == 47000


def test_a_total_said_after_the_parts_and_as_large_is_their_sum():
    h = to_household(_state(None, (20000, 1), total=(30000, 2)))
    assert sum(m["income_yearly"] for m in h["members"]) == 30000


def test_a_member_income_said_with_the_total_stays_with_that_member():
    h = to_household(_state(None, (12000, 0), None, total=(24000, 0), excluded={1: 12000}))
    assert [m["income_yearly"] for m in h["members"]] == [24000, 12000, 0]
    assert h["members"][1]["income_excluded_yearly"] == 12000


def test_non_counted_items_of_an_income_inside_the_total_go_with_it_and_the_household_stays_valid():
    s = _state(None, (12000, 0), total=(30000, 1), excluded={1: 12000})
    h = to_household(s)
    assert h["members"][0] == {**h["members"][0], "income_yearly": 30000, "income_excluded_yearly": 12000}
    assert "income_excluded_yearly" not in h["members"][1]
    assert check_household(h).results  # no validation error: excluded never exceeds a member's income


def _disabled_household(care_for_second: bool = False) -> HouseholdState:
    from assistant.understanding.state import Disability

    s = _state(None, None, None, total=(30000, 0))
    s.members[1].disability = Fact(value=Disability(category="physical", grade=3, certified=True), message=1)
    if care_for_second:
        s.members[2].needs_long_term_care = Fact(value=True, message=1)
    return s


def test_describing_one_members_disability_answers_the_household_question_for_the_others():
    # spec §4: the disability question is asked once per household and the others are recorded as none
    h = to_household(_disabled_household())
    assert [m["disability"]["category"] for m in h["members"]] == ["none", "physical", "none"]
    care = check_household(h).get("disability_care_subsidy")
    assert care.status == "does_not_meet"


def test_a_member_who_needs_care_keeps_an_unknown_disability():
    h = to_household(_disabled_household(care_for_second=True))
    assert "disability" not in h["members"][2]
    assert check_household(h).get("disability_care_subsidy").status == "needs_info"


def test_the_screening_says_the_others_were_counted_without_a_disability():
    from assistant.understanding.screening import screen

    care = screen(_disabled_household()).result.get("disability_care_subsidy")
    assert any("其他家庭成员按没有残疾证计" in n for n in care.notes)


def test_a_fact_the_engine_cannot_take_is_left_unknown_and_every_program_is_still_screened():
    from assistant.eligibility.engine import PROGRAMS
    from assistant.understanding.screening import screen

    s = _state(None, None, total=(30000, 0))
    s.members[1].age = Fact(value=Quantity.point(400), message=1)
    outcome = screen(s)
    assert {r.program for r in outcome.result.results} == set(PROGRAMS)
    assert "age" not in outcome.household["members"][1]
    assert any("已按未知处理" in d and "m1" in d for d in outcome.dropped)


def _placed(s: HouseholdState) -> HouseholdState:
    from assistant.understanding.state import RegionValue

    s.region = Fact(value=RegionValue(province="河北省", prefecture="承德市", county="丰宁满族自治县"))
    s.area, s.year, s.assets_within_limit = Fact(value="rural"), Fact(value=2020), Fact(value=True)
    for name in ("income_excluded_yearly", "rigid_expenses_yearly", "employment_costs_yearly"):
        setattr(s, name, Fact(value=Quantity.point(0)))
    return s


def test_no_income_said_of_the_household_beside_someones_income_leaves_the_others_open():
    from assistant.understanding.screening import screen

    s = _placed(_state(None, (5000, 2), None, total=(0, 2)))
    dibao = screen(s).result.get("dibao")
    assert dibao.status == "needs_info"
    assert any("同一句话里说了家里没收入" in n for n in dibao.notes)
    assert any(m.field.endswith("income_yearly") for m in dibao.missing)


def test_no_income_said_of_the_household_in_another_message_is_the_others_income():
    from assistant.understanding.screening import screen

    s = _placed(_state(None, (5000, 1), None, total=(0, 2)))
    assert screen(s).result.get("dibao").status == "meets"


def test_a_total_said_after_member_incomes_in_the_same_message_contains_them(service):
    """加起来 after the members' incomes in one message is their sum, not a further income (made-up household)."""
    a = service.ask("承德丰宁农村一户，按2020年，三口人：闺女在外打工一年挣一万八，老两口种地一年两千，加起来两万",
                    speaker="caseworker")
    dibao = next(r for r in a.eligibility["results"] if r["program"] == "dibao")
    assert "6666.67" in str(dibao["steps"][0]["value"])
