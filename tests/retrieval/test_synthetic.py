"""The synthetic library behind `python -m eval scale`: seeded, regions moved, numbers redrawn, indexable."""

from __future__ import annotations

import yaml

from assistant.retrieval.search import Searcher
from eval.scale import StandInEmbedder
from eval.synthetic import generate
from indexer.build import build
from indexer.corpus import load_corpus
from indexer.embedding import HashEmbedder
from indexer.regions import gazetteer
from indexer.settings import Settings


def test_same_seed_same_library_and_copies_move_to_other_regions(tmp_path):
    a = generate(tmp_path / "a", 12, seed=3)
    b = generate(tmp_path / "b", 12, seed=3)
    assert a == b and len(a) == 12
    assert all((tmp_path / "a" / n).read_bytes() == (tmp_path / "b" / n).read_bytes() for n in a)
    docs, errors = load_corpus(tmp_path / "a")
    assert not errors and len(docs) == 12
    manifest = yaml.safe_load((tmp_path / "a" / "manifest.yaml").read_text(encoding="utf-8"))["documents"]
    seeds = {d.meta.doc_id.split("_", 1)[1]: d for d in docs[:4]}
    moved = 0
    for d in docs[4:]:
        seed = seeds[d.meta.doc_id.split("_", 1)[1]]
        assert d.original != seed.original  # shuffled and redrawn
        if seed.meta.level == "province":
            assert manifest[d.meta.doc_id]["region"] in gazetteer().by_name
            moved += manifest[d.meta.doc_id]["region"] != seed.meta.region
            assert seed.meta.region not in d.original or manifest[d.meta.doc_id]["region"] == seed.meta.region
    assert moved >= 3


def test_the_library_builds_and_searches_with_the_stand_in_vectors(tmp_path):
    generate(tmp_path / "corpus", 8)
    settings = Settings(corpus_dir=tmp_path / "corpus", index_dir=tmp_path / "index", embedding_model="hash")
    stand_in = StandInEmbedder()
    vectors = stand_in.encode(["低保", "低保", "特困"])
    assert vectors.shape == (3, 512) and (vectors[0] == vectors[1]).all() and not (vectors[0] == vectors[2]).all()
    report = build(settings, embedder=HashEmbedder())
    assert report.documents == 8 and report.chunks > 200  # two copies of each seed document
    hits = Searcher(settings, embedder=HashEmbedder()).search("特困人员 救助供养", k=5).hits
    assert len({h.doc_id for h in hits}) >= 2
