"""Amended 2026-12-01: the household summary, what-if overrides, the numeric trace and the citizen's merged questions."""

from __future__ import annotations

import json

import pytest

from assistant.eligibility import HouseholdInputError, check_household
from assistant.eligibility.citizen import citizen_view
from assistant.eligibility.cli_command import check_command
from assistant.eligibility.whatif import compare, parse_sets

from .helpers import SHANDONG, elder_fengning, household, member

GRANDPARENT_AND_CHILD = household(members=[
    member(age=70, income_yearly=1000, legal_supporters="unable"),
    member(id="p2", relation="grandchild", age=9, student="compulsory", legal_supporters="unable",
           parents_situation=["deceased", "imprisoned"]),
])


def test_summary_reconciles_tekun_dibao_and_the_de_facto_orphan_allowance() -> None:
    result = check_household(GRANDPARENT_AND_CHILD)
    assert result.get("dibao").status == "meets" and result.get("de_facto_orphan").status == "meets"
    summary = result.summary
    likely = [line.program for line in summary.likely]
    assert likely[0] == "tekun" and summary.apply_first == "tekun"
    assert "dibao" not in likely and "de_facto_orphan" not in likely
    assert any("不再同时申请低保" in t for t in summary.not_stacked)
    assert any("事实无人抚养儿童" in t for t in summary.not_stacked)
    assert summary.headline.startswith("可能符合：特困人员救助供养")


def test_single_person_is_not_offered_when_the_whole_household_meets_dibao() -> None:
    result = check_household(household(members=[member(income_yearly=2000, serious_illness=True)]))
    assert result.get("dibao").status == "meets"
    assert "dibao_single_person" not in [line.program for line in result.summary.likely + result.summary.possible]
    single = next(p for p in citizen_view(result).programs if p["program"] == "dibao_single_person")
    assert single["unmet"] == ["全家可以按整户申请低保，不需要单独按“单人户”申请。"]


def test_unknown_deductions_are_not_asked_far_above_the_edge_line() -> None:
    rich = household(members=[member(income_yearly=100000), member(id="p2", relation="spouse", income_yearly=100000)],
                     income_excluded_yearly=None, rigid_expenses_yearly=None, employment_costs_yearly=None)
    result = check_household(rich)
    assert result.get("dibao").status == "does_not_meet"
    assert result.income.deductions_ignored and not citizen_view(result).questions
    assert any("扣减" in note for note in result.get("dibao").notes)


def test_citizens_get_at_most_five_merged_questions_and_never_a_standard() -> None:
    unknowns = {"region": {"province": "内蒙古自治区"}, "members": [
        {"relation": "self", "age": 45, "disability": {"category": "physical", "certified": True}},
        {"relation": "parent", "age": 70}, {"relation": "child"}], "event": {"kind": "serious_illness"}}
    view = citizen_view(check_household(unknowns))
    assert 1 <= len(view.questions) <= 5 and view.more_questions >= 0
    ids = [q.id for q in view.questions]
    assert len(ids) == len(set(ids))  # each asked once for the household
    assert not any(f.startswith("local_parameters") for q in view.questions for f in q.fields)
    assert view.income.standard_note and "12345" in view.income.standard_note
    income = next(q for q in view.questions if q.id == "income")
    assert [m.index for m in income.members] == [0, 1, 2]


def test_a_household_without_disability_is_not_asked_about_it() -> None:
    view = citizen_view(check_household(household(members=[member(income_yearly=3000)], event=None)))
    assert all(q.id != "disability" for q in view.questions)


def test_what_if_overrides_a_parameter_for_one_check_beside_the_baseline() -> None:
    two = household(members=[member(income_yearly=5000), member(id="p2", relation="spouse", income_yearly=5000)])
    what_if = compare(two, {"rural_dibao_standard_yearly": 5500})
    dibao = next(c for c in what_if.changes if c.program == "dibao")
    assert (dibao.baseline, dibao.variant) == ("does_not_meet", "meets") and dibao.variant_yearly == 1000
    assert what_if.baseline.overrides == {} and what_if.variant.overrides == {"rural_dibao_standard_yearly": 5500}
    assert check_household(two).get("dibao").status == "does_not_meet"  # nothing sticks
    with pytest.raises(HouseholdInputError, match="没有这个参数"):
        compare(two, {"tekun_incapacity_max_grade": 3})  # a rule structure, not a number
    with pytest.raises(HouseholdInputError, match="应为0到"):
        compare(two, {"low_income_edge_ratio": float("inf")})
    for name in ("rural_dibao_standard_yearly", "urban_dibao_standard_yearly"):  # table and caller-only numbers
        with pytest.raises(HouseholdInputError, match="应为0到"):
            compare(two, {name: True})  # true is not the number 1
    assert parse_sets(["low_income_edge_ratio=2", "single_person_priority_care=true"]) == {
        "low_income_edge_ratio": 2.0, "single_person_priority_care": True}
    with pytest.raises(ValueError, match="名称=数值"):
        parse_sets(["6000"])


def test_cli_trace_and_set(tmp_path) -> None:
    path = tmp_path / "household.json"
    path.write_text(json.dumps(elder_fengning(), ensure_ascii=False), encoding="utf-8")
    trace = check_command(str(path), False, "caseworker", trace=True)
    assert "公式：（1200 − 不计入0 − 刚性支出0 − 就业成本0）÷ 1人 = 1200 元/人·年" in trace
    assert "农村低保标准 = 4800" in trace and "✔ 家庭人均可计收入低于当地农村低保标准: 1200 vs 4800" in trace
    shown = check_command(str(path), False, "caseworker", sets=["rural_dibao_standard_yearly=1000"])
    assert "rural_dibao_standard_yearly=1000" in shown and "dibao" in shown and "*" in shown
    data = json.loads(check_command(str(path), True, "caseworker", sets=["rural_dibao_standard_yearly=1000"]))
    assert data["variant"]["parameters"][0]["used"]["origin"] == "override"


def test_income_range_is_numeric_in_the_result() -> None:
    result = check_household(household(SHANDONG, [member(income_yearly=6000)], rigid_expenses_yearly=None,
                                       date="2023-06-01", local_parameters={"dibao_standard_yearly": 8000}))
    step = result.get("dibao").steps[0]
    assert (step.low, step.high) == (0.0, 6000.0) and result.income.per_capita_high == 6000
