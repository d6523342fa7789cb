"""The caches under evidence selection change its speed, never its decisions: every question of the own and dev
sets gets the same verdict (sentences, scores, reasons) with every cache emptied before it as with the caches
warm from all the other questions, asked in reverse order."""

from __future__ import annotations

import json

import pytest

from assistant.retrieval import evidence
from assistant.retrieval.search import Searcher
from assistant.understanding import question
from indexer import regions
from indexer.settings import ROOT
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
