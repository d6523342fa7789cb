"""Bases of rules, resolved to citations BY CONTENT against the indexed corpus of the Settings in use.

A corpus basis is exact words (``quote``). They are looked up in whatever documents the configured corpus
holds (``indexer.quotes.resolve_quote`` over all documents), never by file name, the first time a result
needs them, and cached per (corpus_dir, max_chunk_chars). Words that no longer occur in any document give
an *unresolved* citation (``in_corpus=True`` with no ``chunk_id``) and the result carries a warning:
screening goes on, the caseworker sees which basis could not be checked.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

import yaml

from indexer.models import Citation
from indexer.quotes import corpus_version, resolve_quote
from indexer.settings import Settings, get_settings

from .schema import BasesFile, Reference

_BASES = Path(__file__).parent / "data" / "bases.yaml"


@dataclass(frozen=True)
class Basis:
    """A reference in use: the data entry, and the region it belongs to (None = cited wherever used)."""

    ref: Reference
    region: str | None = None

    @property
    def in_corpus(self) -> bool:
        return self.ref.in_corpus

    @property
    def quote(self) -> str:
        return self.ref.quote or ""

    @property
    def regulation(self) -> str:
        return self.ref.regulation or ""

    @property
    def article(self) -> str:
        return self.ref.article

    def citation(self, settings: Settings | None = None) -> Citation:
        if not self.ref.in_corpus:
            return _external(self.ref.regulation or "", self.ref.article)
        return resolve(self, settings or get_settings())


REGISTRY: list[Basis] = []  # every corpus basis the data declares, so a test can check they all resolve


def register(ref: Reference, region: str | None = None) -> Basis:
    basis = Basis(ref, region if region is not None else ref.region)
    if basis.in_corpus and basis not in REGISTRY:
        REGISTRY.append(basis)
    return basis


@lru_cache(maxsize=1)
def _bases() -> dict[str, Basis]:
    data = BasesFile.model_validate(yaml.safe_load(_BASES.read_text(encoding="utf-8")))
    return {name: register(ref) for name, ref in data.bases.items()}


def basis(name: str) -> Basis:
    """The basis ``name`` of data/bases.yaml."""
    try:
        return _bases()[name]
    except KeyError:
        raise LookupError(f"data/bases.yaml has no basis {name!r}") from None


@cache
def _external(regulation: str, article: str) -> Citation:
    return Citation(in_corpus=False, regulation=regulation, article=article)


def unresolved(citation: Citation) -> bool:
    """A corpus citation whose words were not found in the indexed documents."""
    return citation.in_corpus and not citation.chunk_id


# (corpus_dir, its version, max_chunk_chars, quote) -> the chunk citation (or the unresolved one); the version
# makes a document uploaded after start-up resolve the bases it holds
_RESOLVED: dict[tuple[str, int, int, str], Citation] = {}


def resolve(basis: Basis, settings: Settings) -> Citation:
    """The chunk citation holding the basis's words in the corpus ``settings`` describe, or an unresolved one."""
    key = (str(settings.corpus_dir), corpus_version(Path(settings.corpus_dir)), settings.max_chunk_chars, basis.quote)
    found = _RESOLVED.get(key)
    if found is None:
        found = resolve_quote(basis.quote, None, settings)
        if found is None or not found.chunk_id:
            found = Citation(in_corpus=True, title=basis.ref.document, quote=basis.quote)
        _RESOLVED[key] = found
    return found


def quote_in_corpus(basis: Basis, settings: Settings | None = None) -> bool:
    """Plain substring test over every document file of the configured corpus (no chunking involved)."""
    corpus_dir = Path((settings or get_settings()).corpus_dir)
    return any(basis.quote in p.read_text(encoding="utf-8") for p in sorted(corpus_dir.glob("*.txt")))
