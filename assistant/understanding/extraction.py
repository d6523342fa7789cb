"""Household extraction by a configured chat model: structured output into the same typed state.

The schema the model fills is generated from pydantic (every field described in Chinese, enums listed as
JSON-schema enums); what it returns is merged into ``HouseholdState`` with the message as provenance. A model
that returns nothing usable (an invalid object, a failed call) leaves the offline reader's reading in place.
"""

from __future__ import annotations

import logging
from typing import Any, Literal

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import HumanMessage, SystemMessage
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from assistant.understanding.state import (
    Category,
    Disability,
    EventKind,
    Fact,
    HouseholdState,
    IncomeKind,
    ParentSituation,
    Person,
    Quantity,
    RegionValue,
    Relation,
    Student,
    Supporters,
)
from indexer.regions import gazetteer

log = logging.getLogger(__name__)

PROMPT = ("你是民政社会救助的信息抽取助手。只抽取用户本条消息明确说出的家庭情况，没说的字段留空（null），"
          "不要猜测；约数用最小值和最大值表示（如“七十多岁”为70到79），月收入换算成年收入。已记录的成员："
          "{members}")


class _Facts(BaseModel):
    model_config = ConfigDict(extra="forbid")


class MemberFacts(_Facts):
    label: str = Field(description="成员称呼，如“我妈”“老伴”“申请人”；指已记录成员时用其原称呼")
    relation: Relation | None = Field(None, description="与申请人的关系")
    age_min: int | None = Field(None, description="年龄下限（周岁）；确切年龄时与上限相同")
    age_max: int | None = Field(None, description="年龄上限（周岁）")
    income_yearly_min: float | None = Field(None, description="本人年收入下限（元/年）")
    income_yearly_max: float | None = Field(None, description="本人年收入上限（元/年）")
    income_kind: IncomeKind | None = Field(None, description="收入类型")
    disability_category: Category | None = Field(None, description="残疾类别；明确说没有残疾为 none")
    disability_grade: int | None = Field(None, description="残疾等级 1-4（1级最重）")
    serious_illness: bool | None = Field(None, description="是否患重病")
    needs_long_term_care: bool | None = Field(None, description="是否需要长期照护")
    student: Student | None = Field(None, description="在读情况")
    legal_supporters: Supporters | None = Field(None, description="法定赡养/抚养/扶养人：none 没有、unable 有但无能力、able 有且有能力")
    parents_situation: list[ParentSituation | None] | None = Field(None, description="儿童父母情况 [父亲, 母亲]")
    not_in_household: bool | None = Field(None, description="已去世或不同住（不是家庭成员）时为 true")


class HouseholdFacts(_Facts):
    """用户本条消息说出的家庭情况。"""

    members: list[MemberFacts] = Field(default_factory=list, description="本条消息提到的人")
    region: str | None = Field(None, description="所在地区名称（省、市或县，写官方名称）")
    area: Literal["rural", "urban"] | None = Field(None, description="农村 rural / 城市 urban")
    household_size: int | None = Field(None, description="家庭人口数")
    household_income_yearly_min: float | None = Field(None, description="全家年收入下限（元/年）")
    household_income_yearly_max: float | None = Field(None, description="全家年收入上限（元/年）")
    savings_min: float | None = Field(None, description="存款下限（元）；存款是财产，不是收入")
    savings_max: float | None = Field(None, description="存款上限（元）")
    assets_within_limit: bool | None = Field(None, description="家庭财产是否在当地限额以内")
    year: int | None = Field(None, description="按哪一年的标准预审")
    dibao_standard_yearly: float | None = Field(None, description="用户说出的当地低保标准（元/年）")
    on_dibao: bool | None = Field(None, description="目前是否正在享受低保")
    on_tekun: bool | None = Field(None, description="目前是否为特困供养人员")
    event: EventKind | None = Field(None, description="近期突发事件类型；明确说没有为 none")
    severe_hardship: bool | None = Field(None, description="突发事件是否导致基本生活严重困难")


def extract(model: BaseChatModel, message: str, state: HouseholdState) -> HouseholdFacts | None:
    """The model's structured reading of ``message``; None when it gives nothing valid."""
    members = "、".join(p.label for p in state.present()) or "无"
    try:
        structured = model.with_structured_output(HouseholdFacts, method="function_calling")
        out = structured.invoke([SystemMessage(PROMPT.format(members=members)), HumanMessage(message)])
    except (ValidationError, ValueError) as error:
        log.info("structured household extraction gave nothing usable: %s", error)
        return None
    return out if isinstance(out, HouseholdFacts) else None


def _range(low: float | None, high: float | None) -> Quantity | None:
    if low is None and high is None:
        return None
    lo = low if low is not None else high
    hi = high if high is not None else low
    assert lo is not None and hi is not None
    return Quantity(min=min(lo, hi), max=max(lo, hi))


def apply(state: HouseholdState, facts: HouseholdFacts, message: str) -> tuple[HouseholdState, list[str]]:
    """``facts`` merged into a copy of ``state`` (provenance: this message); the slot paths it set."""
    s = state.model_copy(deep=True)
    index = max(s.messages - 1, 0)
    changed: list[str] = []

    def put(owner: Any, name: str, value: Any, path: str) -> None:
        if value is None:
            return
        old = getattr(owner, name)
        if old is not None and old.value == value:
            return
        setattr(owner, name, Fact[Any](value=value, how="corrected" if old is not None else "stated",
                                       message=index, words=message[:40]))
        changed.append(path)

    for m in facts.members:
        # the same person however the model spells the name (母亲 / 我母亲)
        p = next((x for x in s.members if x.label == m.label), None) or next(
            (x for x in s.members if x.label and (x.label in m.label or m.label in x.label)), None)
        if p is None:
            p = s.new_person(m.label, None)
            if s.applicant is None:
                s.applicant = p.key
        put(p, "relation", m.relation, f"{p.key}.relation")
        put(p, "age", _range(m.age_min, m.age_max), f"{p.key}.age")
        put(p, "income_yearly", _range(m.income_yearly_min, m.income_yearly_max), f"{p.key}.income_yearly")
        for name in ("income_kind", "serious_illness", "needs_long_term_care", "student", "legal_supporters",
                     "parents_situation"):
            put(p, name, getattr(m, name), f"{p.key}.{name}")
        if m.disability_category is not None or m.disability_grade is not None:
            put(p, "disability", Disability(category=m.disability_category, grade=m.disability_grade),
                f"{p.key}.disability")
        if m.not_in_household:
            put(p, "gone", "apart", f"{p.key}.gone")
    if facts.region:
        name = gazetteer().most_specific(facts.region)
        if name:
            path = gazetteer().path(name)
            put(s, "region", RegionValue(**{k: v for k, v in path.items() if v}), "region")
    put(s, "area", facts.area, "area")
    put(s, "household_size", facts.household_size, "household_size")
    put(s, "household_income_yearly", _range(facts.household_income_yearly_min, facts.household_income_yearly_max),
        "household_income_yearly")
    put(s, "assets_amount", _range(facts.savings_min, facts.savings_max), "assets_amount")
    put(s, "assets_within_limit", facts.assets_within_limit, "assets_within_limit")
    put(s, "year", facts.year, "year")
    put(s.local, "dibao_standard_yearly", facts.dibao_standard_yearly, "local_parameters.dibao_standard_yearly")
    put(s.status, "dibao", facts.on_dibao, "status.dibao")
    put(s.status, "tekun", facts.on_tekun, "status.tekun")
    put(s.event, "kind", facts.event, "event.kind")
    put(s.event, "severe_hardship", facts.severe_hardship, "event.severe_hardship")
    if s.members and s.applicant is None:
        s.applicant = s.members[0].key
    app = s.person(s.applicant)
    if app is not None and app.relation is None:
        app.relation = Fact[Any](value="self", how="inferred", message=index, words=app.label)
    return s, changed


__all__ = ["HouseholdFacts", "MemberFacts", "Person", "apply", "extract"]
