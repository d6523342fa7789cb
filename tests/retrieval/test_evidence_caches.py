"""Speed-ups of evidence and hit-sentence selection change their speed, never their decisions: every question of
the own and dev sets gets the same verdict (sentences, scores, reasons) with every cache emptied before it as with
the caches warm from all the other questions, asked in reverse order; a hit's sentence is the one the
per-sentence intersection chose."""

from __future__ import annotations

import json

import numpy as np
import pytest

from assistant.retrieval import evidence
from assistant.retrieval.query import analyse
from assistant.retrieval.search import Searcher, _best_sentence
from assistant.understanding import question
from indexer import regions
from indexer.lexical import BIGRAM
from indexer.settings import ROOT
from indexer.text import tokens
from tests.conftest import SHARED_EVAL

_CACHES = [
    evidence._figures_of, evidence._pos_cut, evidence._content_words, evidence._spans, evidence._norm,
    evidence.nouns_of, question._programs_in, question.stated_figures_in, regions._located,
]


def _questions() -> list[str]:
    sets = [ROOT / "eval" / "sets" / "own_questions.jsonl", SHARED_EVAL]
    out = [json.loads(line)["question"] for path in sets if path.exists() for line in path.open(encoding="utf-8")
           if line.strip()]
    return list(dict.fromkeys(out))


def _verdicts(searcher: Searcher, questions: list[str], cold: bool) -> dict[str, str]:
    out = {}
    for q in questions:
        if cold:
            for cache in _CACHES:
                cache.cache_clear()
        r = searcher.search(q, k=5)
        out[q] = json.dumps(
            [r.no_basis, r.no_basis_reason, r.no_basis_kind, r.confidence, [e.model_dump() for e in r.evidence],
             r.unanswered_parts, [(h.chunk_id, h.start, h.end, h.sentence) for h in r.hits]],
            ensure_ascii=False,
        )
    return out


def test_evidence_is_the_same_with_cold_and_warm_caches(hash_settings):
    questions = _questions()
    if len(questions) < 20:
        pytest.skip("question sets not found")
    searcher = Searcher(hash_settings)
    cold = _verdicts(searcher, questions, cold=True)
    warm = _verdicts(searcher, questions[::-1], cold=False)
    warm = _verdicts(searcher, questions[::-1], cold=False)  # every answer now from the caches
    assert any(json.loads(v)[4] for v in cold.values())  # some questions are answered, so sentences are compared
    assert {q: warm[q] for q in cold} == cold


def test_cached_lists_are_copies():
    """A caller that edits what it got cannot change what the next caller gets."""
    got = question.programs_in("低保和特困人员救助供养")
    assert got
    got.append("x")
    assert "x" not in question.programs_in("低保和特困人员救助供养")
    places = regions.gazetteer().locate("河北省承德市丰宁满族自治县")
    places.clear()
    assert regions.gazetteer().locate("河北省承德市丰宁满族自治县")


def _best_sentence_reference(sentences, flags, q, wanted, length):
    """The per-sentence intersection that _best_sentence replaced with one membership test per clause."""
    best = (0.0, 0, length)
    for start, end, toks, has_digit in sentences:
        shared = np.intersect1d(toks, wanted, assume_unique=True)
        overlap = float(np.where(flags[shared] & BIGRAM, 0.3, 1.0).sum()) / (1 + 0.01 * (end - start))
        if q.asks_quantity and has_digit:
            overlap *= 1.5
        if overlap > best[0]:
            best = (overlap, start, end)
    return best[1], best[2]


def test_hit_sentence_is_chosen_as_by_per_sentence_intersection(hash_settings):
    searcher = Searcher(hash_settings)
    state = searcher._state()
    flags = state.lexical.term_flags
    questions = ["丰宁特困人员供养标准是多少", "申请最低生活保障要准备哪些材料", "临时救助 急难", "2020年低保标准提高"]
    compared = 0
    for text in questions:
        q = analyse(text, state.pinyin)
        wanted = state.lexical.term_ids(tokens(q.expanded_text))
        for i, c in enumerate(state.chunks):
            sentences = searcher._sentences(state, i)
            got = _best_sentence(sentences, flags, q, wanted, len(c.text))
            assert got == _best_sentence_reference(sentences, flags, q, wanted, len(c.text))
            compared += got != (0, len(c.text))
    assert compared > 50


def test_sorted_membership_matches_numpy_isin():
    from assistant.retrieval.search import _member

    rng = np.random.default_rng(7)
    for size in (0, 1, 5, 40):
        ids = np.unique(rng.integers(0, 60, size)).astype(np.int32)
        values = rng.integers(0, 70, 200).astype(np.int32)
        assert np.array_equal(_member(values, ids), np.isin(values, ids))
