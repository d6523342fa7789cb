"""Quiz integrity: no item gives another's answer away, no fact twice within a quiz or across one
trainer's quizzes, explanations quote the tested phrase, citations quote a sentence, not a page."""

from __future__ import annotations

from dataclasses import replace

import pytest

from assistant.quiz import make_quiz
from assistant.quiz.builders import QUOTE_LIMIT
from assistant.quiz.corpus import norm, value_pattern
from assistant.quiz.history import QuizHistory


@pytest.mark.parametrize("topic", [None, "低保", "儿童", "养老", "残疾人"])
def test_no_stem_prints_another_items_key(searcher, topic):
    quiz = make_quiz(topic, 15, seed=0, searcher=searcher, rephraser=None)
    for a in quiz.items:
        for b in quiz.items:
            if a is b or b.case is not None:
                continue
            for key in b.values():
                if len(norm(key)) >= 2:
                    assert not value_pattern(key).search(norm(a.stem)), (a.stem, b.key)


def test_excluded_facts_are_not_asked_again(searcher):
    first = make_quiz(None, 12, seed=0, searcher=searcher, rephraser=None)
    second = make_quiz(None, 12, seed=0, searcher=searcher, rephraser=None,
                       exclude_facts=[i.fact_key for i in first.items])
    assert {i.fact_key for i in first.items}.isdisjoint({i.fact_key for i in second.items})
    assert len({i.fact_key for i in first.items}) == len(first.items)


def test_history_is_kept_per_trainer(tmp_path, searcher):
    history = QuizHistory(f"sqlite:///{tmp_path / 'h.db'}")
    quiz = make_quiz(None, 5, seed=0, searcher=searcher, rephraser=None)
    history.record("trainer-a", quiz.items)
    reopened = QuizHistory(f"sqlite:///{tmp_path / 'h.db'}")
    # each item's fact and its marks (its sentence, its value in a document), so no later quiz asks them
    asked = {k for i in quiz.items for k in (i.fact_key, *i.marks)}
    assert {i.fact_key for i in quiz.items} <= asked
    assert any(i.marks for i in quiz.items if i.case is None)
    assert reopened.asked("trainer-a") == asked
    assert reopened.asked("trainer-b") == set()
    rows = sum(len({i.fact_key, *i.marks}) for i in quiz.items)
    assert reopened.forget("trainer-a") == rows and reopened.asked("trainer-a") == set()


def test_explanation_excerpt_is_centred_on_the_tested_phrase(corpus):
    """The excerpt shows the occurrence of the value that is asked, with its neighbours, even where the
    same words stand earlier in a long sentence."""
    from assistant.quiz.builders import excerpt

    checked = 0
    for fact in corpus.facts:
        if fact.at < 0 or len(fact.sentence.strip()) <= 60:
            continue
        rest = fact.sentence[fact.at :]
        end = fact.at + len(rest) - len(rest.lstrip("“")) + len(fact.value)
        # the phrase with what follows it there: another occurrence has other neighbours
        around = fact.sentence[fact.at : end + 4].strip().rstrip("。；;")
        assert norm(around) in norm(excerpt(fact)), (excerpt(fact), around)
        checked += 1
    assert checked >= 20
    # the same words earlier in the sentence (where the first-occurrence excerpt used to centre)
    fact = next(f for f in corpus.facts if f.kind == "term" and f.at > 0)
    filler = "，".join(["按规定做好相关工作"] * 6)
    sentence = f"{fact.value}经验推广，{filler}，{fact.sentence[fact.at - 2 :]}"
    moved = replace(fact, sentence=sentence, at=len(sentence) - len(fact.sentence[fact.at - 2 :]) + 2)
    shown = excerpt(moved)
    assert shown.startswith("…") and norm(fact.sentence[fact.at : fact.at + len(fact.value) + 4]) in norm(shown)


def test_citations_quote_a_sentence_not_a_page(searcher):
    quiz = make_quiz(None, 60, seed=1, searcher=searcher, rephraser=None)
    assert max(len(i.citation.quote) for i in quiz.items) <= QUOTE_LIMIT
