"""The reader's word tables (data/*.yaml), loaded once and checked against a schema so a typo in the data
fails loudly at start-up instead of silently reading nothing."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field

_DATA = Path(__file__).with_name("data")


class _Table(BaseModel):
    model_config = ConfigDict(extra="forbid")


class PersonWords(_Table):
    speaker: str
    gender: Literal["m", "f"] | None = None
    words: list[str]


class PairMember(_Table):
    speaker: str
    gender: Literal["m", "f"] | None = None
    label: str


class Proxy(_Table):
    before: list[str]
    after: list[str]


class Size(_Table):
    units: list[str]
    cues: list[str]
    couple_words: list[str]
    pair_words: list[str]
    group_prefix: list[str]
    alone: list[str]
    alone_caring: list[str]
    helping: list[str] = Field(default_factory=list)
    only: list[str] = Field(default_factory=list)
    list_joiners: list[str] = Field(default_factory=list)
    list_count: str = ""
    count_words: dict[str, int] = Field(default_factory=dict)  # 俩 2, 仨 3, 自己 1: words that are a count
    self_alone: list[str] = Field(default_factory=list)  # 我一个人带着…: said right after a person, no one more
    list_lead: list[str] = Field(default_factory=list)
    list_end_only: str = ""
    list_end_living: str = ""


class Counting(_Table):
    counters: list[str]
    after: list[str]
    max: int
    each: list[str]
    between: list[str]
    order: dict[Literal["first", "second", "third", "last"], list[str]]
    ordinal_prefix: dict[str, int] = Field(default_factory=dict)


class AbsentKin(_Table):
    negated: list[str]
    outright: list[str]


class Absence(_Table):
    negations: list[str]
    verbs: list[str]
    spouse: AbsentKin
    child: AbsentKin
    old_age: int


class People(_Table):
    people: list[PersonWords]
    short: dict[str, str]
    possessive: list[str]
    ordinal: list[str]
    minor_words: list[str]
    unique: list[str]
    joiners: list[str]
    couple: list[str]
    counting: Counting
    pairs: dict[str, list[PairMember]]
    introduce: list[str]
    own_introduce: list[str]
    chain: list[str]
    reflexive: list[str]
    apposition: list[str]
    pronouns: list[str]
    not_pronoun: list[str]
    kin: dict[str, str | None]
    reduce: dict[str, str]
    other_end: dict[str, str]
    shared_step: dict[str, str]
    relation_of_path: dict[str, str]
    engine_relation: dict[str, str]
    lives_with_speaker: list[str]
    young_kinds: list[str] = Field(default_factory=list)
    applicant_self: list[str]
    names: list[str] = Field(default_factory=list)
    with_speaker: list[str]
    speaker_apposition: list[str]
    couple_kinds: list[str]
    proxy: Proxy
    size: Size
    gone: dict[str, list[str]]
    others: list[str]
    speaker_talking: list[str]
    speaker_described: list[str]
    absence: Absence
    own_household: list[str]


class Flag(_Table):
    slot: str
    scope: Literal["member", "household"]
    value: Any
    negated: Any = None  # value when negated; None → a negated mention says nothing
    words: list[str]
    patterns: list[str] = Field(default_factory=list)  # regexes for split phrases (吃了三年低保)
    inferred: bool = False  # the words imply the value (住在某村 → rural) rather than say it: shown as inferred


class Negation(_Table):
    cues: list[str]
    window: int
    nobody: list[str]
    past: list[str]
    now: list[str]
    after: list[str]
    not_negation: list[str]
    applied_after: list[str] = Field(default_factory=list)
    applied_before: list[str] = Field(default_factory=list)


class Income(_Table):
    kinds: dict[str, list[str]]
    not_kinds: list[str] = Field(default_factory=list)
    ability: list[str] = Field(default_factory=list)
    words: list[str]
    excluded: list[str]
    none: list[str]
    household: list[str]
    per_capita: list[str]
    per_person: list[str]


class Assets(_Table):
    words: list[str]
    none: list[str]
    subject: list[str]
    ok_after: list[str]


class Expenses(_Table):
    rigid: list[str]
    employment: list[str]
    none_employment: list[str]
    none_rigid: list[str]
    none_all: list[str]
    none_all_patterns: list[str] = Field(default_factory=list)
    cost_words: list[str]


class Ages(_Table):
    suffix: list[str]
    before: list[str]
    after: list[str]
    then: list[str]
    between: list[str]
    max: int


class Events(_Table):
    sudden: list[str]


class Cues(_Table):
    """Small word classes the reader's passes test against (each list says what the words mark)."""

    third_person: list[str]  # 他/她: a kinship word right after one is that person's relative
    third_person_written: list[str]  # 其 (written style), the same in a person's description
    together: list[str]  # a figure said with one of these holds for each person of a list
    third_plural: list[str]  # 他们: a kinship word right after one is the relative of the people counted before
    not_third_person: list[str]  # words that begin with such a character but are no pronoun (其他)
    # pronouns that say the person's sex (她 is a woman; 他 is also the general third person, so it is not here)
    gendered_pronouns: dict[str, Literal["m", "f"]] = Field(default_factory=dict)
    disability_context: list[str]  # a grade number counts as a disability grade only near one of these
    father: list[str]  # a parent word ending in one of these is the father (first of parents_situation)
    area_change: list[str]  # an urban/rural word said with one of these replaces the area stated before
    not_residence: list[str] = Field(default_factory=list)  # 在县城打零工: a town word with these is a workplace
    place_suffixes: list[str] = Field(default_factory=list)  # 镇: an area word ending in one may end a town's name
    before_area: list[str] = Field(default_factory=list)  # characters an area word may follow (在城镇, 住城镇)
    zero_after: list[str]  # "收入没有" / "为零": the amount named just before is none
    zero_not_before: list[str] = Field(default_factory=list)  # 存款没超过: a negation of the verb after it
    question: list[str] = Field(default_factory=list)  # regexes: a clause with one of these asks something
    negated_indefinite: str = ""  # regex: 没什么/没啥/没多少 — an indefinite after a negation asks nothing


class StandardSaid(_Table):
    cues: list[str]  # the place's own figure or hearsay: a program's figure said with one is its standard
    not_with: list[str]  # unless said with a word of receiving it


class Facts(_Table):
    cues: Cues
    negation: Negation
    hedges: list[str]
    events: Events
    flags: list[Flag]
    parents: dict[str, list[str]]
    # a parent's disability that makes them 重残 for a child's support: any category at these grades, or these
    # categories at any of their grades (民发〔2019〕62号)
    parent_severe_grades: list[int] = Field(default_factory=list)
    parent_severe_categories: dict[str, list[int]] = Field(default_factory=dict)
    income: Income
    assets: Assets
    expenses: Expenses
    standards: dict[str, list[str]]
    standard_said: StandardSaid
    ages: Ages
    residence: list[str]
    place_endings: list[str] = Field(default_factory=list)


class Amounts(_Table):
    above_after: list[str]
    about_after: list[str]
    about_before: list[str]
    below_before: list[str]
    below_after: list[str]
    over_before: list[str]
    over_after: list[str]
    range_joiners: list[str]
    letter_units: dict[str, str]
    plus_joiners: list[str]
    about_ratio: float
    below_about: list[str]
    money_units: list[str]
    not_money: list[str]
    periods: dict[str, float]
    year_cues: list[str]
    not_figures: list[str]
    capital_numerals: dict[str, str] = Field(default_factory=dict)
    little_under: list[str] = Field(default_factory=list)
    little_above_after: list[str] = Field(default_factory=list)  # 出头: a little over the figure
    little_above_ratio: float = 0.3  # … up to this share of the last digit's place value more
    idioms: dict[str, tuple[float, float]] = Field(default_factory=dict)  # 百八十 → 80–100: set phrases of a range
    vague_small: list[str] = Field(default_factory=list)  # 没几个, 没多少 after a thing: some, not none
    vague_small_max: float = 0.0  # the upper end shown for such an amount while its figure is unknown


class AskEntry(_Table):
    field: str  # the engine's missing-fact pattern (regex over MissingFact.field)
    citizen: str
    caseworker: str
    options: list[str] = Field(default_factory=list)


class Dialogue(_Table):
    affirm: list[str]
    deny: list[str]
    unsure: list[str]
    corrections: list[str]
    correction_rewrites: list[tuple[str, str]]
    take_back: list[tuple[str, str]]
    what_if: list[str]
    refer: list[str]
    caseworker_cues: list[str]
    ask: list[AskEntry]
    notes: dict[Literal["size_conflict", "others_no_disability", "dropped", "zero_total_conflict"], str]


class English(_Table):
    """data/english.yaml: common English read as Chinese before the reader's passes."""

    patterns: list[tuple[str, str]] = Field(default_factory=list)  # regex → replacement, applied first
    words: dict[str, str]  # a phrase → its Chinese (whole words, the longest first)


class Contrast(_Table):
    lead: list[str]
    end: list[str]
    cue: str


class Policy(_Table):
    contrast_source: str
    contrast: Contrast
    focus_source: str
    focus: dict[str, list[str]]  # engine program id → the words that name it
    taken_back_source: str
    taken_back: list[str]

    def asked(self, text: str) -> list[str]:
        """The programs ``text`` names, longest word first (单人户 is not also 低保), in the engine's order."""
        words = sorted(((w, pid) for pid, ws in self.focus.items() for w in ws), key=lambda x: -len(x[0]))
        found: set[str] = set()
        for word, pid in words:
            if word in text:
                found.add(pid)
                text = text.replace(word, " ")
        return [pid for pid in self.focus if pid in found]


class Pinyin(_Table):
    words: list[str]  # everyday words a pinyin sentence needs besides the other tables' words
    numerals: dict[str, str] = Field(default_factory=dict)  # qi → 七: the numeral syllables
    numeral_units: list[str] = Field(default_factory=list)  # shi, bai …: a run of syllables needs one to be a figure


def _check_people(t: People) -> People:
    steps = set("PCS")
    paths = [*(v for v in t.kin.values() if v is not None), *t.reduce, *t.reduce.values(), *t.other_end, *t.other_end.values(),
             *t.shared_step, *t.shared_step.values(), *t.relation_of_path]
    bad = [p for p in paths if not set(p) <= steps]
    if bad:
        raise ValueError(f"people.yaml: kinship paths use only P, C, S: {bad}")
    unknown = sorted(({e.speaker for e in t.people} | {m.speaker for ms in t.pairs.values() for m in ms}) - set(t.kin))
    if unknown:
        raise ValueError(f"people.yaml: relations to the speaker without a kinship path: {unknown}")
    return t


def _load(name: str) -> dict[str, Any]:
    return yaml.safe_load((_DATA / name).read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def people() -> People:
    return _check_people(People.model_validate(_load("people.yaml")))


@lru_cache(maxsize=1)
def facts() -> Facts:
    return Facts.model_validate(_load("facts.yaml"))


@lru_cache(maxsize=1)
def amounts() -> Amounts:
    return Amounts.model_validate(_load("amounts.yaml"))


@lru_cache(maxsize=1)
def dialogue() -> Dialogue:
    return Dialogue.model_validate(_load("dialogue.yaml"))


@lru_cache(maxsize=1)
def english() -> English:
    return English.model_validate(_load("english.yaml"))


@lru_cache(maxsize=1)
def pinyin() -> Pinyin:
    return Pinyin.model_validate(_load("pinyin.yaml"))


def all_words() -> list[str]:
    """Every string in the reader's word tables (for the pinyin reader's vocabulary)."""
    def strings(node: Any) -> list[str]:
        if isinstance(node, str):
            return [node]
        if isinstance(node, dict):
            return [s for k, v in node.items() for s in strings(k) + strings(v)]
        if isinstance(node, list):
            return [s for v in node for s in strings(v)]
        return []
    tables = (people(), facts(), amounts(), dialogue(), english())
    return [w for t in tables for w in strings(t.model_dump())]


@lru_cache(maxsize=1)
def policy() -> Policy:
    return Policy.model_validate(yaml.safe_load((_DATA / "policy.yaml").read_text(encoding="utf-8")))
