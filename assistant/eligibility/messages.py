"""Turn a pydantic ValidationError on household input into plain Chinese messages."""

from __future__ import annotations

from pydantic import ValidationError

LABELS = {
    "region": "地区",
    "province": "省份",
    "prefecture": "地市",
    "county": "县区",
    "area": "城乡类别",
    "date": "日期",
    "members": "家庭成员",
    "id": "成员编号",
    "relation": "与申请人关系",
    "age": "年龄",
    "disability": "残疾情况",
    "category": "残疾类别",
    "grade": "残疾等级",
    "certified": "是否持残疾人证",
    "serious_illness": "是否患重病",
    "needs_long_term_care": "是否需要长期照护",
    "student": "在读情况",
    "income_yearly": "年收入",
    "legal_supporters": "法定赡养/抚养/扶养人情况",
    "parents_situation": "父母情况",
    "priority_care_recipient": "是否重点优抚对象",
    "income_excluded_yearly": "不计入收入的款项",
    "rigid_expenses_yearly": "刚性支出",
    "employment_costs_yearly": "就业成本",
    "assets_within_limit": "财产是否在限额内",
    "status": "现有救助身份",
    "dibao": "是否低保对象",
    "tekun": "是否特困人员",
    "poverty_alleviated": "是否脱贫人口",
    "monitored": "是否防返贫监测对象",
    "event": "突发事件",
    "kind": "事件类型",
    "severe_hardship": "是否导致基本生活严重困难",
    "in_home_region": "是否在户籍地发生",
    "local_parameters": "当地参数",
    "facts": "事实来源",
    "dibao_standard_yearly": "当地低保标准",
    "rural_dibao_standard_yearly": "当地农村低保标准",
    "urban_dibao_standard_yearly": "当地城市低保标准",
    "tekun_standard_yearly": "当地特困人员基本生活标准",
    "low_income_edge_ratio": "低保边缘倍数",
    "edge_ratio": "低保边缘倍数",
    "edge_line_yearly": "当地低保边缘收入线",
    "low_income_monitoring_threshold_yearly": "当地监测收入线",
}

_TYPE_MESSAGES = {
    "missing": "缺少此项",
    "extra_forbidden": "无法识别的字段，请检查拼写",
    "int_type": "应为整数",
    "int_parsing": "应为整数",
    "int_from_float": "应为整数",
    "float_type": "应为数字",
    "float_parsing": "应为数字",
    "bool_type": "应为 true 或 false",
    "bool_parsing": "应为 true 或 false",
    "string_type": "应为文字",
    "list_type": "应为列表",
    "model_type": "应为对象（{…}）",
    "model_attributes_type": "应为对象（{…}）",
    "dict_type": "应为对象（{…}）",
    "date_type": "应写成“年-月-日”，例如2020-06-01",
    "date_parsing": "应写成“年-月-日”，例如2020-06-01",
    "date_from_datetime_parsing": "应写成“年-月-日”，例如2020-06-01",
    "date_from_datetime_inexact": "应写成“年-月-日”，例如2020-06-01",
    "too_short": "至少需要一项",
    "string_unicode": "含有无法识别的字符，请重新输入",
}


def field_path(loc: tuple[int | str, ...]) -> str:
    path = ""
    for part in loc:
        if isinstance(part, int):
            path += f"[{part}]"
        else:
            path += f".{part}" if path else str(part)
    return path


def _message(error: dict) -> str:
    kind = error["type"]
    ctx = error.get("ctx") or {}
    if kind == "value_error":
        return str(ctx.get("error", error["msg"]))
    if kind == "literal_error":
        return f"应为以下之一：{ctx.get('expected', '')}"
    if kind == "greater_than_equal":
        return "不能为负数" if ctx.get("ge") == 0 else f"不能小于{ctx.get('ge')}"
    if kind == "greater_than":
        return f"应大于{ctx.get('gt')}"
    if kind == "less_than_equal":
        le = ctx.get("le")
        shown = int(le) if isinstance(le, float) and le.is_integer() else le
        return f"不能大于{shown}，请核对是否多写了位数"
    if kind == "finite_number":
        return "应为正常的数字"
    if kind == "too_long":
        if error.get("input") is not None and isinstance(error["input"], str):
            return f"最多{ctx.get('max_length')}个字"
        return f"最多{ctx.get('max_length')}项"
    if kind == "string_too_long":
        return f"最多{ctx.get('max_length')}个字"
    if kind in _TYPE_MESSAGES:
        return _TYPE_MESSAGES[kind]
    return f"填写有误（{error['msg']}）"


def validation_messages(error: ValidationError) -> list[str]:
    """One message per problem, e.g. ``members[0].age：年龄应在0到150之间``."""
    messages = []
    for item in error.errors():
        loc = tuple(item["loc"])
        path = field_path(loc) or "家庭信息"
        names = [part for part in loc if isinstance(part, str)]
        label = LABELS.get(names[-1], "") if names else ""
        text = _message(item)
        # a custom message already names the field; a generic one gets the label first
        if label and item["type"] != "value_error" and item["type"] != "extra_forbidden":
            text = f"{label}{text}"
        messages.append(f"{path}：{text}")
    return messages


class HouseholdInputError(ValueError):
    """Household input that cannot be screened; ``messages`` are ready to show a citizen."""

    def __init__(self, messages: list[str]):
        super().__init__("家庭信息填写有误：\n" + "\n".join(messages))
        self.messages = messages
