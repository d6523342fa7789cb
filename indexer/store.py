"""Index generations: chunks and lexical files on disk plus vectors in one chroma collection per embedder,
switched atomically by one pointer file.

A build upserts the vectors of new chunks into the collection (old generations' chunks stay), writes a new
generation directory and only then replaces ``current.json``; a crash leaves the previous generation in place
and complete. Chunk ids are content hashes, so an id means the same vector in every generation. Chroma is
always read and written in batches: one call for every id of a large index exceeds SQLite's variable limit.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

import numpy as np
from filelock import FileLock

from indexer import chunk_table
from indexer.models import Chunk

POINTER = "current.json"
BATCH = 2000  # ids per chroma call: well under SQLite's variable limit, few round trips


def not_found() -> type[Exception]:
    """Chroma's "no such collection" error (chromadb is imported on first use: 2.8 s of every start-up of a
    command that never opens the store)."""
    from chromadb.errors import NotFoundError

    return NotFoundError


def chroma_client(index_dir: Path, url: str | None):
    import chromadb
    from chromadb.config import Settings as ChromaSettings

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


def collection_name(prefix: str, embedder: str) -> str:
    """One collection per embedder (vectors of different models never mix); chroma allows [a-zA-Z0-9._-]."""
    return f"{prefix}-{re.sub(r'[^a-zA-Z0-9._-]+', '-', embedder).strip('-._')}"[:63]


@contextlib.contextmanager
def build_lock(index_dir: Path, timeout: float = -1) -> Iterator[None]:
    """One build at a time per index, across processes: the shell's `indexer build` and uploads alike
    (builds prune each other's generations otherwise)."""
    index_dir.mkdir(parents=True, exist_ok=True)
    with FileLock(str(index_dir / ".build.lock"), timeout=timeout):
        yield


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
    lexical_version: str = ""

    @property
    def directory(self) -> Path:
        return self.chunks_path.parent

    @property
    def lexical_path(self) -> Path:
        return self.directory / "lexical"

    def load_chunks(self) -> list[Chunk]:
        with self.chunks_path.open(encoding="utf-8") as fh:
            return [Chunk.model_validate_json(line) for line in fh if line.strip()]

    def chunk_lines(self) -> Iterator[StoredChunk]:
        """The chunk file's lines unparsed, each with its chunk and document id: a build carries unchanged
        documents' chunks over as they are written instead of parsing and re-serialising every one."""
        with self.chunks_path.open(encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    yield StoredChunk.of(line if line.endswith("\n") else line + "\n")


# the two leading fields as ``Chunk.model_dump_json`` writes them (declaration order, no spaces)
_HEAD = re.compile(r'\{"chunk_id":"((?:[^"\\]|\\.)*)","doc_id":"((?:[^"\\]|\\.)*)"')


@dataclass(frozen=True)
class StoredChunk:
    """One chunk as a line of a generation's chunk file, with the ids a build needs, parsed on demand."""

    chunk_id: str
    doc_id: str
    line: str  # JSON, newline-terminated

    @classmethod
    def of(cls, line: str) -> StoredChunk:
        m = _HEAD.match(line)
        if m is None:  # another writer's field order: read the ids the slow way
            data = json.loads(line)
            return cls(data["chunk_id"], data["doc_id"], line)
        return cls(_unescape(m[1]), _unescape(m[2]), line)

    def chunk(self) -> Chunk:
        return Chunk.model_validate_json(self.line)


def _unescape(value: str) -> str:
    """A JSON string's content; without an escape it is the text itself (a library's ids rarely have one, and
    decoding every id of every line was a second of each rebuild)."""
    return json.loads(f'"{value}"') if "\\" in value else value


class CorruptPointer(ValueError):
    """The pointer file exists but is not a readable generation record."""


def read_pointer(index_dir: Path) -> Generation | None:
    path = index_dir / POINTER
    if not path.exists():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return Generation(
            gen_id=data["gen_id"],
            collection=data["collection"],
            embedder=data["embedder"],
            fingerprint=data["fingerprint"],
            docs=data["docs"],
            errors=data.get("errors", []),
            chunks_path=index_dir / data["chunks"],
            lexical_version=data.get("lexical", ""),
        )
    except (UnicodeDecodeError, json.JSONDecodeError, KeyError, TypeError) as exc:
        raise CorruptPointer(f"{path}: {type(exc).__name__}") from exc


def new_generation_dir(
    index_dir: Path, gen_id: str, chunks: list[Chunk | StoredChunk], previous: Generation | None = None
) -> Path:
    """The generation's directory with its chunks, their ids and their table, written before any vector is
    stored so a crashed build's vectors can be found and pruned. Stored chunks are copied as their lines, and
    their table rows from ``previous`` (the generation they were read from) where it has a table."""
    gen_dir = index_dir / f"gen-{gen_id}"
    gen_dir.mkdir(parents=True, exist_ok=True)
    lines = [(c.line if isinstance(c, StoredChunk) else c.model_dump_json() + "\n").encode("utf-8") for c in chunks]
    with (gen_dir / "chunks.jsonl").open("wb") as fh:
        fh.write(b"".join(lines))
    (gen_dir / "ids.txt").write_text("".join(c.chunk_id + "\n" for c in chunks), encoding="utf-8")
    old_table, old_years, old_position = None, [], {}
    if previous is not None and chunk_table.ChunkTable.exists(previous.directory):
        old_table = chunk_table.ChunkTable.load(previous.directory)
        old_years = old_table.years_per_chunk()
        old_position = {cid: i for i, cid in enumerate(generation_order(previous.directory))}

    def row(c: Chunk | StoredChunk) -> dict:
        if isinstance(c, Chunk):
            return {"doc_id": c.doc_id, "region": c.region, "date": c.date, "text": c.text}
        i = old_position.get(c.chunk_id)
        return json.loads(c.line) if old_table is None or i is None else old_table.row(i, old_years)

    chunk_table.write(gen_dir, [len(b) for b in lines], (row(c) for c in chunks))
    return gen_dir


def generation_order(gen_dir: Path) -> list[str]:
    """The generation's chunk ids in chunk order."""
    return (gen_dir / "ids.txt").read_text(encoding="utf-8").split()


def switch_pointer(
    index_dir: Path,
    gen_dir: Path,
    collection: str,
    embedder: str,
    fingerprint: str,
    docs: dict[str, str],
    errors: list[str],
    lexical: str,
) -> Generation:
    pointer = {
        "gen_id": gen_dir.name.removeprefix("gen-"),
        "collection": collection,
        "embedder": embedder,
        "fingerprint": fingerprint,
        "docs": docs,
        "errors": errors,
        "chunks": str((gen_dir / "chunks.jsonl").relative_to(index_dir)),
        "lexical": lexical,
    }
    tmp = index_dir / (POINTER + ".tmp")
    tmp.write_text(json.dumps(pointer, ensure_ascii=False, indent=1), encoding="utf-8")
    os.replace(tmp, index_dir / POINTER)
    return read_pointer(index_dir)


def existing_ids(coll, ids: list[str]) -> set[str]:
    """Which of ``ids`` the collection already holds."""
    found: set[str] = set()
    for i in range(0, len(ids), BATCH):
        found.update(coll.get(ids=ids[i : i + BATCH], include=[])["ids"])
    return found


def upsert(coll, chunks: list[Chunk], vectors: np.ndarray) -> None:
    for i in range(0, len(chunks), BATCH):
        part = chunks[i : i + BATCH]
        coll.upsert(
            ids=[c.chunk_id for c in part],
            embeddings=vectors[i : i + BATCH],
            metadatas=[{"doc_id": c.doc_id, "region": c.region, "ordinal": c.ordinal} for c in part],
        )


def generation_ids(gen_dir: Path) -> set[str]:
    ids = gen_dir / "ids.txt"
    if ids.exists():
        return set(ids.read_text(encoding="utf-8").split())
    chunks = gen_dir / "chunks.jsonl"  # a generation written before ids.txt existed
    if not chunks.exists():
        return set()
    return {json.loads(line)["chunk_id"] for line in chunks.open(encoding="utf-8") if line.strip()}


def prune(index_dir: Path, client, keep: list[Generation], prefix: str) -> None:
    """Drop generations other than ``keep`` (the current one and its predecessor, for in-flight readers):
    their directories, the vectors only they used, and collections no kept generation reads."""
    keep_dirs = {g.directory.name for g in keep}
    keep_ids: set[str] | None = None
    for path in sorted(index_dir.glob("gen-*")):
        if path.name in keep_dirs:
            continue
        if keep_ids is None:
            keep_ids = set().union(*(generation_ids(g.directory) for g in keep))
        gone = sorted(generation_ids(path) - keep_ids)
        for g in keep:
            with contextlib.suppress(not_found()):
                coll = collection(client, g.collection)
                for i in range(0, len(gone), BATCH):
                    coll.delete(ids=gone[i : i + BATCH])
        shutil.rmtree(path, ignore_errors=True)
    used = {g.collection for g in keep}
    for coll in client.list_collections():
        name = coll if isinstance(coll, str) else coll.name
        if name.startswith(f"{prefix}-") and name not in used:
            client.delete_collection(name)


def stored_vectors(client, name: str, ids: list[str]) -> dict[str, np.ndarray]:
    """Vectors of ``ids`` held in collection ``name``, read in batches."""
    if not ids:
        return {}
    try:
        coll = collection(client, name)
    except not_found():  # the collection is gone: everything gets re-embedded
        return {}
    out: dict[str, np.ndarray] = {}
    for i in range(0, len(ids), BATCH):
        got = coll.get(ids=ids[i : i + BATCH], include=["embeddings"])
        out.update((k, np.asarray(e, dtype=np.float32)) for k, e in zip(got["ids"], got["embeddings"], strict=True))
    return out
