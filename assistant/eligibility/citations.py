"""Bases of rules: corpus quotes and external regulations, resolved lazily to citations.

A corpus basis is declared as (doc_id, exact words). It is resolved to a chunk by
``indexer.quotes.resolve_quote`` the first time a result needs it, and cached, so screening
stays fast. Every corpus basis is registered, so a test can check that all of them resolve.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

import yaml

from indexer.models import Citation

_CORPUS = Path(__file__).resolve().parents[2] / "corpus"


@dataclass(frozen=True)
class CorpusBasis:
    doc_id: str
    quote: str
    # canonical region the quoted rule belongs to; None = cited wherever the rule is used
    region: str | None = None

    def citation(self) -> Citation:
        return _resolve(self.doc_id, self.quote)


@dataclass(frozen=True)
class ExternalBasis:
    regulation: str
    article: str = ""
    region: str | None = None

    def citation(self) -> Citation:
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


@cache
def _resolve(doc_id: str, quote: str) -> Citation:
    resolver = quote_resolver()
    if resolver is not None:
        found = resolver(quote, doc_id)
        if found is not None:
            return found
    return _fallback(doc_id, quote)


def quote_resolver():
    """``indexer.quotes.resolve_quote`` when the indexer provides it, else None."""
    try:
        from indexer.quotes import resolve_quote
    except ImportError:
        return None
    return resolve_quote


def _fallback(doc_id: str, quote: str) -> Citation:
    # Without the chunker the citation still names the document and the exact words.
    text = _document_text(doc_id)
    start = text.find(quote) if text else -1
    return Citation(
        doc_id=doc_id,
        title=_titles().get(doc_id, doc_id),
        quote=quote,
        start=start if start >= 0 else None,
        end=start + len(quote) if start >= 0 else None,
    )


@cache
def _document_text(doc_id: str) -> str:
    path = _CORPUS / doc_id
    return path.read_text(encoding="utf-8") if path.is_file() else ""


@lru_cache(maxsize=1)
def _titles() -> dict[str, str]:
    manifest = _CORPUS / "manifest.yaml"
    if not manifest.is_file():
        return {}
    documents = yaml.safe_load(manifest.read_text(encoding="utf-8")).get("documents", {})
    return {doc_id: meta.get("title", doc_id) for doc_id, meta in documents.items()}


def quote_in_corpus(basis: CorpusBasis) -> bool:
    """Plain substring test against the corpus file (works before the chunker exists)."""
    return basis.quote in _document_text(basis.doc_id)
