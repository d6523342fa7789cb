"""Round-5 review findings: true/false keys are 正确/错误 with the clause's value apart, titles as the
corpus gives them, household sentences that hold for the household, facts that could flip a key stated."""

from __future__ import annotations

import json
import re

from assistant.quiz import export_quiz, make_quiz
from assistant.quiz.models import TF_OPTIONS
from assistant.quiz.validator import validate


def test_true_false_key_is_the_verdict_and_the_clause_value_is_apart(searcher, corpus):
    quiz = make_quiz(None, 30, types=["tf"], seed=7, searcher=searcher, rephraser=None)
    clause_items = [i for i in quiz.items if i.case is None]
    assert any(i.answer == [1] for i in clause_items) and any(i.answer == [0] for i in clause_items)
    for item in quiz.items:
        assert item.key == [TF_OPTIONS[item.answer[0]]], (item.key, item.answer)
    for item in clause_items:
        assert item.clause_value and item.clause_value[0] in item.citation.quote
        if item.answer == [1]:
            assert item.clause_value[0] not in item.stem and item.distractors[0] in item.stem
    # a key that disagrees with the verdict no longer passes
    bad = clause_items[0].model_copy(update={"key": list(clause_items[0].clause_value)})
    assert validate(bad, corpus) == "malformed"
    rows = json.loads(export_quiz(quiz, "json").content)["items"]
    keys = {tuple(r["key"]) for r in rows if r["type"] == "tf"}
    assert keys <= {("正确",), ("错误",)}


def _case_items():
    from random import Random

    from assistant.quiz.cases import case_candidates

    return [i for c in case_candidates(Random(0)) if (i := c.item()) is not None]


def test_household_sentences_hold_for_the_household():
    """A status sentence about work income only where someone earns; "largely self-caring" never for a
    grade-1 disability; the stem says what a 重点优抚对象's income is (优待抚恤金 would not count)."""
    from assistant.quiz.cases import case_table, fragment

    labels = case_table().labels
    work = [v["text"] for v in labels["status"]["dibao"] + labels["status_single"]["dibao"] if v.get("when")]
    self_caring = next(v["text"] for v in labels["no_long_term_care"] if v.get("when"))
    nature = labels["income_nature"][0]["text"]
    items = _case_items()
    assert items
    seen_nature = False
    for item in items:
        h = item.case.household
        if not any((m.get("income_yearly") or 0) > 0 for m in h["members"]):
            assert not any(w in item.stem for w in work), item.stem
        for m in h["members"]:
            if (m.get("disability") or {}).get("grade") == 1 and m.get("needs_long_term_care") is False:
                assert self_caring not in item.stem, item.stem
            if m.get("priority_care_recipient") and m.get("income_yearly"):
                assert nature in item.stem, item.stem
                seen_nature = True
    assert seen_nature
    grade1 = {"members": [{"disability": {"category": "physical", "grade": 1}, "income_yearly": 0}]}
    assert fragment(labels["no_long_term_care"], grade1, grade1["members"][0]) != self_caring
    assert fragment(labels["status"]["dibao"], grade1) not in work


def test_single_person_reason_names_no_other_regions_category():
    """The 单人户 route's reason, met or failed, names no category only one region's rule has."""
    from assistant.quiz.cases import case_table

    entry = next(r for r in case_table().reasons if "单人户" in r.met)
    assert "重点优抚对象" not in entry.met and "重点优抚对象" not in entry.failed
    for item in _case_items():
        if item.case.household["region"].get("province") != "黑龙江省":
            assert all("重点优抚对象" not in o for o in item.options), item.options


def test_a_title_goes_in_book_marks_only_when_the_document_carries_it(searcher, corpus):
    """A document's own title (its text carries it) is cited in 书名号, verbatim; one the manifest only
    describes a document by is never shortened or dated into a name: the stem says what kind of material."""
    from assistant.quiz.sources import own_titles, source_name

    titled = own_titles(corpus.chunks)
    assert True in titled.values() and False in titled.values()
    quiz = make_quiz(None, 40, types=["single", "tf", "fill"], seed=11, searcher=searcher, rephraser=None)
    by_doc = {c.doc_id: c for c in corpus.chunks}
    untitled = {c.title for c in corpus.chunks if not titled[c.doc_id]} - _quoted_in_text(corpus)
    seen = set()
    for item in quiz.items:
        doc = by_doc[item.citation.doc_id]
        name = source_name(doc.title, doc.kind, titled[doc.doc_id])
        if item.case is None and item.fact_kind != "region":
            assert name in item.stem, (name, item.stem)
        # no 书名号 around a descriptive title or any shortening of it (《…地方经验》 for 《…地方经验（…）》)
        for mark in re.findall(r"《([^》]+)》", item.stem + item.explanation):
            assert not any(mark in t for t in untitled), (mark, item.stem, item.explanation)
        seen.add(titled[doc.doc_id])
    assert seen == {True, False}


def _quoted_in_text(corpus) -> set[str]:
    """Titles the clauses themselves quote in 书名号 (a stem may print the clause's words)."""
    return {t for c in corpus.chunks for t in re.findall(r"《([^》]+)》", c.text)}


def test_no_wrong_option_denies_a_fact_the_stem_prints():
    """"不符合：已满18周岁" beside a 10-year-old, "没有遭遇突发事件" beside a fire: a wrong option whose
    premise the stem contradicts leaves too few live choices; every case item keeps at least three."""
    from assistant.quiz.cases import case_table, reason
    from assistant.quiz.screening import screen

    money = case_table().labels["explain"]["money"]
    checked = 0
    for item in _case_items():
        if item.case.program == "programs" or item.type != "single":
            continue
        assert len(item.options) >= 3
        result = screen(item.case.household, item.case.program)
        for c in result.passed():
            read_off = isinstance(c.threshold, float) and money not in c.unit
            if read_off or re.search(case_table().stated, c.what):
                denial = reason(c.what, False)
                assert not any(o.endswith(denial) for o in item.options), (item.stem, item.options)
                checked += 1
    assert checked


def test_a_trainers_series_keeps_clause_items_in_every_quiz(searcher):
    """Five default quizzes on one history: clause facts are shared out (a quota per quiz from what is
    left), so no quiz after the first is all case items while the first took most clause facts."""
    used: list[str] = []
    clause = []
    for seed in range(5200, 5205):
        quiz = make_quiz(None, 10, seed=seed, searcher=searcher, rephraser=None, exclude_facts=list(used))
        used += [m for i in quiz.items for m in (i.fact_key, *i.marks) if m]
        clause.append(sum(i.case is None for i in quiz.items))
    assert all(c >= 1 for c in clause), clause
    assert max(clause) - min(clause) <= 2, clause


def test_a_later_quiz_varies_the_households_of_earlier_ones(searcher):
    """A household template (members, ages, conditions; incomes and place aside) of the trainer's earlier
    quiz is not used again while the pool has others."""
    from assistant.quiz.cases import template_of

    first = make_quiz(None, 10, seed=5300, searcher=searcher, rephraser=None)
    used = [m for i in first.items for m in (i.fact_key, *i.marks) if m]
    second = make_quiz(None, 10, seed=5301, searcher=searcher, rephraser=None, exclude_facts=used,
                       earlier=first.items)
    before = {template_of(i.case.household) for i in first.items if i.case is not None}
    after = [template_of(i.case.household) for i in second.items if i.case is not None]
    assert before and after and not before & set(after)
