"""Spec §1: needs_info only when a deciding fact is unknown. A member whose disability is unknown does not hold
the living subsidy (§3.7: a certificate holder in a dibao household) open when the household is not, and cannot
be, in dibao; the care subsidy still asks, since the disability grade is its own condition."""

from __future__ import annotations

from assistant.eligibility import check_household

from .helpers import household, member


def _unknown_disability(**facts) -> dict:
    return member(id="p2", relation="spouse", disability=None, **facts)


def test_living_subsidy_is_not_met_when_the_household_is_far_from_dibao_whatever_the_disability():
    h = household(members=[member(income_yearly=40000), _unknown_disability()])
    living = check_household(h).get("disability_living_subsidy")
    assert living.status == "does_not_meet"
    assert not living.missing


def test_living_subsidy_still_asks_the_disability_when_the_household_may_be_in_dibao():
    h = household(members=[member(income_yearly=2000), _unknown_disability()])
    living = check_household(h).get("disability_living_subsidy")
    assert living.status == "needs_info"
    assert any(m.field == "members[1].disability" for m in living.missing)


def test_care_subsidy_asks_the_disability_of_a_member_who_needs_care():
    h = household(members=[member(), _unknown_disability(needs_long_term_care=True)])
    care = check_household(h).get("disability_care_subsidy")
    assert care.status == "needs_info"
    assert any(m.field == "members[1].disability" for m in care.missing)


def test_unknown_deductions_and_an_unknown_income_do_not_hold_dibao_open_when_the_known_income_is_at_the_edge():
    # spec §5 (amended): gross per-capita income at or above the 低保边缘 line → does_not_meet, deductions not
    # counted; an unknown member income can only raise the gross, so the known part already decides
    h = household(members=[member(income_yearly=30000), member(id="p2", relation="child", income_yearly=None)],
                  rigid_expenses_yearly=None, employment_costs_yearly=None)
    result = check_household(h)
    for program in ("dibao", "low_income_monitoring"):
        r = result.get(program)
        assert r.status == "does_not_meet", program
        assert not r.missing
    assert result.income.deductions_ignored


def test_the_known_income_below_the_edge_still_asks_the_unknown_income():
    h = household(members=[member(income_yearly=8000), member(id="p2", relation="child", income_yearly=None)],
                  rigid_expenses_yearly=None)
    dibao = check_household(h).get("dibao")
    assert dibao.status == "needs_info"
    assert any(m.field == "members[1].income_yearly" for m in dibao.missing)


def test_a_standard_the_caller_gives_for_the_household_decides_without_the_area():
    # spec §2: regions without a value accept a value supplied by the user for that check (§4 dibao_standard_yearly)
    h = household(region={"province": "黑龙江省", "prefecture": "齐齐哈尔市", "county": "拜泉县"}, area=None,
                  members=[member(income_yearly=4000), member(id="p2", relation="spouse", income_yearly=5000)],
                  local_parameters={"dibao_standard_yearly": 5900})
    dibao = check_household(h).get("dibao")
    assert dibao.status == "meets"
    assert not any(m.field == "area" for m in dibao.missing)
