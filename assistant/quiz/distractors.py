"""Wrong options of the same kind as the answer, none of them true where the stem asks.

Amounts come from other amounts of the corpus in the same unit (then from round changes of the
answer), deadlines from other deadlines, departments, programs, mechanisms and regions from the
others the corpus names. Every candidate is checked against all clauses before it is offered."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from random import Random

from indexer.regions import gazetteer

from .corpus import Context, CorpusIndex, norm, value_pattern
from .facts import Fact
from .vocab import synonymous, vocab

WINDOW = 5  # the closest candidates a seed chooses among: plausible, yet varied between seeds
MAX_RATIO = 4.0  # an amount more than four times off the answer is no real temptation
# kinds whose distractors may not appear anywhere in the cited clause (amounts and deadlines may: another
# figure of the same clause is a fair temptation and the context check rules out its own slot)
TYPED_ELSEWHERE = ("list", "program", "term", "department")
# kinds without a typed slot (quoted mechanism names): a true/false swap must read as corpus wording
UNTYPED = ("term",)


def pick(
    fact: Fact,
    corpus: CorpusIndex,
    ctx: Context,
    rng: Random,
    k: int,
    exclude: Iterable[str] = (),
    swap: bool = False,
) -> list[str]:
    """Up to ``k`` distractors for ``fact`` (fewer when the corpus offers fewer safe ones). Candidates
    come in tiers (values the corpus states before invented ones); a lower tier only fills up.
    ``swap``: the distractor replaces the answer in a true/false statement, so it must read as the
    corpus's wording when no slot type vouches for it."""
    seen = {norm(v) for v in (*fact.values, *exclude)}
    clause = norm(corpus.by_id[fact.chunk_id].text)
    chosen: list[str] = []
    for tier in _pool(fact, corpus):
        found: list[str] = []
        for candidate in tier:
            c = norm(candidate)
            if not c or c in seen or conflicts(candidate, fact):
                continue
            seen.add(c)
            if fact.kind == "region":
                if corpus.region_supported(candidate, fact.after):
                    continue
            elif corpus.supported(candidate, ctx):
                continue
            if fact.kind in TYPED_ELSEWHERE and c in clause:
                continue  # the clause itself names it: it may well be true of the same subject
            if swap and fact.kind in UNTYPED and not corpus.attested_junction(candidate, ctx):
                continue  # no slot type vouches for the swap: the corpus's wording must
            found.append(candidate)
            if len(found) >= max(k + 2, WINDOW):
                break
        need = k - len(chosen)
        chosen += rng.sample(found, need) if len(found) > need else found
        if len(chosen) >= k:
            break
    return chosen


def conflicts(candidate: str, fact: Fact) -> bool:
    """A candidate that is the answer, part of it, a synonym of it, or stated in the same sentence."""
    c = norm(candidate)
    for value in fact.values:
        v = norm(value)
        if c == v or synonymous(candidate, value):
            return True
        if fact.kind != "amount" and (c in v or v in c):
            return True
    if fact.kind == "region":
        return gazetteer().related(candidate, fact.value)
    return bool(value_pattern(candidate).search(norm(fact.sentence)))


def _pool(fact: Fact, corpus: CorpusIndex) -> list[list[str]]:
    return {
        "amount": _amounts,
        "deadline": _deadlines,
        "department": _departments,
        "term": _terms,
        "program": _programs,
        "list": _list_items,
        "region": _regions,
    }[fact.kind](fact, corpus)


def fmt_number(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:g}"


def _decimals(x: float) -> int:
    text = fmt_number(x)
    return len(text.split(".")[1]) if "." in text else 0


def _amounts(fact: Fact, corpus: CorpusIndex) -> list[str]:
    key = fact.number or 0.0
    if key <= 0:
        return []
    others = {
        f.number
        for f in corpus.pool
        if f.kind == "amount"
        and f.category == fact.category
        and f.number
        and f.number != key
        and 1 / MAX_RATIO <= f.number / key <= MAX_RATIO
    }
    closeness = lambda x: (abs(math.log(x / key)), x)  # noqa: E731
    side = direction(fact.before)
    fits = (lambda x: True) if side is None else (lambda x: x > side[1]) if side[0] == "rises" else (lambda x: x < side[1])  # noqa: E731
    from_corpus = sorted(filter(fits, others), key=closeness)
    changed = sorted(filter(fits, _perturb(key, fact.unit)), key=closeness)
    return [[fmt_number(x) + fact.unit for x in from_corpus], [fmt_number(x) + fact.unit for x in changed]]


def direction(before: str) -> tuple[str, float] | None:
    """("rises" | "falls", X) when the stem asks for the value something changed to from X (“由X提高到”)."""
    words = vocab().directions
    if not words.get("from"):
        return None
    start = "|".join(map(re.escape, words["from"]))
    for way in ("rises", "falls"):
        verbs = "|".join(map(re.escape, words.get(way, ())))
        if not verbs:
            continue
        m = re.search(rf"(?:{start})[^\d，。；]{{0,4}}(\d+(?:\.\d+)?)[^\d，。；]{{0,12}}?(?:{verbs})\s*$", before)
        if m:
            return way, float(m.group(1))
    return None


def _perturb(x: float, unit: str) -> set[float]:
    """Round changes of the answer, for units the corpus uses too rarely to draw from."""
    decimals = _decimals(x)
    out = {_nice(x * f, decimals) for f in (0.5, 0.75, 1.5, 2.0, 0.25, 3.0)}
    if x < 10:  # small multiples and counts move in small steps
        steps = (0.2, -0.2, 0.5, -0.5) if decimals else (1, 2, -1, -2)
        out |= {round(x + d, decimals) for d in steps}
    elif 40 <= x <= 100 and x % 5 == 0:  # ages and percentages move in fives
        out |= {x + d for d in (5, -5, 10, -10)}
    return {y for y in out if y > 0 and y != x and (unit != "%" or y <= 100)}


def _nice(y: float, decimals: int) -> float:
    if decimals:
        return round(y, decimals)
    if y < 10:
        return float(max(1, round(y)))
    step = 10 ** (math.floor(math.log10(y)) - 1)
    return float(round(y / step) * step)


def _deadlines(fact: Fact, corpus: CorpusIndex) -> list[list[str]]:
    others = [f for f in corpus.pool if f.kind == "deadline" and f.doc_id == fact.doc_id]
    if fact.value in vocab().open_deadlines:
        return [[*vocab().open_deadlines, *(f.value for f in others)]]
    month = int(fact.value.split("月")[0])
    months = sorted(
        {int(f.value.split("月")[0]) for f in others if f.value.split("月")[0].isdigit()},
        key=lambda m: (abs(m - month), m),
    )
    near = [m for d in (1, -1, 2, -2, 3, -3) if 1 <= (m := month + d) <= 12]
    shape = fact.category
    return [
        [shape.replace("N", str(m)) for m in months if m != month],
        [shape.replace("N", str(m)) for m in near],
    ]


def _departments(fact: Fact, corpus: CorpusIndex) -> list[list[str]]:
    # another document's offices would stand out: the same document's come first
    suffix = fact.value[-1]
    values = list(dict.fromkeys(v for f in corpus.pool if f.kind == "department" for v in f.values))
    same_doc = {
        v for f in corpus.pool if f.kind == "department" and f.doc_id == fact.doc_id for v in f.values
    }
    order = lambda v: (v[-1] != suffix, v)  # noqa: E731
    return [
        sorted((v for v in values if v in same_doc), key=order),
        sorted((v for v in values if v not in same_doc), key=order),
    ]


def _terms(fact: Fact, corpus: CorpusIndex) -> list[list[str]]:
    parts = fact.value.count("、")
    # only other names of some training value: a slogan or reform label beside a procedure is an
    # option of the wrong kind (value.yaml `labels`)
    terms = {f.value for f in corpus.pool if f.kind == "term" and f.category == fact.category and f.weight > 0}
    if fact.category == "enumeration":
        terms = {t for t in terms if t.count("、") == parts}
    return [sorted(terms, key=lambda t: (abs(len(t) - len(fact.value)), t))]


def _programs(fact: Fact, corpus: CorpusIndex) -> list[list[str]]:
    return [[g[0] for g in vocab().program_groups if fact.value not in g]]


def _list_items(fact: Fact, corpus: CorpusIndex) -> list[list[str]]:
    """Members of the list's own slots first (children beside children), then the rest of its family."""
    v = vocab()
    slots = v.family_members(fact.category)
    own = {s for value in fact.values for s in v.slots_of(value)}
    in_corpus = {x for f in corpus.pool if f.kind == "list" and f.category == fact.category for x in f.values}
    near = [n for s in own for n in slots[s]]
    far = [n for s, members in slots.items() if s not in own for n in members]
    return [[n for n in near if n in in_corpus], [n for n in near if n not in in_corpus], far]


def _regions(fact: Fact, corpus: CorpusIndex) -> list[list[str]]:
    same_doc = {corpus.regions[c.chunk_id] for c in corpus.chunks if c.doc_id == fact.doc_id}
    regions = sorted({r for r in corpus.regions.values() if r})
    return [[r for r in regions if r in same_doc], [r for r in regions if r not in same_doc]]
