"""Property tests: random valid households never crash; more income never makes dibao reachable."""

from __future__ import annotations

from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assistant.eligibility import PROGRAMS, check_household

REGIONS = [
    {"province": "河北省", "prefecture": "承德市", "county": "丰宁满族自治县"},
    {"county": "丰宁"},
    {"province": "贵州省"},
    {"province": "贵州", "prefecture": "黔东南州", "county": "榕江县"},
    {"province": "内蒙古"},
    {"province": "黑龙江省"},
    {"province": "广西"},
    {"province": "四川省", "prefecture": "凉山州"},
    {"province": "安徽省"},
    {"province": "山东省", "prefecture": "济南市"},
    {},
]
TRI = st.sampled_from([True, False, None])
MONEY = st.one_of(st.none(), st.integers(0, 60000), st.floats(0, 60000, allow_nan=False))
PARENT = st.sampled_from(
    ["normal", "deceased", "missing", "severe_disability", "serious_illness", "imprisoned", "drug_rehab",
     "restricted", "lost_contact", None]
)
DISABILITY = st.one_of(
    st.none(),
    st.just({"category": "none"}),
    st.fixed_dictionaries({
        "category": st.sampled_from(["physical", "visual", "hearing", "speech", "intellectual", "mental",
                                     "multiple", None]),
        "grade": st.sampled_from([1, 2, 3, 4, None]),
        "certified": TRI,
    }),
)
MEMBER = st.fixed_dictionaries({
    "relation": st.sampled_from(["self", "spouse", "child", "parent", "grandparent", "grandchild", "sibling",
                                 "other", None]),
    "age": st.one_of(st.none(), st.integers(0, 110)),
    "disability": DISABILITY,
    "serious_illness": TRI,
    "needs_long_term_care": TRI,
    "student": st.sampled_from([None, "none", "compulsory", "senior_high", "vocational", "college"]),
    "income_yearly": MONEY,
    "legal_supporters": st.sampled_from([None, "none", "unable", "able"]),
    "parents_situation": st.one_of(st.none(), st.lists(PARENT, max_size=2)),
    "priority_care_recipient": TRI,
})
EVENT = st.one_of(
    st.none(),
    st.fixed_dictionaries({
        "kind": st.sampled_from(["none", "fire", "traffic_accident", "accident", "serious_illness", "disaster",
                                 "expense_surge", "other"]),
        "severe_hardship": TRI,
        "in_home_region": TRI,
    }),
)
LOCAL = st.fixed_dictionaries({}, optional={
    "dibao_standard_yearly": st.integers(1000, 15000),
    "urban_dibao_standard_yearly": st.integers(1000, 15000),
    "tekun_standard_yearly": st.integers(1000, 20000),
    "low_income_edge_ratio": st.sampled_from([1.2, 1.5, 2.0]),
})


@st.composite
def households(draw) -> dict:
    members = draw(st.lists(MEMBER, min_size=1, max_size=5))
    for index, member in enumerate(members):
        member["id"] = f"p{index + 1}"
    return {
        "region": draw(st.sampled_from(REGIONS)),
        "area": draw(st.sampled_from(["rural", "urban", None])),
        "date": draw(st.dates(date(2016, 1, 1), date(2026, 12, 31))).isoformat(),
        "members": members,
        "income_excluded_yearly": draw(MONEY),
        "rigid_expenses_yearly": draw(MONEY),
        "employment_costs_yearly": draw(MONEY),
        "assets_within_limit": draw(TRI),
        "status": {"dibao": draw(TRI), "tekun": draw(TRI), "poverty_alleviated": draw(TRI), "monitored": draw(TRI)},
        "event": draw(EVENT),
        "local_parameters": draw(LOCAL),
    }


PROFILE = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROFILE
@given(households())
def test_random_valid_households_never_crash(h: dict) -> None:
    result = check_household(h)
    assert [r.program for r in result.results] == list(PROGRAMS)
    for r in result.results:
        assert r.status in {"meets", "does_not_meet", "needs_info"}
        assert (r.status == "needs_info") == any(not m.optional for m in r.missing), r.program
        assert r.steps, r.program
        if r.estimate is not None:
            assert r.status == "meets" and r.estimate.yearly >= 0 and r.estimate.monthly >= 0


@PROFILE
@given(households(), st.data())
def test_raising_income_never_turns_dibao_refusal_into_meets(h: dict, data) -> None:
    index = data.draw(st.integers(0, len(h["members"]) - 1))
    base = data.draw(st.integers(0, 40000))
    raise_by = data.draw(st.integers(1, 40000))
    h["members"][index]["income_yearly"] = base
    before = check_household(h, ["dibao"]).get("dibao").status
    h["members"][index]["income_yearly"] = base + raise_by
    after = check_household(h, ["dibao"]).get("dibao").status
    if before == "does_not_meet":
        assert after == "does_not_meet"
