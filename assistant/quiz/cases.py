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

from .models import CaseOption, CaseSpec, QuizItem
from .screening import Condition, Screening, reconcile, screen

_FILE = Path(__file__).with_name("data") / "cases.yaml"
_ISSUED = re.compile(r"〔(\d{4})〕")
STATUS_WORD = {"meets": "符合", "does_not_meet": "不符合"}


class Setting(BaseModel):
    region: dict[str, str]
    label: str
    area: Literal["rural", "urban"]
    date: str


class Vary(BaseModel):
    member: int
    field: str
    values: list


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
                for pair in combo:
                    if pair is not None:
                        vary, value = pair
                        if vary.member < len(members):
                            members[vary.member][vary.field] = copy.deepcopy(value)
                _incomes(members, names, round(threshold * factor / 100) * 100)
                out.append(
                    {
                        **copy.deepcopy(t.household),
                        **copy.deepcopy(scenario.household),
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
            bits.append(f"持有{labels['disability'][d['category']]}{d['grade']}级残疾人证")
        if m.get("serious_illness"):
            bits.append(labels["serious_illness"])
        if m.get("needs_long_term_care"):
            bits.append(labels["long_term_care"])
        if m.get("student") not in (None, "none"):
            bits.append(labels["student"][m["student"]])
        if m.get("parents_situation"):
            bits.append(labels["parents"].format(*(labels["parent_situation"][p] for p in m["parents_situation"])))
        income = m.get("income_yearly") or 0
        bits.append(f"年收入{income:g}元" if income else labels["no_income"])
        if single:
            bits.append(supporters(m))
        parts.append("，".join(bits))
    area = labels["area"][household["area"]]
    size = len(household["members"])
    head = f"{setting_label}{area}一户{size}口人（{year}年{month}月）" if size > 1 else (
        f"{setting_label}{area}一位独居居民（{year}年{month}月）"
    )
    status = "".join(labels["status"][k] for k, v in (household.get("status") or {}).items() if v and k in labels["status"])
    event = household.get("event") or {}
    happened = ""
    if event.get("kind") not in (None, "none"):
        happened = labels["event"][event["kind"]] + (labels["severe_hardship"] if event.get("severe_hardship") else "") + "。"
    return f"{head}：{'；'.join(parts)}。{status}{happened}{labels['assets']}，无其他收入和刚性支出。"


def _duty(age: int) -> Duty:
    return next(d for d in case_table().duties if d.below is None or age < d.below)


def duty_term(age: int) -> str:
    return _duty(age).term


def supporters(member: dict) -> str:
    """Who a person living alone can rely on, as the stem states it."""
    duty, status = _duty(member["age"]), member["legal_supporters"]
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
    """The provincial averages the engine applied, as the stem states them (no county's standard)."""
    text = case_table().labels["average"]
    return "".join(text.format(label=a.label, value=f"{a.value:g}", unit=a.unit) for a in result.averages)


def options_for(result: Screening, household: dict) -> list[CaseOption] | None:
    """The correct reading of the engine's result and wrong ones, each a typed claim the validator can
    check against a fresh screening; None when the result cannot make a clear item."""
    if result.status == "needs_info" or any(c.passed is None for c in result.conditions):
        return None
    table = case_table()
    negated, stated = re.compile(table.negation), re.compile(table.stated)
    # "不满足“无…”" as a wrong option is a double negative, and a condition the stem states as satisfied
    # (a yes/no fact such as the assets check, a certificate) tempts nobody: such conditions are only keys
    failed = result.failed()
    passed = [
        c for c in result.passed()
        if not negated.search(c.what) and not stated.search(c.what) and not isinstance(c.value, bool)
    ]
    numeric = next((c for c in result.conditions if isinstance(c.threshold, float)), None)
    out: list[CaseOption] = []
    if result.status == "meets":
        out.append(CaseOption(text="符合：各项条件均满足", claim="meets"))
    else:
        names = [c.what for c in failed]
        out.append(
            CaseOption(text="不符合：不满足" + "、".join(f"“{worded(n)}”" for n in names), claim="does_not_meet",
                       failed=names)
        )
        out.append(CaseOption(text="符合：各项条件均满足", claim="meets"))
    out += [CaseOption(text=f"不符合：不满足“{worded(c.what)}”", claim="does_not_meet", failed=[c.what]) for c in passed]
    out += _misconceptions(result, household, numeric)
    out += [
        CaseOption(text=m.text, claim=m.claim, misconception=f"{m.program}:{i}")
        for i, m in enumerate(table.program_misconceptions)
        if m.program == result.program and m.status == result.status
    ]
    unique = list({o.text: o for o in out}.values())
    return unique[:4] if len(unique) >= 3 else None


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
    return True


def explanation(result: Screening, correct: CaseOption, citation: Citation) -> str:
    parts = [f"答案：{correct.text}。"]
    for c in result.conditions:
        if isinstance(c.value, float) and isinstance(c.threshold, float):
            verdict = "满足" if c.passed else "不满足"
            parts.append(f"{c.what}：{c.value:g}{c.unit}，标准{c.threshold:g}{c.unit}，{verdict}。")
    parts.append(f"依据：《{citation.title}》“{citation.quote}”")
    external = list(dict.fromkeys(r for c in result.conditions for r in c.external))
    if external:
        parts.append(f"；另见{'、'.join(external[:3])}")
    return "".join(parts) + "。"


def basis_of(result: Screening) -> Citation | None:
    """The clause the deciding condition rests on: the failed one, else the numeric one, else any."""
    order = [*result.failed(), *(c for c in result.conditions if isinstance(c.threshold, float)), *result.conditions]
    return next((c.basis[0] for c in order if c.basis), None)


def difficulty_signals(result: Screening, household: dict) -> dict[str, float]:
    return {
        "conditions": float(len(result.conditions)),
        "computation": 1.0 if len(household["members"]) > 1 else 0.0,
        "standard_unstated": 1.0 if any(isinstance(c.threshold, float) for c in result.conditions) else 0.0,
    }


@dataclass(frozen=True)
class Candidate:
    """A household not yet screened: screening happens only for the candidates a quiz reaches."""

    scenario: Scenario
    setting: Setting
    household: dict

    @property
    def program(self) -> str:
        return self.scenario.program

    @property
    def item_type(self) -> str:
        return "multiple" if self.scenario.programs else "single"

    def item(self, settings: Settings | None = None) -> QuizItem | None:
        from .difficulty import estimate

        if self.scenario.programs:
            return programs_item(self.scenario, self.setting, self.household, settings, estimate)
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
            out += [Candidate(scenario, setting, h) for h in households(scenario, setting, threshold)]
    rng.shuffle(out)
    return out


def case_item(scenario: Scenario, setting: Setting, household: dict, settings, estimate) -> QuizItem | None:
    result = screen(household, scenario.program, settings)
    if postdated(result, household):
        return None
    options = options_for(result, household)
    citation = basis_of(result)
    if options is None or citation is None:
        return None
    correct = [o for o in options if consistent(o, result)]
    if len(correct) != 1:
        return None
    body = json.dumps(household, ensure_ascii=False, sort_keys=True)
    rng = Random(body)
    rng.shuffle(options)
    stated = scenario.stated.format(**scenario.local_parameters) + stated_averages(result)
    title = result.title.replace("“", "‘").replace("”", "’")
    stem = f"{describe(household, setting.label)}{stated}按当地政策，该户是否符合“{title}”的条件？"
    signals = difficulty_signals(result, household)
    level, score = estimate(signals)
    key = correct[0].text
    return QuizItem(
        id=hashlib.sha1(f"case|{scenario.program}|{body}".encode()).hexdigest()[:10],
        type="single",
        stem=stem,
        options=[o.text for o in options],
        answer=[options.index(correct[0])],
        key=[key],
        distractors=[o.text for o in options if o is not correct[0]],
        cloze=stem,
        explanation=explanation(result, correct[0], citation),
        citation=citation,
        difficulty=level,
        difficulty_score=score,
        difficulty_signals=signals,
        bloom="apply",
        topics=scenario.topics,
        fact_kind="case",
        fact_key=f"case|{scenario.program}|{setting.label}|{result.status}|{len(household['members'])}",
        value=10.0,
        case=CaseSpec(program=scenario.program, household=household, options=options, setting=setting.label),
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
    stem = f"{describe(household, setting.label)}{averages}按当地政策，该户（或其成员）符合下列哪些救助或补贴的条件？"
    lines = []
    for r in results:
        failed = "、".join(f"“{c.what}”" for c in r.failed())
        lines.append(f"{named(r)}：{STATUS_WORD[r.status]}" + (f"（不满足{failed}）" if failed else ""))
    explanation = "；".join(lines) + "。" + "".join(not_stacked) + f"依据：《{citation.title}》“{citation.quote}”。"
    signals = {
        "conditions": float(sum(len(r.conditions) for r in results) - 1),
        "computation": 1.0 if len(household["members"]) > 1 else 0.0,
        "standard_unstated": 1.0,
    }
    level, score = estimate(signals)
    answer = [i for i, o in enumerate(options) if o.claim == "meets"]
    return QuizItem(
        id=hashlib.sha1(f"case|programs|{body}".encode()).hexdigest()[:10],
        type="multiple",
        stem=stem,
        options=[o.text for o in options],
        answer=answer,
        key=[options[i].text for i in answer],
        distractors=[o.text for i, o in enumerate(options) if i not in answer],
        cloze=stem,
        explanation=explanation,
        citation=citation,
        difficulty=level,
        difficulty_score=score,
        difficulty_signals=signals,
        bloom="apply",
        topics=scenario.topics,
        fact_kind="case",
        fact_key=f"case|programs|{setting.label}|{'+'.join(r.program for r in meets)}",
        value=10.0,
        case=CaseSpec(program="programs", household=household, options=options, setting=setting.label),
    )
