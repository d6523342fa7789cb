"""The columnar chunk store and the saved per-chunk facts against the full parse they replace: the same
arrays as computing them from every parsed chunk, and the same search results as a searcher that parsed them all."""

from __future__ import annotations

import re
import shutil

import numpy as np

from assistant.retrieval import chunk_facts
from assistant.retrieval.articles import chunk_articles, outside_articles
from assistant.retrieval.evidence import parents, task_attributes
from assistant.retrieval.search import Searcher
from assistant.retrieval.table_rows import table_groups
from indexer.build import build
from indexer.chunk_table import ChunkFile, ChunkTable
from indexer.store import read_pointer

QUESTIONS = ["低保标准是多少", "丰宁特困人员供养标准", "临时救助 急难", "2020年低保标准提高", "第十三条讲的是什么",
             "责任领导是谁", "申请最低生活保障要准备哪些材料", "残疾人两项补贴每月多少钱"]


def _full_parse(gen):
    return gen.load_chunks()


def test_table_and_facts_equal_the_values_computed_from_every_parsed_chunk(hash_settings):
    gen = read_pointer(hash_settings.index_dir)
    chunks = _full_parse(gen)
    table = ChunkTable.load(gen.directory)
    lazy = ChunkFile(gen.chunks_path, table.offsets)
    assert len(lazy) == len(chunks) and list(lazy) == chunks and lazy[3:6] == chunks[3:6] and lazy[-1] == chunks[-1]
    assert [table.doc_ids[d] for d in table.doc_of] == [c.doc_id for c in chunks]
    assert [table.regions[r] for r in table.region_of] == [c.region for c in chunks]
    assert [table.dates[d] for d in table.date_of] == [c.date or "" for c in chunks]
    years = {y for c in chunks for y in re.findall(r"(?=(\d{4}))", c.text)}
    assert set(table.years) == years
    for y in years:
        assert table.years[y].tolist() == [i for i, c in enumerate(chunks) if y in c.text]
    facts = chunk_facts.load(next(gen.directory.glob("facts-*")))
    assert facts.articles.tolist() == chunk_articles(chunks).tolist()
    assert facts.parents == parents(chunks)
    money = chunk_facts._money()
    assert facts.states_amount.tolist() == [bool(money.search(c.text)) for c in chunks]
    assert list(chunk_facts.Attributes(facts, lazy)) == task_attributes(chunks)
    tables = table_groups(chunks)
    assert facts.tables.group_of.tolist() == tables.group_of.tolist()
    assert [g.tolist() for g in facts.tables.groups] == [g.tolist() for g in tables.groups]
    assert facts.outside.tolist() == outside_articles(chunks, chunk_articles(chunks), table.doc_of.astype(np.int64)).tolist()
    assert any(facts.attribute_of >= 0) and any(facts.states_amount) and any(facts.parents)


def test_a_rebuild_carries_the_facts_of_unchanged_documents_as_computing_them_all_gives(fresh_settings):
    build(fresh_settings)
    path = fresh_settings.corpus_dir / "003_2b397bcf9f5a37ec.txt"
    path.write_text("附则\n本方案自印发之日起施行。\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    assert build(fresh_settings).changed == ["003_2b397bcf9f5a37ec.txt"]
    gen = read_pointer(fresh_settings.index_dir)
    carried = chunk_facts.load(next(gen.directory.glob("facts-*")))
    scratch = chunk_facts.compute(ChunkFile(gen.chunks_path, ChunkTable.load(gen.directory).offsets))
    assert carried.articles.tolist() == scratch.articles.tolist()
    assert carried.states_amount.tolist() == scratch.states_amount.tolist()
    assert carried.parents == scratch.parents
    as_lines = lambda f: [None if g < 0 else f.groups[g] for g in f.attribute_of.tolist()]  # noqa: E731
    assert as_lines(carried) == as_lines(scratch)
    assert carried.table_of.tolist() == scratch.table_of.tolist() and carried.outside.tolist() == scratch.outside.tolist()
    # the table's carried rows, against a build from scratch
    full = fresh_settings.model_copy(update={"index_dir": fresh_settings.index_dir.parent / "full"})
    build(full)
    ours, theirs = ChunkTable.load(gen.directory), ChunkTable.load(read_pointer(full.index_dir).directory)
    for name in ("offsets", "doc_of", "region_of", "date_of"):
        assert np.array_equal(getattr(ours, name), getattr(theirs, name)), name
    assert (ours.doc_ids, ours.regions, ours.dates) == (theirs.doc_ids, theirs.regions, theirs.dates)
    assert {y: v.tolist() for y, v in ours.years.items()} == {y: v.tolist() for y, v in theirs.years.items()}


def test_search_results_are_identical_with_saved_facts_and_with_facts_computed_at_load(hash_settings, tmp_path):
    saved = Searcher(hash_settings)
    bare = hash_settings.model_copy(update={"index_dir": tmp_path / "index", "index_derivers": []})
    shutil.copytree(hash_settings.index_dir, bare.index_dir)
    for facts in bare.index_dir.glob("gen-*/facts-*"):
        shutil.rmtree(facts)
    computed = Searcher(bare)
    for q in QUESTIONS:
        assert saved.search(q).model_dump_json() == computed.search(q).model_dump_json(), q
    # the searcher saved what it computed, for the next load
    assert list(bare.index_dir.glob("gen-*/facts-*/facts.json"))


def test_a_load_parses_only_the_chunks_a_search_shows_or_judges(hash_settings):
    searcher = Searcher(hash_settings)
    state = searcher._state()
    result = searcher.search("低保标准是多少")
    parsed = set(state.chunks._parsed)
    assert 0 < len(parsed) < len(state.chunks)
    assert {state.position[h.chunk_id] for h in result.hits} <= parsed

