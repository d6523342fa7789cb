"""Read household facts from free Chinese and merge them into the conversation's household draft.

The draft is the eligibility engine's household JSON. Members are keyed by how the speaker names them
(``id`` 母亲, 老伴, 本人 …), so a later turn finds them again, and relations are derived from those ids:
the speaker when the speaker is a member, else the first person described (the applicant).

Facts are taken from statement clauses only: in ``内蒙古重残的人能单独办低保吗`` nothing is said about
the speaker's family, while ``我妈72岁一个人住在丰宁农村，能办低保吗？`` describes one and asks.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from assistant.agent.lexicon import lexicon, starts_with
from assistant.agent.numbers import Number, find_numbers
from indexer.regions import gazetteer

_CLAUSE = re.compile(r"[^，,。；;！!？?\n]+[？?]?")
_GRADE = re.compile(r"([一二三四1-4])\s*级")


@dataclass
class Reading:
    """What one message says: the updated draft (when it speaks about a household) and its question part."""

    household: dict[str, Any] | None
    question: str  # the question clauses, "" when the message only states facts
    regions: list[str] = field(default_factory=list)  # regions named anywhere in the message

    @property
    def describes_household(self) -> bool:
        return self.household is not None


@dataclass
class _Person:
    id: str
    speaker: str  # relation to the speaker


@lru_cache(maxsize=1)
def _people() -> tuple[re.Pattern[str], dict[str, _Person]]:
    lex = lexicon()
    by_word: dict[str, _Person] = {}
    for entry in lex["people"]:
        for word in entry["words"]:
            by_word[word] = _Person(entry["id"], entry["speaker"])
    for word in lex["pronouns"]:
        by_word.setdefault(word, _Person("", "focus"))
    words = sorted(by_word, key=len, reverse=True)
    return re.compile("|".join(map(re.escape, words))), by_word


def _not_speaker(after: str) -> bool:
    """我 in 我父亲, 我们家 or 我想问 does not make the speaker a member."""
    pattern, by_word = _people()
    follows = pattern.match(after)
    return bool(
        starts_with("speaker_verbs").match(after)
        or after[:1] in ("们", "家")
        or (follows and by_word[follows.group(0)].speaker != "focus")
    )


def _has(text: str, words: list[str]) -> bool:
    return any(w in text for w in words)


def _speaker_relation(member_id: str) -> str | None:
    for entry in lexicon()["people"]:
        if entry["id"] == member_id:
            return entry["speaker"]
    return None


def is_question(clause: str) -> bool:
    for phrase in lexicon()["not_question"]:
        clause = clause.replace(phrase, "")
    return _has(clause, lexicon()["question_cues"])


def read(message: str, draft: dict[str, Any] | None, last_question: str = "") -> Reading:
    """Facts of ``message`` merged into a copy of ``draft``; ``household`` is None when it states none."""
    regions = gazetteer().find(message)
    clauses = [c.strip() for c in _CLAUSE.findall(message) if c.strip()]
    statements = [c for c in clauses if not is_question(c)]
    question = "".join(c for c in clauses if is_question(c))
    h = copy.deepcopy(draft) if draft else {"members": []}
    h.setdefault("members", [])
    reader = _Reader(h, allow_unanchored=bool(draft and draft.get("members")) and not question)

    reply = _reply(message, last_question, reader) if draft else False
    for clause in statements:
        reader.clause(clause)
    anchored = reader.anchored or reply or (reader.facts and reader.allow_unanchored)
    if not anchored:
        return Reading(None, question or message, regions)
    _finish(h, reader, statements, regions)
    return Reading(h, question, regions)


class _Reader:
    def __init__(self, h: dict[str, Any], allow_unanchored: bool):
        self.h = h
        self.allow_unanchored = allow_unanchored
        self.current: list[dict[str, Any]] = []  # subjects carried from clause to clause
        self.anchored = False  # a person of the speaker's family, or the family itself, was described
        self.facts = False
        self.alone: dict[str, Any] | None = None
        self.apart: set[str] = set()

    # ---- people ---------------------------------------------------------------------------------------
    def member(self, person: _Person) -> dict[str, Any]:
        for m in self.h["members"]:
            if m.get("id") == person.id:
                return m
        m = {"id": person.id}
        self.h["members"].append(m)
        return m

    def focus(self) -> dict[str, Any] | None:
        """The person described first: 她, 他 and facts without a person refer to them."""
        return self.h["members"][0] if self.h["members"] else None

    def applicant(self) -> dict[str, Any]:
        """The speaker when a member, else the person described first."""
        members = self.h["members"]
        return next((m for m in members if m.get("id") == "本人"), members[0])

    def subjects(self, clause: str) -> list[dict[str, Any]]:
        pattern, by_word = _people()
        found: list[dict[str, Any]] = []
        for m in pattern.finditer(clause):
            person = by_word[m.group(0)]
            if person.speaker == "self" and _not_speaker(clause[m.end():]):
                continue
            if person.speaker == "focus":
                if clause[max(0, m.start() - 1) : m.start()] == "其":
                    continue  # 其他 is not 他
                target = self.current[0] if self.current else self.focus()
                if target is not None and target not in found:
                    found.append(target)
                continue
            if _has(clause[m.end():], lexicon()["apart"]):
                self.apart.add(person.id)
                continue
            member = self.member(person)
            if member not in found:
                found.append(member)
            if person.speaker in lexicon()["lives_with_speaker"]:
                self.member(_Person("本人", "self"))
        if found:
            self.current = found
        return found

    @staticmethod
    def _dependant(member: dict[str, Any]) -> bool:
        student = member.get("student") not in (None, "none")
        return student or (member.get("age") is not None and member["age"] < lexicon()["ages"]["dependant_below"])

    # ---- one clause -----------------------------------------------------------------------------------
    def clause(self, clause: str) -> None:
        """Facts of one statement clause. Naming a relative is not a description by itself (救助对象,
        孩子爸妈 occur in policy questions): the message anchors a household once a named person or
        the speaker's family (我家) comes with a fact."""
        lex = lexicon()
        found = self.subjects(clause)
        targets = found if (found and "都" in clause) else found[-1:]
        if not targets:
            targets = self.current[-1:] if self.current else []
        if not targets and self.allow_unanchored and self.focus() is not None:
            targets = [self.focus()]
        carried_child = not found and targets and self._dependant(targets[0])
        if carried_child and _has(clause, lex["income"]["words"] + lex["income"]["none"]):
            targets = [self.applicant()]  # an income said right after a schoolchild is the family's, not the child's
        said = self.household_facts(clause)
        for member in targets:
            said = self.member_facts(clause, member) or said
        if targets and _has(clause, lex["alone"]):
            self.alone = targets[-1]
            said = True
        if said:
            self.facts = True
            if self.current or _has(clause, lex["family_cues"]):
                self.anchored = True

    def household_facts(self, clause: str) -> bool:
        lex = lexicon()
        h = self.h
        before = copy.deepcopy(h)
        for area, words in lex["area"].items():
            if _has(clause, words):
                h["area"] = area
        status = h.setdefault("status", {})
        for key, prefix in (("dibao", "dibao"), ("tekun", "tekun")):
            if _has(clause, lex["status"][f"{prefix}_no"]):
                status[key] = False
            elif _has(clause, lex["status"][f"{prefix}_yes"]):
                status[key] = True
        if _has(clause, lex["status"]["alleviated_yes"]):
            status["poverty_alleviated"] = True
        if _has(clause, lex["status"]["monitored_yes"]):
            status["monitored"] = True
        if not status:
            h.pop("status")
        if _has(clause, lex["assets"]["over"]):
            h["assets_within_limit"] = False
        elif _has(clause, lex["assets"]["within"]):
            h["assets_within_limit"] = True
        for kind, words in lex["events"].items():
            if _has(clause, words):
                h["event"] = {"kind": kind}
                break
        amount = _amount(clause)
        if amount is not None and _has(clause, lex["expenses"]["rigid"]):
            h["rigid_expenses_yearly"] = amount
        elif amount is not None and _has(clause, lex["expenses"]["employment"]):
            h["employment_costs_yearly"] = amount
        # the region itself is set when the draft is finished; naming one is still a fact
        return h != before or bool(gazetteer().find(clause))

    def member_facts(self, clause: str, m: dict[str, Any]) -> bool:
        lex = lexicon()
        before = copy.deepcopy(m)
        age = _age(clause)
        if age is not None:
            m["age"] = age
        dis = _disability(clause, m.get("disability"))
        if dis is not None:
            m["disability"] = dis
        for key, table in (("serious_illness", lex["illness"]), ("needs_long_term_care", lex["care"])):
            if _has(clause, table["absent"]):
                m[key] = False
            elif _has(clause, table["present"]):
                m[key] = True
        for kind, words in lex["students"].items():
            if _has(clause, words):
                m["student"] = kind
                break
        for kind in ("none", "unable", "able"):
            if _has(clause, lex["supporters"][kind]):
                m["legal_supporters"] = kind
                break
        income = lex["income"]
        if _has(clause, income["none"]):
            m["income_yearly"] = 0.0
        elif not _has(clause, lex["expenses"]["rigid"] + lex["expenses"]["employment"]):
            amount = _amount(clause, require_money=not _has(clause, income["words"] + income["excluded"]))
            if amount is not None:
                m["income_yearly"] = amount
                if _has(clause, income["excluded"]):
                    self.h["income_excluded_yearly"] = self.h.get("income_excluded_yearly", 0.0) + amount
        return m != before


# ---- single facts -----------------------------------------------------------------------------------
def _age(clause: str) -> int | None:
    ages = lexicon()["ages"]
    for n in find_numbers(clause):
        after = clause[n.end:]
        for approx in ["", *ages["approx"]]:
            if any(after.startswith(approx + s) for s in ages["suffix"]):
                return int(n.value)
    return None


def _amount(clause: str, require_money: bool = True) -> float | None:
    """A money amount in the clause as a yearly figure (× the period stated next to it)."""
    found: Number | None = None
    for n in find_numbers(clause):
        after = clause[n.end:]
        money = bool(starts_with("units", "money").match(after)) or n.text[-1] in "万千"
        if money or (not require_money and not starts_with("units", "not_money").match(after) and n.value >= 10):
            found = n
            break
    if found is None:
        return None
    factor = 1
    for word, f in lexicon()["periods"].items():
        if word in clause:
            factor = f
            break
    return float(found.value * factor)


def _disability(clause: str, current: dict[str, Any] | None) -> dict[str, Any] | None:
    lex = lexicon()["disability"]
    if _has(clause, lex["none"]):
        return {"category": "none"}
    category = next((c for c, words in lex["categories"].items() if _has(clause, words)), None)
    mentions = category or _has(clause, lex["words"] + lex["certificate"] + lex["severe"])
    if not mentions:
        return None
    dis = dict(current or {})
    if dis.get("category") == "none":
        dis = {}
    if category:
        dis["category"] = category
    grade = _GRADE.search(clause)
    if grade:
        values = find_numbers(grade.group(1))
        dis["grade"] = int(values[0].value)
    if _has(clause, lex["no_certificate"]):
        dis["certified"] = False
    elif _has(clause, lex["certificate"]):
        dis["certified"] = True
    return dis


# ---- yes/no replies to the previous question --------------------------------------------------------
def _reply(message: str, last_question: str, reader: _Reader) -> bool:
    lex = lexicon()["replies"]
    word = re.sub(r"[\s，,。.！!？?~～啊呀吧呢哦的了]+$", "", message.strip())
    answer = True if word in lex["affirm"] else False if word in lex["deny"] else None
    if answer is None or not last_question:
        return False
    target = next((q["field"] for q in lex["questions"] if _has(last_question, q["words"])), None)
    if target is None:
        return False
    h = reader.h
    member = next((m for m in h["members"] if m.get("id") and last_question.startswith(m["id"])), reader.focus())
    if target == "assets_within_limit":
        h["assets_within_limit"] = answer
    elif target == "status.dibao":
        h.setdefault("status", {})["dibao"] = answer
    elif target == "event":
        if answer is False:
            h["event"] = {"kind": "none"}
    elif member is None:
        return False
    elif target == "legal_supporters":
        if answer is False:
            member["legal_supporters"] = "none"
    else:
        member[target] = answer
    return True


# ---- the finished draft -----------------------------------------------------------------------------
def _finish(h: dict[str, Any], reader: _Reader, statements: list[str], regions: list[str]) -> None:
    if reader.alone is not None:
        h["members"] = [reader.alone]
    h["members"] = [m for m in h["members"] if m.get("id") not in reader.apart]
    named = gazetteer().find("".join(statements)) or ([] if h.get("region") else regions)
    if named:
        h["region"] = region_fields(named)
    _relations(h["members"])


def region_fields(names: list[str]) -> dict[str, str]:
    """{province, prefecture, county} of the most specific region named, filled in from the gazetteer."""
    g = gazetteer()
    deepest = max(names, key=lambda n: len(g.ancestors(n)))
    out: dict[str, str] = {}
    for name in [deepest, *g.ancestors(deepest)]:
        level = g.by_name[name].level if name in g.by_name else "province"
        out.setdefault(level, name)
    return out


def _relations(members: list[dict[str, Any]]) -> None:
    if not members:
        return
    speakers = {m["id"]: _speaker_relation(m["id"]) or "other" for m in members if m.get("id")}
    if "本人" in speakers:
        for m in members:
            m["relation"] = speakers.get(m.get("id", ""), "other")
        return
    applicant = speakers.get(members[0].get("id", ""), "other")
    table = lexicon()["rebase"].get(applicant, {})
    for i, m in enumerate(members):
        m["relation"] = "self" if i == 0 else table.get(speakers.get(m.get("id", ""), "other"), "other")
