"""Parameters as data: region and date lookup, aliases, averages, caller-supplied values, no numbers in code."""

from __future__ import annotations

import ast
from datetime import date
from pathlib import Path

import pytest

from assistant.eligibility import bases as b
from assistant.eligibility import check_household
from assistant.eligibility.parameters import table
from assistant.eligibility.regions import RegionConflict, resolve

from .helpers import FENGNING, SHANDONG, household, member

PACKAGE = Path(__file__).resolve().parents[2] / "assistant" / "eligibility"


def lookup(name: str, province=None, prefecture=None, county=None, on: str = "2020-06-01"):
    return table().lookup(name, resolve(province, prefecture, county).chain, date.fromisoformat(on))


@pytest.mark.parametrize(
    ("region", "expected_chain_start"),
    [
        ((None, None, "丰宁"), "丰宁满族自治县"),
        ((None, None, "丰宁县"), "丰宁满族自治县"),
        (("河北", "承德", "丰宁满族自治县"), "丰宁满族自治县"),
        (("内蒙古", None, None), "内蒙古自治区"),
        (("四川", "凉山", None), "凉山彝族自治州"),
        (("四川省", "凉山州", None), "凉山彝族自治州"),
        (("四川省", "凉山彝族自治州", None), "凉山彝族自治州"),
        (("贵州", None, None), "贵州省"),
    ],
)
def test_loose_region_names(region: tuple, expected_chain_start: str) -> None:
    resolved = resolve(*region)
    assert resolved.chain[0] == expected_chain_start
    assert resolved.chain[-1] == "全国"


def test_county_alone_finds_its_province() -> None:
    assert resolve(None, None, "丰宁").chain == ("丰宁满族自治县", "承德市", "河北省", "全国")


def test_conflicting_region_levels_are_rejected() -> None:
    with pytest.raises(RegionConflict):
        resolve("贵州省", None, "丰宁")


def test_unknown_region_keeps_its_name_and_finds_no_standard() -> None:
    assert resolve("山东省", "济南市", "历城区").chain == ("历城区", "济南市", "山东省", "全国")
    assert lookup("rural_dibao_standard_yearly", "山东省", "济南市", "历城区") is None


def test_county_beats_province_and_date_picks_latest() -> None:
    assert lookup("rural_dibao_standard_yearly", county="丰宁").value == 4800
    assert lookup("rural_dibao_standard_yearly", "贵州", on="2018-12-31").value == 3908
    assert lookup("rural_dibao_standard_yearly", "贵州", on="2019-01-01").value == 4220
    assert lookup("rural_dibao_standard_yearly", "贵州", on="2025-01-01").value == 4500
    assert lookup("rural_dibao_standard_yearly", "贵州", on="2017-12-31") is None
    assert lookup("rural_dibao_standard_yearly", county="丰宁", on="2019-12-31") is None


def test_provincial_averages_are_labelled() -> None:
    assert lookup("rural_dibao_standard_yearly", "贵州", on="2018-06-01").average
    assert lookup("rural_dibao_standard_yearly", "贵州", on="2019-06-01").average
    assert not lookup("rural_dibao_standard_yearly", "贵州", on="2020-06-01").average
    step = check_household(household({"province": "贵州省"}, date="2019-06-01")).get("dibao").steps[0]
    assert "全省平均" in step.note


def test_national_rules_apply_everywhere_and_regional_rules_stay_home() -> None:
    assert lookup("low_income_edge_ratio", "山东省", on="2024-06-01").value == 1.5
    assert lookup("low_income_edge_ratio", "山东省", on="2023-06-01") is None
    assert lookup("low_income_monitoring_threshold_yearly", "四川省", "凉山", on="2022-06-01").value == 8640
    assert lookup("low_income_monitoring_threshold_yearly", "四川省", "成都市", on="2022-06-01") is None
    assert lookup("care_subsidy_extension", "内蒙古", on="2022-06-01") is not None
    assert lookup("care_subsidy_extension", "贵州", on="2022-06-01") is None
    assert lookup("dibao_gradual_exit_max_months", "黑龙江", on="2022-06-01").value == 12


def test_every_row_has_a_source_and_unit() -> None:
    for rows in table().entries.values():
        for row in rows:
            assert row.source is not None and row.unit and row.label, row.name
            if row.average:
                assert row.note, f"{row.name} is an average and needs a note"


def test_caller_supplied_standard_is_labelled() -> None:
    result = check_household(
        household(SHANDONG, [member(income_yearly=3000)], date="2023-06-01",
                  local_parameters={"dibao_standard_yearly": 6000})
    ).get("dibao")
    assert result.status == "meets"
    assert result.caller_supplied == ["rural_dibao_standard_yearly"]
    assert result.steps[0].caller_supplied and result.steps[0].basis[-1:] != []
    assert "caller-supplied" in result.steps[0].note
    # the value is the caller's, the rule it feeds is cited: 《社会救助暂行办法》第九条
    assert (b.SHJZ_DIBAO.regulation, b.SHJZ_DIBAO.article) in externals(result.steps[0].basis)
    assert (b.SHJZ_DIBAO.regulation, b.SHJZ_DIBAO.article) in externals(result.estimate.basis)
    assert "caller-supplied" in result.estimate.note


def test_caller_supplied_edge_ratio_and_monitoring_line_cite_the_rule_they_feed() -> None:
    result = check_household(
        household(SHANDONG, [member(income_yearly=7000)], date="2023-06-01",
                  local_parameters={"dibao_standard_yearly": 6000, "low_income_edge_ratio": 1.5,
                                    "low_income_monitoring_threshold_yearly": 8000})
    ).get("low_income_monitoring")
    assert result.caller_supplied == ["low_income_edge_ratio", "rural_dibao_standard_yearly",
                                      "low_income_monitoring_threshold_yearly"]
    edge, line = (s for s in result.steps if s.caller_supplied)
    assert edge.threshold == 9000 and "倍数1.5（调用方提供" in edge.note
    assert (b.EDGE_RULES.regulation, b.EDGE_RULES.article) in externals(edge.basis)
    assert line.threshold == 8000 and "调用方提供" in line.note
    assert externals(line.basis) == [(b.MONITORING_OPINION.regulation, b.MONITORING_OPINION.article)]


def externals(citations) -> list[tuple[str, str]]:
    return [(c.regulation, c.article) for c in citations if not c.in_corpus]


def test_caller_value_does_not_override_a_sourced_county_value() -> None:
    result = check_household(household(FENGNING, [member(income_yearly=5000)],
                                       local_parameters={"dibao_standard_yearly": 9999}))
    assert result.get("dibao").status == "does_not_meet"
    assert result.get("dibao").caller_supplied == []
    assert any("不一致" in note for note in result.notes)


def _numbers_in(path: Path) -> list[tuple[int, object]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    # positions (x[2]) and formatting keywords (indent=2) are structure, not policy
    structural = {id(n.slice) for n in ast.walk(tree) if isinstance(n, ast.Subscript)}
    structural |= {id(n.value) for n in ast.walk(tree) if isinstance(n, ast.keyword)}
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and type(node.value) in (int, float)
        and node.value not in (0, 1)
        and id(node) not in structural
    ]


def test_no_policy_number_in_python_code() -> None:
    """Standards, ratios, ages, grades and periods live in parameters.yaml, never in the code."""
    found = {p.name: _numbers_in(p) for p in PACKAGE.glob("*.py")}
    assert {name: nums for name, nums in found.items() if nums} == {}
