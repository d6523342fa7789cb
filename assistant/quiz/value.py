"""Training value of a fact, from the cue patterns in data/value.yaml (see the comments there)."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, PrivateAttr

_FILE = Path(__file__).with_name("data") / "value.yaml"


class Cue(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str
    kind: Literal["normative", "statistic", "slogan", "target", "background"]
    pattern: str
    weight: float = Field(ge=0)
    _regex: re.Pattern = PrivateAttr()

    def model_post_init(self, _context) -> None:
        self._regex = re.compile(self.pattern)  # a bad pattern fails when the table loads

    def matches(self, text: str) -> bool:
        return bool(self._regex.search(text))


class Known(BaseModel):
    """An answer everyone knows without training (老年人 = 60周岁): asked, it tests nothing."""

    model_config = ConfigDict(extra="forbid")

    pattern: str
    why: str

    def matches(self, value: str) -> bool:
        return bool(re.search(self.pattern, value))


class Labels(BaseModel):
    """Quoted names (a reform label, a slogan, a procedure): asked only when the name itself is normative."""

    model_config = ConfigDict(extra="forbid")

    kinds: list[str]
    normative: str
    slogan: str

    def worthless(self, kind: str, value: str) -> bool:
        return kind in self.kinds and (not re.search(self.normative, value) or bool(re.search(self.slogan, value)))


class ValueTable(BaseModel):
    model_config = ConfigDict(extra="forbid")

    schema_: int = Field(alias="schema")
    kinds: dict[str, float]  # by kind, or by "kind:category" where a category differs
    labels: Labels
    cues: list[Cue]
    superseded_after: list[str]
    floor: float = Field(ge=0)
    document_share: float = Field(gt=0, le=1)
    series_items: int = Field(ge=1)
    common_knowledge: list[Known] = Field(default_factory=list)
    forms: dict[str, float] = Field(default_factory=dict)  # item forms worth less than their fact

    def form_factor(self, item_type: str, truth: bool | None) -> float:
        """What an item's form takes off its fact's value: a true/false item stating the clause as
        written only asks whether one recognises the sentence."""
        return self.forms.get("tf_as_written", 1.0) if item_type == "tf" and truth else 1.0

    def score(
        self, kind: str, text: str, unit_weight: float = 1.0, value_text: str = "", category: str = ""
    ) -> tuple[float, list[str]]:
        """(value, names of the cues that matched) for a fact of ``kind`` (and ``category``) whose answer
        ``value_text`` is asked in ``text``."""
        if self.labels.worthless(kind, value_text):
            return 0.0, ["label_or_slogan"]
        if any(k.matches(value_text) for k in self.common_knowledge):
            return 0.0, ["common_knowledge"]
        value = self.kinds.get(f"{kind}:{category}", self.kinds[kind]) * unit_weight
        matched = []
        for cue in self.cues:
            if cue.matches(text):
                value *= cue.weight
                matched.append(cue.name)
        return value, matched


@lru_cache
def value_table() -> ValueTable:
    return ValueTable.model_validate(yaml.safe_load(_FILE.read_text(encoding="utf-8")))
