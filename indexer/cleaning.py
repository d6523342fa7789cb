"""Remove web-page debris while keeping a map back to the original text."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

_RULES = Path(__file__).with_name("data") / "cleaning.yaml"


@dataclass(frozen=True)
class CleanText:
    """Cleaned text and, for every character of it, its offset in the original."""

    text: str
    offsets: tuple[int, ...]
    original_length: int

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a clean [start, end) span to the original text."""
        if start >= end:
            pos = self.offsets[start] if start < len(self.offsets) else self.original_length
            return pos, pos
        return self.offsets[start], self.offsets[end - 1] + 1


@lru_cache
def _rules() -> tuple[list[re.Pattern[str]], list[re.Pattern[str]]]:
    data = yaml.safe_load(_RULES.read_text(encoding="utf-8"))
    return [re.compile(p) for p in data["line"]], [re.compile(p) for p in data["inline"]]


def removed_spans(original: str) -> list[tuple[int, int]]:
    line_rules, inline_rules = _rules()
    spans: list[tuple[int, int]] = []
    pos = 0
    for line in original.splitlines(keepends=True):
        body = line.rstrip("\n")
        if any(rule.search(body) for rule in line_rules):
            spans.append((pos, pos + len(body)))
        pos += len(line)
    for rule in inline_rules:
        spans.extend(m.span() for m in rule.finditer(original))
    return sorted(spans)


def clean(original: str) -> CleanText:
    keep = [True] * len(original)
    for start, end in removed_spans(original):
        for i in range(start, end):
            keep[i] = False
    offsets = tuple(i for i, k in enumerate(keep) if k)
    text = "".join(original[i] for i in offsets)
    return CleanText(text=text, offsets=offsets, original_length=len(original))
