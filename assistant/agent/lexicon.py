"""The word lists of data/lexicon.yaml and data/prompts.yaml, loaded once."""

from __future__ import annotations

import re
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import yaml

_DATA = Path(__file__).with_name("data")


@lru_cache(maxsize=1)
def lexicon() -> dict[str, Any]:
    return yaml.safe_load((_DATA / "lexicon.yaml").read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def prompts() -> dict[str, Any]:
    return yaml.safe_load((_DATA / "prompts.yaml").read_text(encoding="utf-8"))


@cache
def starts_with(*path: str) -> re.Pattern[str]:
    """A pattern matching text that starts with one of the words at ``path`` in the lexicon."""
    words: object = lexicon()
    for key in path:
        words = words[key]  # type: ignore[index]
    alternatives = "|".join(map(re.escape, sorted(words, key=len, reverse=True)))  # type: ignore[arg-type]
    return re.compile(rf"^\s*(?:{alternatives})")
