"""Shared fixtures: a copy of the corpus in a temp dir, settings pointing at it, built indexes.

Unit tests use the deterministic hash embedder; the `default_index` fixture builds with the real
default model (USE-multilingual-v3) once per session for the end-to-end tests.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from indexer.settings import ROOT, Settings

SHARED_EVAL = ROOT.parent / "shared" / "eval" / "qa_dev.jsonl"


def make_settings(tmp: Path, embedding_model: str = "hash", **overrides) -> Settings:
    corpus = tmp / "corpus"
    if not corpus.exists():
        shutil.copytree(ROOT / "corpus", corpus)
    return Settings(corpus_dir=corpus, index_dir=tmp / "index", embedding_model=embedding_model, **overrides)


@pytest.fixture
def fresh_settings(tmp_path: Path) -> Settings:
    """Settings over a private corpus copy, index not built (for tests that change the corpus)."""
    return make_settings(tmp_path)


@pytest.fixture(scope="session")
def hash_settings(tmp_path_factory) -> Settings:
    """A built index of the seed corpus with the fake embedder, shared read-only by unit tests."""
    from indexer.build import build

    settings = make_settings(tmp_path_factory.mktemp("hash-index"))
    build(settings)
    return settings


@pytest.fixture(scope="session")
def default_settings(tmp_path_factory) -> Settings:
    """A built index of the seed corpus with the real default embedding model."""
    from indexer.build import build

    settings = make_settings(tmp_path_factory.mktemp("use-index"), embedding_model="use")
    build(settings)
    return settings


@pytest.fixture(scope="session")
def default_searcher(default_settings):
    from assistant.retrieval.search import Searcher

    return Searcher(default_settings)
