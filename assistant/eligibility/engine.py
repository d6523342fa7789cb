"""Run the programs over one household."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from pydantic import ValidationError

from indexer.settings import Settings

from .children import check_de_facto_orphan
from .context import Context, guidance
from .dibao import check_dibao, check_gradual_exit, check_single_person
from .disability import check_care_subsidy, check_living_subsidy
from .linshi import check_linshi
from .messages import HouseholdInputError, validation_messages
from .models import Household
from .monitoring import check_monitoring
from .results import ProgramResult, ScreeningResult
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
) -> ScreeningResult:
    """Pre-screen one household for the given programs (all nine by default).

    ``settings`` (default: ``get_settings()``) names the corpus and chunk size the rule citations
    resolve against, so their chunk ids are those of the index built with the same settings.
    """
    names = list(PROGRAMS) if programs is None else programs
    unknown = [n for n in names if n not in PROGRAMS]
    if unknown:
        raise ValueError(f"unknown program(s) {unknown}; known: {list(PROGRAMS)}")
    h = parse_household(household)
    ctx = Context(h, today or date.today(), settings)
    results = [PROGRAMS[name](ctx) for name in names]
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
    )
