"""Region gazetteer: find the regions a text names, however loosely, and relate them."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml
from pypinyin import lazy_pinyin

_DATA = Path(__file__).with_name("data") / "regions.yaml"


@dataclass(frozen=True)
class Region:
    name: str
    level: str
    parent: str | None
    short: str
    aliases: tuple[str, ...] = field(default_factory=tuple)


class Gazetteer:
    def __init__(self, regions: list[Region]):
        self.by_name = {r.name: r for r in regions}
        names: dict[str, str] = {}
        for r in regions:
            for alias in (r.name, r.short, *r.aliases):
                names[alias.lower()] = r.name
            names["".join(lazy_pinyin(r.short)).lower()] = r.name
        self._names = names
        # longest alias first, so 内蒙古自治区 wins over 内蒙古 and 丰宁满族自治县 over 丰宁
        cjk = sorted((a for a in names if not a.isascii()), key=len, reverse=True)
        self._cjk = re.compile("|".join(map(re.escape, cjk)))
        latin = sorted((a for a in names if a.isascii() and len(a) > 2), key=len, reverse=True)
        self._latin = re.compile(r"(?<![a-z])(" + "|".join(re.escape(a).replace(r"\ ", r"\s*") for a in latin) + r")(?![a-z])")

    def canonical(self, text: str) -> str | None:
        return self._names.get(text.strip().lower())

    def find(self, text: str) -> list[str]:
        """Canonical names of the regions named in ``text``, in order of first mention."""
        found: list[str] = []
        for m in self._cjk.finditer(text):
            name = self._names[m.group(0).lower()]
            # single-character abbreviations (沪, 黔) only count when they stand alone
            if len(m.group(0)) == 1:
                continue
            if name not in found:
                found.append(name)
        for m in self._latin.finditer(text.lower()):
            name = self._names.get(re.sub(r"\s+", " ", m.group(0))) or self._names.get(m.group(0))
            if name and name not in found:
                found.append(name)
        return found

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


@lru_cache
def gazetteer() -> Gazetteer:
    data = yaml.safe_load(_DATA.read_text(encoding="utf-8"))
    regions = [
        Region(
            name=r["name"],
            level=r["level"],
            parent=r.get("parent"),
            short=r["short"],
            aliases=tuple(r.get("aliases", [])),
        )
        for r in data["regions"]
    ]
    return Gazetteer(regions)
