"""Case (application) items: a household the rules engine screens, “是否符合…？”, with the key, the
reasoning and the citation taken from the engine's result (through quiz/screening.py)."""

from __future__ import annotations

import copy
import hashlib
import itertools
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from random import Random
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field

from indexer.models import Citation
from indexer.regions import gazetteer
from indexer.settings import Settings

from .models import TF_OPTIONS, CaseOption, CaseSpec, QuizItem
from .screening import Condition, Screening, reconcile, screen
from .sources import own_titles, source_name

_FILE = Path(__file__).with_name("data") / "cases.yaml"
_ISSUED = re.compile(r"〔(\d{4})〕")
ENGINE_PARAMETERS = "local_parameters."  # household-schema prefix of the engine's local parameters


class Setting(BaseModel):
    region: dict[str, str]
    label: str
    area: Literal["rural", "urban"]
    date: str


class Vary(BaseModel):
    member: int
    field: str
    values: list


class Unknown(BaseModel):
    """A member fact the stem leaves open (the engine then asks for it: a "needs information" case)."""

    member: int
    field: str


class Scenario(BaseModel):
    program: str
    topics: list[str]
    members: list[list[str]]
    income_factors: list[float]
    vary: list[Vary] = Field(default_factory=list)
    programs: list[str] = Field(default_factory=list)  # program "programs": the ones screened
    local_parameters: dict[str, float] = Field(default_factory=dict)  # values the stem states
    stated: str = ""  # how the stem states them
    household: dict = Field(default_factory=dict)  # household facts other than the defaults (status, event)
    # household amounts as a share of the threshold × household size (刚性支出, 就业成本, 不计入收入)
    scaled: dict[str, float] = Field(default_factory=dict)
    unknown: list[Unknown] = Field(default_factory=list)
    settings: list[str] = Field(default_factory=list)  # the settings (labels) it is set in; empty: every one


class Misconception(BaseModel):
    claim: Literal["meets", "does_not_meet"]
    text: str
    why: str


class Duty(BaseModel):
    """The kinship term of a supporter's duty for a person of an age (赡养 elders, 抚养 children)."""

    below: int | None = None  # ages under this
    term: str
    # who the legal supporters are, by the household's `legal_supporters` value (able/unable/none): a
    # stem names them, since a spouse would be a household member and change the household
    who: dict[str, str] = Field(default_factory=dict)


class ProgramMisconception(Misconception):
    """A wrong reading of one program's rules, offered where the engine's result has ``status``."""

    program: str
    status: Literal["meets", "does_not_meet"]
    # what the option takes as given (matched on a condition's wording): offered only where the engine
    # found that condition met, so the stem's own numbers never rule the option out
    premise: str = ""


class Reason(BaseModel):
    """A condition as an option states it, met or failed, matched on the engine's wording: the key and
    the wrong options give their reason in the same words, so wording never singles out the key."""

    pattern: str
    met: str
    failed: str


class Asked(BaseModel):
    """A fact a "needs information" option names: a ``field`` of the engine's missing facts (a member's
    index is read as {who}) and how the option names it."""

    field: str
    text: str
    given: bool = False  # every stem states it: asking for it first is a wrong option


class Wording(BaseModel):
    """How an option names a condition the engine words as a policy sentence (matched on that wording)."""

    pattern: str
    text: str


class Dependency(BaseModel):
    """A program granted through another one's status (困难残疾人生活补贴 to 低保 households): a household
    not yet holding ``status`` is offered it with ``text`` after its name."""

    status: str
    program: str  # the program that gives the status
    text: str


class CaseTable(BaseModel):
    model_config = ConfigDict(extra="forbid")

    schema_: int = Field(alias="schema")
    default_share: float = Field(ge=0, le=1)
    parent_age_gap: int = Field(18, ge=0)  # a parent at least this much older than the head
    spouse_age_gap: int = Field(99, ge=0)  # a spouse at most this far from the head's age
    statement_share: float = Field(0.0, ge=0, le=1)  # single-program households asked as true/false
    settings: list[Setting]
    profiles: dict[str, dict]
    household: dict
    scenarios: list[Scenario]
    labels: dict
    misconceptions: dict[str, Misconception]
    negation: str  # a condition worded as a negation: "不满足“无…”" as a wrong option is a double negative
    duties: list[Duty]
    depends_on: dict[str, Dependency] = Field(default_factory=dict)
    program_misconceptions: list[ProgramMisconception] = Field(default_factory=list)
    # a condition the stem states as a fact (matched on the engine's wording): never a wrong option
    stated: str = "$^"
    wordings: list[Wording] = Field(default_factory=list)
    reasons: list[Reason] = Field(default_factory=list)
    asked: list[Asked] = Field(default_factory=list)


@lru_cache
def case_table() -> CaseTable:
    return CaseTable.model_validate(yaml.safe_load(_FILE.read_text(encoding="utf-8")))


RELATIONS = ("self", "spouse", "child", "parent")
MAX_PER_STANDARD = 2  # case items of one quiz on one program's standard in one place and year


def standard_of(item: QuizItem) -> str:
    """The standard a case item applies: its program in its place at its date."""
    return f"{item.case.program}|{item.case.setting}|{item.case.household['date']}"


def _facts_of(household: dict) -> dict[tuple, str]:
    """A household as separate facts: each member's (income apart), and the per-person income. The
    place is no fact of its own: the same household in another county is the same exercise."""
    out: dict[tuple, str] = {}
    for i, m in enumerate(household["members"]):
        out |= {(i, k): json.dumps(v, sort_keys=True) for k, v in m.items() if k != "income_yearly"}
    total = sum(m.get("income_yearly") or 0 for m in household["members"])
    out[("income",)] = str(round(total / len(household["members"])))
    return out


def template_of(household: dict) -> str:
    """A household's members as a stem describes them, incomes and place aside: two households of one
    template read as the same exercise with other figures (40岁 肢体1级 beside 72岁 父母)."""
    return json.dumps(
        [{k: v for k, v in m.items() if k not in ("income_yearly", "income_excluded_yearly", "id")}
         for m in household["members"]],
        sort_keys=True, ensure_ascii=False,
    )


def profile_of(household: dict) -> str:
    """A household's members with their ages and incomes, place aside: one profile asked twice in a
    trainer's series reads as the same exercise."""
    return json.dumps([{k: v for k, v in m.items() if k != "id"} for m in household["members"]],
                      sort_keys=True, ensure_ascii=False)


def plausible(members: list[dict]) -> bool:
    """Ages a reader takes for a real family: each parent older than the head by cases.yaml
    parent_age_gap, each spouse within spouse_age_gap of the head."""
    t = case_table()
    head = members[0].get("age")
    for m in members[1:]:
        age = m.get("age")
        if head is None or age is None:
            continue
        if m["relation"] == "parent" and age < head + t.parent_age_gap:
            return False
        if m["relation"] == "spouse" and abs(age - head) > t.spouse_age_gap:
            return False
    return True


def near_identical(a: dict, b: dict) -> bool:
    """Two households that differ in at most one fact (one member's condition, or the income), in
    any place: asked in one quiz, the second item is the first with one word changed."""
    if len(a["members"]) != len(b["members"]):
        return False
    fa, fb = _facts_of(a), _facts_of(b)
    return sum(fa.get(k) != fb.get(k) for k in fa.keys() | fb.keys()) <= 1


def households(scenario: Scenario, setting: Setting, threshold: float) -> list[dict]:
    """Every household of ``scenario`` in ``setting``, incomes placed around the engine's threshold."""
    t = case_table()
    out = []
    variants = [list(zip(itertools.repeat(v), v.values, strict=False)) for v in scenario.vary] or [[None]]
    for names in scenario.members:
        for factor in scenario.income_factors:
            for combo in itertools.product(*variants):
                members = [_member(t.profiles[name], i, names) for i, name in enumerate(names)]
                for m in members[1:]:
                    if m["relation"] == "parent" and m["age"] < members[0]["age"] + t.parent_age_gap:
                        m["relation"] = "spouse"  # too young to be the head's parent: an elderly couple
                for pair in combo:
                    if pair is not None:
                        vary, value = pair
                        if vary.member < len(members):
                            members[vary.member][vary.field] = copy.deepcopy(value)
                if not plausible(members):
                    continue  # a spouse of another generation (31 and 72) reads as an error, not a case
                _incomes(members, names, round(threshold * factor / 100) * 100)
                for u in scenario.unknown:
                    if u.member < len(members):
                        members[u.member][u.field] = None
                scaled = {k: float(round(threshold * v * len(members) / 100) * 100) for k, v in scenario.scaled.items()}
                out.append(
                    {
                        **copy.deepcopy(t.household),
                        **copy.deepcopy(scenario.household),
                        **scaled,
                        "region": setting.region,
                        "area": setting.area,
                        "date": setting.date,
                        "members": members,
                        "local_parameters": dict(scenario.local_parameters),
                    }
                )
    return out


def _member(profile: dict, i: int, names: list[str]) -> dict:
    member = copy.deepcopy(profile)
    relation = "self" if i == 0 else "child" if member.get("student") not in (None, "none") else "spouse"
    if i > 0 and relation == "spouse" and names[:i].count(names[i]) == 0 and member["age"] > 60:
        relation = "parent"
    relation = member.pop("relation", relation)  # a profile may fix it (a grandchild living with a grandparent)
    member.update(id=f"p{i + 1}", relation=relation, income_yearly=0,
                  parents_situation=member.get("parents_situation"))
    return member


def _incomes(members: list[dict], names: list[str], per_person: float) -> None:
    """The household's income split over its earners (members not at school), per person ``per_person``."""
    earners = [m for m in members if m.get("student") in (None, "none")] or members
    total = per_person * len(members)
    share = round(total / len(earners) / 100) * 100
    for m in earners:
        m["income_yearly"] = float(share)
    earners[0]["income_yearly"] = float(total - share * (len(earners) - 1))
    for m in members:
        # a profile's uncounted share of its income (高龄津贴 …): part of the income the stem gives
        part = m.pop("excluded_share", 0)
        if part and m["income_yearly"]:
            m["income_excluded_yearly"] = float(round(m["income_yearly"] * part / 100) * 100)


def _threshold(scenario: Scenario, setting: Setting, settings: Settings | None) -> float | None:
    probe = households(scenario.model_copy(update={"income_factors": [0.0], "vary": []}), setting, 1.0)[0]
    result = screen(probe, scenario.programs[0] if scenario.programs else scenario.program, settings)
    return next((float(c.threshold) for c in result.conditions if isinstance(c.threshold, float)), None)


def describe(household: dict, setting_label: str) -> str:
    """The household as a stem states it: place, time, members and their facts."""
    labels = case_table().labels
    year, month = household["date"][:4], int(household["date"][5:7])
    parts = []
    for m in household["members"]:
        single = len(household["members"]) == 1
        bits = [("" if single else labels["relation"][m["relation"]]) + f"{m['age']}岁"]
        d = m.get("disability") or {}
        if d.get("category") not in (None, "none"):
            held = "certified" if d.get("certified", True) else "uncertified"
            bits.append(labels["disability_card"][held].format(kind=labels["disability"][d["category"]], grade=d["grade"]))
        if m.get("serious_illness"):
            bits.append(labels["serious_illness"])
        if m.get("needs_long_term_care"):
            bits.append(labels["long_term_care"])
        elif d.get("category") not in (None, "none") and m.get("needs_long_term_care") is False:
            bits.append(fragment(labels["no_long_term_care"], household, m))  # the care subsidy turns on it
        if m.get("priority_care_recipient"):
            bits.append(labels["priority_care"])
        if m.get("student") not in (None, "none"):
            bits.append(labels["student"][m["student"]])
        if m.get("parents_situation"):
            bits.append(labels["parents"].format(*(labels["parent_situation"][p] for p in m["parents_situation"])))
        income = m.get("income_yearly")
        if income is None:
            bits.append(labels["unknown"]["income_yearly"])
        else:
            bits.append(f"年收入{income:g}元" if income else labels["no_income"])
        if m.get("income_excluded_yearly"):
            bits.append(labels["excluded_part"].format(amount=f"{m['income_excluded_yearly']:g}"))
        elif income:
            bits += [n["text"] for n in labels["income_nature"] if m.get(n["field"])]
        if single:
            bits.append(supporters(m))
        parts.append("，".join(bits))
    area = labels["area"][household["area"]]
    size = len(household["members"])
    head = f"{setting_label}{area}一户{size}口人（{year}年{month}月）" if size > 1 else (
        f"{setting_label}{area}一位独居居民（{year}年{month}月）"
    )
    said = labels["status_single"] if size == 1 else labels["status"]
    status = "".join(
        fragment(said[k], household) for k, v in (household.get("status") or {}).items() if v and k in said
    )
    event = household.get("event") or {}
    happened = ""
    if event.get("kind") not in (None, "none"):
        happened = labels["event"][event["kind"]] + (labels["severe_hardship"] if event.get("severe_hardship") else "") + "。"
    amounts = [
        text.format(amount=f"{household[k]:g}") for k, text in labels["amounts"].items() if household.get(k)
    ]
    # the closing facts in one of several wordings (seeded by the household), so no stem reads as a template
    rng = Random(json.dumps(household, ensure_ascii=False, sort_keys=True))
    closing = "，".join([*amounts, labels["no_more"]]) if amounts else rng.choice(labels["nothing_else"])
    return f"{head}：{'；'.join(parts)}。{status}{happened}{rng.choice(labels['assets'])}，{closing}。"


def fragment(variants: list[dict], household: dict, member: dict | None = None) -> str:
    """The first wording whose preconditions (cases.yaml `when`) hold for the household and member."""
    for v in variants:
        if all(_holds(k, want, household, member) for k, want in (v.get("when") or {}).items()):
            return v["text"]
    raise ValueError(f"no wording fits the household: {variants}")


def _holds(name: str, want, household: dict, member: dict | None) -> bool:
    members = household["members"]
    if name == "earner":
        return any((m.get("income_yearly") or 0) > 0 for m in members) == want
    if name == "student":
        return any(m.get("student") not in (None, "none") for m in members) == want
    if name == "min_grade":
        grade = ((member or {}).get("disability") or {}).get("grade")
        return grade is not None and int(grade) >= want
    raise ValueError(f"unknown precondition in cases.yaml: {name}")


def _duty(age: int) -> Duty:
    return next(d for d in case_table().duties if d.below is None or age < d.below)


def duty_term(age: int) -> str:
    return _duty(age).term


def supporters(member: dict) -> str:
    """Who a person living alone can rely on, as the stem states it."""
    duty, status = _duty(member["age"]), member["legal_supporters"]
    if status is None:
        return case_table().labels["unknown"]["legal_supporters"]
    generic = case_table().labels["supporters"][status].format(duty=duty.term)
    return f"{duty.who[status]}（{generic}）" if status in duty.who else generic


def case_year(household: dict) -> int:
    return int(household["date"][:4])


def postdated(result: Screening, household: dict) -> list[str]:
    """Regulations the result rests on that were issued after the case's date: a case cannot be
    decided by rules that did not yet exist (a regulation's year is read from its 〔YYYY〕 number)."""
    year = case_year(household)
    refs = [r for c in result.conditions for r in c.external] + [b.title for c in result.conditions for b in c.basis]
    return list(dict.fromkeys(r for r in refs if (m := _ISSUED.search(r)) and int(m.group(1)) > year))


def stated_averages(result: Screening) -> str:
    """The provincial averages the engine applied, as the stem states them (no county's standard), and
    any value applied past its validity with the year it is of (never a past figure read as current)."""
    labels = case_table().labels
    text = "".join(labels["average"].format(label=a.label, value=f"{a.value:g}", unit=a.unit) for a in result.averages)
    return text + "".join(
        labels["stale"].format(label=s.label, value=f"{s.value:g}", unit=s.unit, year=s.year, until=s.until)
        for s in result.stale
    )


def reason(what: str, met: bool) -> str:
    """A condition as an option gives it, met or failed (cases.yaml reasons; else the engine's words)."""
    for r in case_table().reasons:
        if re.search(r.pattern, what):
            return r.met if met else r.failed
    return what if met else f"不满足“{worded(what)}”"


def _worded_reasons(conditions: list[Condition], met: bool) -> str:
    return "；".join(dict.fromkeys(reason(c.what, met) for c in conditions))


def _asked(field: str, household: dict) -> str:
    """How an option names a fact to ask first (a member's index read as the member)."""
    labels = case_table().labels["relation"]
    generic = re.sub(r"\[\d+\]", "[]", field)
    at = re.search(r"\[(\d+)\]", field)
    who = labels.get(household["members"][int(at.group(1))]["relation"], "") if at else ""
    if len(household["members"]) == 1:
        who = case_table().labels["self"]
    text = next((a.text for a in case_table().asked if a.field == generic), field)
    return text.format(who=who)


def options_for(result: Screening, household: dict) -> list[CaseOption] | None:
    """The correct reading of the engine's result and wrong ones, each a typed claim the validator can
    check against a fresh screening; None when the result cannot make a clear item. Every option gives
    its conclusion with a reason in the same form (“符合：…” / “不符合：…” / “暂不能判断：…”)."""
    table = case_table()
    if result.status == "needs_info":
        return _needs_info_options(result, household)
    if any(c.passed is None for c in result.conditions):
        return None
    stated = re.compile(table.stated)
    lead = table.labels["options"]
    failed = result.failed()
    # a condition the stem states as satisfied (a yes/no fact such as the assets check, a certificate)
    # tempts nobody as a reason for refusal: such conditions are never a wrong option
    # nor is a comparison the stem prints both sides of without arithmetic (an age against 18周岁): only a
    # money test, whose per-person figure the trainee works out, tempts as a failed reason
    money = table.labels["explain"]["money"]
    passed = [c for c in result.passed() if not stated.search(c.what) and not isinstance(c.value, bool)
              and not (isinstance(c.threshold, float) and money not in c.unit)]
    numeric = next((c for c in result.conditions if isinstance(c.threshold, float)), None)
    out: list[CaseOption] = []
    if result.status == "meets":
        # one reason, as every wrong option gives one: the condition the cited clause rests on first
        cited = basis_of(result)
        # an income check passed with no income at all decides nothing a trainee could doubt
        reasons = sorted(passed or result.passed(), key=lambda c: (
            isinstance(c.threshold, float) and not c.value, cited not in c.basis, not isinstance(c.threshold, float)))
        out.append(CaseOption(text=lead["meets"] + reason(reasons[0].what, True), claim="meets"))
    else:
        names = [c.what for c in failed]
        out.append(CaseOption(text=lead["does_not_meet"] + _worded_reasons(failed, False), claim="does_not_meet",
                              failed=names))
        # the failed condition read as met: the slip of a trainee who compares the wrong figures (never
        # a fact the stem states as it is, such as a certificate not held)
        if not all(stated.search(c.what) for c in failed):
            out.append(CaseOption(text=lead["meets"] + _worded_reasons(failed, True), claim="meets"))
    out += [CaseOption(text=lead["does_not_meet"] + reason(c.what, False), claim="does_not_meet", failed=[c.what])
            for c in passed]
    out += _misconceptions(result, household, numeric)
    held = {c.what for c in result.passed()}
    out += [
        CaseOption(text=m.text, claim=m.claim, misconception=f"{m.program}:{i}")
        for i, m in enumerate(table.program_misconceptions)
        if m.program == result.program and m.status == result.status
        and (not m.premise or any(re.search(m.premise, w) for w in held))
    ]
    unique = list({o.text: o for o in out}.values())
    return unique[:4] if len(unique) >= 3 else None


def _needs_info_options(result: Screening, household: dict) -> list[CaseOption] | None:
    """“Ask for the missing facts first”: the key names what the engine needs; the wrong options decide
    without it either way, or ask for a fact the stem already gives."""
    fields = [m.field for m in result.missing]
    # a missing local parameter is a gap in the engine's tables, not a fact to ask the household: with no
    # income at all the household would meet any standard, and a trainer keys it so
    if not fields or any(f.startswith(ENGINE_PARAMETERS) for f in fields):
        return None
    asked = "、".join(dict.fromkeys(_asked(f, household) for f in fields))
    open_ = [c for c in result.conditions if c.passed is None]
    lead = case_table().labels["options"]
    out = [
        CaseOption(text=lead["needs_info"].format(facts=asked), claim="needs_info", missing=fields),
        CaseOption(text=lead["meets"] + _worded_reasons(open_, True), claim="meets"),
        CaseOption(text=lead["does_not_meet"] + _worded_reasons(open_, False), claim="does_not_meet",
                   failed=[c.what for c in open_]),
    ]
    given = [a for a in case_table().asked if a.given and a.field not in fields]
    if given:
        a = Random(json.dumps(household, sort_keys=True)).choice(given)
        out.append(CaseOption(text=lead["needs_info"].format(facts=a.text), claim="needs_info", missing=[a.field]))
    return list({o.text: o for o in out}.values())


def worded(what: str) -> str:
    """The condition as the household fails it, where the engine words it as a policy sentence."""
    for w in case_table().wordings:
        if re.search(w.pattern, what):
            return w.text
    return what


def _misconceptions(result: Screening, household: dict, numeric: Condition | None) -> list[CaseOption]:
    if numeric is None or len(household["members"]) < 2:
        return []
    table = case_table().misconceptions
    labels = case_table().labels["relation"]
    threshold = float(numeric.threshold)
    members = household["members"]
    total = sum(m.get("income_yearly") or 0 for m in members)
    out = []
    m = table["total_income"]
    # the total-income slip tempts only where meeting means being below the line (not 渐退期, above it)
    below = isinstance(numeric.value, float) and numeric.value < threshold
    if result.status == "meets" and below and total >= threshold:
        out.append(CaseOption(text=m.text.format(total=f"{total:g}"), claim=m.claim, misconception="total_income"))
    deducted = sum(household.get(k) or 0 for k in case_table().labels["amounts"])
    gross = total / len(members)
    m = table.get("gross_income")
    if m is not None and deducted and result.status == "meets" and below and gross >= threshold:
        out.append(CaseOption(text=m.text.format(gross=f"{gross:g}"), claim=m.claim, misconception="gross_income"))
    m = table["member_income"]
    low = [x for x in members if 0 < (x.get("income_yearly") or 0) < threshold]
    if result.status == "does_not_meet" and low:
        who = labels[low[0]["relation"]]
        text = m.text.format(who=who, income=f"{low[0]['income_yearly']:g}")
        out.append(CaseOption(text=text, claim=m.claim, misconception="member_income"))
    return out


def consistent(option: CaseOption, result: Screening) -> bool:
    """Whether an option's claim agrees with the engine's result."""
    if option.claim != result.status:
        return False
    if option.misconception:
        return False  # its reasoning is wrong even where its conclusion would hold
    if option.claim == "does_not_meet":
        return set(option.failed) == {c.what for c in result.failed()}
    if option.claim == "needs_info":
        return set(option.missing) == {m.field for m in result.missing}
    return True


def deciding(result: Screening) -> list[Condition]:
    """The conditions the key rests on: the failed ones, the met ones, or the open ones."""
    if result.status == "needs_info":
        return [c for c in result.conditions if c.passed is None]
    return result.failed() if result.status == "does_not_meet" else result.passed()


def cited_source(citation: Citation, settings: Settings | None = None) -> str:
    """The cited document as a stem names it: its own title in 书名号, else what kind of material it is."""
    from .chunks import load_chunks

    chunks = load_chunks(settings or Settings())
    doc = [c for c in chunks if c.doc_id == citation.doc_id]
    if not doc:
        return source_name(citation.title, "", True)
    return source_name(doc[0].title, doc[0].kind, own_titles(doc).get(citation.doc_id, True))


def explanation(
    result: Screening, correct: CaseOption, citation: Citation, household: dict, settings: Settings | None = None
) -> str:
    """Every check with the household's facts and its verdict, the income computation where there is
    one to do, what must be asked first, and the clause (and regulations) the key rests on."""
    words = case_table().labels["explain"]
    verdict = {True: words["met"], False: words["failed"], None: words["open"]}
    parts = [words["answer"].format(key=correct.text)]
    for c in result.conditions:
        if isinstance(c.value, float) and isinstance(c.threshold, float):
            parts.append(words["compared"].format(what=c.what, value=f"{c.value:g}", threshold=f"{c.threshold:g}",
                                                  unit=c.unit, verdict=verdict[c.passed]))
        elif isinstance(c.value, str) and c.value:
            parts.append(words["checked"].format(what=c.what, value=c.value, verdict=verdict[c.passed]))
        else:
            parts.append(words["judged"].format(what=c.what, verdict=verdict[c.passed]))
    deductions = any(household.get(k) for k in case_table().labels["amounts"]) or any(
        m.get("income_excluded_yearly") for m in household["members"]
    )
    income_test = any(isinstance(c.threshold, float) and words["money"] in c.unit for c in result.conditions)
    if result.formula and income_test and (len(household["members"]) > 1 or deductions):
        parts.append(words["income"].format(formula=result.formula))
    if result.status == "needs_info":
        parts.append(words["ask"].format(questions="".join(m.question for m in result.missing)))
    parts.append(words["basis"].format(source=cited_source(citation, settings), quote=citation.quote))
    external = list(dict.fromkeys(r for c in deciding(result) for r in c.external))
    if external:
        parts.append(words["see_also"].format(refs="、".join(external[:3])))
    return "".join(parts) + "。"


def basis_of(result: Screening) -> Citation | None:
    """The clause the key rests on: that of a deciding condition, a numeric one first; None when no
    deciding condition rests on a clause of the corpus (the item would cite a clause beside the point)."""
    order = sorted(deciding(result), key=lambda c: not isinstance(c.threshold, float))
    if result.status == "needs_info":
        # the open check rests on a regulation outside the corpus: the clause the checks it leaves
        # standing rest on (the local standard the income is compared with) is what the item cites
        order += sorted(result.passed(), key=lambda c: not isinstance(c.threshold, float))
    return next((c.basis[0] for c in order if c.basis), None)


def difficulty_signals(result: Screening, household: dict) -> dict[str, float]:
    """What answering needs: the checks to weigh beyond the first (facts the stem states as met apart),
    the arithmetic (per-person income, deductions), and whether the standard must be known."""
    stated = re.compile(case_table().stated)
    checks = [c for c in result.conditions if not stated.search(c.what) and not isinstance(c.value, bool)]
    deductions = any(household.get(k) for k in case_table().labels["amounts"]) or any(
        m.get("income_excluded_yearly") for m in household["members"]
    )
    numeric = any(isinstance(c.threshold, float) for c in result.conditions)
    return {
        "conditions": float(max(len(checks) - 1, 0)),
        "computation": (1.0 if len(household["members"]) > 1 and numeric else 0.0) + (1.0 if deductions else 0.0),
        "standard_unstated": 1.0 if numeric and not (result.averages or result.stale or household.get("local_parameters"))
        else 0.0,
    }


@dataclass(frozen=True)
class Candidate:
    """A household not yet screened: screening happens only for the candidates a quiz reaches."""

    scenario: Scenario
    setting: Setting
    household: dict
    statement: bool = False  # asked as a true/false statement (“该户符合…的条件。”)

    @property
    def program(self) -> str:
        return self.scenario.program

    @property
    def item_type(self) -> str:
        return "multiple" if self.scenario.programs else "tf" if self.statement else "single"

    def item(self, settings: Settings | None = None) -> QuizItem | None:
        from .difficulty import estimate

        if self.scenario.programs:
            return programs_item(self.scenario, self.setting, self.household, settings, estimate)
        if self.statement:
            return statement_item(self.scenario, self.setting, self.household, settings, estimate)
        return case_item(self.scenario, self.setting, self.household, settings, estimate)


def case_candidates(
    rng: Random,
    topics: set[str] | None = None,
    region: list[str] | None = None,
    settings: Settings | None = None,
) -> list[Candidate]:
    """Every household the data's scenarios and settings make, in a seeded order."""
    table = case_table()
    g = gazetteer()
    out: list[Candidate] = []
    for scenario in table.scenarios:
        if topics and not topics & set(scenario.topics):
            continue
        for setting in table.settings:
            if scenario.settings and setting.label not in scenario.settings:
                continue
            place = setting.region.get("county") or setting.region.get("prefecture") or setting.region["province"]
            if region and not any(g.related(place, r) for r in region):
                continue
            # a program without an income test (a disability subsidy) gets no income
            threshold = _threshold(scenario, setting, settings) or 0.0
            # a share of single-program households is asked as a true/false statement (cases.yaml)
            out += [
                Candidate(scenario, setting, h, statement=not scenario.programs and rng.random() < table.statement_share)
                for h in households(scenario, setting, threshold)
            ]
    rng.shuffle(out)
    return out


def _fact_key(scenario: Scenario, setting: Setting, result: Screening, household: dict) -> str:
    """What a case item tests: a program's outcome for a household shape in a place; an "ask first"
    item tests the facts to ask for, in any place (one such item per set of facts is enough)."""
    if result.status == "needs_info":
        fields = "+".join(sorted(re.sub(r"\d+", "", m.field) for m in result.missing))
        return f"case|{scenario.program}|needs_info|{fields}"
    shape = "+".join(sorted(m["relation"] for m in household["members"]))
    # the route the verdict takes (a 60-year-old or a supported minor; which parent situations; which
    # check fails) is part of what is tested; a figure is not (another income, the same lesson)
    route = "+".join(sorted(
        c.what + (f"={c.value}" if isinstance(c.value, str) else "") for c in deciding(result)
    ))
    shape += f"|{hashlib.sha1(route.encode()).hexdigest()[:8]}"
    extra = "+".join(k for k in case_table().labels["amounts"] if household.get(k))
    if any(m.get("income_excluded_yearly") for m in household["members"]):
        extra += "+excluded"
    return f"case|{scenario.program}|{setting.label}|{result.status}|{shape}|{extra}"


def _one_program(scenario: Scenario, setting: Setting, household: dict, settings, ask: str):
    """What a case item on one program needs from the engine: its result, the clause it rests on and the stem
    ending in the ``ask`` form of cases.yaml; None when the case predates a rule it uses or has no clause."""
    result = screen(household, scenario.program, settings)
    if postdated(result, household):
        return None
    citation = basis_of(result)
    if citation is None:
        return None
    stated = scenario.stated.format(**scenario.local_parameters) + stated_averages(result)
    title = result.title.replace("“", "‘").replace("”", "’")
    stem = describe(household, setting.label) + stated + case_table().labels["ask"][ask].format(title=title)
    return result, citation, stem


def _case_quiz_item(
    tag: str, body: str, kind: str, stem: str, texts: list[str], answer: list[int], *, scenario: Scenario,
    explanation: str, citation, signals: dict, estimate, fact_key: str, case: CaseSpec,
    distractors: list[str] | None = None,
) -> QuizItem:
    """The fields every case item shares: an apply-level item worth 10, keyed by its household."""
    level, score = estimate(signals)
    return QuizItem(
        id=hashlib.sha1(f"case|{tag}{body}".encode()).hexdigest()[:10],
        type=kind,
        stem=stem,
        options=texts,
        answer=answer,
        key=[texts[i] for i in answer],
        distractors=[t for i, t in enumerate(texts) if i not in answer] if distractors is None else distractors,
        cloze=stem,
        explanation=explanation,
        citation=citation,
        difficulty=level,
        difficulty_score=score,
        difficulty_signals=signals,
        bloom="apply",
        topics=scenario.topics,
        fact_kind="case",
        fact_key=fact_key,
        value=10.0,
        case=case,
    )


def case_item(scenario: Scenario, setting: Setting, household: dict, settings, estimate) -> QuizItem | None:
    found = _one_program(scenario, setting, household, settings, "single")
    if found is None:
        return None
    result, citation, stem = found
    options = options_for(result, household)
    if options is None:
        return None
    correct = [o for o in options if consistent(o, result)]
    if len(correct) != 1:
        return None
    body = json.dumps(household, ensure_ascii=False, sort_keys=True)
    Random(body).shuffle(options)
    return _case_quiz_item(
        f"{scenario.program}|", body, "single", stem, [o.text for o in options], [options.index(correct[0])],
        scenario=scenario,
        explanation=explanation(result, correct[0], citation, household, settings),
        citation=citation,
        signals=difficulty_signals(result, household),
        estimate=estimate,
        fact_key=_fact_key(scenario, setting, result, household),
        case=CaseSpec(program=scenario.program, household=household, options=options, setting=setting.label),
    )


def statement_item(scenario: Scenario, setting: Setting, household: dict, settings, estimate) -> QuizItem | None:
    """“…该户符合‘X’的条件。” judged true or false: the verdict is the engine's (an open case makes none)."""
    found = _one_program(scenario, setting, household, settings, "statement")
    if found is None or found[0].status == "needs_info":
        return None
    result, citation, stem = found
    options = [
        CaseOption(text=TF_OPTIONS[0], claim="meets"),
        CaseOption(text=TF_OPTIONS[1], claim="does_not_meet", failed=[c.what for c in result.failed()]),
    ]
    answer = 0 if result.status == "meets" else 1
    body = json.dumps(household, ensure_ascii=False, sort_keys=True)
    return _case_quiz_item(
        f"tf|{scenario.program}|", body, "tf", stem, list(TF_OPTIONS), [answer],
        scenario=scenario,
        explanation=explanation(result, options[answer], citation, household, settings),
        citation=citation,
        signals=difficulty_signals(result, household),
        estimate=estimate,
        fact_key=_fact_key(scenario, setting, result, household),
        case=CaseSpec(program=scenario.program, household=household, options=options, setting=setting.label),
        distractors=[TF_OPTIONS[0]] if answer else [],
    )


def programs_item(scenario: Scenario, setting: Setting, household: dict, settings, estimate) -> QuizItem | None:
    """“该户可以申请下列哪些救助？”: every listed program screened; the key is those the engine's household
    summary offers. A program met but not offered beside another (特困 with 低保) is left out of the
    options and its reason put in the explanation, so the key never teaches double coverage; a program
    resting on rules issued after the case's date is left out too. None when a program cannot be
    decided or the offered/not-offered split makes no multiple choice."""
    table = case_table()
    results = [screen(household, p, settings) for p in scenario.programs]
    if any(r.status == "needs_info" for r in results):
        return None
    summary = reconcile(household, scenario.programs, settings)
    held = [r for r in results if not postdated(r, household)]
    results = [r for r in held if r.status != "meets" or r.program in summary.likely]

    def through_withheld(r: Screening) -> bool:
        """Met only through a program the summary does not offer (生活补贴 via 低保 for a 特困 person)."""
        dep = table.depends_on.get(r.program)
        return bool(dep) and not household["status"].get(dep.status) and dep.program not in summary.likely

    results = [r for r in results if not (r.status == "meets" and through_withheld(r))]
    not_stacked = summary.not_stacked if len(results) < len(held) else []
    meets = [r for r in results if r.status == "meets"]
    if not 2 <= len(meets) <= len(results) - 2:
        return None
    citation = next((c for r in meets if (c := basis_of(r)) is not None), None)
    if citation is None:
        return None
    body = json.dumps(household, ensure_ascii=False, sort_keys=True)

    def named(r: Screening) -> str:
        dep = table.depends_on.get(r.program)
        return r.title + (dep.text if dep and not household["status"].get(dep.status) else "")

    options = [CaseOption(text=named(r), claim=r.status, program=r.program) for r in results]
    Random(body).shuffle(options)
    averages = next((t for r in results if (t := stated_averages(r))), "")
    stem = describe(household, setting.label) + averages + table.labels["ask"]["programs"]
    lines = []
    for r in results:
        failed = "、".join(f"“{c.what}”" for c in r.failed())
        lines.append(f"{named(r)}：{table.labels['status_word'][r.status]}" + (f"（不满足{failed}）" if failed else ""))
    basis = table.labels["explain"]["basis"].format(source=cited_source(citation, settings), quote=citation.quote)
    explanation = "；".join(lines) + "。" + "".join(not_stacked) + basis + "。"
    signals = {
        "conditions": float(sum(len(r.conditions) for r in results) - 1),
        "computation": 1.0 if len(household["members"]) > 1 else 0.0,
        "standard_unstated": 1.0,
    }
    answer = [i for i, o in enumerate(options) if o.claim == "meets"]
    return _case_quiz_item(
        "programs|", body, "multiple", stem, [o.text for o in options], answer,
        scenario=scenario,
        explanation=explanation,
        citation=citation,
        signals=signals,
        estimate=estimate,
        fact_key=f"case|programs|{setting.label}|{'+'.join(r.program for r in meets)}",
        case=CaseSpec(program="programs", household=household, options=options, setting=setting.label),
    )
