"""Stem rephrasing: only with a configured model, and every rephrased item still validated."""

from __future__ import annotations

from langchain_core.messages import AIMessage
from langchain_openai import ChatOpenAI

from assistant.quiz import make_quiz
from assistant.quiz.rephrase import llm_rephraser
from assistant.quiz.validator import validate


def test_without_a_model_nothing_is_called(searcher, hash_settings, monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("no model may be called without llm_base_url")

    monkeypatch.setattr(ChatOpenAI, "invoke", refuse)
    assert hash_settings.llm_base_url is None and llm_rephraser(hash_settings) is None
    quiz = make_quiz("低保", 5, searcher=searcher)
    assert not quiz.report.llm_used and not any(i.paraphrased for i in quiz.items)


def test_configured_model_rephrases_and_the_validator_still_checks(
    searcher, hash_settings, corpus, monkeypatch
):
    seen = []

    def fake_invoke(self, messages, *args, **kwargs):
        stem = messages[-1].content
        seen.append(stem)
        return AIMessage(content=stem.rstrip("。") + "？")

    monkeypatch.setattr(ChatOpenAI, "invoke", fake_invoke)
    settings = hash_settings.model_copy(update={"llm_base_url": "http://127.0.0.1:9/v1"})
    quiz = make_quiz("低保", 6, seed=1, searcher=searcher, settings=settings)
    assert quiz.report.llm_used and len(seen) == 6
    assert all(i.paraphrased and i.stem.endswith("？") for i in quiz.items)
    assert all(validate(i, corpus) is None for i in quiz.items)


def test_a_rephrasing_that_changes_a_fact_is_rejected(searcher, corpus):
    def change_numbers(stem: str) -> str:
        return stem.replace("1", "7").replace("2", "9").replace("（　）", "（　）。") + "（新增30元）"

    plain = make_quiz(None, 8, types=["single", "tf"], seed=2, searcher=searcher)
    quiz = make_quiz(None, 8, types=["single", "tf"], seed=2, searcher=searcher, rephraser=change_numbers)
    assert [i.stem for i in quiz.items] == [i.stem for i in plain.items]
    assert not any(i.paraphrased for i in quiz.items) and quiz.report.notes


def test_a_failing_model_keeps_the_original_stems(searcher):
    def broken(stem: str) -> str:
        raise ConnectionError("model unreachable")

    plain = make_quiz("特困", 4, seed=3, searcher=searcher)
    quiz = make_quiz("特困", 4, seed=3, searcher=searcher, rephraser=broken)
    assert [i.stem for i in quiz.items] == [i.stem for i in plain.items]
