"""Outcome invariance against brute force: a program decided although facts are unknown gives the same status
on every completion of those facts, and a program whose every completion agrees is not left open."""

from __future__ import annotations

import copy
import itertools

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from assistant.eligibility import check_household
from assistant.eligibility.invariance import assign

REGIONS = [
    {"province": "河北省", "prefecture": "承德市", "county": "丰宁满族自治县"},
    {"province": "贵州省", "prefecture": "黔东南苗族侗族自治州", "county": "榕江县"},
    {"province": "内蒙古自治区"},
    {"province": "黑龙江省"},
    {"province": "广西壮族自治区"},
    {"province": "四川省", "prefecture": "凉山彝族自治州"},
    {"province": "山东省", "prefecture": "济南市"},
]
BOOL = [True, False]
EVENTS = [{"kind": "none"}] + [
    {"kind": k, "severe_hardship": s, "in_home_region": i}
    for k in ["fire", "traffic_accident", "accident", "serious_illness", "disaster", "expense_surge", "other"]
    for s in BOOL for i in BOOL
]
DISABILITIES = [{"category": "none"}] + [
    {"category": c, "grade": g, "certified": cert}
    for c in ["physical", "visual", "hearing", "speech", "intellectual", "mental", "multiple"]
    for g in [1, 2, 3, 4] for cert in BOOL
]
# the brute force's own grids, chosen independently of invariance.py: dense around the usual limits
AGES = [0, 6, 15, 16, 17, 18, 19, 45, 59, 60, 61, 85]
INCOMES = [0.0, 500.0, 2000.0, 3500.0, 4800.0, 6000.0, 9000.0, 15000.0, 40000.0]
DEDUCTIONS = [0.0, 1000.0, 5000.0, 30000.0]
STANDARDS = [1.0, 300.0, 1000.0, 2000.0, 3000.0, 4000.0, 4500.0, 5000.0, 6000.0, 8000.0, 12000.0, 30000.0]

HOUSEHOLD_FACTS = {
    "area": ["rural", "urban"],
    "assets_within_limit": BOOL,
    "status.dibao": BOOL,
    "status.tekun": BOOL,
    "status.poverty_alleviated": BOOL,
    "event": EVENTS,
    "rigid_expenses_yearly": DEDUCTIONS,
    "income_excluded_yearly": DEDUCTIONS,
    "local_parameters.dibao_standard_yearly": STANDARDS,
}
MEMBER_FACTS = {
    "age": AGES,
    "legal_supporters": ["none", "unable", "able"],
    "serious_illness": BOOL,
    "needs_long_term_care": BOOL,
    "priority_care_recipient": BOOL,
    "disability": DISABILITIES,
    "income_yearly": INCOMES,
}
CHOICES = {"area", "assets_within_limit", "status.dibao", "status.tekun", "status.poverty_alleviated",
           "legal_supporters", "serious_illness", "needs_long_term_care", "priority_care_recipient"}


def member(index: int) -> st.SearchStrategy[dict]:
    return st.fixed_dictionaries({
        "id": st.just(f"p{index + 1}"),
        "relation": st.just("self") if index == 0 else st.sampled_from(["spouse", "child", "parent"]),
        "age": st.sampled_from(AGES),
        "disability": st.sampled_from(DISABILITIES),
        "serious_illness": st.sampled_from(BOOL),
        "needs_long_term_care": st.sampled_from(BOOL),
        "student": st.sampled_from(["none", "compulsory"]),
        "income_yearly": st.sampled_from(INCOMES),
        "legal_supporters": st.sampled_from(["none", "unable", "able"]),
        "parents_situation": st.just(["normal", "normal"]),
        "priority_care_recipient": st.sampled_from(BOOL),
    })


@st.composite
def known(draw) -> dict:
    """A household whose every fact is known (a standard supplied, used where the table has none)."""
    size = draw(st.integers(1, 2))
    return {
        "region": draw(st.sampled_from(REGIONS)),
        "area": draw(st.sampled_from(["rural", "urban"])),
        "date": draw(st.sampled_from(["2020-06-01", "2022-06-01"])),
        "members": [draw(member(i)) for i in range(size)],
        "income_excluded_yearly": 0.0,
        "rigid_expenses_yearly": draw(st.sampled_from(DEDUCTIONS)),
        "employment_costs_yearly": 0.0,
        "assets_within_limit": draw(st.sampled_from(BOOL)),
        "status": {"dibao": draw(st.sampled_from(BOOL)), "tekun": False, "poverty_alleviated": False,
                   "monitored": False},
        "event": draw(st.sampled_from(EVENTS)),
        "local_parameters": {"dibao_standard_yearly": draw(st.sampled_from(STANDARDS[2:]))},
    }


@st.composite
def blanked(draw, choices_only: bool = False) -> tuple[dict, dict[str, list]]:
    """A known household with two or three facts made unknown, and the values each of them can take (only
    facts with a finite set of values when ``choices_only``: amounts, ages and standards are grids here)."""
    h = draw(known())
    facts = dict(HOUSEHOLD_FACTS)
    for i in range(len(h["members"])):
        facts.update({f"members[{i}].{name}": values for name, values in MEMBER_FACTS.items()})
    if choices_only:
        facts = {name: values for name, values in facts.items() if name in CHOICES or name.rsplit(".", 1)[-1] in CHOICES}
    names = draw(st.lists(st.sampled_from(sorted(facts)), min_size=2, max_size=3, unique=True))
    for name in names:
        h = assign(h, name, None)
    return h, {name: facts[name] for name in names}


def completions(h: dict, facts: dict[str, list]):
    for values in itertools.product(*facts.values()):
        out = copy.deepcopy(h)
        for name, value in zip(facts, values, strict=True):
            out = assign(out, name, value)
        yield out


PROFILE = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROFILE
@given(blanked())
def test_a_settled_status_holds_on_every_completion(case: tuple[dict, dict[str, list]]) -> None:
    h, facts = case
    assume(len(list(itertools.product(*facts.values()))) <= 150)
    result = check_household(h)
    settled = [r for r in result.results if r.status != "needs_info" and any(m.optional for m in r.missing)]
    for r in settled:
        assert any("不论怎样都不改变本项结论" in note for note in r.notes), r.program
        for completion in completions(h, facts):
            assert check_household(completion, [r.program]).get(r.program).status == r.status, (r.program, completion)


@PROFILE
@given(blanked(choices_only=True))
def test_a_program_every_completion_agrees_on_is_not_left_open(case: tuple[dict, dict[str, list]]) -> None:
    h, facts = case
    result = check_household(h)
    for r in result.results:
        statuses = {check_household(c, [r.program]).get(r.program).status for c in completions(h, facts)}
        if len(statuses) == 1 and "needs_info" not in statuses:
            assert r.status in statuses, (r.program, r.missing)


FENGNING_2020 = {"region": REGIONS[0], "date": "2020-06-01"}


def test_no_income_meets_dibao_whatever_the_area_and_the_unknown_standard() -> None:
    """Any standard is above nothing: urban or rural (and the urban standard the table lacks) cannot change it."""
    h = {**FENGNING_2020, "members": [{"relation": "self", "age": 40, "income_yearly": 0.0,
         "disability": {"category": "none"}}], "assets_within_limit": True}
    dibao = check_household(h).get("dibao")
    assert dibao.status == "meets"
    assert {m.field for m in dibao.missing} >= {"area"} and all(m.optional for m in dibao.missing)
    assert any("城乡类别" in note for note in dibao.notes)
    # with some income the area decides (4800 rural in the table, urban unknown): the question blocks
    h["members"][0]["income_yearly"] = 3000.0
    dibao = check_household(h).get("dibao")
    assert dibao.status == "needs_info" and not any(m.optional for m in dibao.missing)


def test_an_unknown_disability_does_not_matter_to_care_when_no_care_is_needed() -> None:
    h = {**FENGNING_2020, "area": "rural", "members": [{"relation": "self", "age": 50, "income_yearly": 0.0,
         "needs_long_term_care": False}]}
    care = check_household(h).get("disability_care_subsidy")
    assert care.status == "does_not_meet"
    assert [m.field for m in care.missing] == ["members[0].disability"] and care.missing[0].optional
    h["members"][0]["needs_long_term_care"] = True
    assert check_household(h).get("disability_care_subsidy").status == "needs_info"
