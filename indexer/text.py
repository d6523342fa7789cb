"""Text normalisation and the tokens both BM25 sides use: jieba words plus CJK character bigrams."""

from __future__ import annotations

import logging
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

import jieba
import zhconv

_DATA = Path(__file__).with_name("data")
_CJK = re.compile(r"[\u4e00-\u9fff]+")
_WORD = re.compile(r"[\u4e00-\u9fff]+|[a-z]+|\d+(?:\.\d+)?")
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


def normalize(text: str) -> str:
    """Full-width to half-width, traditional to simplified, lower case."""
    text = unicodedata.normalize("NFKC", text)
    return zhconv.convert(text, "zh-cn").lower()


def words(text: str) -> list[str]:
    """jieba words of normalised text, without stop words and punctuation."""
    return _words(normalize(text))


def _words(norm: str) -> list[str]:
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
