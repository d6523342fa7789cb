"""Numbers in Chinese text: 1.2万, 一万二, 七十二, 800块 → values, for reading facts and checking answers.

Chinese numerals are read by the shared parser in ``indexer.numerals`` (tables in indexer/data/numerals.yaml).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from indexer.numerals import numeral_chars, parse_cjk, tables


@dataclass(frozen=True)
class Number:
    value: float
    text: str
    start: int
    end: int


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern[str]:
    digits, _, _ = tables()
    cjk = re.escape(numeral_chars())
    # arabic with an optional 万/千 multiplier and an optional trailing digit (1万2 = 12000),
    # or a run of Chinese numerals
    return re.compile(
        rf"(?P<arabic>\d+(?:,\d{{3}})*(?:\.\d+)?)(?P<mult>[万千亿])?(?P<tail>[{''.join(digits)}\d](?![\d{cjk}]))?"
        rf"|(?P<cjk>[{cjk}]+)(?!分之)"
    )


def find_numbers(text: str) -> list[Number]:
    digits, _, big = tables()
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
