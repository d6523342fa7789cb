"""Stem rephrasing: only with a configured model, and every rephrased item still validated.

The configured-model tests run the real ChatOpenAI client against a scripted OpenAI-compatible
server on 127.0.0.1 (tests/scripted_llm.py): settings.llm_base_url points at it, nothing is patched.
"""

from __future__ import annotations

import pytest

from assistant.quiz import make_quiz
from assistant.quiz.rephrase import PROMPT, llm_rephraser
from assistant.quiz.validator import validate
from tests.scripted_llm import ScriptedLLM, answer, failure


def question_mark(messages) -> str:
    return messages[-1]["content"].rstrip("。") + "？"


def model_settings(settings, server: ScriptedLLM, retries: int = 0):
    return settings.model_copy(update={"llm_base_url": server.base_url, "llm_max_retries": retries})


def test_without_a_model_nothing_is_called(searcher, hash_settings):
    assert hash_settings.llm_base_url is None and llm_rephraser(hash_settings) is None
    with ScriptedLLM() as server:  # listening, but not configured: it must see no request
        quiz = make_quiz("低保", 5, searcher=searcher, settings=hash_settings)
    assert server.requests == []
    assert not quiz.report.llm_used and not any(i.paraphrased for i in quiz.items)


def test_configured_model_rephrases_and_the_validator_still_checks(searcher, hash_settings, corpus):
    with ScriptedLLM([answer(question_mark)] * 6) as server:
        settings = model_settings(hash_settings, server)
        quiz = make_quiz("低保", 6, seed=1, searcher=searcher, settings=settings, apply_share=0)
    assert quiz.report.llm_used and quiz.report.llm_errors == [] and len(server.requests) == 6
    for request, item in zip(server.requests, quiz.items, strict=True):
        assert request["model"] == settings.llm_model and request["temperature"] == 0
        assert [m["role"] for m in request["messages"]] == ["system", "user"]
        assert request["messages"][0]["content"] == PROMPT
        assert item.stem == question_mark(request["messages"])
    assert all(i.paraphrased and i.stem.endswith("？") for i in quiz.items)
    assert all(validate(i, corpus) is None for i in quiz.items)


def test_the_client_retries_as_configured(searcher, hash_settings):
    with ScriptedLLM([failure(500), answer(question_mark)]) as server:
        quiz = make_quiz("低保", 1, seed=1, searcher=searcher, settings=model_settings(hash_settings, server, 1))
    assert len(server.requests) == 2  # one retry: settings.llm_max_retries, not a hard-coded count
    assert quiz.report.llm_errors == [] and quiz.items[0].paraphrased


def test_a_failing_model_is_recorded_and_keeps_the_original_stems(searcher, hash_settings):
    plain = make_quiz("特困", 4, seed=3, searcher=searcher, settings=hash_settings)
    with ScriptedLLM([failure(500, "model overloaded")] + [answer(question_mark)] * 4) as server:
        quiz = make_quiz("特困", 4, seed=3, searcher=searcher, settings=model_settings(hash_settings, server))
    assert [i.stem for i in quiz.items] == [i.stem for i in plain.items]
    assert len(server.requests) == 1  # after a failed call the quiz stops asking the model
    [error] = quiz.report.llm_errors
    assert "Error code: 500" in error and "model overloaded" in error
    assert any("模型改写调用失败" in note for note in quiz.report.notes)


def test_an_unreachable_model_is_recorded(searcher, hash_settings):
    with ScriptedLLM() as closed:
        settings = model_settings(hash_settings, closed)
    # the server is shut down: its port now refuses connections
    quiz = make_quiz("特困", 3, seed=3, searcher=searcher, settings=settings)
    assert quiz.report.generated == 3 and not any(i.paraphrased for i in quiz.items)
    [error] = quiz.report.llm_errors
    assert "Connection error" in error


def test_a_programming_error_in_the_rephraser_is_not_swallowed(searcher):
    def buggy(stem: str) -> str:
        return stem.no_such_method()

    with pytest.raises(AttributeError):
        make_quiz("特困", 2, seed=3, searcher=searcher, rephraser=buggy)


def test_a_rephrasing_that_changes_a_fact_is_rejected(searcher, corpus):
    def change_numbers(stem: str) -> str:
        return stem.replace("1", "7").replace("2", "9").replace("（　）", "（　）。") + "（新增30元）"

    plain = make_quiz(None, 8, types=["single", "tf"], seed=2, searcher=searcher)
    quiz = make_quiz(None, 8, types=["single", "tf"], seed=2, searcher=searcher, rephraser=change_numbers)
    assert [i.stem for i in quiz.items] == [i.stem for i in plain.items]
    assert not any(i.paraphrased for i in quiz.items) and quiz.report.notes and not quiz.report.llm_errors
