"""Read a trainer's Chinese request (“给我出5道关于特困人员的选择题”) into make_quiz arguments."""

from __future__ import annotations

import re

from indexer.regions import gazetteer

from .vocab import find_topic

DEFAULT_N = 10
_DIGITS = {"零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_COUNT = re.compile(r"(\d+|[零一二两三四五六七八九十百]+)\s*(?:道|个|题|条)")
# longest phrases first: 单选题 must not also read as 选择题
_TYPE_WORDS = (
    ("单项选择", "single"),
    ("多项选择", "multiple"),
    ("单选", "single"),
    ("多选", "multiple"),
    ("选择题", "single"),
    ("选择", "single"),
    ("判断", "tf"),
    ("是非", "tf"),
    ("对错", "tf"),
    ("填空", "fill"),
)
_ALL_TYPES = ("各种题型", "混合题型", "综合题型", "各类题型", "所有题型")


def parse_request(text: str) -> dict:
    """``{"topic", "n", "types", "region"}`` for make_quiz: ``types`` None means all types, ``topic`` and
    ``region`` None mean none named; ``n`` defaults to 10."""
    return {"topic": find_topic(text), "n": _count(text), "types": _types(text), "region": _region(text)}


def _count(text: str) -> int:
    m = _COUNT.search(text)
    if not m:
        return DEFAULT_N
    raw = m.group(1)
    return int(raw) if raw.isdigit() else chinese_number(raw) or DEFAULT_N


def chinese_number(raw: str) -> int:
    """一 … 九十九 and 一百 (what a request for quiz items needs)."""
    if raw.startswith("一百") or raw == "百":
        return 100
    if "十" in raw:
        tens, _, ones = raw.partition("十")
        return _DIGITS.get(tens, 1) * 10 + _DIGITS.get(ones, 0)
    return _DIGITS.get(raw, 0)


def _types(text: str) -> list[str] | None:
    if any(w in text for w in _ALL_TYPES):
        return None
    found: list[str] = []
    rest = text
    for word, item_type in _TYPE_WORDS:
        if word in rest:
            rest = rest.replace(word, "|")
            found.append(item_type)
    return list(dict.fromkeys(found)) or None


def _region(text: str) -> str | None:
    found = gazetteer().find(text)
    return found[0] if found else None
