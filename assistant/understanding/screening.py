"""Screen a conversation's household: both ends of every stated range, a status only where they agree, and
the single most decisive missing fact as the next question, phrased for the person talking."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from pydantic import ValidationError

from assistant.eligibility import ScreeningResult, check_household
from assistant.eligibility.messages import validation_messages
from assistant.eligibility.models import Household
from assistant.eligibility.results import MissingFact
from assistant.understanding.adapter import disability_told, ranged, surplus, to_household
from assistant.understanding.state import HouseholdState, PendingQuestion, Person
from assistant.understanding.tables import dialogue
from indexer.settings import Settings

RANGE_FIELD = "range"
LOCAL_PREFIX = "local_parameters."


@dataclass
class Screening:
    result: ScreeningResult
    household: dict[str, Any]  # the engine input at the low end of the ranges
    uncertain: list[str]  # facts said as ranges that changed a status
    next_question: PendingQuestion | None
    dropped: list[str] = field(default_factory=list)  # what the engine could not take, left unknown (in words)


def screen(s: HouseholdState, *, role: str = "citizen", today: date | None = None,
           settings: Settings | None = None, programs: list[str] | None = None) -> Screening | None:
    low, dropped = screenable(to_household(s, "low", today))
    if low is None:
        return None
    result = check_household(low, programs, today=today, settings=settings)
    base = {r.program: r.status for r in result.results}  # each other reading is compared with this one
    uncertain: list[str] = []
    if surplus(s):
        fitted, _ = screenable(to_household(s, "low", today, fit=True))
        other = check_household(fitted, programs, today=today, settings=settings) if fitted else result
        by_program = {r.program: r for r in other.results}
        size = s.household_size.value if s.household_size else 0
        for r in result.results:
            o = by_program.get(r.program)
            if o is not None and (o.status != r.status or o.estimate != r.estimate):
                # the people read and the size said disagree: no status that depends on who is counted
                r.estimate = None
                if o.status != r.status:
                    r.status = "needs_info"
                    r.notes.append(dialogue().notes["size_conflict"].format(named=len(s.present()), size=size))
                    r.missing.insert(0, MissingFact(field="household_size", question=_size_question(role)))
                    uncertain.append("household_size")
    earners = zero_total_conflict(s)
    if earners:
        # the zero may have been said of a group (他俩没收入), not of everyone: the other reading leaves the
        # incomes of the members not described unknown, and only a status both readings give is kept
        alt, _ = screenable(to_household(s.model_copy(update={"household_income_yearly": None}), "low", today))
        other = check_household(alt, programs, today=today, settings=settings) if alt else result
        by_program = {r.program: r for r in other.results}
        note = dialogue().notes["zero_total_conflict"].format(who="、".join(p.label for p in earners))
        for r in result.results:
            o = by_program.get(r.program)
            if o is not None and o.status != base[r.program]:
                r.status, r.estimate = "needs_info", None
                r.notes.append(note)
                r.missing = [*o.missing, *(m for m in r.missing if m.field not in {x.field for x in o.missing})]
                uncertain.append("household_income_yearly")
    ranges = ranged(s)
    if ranges:
        high, _ = screenable(to_household(s, "high", today))
        other = check_household(high, programs, today=today, settings=settings) if high else result
        by_program = {r.program: r for r in other.results}
        for r in result.results:
            o = by_program.get(r.program)
            if o is not None and o.estimate != r.estimate:
                # the amount depends on where in the stated range the truth lies: no figure is given
                r.estimate = None
                r.notes.append(f"所述数额是一个范围（{_labels(s, ranges)}），可领金额需按确切数字测算。")
            if o is not None and o.status != base[r.program]:
                r.status = "needs_info"
                r.notes.append(f"所述数额是一个范围（{_labels(s, ranges)}），在范围两端结论不同，需要确切数字。")
                r.missing.insert(0, MissingFact(field=RANGE_FIELD, question=_range_question(s, ranges, role)))
                uncertain = ranges
    _note_others_without_disability(result, s, low)
    return Screening(result, low, uncertain, next_question(result, s, role),
                     [dialogue().notes["dropped"].format(problems="；".join(dropped))] if dropped else [])


def zero_total_conflict(s: HouseholdState) -> list[Person]:
    """The members whose own income above zero was said in the same message as a household income of zero, or
    who were said to earn (a job, a pension …) with no amount: "其他收入没有" after "儿子找到工作了" is
    about the others, and a zero for everyone would silently drop the earner's income."""
    total = s.household_income_yearly
    if total is None or total.value.max != 0:
        return []
    return [p for p in s.present() if (
        p.income_yearly is not None and p.income_yearly.value.min > 0 and p.income_yearly.message == total.message
    ) or (p.income_yearly is None and p.income_kind is not None)]


def screenable(h: dict[str, Any] | None) -> tuple[dict[str, Any] | None, list[str]]:
    """The engine input with what the engine cannot take (an age past the bounds, a non-counted item above the
    income it is part of, places that contradict each other) left unknown, and the problems in words: what
    the conversation said is never refused as a whole, and every program is screened on the rest."""
    problems: list[str] = []
    for _ in range(8):  # one fact dropped a round; a household has few facts that can clash
        if h is None:
            return None, problems
        try:
            Household.model_validate(h)
            return h, problems
        except ValidationError as error:
            for m in validation_messages(error):
                m = _named(m, [x.get("id", "") for x in h.get("members", [])])
                if m not in problems:
                    problems.append(m)
            if not any(_drop(h, e["loc"]) for e in error.errors()):
                break
    return h, problems  # check_household reports what is left, as for any other input


def _named(message: str, ids: list[str]) -> str:
    """members[1]：… → 老伴：… (the member as the speaker named them)."""
    def name(m: re.Match[str]) -> str:
        i = int(m.group(1))
        return ids[i] if i < len(ids) else m.group(0)
    return re.sub(r"members\[(\d+)\]", name, message)


def _drop(h: dict[str, Any], loc: tuple[Any, ...]) -> bool:
    """Remove the value at ``loc``; for a check across a member's fields, the non-counted item."""
    parent: Any = h
    for key in loc[:-1]:
        if isinstance(parent, dict | list) and (key in parent if isinstance(parent, dict) else key < len(parent)):
            parent = parent[key]
        else:
            return False
    key = loc[-1] if loc else None
    if isinstance(parent, list) and isinstance(key, int) and key < len(parent):
        parent = parent[key]
        key = "income_excluded_yearly" if isinstance(parent, dict) and "income_excluded_yearly" in parent else None
    if isinstance(parent, dict) and key in parent and key not in ("members", "id"):
        del parent[key]
        return True
    return False


DISABILITY_PROGRAMS = ("disability_living_subsidy", "disability_care_subsidy", "dibao_single_person", "tekun")


def _note_others_without_disability(result: ScreeningResult, s: HouseholdState, household: dict[str, Any]) -> None:
    """Say so where members were counted without a disability because only someone else's was described."""
    told = disability_told(s)
    counted = len(household["members"]) - len(told)
    if not told or s.everyone.no_disability is not None or counted <= 0:
        return
    note = dialogue().notes["others_no_disability"].format(told="、".join(p.label for p in told))
    for r in result.results:
        if r.program in DISABILITY_PROGRAMS and note not in r.notes:
            r.notes.append(note)


def _size_question(role: str) -> str:
    entry = next(e for e in dialogue().ask if e.field == "household_size")
    return entry.caseworker if role == "caseworker" else entry.citizen


def _labels(s: HouseholdState, paths: list[str]) -> str:
    out = []
    for path in paths:
        key, _, name = path.rpartition(".")
        owner = s.person(key) if key else s
        f = getattr(owner, name)
        out.append(f"{f.words}≈{f.value.label()}")
    return "；".join(out)


def _range_question(s: HouseholdState, paths: list[str], role: str) -> str:
    return f"能说一个更确切的数吗？（{_labels(s, paths)}）"


def next_question(result: ScreeningResult, s: HouseholdState, role: str) -> PendingQuestion | None:
    """The missing fact that blocks the most undecided programs (ties: the ask table's order)."""
    table = dialogue().ask
    blocking: dict[str, int] = {}
    focused: dict[str, int] = {}  # how many of the programs the user asked about the fact blocks
    first: dict[str, str] = {}
    for r in result.results:
        if r.status != "needs_info":
            continue
        for m in dict.fromkeys(x.field for x in r.missing):
            if role == "citizen" and m.startswith(LOCAL_PREFIX):
                continue  # spec §2: a citizen is never asked for a local standard (the answer says who knows it)
            blocking[m] = blocking.get(m, 0) + 1
            if r.program in s.focus:
                focused[m] = focused.get(m, 0) + 1
        for x in r.missing:
            first.setdefault(x.field, x.question)
    # what the user said they do not know is not asked again, while anything else is still open
    known_unknown = {name for name in blocking if any(re.fullmatch(f, name) for f in s.unknown)}
    if len(known_unknown) < len(blocking):
        blocking = {name: n for name, n in blocking.items() if name not in known_unknown}
    else:
        return None
    if not blocking:
        return None

    # the question asked last turn and still open was not answered: the next most decisive fact is asked
    # instead of the same question twice in a row (it comes back the turn after, if still missing)
    last = s.pending.field if s.pending is not None and len(blocking) > 1 else None

    def rank(name: str) -> tuple[int, int, int, int]:
        order = next((i for i, e in enumerate(table) if re.fullmatch(e.field, name)), len(table))
        return (int(name == last), -focused.get(name, 0), -blocking[name] - (100 if name == RANGE_FIELD else 0),
                order)

    name = min(blocking, key=rank)
    person = _person_key(name, s)
    entry = next((e for e in table if re.fullmatch(e.field, name)), None)
    if entry is None:
        return PendingQuestion(field=name, person=person, text=first[name])
    who = _who(s, person, role)
    text = (entry.caseworker if role == "caseworker" else entry.citizen).format(who=who, who_short="他/她")
    return PendingQuestion(field=name, person=person, text=text, options=list(entry.options))


def _person_key(field: str, s: HouseholdState) -> str | None:
    m = re.match(r"members\[(\d+)\]", field)
    if not m:
        return None
    app = s.person(s.applicant)
    order = ([app] if app and app.member else []) + [p for p in s.present() if p is not app]
    i = int(m.group(1))
    return order[i].key if i < len(order) else None


def _who(s: HouseholdState, key: str | None, role: str) -> str:
    """How to name a person to the speaker: 您 / 您母亲 for a citizen, 申请人 / 申请人的配偶 for a caseworker."""
    p = s.person(key) if key else None
    if p is None:
        return "申请人" if role == "caseworker" or not s.speaker_is_member else "您"
    if p.key == s.applicant:
        if role == "caseworker":
            return "申请人"
        return "您" if p.speaker == "self" else (f"您{p.label.lstrip('我俺')}" if p.speaker else "申请人")
    if role == "caseworker":
        return f"申请人的{p.label}" if p.label else "该成员"
    return f"您{p.label.lstrip('我俺')}" if p.speaker not in (None, "self", "applicant") else p.label
