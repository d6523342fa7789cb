"""The generation's lexical index: BM25 pinned against bm25s, incremental reuse identical to a fresh build,
top-k equal to a full stable sort, chroma read and written in batches, one build lock."""

from __future__ import annotations

import threading

import bm25s
import numpy as np
import pytest
from filelock import Timeout

from assistant.retrieval.search import Searcher, _top
from indexer import lexical, store
from indexer.build import build
from indexer.embedding import HashEmbedder
from indexer.lexical import LexicalIndex
from indexer.store import build_lock, read_pointer
from indexer.text import tokens

QUERIES = ["低保 申请 条件", "特困人员 救助供养 标准", "临时救助 备用金", "黑龙江 单人户 重点优抚对象", "丰宁 养老机构"]


def test_bm25_scores_match_bm25s_lucene(hash_settings):
    gen = read_pointer(hash_settings.index_dir)
    chunks = gen.load_chunks()
    lex = LexicalIndex(gen.lexical_path)
    docs = [tokens(lexical.bm25_text(c)) for c in chunks]
    ref = bm25s.BM25(k1=lexical.K1, b=lexical.B, method="lucene")
    ref.index(docs, show_progress=False)
    for text in QUERIES:
        query = list(dict.fromkeys(t for t in tokens(text) if t in ref.vocab_dict))
        ours = lex.scores(query)
        theirs = ref.get_scores(query) * (lexical.K1 + 1)  # bm25s' lucene form leaves out the constant k1+1
        assert ours.max() > 0
        np.testing.assert_allclose(ours, theirs, rtol=1e-4, atol=1e-4)
        assert list(np.argsort(-ours)[:5]) == list(np.argsort(-theirs)[:5])


def test_query_weights_and_repeated_terms_scale_a_term(hash_settings):
    lex = LexicalIndex(read_pointer(hash_settings.index_dir).lexical_path)
    single = lex.scores(["低保"])
    assert np.allclose(lex.scores(["低保"], {"低保": 0.5}), 0.5 * single)
    assert np.allclose(lex.scores(["低保", "低保"]), (1 + np.log(2)) * single)
    assert not lex.scores(["没有这个词语"]).any()


def _arrays(path):
    return {p.name: np.load(p) for p in sorted(path.glob("*.npy"))} | {
        "vocab": (path / "vocab.json").read_text(encoding="utf-8"),
        "text": (path / "normalized.txt").read_bytes(),
    }


def test_incremental_lexical_index_equals_a_fresh_one(fresh_settings, tmp_path):
    first = build(fresh_settings)
    for name in ("001_f3d72d4f8696011b.txt", "003_2b397bcf9f5a37ec.txt"):  # one in the middle, one at the end
        path = fresh_settings.corpus_dir / name
        path.write_text(path.read_text(encoding="utf-8") + "\n五、附则\n本方案自2026年起施行。\n", encoding="utf-8")
    again = build(fresh_settings)
    assert again.changed == ["001_f3d72d4f8696011b.txt", "003_2b397bcf9f5a37ec.txt"]
    assert again.generation != first.generation
    gen = read_pointer(fresh_settings.index_dir)
    chunks = gen.load_chunks()
    fresh = tmp_path / "fresh"
    # a fresh index over the same chunks, seeded with the same vocabulary order so ids line up
    lexical.write(fresh, chunks, LexicalIndex(gen.lexical_path), {})
    got, want = _arrays(gen.lexical_path), _arrays(fresh)
    assert got.keys() == want.keys()
    for name in got:
        if isinstance(got[name], np.ndarray):
            np.testing.assert_allclose(got[name], want[name], rtol=1e-6, err_msg=name)
        else:
            assert got[name] == want[name], name


@pytest.mark.parametrize("k", [1, 3, 5, 20])
def test_top_k_equals_a_stable_full_sort_with_ties(k):
    rng = np.random.default_rng(7)
    score = rng.integers(0, 4, size=200).astype(np.float32)  # many ties
    score[::7] = -1.0
    assert list(_top(score, k)) == list(np.argsort(-score, kind="stable")[:k])
    assert list(_top(score[:3], k)) == list(np.argsort(-score[:3], kind="stable")[:k])


def test_builds_read_and_write_chroma_in_batches(fresh_settings, monkeypatch):
    calls = []
    monkeypatch.setattr(store, "BATCH", 16)
    original = store.upsert

    def counting(coll, chunks, vectors):
        calls.append(len(chunks))
        original(coll, chunks, vectors)

    monkeypatch.setattr("indexer.build.upsert", counting)
    first = build(fresh_settings)
    assert first.chunks > 100 and sum(calls) == first.chunks
    coll = store.collection(store.chroma_client(fresh_settings.index_dir, None), read_pointer(fresh_settings.index_dir).collection)
    assert coll.count() == first.chunks
    (fresh_settings.corpus_dir / "new.txt").write_text("一、新规定\n临时救助备用金每年核拨一次。", encoding="utf-8")
    calls.clear()
    second = build(fresh_settings, embedder=HashEmbedder())
    assert second.embedded == sum(calls) == 1  # the one new chunk, upserted into the same collection
    assert coll.count() == first.chunks + 1
    (fresh_settings.corpus_dir / "new.txt").unlink()
    build(fresh_settings)
    build(fresh_settings, force=True)  # the generation that still held the new chunk is pruned now
    assert coll.count() == first.chunks
    hits = Searcher(fresh_settings, embedder=HashEmbedder()).search("丰宁 养老机构 项目建设", k=3).hits
    assert hits and "丰宁" in hits[0].text + hits[0].title


def test_a_second_build_waits_for_the_lock(fresh_settings):
    held = threading.Event()
    release = threading.Event()

    def holder():
        with build_lock(fresh_settings.index_dir):
            held.set()
            release.wait(10)

    t = threading.Thread(target=holder)
    t.start()
    held.wait(10)
    with pytest.raises(Timeout), build_lock(fresh_settings.index_dir, timeout=0.2):
        pass
    release.set()
    t.join()
    with build_lock(fresh_settings.index_dir, timeout=1):
        pass


def test_a_searcher_swaps_generations_in_the_background(fresh_settings):
    build(fresh_settings)
    searcher = Searcher(fresh_settings, embedder=HashEmbedder())
    old = searcher.search("低保", k=1)
    (fresh_settings.corpus_dir / "new.txt").write_text("一、新规定\n临时救助备用金每年核拨一次。", encoding="utf-8")
    build(fresh_settings)
    during = searcher.search("临时救助备用金每年核拨一次", k=1)  # served by the old generation meanwhile
    assert old.hits and during is not None
    for _ in range(200):
        if searcher._switching is None and searcher._loaded.generation.gen_id == read_pointer(fresh_settings.index_dir).gen_id:
            break
        threading.Event().wait(0.05)
    hits = searcher.search("临时救助备用金每年核拨一次", k=1).hits
    assert hits[0].doc_id == "new.txt"


def test_idf_view_holds_the_terms_of_the_chunks_only(hash_settings):
    gen = read_pointer(hash_settings.index_dir)
    lex = LexicalIndex(gen.lexical_path)
    docs = [set(tokens(lexical.bm25_text(c))) for c in gen.load_chunks()]
    df = sum("低保" in d for d in docs)
    assert lex.idf_of["低保"] == pytest.approx(np.log(1 + (len(docs) - df + 0.5) / (df + 0.5)))
    assert "没有这个词语" not in lex.idf_of and lex.idf_of.get("没有这个词语", 1.0) == 1.0
    assert len(lex.idf_of) == len(set().union(*docs))


def test_vectors_lost_from_the_collection_are_embedded_again(fresh_settings):
    first = build(fresh_settings)
    gen = read_pointer(fresh_settings.index_dir)
    coll = store.collection(store.chroma_client(fresh_settings.index_dir, None), gen.collection)
    lost = (gen.directory / "ids.txt").read_text(encoding="utf-8").split()[:3]
    coll.delete(ids=lost)
    again = build(fresh_settings, embedder=HashEmbedder(), force=True)
    assert again.embedded == 3 and coll.count() == first.chunks
    assert len(coll.get(ids=lost)["ids"]) == 3


def test_a_generation_without_lexical_files_asks_for_a_build(fresh_settings):
    import shutil

    from assistant.retrieval.search import IndexNotBuilt

    build(fresh_settings)
    shutil.rmtree(read_pointer(fresh_settings.index_dir).lexical_path)  # as an index from an older version
    with pytest.raises(IndexNotBuilt, match="indexer build"):
        Searcher(fresh_settings, embedder=HashEmbedder()).search("低保")
    assert build(fresh_settings).status == "built"  # the build sees it and writes a complete generation
    assert Searcher(fresh_settings, embedder=HashEmbedder()).search("低保").hits
