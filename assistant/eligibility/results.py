"""The result of pre-screening: one ProgramResult per program, gathered in a ScreeningResult."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, Field

from indexer.models import Citation

Status = Literal["meets", "does_not_meet", "needs_info"]
Value = float | str | bool | None


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


class MissingFact(BaseModel):
    field: str
    question: str


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


class ScreeningResult(BaseModel):
    date: date
    region: str
    area: str | None
    results: list[ProgramResult]
    declared_facts: bool
    facts_note: str  # says whether the result rests on declared (unverified) facts
    disclaimer: str
    notes: list[str] = Field(default_factory=list)

    def get(self, program: str) -> ProgramResult:
        for result in self.results:
            if result.program == program:
                return result
        raise KeyError(program)

    def statuses(self) -> dict[str, str]:
        return {r.program: r.status for r in self.results}
