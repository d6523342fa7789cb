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


def looks_like_pinyin(text: str) -> bool:
    """Mostly latin syllables and almost no characters: the user typed pinyin."""
    syllables = re.findall(r"[a-z]+", text.lower())
    lexicon, _ = _lexicon()
    known = sum(1 for s in syllables if s in lexicon)
    return len(re.findall(r"[\u4e00-\u9fff]", text)) < 2 and len(syllables) >= 3 and known >= 0.6 * len(syllables)


def to_hanzi(text: str) -> str:
    """Replace pinyin syllable runs by the longest known word they spell; keep the rest as typed."""
    lexicon, longest = _lexicon()
    tokens = _TOKEN.findall(text.lower())
    out: list[str] = []
    i = 0
    while i < len(tokens):
        t = tokens[i]
        if not t.isalpha():
            out.append("" if t.strip() == "" else t)
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
