"""Build the index from corpus/: chunk changed documents, embed new chunks, switch generations atomically."""

from __future__ import annotations

import hashlib
import logging
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from chromadb.errors import NotFoundError

from indexer.chunking import chunk_document
from indexer.corpus import load_corpus
from indexer.embedding import Embedder, make_embedder
from indexer.models import Chunk
from indexer.settings import Settings
from indexer.store import Generation, chroma_client, prune, read_pointer, stored_vectors, write_generation

log = logging.getLogger(__name__)
_PKG = Path(__file__).parent
# Sources whose change alters chunks: editing any of them re-chunks every document.
_CHUNKER_SOURCES = ["cleaning.py", "clauses.py", "chunking.py", "regions.py", "data/cleaning.yaml", "data/regions.yaml"]


def chunker_version() -> str:
    h = hashlib.sha1()
    for name in _CHUNKER_SOURCES:
        h.update((_PKG / name).read_bytes())
    return h.hexdigest()[:12]


def embed_text(chunk: Chunk) -> str:
    """What the dense side sees: the nearest headings give a short clause its topic."""
    return " ".join([*chunk.heading_path[-2:], chunk.text])


@dataclass
class BuildReport:
    status: str  # "built" or "up-to-date"
    generation: str
    documents: int
    chunks: int
    embedded: int
    reused: int
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    seconds: float = 0.0


def build(settings: Settings, embedder: Embedder | None = None, force: bool = False) -> BuildReport:
    t0 = time.perf_counter()
    index_dir = settings.index_dir
    index_dir.mkdir(parents=True, exist_ok=True)
    docs, errors = load_corpus(settings.corpus_dir)
    doc_hashes = {d.meta.doc_id: d.content_hash for d in docs}
    version = chunker_version()
    embedder_name = embedder.name if embedder else _embedder_name(settings)
    fingerprint = hashlib.sha1(
        repr((sorted(doc_hashes.items()), embedder_name, settings.max_chunk_chars, version)).encode()
    ).hexdigest()

    client = chroma_client(index_dir, settings.chroma_url)
    current = read_pointer(index_dir)
    if current and current.fingerprint == fingerprint and not force and _collection_exists(client, current):
        return BuildReport(
            status="up-to-date",
            generation=current.gen_id,
            documents=len(docs),
            chunks=sum(1 for _ in current.chunks_path.open(encoding="utf-8")),
            embedded=0,
            reused=0,
            errors=errors,
            seconds=time.perf_counter() - t0,
        )

    previous_chunks: dict[str, list[Chunk]] = {}
    same_chunker = current is not None and current.docs.get("__chunker__") == version
    if current and same_chunker and current.chunks_path.exists():
        for c in current.load_chunks():
            previous_chunks.setdefault(c.doc_id, []).append(c)
    changed: list[str] = []
    chunks: list[Chunk] = []
    for doc in docs:
        doc_id = doc.meta.doc_id
        if current and same_chunker and current.docs.get(doc_id) == doc_hashes[doc_id] and doc_id in previous_chunks:
            chunks.extend(previous_chunks[doc_id])
        else:
            changed.append(doc_id)
            chunks.extend(chunk_document(doc, settings.max_chunk_chars))
    removed = sorted(set(current.docs) - set(doc_hashes) - {"__chunker__"}) if current else []

    ids = [c.chunk_id for c in chunks]
    reuse: dict[str, np.ndarray] = {}
    if current and current.embedder == embedder_name:
        reuse = stored_vectors(client, current.collection, ids)
    todo = [c for c in chunks if c.chunk_id not in reuse]
    if todo:
        embedder = embedder or make_embedder(settings.embedding_model, settings.embedding_threads)
        fresh = embedder.encode([embed_text(c) for c in todo])
        reuse.update(zip((c.chunk_id for c in todo), fresh, strict=True))
    dim = len(next(iter(reuse.values()))) if reuse else 1
    vectors = np.stack([reuse[i] for i in ids]) if ids else np.zeros((0, dim), dtype=np.float32)

    gen_id = f"{time.strftime('%Y%m%d%H%M%S')}-{uuid.uuid4().hex[:6]}"
    docs_state = dict(doc_hashes)
    docs_state["__chunker__"] = version
    prefix = settings.chroma_collection
    new = write_generation(index_dir, client, gen_id, chunks, vectors, embedder_name, fingerprint, docs_state, errors, prefix)
    prune(index_dir, client, keep={new.gen_id} | ({current.gen_id} if current else set()), prefix=prefix)
    return BuildReport(
        status="built",
        generation=new.gen_id,
        documents=len(docs),
        chunks=len(chunks),
        embedded=len(todo),
        reused=len(chunks) - len(todo),
        changed=changed,
        removed=removed,
        errors=errors,
        seconds=time.perf_counter() - t0,
    )


def _embedder_name(settings: Settings) -> str:
    model = settings.embedding_model
    if model == "use":
        return "use-multilingual-v3"
    if model == "hash":
        return "hash"
    return f"st:{Path(model).name}"


def _collection_exists(client, gen: Generation) -> bool:
    try:
        client.get_collection(gen.collection, embedding_function=None)
    except NotFoundError:  # a server that is down raises otherwise, instead of forcing a full re-embed
        return False
    return gen.chunks_path.exists()
