"""A short reply to the assistant's own question is about the fact asked, in every program's questions.

The reader reads each message on its own terms; this settles what it cannot know from the message alone:
- an elliptic answer (没有收入, 上小学) names nobody, so the reader gives its facts to the applicant; when the
  question was about another member they are that member's facts (the applicant keeps what it had);
- a bare figure (五千, 72, 3) answers the figure asked, in the question's own unit (the ask table asks yearly
  amounts, ages in years, the size as a count).
A message that names someone, or says facts of another kind than asked, is left as the reader read it.
"""

from __future__ import annotations

import re
from dataclasses import replace

from assistant.understanding.amounts import find_amounts
from assistant.understanding.reader import Reading
from assistant.understanding.state import Fact, HouseholdState
from assistant.understanding.tables import amounts, facts

# the asked fields a bare figure answers: of a member, or of the household (yearly amounts)
_MEMBER_FIGURES = ("age", "income_yearly")
_HOUSEHOLD_FIGURES = ("household_size", "income_excluded_yearly", "rigid_expenses_yearly", "employment_costs_yearly")
_BARE_MONEY = 100  # a bare figure below this, with no unit, is no amount of money anyone answers with
_FILLER = re.compile(r"[\s，,。.！!？?~～啊呀吧呢哦的了嘛左右大概差不多吧岁元块钱口人]+")


def settle(before: HouseholdState, reading: Reading, message: str) -> Reading:
    """``reading`` of ``message`` with the reply applied to the pending question of ``before``."""
    q = before.pending
    if q is None or reading.answered is not None or reading.what_if:
        return reading
    field = re.sub(r"^members\[\d+\]\.", "", q.field)
    on_member = field != q.field
    if not reading.changed:
        return _figure(before, reading, message.strip(), field, on_member)
    app = reading.state.applicant
    if not on_member or q.person is None or q.person == app:
        return reading
    return _retarget(before, reading, app, q.person, field)


def _retarget(before: HouseholdState, reading: Reading, app: str | None, target: str, field: str) -> Reading:
    """Facts the reader gave the applicant, from a message naming nobody, are the asked member's."""
    was = {p.key for p in before.members}
    new = [p for p in reading.state.members if p.key not in was]
    if any(p.member for p in new):
        return reading  # the message named a member of its own
    gone = {p.key for p in new}
    moved = [c for c in reading.changed if c.startswith(f"{app}.")]
    if not moved or any(c.split(".")[0] not in {app, *gone} for c in reading.changed if re.match(r"p\d+\.", c)):
        return reading
    s = reading.state
    person, old, to = s.person(app), before.person(app), s.person(target)
    if person is None or old is None or to is None:
        return reading
    names = list(dict.fromkeys(c.split(".")[1] for c in moved))
    if field.split(".")[0] not in names:
        return reading  # an answer of another kind than asked: read as said
    for name in names:
        setattr(to, name, getattr(person, name))
        setattr(person, name, getattr(old, name))
    # people the answer only mentioned as gone (父母都去世了 → 他父母) were the asked member's, not the applicant's
    s.members = [p for p in s.members if p.key not in gone]
    changed = [f"{target}.{c.split('.', 1)[1]}" if c.startswith(f"{app}.") else c for c in reading.changed
               if c.split(".")[0] not in gone]
    return replace(reading, changed=changed, answered=before.pending.field if before.pending else None, refers=True)


def _figure(before: HouseholdState, reading: Reading, raw: str, field: str, on_member: bool) -> Reading:
    """A message that is a bare figure answers the figure asked."""
    q = before.pending
    assert q is not None
    text = reading.state.messages - 1
    periods = [(m.start(), m.end()) for w in amounts().periods for m in re.finditer(re.escape(w), raw)]
    found = [a for a in find_amounts(raw) if not any(s <= a.start and a.end <= e for s, e in periods)]
    if len(found) != 1 or _FILLER.sub("", _without_periods(raw.replace(found[0].text, ""))):
        return reading
    amount = found[0]
    value = amount.value.scaled(amount.period)
    if field not in ("age", "household_size") and not amount.unit and value.max < _BARE_MONEY:
        return reading  # 3 for an income: 3元, 3千 or 3万 — not guessed, the question stays open
    if field == "age" and not (value.exact and 0 <= value.min <= facts().ages.max):
        return reading
    s = reading.state
    fact = Fact(value=value, how="stated", message=text, words=raw)
    if on_member and field in _MEMBER_FIGURES:
        p = s.person(q.person) if q.person else s.person(s.applicant)
        if p is None:
            return reading
        setattr(p, field, fact)
        path = f"{p.key}.{field}"
    elif not on_member and field in _HOUSEHOLD_FIGURES:
        if field == "household_size":
            if not value.exact or value.min < 1:
                return reading
            s.household_size = Fact(value=int(value.min), how="stated", message=text, words=raw)
        else:
            setattr(s, field, fact)
        path = field
    else:
        return reading
    return replace(reading, changed=[path], answered=q.field, refers=True)



def _without_periods(rest: str) -> str:
    """一年一万左右 / 每月八百: the period said with the figure is part of the figure (it scales it)."""
    for word in sorted(amounts().periods, key=len, reverse=True):
        rest = rest.replace(word, "")
    return rest
