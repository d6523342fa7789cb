"""Every corpus quote used by the engine (parameters.yaml and program modules) resolves to a chunk,
against the corpus and chunk size of the Settings in use; a quote that does not resolve fails loudly."""

from __future__ import annotations

import importlib
import pkgutil
import shutil

import pytest

import assistant.eligibility as package
from assistant.eligibility import bases as b
from assistant.eligibility import check_household
from assistant.eligibility.citations import REGISTRY, CorpusBasis, UnresolvedQuote, quote_in_corpus
from assistant.eligibility.parameters import table
from assistant.eligibility.results import ScreeningResult
from indexer.chunking import chunk_document
from indexer.corpus import load_corpus
from indexer.models import Citation
from indexer.quotes import resolve_quote
from indexer.settings import Settings, get_settings
from indexer.store import read_pointer

from .helpers import elder_fengning


@pytest.fixture(scope="module")
def bases():
    for module in pkgutil.iter_modules(package.__path__):
        importlib.import_module(f"{package.__name__}.{module.name}")
    table()
    found = {(b.doc_id, b.quote) for b in REGISTRY}
    assert len(found) > 20
    return sorted(found)


def corpus_citations(result: ScreeningResult) -> list[Citation]:
    out = []
    for p in result.results:
        out += [c for s in p.steps for c in s.basis] + p.references + (p.estimate.basis if p.estimate else [])
    return [c for c in out if c.in_corpus]


def test_every_quote_is_exact_words_of_its_document(bases) -> None:
    missing = [(doc, quote) for doc, quote in bases if not quote_in_corpus(CorpusBasis(doc, quote))]
    assert missing == []


def test_every_quote_resolves_to_a_chunk(bases) -> None:
    unresolved = []
    for doc_id, quote in bases:
        citation = resolve_quote(quote, doc_id)
        if citation is None or not citation.chunk_id or citation.doc_id != doc_id or citation.quote != quote:
            unresolved.append((doc_id, quote))
    assert unresolved == []


def test_engine_citations_carry_chunk_ids(bases) -> None:
    for doc_id, quote in bases:
        citation = CorpusBasis(doc_id, quote).citation()
        assert citation.chunk_id and citation.title and citation.start is not None


def test_engine_citations_are_chunks_of_the_index_built_with_the_same_settings(hash_settings) -> None:
    indexed = {c.chunk_id: c for c in read_pointer(hash_settings.index_dir).load_chunks()}
    cited = corpus_citations(check_household(elder_fengning(), settings=hash_settings))
    assert cited
    for citation in cited:
        chunk = indexed.get(citation.chunk_id)
        assert chunk is not None, citation
        assert chunk.doc_id == citation.doc_id and chunk.start <= citation.start < chunk.end


def test_citations_follow_the_chunk_size_of_the_settings(bases) -> None:
    small = Settings(corpus_dir=get_settings().corpus_dir, max_chunk_chars=120)
    docs = {d.meta.doc_id: d for d in load_corpus(small.corpus_dir)[0]}
    small_ids = {c.chunk_id for d in docs.values() for c in chunk_document(d, 120)}
    default_ids = {c.chunk_id for d in docs.values() for c in chunk_document(d, get_settings().max_chunk_chars)}
    changed = 0
    for doc_id, quote in bases:
        basis = CorpusBasis(doc_id, quote)
        in_small, in_default = basis.citation(small), basis.citation()
        assert in_small.chunk_id in small_ids and in_default.chunk_id in default_ids
        changed += in_small.chunk_id != in_default.chunk_id
    assert changed  # the two chunkings differ, and each settings gets its own

    cited = corpus_citations(check_household(elder_fengning(), settings=small))
    assert cited and all(c.chunk_id in small_ids for c in cited)
    assert all(c.chunk_id in default_ids for c in corpus_citations(check_household(elder_fengning())))


def test_a_quote_missing_from_the_configured_corpus_fails_loudly(tmp_path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(get_settings().corpus_dir, corpus)
    (corpus / b.DOC_FN).unlink()  # the 丰宁 document the household's rules quote
    settings = Settings(corpus_dir=corpus, index_dir=tmp_path / "index")
    with pytest.raises(UnresolvedQuote, match=b.DOC_FN):
        check_household(elder_fengning(), settings=settings)
