"""Decide whether the corpus answers a question at all, so the chat can say so instead of citing noise.

Three signals, each one a reason a caseworker would accept:
- the question names a region no indexed document covers;
- the best clauses share too little of the question's content words (IDF-weighted);
- the question asks for an amount of money and no well-matching clause states one.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

from assistant.retrieval.query import Query, lexicon
from indexer.regions import gazetteer
from indexer.settings import Settings
from indexer.text import words

_SENTENCE = re.compile(r"[^。；;！!？?\n]+[。；;！!？?]?")
MONEY = re.compile(r"\d+(?:\.\d+)?\s*(?:万|亿)?元|\d+(?:\.\d+)?\s*%|百分之")


@dataclass
class NoBasis:
    no_basis: bool
    reason: str
    confidence: float


@lru_cache(maxsize=4096)
def _content_words(text: str) -> tuple[str, ...]:
    g = gazetteer()
    region_words = set()
    for name in g.find(text):
        r = g.by_name[name]
        region_words |= {name, r.short, *r.aliases}
    fillers = set(lexicon()["fillers"])
    out = []
    for w in words(text):
        if w.isascii() or w in fillers or w in region_words or any(w in rw for rw in region_words) or w.isdigit() or len(w) < 2:
            continue
        out.append(w)
    return tuple(dict.fromkeys(out))


def coverage(q: Query, hit_text: str) -> float:
    """IDF-free but length-weighted share of the question's content words found in a clause
    (longer words carry more meaning in Chinese); synonyms of a word count as the word."""
    # pinyin/English words are judged through the policy terms they were translated to
    terms = _content_words(q.text) or tuple(q.expansions[:4])
    if not terms:
        return 1.0
    total = found = 0.0
    for t in terms:
        weight = math.log(1 + len(t))
        total += weight
        stands_for = [e for src, exp in q.sources.items() if t in src or src in t for e in exp]
        if t in hit_text or any(e in hit_text for e in stands_for):
            found += weight
        elif len(t) >= 3 and any(t[i : i + 2] in hit_text for i in range(len(t) - 1)):
            found += weight * 0.5
    return found / total


def judge(q: Query, hits: list, region_known: bool, settings: Settings) -> NoBasis:
    if not region_known:
        return NoBasis(True, f"语料中没有{'、'.join(q.regions)}的政策文件", 0.0)
    if not hits:
        return NoBasis(True, "没有检索到相关条款", 0.0)
    top = hits[:3]
    covers = [coverage(q, " ".join([*h.heading_path, h.text])) for h in top]
    best = max(covers)
    if best < settings.no_basis_threshold:
        return NoBasis(True, "检索到的条款与问题关键内容不符", best)
    if q.asks_amount and _amount_coverage(q, top) < settings.no_basis_amount_coverage:
        return NoBasis(True, "问题询问具体金额或标准，但相关条款未规定该数额", best)
    return NoBasis(False, "", best)


def _amount_coverage(q: Query, hits: list) -> float:
    """How well the best sentence that states an amount matches the question: the amount must be
    stated about the thing asked (建房补助 asked, 就业率87.7% stated does not answer)."""
    best = 0.0
    for h in hits:
        if contrasted(q.text, h.text):
            continue
        for m in _SENTENCE.finditer(h.text):
            if MONEY.search(m.group()):
                best = max(best, coverage(q, m.group()))
    return best


def contrasted(question: str, clause: str) -> bool:
    """The clause is about the other side of a qualifier pair the question uses (城市 asked, 农村 stated)."""
    for a, b in lexicon()["contrasts"]:
        for asked, other in ((a, b), (b, a)):
            if asked in question and other not in question and other in clause and asked not in clause:
                return True
    return False
