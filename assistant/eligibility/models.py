"""The household JSON shared by the API, the CLI and the test cases.

``None`` (or a missing key) always means "unknown" and is never read as zero or false.
Types are strict: a number given as text, or a key the schema does not know, is rejected
rather than guessed at.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    Strict,
    StrictBool,
    StrictStr,
    field_validator,
    model_validator,
)

from .parameters import table
from .regions import RegionConflict, resolve

Amount = Annotated[float, Strict(), Field(ge=0)]
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
    grade: Annotated[int, Strict()] | None = None
    certified: StrictBool | None = None

    @field_validator("grade")
    @classmethod
    def _grade(cls, grade: int | None) -> int | None:
        grades = table().input_limits["disability_grades"]
        if grade is not None and grade not in grades:
            raise ValueError(f"残疾等级应为{grades[0]}到{grades[-1]}级（{grades[0]}级最重）")
        return grade

    @property
    def none(self) -> bool:
        return self.category == "none"


class Member(_Input):
    id: StrictStr | None = None
    relation: Relation | None = None
    age: Annotated[int, Strict()] | None = None
    disability: Disability | None = None
    serious_illness: StrictBool | None = None
    needs_long_term_care: StrictBool | None = None
    student: Student | None = None
    income_yearly: Amount | None = None
    legal_supporters: Supporters | None = None
    parents_situation: list[ParentSituation | None] | None = None
    priority_care_recipient: StrictBool | None = None

    @field_validator("age")
    @classmethod
    def _age(cls, age: int | None) -> int | None:
        age_max = table().input_limits["age_max"]
        if age is not None and not 0 <= age <= age_max:
            raise ValueError(f"年龄应在0到{age_max}之间")
        return age

    @field_validator("parents_situation")
    @classmethod
    def _parents(cls, value: list | None) -> list | None:
        parents_max = table().input_limits["parents_max"]
        if value is not None and len(value) > parents_max:
            raise ValueError(f"父母情况最多填写{parents_max}项（父亲、母亲各一项）")
        return value


class Region(_Input):
    province: StrictStr | None = None
    prefecture: StrictStr | None = None
    county: StrictStr | None = None

    @model_validator(mode="after")
    def _consistent(self) -> Region:
        try:
            resolve(self.province, self.prefecture, self.county)
        except RegionConflict as conflict:
            raise ValueError(str(conflict)) from conflict
        return self


class Status(_Input):
    dibao: StrictBool | None = None
    tekun: StrictBool | None = None
    poverty_alleviated: StrictBool | None = None
    monitored: StrictBool | None = None


class Event(_Input):
    """``kind: "none"`` states that no sudden event happened (a null event = unknown)."""

    kind: EventKind
    severe_hardship: StrictBool | None = None
    in_home_region: StrictBool | None = None


class LocalParameters(_Input):
    """Values a caseworker supplies where the parameter table has none (labelled caller-supplied)."""

    dibao_standard_yearly: Annotated[float, Strict(), Field(gt=0)] | None = None
    rural_dibao_standard_yearly: Annotated[float, Strict(), Field(gt=0)] | None = None
    urban_dibao_standard_yearly: Annotated[float, Strict(), Field(gt=0)] | None = None
    tekun_standard_yearly: Annotated[float, Strict(), Field(gt=0)] | None = None
    low_income_edge_ratio: Annotated[float, Strict(), Field(gt=0)] | None = None
    low_income_monitoring_threshold_yearly: Annotated[float, Strict(), Field(gt=0)] | None = None


class Household(_Input):
    region: Region = Field(default_factory=Region)
    area: Literal["rural", "urban"] | None = None
    date: dt.date | None = None
    members: list[Member] = Field(min_length=1)
    income_excluded_yearly: Amount | None = None
    rigid_expenses_yearly: Amount | None = None
    employment_costs_yearly: Amount | None = None
    assets_within_limit: StrictBool | None = None
    status: Status = Field(default_factory=Status)
    event: Event | None = None
    local_parameters: LocalParameters = Field(default_factory=LocalParameters)
    facts: Literal["declared", "verified"] = "declared"

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
