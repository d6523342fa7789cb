"""Dated, regional policy parameters loaded from parameters.yaml."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from indexer.models import Citation
from indexer.settings import Settings

from .citations import Basis, corpus, external

_DATA = Path(__file__).with_name("parameters.yaml")
CALLER = "调用方提供"


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
    note: str = ""
    supplied: bool = False  # given by the caller (local_parameters), not read from the table

    @property
    def caller_supplied(self) -> bool:
        return self.supplied

    def citations(self, settings: Settings | None = None) -> list[Citation]:
        """The source of a table value; for a caller-supplied value, the rule the value feeds."""
        return [self.source.citation(settings)]

    def provenance(self) -> str:
        """Short label of where the value comes from, for steps and notes."""
        if self.caller_supplied:
            return f"{CALLER}（caller-supplied，未经核实）"
        since = f"{self.effective_from.isoformat()}起" if self.effective_from else "现行"
        kind = "，全省平均值" if self.average else ""
        return f"{self.region}{since}{kind}"


@dataclass(frozen=True)
class Table:
    entries: dict[tuple[str, str], list[Parameter]]  # (name, region) -> sorted by date
    constants: dict[str, Any]
    input_limits: dict[str, Any]

    def lookup(self, name: str, chain: tuple[str, ...], on: date) -> Parameter | None:
        for region in chain:
            found = None
            for entry in self.entries.get((name, region), ()):
                if entry.effective_from is None or entry.effective_from <= on:
                    found = entry
            if found is not None:
                return found
        return None


def _source(raw: dict[str, str], region: str) -> Basis:
    if "doc_id" in raw:
        return corpus(raw["doc_id"], raw["quote"], region)
    return external(raw["regulation"], raw.get("article", ""))


@lru_cache(maxsize=1)
def table() -> Table:
    data = yaml.safe_load(_DATA.read_text(encoding="utf-8"))
    entries: dict[tuple[str, str], list[Parameter]] = defaultdict(list)
    for raw in data["parameters"]:
        param = Parameter(
            name=raw["name"],
            label=raw["label"],
            region=raw["region"],
            effective_from=raw["effective_from"],
            unit=raw["unit"],
            value=raw["value"],
            source=_source(raw["source"], raw["region"]),
            average=bool(raw.get("average", False)),
            note=raw.get("note", ""),
        )
        entries[(param.name, param.region)].append(param)
    for versions in entries.values():
        versions.sort(key=lambda p: p.effective_from or date.min)
    return Table(dict(entries), data["constants"], data["input_limits"])


def caller_parameter(name: str, label: str, unit: str, value: Any, rule: Basis) -> Parameter:
    """A value the caller supplied where the table has none; ``rule`` is the rule it feeds, cited for it."""
    return Parameter(
        name=name, label=label, region=CALLER, effective_from=None, unit=unit, value=value, source=rule, supplied=True
    )
