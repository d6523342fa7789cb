"""Numbers in Chinese text: 1.2万, 一万二, 七十二, 800块 → values, for reading facts and checking answers."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from assistant.agent.lexicon import lexicon


@dataclass(frozen=True)
class Number:
    value: float
    text: str
    start: int
    end: int


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, int], dict[str, int], dict[str, int]]:
    n = lexicon()["numbers"]
    return n["digits"], n["units"], n["big_units"]


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern[str]:
    digits, units, big = _tables()
    cjk = "".join(list(digits) + list(units) + list(big))
    # arabic with an optional 万/千 multiplier and an optional trailing digit (1万2 = 12000),
    # or a run of Chinese numerals
    return re.compile(
        rf"(?P<arabic>\d+(?:,\d{{3}})*(?:\.\d+)?)(?P<mult>[万千亿])?(?P<tail>[{''.join(digits)}\d](?![\d{re.escape(cjk)}]))?"
        rf"|(?P<cjk>[{re.escape(cjk)}]+)(?!分之)"
    )


def parse_cjk(text: str) -> float | None:
    """一万二 → 12000, 三千五 → 3500, 七十二 → 72, 一百零五 → 105, 十五 → 15; None if not a number."""
    digits, units, big = _tables()
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
        section += digit * (last_unit // 10 if last_unit >= 10 and text[-2] not in "零〇" else 1)
    return float(total + section)


def find_numbers(text: str) -> list[Number]:
    digits, _, big = _tables()
    out = []
    for m in _pattern().finditer(text):
        if m.group("arabic"):
            value = float(m.group("arabic").replace(",", ""))
            mult = m.group("mult")
            if mult:
                factor = big.get(mult, 1000 if mult == "千" else 1)
                value *= factor
                tail = m.group("tail")
                if tail:
                    value += (digits.get(tail) if tail in digits else int(tail)) * factor / 10
        else:
            parsed = parse_cjk(m.group("cjk"))
            if parsed is None:
                continue
            value = parsed
        out.append(Number(value, m.group(0), m.start(), m.end()))
    return out


def canonical(value: float) -> str:
    """One spelling per value, so 1.2万, 12000 and 12000.0 compare equal."""
    return f"{value:.4f}".rstrip("0").rstrip(".")
