"""Every corpus quote used by the engine (parameters.yaml and program modules) resolves to a chunk."""

from __future__ import annotations

import importlib
import pkgutil

import pytest

import assistant.eligibility as package
from assistant.eligibility.citations import REGISTRY, CorpusBasis, quote_in_corpus, quote_resolver
from assistant.eligibility.parameters import table


@pytest.fixture(scope="module")
def bases():
    for module in pkgutil.iter_modules(package.__path__):
        importlib.import_module(f"{package.__name__}.{module.name}")
    table()
    found = {(b.doc_id, b.quote) for b in REGISTRY}
    assert len(found) > 20
    return sorted(found)


def test_every_quote_is_exact_words_of_its_document(bases) -> None:
    missing = [(doc, quote) for doc, quote in bases if not quote_in_corpus(CorpusBasis(doc, quote))]
    assert missing == []


def test_every_quote_resolves_to_a_chunk(bases) -> None:
    resolve_quote = quote_resolver()
    if resolve_quote is None:
        pytest.skip("indexer.quotes.resolve_quote does not exist yet")
    unresolved = []
    for doc_id, quote in bases:
        citation = resolve_quote(quote, doc_id)
        if citation is None or not citation.chunk_id or citation.doc_id != doc_id or citation.quote != quote:
            unresolved.append((doc_id, quote))
    assert unresolved == []


def test_engine_citations_carry_chunk_ids(bases) -> None:
    if quote_resolver() is None:
        pytest.skip("indexer.quotes.resolve_quote does not exist yet")
    for doc_id, quote in bases:
        citation = CorpusBasis(doc_id, quote).citation()
        assert citation.chunk_id and citation.title and citation.start is not None
