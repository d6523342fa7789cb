"""Index generations: chunks on disk plus a chroma collection, switched atomically by one pointer file.

A build writes a new generation (its own chunk file and its own collection) and only then
replaces ``current.json``; a crash leaves the previous generation in place and visible.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

import chromadb
import numpy as np
from chromadb.config import Settings as ChromaSettings
from chromadb.errors import NotFoundError

from indexer.models import Chunk

POINTER = "current.json"


def chroma_client(index_dir: Path, url: str | None):
    settings = ChromaSettings(anonymized_telemetry=False)
    if url:
        parsed = urlparse(url)
        return chromadb.HttpClient(
            host=parsed.hostname or "127.0.0.1",
            port=parsed.port or 8000,
            ssl=parsed.scheme == "https",
            settings=settings,
        )
    return chromadb.PersistentClient(path=str(index_dir / "chroma"), settings=settings)


def collection(client, name: str, create: bool = False):
    # embedding_function=None: we always pass vectors, and chroma must never fetch its default model
    if create:
        return client.get_or_create_collection(name, embedding_function=None, configuration={"hnsw": {"space": "cosine"}})
    return client.get_collection(name, embedding_function=None)


@dataclass
class Generation:
    """One complete, immutable build of the index."""

    gen_id: str
    collection: str
    embedder: str
    fingerprint: str
    docs: dict[str, str]
    errors: list[str]
    chunks_path: Path

    def load_chunks(self) -> list[Chunk]:
        with self.chunks_path.open(encoding="utf-8") as fh:
            return [Chunk.model_validate_json(line) for line in fh if line.strip()]


def read_pointer(index_dir: Path) -> Generation | None:
    path = index_dir / POINTER
    if not path.exists():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    return Generation(
        gen_id=data["gen_id"],
        collection=data["collection"],
        embedder=data["embedder"],
        fingerprint=data["fingerprint"],
        docs=data["docs"],
        errors=data.get("errors", []),
        chunks_path=index_dir / data["chunks"],
    )


def write_generation(
    index_dir: Path,
    client,
    gen_id: str,
    chunks: list[Chunk],
    vectors: np.ndarray,
    embedder: str,
    fingerprint: str,
    docs: dict[str, str],
    errors: list[str],
    prefix: str,
) -> Generation:
    """Write chunks and vectors for a new generation, then switch the pointer to it."""
    gen_dir = index_dir / f"gen-{gen_id}"
    gen_dir.mkdir(parents=True, exist_ok=True)
    chunks_path = gen_dir / "chunks.jsonl"
    with chunks_path.open("w", encoding="utf-8") as fh:
        for c in chunks:
            fh.write(c.model_dump_json() + "\n")
    name = f"{prefix}-{gen_id}"
    # a leftover of a crashed build with this id, or nothing there
    with contextlib.suppress(NotFoundError):
        client.delete_collection(name)
    coll = collection(client, name, create=True)
    step = 256
    for i in range(0, len(chunks), step):
        part = chunks[i : i + step]
        coll.add(
            ids=[c.chunk_id for c in part],
            embeddings=vectors[i : i + step].tolist(),
            metadatas=[{"doc_id": c.doc_id, "region": c.region, "ordinal": c.ordinal} for c in part],
        )
    pointer = {
        "gen_id": gen_id,
        "collection": name,
        "embedder": embedder,
        "fingerprint": fingerprint,
        "docs": docs,
        "errors": errors,
        "chunks": str(chunks_path.relative_to(index_dir)),
    }
    tmp = index_dir / (POINTER + ".tmp")
    tmp.write_text(json.dumps(pointer, ensure_ascii=False, indent=1), encoding="utf-8")
    os.replace(tmp, index_dir / POINTER)
    return read_pointer(index_dir)


def prune(index_dir: Path, client, keep: set[str], prefix: str) -> None:
    """Drop generations other than ``keep`` (the current one and its predecessor, for in-flight readers)."""
    for path in index_dir.glob("gen-*"):
        if path.name.removeprefix("gen-") not in keep:
            shutil.rmtree(path, ignore_errors=True)
    for coll in client.list_collections():
        name = coll if isinstance(coll, str) else coll.name
        if name.startswith(f"{prefix}-") and name.removeprefix(f"{prefix}-") not in keep:
            client.delete_collection(name)


def stored_vectors(client, name: str, ids: list[str]) -> dict[str, np.ndarray]:
    """Vectors of ``ids`` already in collection ``name`` (for incremental builds)."""
    if not ids:
        return {}
    try:
        coll = collection(client, name)
    except NotFoundError:  # the previous collection is gone: everything gets re-embedded
        return {}
    got = coll.get(ids=ids, include=["embeddings"])
    return {i: np.asarray(e, dtype=np.float32) for i, e in zip(got["ids"], got["embeddings"], strict=True)}
