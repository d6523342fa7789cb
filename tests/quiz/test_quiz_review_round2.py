"""What a trainer's review of a default sample rejected, checked as mechanisms over several seeds:
no labels, counts or internal assignments asked; case items that read and key as a caseworker would."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from assistant.quiz import make_quiz
from assistant.quiz.cases import (
    MAX_PER_STANDARD,
    case_table,
    duty_term,
    near_identical,
    standard_of,
)
from assistant.quiz.value import value_table

SEEDS = (3, 8, 13)


@pytest.fixture(scope="module")
def quizzes(searcher):
    return [make_quiz(None, 50, seed=s, searcher=searcher, rephraser=None) for s in SEEDS]


def test_labels_and_slogans_are_worth_nothing_procedures_are():
    table = value_table()
    # names made up for the test: numbered, parallel, pledge and app shapes against procedure names
    for label in ("四个全覆盖", "一网、一窗、一次", "应办尽办", "大走访", "惠民通", "党建+服务"):
        assert table.score("term", f"推行“{label}”机制", value_text=label)[0] == 0, label
    for procedure in ("入户核查", "乡镇审核", "民主评议"):
        assert table.score("term", f"推行“{procedure}”机制", value_text=procedure)[0] > 0, procedure


def test_counts_and_internal_assignments_are_never_worth_asking(corpus):
    floor = value_table().floor
    counts = [f for f in corpus.facts if f.kind == "amount" and re.search(r"[类项家户个名所处]$", f.unit)]
    assert counts and all(f.weight == 0 for f in counts)
    internal = [f for f in corpus.facts if f.kind in ("department", "deadline")]
    assert internal and all(f.weight < floor for f in internal)


def test_default_quiz_is_short_with_a_note_rather_than_padded(quizzes):
    floor = value_table().floor
    for quiz in quizzes:
        clause = [i for i in quiz.items if i.case is None]
        assert all(i.value >= floor for i in clause)
        assert not {i.fact_kind for i in clause} & {"department", "deadline", "region"}
        assert len(quiz.items) == 50 or any("只生成了" in n for n in quiz.report.notes)
        cases = [i for i in quiz.items if i.case is not None]
        assert len(cases) / len(quiz.items) >= 0.2


def test_no_fill_in_for_a_name(quizzes):
    assert all(i.fact_kind == "amount" for q in quizzes for i in q.items if i.type == "fill")


def test_cases_neither_repeat_nor_crowd_one_standard(quizzes):
    for quiz in quizzes:
        cases = [i for i in quiz.items if i.case is not None]
        assert max(Counter(standard_of(i) for i in cases).values()) <= MAX_PER_STANDARD
        for a in cases:
            for b in cases:
                assert a is b or not near_identical(a.case.household, b.case.household), (a.stem, b.stem)


def test_near_identical_is_one_changed_fact():
    base = {"region": {"province": "X"}, "date": "2020-06-01", "area": "rural",
            "members": [{"age": 45, "income_yearly": 3000.0}, {"age": 72, "income_yearly": 3000.0}]}
    richer = {**base, "members": [{"age": 45, "income_yearly": 5000.0}, {"age": 72, "income_yearly": 5000.0}]}
    older = {**richer, "members": [{"age": 45, "income_yearly": 5000.0}, {"age": 80, "income_yearly": 5000.0}]}
    assert near_identical(base, richer)  # only the income differs
    assert near_identical(richer, older)  # only one member's age
    assert not near_identical(base, older)  # income and age
    assert not near_identical(base, {**base, "members": base["members"][:1]})


def test_case_items_read_and_key_as_a_caseworker_would(quizzes):
    negated = re.compile(case_table().negation)
    for quiz in quizzes:
        for item in (i for i in quiz.items if i.case is not None):
            year = int(item.case.household["date"][:4])
            cited = [int(y) for y in re.findall(r"〔(\d{4})〕", item.explanation)]
            assert all(y <= year for y in cited), item.explanation  # no rule issued after the case
            assert "父亲或母亲" not in item.stem
            wrong = [o for i, o in enumerate(item.options) if i not in item.answer]
            for option in wrong:
                named = re.findall(r"不满足“([^”]+)”", option)
                assert not any(negated.search(n) for n in named), option  # no double negative
            if item.case.program == "programs":
                keyed = {item.case.options[i].program for i in item.answer}
                assert not {"tekun", "dibao"} <= keyed  # 特困 is not received together with 低保
                for o in item.case.options:
                    if o.program in case_table().depends_on and not item.case.household["status"]["dibao"]:
                        assert o.text.endswith(case_table().depends_on[o.program].text)
            for m in item.case.household["members"]:
                if m["age"] < 60 and len(item.case.household["members"]) == 1:
                    assert "法定赡养义务人" not in item.stem


def test_provincial_averages_are_stated_as_such(searcher):
    quiz = make_quiz("低保", 30, seed=1, searcher=searcher, rephraser=None, apply_share=1.0)
    on_average = [i for i in quiz.items if i.case is not None and i.case.household["date"].startswith("2019")]
    assert on_average
    assert all("全省平均" in i.stem for i in on_average)


def test_duty_terms_follow_age():
    assert duty_term(10) == "抚养"
    assert duty_term(72) == "赡养"
    assert "扶养" in duty_term(40)


def test_synonymous_names_are_one_fact_in_a_quiz(quizzes):
    from assistant.quiz.vocab import canonical

    for quiz in quizzes:
        names = [canonical(i.key[0]) for i in quiz.items if i.fact_kind == "term"]
        assert len(names) == len(set(names))


def test_stems_stop_soon_after_the_blank():
    """What follows the value is quoted only while the stem is short (a long tail carries garbling)."""
    from assistant.quiz.facts import STEM_MIN, _body, _window

    # made-up sentence: the value opens it, four segments follow
    sentence = "3年过渡期内，按照中央和上级部门的工作要求，保持民政领域各项兜底保障政策总体稳定，确保困难群众基本生活调整优化政策，提高服务质量。"
    lo, hi = _body(sentence)
    start, end = _window(sentence, lo, hi, 0, 2)
    quoted = sentence[start:end]
    assert quoted.startswith("3年过渡期内") and quoted.endswith("保持民政领域各项兜底保障政策总体稳定")
    assert len(quoted) >= STEM_MIN
    # what leads up to the value is kept
    start, end = _window(sentence, lo, hi, sentence.index("提高"), sentence.index("提高") + 2)
    assert sentence[start:end].endswith("提高服务质量") and end - start > STEM_MIN
