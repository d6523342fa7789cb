"""Fact selection by training value: normative facts first, a share per document, dated stems."""

from __future__ import annotations

import re
from collections import Counter

import pytest
from pydantic import ValidationError

from assistant.quiz import make_quiz
from assistant.quiz.value import ValueTable, value_table


@pytest.fixture(scope="module")
def twenty(searcher):
    return make_quiz(None, 20, seed=3, searcher=searcher, rephraser=None)


def test_default_quiz_asks_only_facts_above_the_floor(twenty):
    assert len(twenty.items) == 20
    assert min(i.value for i in twenty.items if i.case is None) >= value_table().floor


def test_no_statistic_or_internal_assignment_in_a_default_quiz(twenty):
    kinds = Counter(i.fact_kind for i in twenty.items)
    assert kinds["department"] == 0 and kinds["deadline"] == 0
    stems = " ".join(i.stem for i in twenty.items)
    assert not re.search(r"\d+(?:户|人次|个)（　）|累计|以来共", stems)


def test_no_document_exceeds_its_share(twenty):
    share = value_table().document_share
    per_doc = Counter(i.citation.doc_id for i in twenty.items if i.case is None)
    assert max(per_doc.values()) <= round(20 * share)
    assert len(per_doc) >= 3


def test_stems_carry_the_year_of_an_undated_title(twenty, searcher):
    by_id = {c.chunk_id: c for c in searcher.chunks}
    for item in (i for i in twenty.items if i.case is None):
        chunk = by_id[item.citation.chunk_id]
        if item.stem.startswith(("根据《", "据《")) and not re.search(r"20\d\d", chunk.title):
            assert f"（{chunk.date[:4]}年）" in item.stem, item.stem


def test_superseded_value_is_never_asked(searcher):
    """“由4500元提高至4800元”: a trainer asks the new standard, never the old one."""
    quiz = make_quiz(None, 60, seed=0, searcher=searcher, rephraser=None)
    for item in quiz.items:
        if item.type in ("single", "fill"):
            for key in item.key:
                assert not re.search(re.escape(key) + r"(?:提高到|提高至|调整为)", item.citation.quote), item.stem


def test_value_table_schema_rejects_bad_data():
    data = value_table().model_dump(by_alias=True)
    data["cues"][0]["pattern"] = "(unclosed"
    with pytest.raises(re.error):
        ValueTable.model_validate(data)
    data = value_table().model_dump(by_alias=True)
    data["document_share"] = 0
    with pytest.raises(ValidationError):
        ValueTable.model_validate(data)
