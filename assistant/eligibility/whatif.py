"""What-if: the same household screened with some parameters set by the caseworker, beside the baseline
(like a reform in OpenFisca / PolicyEngine). Overrides hold for this one check only."""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import BaseModel

from indexer.settings import Settings

from .engine import check_household, parse_household
from .models import Household
from .results import ScreeningResult, Status


class ProgramChange(BaseModel):
    program: str
    title: str
    baseline: Status
    variant: Status
    baseline_yearly: float | None = None
    variant_yearly: float | None = None

    @property
    def changed(self) -> bool:
        return self.baseline != self.variant or self.baseline_yearly != self.variant_yearly


class WhatIf(BaseModel):
    overrides: dict[str, Any]
    baseline: ScreeningResult
    variant: ScreeningResult
    changes: list[ProgramChange]  # every program, baseline beside variant


def compare(
    household: dict | Household,
    overrides: dict[str, Any],
    programs: list[str] | None = None,
    *,
    today: date | None = None,
    settings: Settings | None = None,
) -> WhatIf:
    h = parse_household(household)
    baseline = check_household(h, programs, today=today, settings=settings)
    variant = check_household(h, programs, today=today, settings=settings, overrides=overrides)
    changes = []
    for before, after in zip(baseline.results, variant.results, strict=True):
        changes.append(
            ProgramChange(
                program=before.program,
                title=before.title,
                baseline=before.status,
                variant=after.status,
                baseline_yearly=before.estimate.yearly if before.estimate else None,
                variant_yearly=after.estimate.yearly if after.estimate else None,
            )
        )
    return WhatIf(overrides=variant.overrides, baseline=baseline, variant=variant, changes=changes)


def parse_sets(items: list[str]) -> dict[str, Any]:
    """``name=value`` pairs from the command line; values are numbers or true/false."""
    out: dict[str, Any] = {}
    for item in items:
        name, sep, text = item.partition("=")
        if not sep or not name.strip():
            raise ValueError(f"--set 应写成 名称=数值，例如 rural_dibao_standard_yearly=6000，收到 {item!r}")
        text = text.strip().lower()
        if text in ("true", "false"):
            out[name.strip()] = text == "true"
            continue
        try:
            out[name.strip()] = float(text)
        except ValueError as error:
            raise ValueError(f"--set {name.strip()} 的值应为数字，收到 {text!r}") from error
    return out
