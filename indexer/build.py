"""Build the index from corpus/: chunk changed documents, embed new chunks, switch generations atomically."""

from __future__ import annotations

import hashlib
import importlib
import logging
import threading
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from indexer import lexical
from indexer.chunk_table import ChunkFile, ChunkTable
from indexer.chunking import chunk_document
from indexer.corpus import load_corpus
from indexer.embedding import Embedder, make_embedder
from indexer.models import Chunk
from indexer.progress import Progress, silent
from indexer.settings import Settings
from indexer.store import (
    CorruptPointer,
    Generation,
    StoredChunk,
    chroma_client,
    collection,
    collection_name,
    existing_ids,
    new_generation_dir,
    not_found,
    prune,
    read_pointer,
    stored_vectors,
    switch_pointer,
    upsert,
)

log = logging.getLogger(__name__)
_PKG = Path(__file__).parent
EMBED_BATCH = 1024  # chunks embedded and upserted per step: bounded memory on a large corpus
PROGRESS_STEP = 128  # chunks encoded between two progress reports
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


def build(settings: Settings, embedder: Embedder | None = None, force: bool = False, progress: Progress = silent) -> BuildReport:
    """Index the corpus incrementally; ``progress`` hears each stage with its counts (documents read,
    documents chunked, chunks embedded)."""
    settings.index_dir.mkdir(parents=True, exist_ok=True)
    if settings.chroma_url:  # a server holds its collections loaded: nothing to warm
        return _build(settings, embedder, force, progress, None)
    # one client, made here: chroma's client set-up is not safe to run from two threads at once
    client = chroma_client(settings.index_dir, None)
    warm = threading.Thread(target=_open_live_collection, args=(settings, client), name="store-open", daemon=True)
    warm.start()
    try:
        return _build(settings, embedder, force, progress, client)
    finally:
        warm.join()


def _open_live_collection(settings: Settings, client) -> None:
    """Load the live generation's collection while the corpus is read: its first call reads the vector
    index from disk (seconds for a large one, in chroma's native code, outside the GIL). Failures are the
    build's to report, not this warm-up's."""
    try:
        current = read_pointer(settings.index_dir)
        if current is not None:
            collection(client, current.collection).count()
    except Exception:  # noqa: BLE001, S110 - a warm-up only: the build opens the store itself and reports
        pass


def _build(settings: Settings, embedder: Embedder | None, force: bool, progress: Progress, client) -> BuildReport:
    t0 = time.perf_counter()
    index_dir = settings.index_dir
    docs, errors = load_corpus(settings.corpus_dir, progress)
    progress("loading", len(docs) + len(errors), len(docs) + len(errors))
    doc_hashes = {d.meta.doc_id: d.content_hash for d in docs}
    version = chunker_version()
    embedder_name = embedder.name if embedder else _embedder_name(settings)
    fingerprint = hashlib.sha1(
        repr((sorted(doc_hashes.items()), embedder_name, settings.max_chunk_chars, version, lexical.lexical_version())).encode()
    ).hexdigest()

    client = client or chroma_client(index_dir, settings.chroma_url)
    try:
        current = read_pointer(index_dir)
    except CorruptPointer as exc:
        # a broken pointer names no generation to reuse: build from scratch, the switch replaces it
        log.warning("ignoring an unreadable index pointer, building a new generation: %s", exc)
        current = None
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

    previous_chunks: dict[str, list[StoredChunk]] = {}
    same_chunker = current is not None and current.docs.get("__chunker__") == version
    if current and same_chunker and current.chunks_path.exists():
        for c in current.chunk_lines():
            previous_chunks.setdefault(c.doc_id, []).append(c)
    changed: list[str] = []
    chunks: list[Chunk | StoredChunk] = []  # unchanged documents' chunks stay unparsed lines
    kept: set[str] = set()  # chunk ids of unchanged documents
    for n, doc in enumerate(docs):
        progress("chunking", n, len(docs))
        doc_id = doc.meta.doc_id
        if current and same_chunker and current.docs.get(doc_id) == doc_hashes[doc_id] and doc_id in previous_chunks:
            chunks.extend(previous_chunks[doc_id])
            kept.update(c.chunk_id for c in previous_chunks[doc_id])
        else:
            changed.append(doc_id)
            chunks.extend(chunk_document(doc, settings.max_chunk_chars))
    progress("chunking", len(docs), len(docs))
    removed = sorted(set(current.docs) - set(doc_hashes) - {"__chunker__"}) if current else []

    gen_id = f"{time.strftime('%Y%m%d%H%M%S')}-{uuid.uuid4().hex[:6]}"
    gen_dir = new_generation_dir(index_dir, gen_id, chunks, current if current and (current.directory / "ids.txt").exists() else None)
    prefix = settings.chroma_collection
    name = collection_name(prefix, embedder_name)
    coll = collection(client, name, create=True)
    ids = [c.chunk_id for c in chunks]
    present = _present(coll, name, ids, current)
    todo = [c.chunk() if isinstance(c, StoredChunk) else c for c in chunks if c.chunk_id not in present]
    if todo and current and current.embedder == embedder_name and current.collection != name:
        # an index from before one collection per embedder: carry its vectors over instead of re-embedding
        old = stored_vectors(client, current.collection, [c.chunk_id for c in todo])
        carried = [c for c in todo if c.chunk_id in old]
        if carried:
            upsert(coll, carried, np.stack([old[c.chunk_id] for c in carried]))
        todo = [c for c in todo if c.chunk_id not in old]
    progress("embedding", 0, len(todo))
    for i in range(0, len(todo), EMBED_BATCH):
        embedder = embedder or make_embedder(settings.embedding_model, settings.embedding_threads)
        part = todo[i : i + EMBED_BATCH]
        vectors = []
        for j in range(0, len(part), PROGRESS_STEP):  # encoded in steps, so a watcher sees the count move
            vectors.append(np.asarray(embedder.encode([embed_text(c) for c in part[j : j + PROGRESS_STEP]]), dtype=np.float32))
            progress("embedding", i + min(j + PROGRESS_STEP, len(part)), len(todo))
        upsert(coll, part, np.concatenate(vectors))
    progress("lexical", 0, len(chunks))

    lex_version = lexical.lexical_version()
    previous_lexical = None
    previous_rows: dict[str, int] = {}
    if current and current.lexical_version == lex_version and current.lexical_path.exists():
        previous_lexical = lexical.LexicalIndex(current.lexical_path)
        previous_rows = {cid: i for i, cid in enumerate(_ids_in_order(current)) if cid in kept}
    # a stored chunk is parsed only where it is tokenised again (no previous lexical row to copy)
    lexical.write(
        gen_dir / "lexical",
        [c.chunk() if isinstance(c, StoredChunk) and c.chunk_id not in previous_rows else c for c in chunks],
        previous_lexical,
        previous_rows,
    )

    _derive(settings, gen_dir, current.directory if current and current.directory.exists() else None)
    progress("switching", len(chunks), len(chunks))
    docs_state = dict(doc_hashes)
    docs_state["__chunker__"] = version
    new = switch_pointer(index_dir, gen_dir, name, embedder_name, fingerprint, docs_state, errors, lex_version)
    prune(index_dir, client, keep=[new, *([current] if current else [])], prefix=prefix)
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


def _derive(settings: Settings, gen_dir: Path, previous: Path | None) -> None:
    """Per-chunk facts that other layers read from the chunks (settings.index_derivers, ``module:function``),
    saved with the generation before it is served, so no searcher reads every chunk at load; one that fails
    is logged, and the searcher computes its facts when it loads the generation."""
    if not settings.index_derivers:
        return
    chunks = ChunkFile(gen_dir / "chunks.jsonl", ChunkTable.load(gen_dir).offsets)
    for spec in settings.index_derivers:
        module, _, name = spec.partition(":")
        try:
            getattr(importlib.import_module(module), name)(gen_dir, chunks, previous)
        except Exception as exc:  # noqa: BLE001 - the generation is complete without them
            log.warning("index deriver %s failed (%s); facts computed at load instead", spec, type(exc).__name__)


def _embedder_name(settings: Settings) -> str:
    model = settings.embedding_model
    if model == "use":
        return "use-multilingual-v3"
    if model == "hash":
        return "hash"
    return f"st:{Path(model).name}"


def _present(coll, name: str, ids: list[str], current: Generation | None) -> set[str]:
    """Which chunk ids already have a vector in the collection. The live generation's ids all do (pruning
    keeps them), so chroma is only asked about the others, unless the collection looks damaged."""
    known: set[str] = set()
    if current is not None and current.collection == name:
        live = _ids_in_order(current)
        if coll.count() >= len(live):
            known = set(live)
    return (known & set(ids)) | existing_ids(coll, [i for i in ids if i not in known])


def _ids_in_order(gen: Generation) -> list[str]:
    ids = gen.directory / "ids.txt"
    return ids.read_text(encoding="utf-8").split() if ids.exists() else [c.chunk_id for c in gen.load_chunks()]


def _collection_exists(client, gen: Generation) -> bool:
    try:
        client.get_collection(gen.collection, embedding_function=None)
    except not_found():  # a server that is down raises otherwise, instead of forcing a full re-embed
        return False
    return gen.chunks_path.exists() and (gen.lexical_path / "vocab.json").exists() and ChunkTable.exists(gen.directory)
