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
