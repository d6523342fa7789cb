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


def int_to_cjk(n: int) -> str:
    """1 → 一, 13 → 十三, 105 → 一百零五, 110 → 一百一十, 2024 → 二千零二十四 (0 < n < 10000; else digits)."""
    if not 0 < n < 10000:
        return str(n)
    digits = "零一二三四五六七八九"
    out = ""
    zero = False
    for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        d, n = divmod(n, value)
        if d:
            if zero:
                out += "零"
            out += ("" if (value == 10 and d == 1 and not out) else digits[d]) + unit
            zero = False
        elif out:
            zero = True
    return out
