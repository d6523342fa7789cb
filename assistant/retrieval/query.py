"""Query understanding: script, regions, years, synonyms, colloquial case descriptions, pinyin and English."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml
from pypinyin import lazy_pinyin

from indexer.regions import gazetteer
from indexer.text import normalize, words

_SYNONYMS = Path(__file__).resolve().parents[2] / "indexer" / "data" / "synonyms.yaml"
_YEAR = re.compile(r"(?<!\d)(20[0-4]\d)(?=\s*年|\D|$)")
_LATIN = re.compile(r"[a-z][a-z\- ]*[a-z]|[a-z]")
# phrases that ask for an amount of money or a rate: the answer must contain one
_AMOUNT_ASK = re.compile(r"多少钱|多少元|几块|发多少|领多少|给多少|补多少|拿多少|补助多少|标准是多少|标准多少|每月多少|每年多少|一年多少|一个月多少|最多给|最高")


@dataclass
class Query:
    raw: str
    text: str  # normalised (simplified script, half-width, lower case)
    regions: list[str] = field(default_factory=list)
    years: list[str] = field(default_factory=list)
    expansions: list[str] = field(default_factory=list)  # terms added by synonyms/colloquial/foreign/pinyin
    asks_amount: bool = False

    @property
    def expanded_text(self) -> str:
        return " ".join([self.text, *self.expansions])


@lru_cache
def lexicon() -> dict:
    return yaml.safe_load(_SYNONYMS.read_text(encoding="utf-8"))


@lru_cache
def _synonym_index() -> dict[str, list[str]]:
    index: dict[str, list[str]] = {}
    for group in lexicon()["groups"]:
        for term in group:
            index.setdefault(term, []).extend(t for t in group if t != term)
    return index


class PinyinIndex:
    """Maps toneless pinyin (``dibao``) to the corpus words it spells (低保)."""

    def __init__(self, vocabulary: set[str]):
        self.map: dict[str, list[str]] = {}
        for word in sorted(vocabulary):
            if 2 <= len(word) <= 6 and not word.isascii():
                self.map.setdefault("".join(lazy_pinyin(word)), []).append(word)

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
    text = normalize(raw)
    lex = lexicon()
    expansions: list[str] = []
    regions = gazetteer().find(text)
    years = list(dict.fromkeys(_YEAR.findall(text)))

    for phrase, terms in lex["foreign"].items():
        if re.search(rf"(?<![a-z]){re.escape(phrase)}", text):
            expansions.extend(terms)
    if pinyin:
        for run in _LATIN.findall(text):
            for token in run.split():
                if len(token) >= 4 and not any(token in p for p in lex["foreign"]):
                    expansions.extend(pinyin.lookup(token))
    for phrase, terms in lex["colloquial"].items():
        if phrase in text:
            expansions.extend(terms)
    synonyms = _synonym_index()
    for w in set(words(text)) | set(expansions):
        expansions.extend(synonyms.get(w, []))
    expansions = [e for e in dict.fromkeys(expansions) if e not in text]
    return Query(
        raw=raw,
        text=text,
        regions=regions,
        years=years,
        expansions=expansions,
        asks_amount=bool(_AMOUNT_ASK.search(text)),
    )
