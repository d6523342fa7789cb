"""Query understanding: script, regions, years, synonyms, colloquial case descriptions, pinyin and English."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml
from pypinyin import lazy_pinyin

from indexer.numerals import numeral_chars, parse_cjk
from indexer.regions import gazetteer
from indexer.text import normalize, words

_SYNONYMS = Path(__file__).resolve().parents[2] / "indexer" / "data" / "synonyms.yaml"
YEAR = re.compile(r"(?<!\d)(20[0-4]\d)(?=\s*年|\D|$)")
_QUANTITY_ASK = re.compile(r"多少|几[个名档项倍天年月岁次]|多久|多长|多大|什么时候|何时|哪天|期限|时限")
_QUOTED = re.compile(r"[“\"'「『]([^”\"'」』]{1,20})[”\"'」』]")
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
    sources: dict[str, list[str]] = field(default_factory=dict)  # question term -> the terms it expanded to
    asks_amount: bool = False
    asks_quantity: bool = False  # how many / how long / which amount: the answer sentence has a number
    quoted: list[str] = field(default_factory=list)  # terms the user put in quotes: wanted verbatim

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
    text = arabic_numerals(normalize(raw))
    lex = lexicon()
    # source term in the question -> policy terms it stands for
    sources: dict[str, list[str]] = {}
    regions = gazetteer().find(text)
    years = list(dict.fromkeys(YEAR.findall(text)))

    for phrase, terms in lex["foreign"].items():
        if re.search(rf"(?<![a-z]){re.escape(phrase)}", text):
            sources.setdefault(phrase, []).extend(terms)
    if pinyin:
        for run in _LATIN.findall(text):
            for token in run.split():
                if len(token) >= 4 and not any(token in p for p in lex["foreign"]):
                    sources.setdefault(token, []).extend(pinyin.lookup(token))
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
        regions=regions,
        years=years,
        expansions=expansions,
        sources=sources,
        asks_amount=bool(_AMOUNT_ASK.search(text)),
        asks_quantity=bool(_QUANTITY_ASK.search(text)),
        quoted=[t.strip() for t in _QUOTED.findall(text) if t.strip()],
    )


_CN_NUMBER = re.compile(rf"[{numeral_chars()}]+(?=[岁元块个年月天日人户万倍档项小周名])")


def arabic_numerals(text: str) -> str:
    """六十岁 → 60岁, 两千元 → 2000元: users write numbers in words, policies in digits.
    Only numbers followed by a measure word change, so 一是 or 三保障 stay as they are."""

    def repl(m: re.Match[str]) -> str:
        value = parse_cjk(m.group(0))
        if value is None or (len(m.group(0)) == 1 and value <= 1):
            return m.group(0)
        return str(int(value)) if value == int(value) else str(value)

    return _CN_NUMBER.sub(repl, text)
