"""Run the programs over one household."""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import date
from typing import Any

from pydantic import ValidationError

from indexer.settings import Settings

from .children import check_de_facto_orphan
from .context import Context, guidance
from .dibao import check_dibao, check_gradual_exit, check_single_person
from .disability import check_care_subsidy, check_living_subsidy
from .invariance import fact_label, optional, settle
from .linshi import check_linshi
from .messages import HouseholdInputError, validation_messages
from .models import Household
from .monitoring import check_monitoring
from .parameters import table
from .results import ProgramResult, ScreeningResult
from .summary import summarize
from .tekun import check_tekun

PROGRAMS: dict[str, Callable[[Context], ProgramResult]] = {
    "dibao": check_dibao,
    "dibao_single_person": check_single_person,
    "dibao_gradual_exit": check_gradual_exit,
    "tekun": check_tekun,
    "linshi": check_linshi,
    "low_income_monitoring": check_monitoring,
    "disability_living_subsidy": check_living_subsidy,
    "disability_care_subsidy": check_care_subsidy,
    "de_facto_orphan": check_de_facto_orphan,
}


def parse_household(household: dict | Household) -> Household:
    """Validate input; a bad household raises HouseholdInputError with Chinese messages."""
    if isinstance(household, Household):
        return household
    try:
        return Household.model_validate(household)
    except ValidationError as error:
        raise HouseholdInputError(validation_messages(error)) from error


def check_household(
    household: dict | Household,
    programs: list[str] | None = None,
    *,
    today: date | None = None,
    settings: Settings | None = None,
    overrides: dict[str, Any] | None = None,
) -> ScreeningResult:
    """Pre-screen one household for the given programs (all nine by default).

    ``settings`` (default: ``get_settings()``) names the corpus and chunk size the rule citations
    resolve against, so their chunk ids are those of the index built with the same settings, and any
    extra parameter directories. ``overrides`` (parameter name → value) replace parameters for this check
    only, as a what-if (see ``whatif.compare``).
    """
    names = list(PROGRAMS) if programs is None else programs
    unknown = [n for n in names if n not in PROGRAMS]
    if unknown:
        raise ValueError(f"unknown program(s) {unknown}; known: {list(PROGRAMS)}")
    h = parse_household(household)
    ctx = Context(h, today or date.today(), settings, check_overrides(overrides, settings))
    contexts: dict[str, Context] = {}  # completions of the unknown facts, shared by the programs' searches
    results = [settled(PROGRAMS[name](ctx), name, ctx, contexts) for name in names]
    g = guidance()
    return ScreeningResult(
        date=ctx.date,
        region=ctx.region.label(),
        area=h.area,
        results=results,
        declared_facts=ctx.declared,
        facts_note=g["declared_note"] if ctx.declared else g["verified_note"],
        disclaimer=g["disclaimer"],
        notes=ctx.notes,
        warnings=ctx.warnings,
        income=ctx.trace(),
        parameters=list(ctx.uses.values()),
        overrides=ctx.overrides,
        summary=summarize(ctx, results),
        member_labels=[ctx.member_label(m) for m in h.members],
        date_note=ctx.date_note,
        parameter_notes=ctx.parameter_notes,
    )


def settled(result: ProgramResult, name: str, ctx: Context, contexts: dict[str, Context]) -> ProgramResult:
    """An open program whose unknown facts cannot change its status takes that status (invariance.py)."""
    settled_ = settle(result, ctx.h, PROGRAMS[name], today=ctx.date, settings=ctx.settings, overrides=ctx.overrides,
                      contexts=contexts)
    if settled_ is None:
        return result
    status, persons = settled_
    facts = "、".join(dict.fromkeys(fact_label(m.field, ctx) for m in result.missing))
    next_steps, references = ctx.next_steps(name, status)
    return result.model_copy(update={
        "status": status,
        "persons": persons if status == "meets" else [],
        "missing": optional(result.missing),
        "notes": [*result.notes, guidance()["invariant_note"].format(facts=facts)],
        "next_steps": next_steps,
        "references": [*result.references, *(r for r in references if r not in result.references)],
    })


# caller-supplied names with no table series anywhere (still valid what-if targets)
CALLER_ONLY = ("urban_dibao_standard_yearly", "low_income_monitoring_threshold_yearly", "tekun_standard_yearly")


def overridable(settings: Settings | None = None) -> list[str]:
    """Parameters a what-if may set: those whose values are plain numbers or true/false (not rule structures)."""
    t = table(settings)
    scalar = {
        name
        for (name, _), versions in t.entries.items()
        if all(isinstance(p.value, int | float) for p in versions)
    }
    return sorted({*scalar, *CALLER_ONLY})


def check_overrides(overrides: dict[str, Any] | None, settings: Settings | None = None) -> dict[str, Any]:
    """What-if values: known parameter names, finite non-negative numbers (or true/false); else HouseholdInputError."""
    if not overrides:
        return {}
    known = set(overridable(settings))
    t = table(settings)
    limit = t.input_limits["amount_max"]
    # true/false only where every table value is true/false: True is not the number 1
    numeric = {name for (name, _), versions in t.entries.items() for p in versions if not isinstance(p.value, bool)}
    numeric.update(CALLER_ONLY)
    problems = []
    for name, value in overrides.items():
        if name not in known:
            # echoed back safely: a name with a lone surrogate would otherwise break the response
            shown = str(name).encode("utf-8", "backslashreplace").decode("utf-8")[: t.input_limits["text_max"]]
            problems.append(f"{shown}：没有这个参数（可设定：{'、'.join(sorted(known))}）")
        elif isinstance(value, bool) and name not in numeric:
            continue
        elif isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value) or not (
            0 <= value <= limit
        ):
            problems.append(f"{name}：应为0到{limit}之间的数字")
    if problems:
        raise HouseholdInputError(problems)
    return dict(overrides)
