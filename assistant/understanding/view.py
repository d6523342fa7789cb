"""The household as a table for people: one row per member, then the household's own facts, each cell with
its provenance (the words it came from, stated / inferred / corrected). Also applies a caseworker's edit
of one cell back onto the typed state."""

from __future__ import annotations

import math
from functools import lru_cache
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError

from assistant.understanding.state import Disability, Fact, HouseholdState, Person, Quantity
from assistant.understanding.tables import _DATA, amounts, facts

MEMBER_FIELDS = ["relation", "age", "income_yearly", "income_kind", "disability", "serious_illness",
                 "needs_long_term_care", "student", "legal_supporters", "parents_situation"]
HOUSEHOLD_FIELDS = ["region", "area", "household_size", "household_income_yearly", "per_capita_income_yearly",
                    "assets_amount", "assets_within_limit", "year", "rigid_expenses_yearly",
                    "employment_costs_yearly", "status.dibao", "status.tekun", "status.poverty_alleviated",
                    "status.monitored", "event.kind", "event.severe_hardship", "everyone.no_disability",
                    "everyone.no_serious_illness", "local.dibao_standard_yearly",
                    "local.rural_dibao_standard_yearly", "local.urban_dibao_standard_yearly",
                    "local.tekun_standard_yearly"]


@lru_cache(maxsize=1)
def labels() -> dict[str, dict[str, str]]:
    return yaml.safe_load((_DATA / "labels.yaml").read_text(encoding="utf-8"))


def _text(value: Any, said: bool = False) -> str:
    v = labels()["values"]
    if isinstance(value, Quantity):
        if said and not value.exact:
            return said_range(value)
        return value.label() if value.exact else f"{value.label()}（范围）"
    if isinstance(value, Disability):
        if value.category == "none":
            return v["none"]
        parts = [v.get(value.category or "", "类别未知"), f"{value.grade}级" if value.grade else "",
                 "持证" if value.certified else ""]
        return " ".join(p for p in parts if p)
    if isinstance(value, BaseModel):
        return " ".join(x for x in value.model_dump().values() if x)
    if isinstance(value, list):
        return "、".join(v.get(str(x), "未知") if x else "未知" for x in value)
    if isinstance(value, bool):
        return v["true"] if value else v["false"]
    return v.get(str(value), str(value))


def said_range(q: Quantity) -> str:
    """A range in the words it was said with (60多, 80以上, 不到10000, 约20000), not with bounds the reading
    derived (60–69): a restatement shows the user's own figures only. Other ranges keep both bounds."""
    forms = labels()["said_ranges"]
    num = Quantity.point
    span = q.max - q.min + 1
    if q.min > 0 and span >= 10 and math.log10(span).is_integer() and q.min % span == 0:
        return forms["more"].format(min=num(q.min).label())
    if q.min > 0 and (q.max >= 2 * q.min or q.max == facts().ages.max):
        return forms["over"].format(min=num(q.min).label())
    if q.min == 0:
        top = q.max + 1 if (q.max + 1) % 10 == 0 else q.max
        return forms["under"].format(max=num(top).label())
    mid = (q.min + q.max) / 2
    if math.isclose(q.min, mid * (1 - amounts().about_ratio)) and mid == round(mid):
        return forms["about"].format(mid=num(mid).label())
    return q.label()


def _cell(f: Fact[Any] | None, said: bool = False) -> dict[str, Any] | None:
    if f is None:
        return None
    return {"text": _text(f.value, said), "how": f.how, "how_text": labels()["how"][f.how], "words": f.words,
            "message": f.message}


def _get(s: HouseholdState, path: str) -> Fact[Any] | None:
    owner: Any = s
    *groups, name = path.split(".")
    for g in groups:
        owner = getattr(owner, g)
    return getattr(owner, name)


def table(s: HouseholdState, said: bool = False) -> dict[str, Any]:
    """{columns, members: [{key, label, cells}], household: [{field, label, cell}], pending} for the page."""
    f = labels()["fields"]
    app = s.person(s.applicant)
    order = ([app] if app and app.member else []) + [p for p in s.present() if p is not app]
    members = [{"key": p.key, "label": p.label, "cells": {n: _cell(getattr(p, n), said) for n in MEMBER_FIELDS}}
               for p in order]
    household = [{"field": n, "label": f.get(n, n), "cell": _cell(_get(s, n), said)}
                 for n in HOUSEHOLD_FIELDS if _get(s, n) is not None]
    return {"columns": [{"field": n, "label": f.get(n, n)} for n in MEMBER_FIELDS], "members": members,
            "household": household, "pending": s.pending.model_dump() if s.pending else None}


def summary(s: HouseholdState) -> str:
    """The household as understood, in one sentence (the same cells as the table, ranges as said: the answer's
    guard lets a restatement repeat only figures the user gave)."""
    t = table(s, said=True)
    bits = [f"{f['label']}：{f['cell']['text']}" for f in t["household"]]
    people = []
    for m in t["members"]:
        cells = [f"{c['label']}{m['cells'][c['field']]['text']}" for c in t["columns"]
                 if m["cells"][c["field"]] is not None and c["field"] != "relation"]
        people.append(f"{m['label']}（{'，'.join(cells) or '情况未知'}）")
    return "；".join(bits) + ("；" if bits and people else "") + "；".join(people) + "。"


class Edit(BaseModel):
    """One cell a caseworker corrects: ``person`` (a member key) or none for a household fact."""

    model_config = ConfigDict(extra="forbid")
    person: str | None = None
    field: str
    value: Any


class EditError(ValueError):
    """The edit names an unknown person or field, or a value the field cannot hold (message in Chinese)."""


def apply_edit(s: HouseholdState, edit: Edit) -> HouseholdState:
    """A copy of ``s`` with one cell set (marked corrected); ``value`` None clears it back to unknown."""
    out = s.model_copy(deep=True)
    if edit.person is not None:
        owner: Any = out.person(edit.person)
        if owner is None:
            raise EditError(f"没有编号为 {edit.person} 的家庭成员")
        allowed = [n for n in Person.model_fields if n not in ("key", "label", "speaker", "named", "parent_of")]
        name = edit.field
    else:
        allowed = HOUSEHOLD_FIELDS
        owner = out
        *groups, name = edit.field.split(".")
        for g in groups:
            owner = getattr(owner, g, None)
            if owner is None:
                raise EditError(f"无法修改“{edit.field}”")
    if edit.field not in allowed:
        raise EditError(f"无法修改“{edit.field}”；可修改：{'、'.join(allowed)}")
    value = edit.value
    if value is None or value == "":
        setattr(owner, name, None)
        return out
    if isinstance(value, int | float) and not isinstance(value, bool) and name not in (
            "household_size", "year") and not name.startswith("local") and "standard" not in name:
        value = {"min": float(value), "max": float(value)}
    data = {"value": value, "how": "corrected", "message": max(out.messages - 1, 0), "words": "（手动更正）"}
    annotation = type(owner).model_fields[name].annotation
    fact_type = next(a for a in annotation.__args__ if a is not type(None))  # type: ignore[union-attr]
    try:
        setattr(owner, name, fact_type.model_validate(data))
    except ValidationError as error:
        raise EditError(f"“{edit.field}”的值无效：" + "；".join(e["msg"] for e in error.errors())) from error
    return out
