"""Resolve quoted policy words to the indexed clause that contains them.

Chunking is deterministic, so the chunk ids found here are those the index built with the same
settings holds: the corpus is read from ``settings.corpus_dir`` and cut at ``settings.max_chunk_chars``.
Documents are read one by one until the quote is found and chunked only when they hold it (a large
library is neither read nor re-chunked at start-up); both are cached per (corpus_dir, max_chunk_chars) until the folder changes.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from indexer.chunking import chunk_document
from indexer.corpus import Document, corpus_files, load_document, read_manifest
from indexer.loaders import LoadError
from indexer.models import Chunk, Citation
from indexer.settings import Settings, get_settings

_DATA_FILES = (".yaml", ".yml", ".json")  # beside the documents, never documents (as load_corpus skips them)


class _Corpus:
    """The corpus read lazily: a document is loaded when a quote is first looked for in it, and chunked
    only when it holds one, so a large library is neither read nor re-chunked at start-up."""

    def __init__(self, corpus_dir: Path, max_chars: int):
        self.max_chars = max_chars
        self.manifest = read_manifest(corpus_dir)
        self.paths = {p.name: p for p in corpus_files(corpus_dir) if p.suffix.lower() not in _DATA_FILES}
        self._docs: dict[str, Document | None] = {}
        self._chunks: dict[str, list[Chunk]] = {}

    def document(self, doc_id: str) -> Document | None:
        if doc_id not in self._docs:
            path = self.paths.get(doc_id)
            try:
                self._docs[doc_id] = load_document(path, self.manifest) if path else None
            except LoadError:  # unreadable: the indexer skips it too
                self._docs[doc_id] = None
        return self._docs[doc_id]

    def chunks(self, doc: Document) -> list[Chunk]:
        did = doc.meta.doc_id
        if did not in self._chunks:
            self._chunks[did] = chunk_document(doc, self.max_chars)
        return self._chunks[did]


@lru_cache(maxsize=4)
def _corpus(corpus_dir: Path, max_chars: int, _version: int) -> _Corpus:
    return _Corpus(corpus_dir, max_chars)


def corpus_version(corpus_dir: Path) -> int:
    """Changes whenever a document is added, removed or replaced: uploads and the indexer move files into the
    folder, which updates its mtime; one stat, so a cache can check it on every lookup."""
    try:
        return Path(corpus_dir).stat().st_mtime_ns
    except OSError:
        return 0


def resolve_quote(quote: str, doc_id: str | None = None, settings: Settings | None = None) -> Citation | None:
    """The citation of the chunk that holds ``quote`` (exact words of the original text), or None.

    ``settings`` (default: ``get_settings()``) says which corpus and which chunk size; ``doc_id``
    limits the search to one document, otherwise documents are tried in id order.
    """
    settings = settings or get_settings()
    corpus_dir = Path(settings.corpus_dir)
    corpus = _corpus(corpus_dir, settings.max_chunk_chars, corpus_version(corpus_dir))
    for did in [doc_id] if doc_id else sorted(corpus.paths):
        doc = corpus.document(did)
        if doc is None:
            continue
        start = doc.original.find(quote)
        if start < 0:
            continue
        end = start + len(quote)
        best = max(corpus.chunks(doc), key=lambda c: min(c.end, end) - max(c.start, start), default=None)
        if best is None or min(best.end, end) <= max(best.start, start):
            continue
        return best.citation(quote=quote, start=start, end=end)
    return None
