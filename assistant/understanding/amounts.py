"""Amounts as people say them: colloquial numerals and approximations as ranges, never a silent point.

Numerals are read by the project's shared parser (``assistant.agent.numbers`` over ``indexer.numerals``,
which reads 一万二 as 12000 where jionlp's ``parse_money`` reads 10002); this layer adds what a person means
around the figure: 一千多 → 1000–1999, 七八千 → 7000–8000, 两万来块 → about 18000–22000, 不到一万 → 0–10000,
and the period it is stated for (每月600 → 7200 a year). The word tables are in data/amounts.yaml.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.understanding.state import Quantity
from assistant.understanding.tables import amounts, facts
from indexer.numerals import tables as numeral_tables


@dataclass(frozen=True)
class Amount:
    """A figure found in text: its range, the words it was read from, and where."""

    value: Quantity
    text: str
    start: int
    end: int
    unit: str  # the unit word after it ("" when none)
    period: float = 1.0  # × to make it yearly (12 for a monthly figure)
    just_below: bool = False  # 快七十, 将近两万: said as just below the figure (the range ends at it)


def _starts(text: str, words: list[str]) -> str:
    for w in sorted(words, key=len, reverse=True):
        if text.lower().startswith(w):
            return w
    return ""


def _ends(text: str, words: list[str]) -> str:
    for w in sorted(words, key=len, reverse=True):
        if text.lower().endswith(w):
            return w
    return ""


def _step(text: str, value: float) -> float:
    """The place value of the last digit said: 一千 → 1000, 七十三 → 1, 一万二 → 1000, 5000 → 1000."""
    _, units, big = numeral_tables()
    last = text[-1]
    if last in units:
        return float(units[last])
    if last in big:
        return float(big[last])
    if text.isdigit() or re.fullmatch(r"\d+(?:\.\d+)?", text):
        v = int(value)
        step = 1
        while v and v % (step * 10) == 0:
            step *= 10
        return float(step)
    if re.search(r"[万千]", text[:-1]):  # 一万二 / 1万2: the trailing digit counts the next unit down
        return 1000.0 if "万" in text else 100.0
    return 1.0


def _digit_pair(text: str) -> tuple[float, float] | None:
    """七八千 → (7000, 8000), 三四百 → (300, 400), 五六十 → (50, 60); after a unit, the trailing pair counts
    the next unit down: 两万五六 → (25000, 26000), 一万二三 → (12000, 13000)."""
    digits, units, big = numeral_tables()
    d = "".join(digits)
    tail = re.fullmatch(rf"(.*[{''.join([*units, *big])}])([{d}])([{d}])", text)
    if tail and digits[tail.group(3)] == digits[tail.group(2)] + 1:
        from indexer.numerals import parse_cjk

        low, high = parse_cjk(tail.group(1) + tail.group(2)), parse_cjk(tail.group(1) + tail.group(3))
        if low is not None and high is not None:
            return low, high
    m = re.fullmatch(rf"([{d}])([{d}])(.*)", text)
    if not m or m.group(1) == m.group(2):
        return None
    a, b = digits[m.group(1)], digits[m.group(2)]
    if b != a + 1:
        return None
    scale = 1.0
    for ch in m.group(3):
        scale *= units.get(ch, big.get(ch, 1))
    return a * scale, b * scale


def _few(text: str, start: int, end: int) -> tuple[float, float, int] | None:
    """几 in a figure: 十几万 → 110000–190000, 二十几 → 21–29, 几百 → 100–900."""
    digits, units, big = numeral_tables()
    scale_chars = "".join([*units, *big])
    m = re.compile(rf"([{''.join(digits)}{scale_chars}]*)几([{scale_chars}]*)").match(text, start)
    if not m or "几" not in m.group(0):
        return None
    head, tail = m.group(1), m.group(2)
    scale = 1.0
    for ch in tail:
        scale *= units.get(ch, big.get(ch, 1))
    from indexer.numerals import parse_cjk

    base = parse_cjk(head) if head else 0.0
    step = 1.0
    if head and head[-1] in units:
        step = units[head[-1]] / 10
    elif not head:
        step = 1.0
    base = base or 0.0
    return ((base + step) * scale, (base + 9 * step) * scale, m.end())


def _spelled_year(text: str) -> float | None:
    """二〇一九 / 二零二零 said digit by digit."""
    digits, _, _ = numeral_tables()
    if len(text) == 4 and all(ch in digits for ch in text):
        return float("".join(str(digits[ch]) for ch in text))
    return None


def find_amounts(text: str) -> list[Amount]:
    """Every figure in ``text`` with its range and unit; approximations widen the range."""
    # imported here: importing the agent package at module level would import the chat service, which
    # imports this reader
    from assistant.agent.numbers import find_numbers

    t = amounts()
    out: list[Amount] = []
    numbers = find_numbers(text)
    skip_until = -1
    for i, n in enumerate(numbers):
        if n.start < skip_until:
            continue
        if any(text.startswith(w, n.start) for w in t.not_figures) or any(
                text.startswith(w, max(0, n.start - 1)) and w[1:2] == text[n.start] for w in t.not_figures):
            continue  # 住一块, 一点点, 一下子: words, not figures
        raw = text[n.start : n.end]
        low = high = n.value
        idiom = _starts(text[n.start:], list(t.idioms))
        if idiom:
            # 百八十块: a set phrase of a range, not the figure 180
            low, high = map(float, t.idioms[idiom])
            end = skip_until = n.start + len(idiom)
            unit = _starts(text[end:], t.money_units)
            out.append(Amount(Quantity(min=low, max=high), idiom, n.start, end, unit, _period(text, n.start)))
            continue
        pair = _digit_pair(raw)
        if pair:
            low, high = pair
        begin = n.start - 1 if n.start and text[n.start - 1] == "几" else n.start
        few = _few(text, begin, n.end)
        if few:
            low, high, end_few = few
            skip_until = end_few
        year = _spelled_year(raw)
        if year:
            low = high = year
        end = few[2] if few else n.end
        after = text[end:]
        plus = _starts(after, t.plus_joiners)
        if plus and not few and i + 1 < len(numbers) and numbers[i + 1].start == end + len(plus) and raw[-1] in \
                numeral_tables()[1] and numbers[i + 1].value < _step(raw, n.value):
            low = high = n.value + numbers[i + 1].value  # 九十有一
            end = skip_until = numbers[i + 1].end
            raw = text[n.start:end]
            after = text[end:]
        # a range said with a joiner: 1500到2000, 一千至一千五
        joiner = _starts(after, t.range_joiners)
        if joiner and i + 1 < len(numbers) and numbers[i + 1].start == end + len(joiner):
            other = numbers[i + 1]
            if other.value > n.value:
                high = other.value
                end = other.end
                after = text[end:]
                skip_until = end
        before = text[max(0, n.start - 12) : n.start]  # (long enough for "less than ")
        step = _step(raw, n.value)
        little = _starts(after, t.little_above_after)
        above = "" if little else _starts(after, t.above_after)
        about = _starts(after, t.about_after)
        unit_in = next((u for u in t.money_units if (above or about).endswith(u)), "") if (above or about) else ""
        if little:
            end += len(little)
            high = high + max(1.0, step * t.little_above_ratio)  # 二十出头: 20–26 at most, not 20–29
        elif above:
            end += len(above)
            high = high + step - 1 if step > 1 else high + 0.99
        elif about:
            end += len(about)
            low, high = low * (1 - t.about_ratio), high * (1 + t.about_ratio)
        after = text[end:]
        # a unit word may sit between the figure and an approximation (两千块左右)
        unit = unit_in or _starts(after, t.money_units) or _starts(after, t.not_money)
        tail = after[len(unit) :]
        if unit and not above and not about:
            if _starts(tail, t.about_after):
                low, high = low * (1 - t.about_ratio), high * (1 + t.about_ratio)
            elif _starts(tail, t.above_after):
                high = high + step - 1 if step > 1 else high
        if _starts(tail, t.below_after) or _starts(after, t.below_after):
            low = 0.0
        elif _starts(tail, t.over_after) or _starts(after, t.over_after):
            high = max(high, low * 2)
        cue = _ends(before.rstrip(), t.below_before + t.about_before + t.over_before)
        if not cue and re.fullmatch(r"\D*[万千]", raw) and _ends(before, t.little_under):
            cue = t.below_about[0]  # 小两万: just below twenty thousand
        if cue in t.below_about:
            low = low * (1 - t.about_ratio)
        elif cue in t.below_before:
            low = 0.0
        elif cue in t.about_before:
            low, high = min(low, low * (1 - t.about_ratio)), max(high, high * (1 + t.about_ratio))
        elif cue in t.over_before:
            high = max(high, low * 2)
        out.append(Amount(Quantity(min=low, max=high), text[begin:end], begin, end, unit,
                          _period(text, n.start), cue in t.below_about))
    return out


def _period(text: str, start: int) -> float:
    """The nearest period word before the figure in the same clause, else one after it (600一个月)."""
    t = amounts()
    words = sorted(t.periods, key=len, reverse=True)
    before = text[:start].lower()
    best: tuple[int, float] | None = None
    for w in words:
        at = before.rfind(w)
        if at >= 0 and (best is None or at + len(w) > best[0]):
            best = (at + len(w), t.periods[w])
    if best is not None:
        return best[1]
    after = text[start:].lower()
    found = [(after.find(w), t.periods[w]) for w in words if after.find(w) >= 0]
    return min(found)[1] if found else 1.0


def is_money(a: Amount, text: str) -> bool:
    """A figure with a money unit, a 万/千 figure, or one followed by what is paid (一百多的养老金)."""
    t = amounts()
    if a.unit in t.money_units:
        return True
    if a.unit in t.not_money:
        return False
    if re.search(r"[万千百]", a.text):
        return True  # 两百出头: a figure in hundreds with no unit is money (ages and counts have their units)
    f = facts().income
    paid = [w for words in f.kinds.values() for w in words] + f.excluded
    return any(text[a.end : a.end + 6].lstrip("的钱").startswith(w) for w in paid)
