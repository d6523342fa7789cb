"""Incremental and atomic index builds, with a real chromadb in a temp dir."""

from __future__ import annotations

import json

import numpy as np
import pytest

from assistant.retrieval.search import Searcher
from indexer.build import build
from indexer.embedding import HashEmbedder
from indexer.lexical import LexicalIndex
from indexer.models import Chunk
from indexer.store import StoredChunk, read_pointer


class CountingEmbedder(HashEmbedder):
    def __init__(self):
        self.encoded = 0

    def encode(self, texts):
        self.encoded += len(texts)
        return super().encode(texts)


class FailingEmbedder(HashEmbedder):
    def encode(self, texts):
        raise RuntimeError("embedding service died mid-build")


def test_second_build_with_nothing_changed_does_nothing(fresh_settings):
    first = build(fresh_settings)
    again = build(fresh_settings)
    assert first.status == "built" and first.chunks > 100
    assert again.status == "up-to-date" and again.generation == first.generation
    assert again.seconds < 5


def test_changed_document_is_the_only_one_rechunked_and_only_new_chunks_embedded(fresh_settings):
    build(fresh_settings)
    path = fresh_settings.corpus_dir / "003_2b397bcf9f5a37ec.txt"
    path.write_text(path.read_text(encoding="utf-8") + "\n五、附则\n本方案自印发之日起施行。\n", encoding="utf-8")
    embedder = CountingEmbedder()
    report = build(fresh_settings, embedder=embedder)
    assert report.changed == ["003_2b397bcf9f5a37ec.txt"]
    assert embedder.encoded == report.embedded == 1
    hits = Searcher(fresh_settings, embedder=HashEmbedder()).search("本方案自印发之日起施行", k=1).hits
    assert hits[0].heading_path == ["五、附则"]


def test_removed_document_loses_its_chunks(fresh_settings):
    build(fresh_settings)
    (fresh_settings.corpus_dir / "002_b078bcc2181311d4.txt").unlink()
    report = build(fresh_settings)
    assert report.removed == ["002_b078bcc2181311d4.txt"]
    chunks = read_pointer(fresh_settings.index_dir).load_chunks()
    assert chunks and all(c.doc_id != "002_b078bcc2181311d4.txt" for c in chunks)


def test_failed_build_leaves_the_previous_index_in_service(fresh_settings):
    first = build(fresh_settings)
    searcher = Searcher(fresh_settings, embedder=HashEmbedder())
    before = searcher.search("丰宁 养老机构 项目建设", k=3)
    (fresh_settings.corpus_dir / "new.txt").write_text("一、新规定\n临时救助备用金每年核拨一次。", encoding="utf-8")
    with pytest.raises(RuntimeError, match="died mid-build"):
        build(fresh_settings, embedder=FailingEmbedder())
    assert read_pointer(fresh_settings.index_dir).gen_id == first.generation
    after = searcher.search("丰宁 养老机构 项目建设", k=3)
    assert [h.chunk_id for h in after.hits] == [h.chunk_id for h in before.hits]


def test_unreadable_file_is_reported_and_the_rest_indexed(fresh_settings):
    (fresh_settings.corpus_dir / "scan.pdf").write_bytes(b"%PDF-1.4 not really")
    report = build(fresh_settings)
    assert report.documents == 4
    assert any("scan.pdf" in e for e in report.errors)


@pytest.mark.parametrize("broken", ['{"gen_id": "x", "coll', "[]", '{"gen_id": "x"}', b"\xff\xfe\x00"])
def test_a_build_over_an_unreadable_pointer_replaces_it(fresh_settings, broken):
    first = build(fresh_settings)
    pointer = fresh_settings.index_dir / "current.json"
    pointer.write_bytes(broken if isinstance(broken, bytes) else broken.encode())
    again = build(fresh_settings)
    assert again.status == "built" and again.chunks == first.chunks
    assert read_pointer(fresh_settings.index_dir).gen_id == again.generation
    assert Searcher(fresh_settings, embedder=HashEmbedder()).search("低保标准", k=1).hits


def test_stored_chunk_reads_its_ids_from_the_line_as_written():
    chunk = Chunk(chunk_id="c1", doc_id='低保"办法"\\2024.txt', title="t", heading_path=["第一章"], text="第一条", start=0, end=3)
    line = chunk.model_dump_json() + "\n"
    stored = StoredChunk.of(line)
    assert (stored.chunk_id, stored.doc_id, stored.line) == ("c1", chunk.doc_id, line)
    assert stored.chunk() == chunk
    # a line another writer put in another field order is read the slow way, to the same ids
    reordered = StoredChunk.of(json.dumps({**chunk.model_dump(), "doc_id": "d2"}, sort_keys=True) + "\n")
    assert (reordered.chunk_id, reordered.doc_id) == ("c1", "d2")


def test_rebuild_carries_unchanged_chunks_over_as_a_full_build_writes_them(fresh_settings):
    build(fresh_settings)
    path = fresh_settings.corpus_dir / "003_2b397bcf9f5a37ec.txt"
    path.write_text(path.read_text(encoding="utf-8") + "\n五、附则\n本方案自印发之日起施行。\n", encoding="utf-8")
    assert build(fresh_settings).changed == ["003_2b397bcf9f5a37ec.txt"]
    incremental = read_pointer(fresh_settings.index_dir)
    full = fresh_settings.model_copy(update={"index_dir": fresh_settings.index_dir.parent / "full"})
    assert build(full).changed == sorted(p.name for p in full.corpus_dir.glob("*.txt"))
    scratch = read_pointer(full.index_dir)
    assert incremental.chunks_path.read_bytes() == scratch.chunks_path.read_bytes()
    # term ids differ (the rebuild keeps the previous vocabulary's), the scores of every term may not
    ours, theirs = LexicalIndex(incremental.lexical_path), LexicalIndex(scratch.lexical_path)
    assert ours.n == theirs.n and set(ours.vocab) == set(theirs.vocab)
    for term in theirs.vocab[::7]:
        assert np.array_equal(ours.scores([term]), theirs.scores([term])), term
