"""Bases of rules: corpus quotes and external regulations, resolved lazily to citations.

A corpus basis is declared as (doc_id, exact words). It is resolved to a chunk by
``indexer.quotes.resolve_quote`` over the corpus and chunk size of the Settings in use, the first
time a result needs it, and cached per (corpus_dir, max_chunk_chars), so screening stays fast.
A quote that does not resolve raises ``UnresolvedQuote``: a citation without its clause is never
handed out. Every corpus basis is registered, so a test can check that all of them resolve.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from indexer.models import Citation
from indexer.quotes import resolve_quote
from indexer.settings import Settings, get_settings


class UnresolvedQuote(LookupError):
    """A corpus basis whose words are not found in any chunk of the configured corpus."""


@dataclass(frozen=True)
class CorpusBasis:
    doc_id: str
    quote: str
    # canonical region the quoted rule belongs to; None = cited wherever the rule is used
    region: str | None = None

    def citation(self, settings: Settings | None = None) -> Citation:
        return resolve(self, settings or get_settings())


@dataclass(frozen=True)
class ExternalBasis:
    regulation: str
    article: str = ""
    region: str | None = None

    def citation(self, settings: Settings | None = None) -> Citation:
        return _external(self.regulation, self.article)


Basis = CorpusBasis | ExternalBasis

REGISTRY: list[CorpusBasis] = []


def corpus(doc_id: str, quote: str, region: str | None = None) -> CorpusBasis:
    basis = CorpusBasis(doc_id, quote, region)
    REGISTRY.append(basis)
    return basis


def external(regulation: str, article: str = "") -> ExternalBasis:
    return ExternalBasis(regulation, article)


@cache
def _external(regulation: str, article: str) -> Citation:
    return Citation(in_corpus=False, regulation=regulation, article=article)


# (corpus_dir, max_chunk_chars, doc_id, quote) -> the chunk citation
_RESOLVED: dict[tuple[str, int, str, str], Citation] = {}


def resolve(basis: CorpusBasis, settings: Settings) -> Citation:
    """The chunk citation of ``basis`` in the corpus ``settings`` describe; raises UnresolvedQuote."""
    key = (str(settings.corpus_dir), settings.max_chunk_chars, basis.doc_id, basis.quote)
    found = _RESOLVED.get(key)
    if found is None:
        found = resolve_quote(basis.quote, basis.doc_id, settings)
        if found is None or not found.chunk_id:
            raise UnresolvedQuote(
                f"eligibility basis not found in corpus {settings.corpus_dir}: {basis.doc_id} 「{basis.quote}」"
            )
        _RESOLVED[key] = found
    return found


def quote_in_corpus(basis: CorpusBasis, settings: Settings | None = None) -> bool:
    """Plain substring test against the document file of the configured corpus (no chunking involved)."""
    path = Path((settings or get_settings()).corpus_dir) / basis.doc_id
    return path.is_file() and basis.quote in path.read_text(encoding="utf-8")
