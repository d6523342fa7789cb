"""Parameters as data: region and date lookup, aliases, averages, caller-supplied values, no numbers in code."""

from __future__ import annotations

import ast
from datetime import date
from pathlib import Path

import pytest

from assistant.eligibility import bases as b
from assistant.eligibility import check_household
from assistant.eligibility.parameters import ParameterFileError, table
from assistant.eligibility.regions import RegionConflict, resolve
from indexer.settings import Settings

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
    # amended 2026-12-01: a national default at any date
    assert lookup("low_income_edge_ratio", "山东省", on="2023-06-01").value == 1.5
    assert lookup("low_income_edge_ratio", "山东省", on="2015-06-01").default
    assert lookup("low_income_edge_line_yearly", "四川省", "凉山", on="2022-06-01").value == 8640
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
                  local_parameters={"dibao_standard_yearly": 6000, "edge_ratio": 1.5,
                                    "low_income_monitoring_threshold_yearly": 8000})
    ).get("low_income_monitoring")
    assert result.caller_supplied == ["low_income_edge_ratio", "rural_dibao_standard_yearly",
                                      "low_income_monitoring_threshold_yearly"]
    edge, line = (s for s in result.steps if s.caller_supplied)
    assert edge.threshold == 9000 and "倍数1.5（调用方提供" in edge.note
    uses = {u.name: u for u in check_household(household(SHANDONG, [member(income_yearly=7000)], date="2023-06-01",
            local_parameters={"dibao_standard_yearly": 6000, "edge_ratio": 1.5})).parameters}
    assert uses["low_income_edge_ratio"].used.origin == "caller" and uses["low_income_edge_ratio"].other.default
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


GUIZHOU = {"province": "贵州省", "prefecture": "黔东南苗族侗族自治州", "county": "榕江县"}


def test_a_stale_table_value_gives_way_to_the_caseworkers_value_and_both_are_shown() -> None:
    """Done means: a 2025 贵州 household with the caseworker's 6000 is screened against 6000, 4500 shown stale."""
    two = [member(income_yearly=5000), member(id="p2", relation="spouse", income_yearly=5000)]
    result = check_household(household(GUIZHOU, two, date="2025-06-01",
                                       local_parameters={"dibao_standard_yearly": 6000}))
    dibao = result.get("dibao")
    assert dibao.status == "meets" and dibao.steps[0].threshold == 6000
    use = next(u for u in result.parameters if u.name == "rural_dibao_standard_yearly")
    assert use.used.origin == "caller" and use.used.value == 6000
    assert use.other.value == 4500 and use.other.stale and use.other.valid_until.isoformat() == "2020-12-31"
    assert any("4500" in note and "过期" in note for note in result.notes)


def test_a_current_table_value_decides_and_the_callers_is_shown_beside_it() -> None:
    result = check_household(household(FENGNING, [member(income_yearly=5000)],
                                       local_parameters={"dibao_standard_yearly": 9999}))
    use = next(u for u in result.parameters if u.name == "rural_dibao_standard_yearly")
    assert use.used.origin == "table" and use.used.value == 4800 and not use.used.stale
    assert use.other.origin == "caller" and use.other.value == 9999


def test_a_table_value_past_its_year_is_used_but_flagged() -> None:
    result = check_household(household(FENGNING, [member(income_yearly=3000)], date="2026-03-01"))
    assert result.get("dibao").status == "meets"
    use = next(u for u in result.parameters if u.name == "rural_dibao_standard_yearly")
    assert use.used.stale and use.used.value == 4800 and use.other is None
    assert any("2020年的值" in note and "可能已经调整" in note for note in result.notes)


def test_an_office_adds_its_region_as_a_data_file(tmp_path) -> None:
    (tmp_path / "office.yaml").write_text(
        "region: 济南市\n"
        "parameters:\n"
        "  rural_dibao_standard_yearly:\n"
        "    label: 农村低保标准\n"
        "    unit: 元/人·年\n"
        "    values:\n"
        "      2023-01-01:\n"
        "        value: 7200\n"
        "        reference: {quote: 农村低保标准提高到每人每年7200元, document: 济南市民政局通知}\n",
        encoding="utf-8",
    )
    settings = Settings(eligibility_parameter_dirs=[tmp_path])
    result = check_household(household(SHANDONG, [member(income_yearly=7000)], date="2023-06-01"), settings=settings)
    assert result.get("dibao").status == "meets" and result.get("dibao").steps[0].threshold == 7200
    # the office's quote is not in the indexed corpus: the value is used, the basis is flagged
    assert any("7200" in w for w in result.warnings)
    assert check_household(household(SHANDONG, [member(income_yearly=7000)], date="2023-06-01")).get(
        "dibao").status == "needs_info"


def test_a_parameter_file_that_breaks_the_schema_is_named(tmp_path) -> None:
    (tmp_path / "bad.yaml").write_text("region: 济南市\nparameters:\n  x:\n    label: x\n    unit: 元\n    values: {}\n",
                                       encoding="utf-8")
    with pytest.raises(ParameterFileError, match="bad.yaml"):
        check_household(household(SHANDONG), settings=Settings(eligibility_parameter_dirs=[tmp_path]))
