"""特困 past 18 (《特困人员认定办法》第十条, spec §3.4): the continuation is for a 特困 minor still at school. An adult
neither said to be at school nor said to be supported as 特困 does not hold tekun open on that route (the
caseworker's reading of §3.4); the result says how the exception applies."""

from __future__ import annotations

from assistant.eligibility import check_household

from .helpers import household, member


def _tekun(tekun=None, **facts):
    person = {"age": 45, "student": None, **facts}
    h = household(members=[member(legal_supporters="none", income_yearly=2000, **person)],
                  status={"dibao": False, "tekun": tekun, "poverty_alleviated": False, "monitored": False})
    return check_household(h).get("tekun")


def test_an_adult_of_working_age_without_disability_does_not_meet_tekun_when_schooling_is_not_mentioned():
    tekun = _tekun()
    assert tekun.status == "does_not_meet"
    assert not tekun.missing
    assert any("可继续供养" in n for n in tekun.notes)


def test_an_adult_said_to_be_at_senior_high_is_still_asked_whether_already_supported():
    tekun = _tekun(age=19, student="senior_high")
    assert tekun.status == "needs_info"
    assert any(m.field == "status.tekun" for m in tekun.missing)


def test_a_household_said_to_be_supported_as_tekun_is_asked_about_schooling_past_18():
    tekun = _tekun(tekun=True, age=18)
    assert tekun.status == "needs_info"
    assert any(m.field == "members[0].student" for m in tekun.missing)


def test_a_minor_aged_16_still_asks_whether_already_supported():
    tekun = _tekun(age=16)
    assert tekun.status == "needs_info"
    assert any(m.field == "status.tekun" for m in tekun.missing)
