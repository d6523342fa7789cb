"""The quiz builder over the hash-embedder index of the seed corpus (no model is loaded: the quiz only
reads the indexed clauses)."""

from __future__ import annotations

import pytest

from assistant.quiz.facts import corpus_index
from assistant.retrieval.search import Searcher
from indexer.embedding import HashEmbedder


@pytest.fixture(scope="session")
def searcher(hash_settings) -> Searcher:
    return Searcher(hash_settings, embedder=HashEmbedder())


@pytest.fixture(scope="session")
def corpus(searcher):
    return corpus_index(searcher.chunks)
