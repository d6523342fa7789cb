"""Parameter lookup along the region lineage (spec §2): a household placed only at prefecture or province level,
or at a county the table lacks, uses the provincial value, labelled as it is (average, province-wide, stale),
at the screening year asked."""

from __future__ import annotations

import pytest

from assistant.eligibility import check_household

PLACES = [{"province": "贵州省"}, {"prefecture": "毕节市"}, {"province": "贵州省", "prefecture": "毕节市"},
          {"county": "纳雍县"}, {"prefecture": "黔东南州", "county": "榕江县"}]
# (date, value, labelled an average, stale)
YEARS = [("2018-06-01", 3908, True, False), ("2019-06-01", 4220, True, False), ("2020-06-01", 4500, False, False),
         ("2024-06-01", 4500, False, True)]


@pytest.mark.parametrize("place", PLACES)
@pytest.mark.parametrize(("on", "value", "average", "stale"), YEARS)
def test_a_place_below_the_province_uses_the_provincial_value_of_the_year(place, on, value, average, stale) -> None:
    h = {"region": place, "area": "rural", "date": on, "assets_within_limit": True,
         "members": [{"relation": "self", "age": 50, "income_yearly": 4100.0}],
         "income_excluded_yearly": 0.0, "rigid_expenses_yearly": 0.0, "employment_costs_yearly": 0.0}
    result = check_household(h, ["dibao"])
    assert result.region.startswith("贵州省")
    use = next(u for u in result.parameters if u.name == "rural_dibao_standard_yearly")
    assert (use.used.value, use.used.region, use.used.average, use.used.stale) == (value, "贵州省", average, stale)
    assert result.get("dibao").status == ("meets" if value > 4100 else "does_not_meet")
    note = result.get("dibao").steps[0].note
    assert ("平均" in note) == average
    if stale:
        assert any(str(value) in n and "2020" in n for n in result.parameter_notes)
