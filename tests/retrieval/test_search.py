"""Hybrid search behaviour: citations, regions, loose spellings, no-basis (fake embedder; BM25 carries it)."""

from __future__ import annotations

import pytest

from assistant.retrieval.search import IndexNotBuilt, Searcher
from indexer.embedding import HashEmbedder
from indexer.regions import gazetteer


@pytest.fixture(scope="module")
def searcher(hash_settings):
    return Searcher(hash_settings, embedder=HashEmbedder())


def test_every_hit_carries_its_citation(searcher):
    result = searcher.search("内蒙古单人户低保", k=3)
    top = result.hits[0]
    assert "单人户" in top.text and top.region == "内蒙古自治区"
    assert top.citation.chunk_id == top.chunk_id and top.citation.heading_path == top.heading_path
    assert top.sentence in top.text and "【" + top.sentence + "】" in top.marked_text
    assert "单人户" in top.sentence
    assert top.citation.quote == top.sentence


def test_named_region_ranks_its_clauses_first(searcher):
    result = searcher.search("贵州 特困人员 供养", k=3)
    assert result.regions == ["贵州省"]
    # 贵州 clauses first: the province's own document, or a county inside it (榕江县)
    assert all("贵州省" in gazetteer().lineage(h.region) for h in result.hits[:2]), [h.region for h in result.hits]
    county = searcher.search("丰宁县临时救助", k=3)
    assert county.hits[0].region.endswith("丰宁满族自治县")


def test_region_filter_argument(searcher):
    hits = searcher.search("救急难 慈善", k=3, region="安徽").hits
    assert hits[0].region == "安徽省"
    # the boost is what puts it there: without the region another province's clause comes first
    assert searcher.search("救急难 慈善", k=1).hits[0].region != "安徽省"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("內蒙古重殘人員單人戶", "单人户"),  # traditional script
        ("Guizhou dibao 2019", "4220"),  # pinyin and English region name
        ("Inner Mongolia nursing subsidy", "护理补贴"),  # English
        ("丰宁 瘫痪在床 护理补贴", "护理补贴"),  # a case description
    ],
)
def test_loose_spellings_find_the_clause(searcher, query, expected):
    hits = searcher.search(query, k=3).hits
    assert any(expected in h.text for h in hits), [h.text[:40] for h in hits]


def test_as_of_date_excludes_later_documents(searcher):
    hits = searcher.search("低保 渐退期", k=10, as_of="2020-12").hits
    assert hits and all(h.date <= "2020-12" for h in hits if h.date)
    assert all(h.doc_id != "000_2fda023764c5125f.txt" for h in hits)  # published 2021-11


def test_region_not_in_corpus_has_no_basis(searcher):
    result = searcher.search("浙江 困难群众 医疗救助 报销比例")
    assert result.no_basis and "浙江省" in result.no_basis_reason


def test_amount_question_without_a_stated_amount_has_no_basis(searcher):
    assert searcher.search("安徽城市低保标准每月多少钱").no_basis
    assert not searcher.search("丰宁特困人员供养标准一年多少钱").no_basis
    # the region's clauses state amounts, but none about the thing asked
    assert searcher.search("江西安置点物业费每户每月多少钱").no_basis


def test_missing_index_is_a_clear_error(fresh_settings):
    with pytest.raises(IndexNotBuilt, match="indexer build"):
        Searcher(fresh_settings, embedder=HashEmbedder()).search("低保")
