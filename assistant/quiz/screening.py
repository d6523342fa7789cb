"""The one place the quiz calls the rules engine: a household screened for one program, as the typed
summary case items need. Kept small so a change of the engine's entry point changes only this file."""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel

from indexer.models import Citation
from indexer.settings import Settings


class Condition(BaseModel):
    what: str
    passed: bool | None
    value: float | str | bool | None = None
    threshold: float | str | bool | None = None
    unit: str = ""
    basis: list[Citation] = []  # clauses of the corpus the check rests on
    external: list[str] = []  # regulations outside the corpus


class Average(BaseModel):
    """A parameter the engine took from a provincial average: a stem must say so (no county's standard)."""

    label: str
    value: float
    unit: str


class Stale(BaseModel):
    """A parameter the engine applied past its validity: a stem must say which year's value it uses."""

    label: str
    value: float
    unit: str
    year: int | None
    until: str


class Missing(BaseModel):
    field: str
    question: str


class Screening(BaseModel):
    program: str
    title: str
    status: Literal["meets", "does_not_meet", "needs_info"]
    region: str
    conditions: list[Condition]  # one per distinct check, in the engine's order
    averages: list[Average] = []
    # parameters the engine applied past their validity (a 2022 line in a 2024 case): no item uses them
    stale: list[Stale] = []
    missing: list[Missing] = []  # facts the engine asks for before it can decide
    formula: str = ""  # the per-person income as the engine computed it, deductions included

    def failed(self) -> list[Condition]:
        return [c for c in self.conditions if c.passed is False]

    def passed(self) -> list[Condition]:
        return [c for c in self.conditions if c.passed is True]


def screen(household: dict, program: str, settings: Settings | None = None) -> Screening:
    """Raises ValueError for an unknown program and the engine's input error for a bad household."""
    from assistant.eligibility import check_household

    result = check_household(household, [program], settings=settings)
    p = result.get(program)
    seen: dict[str, Condition] = {}
    for step in p.steps:
        # a per-member check repeats its wording: one member meeting it is what the program asks
        known = seen.get(step.what)
        if known is not None and (known.passed is True or step.passed is not True):
            continue
        seen[step.what] = Condition(
            what=step.what,
            passed=step.passed,
            value=step.value,
            threshold=step.threshold,
            unit=step.unit,
            basis=[b for b in step.basis if b.in_corpus and b.chunk_id],
            external=[b.regulation for b in step.basis if not b.in_corpus and b.regulation],
        )
    averages = [
        Average(label=re.sub(r"（[^）]*）$", "", u.label), value=float(u.used.value), unit=u.unit)
        for u in result.parameters
        if u.used.average and isinstance(u.used.value, int | float)
    ]
    stale = [
        Stale(label=re.sub(r"（[^）]*）$", "", u.label), value=float(u.used.value), unit=re.sub(r"（[^）]*）$", "", u.unit),
              year=u.used.effective_from.year if u.used.effective_from else None,
              until=u.used.valid_until.isoformat() if u.used.valid_until else "")
        for u in result.parameters
        if u.used.stale and isinstance(u.used.value, int | float)
    ]
    missing = [Missing(field=m.field, question=m.question) for m in p.missing]
    return Screening(program=program, title=p.title, status=p.status, region=result.region,
                     conditions=list(seen.values()), averages=averages, stale=stale, missing=missing,
                     formula=result.income.formula if result.income else "")


class Reconciled(BaseModel):
    """The engine's household summary (spec §5): programs offered after reconciliation, and why a met
    program is not offered as well (特困 is not received together with 低保)."""

    likely: list[str]
    not_stacked: list[str]


def reconcile(household: dict, programs: list[str], settings: Settings | None = None) -> Reconciled:
    from assistant.eligibility import check_household

    result = check_household(household, programs, settings=settings)
    summary = result.summary
    if summary is None:
        return Reconciled(likely=[r.program for r in result.results if r.status == "meets"], not_stacked=[])
    return Reconciled(likely=[line.program for line in summary.likely], not_stacked=list(summary.not_stacked))
