"""The quiz data files: topics (keywords, aliases) and the fact vocabulary (units, programs, terms)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

_DATA = Path(__file__).with_name("data")


@dataclass(frozen=True)
class Unit:
    unit: str
    base: str
    weight: float
    max: float | None
    forms: tuple[str, ...] = ()  # other writings of the unit a fill-in answer may use (岁 for 周岁)


@dataclass(frozen=True)
class StemLeads:
    """How a stem opens (data/vocab.yaml ``stem_leads``)."""

    region_question: str
    titled: str  # {title}
    sourced: str  # {title}
    in_region: str  # {region}
    own_level: tuple[tuple[str, str], ...]  # (opening word, the part of it the region's name replaces)
    adverbial_openers: tuple[str, ...]


@dataclass(frozen=True)
class Vocab:
    units: tuple[Unit, ...]
    program_groups: tuple[tuple[str, ...], ...]
    department_aliases: tuple[frozenset[str], ...]
    program_verbs: tuple[str, ...]
    categories: dict[str, tuple[str, ...]]  # slot name -> members
    families: dict[str, str]  # slot name -> family
    open_list_markers: tuple[str, ...]
    responsibility_fields: tuple[str, ...]
    deadline_field: str
    open_deadlines: tuple[str, ...]
    term_min: int
    term_max: int
    term_shapes: dict[str, re.Pattern]
    term_exclude: frozenset[str]
    region_giveaways: tuple[str, ...]
    stem_fixes: dict[str, str]
    subjectless_openers: tuple[str, ...]
    stem_leads: StemLeads
    directions: dict[str, tuple[str, ...]] = field(default_factory=dict)  # from / rises / falls

    def unit_of(self, unit: str) -> Unit | None:
        return next((u for u in self.units if u.unit == unit), None)

    def program_group(self, name: str) -> tuple[str, ...] | None:
        return next((g for g in self.program_groups if name in g), None)

    def slots_of(self, name: str) -> list[str]:
        return [slot for slot, members in self.categories.items() if name in members]

    def family_members(self, family: str) -> dict[str, tuple[str, ...]]:
        return {slot: m for slot, m in self.categories.items() if self.families[slot] == family}

    def term_shape(self, term: str) -> str | None:
        return next((name for name, pattern in self.term_shapes.items() if pattern.search(term)), None)


@lru_cache
def vocab() -> Vocab:
    data = yaml.safe_load((_DATA / "vocab.yaml").read_text(encoding="utf-8"))
    units = tuple(
        Unit(u["unit"], u.get("base", u["unit"]), float(u.get("weight", 1)), u.get("max"), tuple(u.get("forms", ())))
        for u in data["units"]
    )
    terms = data["terms"]
    return Vocab(
        # longest unit first so 万元 is read before 元 and 个工作日 before 个
        units=tuple(sorted(units, key=lambda u: -len(u.unit))),
        program_groups=tuple(tuple(g) for g in data["programs"]),
        program_verbs=tuple(data["program_verbs"]),
        department_aliases=tuple(frozenset(g) for g in data.get("department_aliases", [])),
        categories={name: tuple(slot["members"]) for name, slot in data["slots"].items()},
        families={name: slot["family"] for name, slot in data["slots"].items()},
        open_list_markers=tuple(data["open_list_markers"]),
        responsibility_fields=tuple(data["responsibility_fields"]),
        deadline_field=data["deadline_field"],
        open_deadlines=tuple(data["open_deadlines"]),
        term_min=int(terms["min_len"]),
        term_max=int(terms["max_len"]),
        term_shapes={name: re.compile(p) for name, p in terms["shapes"].items()},
        term_exclude=frozenset(terms["exclude"]),
        region_giveaways=tuple(data["region_giveaways"]),
        stem_fixes=dict(data["stem_fixes"]),
        subjectless_openers=tuple(data["subjectless_openers"]),
        stem_leads=_stem_leads(data["stem_leads"]),
        directions={k: tuple(v) for k, v in data.get("directions", {}).items()},
    )


def _stem_leads(data: dict) -> StemLeads:
    return StemLeads(
        region_question=data["region_question"],
        titled=data["titled"],
        sourced=data["sourced"],
        in_region=data["in_region"],
        own_level=tuple((e["opens"], e.get("replace", e["opens"])) for e in data["own_level"]),
        adverbial_openers=tuple(data["adverbial_openers"]),
    )


@dataclass(frozen=True)
class Topic:
    name: str
    aliases: tuple[str, ...]
    keywords: tuple[str, ...]


@lru_cache
def topics() -> dict[str, Topic]:
    data = yaml.safe_load((_DATA / "topics.yaml").read_text(encoding="utf-8"))
    return {
        name: Topic(name, tuple(t.get("aliases", [])), tuple(t["keywords"]))
        for name, t in data["topics"].items()
    }


def resolve_topic(text: str | None) -> str | None:
    """Canonical topic for a name or alias (``特困人员`` → ``特困``), several joined by “、” when the text
    lists several (``低保,特困``); None for no topic; ValueError for an unknown one."""
    if text is None or not text.strip():
        return None
    names = []
    for part in (p.strip() for p in re.split(r"[,，、/;；\s]+", text) if p.strip()):
        name = next((t.name for t in topics().values() if part == t.name or part in t.aliases), None)
        if name is None:
            raise ValueError(f"未知主题“{part}”，可选：{'、'.join(topics())}")
        names.append(name)
    return "、".join(dict.fromkeys(names))


def topic_names(topic: str | None) -> list[str]:
    """The canonical topics of a resolved topic string."""
    return topic.split("、") if topic else []


def find_topic(text: str) -> str | None:
    """The topic a free text names (longest name or alias first), e.g. in “出5道特困人员的题”."""
    names = sorted(
        ((alias, t.name) for t in topics().values() for alias in (t.name, *t.aliases)),
        key=lambda p: -len(p[0]),
    )
    return next((name for alias, name in names if alias in text), None)


def topics_of(*texts: str) -> list[str]:
    joined = " ".join(texts)
    return [t.name for t in topics().values() if any(k in joined for k in t.keywords)]


@lru_cache
def synonym_groups() -> tuple[frozenset[str], ...]:
    """The retrieval synonym groups: a distractor synonymous with the key would also be true."""
    # the retrieval lexicon, read once there; imported here because query understanding loads pypinyin
    from assistant.retrieval.query import lexicon

    return tuple(frozenset(g) for g in lexicon().get("groups", []))


def canonical(name: str) -> str:
    """One name for a name and its synonyms (单人户 and 单人保 are the same mechanism)."""
    groups = [g for g in (*synonym_groups(), *vocab().department_aliases) if name in g]
    group = vocab().program_group(name)
    if group:
        groups.append(frozenset(group))
    return min((n for g in groups for n in g), default=name)


def synonymous(a: str, b: str) -> bool:
    if a == b:
        return True
    group = vocab().program_group(a)
    if group and b in group:
        return True
    return any(a in g and b in g for g in (*synonym_groups(), *vocab().department_aliases))
