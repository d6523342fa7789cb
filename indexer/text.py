"""Text normalisation and the tokens both BM25 sides use: jieba words plus CJK character bigrams."""

from __future__ import annotations

import logging
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

import jieba
import yaml
import zhconv

_DATA = Path(__file__).with_name("data")
_CJK = re.compile(r"[\u4e00-\u9fff]+")
_IDEOGRAPH = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\U00020000-\U0003134f]")
_WORD = re.compile(r"[\u4e00-\u9fff]+|[a-z]+|\d+(?:\.\d+)?")
# Kangxi Radicals; CJK Compatibility Ideographs; their supplement
_COMPAT_BLOCKS = ((0x2F00, 0x2FDF), (0xF900, 0xFAFF), (0x2F800, 0x2FA1F))
_COMPOUND_NUMBER = re.compile(r"\d+(?:\+\d+)+")  # "6+1" names a set of actions, not two numbers

jieba.setLogLevel(logging.WARNING)


@lru_cache
def _tokenizer() -> jieba.Tokenizer:
    tok = jieba.Tokenizer()
    tok.load_userdict(str(_DATA / "userdict.txt"))
    return tok


@lru_cache
def stopwords() -> frozenset[str]:
    return frozenset((_DATA / "stopwords.txt").read_text(encoding="utf-8").split())


@lru_cache
def _ideograph_folds() -> dict[int, str]:
    """Radical and compatibility code points → the unified ideograph they stand for.

    NFKC covers the Kangxi Radicals and CJK Compatibility Ideographs blocks; the CJK Radicals Supplement
    has no decomposition, so its equivalents come from data (Unicode's EquivalentUnifiedIdeograph.txt).
    """
    table: dict[int, str] = {}
    for lo, hi in _COMPAT_BLOCKS:
        for cp in range(lo, hi + 1):
            folded = unicodedata.normalize("NFKC", chr(cp))
            if lo == 0x2F00:
                # a Kangxi radical in a text layer is a simplified-Chinese font's glyph shared with the
                # character (⼾ is 户 as printed, NFKC gives the traditional 戶)
                simplified = zhconv.convert(folded, "zh-cn")
                folded = simplified if len(simplified) == 1 else folded
            if folded != chr(cp) and _IDEOGRAPH.fullmatch(folded):
                table[cp] = folded
    data = yaml.safe_load((_DATA / "radicals.yaml").read_text(encoding="utf-8"))
    table.update({ord(k): v["to"] for k, v in data["radicals"].items()})
    return table


def fold_ideographs(text: str) -> str:
    """Replace radical / compatibility code points by their CJK characters and leave everything else as is.

    Whole-text NFKC would also turn full-width punctuation into ASCII, changing the document's own words.
    """
    # most documents hold none: one regex scan instead of a per-character table lookup (a library's rebuild
    # reads every document)
    if not _foldable().search(text):
        return text
    return text.translate(_ideograph_folds())


@lru_cache
def _foldable() -> re.Pattern[str]:
    """The code point ranges the fold table covers (a class of ranges scans fast; one of every point does not)."""
    runs: list[list[int]] = []
    for cp in sorted(_ideograph_folds()):
        if runs and cp - runs[-1][1] <= 256:
            runs[-1][1] = cp
        else:
            runs.append([cp, cp])
    return re.compile("[" + "".join(f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in runs) + "]")


@lru_cache(maxsize=1 << 16)
def normalize(text: str) -> str:
    """Full-width to half-width, traditional to simplified, lower case. Cached: the script conversion is the
    costliest step of a search, and the same candidate sentences come back question after question."""
    text = unicodedata.normalize("NFKC", text)
    return zhconv.convert(text, "zh-cn").lower()


def words(text: str) -> list[str]:
    """jieba words of normalised text, without stop words and punctuation."""
    return _words(normalize(text))


SHORT_TEXT = 64  # characters: a question or a sentence of one, whose words are asked for again and again


def _words(norm: str) -> list[str]:
    # a search cuts its question several times over (analysis, scoring, expansion, hit sentences)
    return list(_short_words(norm)) if len(norm) <= SHORT_TEXT else _cut(norm)


@lru_cache(maxsize=1 << 13)
def _short_words(norm: str) -> tuple[str, ...]:
    return tuple(_cut(norm))


def _cut(norm: str) -> list[str]:
    stop = stopwords()
    out = []
    for w in _tokenizer().cut_for_search(norm):
        w = w.strip()
        if w and w not in stop and _WORD.fullmatch(w):
            out.append(w)
    return out


def bigrams(text: str) -> list[str]:
    return _bigrams(normalize(text))


def _bigrams(norm: str) -> list[str]:
    out = []
    for run in _CJK.findall(norm):
        out.extend(run[i : i + 2] for i in range(len(run) - 1))
    return out


def tokens(text: str) -> list[str]:
    """Index/query tokens: words, and bigrams marked so they never collide with a two-character word."""
    norm = normalize(text)  # once: it is the costliest step after jieba
    return _words(norm) + _COMPOUND_NUMBER.findall(norm) + ["#" + b for b in _bigrams(norm)]
