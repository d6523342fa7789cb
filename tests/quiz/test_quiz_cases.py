"""Case (application) items: households the rules engine screens, key and citation from its result."""

from __future__ import annotations

from collections import Counter

import pytest

from assistant.eligibility import check_household
from assistant.quiz import make_quiz
from assistant.quiz.cases import reason
from assistant.quiz.validator import validate


@pytest.fixture(scope="module")
def mixed(searcher):
    return make_quiz(None, 10, seed=0, searcher=searcher, rephraser=None)


def test_default_mixed_quiz_has_application_items(mixed):
    cases = [i for i in mixed.items if i.fact_kind == "case"]
    assert len(mixed.items) == 10
    assert len(cases) >= 2 and len(cases) / len(mixed.items) >= 0.2
    assert {i.bloom for i in cases} == {"apply"}
    assert mixed.report.by_bloom["apply"] == len(cases)


def test_case_keys_agree_with_the_engine(searcher):
    """Checked here with the engine's own entry point, apart from the quiz's adapter."""
    quiz = make_quiz(None, 30, seed=4, searcher=searcher, rephraser=None, apply_share=1.0)
    assert len(quiz.items) >= 10
    by_id = {c.chunk_id: c for c in searcher.chunks}
    assert {i.type for i in quiz.items} == {"single", "multiple", "tf"}
    for item in quiz.items:
        if item.case.program == "programs":
            statuses = [check_household(item.case.household, [o.program]).results[0].status for o in item.case.options]
            assert [i for i, s in enumerate(statuses) if s == "meets"] == item.answer
            assert "needs_info" not in statuses and len(item.answer) >= 2
            continue
        result = check_household(item.case.household, [item.case.program]).results[0]
        key = item.options[item.answer[0]]
        if item.type == "tf":
            assert key == ("正确" if result.status == "meets" else "错误") and result.status != "needs_info"
            continue
        lead = {"meets": "符合：", "does_not_meet": "不符合：", "needs_info": "暂不能判断："}[result.status]
        assert key.startswith(lead), (item.stem, key, result.status)
        for failed in (s.what for s in result.steps if s.passed is False and result.status == "does_not_meet"):
            if not any(s.passed for s in result.steps if s.what == failed):
                assert reason(failed, False) in key  # the key gives the failed condition as its reason
        bases = {b.chunk_id for s in result.steps for b in s.basis if b.in_corpus}
        assert item.citation.chunk_id in bases
        assert item.citation.quote in by_id[item.citation.chunk_id].text
        wrong = [o for i, o in enumerate(item.options) if i not in item.answer]
        assert all(o.startswith("不符合") for o in wrong) or result.status != "meets"


def test_a_case_with_a_wrong_key_is_caught(mixed, corpus):
    item = next(i for i in mixed.items if i.fact_kind == "case")
    assert validate(item, corpus) is None
    other = next(i for i in range(len(item.options)) if i not in item.answer)
    bad = item.model_copy(update={"answer": [other], "key": [item.options[other]]})
    assert validate(bad, corpus) == "case_key_disagrees"


def test_a_programs_item_with_a_wrong_key_is_caught(searcher, corpus):
    quiz = make_quiz(None, 6, types=["multiple"], seed=0, searcher=searcher, rephraser=None, apply_share=1.0)
    item = next(i for i in quiz.items if i.case and i.case.program == "programs")
    assert validate(item, corpus) is None
    wrong = next(i for i in range(len(item.options)) if i not in item.answer)
    answer = sorted([*item.answer, wrong])
    bad = item.model_copy(update={"answer": answer, "key": [item.options[i] for i in answer]})
    assert validate(bad, corpus) == "case_key_disagrees"


def test_a_changed_household_is_screened_again(mixed, corpus):
    item = next(i for i in mixed.items if i.fact_kind == "case" and i.case.program == "dibao")
    household = {**item.case.household}
    members = [dict(m) for m in household["members"]]
    meets = item.case.options[item.answer[0]].claim == "meets"
    for m in members:
        m["income_yearly"] = 0.0 if not meets else 1_000_000.0
        m.pop("income_excluded_yearly", None)  # no excluded part larger than the income now set
    household["members"] = members
    changed = item.model_copy(update={"case": item.case.model_copy(update={"household": household})})
    assert validate(changed, corpus) == "case_key_disagrees"


def test_trainer_sets_the_share_of_case_items(searcher):
    none = make_quiz(None, 10, seed=1, searcher=searcher, rephraser=None, apply_share=0)
    half = make_quiz(None, 10, seed=1, searcher=searcher, rephraser=None, apply_share=0.5)
    assert not any(i.fact_kind == "case" for i in none.items)
    assert sum(i.fact_kind == "case" for i in half.items) == 5


def test_case_topics_follow_the_program(searcher):
    quiz = make_quiz("残疾人", 6, seed=0, searcher=searcher, rephraser=None, apply_share=0.5)
    programs = {i.case.program for i in quiz.items if i.case}
    assert programs and programs <= {"disability_care_subsidy", "disability_living_subsidy", "dibao_single_person", "tekun",
                                     "programs"}


def test_difficulty_is_estimated_from_the_item(searcher):
    quiz = make_quiz(None, 40, seed=2, searcher=searcher, rephraser=None)
    by_shape: dict[tuple, set] = {}
    for item in quiz.items:
        assert item.difficulty_signals
        by_shape.setdefault((item.fact_kind, item.type), set()).add(item.difficulty)
    assert any(len(levels) > 1 for levels in by_shape.values())
    assert len(Counter(i.difficulty for i in quiz.items)) == 3


def test_difficulty_mix(searcher):
    quiz = make_quiz(None, 10, seed=0, searcher=searcher, rephraser=None, difficulty_mix={"easy": 1})
    default = make_quiz(None, 10, seed=0, searcher=searcher, rephraser=None)
    easy = sum(i.difficulty == "easy" for i in quiz.items)
    assert easy > sum(i.difficulty == "easy" for i in default.items)
    with pytest.raises(ValueError):
        make_quiz(None, 5, searcher=searcher, difficulty_mix={"trivial": 1})
