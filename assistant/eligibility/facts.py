"""Three-valued readings of member facts shared by several programs."""

from __future__ import annotations

from .logic import Tri, and3
from .models import _LIMITS, Disability, Member

GRADES: list[int] = _LIMITS["disability_grades"]


def at_least(value: float | None, bound: float) -> Tri:
    return None if value is None else value >= bound


def below(value: float | None, bound: float) -> Tri:
    return None if value is None else value < bound


def is_zero(value: float | None) -> Tri:
    return None if value is None else value == 0


def has_disability(member: Member) -> Tri:
    dis = member.disability
    return None if dis is None else not dis.none


def grade_within(dis: Disability | None, limits: dict[str, int], *, certified: bool = True) -> Tri:
    """Disability whose grade is within the limit for its category (``default`` for any category).

    A 多重残疾 certificate gives only the overall grade, so a category-specific limit can
    neither be confirmed nor ruled out from it.
    """
    if dis is None:
        return None
    if dis.none:
        return False
    default = limits.get("default")
    if dis.grade is None:
        # a category all of whose grades are within the limit needs no grade (三、四级智力、精神 included)
        limit = limits.get(dis.category or "", default) if dis.category not in (None, "multiple") else None
        match: Tri = True if limit is not None and limit >= max(GRADES) else None
    elif dis.category is None or dis.category == "multiple":
        if default is not None and dis.grade <= default:
            match = True
        else:
            match = None if dis.grade <= max(limits.values()) else False
    else:
        limit = limits.get(dis.category, default)
        match = limit is not None and dis.grade <= limit
    return and3(dis.certified, match) if certified else match


def describe_disability(dis: Disability | None, labels: dict[str, str]) -> str:
    if dis is None:
        return "残疾情况未知"
    if dis.none:
        return "无残疾"
    category = labels.get(dis.category or "", "类别未知")
    grade = f"{dis.grade}级" if dis.grade is not None else "等级未知"
    cert = {True: "持证", False: "未持证", None: "是否持证未知"}[dis.certified]
    return f"{category}{grade}（{cert}）"
