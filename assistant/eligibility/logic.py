"""Three-valued logic and the builder every program uses to record its checks."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

from indexer.models import Citation

from .results import Estimate, MissingFact, ProgramResult, Step, Value

if TYPE_CHECKING:
    from .context import Context

Tri = bool | None  # True / False / None = unknown

_CENT = Decimal("0.01")


def and3(*values: Tri) -> Tri:
    """Kleene AND: one failed condition decides; otherwise any unknown leaves it open."""
    if any(v is False for v in values):
        return False
    if any(v is None for v in values):
        return None
    return True


def or3(*values: Tri) -> Tri:
    if any(v is True for v in values):
        return True
    if any(v is None for v in values):
        return None
    return False


def not3(value: Tri) -> Tri:
    return None if value is None else not value


def unique(citations: Iterable[Citation]) -> list[Citation]:
    # citations are cached per quote (corpus) or per regulation and article (external), so a repeated basis
    # is the same object: identity is enough, and cheap on the hot path of a 20-member household
    out: list[Citation] = []
    seen: set[int] = set()
    for citation in citations:
        if id(citation) not in seen:
            seen.add(id(citation))
            out.append(citation)
    return out


def status_of(value: Tri) -> str:
    return {True: "meets", False: "does_not_meet", None: "needs_info"}[value]


def money(amount: float) -> float:
    return float(Decimal(str(amount)).quantize(_CENT, rounding=ROUND_HALF_UP))


def fmt(amount: float) -> str:
    """Amounts without a trailing .0, e.g. 4800 or 297.17."""
    value = money(amount)
    return str(int(value)) if value == int(value) else f"{value}"


class Check:
    """Collects the steps, questions and notes of one program for one household."""

    def __init__(self, program: str, ctx: Context):
        self.program = program
        self.ctx = ctx
        self.steps: list[Step] = []
        self.missing: list[MissingFact] = []
        self.notes: list[str] = []
        self.references: list[Citation] = []
        self.caller_supplied: list[str] = []

    def step(
        self,
        what: str,
        passed: Tri,
        *,
        plain: str = "",
        subject: str = "",
        value: Value = None,
        threshold: Value = None,
        unit: str = "",
        basis: Iterable[Citation] = (),
        note: str = "",
        caller_supplied: bool = False,
        low: float | None = None,
        high: float | None = None,
    ) -> Tri:
        self.steps.append(
            Step(
                what=what,
                plain=plain,
                subject=subject,
                value=value,
                threshold=threshold,
                unit=unit,
                passed=passed,
                basis=unique(basis),
                note=note,
                caller_supplied=caller_supplied,
                low=low,
                high=high,
            )
        )
        return passed

    def ask(self, field: str, question: str) -> None:
        if all(m.field != field for m in self.missing):
            self.missing.append(MissingFact(field=field, question=question))

    def ask_all(self, facts: Iterable[MissingFact]) -> None:
        for fact in facts:
            self.ask(fact.field, fact.question)

    def note(self, text: str) -> None:
        if text not in self.notes:
            self.notes.append(text)

    def refer(self, citations: Iterable[Citation]) -> None:
        self.references = unique([*self.references, *citations])

    def used(self, name: str) -> None:
        if name not in self.caller_supplied:
            self.caller_supplied.append(name)

    def finish(self, outcome: Tri, *, estimate: Estimate | None = None, persons: Iterable[str] = ()) -> ProgramResult:
        status = status_of(outcome)
        guide = self.ctx.guidance(self.program)
        next_steps, references = self.ctx.next_steps(self.program, status)
        self.refer(references)
        return ProgramResult(
            program=self.program,
            title=guide["title"],
            status=status,
            persons=list(persons),
            steps=self.steps,
            # questions only matter while the answer is still open
            missing=self.missing if status == "needs_info" else [],
            estimate=estimate,
            next_steps=next_steps,
            notes=self.notes,
            references=self.references,
            caller_supplied=self.caller_supplied,
            declared_facts=self.ctx.declared,
        )
