"""The ONE mapping from the reader's ``HouseholdState`` onto the eligibility engine's ``Household`` input.

A range (七十多岁, 一千多块) is never collapsed into a silent point: the household is built twice, at the
low and at the high end of every range, and ``screening.screen`` reports a status only where both agree.
Facts said of everyone (家里没人有残疾证) fill the members not described otherwise; a household size larger
than the people named adds members whose facts are unknown; a whole-household income is the applicant's
share of the total with the others' stated as included in it (an inference, marked as such).
"""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from assistant.understanding.state import Fact, HouseholdState, Person, Quantity
from assistant.understanding.tables import people

End = Literal["low", "high"]


def _q(f: Fact[Quantity] | None, end: End) -> float | None:
    if f is None:
        return None
    return f.value.min if end == "low" else f.value.max


def _label(p: Person, s: HouseholdState) -> str:
    """The member as the speaker named them (我妈, 老伴), unique within the household; the key otherwise."""
    label = p.label or p.key
    same = [q for q in s.present() if q.label == label]
    return label if len(same) == 1 else f"{label}{same.index(p) + 1}"


def _member(p: Person, s: HouseholdState, end: End, index: int) -> dict[str, Any]:
    rel = p.relation.value if p.relation else ("self" if index == 0 else "other")
    m: dict[str, Any] = {"id": _label(p, s), "relation": people().engine_relation.get(rel, "other")}
    age = _q(p.age, end)
    if age is not None:
        m["age"] = int(age)
    if p.disability is not None:
        d = p.disability.value.model_dump(exclude_none=True)
        if d:
            m["disability"] = d
    elif s.everyone.no_disability is not None or _counted_without_disability(p, s):
        m["disability"] = {"category": "none"}
    if p.serious_illness is not None:
        m["serious_illness"] = p.serious_illness.value
    elif s.everyone.no_serious_illness is not None:
        m["serious_illness"] = False
    for name in ("needs_long_term_care", "student", "legal_supporters", "priority_care_recipient"):
        f = getattr(p, name)
        if f is not None:
            m[name] = f.value
    if p.parents_situation is not None:
        m["parents_situation"] = list(p.parents_situation.value)
    income = _q(p.income_yearly, end)
    if income is not None:
        m["income_yearly"] = income
    excluded = _q(p.income_excluded_yearly, end)
    if excluded is not None:
        m["income_excluded_yearly"] = excluded
    return m


def disability_told(s: HouseholdState) -> list[Person]:
    """The members whose disability was described (有残疾证，肢体三级). Spec §4 asks the household once
    (家里有没有人持有残疾证？) and records the others as none: describing someone's disability answers it."""
    return [p for p in s.present() if p.disability is not None and p.disability.how != "inferred"
            and (p.disability.value.category not in (None, "none") or p.disability.value.certified)]


def _counted_without_disability(p: Person | None, s: HouseholdState) -> bool:
    """A member not described, in a household where someone's disability was: none, unless they need
    long-term care (then the disability is what is asked)."""
    if p is not None and (p.disability is not None or (p.needs_long_term_care and p.needs_long_term_care.value)):
        return False
    return bool(disability_told(s))


def surplus(s: HouseholdState) -> int:
    """How many more people were named than the household size said (五口人 … seven people read): 0 when
    they agree or no size was said. Someone was read twice or counted wrongly; who is unknown."""
    size = s.household_size
    if size is None or size.how == "inferred":
        return 0
    return max(0, len(s.present()) - size.value)


def _facts(p: Person) -> int:
    return sum(1 for name in type(p).model_fields if isinstance(getattr(p, name), Fact) and name != "relation")


def to_household(s: HouseholdState, end: End = "low", today: date | None = None,
                 fit: bool = False) -> dict[str, Any] | None:
    """The engine's household JSON at one end of the ranges; None when nobody is described yet. ``fit``:
    with more people read than the stated household size, keep the applicant and the best-described others
    up to that size (the other reading of an inconsistent household, screened beside the full one)."""
    present = s.present()
    if not present:
        return None
    app = s.person(s.applicant)
    order = ([app] if app and app.member else []) + [p for p in present if p is not app]
    extra = surplus(s) if fit else 0
    if extra:
        keep = sorted(order[1:], key=_facts, reverse=True)[: len(order) - 1 - extra]
        order = order[:1] + [p for p in order[1:] if p in keep]
    members = [_member(p, s, end, i) for i, p in enumerate(order)]
    size = s.household_size.value if s.household_size else None
    if size is not None and size > len(members):
        for i in range(len(members), size):
            filler: dict[str, Any] = {"id": f"x{i + 1}", "relation": "other"}
            # a member only counted (五口人) still shares what was said of everyone (家里没人有残疾)
            if s.everyone.no_disability is not None or _counted_without_disability(None, s):
                filler["disability"] = {"category": "none"}
            if s.everyone.no_serious_illness is not None:
                filler["serious_illness"] = False
            members.append(filler)
    total = _q(s.household_income_yearly, end)
    if total is None and s.per_capita_income_yearly is not None:
        per = _q(s.per_capita_income_yearly, end)
        total = per * len(members) if per is not None else None
    if total is not None:
        _share_total(total, order, members, s, end)
    h: dict[str, Any] = {"members": members}
    if s.region is not None:
        h["region"] = s.region.value.model_dump(exclude_none=True)
    if s.area is not None:
        h["area"] = s.area.value
    if s.year is not None:
        h["date"] = f"{s.year.value}-12-31" if not today or s.year.value != today.year else today.isoformat()
    assets = s.assets_within_limit.value if s.assets_within_limit else None
    if assets is not None:
        h["assets_within_limit"] = assets
    for name in ("income_excluded_yearly", "rigid_expenses_yearly", "employment_costs_yearly"):
        v = _q(getattr(s, name), end)
        if v is not None:
            h[name] = v
    status = {k: getattr(s.status, k).value for k in type(s.status).model_fields if getattr(s.status, k)}
    if status:
        h["status"] = status
    hardship = s.event.severe_hardship
    if s.event.kind is not None or (hardship is not None and hardship.value is False):
        # 基本生活没问题 with no event named: whatever happened left no severe hardship, which is all that the
        # event decides (临时救助, the monitoring shock route), so it screens as no sudden event of consequence
        event: dict[str, Any] = {"kind": s.event.kind.value if s.event.kind is not None else "none"}
        for name in ("severe_hardship", "in_home_region"):
            f = getattr(s.event, name)
            if f is not None:
                event[name] = f.value
        h["event"] = event
    local = {k: getattr(s.local, k).value for k in type(s.local).model_fields if getattr(s.local, k)}
    if local:
        h["local_parameters"] = local
    return h


def _share_total(total: float, order: list[Person], members: list[dict[str, Any]], s: HouseholdState,
                 end: End) -> None:
    """Spread a whole-household income over the engine's members. A member's own income said after the total
    is apart from it and stays with that member; one said before it (in an earlier message, or earlier in the
    same one) is part of it (the total is its sum), unless the total is smaller than those parts together, when it cannot contain them and is the
    income of the others. What the total contains is booked on the applicant, with its non-counted items."""
    whole = s.household_income_yearly

    def earlier(f: Fact) -> bool:  # said before the total: in an earlier message, or earlier in its message
        if whole is None or f.message != whole.message:
            return whole is not None and f.message < whole.message
        return f.at is not None and whole.at is not None and f.at < whole.at  # 儿子挣两万二…加起来两万五

    said = [(p, m) for p, m in zip(order, members, strict=False) if p.income_yearly is not None]
    before = sum(_q(p.income_yearly, end) or 0.0 for p, _ in said if earlier(p.income_yearly))
    apart = {id(m) for p, m in said if not earlier(p.income_yearly) or total < before}
    head = members[0]
    inside = [m for m in members if id(m) not in apart]
    excluded = sum(m.get("income_excluded_yearly", 0.0) for m in inside)
    if id(head) in apart:
        head["income_yearly"] = head.get("income_yearly", 0.0) + total
        head["income_excluded_yearly"] = head.get("income_excluded_yearly", 0.0) + excluded
    else:
        head["income_yearly"] = total
        if excluded:
            head["income_excluded_yearly"] = min(excluded, total)
    for m in inside:
        if m is not head:
            m["income_yearly"] = 0.0  # included in the whole household's income
            m.pop("income_excluded_yearly", None)


def ranged(s: HouseholdState) -> list[str]:
    """The facts said as a range (their paths), for the answer and the next question."""
    out = []
    for name in ("household_income_yearly", "per_capita_income_yearly", "rigid_expenses_yearly",
                 "employment_costs_yearly", "income_excluded_yearly"):
        f = getattr(s, name)
        if f is not None and not f.value.exact:
            out.append(name)
    for p in s.present():
        for name in ("age", "income_yearly", "income_excluded_yearly"):
            f = getattr(p, name)
            if f is not None and not f.value.exact:
                out.append(f"{p.key}.{name}")
    return out
