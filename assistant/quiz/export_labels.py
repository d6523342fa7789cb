"""The words quiz files print (CSV headers, type and level names, paper headings), from
data/export_labels.yaml."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, model_validator

_FILE = Path(__file__).with_name("data") / "export_labels.yaml"
_TYPES = {"single", "multiple", "tf", "fill"}


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Column(_Strict):
    key: str
    zh: str


class Paper(_Strict):
    font: str  # the Word paper's font (one Word and WPS both have)
    no_topic: str
    params: dict[str, str]
    name_line: str
    questions: str
    answer_sheet: str
    answers: str
    student_suffix: str
    teacher_suffix: str
    tf_line: str
    sheet_columns: list[str] = Field(min_length=3, max_length=3)
    key_columns: list[str] = Field(min_length=4, max_length=4)
    source: str
    levels: str


class Gift(_Strict):
    bank: str
    case_tag: str
    clause_tag: str
    difficulty_tag: str
    header: str
    source: str


class Aiken(_Strict):
    skipped_item: str
    skipped: str


class ExportLabels(_Strict):
    schema_: int = Field(alias="schema")
    types: dict[str, str]
    types_platform: dict[str, str]
    difficulty: dict[str, str]
    bloom: dict[str, str]
    csv_columns: list[Column]
    paper: Paper
    gift: Gift
    aiken: Aiken

    @model_validator(mode="after")
    def _complete(self) -> ExportLabels:
        # every item type, level and the paper's parameters need a name: a gap would print a KeyError
        for name, table, wanted in (
            ("types", self.types, _TYPES),
            ("types_platform", self.types_platform, _TYPES),
            ("difficulty", self.difficulty, {"easy", "medium", "hard"}),
            ("bloom", self.bloom, {"remember", "understand", "apply"}),
            ("paper.params", self.paper.params, {"topic", "count", "seed", "region"}),
        ):
            if set(table) != wanted:
                raise ValueError(f"{name}: expected {sorted(wanted)}, got {sorted(table)}")
        return self


@lru_cache
def export_labels() -> ExportLabels:
    return ExportLabels.model_validate(yaml.safe_load(_FILE.read_text(encoding="utf-8")))
