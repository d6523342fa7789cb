"""Chinese typed as toneless pinyin (wo yeye jinnian 86 sui le) read back into characters.

The vocabulary is the reader's own word tables (every Chinese word in data/*.yaml) plus the numerals and the
grammar characters of data/pinyin.yaml: a run of syllables is replaced by the longest word whose pinyin it
spells; anything else is left as typed (English, digits, place names the gazetteer reads by their latin names).
"""

from __future__ import annotations

import re
from functools import lru_cache

from pypinyin import lazy_pinyin

from assistant.understanding.tables import all_words, pinyin

_HANZI = re.compile(r"^[\u4e00-\u9fff]+$")
_TOKEN = re.compile(r"[a-z]+|[^a-z]+")



@lru_cache(maxsize=1)
def _lexicon() -> tuple[dict[str, str], int]:
    words = sorted({w for w in all_words() if _HANZI.match(w)}, key=len)
    out: dict[str, str] = {}
    longest = 1
    # shorter words first so a longer word spelled the same way wins; the common words of pinyin.yaml last,
    # so a syllable alone is the everyday word (shi → 是, not 市)
    for w in [*words, *pinyin().words]:
        syllables = lazy_pinyin(w)
        out["".join(syllables)] = w
        longest = max(longest, len(syllables))
    return out, longest


def _numeral_syllables(token: str) -> list[str] | None:
    """qishiba → [qi, shi, ba]: the token spelled wholly with numeral syllables, else None."""
    table = pinyin().numerals
    names = sorted(table, key=len, reverse=True)
    out: list[str] = []
    i = 0
    while i < len(token):
        step = next((n for n in names if token.startswith(n, i)), None)
        if step is None:
            return None
        out.append(step)
        i += len(step)
    return out


def _numerals(tokens: list[str]) -> list[str]:
    """Numeral tokens (qishiba, liangbai) and runs of numeral syllables with a unit (qi shi ba) as characters."""
    t = pinyin()
    out: list[str] = []
    run: list[str] = []

    def flush() -> None:
        # a run of separate syllables counts only with a unit in it and two or more syllables (shi alone is 是)
        if len(run) >= 2 and any(s in t.numeral_units for s in run):
            out.append("".join(t.numerals[s] for s in run))
        else:
            out.extend(x for s in run for x in (s, " "))  # not a figure: the syllables as typed
        run.clear()

    for tok in tokens:
        if tok.isalpha():
            parts = _numeral_syllables(tok)
            if parts and len(parts) >= 2:
                if run:
                    flush()
                out.append("".join(t.numerals[s] for s in parts))
                continue
            if parts:
                run.append(tok)
                continue
        elif not tok.strip() and run:
            continue  # the space between two syllables of a run
        if run:
            flush()
            if not tok.strip():
                out.append(tok)
                continue
        out.append(tok)
    if run:
        flush()
    return out


def looks_like_pinyin(text: str) -> bool:
    """Mostly latin syllables and almost no characters: the user typed pinyin."""
    syllables = re.findall(r"[a-z]+", text.lower())
    lexicon, _ = _lexicon()
    known = sum(1 for s in syllables if s in lexicon or _numeral_syllables(s))
    return len(re.findall(r"[\u4e00-\u9fff]", text)) < 2 and len(syllables) >= 3 and known >= 0.6 * len(syllables)


def to_hanzi(text: str) -> str:
    """Replace pinyin syllable runs by the longest known word they spell; keep the rest as typed."""
    lexicon, longest = _lexicon()
    tokens = _TOKEN.findall("".join(_numerals(_TOKEN.findall(text.lower()))))
    out: list[str] = []
    i = 0
    while i < len(tokens):
        t = tokens[i]
        if not t.isalpha():
            out.append(t.strip())  # (七十八 岁 → 七十八岁: the spaces of pinyin part syllables, not words)
            i += 1
            continue
        # the syllables from here on, skipping the spaces between them
        run, j = [], i
        while j < len(tokens) and len(run) < longest:
            if tokens[j].isalpha():
                run.append(j)
            elif tokens[j].strip():
                break
            j += 1
        for n in range(len(run), 0, -1):
            key = "".join(tokens[k] for k in run[:n])  # yeye and ye ye both spell 爷爷
            if key in lexicon:
                out.append(lexicon[key])
                i = run[n - 1] + 1
                break
        else:
            out.append(t + " ")
            i += 1
    return "".join(out)
