"""A short reply to the assistant's own question is about the fact asked, in every program's questions.

The reader reads each message on its own terms; this settles what it cannot know from the message alone:
- an elliptic answer (没有收入, 上小学) names nobody, so the reader gives its facts to the applicant; when the
  question was about another member they are that member's facts (the applicant keeps what it had);
- a bare figure (五千, 72, 3) answers the figure asked, in the question's own unit (the ask table asks yearly
  amounts, ages in years, the size as a count).
A message that names someone, or says facts of another kind than asked, is left as the reader read it.

``one_applicant`` keeps the applicant one person: a later message whose self or applicant word (本人, 户主,
老人, 申请人) the reader took for someone new, with nothing that sets them apart, is about the applicant
already described.

``not_known`` settles "I don't know X": the fact it names (unknowns.yaml), or the one asked, is kept as
unknown and not asked again, and the household is re-screened (no policy search for a "question" that is
only the fact not known: 标准是多少我不知道).

``correct`` settles a correction the reader could not attach (说错了，一万八是去年的，今年就一万五): a figure
said with no fact word replaces the amount it takes back — the stored amount whose figure the message
repeats, else the amount stated last — marked corrected, with the words it came from.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict

from assistant.eligibility.context import guidance
from assistant.understanding.amounts import find_amounts
from assistant.understanding.reader import Reading, normalize
from assistant.understanding.state import Fact, HouseholdState
from assistant.understanding.tables import amounts, dialogue, facts, policy

_CLAUSE = re.compile(r"[^，,。；;！!？?\n]+[？?]?")
_UNKNOWNS = Path(__file__).with_name("data") / "unknowns.yaml"


class _Topic(BaseModel):
    model_config = ConfigDict(extra="forbid")
    field: str
    words: list[str]


class _Unknowns(BaseModel):
    model_config = ConfigDict(extra="forbid")
    topics: list[_Topic]


@lru_cache(maxsize=1)
def unknowns() -> _Unknowns:
    return _Unknowns.model_validate(yaml.safe_load(_UNKNOWNS.read_text(encoding="utf-8")))


def not_known(before: HouseholdState, reading: Reading, message: str) -> Reading:
    """``reading`` with the fact the user says they do not know kept as unknown (asked no more), re-screened."""
    s = reading.state
    if not reading.unsure or reading.what_if or not s.present():
        return reading
    unsure = sorted(dialogue().unsure, key=len, reverse=True)
    clauses = [c for c in _CLAUSE.findall(reading.question or message) if any(w in c for w in unsure)]
    named = [t.field for t in unknowns().topics for c in clauses if any(w in c for w in t.words)]
    if not named and before.pending is not None and not reading.changed:
        named = [re.escape(before.pending.field)]
    if not named:
        return reading
    s.unknown = list(dict.fromkeys([*s.unknown, *named]))
    question = "".join(c for c in _CLAUSE.findall(reading.question) if c not in clauses)
    pending = before.pending.field if before.pending is not None else None
    answered = pending if pending is not None and any(re.fullmatch(f, pending) for f in named) else reading.answered
    return replace(reading, refers=True, question=question, answered=answered)

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



# facts of a person that tell two people apart (a second 本人 with another age is someone else)
_PERSON_FACTS = ("age", "disability", "serious_illness", "needs_long_term_care", "labour_capacity", "student",
                 "income_yearly", "income_kind", "income_excluded_yearly", "legal_supporters", "parents_situation",
                 "priority_care_recipient", "no_spouse", "no_children")


def one_applicant(before: HouseholdState, reading: Reading) -> Reading:
    """``reading`` with a new member related as the applicant merged into the applicant already described."""
    app = before.person(before.applicant) if before.applicant else None
    if app is None or not app.member or reading.what_if:
        return reading
    s = reading.state
    was = {p.key for p in before.members}
    target = s.person(app.key)
    twins = [p for p in s.present() if p.key not in was and p.relation is not None and p.relation.value == "self"]
    if target is None or len(twins) != 1:
        return reading
    twin = twins[0]
    if twin.gender and target.gender and twin.gender != target.gender:
        return reading
    for name in _PERSON_FACTS:
        mine, theirs = getattr(target, name), getattr(twin, name)
        if mine is not None and theirs is not None and mine.value != theirs.value:
            return reading  # told apart by a fact: someone else, left as read
    for name in _PERSON_FACTS:
        if getattr(twin, name) is not None:
            setattr(target, name, getattr(twin, name))
    target.gender = target.gender or twin.gender
    s.members = [p for p in s.members if p.key != twin.key]
    for p in s.members:
        if p.parent_of == twin.key:
            p.parent_of = target.key
    s.applicant = target.key
    changed = [f"{target.key}.{c.split('.', 1)[1]}" if c.startswith(f"{twin.key}.") else c for c in reading.changed]
    return replace(reading, changed=list(dict.fromkeys(changed)), refers=True)


def program_words(before: HouseholdState, reading: Reading, message: str) -> Reading:
    """``reading`` without a new member the reader made of a person word inside a program's name said in the
    message (儿童 in 事实无人抚养儿童, 残疾人 in 残疾人护理补贴), with nothing said of them."""
    titles = [g["title"] for g in guidance()["programs"].values()]
    was = {p.key for p in before.members}
    text = normalize(message)
    drop = {
        p.key for p in reading.state.members
        if p.key not in was and all(getattr(p, name) is None for name in _PERSON_FACTS)
        and _inside_title(p.label, text, titles)
    }
    if not drop:
        return reading
    s = reading.state
    s.members = [p for p in s.members if p.key not in drop]
    if s.applicant in drop:
        s.applicant = before.applicant
    changed = [c for c in reading.changed if c.split(".")[0] not in drop]
    return replace(reading, changed=changed)


def _inside_title(label: str, text: str, titles: list[str]) -> bool:
    """Every place ``label`` is said, it is part of a longer run of a program's title (two more characters)."""
    spots = [m.start() for m in re.finditer(re.escape(label), text)] if label else []
    if not spots:
        return False
    for at in spots:
        start, end = at, at + len(label)
        while start > 0 and any(text[start - 1:end] in t for t in titles):
            start -= 1
        while end < len(text) and any(text[start:end + 1] in t for t in titles):
            end += 1
        if end - start < len(label) + 2:
            return False
    return True


# amounts of the household a correction can replace: (path, getter) over the state
_AMOUNT_SLOTS = ("household_income_yearly", "income_excluded_yearly", "rigid_expenses_yearly",
                 "employment_costs_yearly")


def correct(before: HouseholdState, reading: Reading, message: str) -> Reading:
    """``reading`` with a correction's bare figure put in place of the amount it takes back."""
    if not reading.correction or reading.changed or reading.what_if:
        return reading
    said = [a for a in find_amounts(message) if a.value.max >= _BARE_MONEY]  # 两头猪 is no amount of money
    stored = _stored_amounts(reading.state)
    if not stored:
        return reading
    def repeats(a, fact: Fact) -> bool:
        return a.text in fact.words or fact.value.min <= a.value.scaled(a.period).min <= fact.value.max
    taken = [(path, fact) for path, fact in stored if any(repeats(a, fact) for a in said)]
    new = [a for a in said if not any(repeats(a, fact) for _, fact in stored)]
    if not new and len(taken) <= 1:
        # 是一年两千，不是每月 / 那是一年的，不是一个月的: the figure stands, the period it was said for is taken back
        last = taken[0] if taken else max(stored, key=lambda x: (x[1].message, x[1].at or 0))
        return _reperiod(reading, message, *last)
    if len(new) != 1 or len(taken) > 1:
        return reading  # which figure replaces which is not clear: left as the reader read it
    path, old = taken[0] if taken else max(stored, key=lambda x: (x[1].message, x[1].at or 0))
    amount = new[0]
    value = amount.value.scaled(amount.period if amount.period != 1.0 else _period_of(old))
    fact = Fact(value=value, how="corrected", message=reading.state.messages - 1, words=amount.text,
                at=amount.start)
    owner, _, name = path.rpartition(".")
    target = reading.state.person(owner) if owner else reading.state
    if target is None:
        return reading
    setattr(target, name, fact)
    return replace(reading, changed=[path], refers=True)


def _reperiod(reading: Reading, message: str, path: str, old: Fact) -> Reading:
    """The stored amount rescaled to the one period the correction asserts (in a clause that does not take
    it back); left as read when the message asserts no period, several, or the one already used."""
    period = _period_said(message)
    was = _period_of(old)
    if period is None or period == was:
        return reading
    fact = Fact(value=old.value.scaled(period / was), how="corrected", message=reading.state.messages - 1,
                words=message.strip(), at=0)
    owner, _, name = path.rpartition(".")
    target = reading.state.person(owner) if owner else reading.state
    if target is None:
        return reading
    setattr(target, name, fact)
    return replace(reading, changed=[path], refers=True)


def _period_said(message: str) -> float | None:
    """The one period (yearly factor) the message asserts; clauses with a word taking something back
    (不是每月) assert nothing."""
    taken_back = policy().taken_back
    factors: set[float] = set()
    for clause in re.split(r"[，,。；;！!？?\n]", normalize(message)):
        if any(w in clause for w in taken_back):
            continue
        for word in sorted(amounts().periods, key=len, reverse=True):
            if word in clause:
                factors.add(amounts().periods[word])
                clause = clause.replace(word, " ")
    return factors.pop() if len(factors) == 1 else None


def _stored_amounts(s: HouseholdState) -> list[tuple[str, Fact]]:
    out = [(name, getattr(s, name)) for name in _AMOUNT_SLOTS if getattr(s, name) is not None]
    out += [(f"{p.key}.income_yearly", p.income_yearly) for p in s.present() if p.income_yearly is not None]
    return out


def _period_of(fact: Fact) -> float:
    """The period the stored figure was said in (一个月八百 stored as 9600 from the words 八百 → 12), so a bare
    figure correcting it is read alike: one of the periods the amounts table knows, else yearly."""
    found = find_amounts(fact.words)
    if len(found) != 1 or found[0].value.min <= 0:
        return 1.0
    ratio = fact.value.min / found[0].value.min
    return next((f for f in set(amounts().periods.values()) if abs(f - ratio) < 1e-6), 1.0)


def _without_periods(rest: str) -> str:
    """一年一万左右 / 每月八百: the period said with the figure is part of the figure (it scales it)."""
    for word in sorted(amounts().periods, key=len, reverse=True):
        rest = rest.replace(word, "")
    return rest
