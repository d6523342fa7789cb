"""Region names: loose spellings to canonical names, and a household's lookup chain."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from indexer.regions import gazetteer as indexer_gazetteer

NATIONAL = "全国"


class _Names:
    """The indexer's gazetteer seen from parameter lookup: exact names, kept as typed when unknown."""

    def __init__(self) -> None:
        self._g = indexer_gazetteer()
        self.national = NATIONAL
        self.levels = {name: r.level for name, r in self._g.by_name.items()}
        self.parents = {name: r.parent for name, r in self._g.by_name.items() if r.parent}

    def canonical(self, name: str | None) -> str | None:
        if name is None:
            return None
        cleaned = "".join(name.split())
        if not cleaned:
            return None
        if cleaned == NATIONAL:
            return NATIONAL
        return self._g.canonical(cleaned) or cleaned

    def ancestors(self, name: str) -> list[str]:
        return self._g.ancestors(name)


@lru_cache(maxsize=1)
def gazetteer() -> _Names:
    return _Names()


@dataclass(frozen=True)
class ResolvedRegion:
    """Canonical names of the household's region, most specific first, ending with 全国."""

    province: str | None
    prefecture: str | None
    county: str | None
    chain: tuple[str, ...]

    def contains(self, region: str) -> bool:
        return region in self.chain

    def label(self) -> str:
        parts = [p for p in (self.province, self.prefecture, self.county) if p]
        return "".join(parts) if parts else "（未填写地区）"


class RegionConflict(ValueError):
    """The levels of a region name places that do not contain each other."""


@lru_cache(maxsize=4096)  # pure and frozen: each completion the invariance search tries resolves it again
def resolve(province: str | None, prefecture: str | None, county: str | None) -> ResolvedRegion:
    gaz = gazetteer()
    given = [gaz.canonical(county), gaz.canonical(prefecture), gaz.canonical(province)]
    chain: list[str] = []
    for name in given:
        if name is None or name in chain:
            continue
        # only names we know can conflict; an unknown spelling is kept as typed
        known = name in gaz.levels and chain and chain[0] in gaz.parents
        if known and name not in gaz.ancestors(chain[0]):
            raise RegionConflict(f"{chain[0]}不属于{name}，请核对省、市、县的填写")
        chain.append(name)
    # fill in the known parents, so 丰宁 alone still finds 河北省 rules
    if chain:
        for parent in gaz.ancestors(chain[0]):
            if parent not in chain:
                chain.append(parent)
    filled = {gaz.levels.get(n): n for n in chain}
    return ResolvedRegion(
        province=filled.get("province", given[2]),
        prefecture=filled.get("prefecture", given[1]),
        county=filled.get("county", given[0]),
        chain=(*chain, gaz.national),
    )
