"""The household JSON shared by the API, the CLI, the chat agent and the test cases (spec §4).

``None`` (or a missing key) always means "unknown" and is never read as zero or false; "no" is
stated explicitly (``{"category": "none"}``, ``{"kind": "none"}``, ``"student": "none"``).
Types are strict: a number given as text, or a key the schema does not know, is rejected
rather than guessed at. Numbers must be finite and plausible, households at most
``input_limits.members_max`` members, texts short and valid Unicode (422, never a 500).
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    AliasChoices,
    BaseModel,
    ConfigDict,
    Field,
    Strict,
    StrictBool,
    StrictStr,
    field_validator,
    model_validator,
)

from .parameters import limits
from .regions import RegionConflict, resolve

_LIMITS = limits()["input_limits"]


def _text(value: str) -> str:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as error:  # a lone surrogate from JSON "\ud800"
        raise ValueError("含有无法识别的字符，请重新输入") from error
    return value


# yearly yuan: finite, not negative, below a plausibility bound
Amount = Annotated[float, Strict(), Field(ge=0, le=_LIMITS["amount_max"], allow_inf_nan=False)]
PositiveAmount = Annotated[float, Strict(), Field(gt=0, le=_LIMITS["amount_max"], allow_inf_nan=False)]
Ratio = Annotated[float, Strict(), Field(gt=0, le=_LIMITS["ratio_max"], allow_inf_nan=False)]
Text = Annotated[StrictStr, Field(max_length=_LIMITS["text_max"]), AfterValidator(_text)]
Relation = Literal["self", "spouse", "child", "parent", "grandparent", "grandchild", "sibling", "other"]
Category = Literal["none", "physical", "visual", "hearing", "speech", "intellectual", "mental", "multiple"]
Student = Literal["none", "compulsory", "senior_high", "vocational", "college"]
Supporters = Literal["none", "unable", "able"]
ParentSituation = Literal[
    "normal", "deceased", "missing", "severe_disability", "serious_illness", "imprisoned", "drug_rehab",
    "restricted", "lost_contact",
]
EventKind = Literal[
    "none", "fire", "traffic_accident", "accident", "serious_illness", "disaster", "expense_surge", "other"
]


class _Input(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Disability(_Input):
    """``category: "none"`` states that the member has no disability (null = unknown)."""

    category: Category | None = None
    """Kind of disability; "none" = no disability, "multiple" = 多重残疾 (only an overall grade)."""
    grade: Annotated[int, Strict()] | None = None
    """1 (most severe) to 4, as on the certificate; null = unknown."""
    certified: StrictBool | None = None
    """Holds a 残疾人证 (second generation)."""

    @field_validator("grade")
    @classmethod
    def _grade(cls, grade: int | None) -> int | None:
        grades = _LIMITS["disability_grades"]
        if grade is not None and grade not in grades:
            raise ValueError(f"残疾等级应为{grades[0]}到{grades[-1]}级（{grades[0]}级最重）")
        return grade

    @property
    def none(self) -> bool:
        return self.category == "none"


class Member(_Input):
    """One person living in the household; every fact may be null (= unknown, asked where it decides)."""

    id: Text | None = None
    """Stable member id (p1, p2 … when not given); unique in the household."""
    relation: Relation | None = None
    """Relation to the applicant (申请人 = "self")."""
    age: Annotated[int, Strict()] | None = None
    """Full years (周岁)."""
    disability: Disability | None = None
    """{"category": "none"} = no disability; null = unknown."""
    serious_illness: StrictBool | None = None
    """Has a serious illness (重病, as locally recognised)."""
    needs_long_term_care: StrictBool | None = None
    """Needs long-term care from others (eating, dressing, moving)."""
    student: Student | None = None
    """School status: "none" = not in school; null = unknown."""
    income_yearly: Amount | None = None
    """All of this member's yearly income in 元 (wages, pensions, farming, business …), gross."""
    income_excluded_yearly: Amount | None = None
    """Part of ``income_yearly`` that does not count (基础养老金, 高龄津贴, 优待抚恤金 …; 《特困人员认定办法》第八条)."""
    legal_supporters: Supporters | None = None
    """法定赡养/抚养/扶养义务人: "none", "unable" (cannot support), "able"."""
    parents_situation: list[ParentSituation | None] | None = None
    """For a child: the two parents' situations (father, mother)."""
    priority_care_recipient: StrictBool | None = None
    """Is a 重点优抚对象 (黑龙江 单人户 route)."""

    @field_validator("age")
    @classmethod
    def _age(cls, age: int | None) -> int | None:
        age_max = _LIMITS["age_max"]
        if age is not None and not 0 <= age <= age_max:
            raise ValueError(f"年龄应在0到{age_max}之间")
        return age

    @model_validator(mode="after")
    def _excluded_within_income(self) -> Member:
        if self.income_excluded_yearly and self.income_yearly is not None and self.income_excluded_yearly > self.income_yearly:
            raise ValueError("不计入收入的款项不能超过本人年收入")
        return self

    @field_validator("parents_situation")
    @classmethod
    def _parents(cls, value: list | None) -> list | None:
        parents_max = _LIMITS["parents_max"]
        if value is not None and len(value) > parents_max:
            raise ValueError(f"父母情况最多填写{parents_max}项（父亲、母亲各一项）")
        return value


class Region(_Input):
    """Where the household's 户籍 (or application) is; any spelling the gazetteer knows, most levels optional."""

    province: Text | None = None
    prefecture: Text | None = None
    county: Text | None = None

    @model_validator(mode="after")
    def _consistent(self) -> Region:
        try:
            resolve(self.province, self.prefecture, self.county)
        except RegionConflict as conflict:
            raise ValueError(str(conflict)) from conflict
        return self


class Status(_Input):
    """What the household already receives or is."""

    dibao: StrictBool | None = None
    """Currently a 低保 household."""
    tekun: StrictBool | None = None
    """Someone in the household is already a recognised 特困人员."""
    poverty_alleviated: StrictBool | None = None
    """脱贫人口."""
    monitored: StrictBool | None = None
    """Already a 防返贫/低收入 monitoring household."""


class Event(_Input):
    """``kind: "none"`` states that no sudden event happened (a null event = unknown)."""

    kind: EventKind
    """fire, traffic_accident, accident, serious_illness, disaster, expense_surge, other; "none" = no event."""
    severe_hardship: StrictBool | None = None
    """The event leaves basic living in severe difficulty (decides 临时救助 and the monitoring shock route)."""
    in_home_region: StrictBool | None = None
    """The emergency happened where the household has its 户籍."""


class LocalParameters(_Input):
    """Local values a caseworker supplies (spec §2): they fill a gap in the parameter table and override a
    stale table value; while the table value is current the table decides and both are shown."""

    dibao_standard_yearly: PositiveAmount | None = None
    """The dibao standard of the household's own area (rural or urban), 元/人·年."""
    rural_dibao_standard_yearly: PositiveAmount | None = None
    """Local rural dibao standard, 元/人·年."""
    urban_dibao_standard_yearly: PositiveAmount | None = None
    """Local urban dibao standard, 元/人·年 (also the base of 贵州's tekun ratio)."""
    tekun_standard_yearly: PositiveAmount | None = None
    """Local 特困人员基本生活标准, 元/人·年."""
    edge_ratio: Ratio | None = Field(default=None, validation_alias=AliasChoices("edge_ratio", "low_income_edge_ratio"))
    """Local 低保边缘 ratio to the dibao standard (national default 1.5)."""
    edge_line_yearly: PositiveAmount | None = None
    """Local 低保边缘 income line itself, 元/人·年 (wins over any ratio)."""
    low_income_monitoring_threshold_yearly: PositiveAmount | None = None
    """Local income line of 低收入人口动态监测, 元/人·年 (like 凉山 8640)."""


class Household(_Input):
    """The people living together and applying together, with the facts that decide."""

    region: Region = Field(default_factory=Region)
    area: Literal["rural", "urban"] | None = None
    """Apply as a rural (农村) or urban (城市) household."""
    date: dt.date | None = None
    """The date the rules and parameters are taken at (default: today)."""
    members: list[Member] = Field(min_length=1, max_length=_LIMITS["members_max"])
    income_excluded_yearly: Amount | None = None
    """Household income items that do not count and belong to no one member (优抚金, 奖励性补助, 救助金 …)."""
    rigid_expenses_yearly: Amount | None = None
    """Rigid spending for illness, disability and schooling (刚性支出), deducted from income."""
    employment_costs_yearly: Amount | None = None
    """Necessary costs of working (就业成本: travel, lodging), deducted from income."""
    assets_within_limit: StrictBool | None = None
    """Savings, vehicles and property are within the local dibao limit."""
    status: Status = Field(default_factory=Status)
    event: Event | None = None
    """A sudden event (临时救助, monitoring shock route); {"kind": "none"} = none; null = unknown."""
    local_parameters: LocalParameters = Field(default_factory=LocalParameters)
    facts: Literal["declared", "verified"] = "declared"
    """Whether the facts are self-declared or verified by 家庭经济状况核对."""

    @field_validator("date", mode="before")
    @classmethod
    def _date(cls, value: object) -> object:
        # only ISO text or a date; a bare number would otherwise be read as a timestamp
        if value is None or isinstance(value, dt.date | str):
            return value
        raise ValueError("日期应写成“年-月-日”，例如2020-06-01")

    @model_validator(mode="after")
    def _member_ids(self) -> Household:
        for index, member in enumerate(self.members):
            if member.id is None:
                member.id = f"p{index + 1}"
        ids = [m.id for m in self.members]
        if len(set(ids)) != len(ids):
            raise ValueError("成员编号（id）不能重复")
        return self
