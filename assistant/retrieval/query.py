"""Query understanding: script, regions, years, synonyms, colloquial case descriptions, pinyin and English."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from assistant.understanding.question import QUOTED, YEAR, QuestionAnalysis, analyse_question
from indexer.text import words

_SYNONYMS = Path(__file__).resolve().parents[2] / "indexer" / "data" / "synonyms.yaml"
__all__ = ["YEAR", "PinyinIndex", "Query", "analyse", "lexicon"]
_QUOTED = QUOTED
_LATIN = re.compile(r"[a-z][a-z\- ]*[a-z]|[a-z]")
# asked types whose answer is a figure
_FIGURE_TYPES = ("amount", "rate", "deadline", "count")


@dataclass
class Query:
    raw: str
    text: str  # normalised (simplified script, half-width, lower case)
    regions: list[str] = field(default_factory=list)
    years: list[str] = field(default_factory=list)
    expansions: list[str] = field(default_factory=list)  # terms added by synonyms/colloquial/foreign/pinyin
    sources: dict[str, list[str]] = field(default_factory=dict)  # question term -> the terms it expanded to
    asks_amount: bool = False
    asks_quantity: bool = False  # how many / how long / which amount: the answer sentence has a number
    quoted: list[str] = field(default_factory=list)  # terms the user put in quotes: wanted verbatim
    analysis: QuestionAnalysis | None = None

    @property
    def expanded_text(self) -> str:
        return " ".join([self.text, *self.expansions])


@lru_cache
def lexicon() -> dict:
    return yaml.safe_load(_SYNONYMS.read_text(encoding="utf-8"))


@lru_cache
def _foreign_patterns() -> list[tuple[str, re.Pattern[str]]]:
    """Each foreign phrase compiled once (not looked up in re's cache on every question)."""
    return [(phrase, re.compile(rf"(?<![a-z]){re.escape(phrase)}")) for phrase in lexicon()["foreign"]]


@lru_cache
def _synonym_index() -> dict[str, list[str]]:
    index: dict[str, list[str]] = {}
    for group in [*lexicon()["groups"], *(entry["terms"] for entry in lexicon().get("caseworker", []))]:
        for term in group:
            index.setdefault(term, []).extend(t for t in group if t != term)
    return index


class PinyinIndex:
    """Maps toneless pinyin (``dibao``) to the corpus words it spells (低保)."""

    def __init__(self, vocabulary: set[str]):
        self.map: dict[str, list[str]] = {}
        self.known = frozenset(vocabulary)
        for word in sorted(vocabulary):
            if 2 <= len(word) <= 6 and not word.isascii():
                self.map.setdefault("".join(_pinyin(word)), []).append(word)

    def mistyped(self, word: str) -> list[str]:
        """Corpus words a word the corpus never uses was meant as: same pinyin, same length, all characters but
        one the same (供样 → 供养, 补帖 → 补贴: one character picked wrong from the input method's list)."""
        if word in self.known or not 2 <= len(word) <= 4 or not all("\u4e00" <= ch <= "\u9fff" for ch in word):
            return []
        same = [w for w in self.map.get("".join(_pinyin(word)), [])
                if len(w) == len(word) and sum(a != b for a, b in zip(w, word, strict=True)) == 1]
        return same[:2]

    def lookup(self, latin: str) -> list[str]:
        """Words spelled by ``latin``; a run of syllables is split greedily into known words."""
        key = latin.replace(" ", "").replace("-", "")
        if key in self.map:
            return self.map[key][:3]
        out: list[str] = []
        i = 0
        while i < len(key):
            for j in range(len(key), i + 1, -1):
                if key[i:j] in self.map:
                    out.extend(self.map[key[i:j]][:2])
                    i = j
                    break
            else:
                i += 1
        return out


def analyse(raw: str, pinyin: PinyinIndex | None = None) -> Query:
    analysis = analyse_question(raw)
    text = analysis.text
    lex = lexicon()
    # source term in the question -> policy terms it stands for
    sources: dict[str, list[str]] = {}

    for phrase, pattern in _foreign_patterns():
        if pattern.search(text):
            sources.setdefault(phrase, []).extend(lex["foreign"][phrase])
    if pinyin:
        for run in _LATIN.findall(text):
            for token in run.split():
                if len(token) >= 4 and not any(token in p for p in lex["foreign"]):
                    sources.setdefault(token, []).extend(pinyin.lookup(token))
    if pinyin:
        for w in words(text):
            fixed = pinyin.mistyped(w)
            if fixed:
                sources.setdefault(w, []).extend(fixed)
    for phrase, terms in lex["colloquial"].items():
        if phrase in text:
            sources.setdefault(phrase, []).extend(terms)
    synonyms = _synonym_index()
    for w in words(text):
        if w in synonyms:
            sources.setdefault(w, []).extend(synonyms[w])
    for src, terms in list(sources.items()):
        for t in list(terms):
            terms.extend(synonyms.get(t, []))
        sources[src] = [t for t in dict.fromkeys(terms) if t not in text]
    expansions = list(dict.fromkeys(t for terms in sources.values() for t in terms))
    return Query(
        raw=raw,
        text=text,
        regions=list(analysis.regions),
        years=list(analysis.years),
        expansions=expansions,
        sources=sources,
        asks_amount=any(p.asked_type in ("amount", "rate") for p in analysis.parts),
        asks_quantity=any(p.asked_type in _FIGURE_TYPES for p in analysis.parts),
        quoted=[t.strip() for t in _QUOTED.findall(text) if t.strip()],
        analysis=analysis,
    )


def _pinyin(word: str) -> list[str]:
    # pypinyin's tables take 0.5 s to import: loaded with the first pinyin index, not with every search import
    from pypinyin import lazy_pinyin

    return lazy_pinyin(word)
