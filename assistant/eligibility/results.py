"""The result of pre-screening: one ProgramResult per program, gathered in a ScreeningResult."""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, Field

from indexer.models import Citation

Status = Literal["meets", "does_not_meet", "needs_info"]
Value = float | str | bool | None


class ParameterValue(BaseModel):
    """One value of a parameter: from the table (with its validity), the caller, or a what-if override."""

    value: Any
    origin: Literal["table", "caller", "override"]
    region: str = ""
    effective_from: date | None = None
    valid_until: date | None = None  # last day the table value is current; None = until replaced
    stale: bool = False
    average: bool = False
    default: bool = False
    provenance: str = ""


class ParameterUse(BaseModel):
    """Which value of a parameter decided (``used``), the other value shown beside it, and why."""

    name: str
    label: str
    unit: str
    used: ParameterValue
    other: ParameterValue | None = None
    reason: str


class IncomeTrace(BaseModel):
    """The household's countable per-capita income as numbers (a range while deductions are unknown)."""

    members: int
    gross_yearly: float | None  # None while a member's income is unknown
    deducted_yearly: float
    per_capita_low: float
    per_capita_high: float | None
    formula: str
    deductions_ignored: bool = False


class Step(BaseModel):
    """One check: ``value`` compared with ``threshold``; ``passed`` is None when a fact is unknown."""

    what: str
    plain: str = ""  # the same check in everyday words, for citizens
    subject: str = ""  # member id, or "" for the household
    value: Value = None
    threshold: Value = None
    unit: str = ""
    passed: bool | None
    basis: list[Citation] = Field(default_factory=list)
    note: str = ""
    caller_supplied: bool = False
    # numeric reading of ``value`` when it is a range (per-capita income while deductions are unknown)
    low: float | None = None
    high: float | None = None


class MissingFact(BaseModel):
    field: str
    question: str
    # asked for completeness only: no answer to it can change the program's status (invariance.py)
    optional: bool = False


class Estimate(BaseModel):
    yearly: float
    monthly: float
    formula: str
    note: str = ""
    basis: list[Citation] = Field(default_factory=list)  # where the standard (and any rate) it uses comes from


class ProgramResult(BaseModel):
    program: str
    title: str
    status: Status
    persons: list[str] = Field(default_factory=list)  # members the result is about, for person programs
    steps: list[Step]
    missing: list[MissingFact] = Field(default_factory=list)
    estimate: Estimate | None = None
    next_steps: list[str] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)
    references: list[Citation] = Field(default_factory=list)  # bases of notes and next steps
    caller_supplied: list[str] = Field(default_factory=list)  # parameters the caller supplied
    declared_facts: bool = True


class SummaryLine(BaseModel):
    """One likely program for the household: for whom, about how much, and its place in the order to apply."""

    program: str
    title: str
    persons: list[str] = Field(default_factory=list)  # member ids; empty = the household
    who: str = ""  # the persons in words
    monthly: float | None = None
    yearly: float | None = None
    status: Status


class HouseholdSummary(BaseModel):
    """Programs reconciled for the household (spec §5): what is likely, what to apply for first, what does not stack."""

    likely: list[SummaryLine] = Field(default_factory=list)  # meets, after reconciliation, most important first
    possible: list[SummaryLine] = Field(default_factory=list)  # needs_info, worth asking about
    apply_first: str | None = None
    not_stacked: list[str] = Field(default_factory=list)  # why a met program is not offered as well
    headline: str = ""


class ScreeningResult(BaseModel):
    date: date
    region: str
    area: str | None
    results: list[ProgramResult]
    declared_facts: bool
    facts_note: str  # says whether the result rests on declared (unverified) facts
    disclaimer: str
    notes: list[str] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)  # e.g. a basis no longer found in the indexed documents
    income: IncomeTrace | None = None
    parameters: list[ParameterUse] = Field(default_factory=list)
    overrides: dict[str, Any] = Field(default_factory=dict)  # what-if values applied to this check
    summary: HouseholdSummary | None = None
    member_labels: list[str] = Field(default_factory=list)  # 本人（72岁） … by member index
    parameter_notes: list[str] = Field(default_factory=list)  # notes on stale / conflicting values (caseworkers)
    date_note: str = ""  # the note saying the date was not given (caseworkers see it, citizens need not)

    def get(self, program: str) -> ProgramResult:
        for result in self.results:
            if result.program == program:
                return result
        raise KeyError(program)

    def statuses(self) -> dict[str, str]:
        return {r.program: r.status for r in self.results}
