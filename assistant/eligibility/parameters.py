"""Dated, regional policy parameters: the series of data/parameters/*.yaml (plus any office's extra files).

Lookup: the most specific region of the household that has the parameter (county > prefecture > province >
全国), then the latest value that took effect on or before the date. Each value knows until when it is
current (spec §2, amended): its ``effective_until``, else the next value or, for a yearly local standard,
one year after it took effect. Past that it is *stale*: still used when nothing better is known.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

import yaml

from indexer.models import Citation
from indexer.settings import Settings

from .citations import Basis, register
from .regions import NATIONAL, gazetteer
from .schema import ALWAYS, ParameterFile, Reference

_DATA = Path(__file__).parent / "data"
_LIMITS = _DATA / "limits.yaml"
CALLER = "调用方提供"
OVERRIDE = "假设（what-if）"
Origin = Literal["table", "caller", "override"]


class ParameterFileError(ValueError):
    """A parameter file that does not fit the schema (the file is named)."""


@dataclass(frozen=True)
class Parameter:
    name: str
    label: str
    region: str
    effective_from: date | None
    unit: str
    value: Any
    # a table value: where it comes from; a caller-supplied value: the rule it feeds
    source: Basis
    average: bool = False
    default: bool = False  # a national default: a caller's local value wins over it
    note: str = ""
    origin: Origin = "table"
    valid_until: date | None = None  # last day the value is current; None = until replaced
    stale: bool = False  # set by lookup for the date asked

    @property
    def caller_supplied(self) -> bool:
        return self.origin != "table"

    def citations(self, settings: Settings | None = None) -> list[Citation]:
        """The source of a table value; for a caller-supplied value, the rule the value feeds."""
        return [self.source.citation(settings)]

    def provenance(self) -> str:
        """Short label of where the value comes from, for steps and notes."""
        if self.origin == "caller":
            return f"{CALLER}（caller-supplied，未经核实）"
        if self.origin == "override":
            return f"{OVERRIDE}，经办人员设定"
        since = f"{self.effective_from.isoformat()}起" if self.effective_from else "现行"
        kind = "，全省平均值" if self.average else "，全国默认值" if self.default else ""
        stale = f"，已过期（现行至{self.valid_until.isoformat()}），可能已调整" if self.stale else ""
        return f"{self.region}{since}{kind}{stale}"


@dataclass(frozen=True)
class Table:
    entries: dict[tuple[str, str], list[Parameter]]  # (name, region) -> sorted by date
    constants: dict[str, Any]
    input_limits: dict[str, Any]

    def lookup(self, name: str, chain: tuple[str, ...], on: date) -> Parameter | None:
        """The value in force on ``on`` for the most specific region of ``chain`` that has one, marked stale or not."""
        for region in chain:
            found = None
            for entry in self.entries.get((name, region), ()):
                if entry.effective_from is None or entry.effective_from <= on:
                    found = entry
            if found is not None:
                stale = found.valid_until is not None and on > found.valid_until
                return replace(found, stale=stale) if stale else found
        return None

    def names(self) -> list[str]:
        return sorted({name for name, _ in self.entries})

    def series_label(self, name: str) -> tuple[str, str] | None:
        """(label, unit) of a parameter name, from any region that has it."""
        for (n, _), versions in self.entries.items():
            if n == name:
                return versions[-1].label, versions[-1].unit
        return None


@lru_cache(maxsize=1)
def limits() -> dict[str, Any]:
    return yaml.safe_load(_LIMITS.read_text(encoding="utf-8"))


def _load_file(path: Path) -> ParameterFile:
    try:
        return ParameterFile.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
    except (yaml.YAMLError, ValueError) as error:
        raise ParameterFileError(f"{path}: {error}") from error


def _files(extra_dirs: tuple[Path, ...]) -> list[Path]:
    files = sorted((_DATA / "parameters").glob("*.yaml"))
    for directory in extra_dirs:
        files += sorted(Path(directory).glob("*.yaml"))
    return files


def _until(start: date | None, explicit: date | None, following: date | None, validity: str) -> date | None:
    if explicit is not None:
        return explicit
    ends = []
    if following is not None:
        ends.append(following - timedelta(days=1))
    if validity == "yearly" and start is not None:
        ends.append(start.replace(year=start.year + 1) - timedelta(days=1))
    return min(ends) if ends else None


@lru_cache(maxsize=8)
def load_table(extra_dirs: tuple[Path, ...] = ()) -> Table:
    entries: dict[tuple[str, str], list[Parameter]] = defaultdict(list)
    gaz = gazetteer()
    for path in _files(extra_dirs):
        data = _load_file(path)
        region = gaz.canonical(data.region) or NATIONAL
        for name, series in data.parameters.items():
            dated = sorted(series.values.items(), key=lambda kv: date.min if kv[0] == ALWAYS else kv[0])
            starts = [None if start == ALWAYS else start for start, _ in dated]
            for index, (_, value) in enumerate(dated):
                ref = value.reference
                if ref.in_corpus and not ref.document:
                    ref = Reference(quote=ref.quote, document=data.document)
                begin = starts[index]
                following = starts[index + 1] if index + 1 < len(starts) else None
                entries[(name, region)].append(
                    Parameter(
                        name=name,
                        label=value.label or series.label,
                        region=region,
                        effective_from=begin,
                        unit=series.unit,
                        value=value.value,
                        source=register(ref, region),
                        average=value.average,
                        default=value.default,
                        note=value.note,
                        valid_until=_until(begin, value.effective_until, following, series.validity),
                    )
                )
    for versions in entries.values():
        versions.sort(key=lambda p: p.effective_from or date.min)
    lim = limits()
    return Table(dict(entries), lim["constants"], lim["input_limits"])


def table(settings: Settings | None = None) -> Table:
    """The parameter table: the package's files plus the extra directories the settings name."""
    dirs = tuple(getattr(settings, "eligibility_parameter_dirs", None) or ()) if settings is not None else ()
    return load_table(tuple(Path(d) for d in dirs))


def supplied_parameter(name: str, label: str, unit: str, value: Any, rule: Basis, origin: Origin = "caller") -> Parameter:
    """A value the caller supplied (or a what-if override); ``rule`` is the rule it feeds, cited for it."""
    region = CALLER if origin == "caller" else OVERRIDE
    return Parameter(
        name=name, label=label, region=region, effective_from=None, unit=unit, value=value, source=rule, origin=origin
    )


def caller_parameter(name: str, label: str, unit: str, value: Any, rule: Basis) -> Parameter:
    return supplied_parameter(name, label, unit, value, rule, "caller")
