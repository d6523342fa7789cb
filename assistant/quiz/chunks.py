"""The clauses a quiz is built from, read without the search stack (no chroma, no BM25, no jieba).

The index's own chunk file when an index is built (the clauses the assistant cites), else the corpus
chunked here: chunking is deterministic, so the chunk ids are those an index of the same corpus and
chunk size holds."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from indexer.models import Chunk
from indexer.settings import Settings

POINTER = "current.json"  # the index's generation pointer (indexer.store writes it)


def load_chunks(settings: Settings) -> list[Chunk]:
    pointer = Path(settings.index_dir) / POINTER
    if pointer.exists():
        return _index_chunks(pointer, pointer.stat().st_mtime_ns)
    return _corpus_chunks(Path(settings.corpus_dir), settings.max_chunk_chars)


@lru_cache(maxsize=4)
def _index_chunks(pointer: Path, _mtime: int) -> list[Chunk]:
    path = pointer.parent / json.loads(pointer.read_text(encoding="utf-8"))["chunks"]
    with path.open(encoding="utf-8") as fh:
        return [Chunk.model_validate_json(line) for line in fh if line.strip()]


@lru_cache(maxsize=4)
def _corpus_chunks(corpus_dir: Path, max_chars: int) -> list[Chunk]:
    from indexer.chunking import chunk_document
    from indexer.corpus import load_corpus

    docs, _ = load_corpus(corpus_dir)
    return [c for d in sorted(docs, key=lambda d: d.meta.doc_id) for c in chunk_document(d, max_chars)]
