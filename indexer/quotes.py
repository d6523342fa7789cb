"""Resolve quoted policy words to the indexed clause that contains them.

Chunking is deterministic, so the chunk ids found here are those the index built with the same
settings holds: the corpus is read from ``settings.corpus_dir`` and cut at ``settings.max_chunk_chars``.
A document is chunked only when it holds a quote (a large library is not re-chunked at start-up), and its
chunks are cached per (corpus_dir, max_chunk_chars).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from indexer.chunking import chunk_document
from indexer.corpus import Document, load_corpus
from indexer.models import Chunk, Citation
from indexer.settings import Settings, get_settings


@lru_cache(maxsize=4)
def _corpus(corpus_dir: Path, max_chars: int) -> tuple[dict[str, Document], dict[str, list[Chunk]]]:
    docs, _ = load_corpus(corpus_dir)
    return {d.meta.doc_id: d for d in docs}, {}  # chunks filled in per document on first use


def resolve_quote(quote: str, doc_id: str | None = None, settings: Settings | None = None) -> Citation | None:
    """The citation of the chunk that holds ``quote`` (exact words of the original text), or None.

    ``settings`` (default: ``get_settings()``) says which corpus and which chunk size; ``doc_id``
    limits the search to one document, otherwise documents are tried in id order.
    """
    settings = settings or get_settings()
    docs, chunks = _corpus(Path(settings.corpus_dir), settings.max_chunk_chars)
    for did in [doc_id] if doc_id else sorted(docs):
        doc = docs.get(did)
        if doc is None:
            continue
        start = doc.original.find(quote)
        if start < 0:
            continue
        end = start + len(quote)
        if did not in chunks:
            chunks[did] = chunk_document(doc, settings.max_chunk_chars)
        best = max(chunks[did], key=lambda c: min(c.end, end) - max(c.start, start), default=None)
        if best is None or min(best.end, end) <= max(best.start, start):
            continue
        return best.citation(quote=quote, start=start, end=end)
    return None
