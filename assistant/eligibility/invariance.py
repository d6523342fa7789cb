"""Outcome invariance (spec §1 "a deciding fact", §5 "ask only when they could change an outcome").

A program left ``needs_info`` is re-run on every completion of the facts it asks for: each unknown choice
(urban or rural, yes or no, a status, supporters, an event, a disability) takes each of its values, an
unknown age each side of every age limit in the parameter table, an unknown local standard each side of
every line the household's known incomes can cross. When every completion gives the same definite status,
no answer to those questions can change it: the program takes that status, and the questions stay in
``missing`` as optional. Unknown amounts of income and deductions are not enumerated: the engine already
reads them as bounds (a deduction between nothing and the whole income, a member's income at least zero),
so a completion that still depends on one stays open and the program stays ``needs_info``.

The search is bounded (``limits.yaml`` ``invariance_runs``): past the bound the program stays open.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from itertools import pairwise
from statistics import fmean
from typing import Any, get_args

from indexer.settings import Settings

from .context import Context
from .logic import money
from .messages import catalogue
from .models import Category, EventKind, Household, ParentSituation, Student, Supporters
from .parameters import limits, table
from .results import MissingFact, ProgramResult

Run = Callable[[Context], ProgramResult]

_BOOLEAN = re.compile(
    r"assets_within_limit|status\.\w+|event\.(severe_hardship|in_home_region)"
    r"|members\[\d+\]\.(serious_illness|needs_long_term_care|priority_care_recipient|disability\.certified)"
)
_MEMBER = re.compile(r"members\[(?P<index>\d+)\]\.(?P<fact>\w+)")
STANDARD = "local_parameters.dibao_standard_yearly"
BOUNDED = ("income_excluded_yearly", "rigid_expenses_yearly", "employment_costs_yearly")


@lru_cache(maxsize=1)
def _limits() -> dict[str, Any]:
    return limits()


def _runs() -> int:
    return int(_limits()["search"]["invariance_runs"])


@dataclass
class Search:
    """One program's completions: how many runs are left and the statuses seen so far."""

    run: Run
    today: date
    settings: Settings | None
    overrides: dict[str, Any]
    contexts: dict[tuple, Context]  # completions already built, shared by the programs of one check
    base: str = ""  # the household before any completion (JSON): with the facts set, it names a completion
    left: int = field(default_factory=_runs)
    seen: set[str] = field(default_factory=set)
    persons: set[str] | None = None

    def check(self, h: dict[str, Any], assigned: tuple[tuple[str, str], ...] = ()) -> ProgramResult | None:
        if self.left <= 0:
            return None
        self.left -= 1
        # a completion is the base household with these facts set (each once, a fact's parent before it): the
        # set names it, so the whole completion is not serialised again for every run
        key = (self.base, tuple(sorted(assigned)))
        ctx = self.contexts.get(key)
        if ctx is None:
            ctx = self.contexts[key] = Context(Household.model_validate(h), self.today, self.settings, self.overrides)
        return self.run(ctx)

    def settle(self, h: dict[str, Any], fixed: frozenset[str], assigned: tuple[tuple[str, str], ...] = ()) -> bool:
        """False as soon as a completion is open or two completions disagree."""
        result = self.check(h, assigned)
        if result is None:
            return False
        if result.status != "needs_info":
            self.seen.add(result.status)
            # the members a person program is about in every completion (a 特困 person is one whoever)
            found = set(result.persons)
            self.persons = found if self.persons is None else self.persons & found
            return len(self.seen) == 1
        choices = [
            (name, values) for name in dict.fromkeys(m.field for m in result.missing) if name not in fixed
            for values in [list(domain(name, h, self.today, self.settings))] if values
        ]
        if not choices:
            return False  # only amounts (or facts with no finite set of values) keep it open
        name, values = min(choices, key=lambda c: len(c[1]))
        return all(
            self.settle(assign(h, name, value), fixed | {name},
                        (*assigned, (name, json.dumps(value, sort_keys=True, ensure_ascii=False))))
            for value in values
        )


def settle(
    result: ProgramResult,
    household: Household,
    run: Run,
    *,
    today: date,
    settings: Settings | None = None,
    overrides: dict[str, Any] | None = None,
    contexts: dict[tuple, Context] | None = None,
) -> tuple[str, list[str]] | None:
    """The status every completion of ``result``'s unknown facts gives, with the members it is about in all of
    them, or None where a completion could change it."""
    if result.status != "needs_info" or not result.missing:
        return None
    h = household.model_dump(mode="json")
    h["date"] = (household.date or today).isoformat()
    if any(m.field not in BOUNDED and next(domain(m.field, h, today, settings), None) is None for m in result.missing):
        # a fact with no values to try and no bound (a member's income) stays unknown in every completion,
        # and what keeps the program open on it keeps it open there: no search, which would only cost runs
        # to find that out. Deductions are bounded (nothing to the whole income), the engine reads them so.
        return None
    search = Search(run, today, settings, dict(overrides or {}), {} if contexts is None else contexts,
                    json.dumps(h, sort_keys=True, ensure_ascii=False))
    if not search.settle(h, frozenset()):
        return None
    if len(search.seen) != 1:
        return None
    persons = search.persons or set()
    return next(iter(search.seen)), [str(m.id) for m in household.members if m.id in persons]


def optional(missing: list[MissingFact]) -> list[MissingFact]:
    return [m.model_copy(update={"optional": True}) for m in missing]


# ---- the values an unknown fact can take ------------------------------------------------------------
def domain(name: str, h: dict[str, Any], today: date, settings: Settings | None) -> Iterator[Any]:
    if not _parent_known(name, h):
        return
    if name == "area":
        yield from ("rural", "urban")
    elif _BOOLEAN.fullmatch(name):
        yield from (True, False)
    elif name == "event":
        yield from ({"kind": kind} for kind in get_args(EventKind))
    elif name == STANDARD:
        yield from _standards(h, today, settings)
    elif m := _MEMBER.fullmatch(name):
        fact = m["fact"]
        if fact == "age":
            yield from _ages(settings)
        elif fact == "legal_supporters":
            yield from get_args(Supporters)
        elif fact == "student":
            yield from get_args(Student)
        elif fact == "disability":
            yield {"category": "none"}
            grades = _limits()["input_limits"]["disability_grades"]
            yield from (
                {"category": c, "grade": g} for c in get_args(Category) if c != "none" for g in grades
            )
        elif fact == "parents_situation":
            kinds = get_args(ParentSituation)
            yield from ([a, b] for a in kinds for b in kinds)


_PART = re.compile(r"(\w+)(?:\[(\d+)\])?")


def assign(h: dict[str, Any], name: str, value: Any) -> dict[str, Any]:
    """A copy of ``h`` with the fact at ``name`` (``members[0].disability.certified``) set to ``value``: only the
    dicts and lists along the path are copied, the rest is shared (completions are read, never changed)."""
    out = dict(h)
    target: Any = out
    parts = name.split(".")
    for part in parts[:-1]:
        key, index = _PART.fullmatch(part).groups()
        inner = target.get(key)
        if index is None:
            target[key] = inner = dict(inner or {})
        else:
            target[key] = inner = list(inner)
            inner[int(index)] = inner = dict(inner[int(index)])
        target = inner
    target[parts[-1]] = value
    return out


def _parent_known(name: str, h: dict[str, Any]) -> bool:
    """A sub-fact (``event.severe_hardship``, ``members[0].disability.certified``) has values only once the
    fact it belongs to is known: the search sets the fact first."""
    target: Any = h
    for part in name.split(".")[:-1]:
        key, index = _PART.fullmatch(part).groups()
        target = target.get(key) if isinstance(target, dict) else None
        if target is not None and index is not None:
            target = target[int(index)]
        if target is None:
            return False
    return True


def _ages(settings: Settings | None) -> list[int]:
    """Each side of every age limit the parameter table holds (ages compare as ≥ or < a limit)."""
    t = table(settings)
    age_max = _limits()["input_limits"]["age_max"]
    cuts = {
        int(p.value) for (name, _), versions in t.entries.items() if name.endswith(("_age", "_age_below"))
        for p in versions if isinstance(p.value, int) and not isinstance(p.value, bool)
    }
    points = {0, age_max}
    for cut in cuts:
        points.update({max(cut - 1, 0), min(cut, age_max)})
    return sorted(points)


def _standards(h: dict[str, Any], today: date, settings: Settings | None) -> list[float]:
    """Candidate local standards: at and between every standard at which one of the household's known
    incomes (per head, or one member's) meets the standard or the edge line, and one far above them all.

    Every income comparison the programs make is an income against the standard times a ratio (1, the edge
    ratio), so the outcome can only change at those points: trying each, and one point inside each gap,
    tries every outcome there is.
    """
    household = Household.model_validate({**h, "local_parameters": {**h.get("local_parameters", {})}})
    ctx = Context(household, today, settings)
    income = ctx.income
    incomes = {income.low, *([income.high] if income.high is not None else [])}
    for member in household.members:
        if member.income_yearly is not None:
            incomes.update({member.income_yearly, member.income_yearly - (member.income_excluded_yearly or 0)})
    ratio = ctx.edge_ratio()
    ratios = {1.0, *([float(ratio.value)] if ratio is not None else [])}
    amount_max = float(_limits()["input_limits"]["amount_max"])
    cuts = sorted({money(q / k) for q in incomes for k in ratios if q > 0})
    # each cut, a point inside each gap between cuts (and below the first), and the largest standard there is
    points = {*cuts, *(money(fmean(pair)) for pair in pairwise([0.0, *cuts])), amount_max}
    return sorted(p for p in points if 0 < p <= amount_max)


def fact_label(name: str, ctx: Context) -> str:
    """A missing fact in words: 申请人（72岁）的年龄, 城乡类别 (labels from messages.yaml)."""
    fields = catalogue().fields
    *parents, last = name.split(".")
    label = fields.get(last, last)
    for part in parents:
        key, index = _PART.fullmatch(part).groups()
        if key == "members" and index is not None and int(index) < len(ctx.h.members):
            return f"{ctx.member_label(ctx.h.members[int(index)])}的{label}"
    return label
