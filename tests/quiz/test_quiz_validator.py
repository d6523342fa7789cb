"""The validator (and the suite's independent check) catch items that are wrong about the corpus."""

from __future__ import annotations

from random import Random

import pytest

from assistant.quiz.builders import BuildError, build_item
from assistant.quiz.validator import validate

from .checks import distractor_found_as_answer


def _item(corpus, value: str, item_type: str = "single"):
    """The first item of this type that a fact with ``value`` makes."""
    for fact in (f for f in corpus.facts if f.value == value):
        try:
            return build_item(fact, item_type, corpus, Random(0))
        except BuildError:
            continue
    raise AssertionError(f"no {item_type} item on {value}")


@pytest.fixture(scope="module")
def guizhou_2019(corpus):
    """The single-choice item on Guizhou's 2019 rural dibao standard."""
    return _item(corpus, "4220元/年")


def _swap_distractor(item, new: str):
    old = item.distractors[0]
    options = [new if o == old else o for o in item.options]
    return item.model_copy(update={"options": options, "distractors": [new, *item.distractors[1:]]})


def test_a_distractor_true_in_the_same_context_is_caught(guizhou_2019, corpus, searcher):
    assert validate(guizhou_2019, corpus) is None
    planted = _swap_distractor(
        guizhou_2019, "3908元/年"
    )  # the 2018 standard, stated as "平均标准达3908元/年"
    assert validate(planted, corpus) == "distractor_supported"
    assert distractor_found_as_answer(planted, searcher.chunks)


def test_a_wrong_key_or_quote_is_caught(guizhou_2019, corpus):
    wrong_key = guizhou_2019.model_copy(update={"key": ["4300元/年"]})
    assert validate(wrong_key, corpus) == "key_not_in_clause"
    citation = guizhou_2019.citation.model_copy(update={"quote": "农村低保平均标准达4300元/年"})
    assert validate(guizhou_2019.model_copy(update={"citation": citation}), corpus) == "quote_not_in_clause"
    wrong_answer = guizhou_2019.model_copy(update={"answer": [(guizhou_2019.answer[0] + 1) % 4]})
    assert validate(wrong_answer, corpus) == "malformed"


def test_a_stem_that_gives_the_answer_away_or_drifts_is_caught(guizhou_2019, corpus):
    leaked = guizhou_2019.model_copy(
        update={"stem": guizhou_2019.stem.replace("2019年", "2019年（4220元/年）")}
    )
    assert validate(leaked, corpus) == "key_in_stem"
    drifted = guizhou_2019.model_copy(update={"stem": "根据某文件，火星基地的氧气配给标准为（　）。"})
    assert validate(drifted, corpus) == "stem_not_grounded"
    assert validate(drifted, corpus, edited=True) is None  # a trainer's own wording is theirs to choose


def test_a_synonym_of_the_answer_is_never_a_distractor(corpus):
    item = _item(corpus, "单人户")
    assert item.key == ["单人户"] and "单人保" not in item.options
    assert validate(_swap_distractor(item, "单人保"), corpus) == "distractor_is_answer"
