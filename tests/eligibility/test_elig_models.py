"""Input validation: bad households are rejected with Chinese messages naming the field."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from assistant.eligibility import Household, HouseholdInputError, check_household, validation_messages
from assistant.eligibility.cli_command import check_command

from .helpers import elder_fengning, household, member


def messages_for(data: dict) -> list[str]:
    with pytest.raises(ValidationError) as caught:
        Household.model_validate(data)
    return validation_messages(caught.value)


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"age": 300}, "members[0].age：年龄应在0到150之间"),
        ({"age": -1}, "members[0].age：年龄应在0到150之间"),
        ({"age": "72"}, "members[0].age：年龄应为整数"),
        ({"income_yearly": -5}, "members[0].income_yearly：年收入不能为负数"),
        ({"income_yearly": "1200"}, "members[0].income_yearly：年收入应为数字"),
        ({"relation": "cousin"}, "members[0].relation：与申请人关系应为以下之一"),
        ({"disability": {"category": "physical", "grade": 5, "certified": True}}, "members[0].disability.grade：残疾等级应为1到4级"),
        ({"disability": {"category": "wings"}}, "members[0].disability.category：残疾类别应为以下之一"),
        ({"serious_illness": "yes"}, "members[0].serious_illness：是否患重病应为 true 或 false"),
        ({"nickname": "老王"}, "members[0].nickname：无法识别的字段"),
        ({"parents_situation": ["normal", "normal", "deceased"]}, "members[0].parents_situation：父母情况最多填写2项"),
    ],
)
def test_member_errors_name_the_field(change: dict, expected: str) -> None:
    found = messages_for(household(members=[member(**change)]))
    assert any(text.startswith(expected) for text in found), found


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"members": []}, "members：家庭成员至少需要一项"),
        ({"area": "suburb"}, "area：城乡类别应为以下之一"),
        ({"date": "2020/06/01"}, "date：日期应写成“年-月-日”"),
        ({"date": 20200601}, "date：日期应写成“年-月-日”"),
        ({"assets_within_limit": 1}, "assets_within_limit：财产是否在限额内应为 true 或 false"),
        ({"rigid_expenses_yearly": -1}, "rigid_expenses_yearly：刚性支出不能为负数"),
        ({"event": {"kind": "meteor"}}, "event.kind：事件类型应为以下之一"),
        ({"local_parameters": {"dibao_standard": 5000}}, "local_parameters.dibao_standard：无法识别的字段"),
        ({"local_parameters": {"dibao_standard_yearly": 0}}, "local_parameters.dibao_standard_yearly：当地低保标准应大于0"),
        ({"status": {"dibao": "no"}}, "status.dibao：是否低保对象应为 true 或 false"),
        ({"region": {"province": "贵州省", "county": "丰宁满族自治县"}}, "region：丰宁满族自治县不属于贵州省"),
        ({"extra": 1}, "extra：无法识别的字段"),
    ],
)
def test_household_errors_name_the_field(change: dict, expected: str) -> None:
    data = household()
    data.update(change)
    found = messages_for(data)
    assert any(text.startswith(expected) for text in found), found


def test_duplicate_member_ids_are_rejected() -> None:
    found = messages_for(household(members=[member(), member()]))
    assert found == ["家庭信息：成员编号（id）不能重复"]


def test_missing_member_ids_are_numbered() -> None:
    h = Household.model_validate(household(members=[member(id=None), member(id=None)]))
    assert [m.id for m in h.members] == ["p1", "p2"]


def test_check_household_raises_input_error_with_messages() -> None:
    with pytest.raises(HouseholdInputError) as caught:
        check_household(household(members=[member(age=300)]))
    assert caught.value.messages == ["members[0].age：年龄应在0到150之间"]
    assert "家庭信息填写有误" in str(caught.value)


def test_null_and_missing_mean_unknown_not_zero() -> None:
    data = elder_fengning()
    del data["assets_within_limit"]
    del data["status"]
    data["members"][0]["income_yearly"] = None
    h = Household.model_validate(data)
    assert h.assets_within_limit is None and h.status.dibao is None
    dibao = check_household(h).get("dibao")
    assert dibao.status == "needs_info"
    assert {m.field for m in dibao.missing} == {"assets_within_limit", "members[0].income_yearly"}


def test_cli_command_rejects_bad_files(tmp_path) -> None:
    bad_json = tmp_path / "bad.json"
    bad_json.write_text("{not json", encoding="utf-8")
    with pytest.raises(ValueError, match="不是有效的 JSON"):
        check_command(str(bad_json), False, "citizen")
    with pytest.raises(ValueError, match="找不到文件"):
        check_command(str(tmp_path / "none.json"), False, "citizen")
    array = tmp_path / "array.json"
    array.write_text("[]", encoding="utf-8")
    with pytest.raises(HouseholdInputError):
        check_command(str(array), False, "citizen")
    with pytest.raises(ValueError, match="audience"):
        check_command(str(array), False, "mayor")


def test_bounds_are_shown_as_written_and_every_reason_formats() -> None:
    from assistant.eligibility.messages import catalogue

    found = messages_for(household(local_parameters={"edge_ratio": 0}))
    assert found == ["local_parameters.edge_ratio：低保边缘倍数应大于0"]  # not "0.0"
    assert messages_for(household(members=[None])) == ["members[0]：家庭成员应为对象（{…}）"]
    for kind, reason in catalogue().errors.items():  # a placeholder no error carries would raise KeyError
        assert reason.format_map({"ge": 1, "gt": 1, "le": 1, "max_length": 1, "expected": "'a'", "msg": "m"}), kind
