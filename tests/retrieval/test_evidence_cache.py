"""The per-search memo of the evidence judge (evidence_cache) and the idf memo of the lexical index change the
speed of a search, never its result: every question of the own, caseworker, near-miss and dev sets gets the same
search result (hits, scores, verdict, evidence) with the memo as without it."""

from __future__ import annotations

import json

import pytest

from assistant.retrieval import evidence_cache
from assistant.retrieval.search import Searcher
from indexer.lexical import LexicalIndex
from indexer.settings import ROOT
from indexer.store import read_pointer
from tests.conftest import SHARED_EVAL

_SETS = ["own_questions.jsonl", "questions_caseworker.jsonl", "questions_nearmiss.jsonl"]


def _questions() -> list[str]:
    paths = [ROOT / "eval" / "sets" / name for name in _SETS] + [SHARED_EVAL]
    out = [json.loads(line)["question"] for path in paths if path.exists() for line in path.open(encoding="utf-8")
           if line.strip()]
    return list(dict.fromkeys(out))


def test_search_results_are_the_same_with_and_without_the_memo(hash_settings):
    questions = _questions()
    if len(questions) < 50:
        pytest.skip("question sets not found")
    searcher = Searcher(hash_settings)
    with evidence_cache.disabled():
        plain = {q: searcher.search(q, k=5).model_dump_json() for q in questions}
    # twice: the second pass answers from the memo
    memo = {q: searcher.search(q, k=5).model_dump_json() for q in questions}
    memo = {q: searcher.search(q, k=5).model_dump_json() for q in questions[::-1]}
    assert sum(bool(json.loads(v)["evidence"]) for v in plain.values()) >= 20  # verdicts with sentences compared
    assert memo == plain


def test_per_call_keys_on_the_argument_objects():
    calls = []

    def f(xs, d):
        calls.append(1)
        return [x * d["k"] for x in xs]

    a, d = [1, 2], {"k": 3}
    assert evidence_cache.per_call(f, a, d) == [3, 6]
    assert evidence_cache.per_call(f, a, d) == [3, 6] and len(calls) == 1
    # an equal but other list is another call (identity, not equality, is the key)
    assert evidence_cache.per_call(f, [1, 2], d) == [3, 6] and len(calls) == 2


def test_idf_memo_answers_as_the_arrays(hash_settings):
    lex = LexicalIndex(read_pointer(hash_settings.index_dir).lexical_path)
    idf = lex.idf_of
    known = [t for t in lex.vocab[:200] if t in idf]
    assert known
    for _ in range(2):  # the second round from the memo
        for t in known:
            assert idf[t] == idf.get(t, -1.0) == float(lex.idf[lex.ids[t]])
        assert "没有这个词语" not in idf and idf.get("没有这个词语", 0.25) == 0.25
        with pytest.raises(KeyError):
            idf["没有这个词语"]
