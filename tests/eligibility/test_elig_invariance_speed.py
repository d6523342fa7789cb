"""The invariance search's cheaper completion key (the base household and the facts set, not the whole
completion serialised per run) and the cached region resolution change no screening: every household of
eval/sets/households_a.jsonl and households_b.jsonl gets the same result as with the reference implementation
(whole-completion JSON keys, the region resolved afresh for every completion)."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest

from assistant.eligibility import check_household, context, invariance, models, regions
from assistant.eligibility.context import Context
from assistant.eligibility.models import Household
from indexer.settings import ROOT

SETS = [ROOT / "eval" / "sets" / "households_a.jsonl", ROOT / "eval" / "sets" / "households_b.jsonl"]
TODAY = date(2026, 12, 2)


def _households() -> list[dict]:
    """The sets' households, and each again with its area and then its applicant's age unknown (more programs
    left open, so more completions searched)."""
    given = [json.loads(line)["household"] for path in SETS if path.exists()
             for line in path.open(encoding="utf-8") if line.strip()]
    no_area = [{k: v for k, v in h.items() if k != "area"} for h in given]
    no_age = [{**h, "members": [{k: v for k, v in m.items() if k != "age"} if i == 0 else m
                                for i, m in enumerate(h["members"])]} for h in given if h.get("members")]
    return given + no_area + no_age


def _reference_check(self: invariance.Search, h: dict[str, Any], assigned=()):
    """The search's run before the change: each completion keyed by its whole JSON."""
    if self.left <= 0:
        return None
    self.left -= 1
    key = json.dumps(h, sort_keys=True, ensure_ascii=False)
    ctx = self.contexts.get(key)
    if ctx is None:
        ctx = self.contexts[key] = Context(Household.model_validate(h), self.today, self.settings, self.overrides)
    return self.run(ctx)


def _screen_all(households: list[dict]) -> list[str]:
    out = []
    for h in households:
        try:
            out.append(check_household(h, today=TODAY).model_dump_json())
        except ValueError as exc:  # an invalid household is an error both ways, with the same message
            out.append(f"error: {exc}")
    return out


def test_screenings_are_those_of_the_reference_search(monkeypatch):
    households = _households()
    if len(households) < 300:
        pytest.skip("household sets not found")
    fast = _screen_all(households)
    optional = sum('"optional":true' in r for r in fast)
    assert optional >= 5  # the invariance search settled programs, so its completions were compared
    uncached = regions.resolve.__wrapped__
    monkeypatch.setattr(invariance.Search, "check", _reference_check)
    monkeypatch.setattr(context, "resolve", uncached)
    monkeypatch.setattr(models, "resolve", uncached)
    assert _screen_all(households) == fast
