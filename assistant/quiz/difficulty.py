"""Difficulty estimated from an item's needs (data/difficulty.yaml), not from a table of kinds."""

from __future__ import annotations

import math
from functools import lru_cache
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field

from .corpus import content_words, strip_lead

_FILE = Path(__file__).with_name("data") / "difficulty.yaml"


class DifficultyTable(BaseModel):
    model_config = ConfigDict(extra="forbid")

    schema_: int = Field(alias="schema")
    weights: dict[str, float]
    cuts: dict[str, float]


@lru_cache
def difficulty_table() -> DifficultyTable:
    return DifficultyTable.model_validate(yaml.safe_load(_FILE.read_text(encoding="utf-8")))


def estimate(signals: dict[str, float]) -> tuple[str, float]:
    """(easy | medium | hard, score) for an item's signals; an unknown signal is an error."""
    t = difficulty_table()
    score = round(sum(t.weights[name] * value for name, value in signals.items()), 3)
    if score < t.cuts["easy"]:
        return "easy", score
    if score < t.cuts["medium"]:
        return "medium", score
    return "hard", score


def paraphrase_distance(stem: str, source: str) -> float:
    """Share of the stem's wording (bigrams, without the source line) not found in the source sentence."""
    words = content_words(strip_lead(stem))
    if not words:
        return 0.0
    return round(1 - len(words & content_words(source)) / len(words), 3)


def closeness(key: str, distractors: list[str], number: float | None) -> float:
    """1 when a distractor is as near the key as can be, 0 when all are far (amounts: within 4×)."""
    if number:
        ratios = []
        for d in distractors:
            digits = "".join(ch for ch in d if ch.isdigit() or ch == ".")
            try:
                ratios.append(abs(math.log(float(digits) / number)))
            except (ValueError, ZeroDivisionError):
                continue
        if ratios:
            return round(max(0.0, 1 - min(ratios) / math.log(4)), 3)
    return 0.5 if distractors else 0.0
