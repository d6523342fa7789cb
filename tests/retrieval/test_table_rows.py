"""Rows of one 附件 table as siblings: a question matching only what every row carries (the caption) is
answered by the article; one naming what sets a row apart is answered by that row.

The document is composed for this test (a fictional 某某县 office), not taken from any set."""

from __future__ import annotations

import docx
import numpy as np
import pytest

from assistant.retrieval.search import Searcher
from assistant.retrieval.table_rows import damp_undistinguished_rows, table_groups
from indexer.build import build
from indexer.embedding import HashEmbedder
from indexer.models import Chunk
from tests.conftest import make_settings

ARTICLES = [
    "某某县残疾人补贴发放办法",
    "第一章　总则",
    "第一条　为做好残疾人补贴发放工作，制定本办法。",
    "第二章　发放",
    "第二条　残疾人补贴按月发放，每月十日前打入本人社会保障卡。",
    "第三条　残疾人补贴标准见附件。",
]
ROWS = [("补贴类别", "残疾等级", "标准"), ("生活补贴", "一级", "100元"), ("生活补贴", "三级", "80元"),
        ("护理补贴", "一级", "120元"), ("护理补贴", "二级", "90元")]


@pytest.fixture(scope="module")
def settings(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("table-rows")
    s = make_settings(tmp)
    document = docx.Document()
    for line in ARTICLES:
        document.add_paragraph(line)
    document.add_paragraph("附件")
    document.add_paragraph("某某县残疾人补贴标准表")
    table = document.add_table(rows=len(ROWS), cols=3)
    for r, cells in enumerate(ROWS):
        for c, value in enumerate(cells):
            table.cell(r, c).text = value
    document.save(s.corpus_dir / "mouxian_canji_butie_banfa.docx")
    build(s, embedder=HashEmbedder())
    return s


def _first(settings, question: str, damping: float) -> Chunk:
    searcher = Searcher(settings.model_copy(update={"table_row_damping": damping}), embedder=HashEmbedder())
    hits = searcher.search(question, k=5, doc_id="mouxian_canji_butie_banfa.docx").hits
    chunk = searcher.chunk(hits[0].chunk_id)
    assert chunk is not None
    return chunk


def test_a_question_matching_only_what_every_row_carries_is_answered_by_an_article(settings):
    question = "某某县残疾人补贴怎么发"
    assert _first(settings, question, 1.0).heading_path[-1].startswith("表")  # short rows win undamped
    assert _first(settings, question, 0.6).heading_path[-1].startswith("第")
    assert "第二条" in _first(settings, "某某县残疾人补贴什么时候发放", 0.6).heading_path[-1]


def test_a_question_naming_a_rows_own_cells_is_answered_by_that_row(settings):
    row = _first(settings, "三级残疾人的生活补贴标准", 0.6)
    assert row.heading_path[-1].startswith("表") and "三级" in row.text


def test_rows_step_back_only_when_no_row_is_better_matched_than_the_typical_one():
    chunks = [Chunk(chunk_id=str(i), doc_id="d", title="t", heading_path=["附件", f"表 第{i + 1}行"], text="x",
                    start=i, end=i + 1) for i in range(4)]
    chunks.append(Chunk(chunk_id="a", doc_id="d", title="t", heading_path=["第二条"], text="y", start=9, end=10))
    groups = table_groups(chunks)
    assert [g.tolist() for g in groups.groups] == [[0, 1, 2, 3]] and groups.group_of.tolist() == [0, 0, 0, 0, -1]
    score = np.array([0.9, 0.9, 0.9, 0.9, 0.8])
    alike = damp_undistinguished_rows(score, np.array([2.0, 2.0, 2.0, 2.0, 1.5]), groups, 0.15, 0.6)
    assert alike[:4].max() < alike[4] and score[0] == 0.9  # the caller's array is left as it was
    behind = np.array([0.5, 0.5, 0.5, 0.5, 0.8])  # no row among the best one: the ranking cannot change
    assert damp_undistinguished_rows(behind, np.array([2.0, 2.0, 2.0, 2.0, 1.5]), groups, 0.15, 0.6, pool=1) is behind
    one_named = damp_undistinguished_rows(score, np.array([2.0, 5.0, 2.0, 2.0, 1.5]), groups, 0.15, 0.6)
    assert one_named.tolist() == score.tolist()


def test_tables_of_two_rows_are_not_compared():
    chunks = [Chunk(chunk_id=str(i), doc_id="d", title="t", heading_path=[f"表 第{i + 1}行"], text="x",
                    start=i, end=i + 1) for i in range(2)]
    assert table_groups(chunks).groups == []
