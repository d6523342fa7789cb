"""The national region table: every province, prefecture and county of China, found in loose text.

The table is the administrative-division data that the maintained `jionlp` package ships
(read straight from its zip, without importing jionlp, which is slow to import); names that it
cannot give (English, colloquial abbreviations) are in ``data/regions.yaml``. One table serves the
indexer (document regions), retrieval (the asked region) and the chat (the household's region).
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import importlib.util
import logging
import os
import pickle
import re
import tempfile
import unicodedata
import zipfile
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml
import zhconv

log = logging.getLogger(__name__)

_DATA = Path(__file__).with_name("data") / "regions.yaml"
LEVELS = ("province", "prefecture", "county")
_MAX_ALIAS = 16


@dataclass(frozen=True)
class Region:
    name: str  # canonical: the official name, qualified by its prefecture where not unique
    level: str  # province | prefecture | county
    parent: str | None
    short: str
    aliases: tuple[str, ...] = field(default_factory=tuple)
    code: str = ""
    official: str = ""  # the official name without qualification

    @property
    def display(self) -> str:
        return self.official or self.name


@dataclass(frozen=True)
class RegionMatch:
    """One place named in a text: the span, and the region(s) it may be."""

    start: int
    end: int
    text: str
    candidates: tuple[str, ...]  # canonical names; more than one = ambiguous
    via: str  # full | short | town | latin

    @property
    def name(self) -> str | None:
        return self.candidates[0] if len(self.candidates) == 1 else None

    @property
    def ambiguous(self) -> bool:
        return len(self.candidates) > 1


def _table_path() -> Path:
    spec = importlib.util.find_spec("jionlp")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the region table needs the `jionlp` package (pip install jionlp)")
    return Path(next(iter(spec.submodule_search_locations))) / "dictionary" / "china_location.zip"


def _read_table() -> list[tuple[int, list[str]]]:
    with zipfile.ZipFile(_table_path()) as z:
        raw = z.read("china_location.txt").decode("utf-8")
    rows = []
    for line in raw.split("\n"):
        depth = len(line) - len(line.lstrip("\t"))
        if depth > 3 or not line.strip():
            continue  # villages
        rows.append((depth, line.strip().split("\t")))
    return rows


def _derived_forms(official: str, short: str, rules: list[dict]) -> list[str]:
    """The other ways an official name is written, by the rules in data (凉山彝族自治州 → 凉山州)."""
    if not short:
        return []
    return [short + form for rule in rules if official.endswith(rule["suffix"]) for form in rule["forms"]]


class Gazetteer:
    def __init__(
        self, regions: list[Region], towns: dict[str, str], word_info: dict[str, tuple[int, str]], config: dict
    ):
        self.by_name = {r.name: r for r in regions}
        self._min_chars = int(config.get("min_alias_chars", 2))
        rules = config.get("derived_forms") or []
        max_freq = int(config.get("bare_alias_max_word_freq", 800))
        exact: dict[str, set[str]] = defaultdict(set)  # any alias → canonical names (for canonical())
        full: dict[str, set[str]] = defaultdict(set)  # full names: always a place in running text
        bare: dict[str, set[str]] = defaultdict(set)  # short names: a place unless an ordinary word
        weak: dict[str, set[str]] = defaultdict(set)  # short names that are also ordinary words: a place when supported
        latin: dict[str, set[str]] = defaultdict(set)
        from pypinyin import lazy_pinyin  # only when the table is built, not when it is loaded from the cache

        for r in regions:
            for name in {r.name, r.official, *_derived_forms(r.official, r.short, rules)} - {""}:
                full[name].add(r.name)
                exact[name].add(r.name)
            for alias in (r.short, *r.aliases):
                if not alias:
                    continue
                if alias.isascii():
                    latin[alias.lower()].add(r.name)
                    continue
                exact[alias].add(r.name)
                if len(alias) < self._min_chars:
                    continue
                freq, _ = word_info.get(alias, (0, ""))
                # a province's or prefecture's short name is how the place is commonly written (大理, 杭州), so
                # always a place; a county's when it is rare as a word, and one that is also a frequent word
                # (平原, 公安, 合作) only where the text supports it (see _supported)
                if r.level != "county" or alias in r.aliases or freq <= max_freq:
                    bare[alias].add(r.name)
                else:
                    weak[alias].add(r.name)
            if r.level != "county" and r.short:
                latin["".join(lazy_pinyin(r.short)).lower()].add(r.name)
        for town, county in towns.items():
            if town not in full:
                full[town].add(county)
        self._towns = set(towns)
        self._town_suffixes = tuple(config.get("town_suffixes") or ())
        # words that begin with a town suffix (乡镇, 乡村, 镇上): after a county's short name they do not make it a town
        self._suffix_words = {w for w, (freq, _) in word_info.items() if w.startswith(self._town_suffixes) and freq > max_freq}
        self._suffix_words |= set(config.get("town_suffix_words") or ())
        self._suffix_word_tuple = tuple(sorted(self._suffix_words, key=len, reverse=True))
        # common two-character words: a short name whose first or last character belongs to one that straddles
        # the match's edge is inside a word (认定结果 holds 定结 but names no 定结县)
        self._common_pairs = {w for w, (freq, _) in word_info.items() if len(w) == 2 and freq > max_freq}
        self._province_names = {r.name for r in regions if r.level == "province"}
        self._exact = {k: tuple(sorted(v, key=self._rank)) for k, v in exact.items()}
        self._full = {k: tuple(sorted(v, key=self._rank)) for k, v in full.items()}
        self._bare = {k: tuple(sorted(v, key=self._rank)) for k, v in bare.items()}
        self._weak = {k: tuple(sorted(v, key=self._rank)) for k, v in weak.items() if k not in self._bare}
        cues = config.get("place_cues") or {}
        self._cue_before = tuple(sorted(cues.get("before") or (), key=len, reverse=True))
        self._cue_after = tuple(sorted(cues.get("after") or (), key=len, reverse=True))
        self._cue_link = tuple(cues.get("link") or ())
        self._clause_end = tuple(cues.get("clause_end") or ())
        self._latin = {k: tuple(sorted(v, key=self._rank)) for k, v in latin.items()}
        self._latin_re = re.compile(
            r"(?<![a-z])(" + "|".join(re.escape(a).replace(r"\ ", r"\s*") for a in sorted(self._latin, key=len, reverse=True) if len(a) > 2) + r")(?![a-z])"
        )

    def _rank(self, name: str) -> tuple[int, str]:
        return (LEVELS.index(self.by_name[name].level), name)

    # --- exact lookups ---
    def canonical(self, text: str) -> str | None:
        """The canonical name of a region typed on its own (丰宁, 内蒙, 凉山州, Guizhou, 豐寧)."""
        key = _simplify(text).strip()
        found = self._exact.get(key) or self._latin.get(re.sub(r"\s+", " ", key.lower()))
        if not found:
            return None
        return found[0] if len(found) == 1 or self._distinct_levels(found) else None

    def candidates(self, text: str) -> tuple[str, ...]:
        key = _simplify(text).strip()
        return self._exact.get(key) or self._latin.get(key.lower()) or ()

    def begins_town_word(self, text: str) -> bool:
        """The text begins with a common word that starts with a town suffix (乡村, 乡镇, 镇上): after a place's
        short name it does not make that name a town's."""
        return text.startswith(self._suffix_word_tuple)

    def _distinct_levels(self, names: tuple[str, ...]) -> bool:
        """吉林 = 吉林省 and 吉林市: the higher level wins when it is the only one at its level."""
        levels = [self.by_name[n].level for n in names]
        return levels.count(levels[0]) == 1

    # --- running text ---
    def locate(self, text: str) -> list[RegionMatch]:
        """Every place named in ``text``, longest name first, ambiguities resolved by co-mentioned places."""
        return list(_located(self, text))

    def _locate(self, text: str) -> list[RegionMatch]:
        simple = _simplify(text)
        strong = self._scan(simple, set())
        named = {n for m in strong if not m.ambiguous for n in m.candidates}
        lineages = set().union(*(self.lineage(n) for n in named)) if named else set()
        matches = self._scan(simple, lineages) if self._weak else strong
        for m in self._latin_re.finditer(simple.lower()):
            key = re.sub(r"\s+", " ", m.group(0))
            names = self._latin.get(key) or self._latin.get(key.replace(" ", ""))
            if names:
                matches.append(RegionMatch(m.start(), m.end(), text[m.start() : m.end()], names, "latin"))
        matches.sort(key=lambda m: m.start)
        return self._disambiguate(matches)

    def _scan(self, simple: str, lineages: set[str]) -> list[RegionMatch]:
        """Longest matches left to right; ``lineages`` (regions named for sure, with their ancestors) lets a
        weak short name count where it lies under or over one of them."""
        matches: list[RegionMatch] = []
        i = 0
        while i < len(simple):
            hit = self._longest(simple, i, lineages)
            if hit:
                matches.append(hit)
                i = hit.end
            else:
                i += 1
        return matches

    def _longest(self, s: str, i: int, lineages: set[str] | None = None) -> RegionMatch | None:
        for n in range(min(_MAX_ALIAS, len(s) - i), self._min_chars - 1, -1):
            piece = s[i : i + n]
            after = s[i + n :]
            if piece in self._full:
                if piece in self._towns and after.startswith(self._town_suffixes):
                    continue  # 苏木乡镇: a run of township words, not the township 苏木乡
                return RegionMatch(i, i + n, piece, self._full[piece], "full")
            if piece in self._bare:
                if after.startswith(self._town_suffixes) and not after.startswith(self._suffix_word_tuple):
                    continue  # 凤山镇 is a town of that name, not 凤山县
                if not set(self._bare[piece]) & self._province_names and (
                    s[i - 1 : i + 1] in self._common_pairs or s[i + n - 1 : i + n + 1] in self._common_pairs
                ):
                    continue
                return RegionMatch(i, i + n, piece, self._bare[piece], "short")
            if lineages is not None and piece in self._weak:
                names = self._supported(s, i, i + n, self._weak[piece], lineages)
                if names:
                    return RegionMatch(i, i + n, piece, names, "weak")
        return None

    def _supported(self, s: str, start: int, end: int, names: tuple[str, ...], lineages: set[str]) -> tuple[str, ...]:
        """The regions a weak short name may be where the text supports it being a place: a region named for
        sure lies on its line (湖北荆州公安 → 公安县), or it stands in a place slot — followed by a place or
        assistance word (大理那边, 大理的低保), or after a locative that ends the clause (我在大理，)."""
        related = tuple(n for n in names if self.lineage(n) & lineages or n in lineages)
        if related:
            return related
        after = s[end:]
        for link in ("", *self._cue_link):
            if after.startswith(link) and after[len(link) :].startswith(self._cue_after):
                return names
        if s[:start].endswith(self._cue_before) and (not after or after.startswith(self._clause_end)):
            return names
        return ()

    def _disambiguate(self, matches: list[RegionMatch]) -> list[RegionMatch]:
        named = {n for m in matches if not m.ambiguous for n in m.candidates}
        lineages = set().union(*(self.lineage(n) for n in named)) if named else set()
        out = []
        for m in matches:
            if m.ambiguous:
                inside = tuple(c for c in m.candidates if self.lineage(c) & (named - {c}) or c in lineages)
                if len(inside) == 1:
                    m = RegionMatch(m.start, m.end, m.text, inside, m.via)
                elif self._distinct_levels(m.candidates):
                    m = RegionMatch(m.start, m.end, m.text, m.candidates[:1], m.via)
            out.append(m)
        return out

    def find(self, text: str) -> list[str]:
        """Canonical names of the regions named in ``text`` (unambiguous ones), in order of first mention."""
        found: list[str] = []
        for m in self.locate(text):
            if m.name and m.name not in found:
                found.append(m.name)
        return found

    def most_specific(self, text: str) -> str | None:
        """The deepest region named, when the places named lie on one line (河北丰宁 → 丰宁满族自治县)."""
        names = self.find(text)
        if not names:
            return None
        deepest = max(names, key=lambda n: LEVELS.index(self.by_name[n].level))
        return deepest if all(self.related(deepest, n) for n in names) else None

    # --- relations ---
    def ancestors(self, name: str) -> list[str]:
        chain = []
        region = self.by_name.get(name)
        while region and region.parent:
            chain.append(region.parent)
            region = self.by_name.get(region.parent)
        return chain

    def lineage(self, name: str) -> set[str]:
        """The region with its ancestors."""
        return {name, *self.ancestors(name)}

    def related(self, a: str, b: str) -> bool:
        """True when one region contains the other (or they are the same)."""
        return a in self.lineage(b) or b in self.lineage(a)

    def path(self, name: str) -> dict[str, str | None]:
        """{"province", "prefecture", "county"} official names of a region and its ancestors."""
        out: dict[str, str | None] = dict.fromkeys(LEVELS)
        for n in (name, *self.ancestors(name)):
            r = self.by_name.get(n)
            if r:
                out[r.level] = r.display
        return out

    def province_of(self, name: str) -> str | None:
        for n in (name, *self.ancestors(name)):
            r = self.by_name.get(n)
            if r and r.level == "province":
                return r.name
        return None


@lru_cache(maxsize=1 << 14)
def _located(g: Gazetteer, text: str) -> tuple[RegionMatch, ...]:
    """Cached: a search asks about the same question and candidate clauses' labels many times over."""
    return tuple(g._locate(text))


def _simplify(text: str) -> str:
    """Same length as the input where possible, so spans point into it: NFKC per character, then simplified."""
    chars = [unicodedata.normalize("NFKC", c) for c in text]
    chars = [c if len(c) == 1 else o for c, o in zip(chars, text, strict=True)]
    return zhconv.convert("".join(chars), "zh-cn") if any("\u4e00" <= c <= "\u9fff" for c in chars) else "".join(chars)


def _build(config: dict) -> Gazetteer:
    rows = _read_table()
    extra = config.get("aliases") or {}
    placeholder = tuple(config.get("placeholder_suffixes") or ())
    generic = set(config.get("generic_shorts") or ())
    town_suffixes = tuple(config.get("town_suffixes") or ())
    raw: list[dict] = []
    province = prefecture = county = None
    towns_of: dict[str, list[str]] = defaultdict(list)
    for depth, cols in rows:
        if depth == 0 and len(cols) == 3:
            province = {"official": cols[0], "code": cols[1], "short": cols[2], "level": "province", "parent": None}
            raw.append(province)
            prefecture = None
        elif depth == 1 and len(cols) == 3:
            name, code, short = cols
            if name.endswith(placeholder) or short == province["short"] or name == province["official"]:
                prefecture = province  # a municipality's or a province's directly governed counties
            else:
                shorts = short.split("/")
                prefecture = {"official": name, "code": code, "short": shorts[0], "more": shorts[1:],
                              "level": "prefecture", "parent": province}
                raw.append(prefecture)
        elif depth == 2 and len(cols) == 3:
            name, code, short = cols
            if name.endswith(placeholder):
                county = None
                continue
            county = {"official": name, "code": code, "short": short, "level": "county", "parent": prefecture}
            raw.append(county)
        elif depth == 2 and len(cols) == 1 and prefecture is not None:
            county = {"official": cols[0], "code": "", "short": "", "level": "county", "parent": prefecture}
            raw.append(county)
        elif depth == 3 and county is not None:
            towns_of[cols[0]].append(county["official"] + "|" + county["parent"]["official"])
    counts: dict[str, int] = defaultdict(int)
    for r in raw:
        counts[r["official"]] += 1
    for r in raw:
        unique = counts[r["official"]] == 1
        parent = r["parent"]
        r["name"] = r["official"] if unique or parent is None else parent["official"] + r["official"]
        # generic shorts (经开区, 高新区, 市中区's 市中) and shorts shared with another unit's full name stay out
        if r["short"] in generic or (r["level"] == "county" and counts.get(r["short"], 0)):
            r["short"] = ""
    regions = [
        Region(
            name=r["name"],
            level=r["level"],
            parent=r["parent"]["name"] if r["parent"] else None,
            short=r["short"],
            aliases=tuple(r.get("more", [])) + tuple(extra.get(r["name"], [])),
            code=r["code"],
            official=r["official"],
        )
        for r in raw
    ]
    by_key = {r["official"] + "|" + (r["parent"]["official"] if r["parent"] else ""): r["name"] for r in raw}
    towns = {
        t: by_key[c[0]] for t, c in towns_of.items() if len(c) == 1 and len(t) >= 3 and t.endswith(town_suffixes)
    }
    words = {a for r in regions for a in (r.short, *r.aliases)}
    return Gazetteer(regions, towns, _word_info(words, prefixes=town_suffixes), config)


def _word_info(words: set[str], prefixes: tuple[str, ...] = ()) -> dict[str, tuple[int, str]]:
    """jieba's dictionary frequency and part of speech (ns = place name) of the given strings and of every
    two-character word (to see word boundaries and words that begin with a town suffix)."""
    import jieba

    out = {}
    with jieba.get_dict_file() as f:
        for raw in f:
            word, freq, pos = (raw.decode("utf-8").split() + ["", ""])[:3]
            if word in words or len(word) == 2:
                out[word] = (int(freq), pos)
    return out


_CACHE_DIR = Path(os.environ.get("MZ_CACHE_DIR") or Path(__file__).resolve().parent.parent / "var" / "cache")


def _cache_key(config_text: str) -> str:
    """The built table depends on the package's data, our names and this module's code."""
    h = hashlib.sha256(config_text.encode("utf-8"))
    h.update(importlib.metadata.version("jionlp").encode())
    h.update(Path(__file__).read_bytes())
    return h.hexdigest()[:16]


@lru_cache
def gazetteer() -> Gazetteer:
    """The table, built once per data version and then loaded from a pickle (building takes seconds)."""
    config_text = _DATA.read_text(encoding="utf-8")
    path = _CACHE_DIR / f"regions-{_cache_key(config_text)}.pickle"
    try:
        with path.open("rb") as f:
            return pickle.load(f)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError):
        pass
    table = _build(yaml.safe_load(config_text) or {})
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, delete=False) as f:
            pickle.dump(table, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(f.name, path)
    except OSError as e:  # a read-only install still works, only slower to start
        log.warning("region table cache not written (%s): %s", path, e)
    return table
