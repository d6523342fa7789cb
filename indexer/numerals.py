"""Chinese numerals to values: 一万二 → 12000, 三千五 → 3500, 七十二 → 72, 一百零五 → 105."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

_DATA = Path(__file__).with_name("data") / "numerals.yaml"


@lru_cache(maxsize=1)
def tables() -> tuple[dict[str, int], dict[str, int], dict[str, int]]:
    data = yaml.safe_load(_DATA.read_text(encoding="utf-8"))
    return data["digits"], data["units"], data["big_units"]


def numeral_chars() -> str:
    digits, units, big = tables()
    return "".join([*digits, *units, *big])


def parse_cjk(text: str) -> float | None:
    """The value of a run of Chinese numerals; None if ``text`` is not one."""
    digits, units, big = tables()
    if not text:
        return None
    total = section = 0
    digit: int | None = None
    last_unit = 1
    for ch in text:
        if ch in digits:
            digit = digits[ch]
        elif ch in units:
            section += (1 if digit is None else digit) * units[ch]
            last_unit = units[ch]
            digit = None
        elif ch in big:
            section += digit or 0
            total += (section or 1) * big[ch]
            section, digit = 0, None
            last_unit = big[ch]
        else:
            return None
    if digit is not None:
        # a trailing digit after a unit counts one step down: 一万二 = 12000, 三千五 = 3500
        step_down = last_unit >= 10 and len(text) > 1 and text[-2] not in "零〇"
        section += digit * (last_unit // 10 if step_down else 1)
    return float(total + section)
