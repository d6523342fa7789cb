"""Distractors of the right kind and safely wrong: typed slots, closed lists, attested swaps."""

from __future__ import annotations

from random import Random

import pytest

from assistant.quiz import make_quiz
from assistant.quiz.builders import BLANK, display
from assistant.quiz.corpus import context_of, norm
from assistant.quiz.distractors import pick
from assistant.quiz.vocab import vocab


@pytest.fixture(scope="module")
def sixty(searcher):
    return make_quiz(None, 60, seed=5, searcher=searcher, rephraser=None).items


def test_no_list_fact_is_open(corpus):
    """A “、” list followed by 等 (or going on with 和/及) names examples: never a list fact."""
    markers = vocab().open_list_markers
    lists = [f for f in corpus.facts if f.kind == "list"]
    assert lists
    for f in lists:
        rest = f.sentence[f.sentence.index(f.value) + len(f.value) :]
        assert not rest.startswith(markers), f.sentence


def test_list_distractors_share_the_family_of_the_answer(corpus):
    v = vocab()
    for f in (f for f in corpus.facts if f.kind == "list"):
        family = {n for members in v.family_members(f.category).values() for n in members}
        assert set(f.values) <= family
        cloze = display(f.before + BLANK + f.after)
        wrong = pick(f, corpus, context_of(cloze, f.doc_id), Random(0), 3)
        assert set(wrong) <= family, (f.values, wrong)


def test_no_distractor_is_named_in_the_cited_clause(sixty, corpus):
    for item in sixty:
        if item.fact_kind in ("list", "program", "term", "department"):
            clause = norm(corpus.by_id[item.citation.chunk_id].text)
            assert not any(norm(d) in clause for d in item.distractors), item.stem


def test_false_statements_of_mechanism_names_read_as_corpus_wording(corpus, searcher):
    quiz = make_quiz(None, 100, types=["tf"], seed=2, searcher=searcher, rephraser=None)
    text = norm(" ".join(c.text for c in searcher.chunks))
    terms = [i for i in quiz.items if i.fact_kind == "term"]
    assert terms
    # labels and slogans are no distractors (value.yaml `labels`), so a swap may not be found at all;
    # every one made must read as corpus wording
    swaps = [i for i in terms if i.answer == [1]]
    for item in swaps:
        left, _, right = norm(item.cloze).partition(norm(BLANK))
        d = norm(item.distractors[0])
        assert left[-1:] + d in text or d + right[:1] in text, item.stem


def test_a_nonsense_swap_is_refused(corpus):
    """A quoted name glued into a compound (“两委”班子) takes no other name in a true/false swap."""
    fact = next(f for f in corpus.facts if f.kind == "term" and f.after.startswith("班子"))
    cloze = display(fact.before + BLANK + fact.after)
    ctx = context_of(cloze, fact.doc_id)
    assert pick(fact, corpus, ctx, Random(0), 1, swap=True) == []
    assert pick(fact, corpus, ctx, Random(0), 1, swap=False)  # a choice item may still offer options
