"""The citizen's view of a screening: one line per likely program, income beside the standard, and at most a
few merged follow-up questions (spec §5), each asked once for the household. Never asks for a local standard.

The questions are typed (``CitizenQuestion``) so a form can answer them inline and screen again; which engine
field is asked by which household question lives in guidance.yaml (``citizen_questions``).
"""

from __future__ import annotations

import re
from typing import Any

from pydantic import BaseModel, Field

from .context import guidance
from .logic import fmt
from .results import ScreeningResult

_MEMBER = re.compile(r"^members\[(\d+)\]\.")
STATUS_ORDER = ("meets", "needs_info", "does_not_meet")


class AskedMember(BaseModel):
    index: int
    label: str


class CitizenQuestion(BaseModel):
    id: str
    text: str
    kind: str  # choice | yesno | numbers | members_number | members_check | members_choice | disability | parents
    fields: list[str]  # engine fields it answers (members[i].x for member questions)
    members: list[AskedMember] = Field(default_factory=list)
    options: list[list[str]] = Field(default_factory=list)
    labels: dict[str, str] = Field(default_factory=dict)
    programs: list[str] = Field(default_factory=list)  # programs the answer can decide


class CitizenLine(BaseModel):
    program: str
    title: str
    who: str
    monthly: float | None = None
    yearly: float | None = None
    apply: str
    next_steps: list[str] = Field(default_factory=list)  # where to apply, what to bring, time limits
    help: str


class CitizenIncome(BaseModel):
    per_capita: float | None  # None while a range
    low: float
    high: float | None
    standard: float | None
    text: str
    standard_note: str = ""  # where the local standard is unknown: it decides, and who to ask


class CitizenView(BaseModel):
    region: str
    date: str
    headline: str
    lines: list[CitizenLine]
    not_stacked: list[str]
    income: CitizenIncome | None
    questions: list[CitizenQuestion]
    more_questions: int  # questions left for the caseworker after the first few
    programs: list[dict[str, Any]]
    notes: list[str]
    disclaimer: str


def _slot(field: str) -> tuple[str, int | None]:
    match = _MEMBER.match(field)
    if match:
        return f"members[].{field[match.end():]}", int(match.group(1))
    return field, None


def questions(result: ScreeningResult) -> list[CitizenQuestion]:
    """Every open question, merged per household question, most decisive first."""
    table = guidance()["citizen_questions"]
    labels = dict(enumerate(result.member_labels))
    by_field = {f: entry for entry in table for f in entry["fields"]}
    merged: dict[str, CitizenQuestion] = {}
    for p in result.results:
        if p.status != "needs_info":
            continue
        for fact in p.missing:
            slot, index = _slot(fact.field)
            entry = by_field.get(slot)
            if entry is None:  # local standards and ratios: never asked of a citizen
                continue
            q = merged.get(entry["id"])
            if q is None:
                q = merged[entry["id"]] = CitizenQuestion(
                    id=entry["id"], text=entry["text"], kind=entry["kind"], fields=[],
                    options=entry.get("options", []), labels=entry.get("labels", {}),
                )
            if fact.field not in q.fields:
                q.fields.append(fact.field)
            if index is not None and all(m.index != index for m in q.members):
                q.members.append(AskedMember(index=index, label=labels.get(index, f"成员{index + 1}")))
            if p.program not in q.programs:
                q.programs.append(p.program)
    order = [entry["id"] for entry in table]
    return sorted(merged.values(), key=lambda q: (-len(q.programs), order.index(q.id)))


def citizen_view(result: ScreeningResult) -> CitizenView:
    g = guidance()
    status_labels = g["labels"]["status_citizen"]
    summary = result.summary
    superseded = g["superseded"]
    likely_programs = {line.program for line in summary.likely} if summary else set()
    by = {p.program: p for p in result.results}
    lines = []
    for line in summary.likely if summary else []:
        guide = g["programs"][line.program]
        lines.append(CitizenLine(
            program=line.program, title=line.title, who=line.who, monthly=line.monthly, yearly=line.yearly,
            apply=guide.get("apply", g["apply_general"]), next_steps=by[line.program].next_steps, help=g["ask_help"],
        ))
    programs = []
    for p in sorted(result.results, key=lambda r: STATUS_ORDER.index(r.status)):
        unmet: list[str] = []
        if p.status == "does_not_meet":
            if p.program in superseded and "dibao" in likely_programs:
                unmet = [superseded[p.program]]
            else:
                unmet = list(dict.fromkeys(s.plain or s.what for s in p.steps if s.passed is False))
        programs.append({
            "program": p.program,
            "title": p.title,
            "plain": g["programs"][p.program]["plain"],
            "status": p.status,
            "status_label": status_labels[p.status],
            "likely": p.program in likely_programs,
            "estimate": {"monthly": p.estimate.monthly, "yearly": p.estimate.yearly} if p.estimate else None,
            "unmet": unmet,
            "next_steps": p.next_steps,
            "notes": p.notes if p.status != "does_not_meet" else [],
        })
    asked = questions(result)
    limit = g["citizen_questions_max"]
    return CitizenView(
        region=result.region,
        date=result.date.isoformat(),
        headline=summary.headline if summary else "",
        lines=lines,
        not_stacked=summary.not_stacked if summary else [],
        income=_income(result),
        questions=asked[:limit],
        more_questions=max(len(asked) - limit, 0),
        programs=programs,
        # a citizen was never asked for a date: today's parameters need no note
        notes=[n for n in result.notes if n != result.date_note and n not in result.parameter_notes],
        disclaimer=result.disclaimer,
    )


def _income(result: ScreeningResult) -> CitizenIncome | None:
    inc = result.income
    if inc is None:
        return None
    g = guidance()
    use = next(
        (u for u in result.parameters if u.name.endswith("dibao_standard_yearly") and u.name.startswith(result.area or "-")),
        None,
    )
    standard = use.used.value if use is not None else None
    exact = inc.per_capita_high is not None and inc.per_capita_high == inc.per_capita_low
    if exact:
        shown = fmt(inc.per_capita_low)
    elif inc.per_capita_high is None:
        shown = f"不少于{fmt(inc.per_capita_low)}" if inc.per_capita_low else ""
    else:
        # the gross figure is what a citizen recognises; deductions can only lower it
        shown = f"{fmt(inc.per_capita_high)}{g['income_before_deductions']}"
    versus = g["income_versus"].format(standard=fmt(standard)) if standard is not None else ""
    if use is not None and use.used.stale and use.used.effective_from is not None:
        versus += g["income_stale"].format(year=use.used.effective_from.year)
    return CitizenIncome(
        per_capita=inc.per_capita_low if exact else None,
        low=inc.per_capita_low,
        high=inc.per_capita_high,
        standard=float(standard) if standard is not None else None,
        text=g["income_line"].format(income=shown, versus=versus) if shown else g["income_unknown"],
        standard_note="" if standard is not None else g["standard_unknown"],
    )
