"""Read a trainer's Chinese request (“给我出5道关于特困人员的选择题”) into make_quiz arguments."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml

from indexer.numerals import numeral_chars, parse_cjk
from indexer.regions import gazetteer

from .vocab import find_topic

DEFAULT_N = 10
_DATA = Path(__file__).with_name("data") / "request.yaml"


@lru_cache(maxsize=1)
def _words() -> dict:
    data = yaml.safe_load(_DATA.read_text(encoding="utf-8"))
    measures = "|".join(map(re.escape, data["count_measures"]))
    data["count"] = re.compile(rf"(\d+|[{re.escape(numeral_chars())}]+)\s*(?:{measures})")
    return data


def parse_request(text: str) -> dict:
    """``{"topic", "n", "types", "region"}`` for make_quiz: ``types`` None means all types, ``topic`` and
    ``region`` None mean none named; ``n`` defaults to 10."""
    return {"topic": find_topic(text), "n": _count(text), "types": _types(text), "region": _region(text)}


def _count(text: str) -> int:
    m = _words()["count"].search(text)
    if not m:
        return DEFAULT_N
    raw = m.group(1)
    if raw.isdigit():
        return int(raw)
    value = parse_cjk(raw)
    return int(value) if value else DEFAULT_N


def _types(text: str) -> list[str] | None:
    words = _words()
    if any(w in text for w in words["all_types"]):
        return None
    found: list[str] = []
    rest = text
    for word, item_type in words["item_types"]:
        if word in rest:
            rest = rest.replace(word, "|")
            found.append(item_type)
    return list(dict.fromkeys(found)) or None


def _region(text: str) -> str | None:
    found = gazetteer().find(text)
    return found[0] if found else None
