"""The columnar side of a generation's chunks, written by the build beside ``chunks.jsonl`` and memory-mapped by
every searcher: where each chunk's line starts, and the per-chunk facts a query filters on as integer arrays.
A searcher parses a chunk's JSON only when it is shown or judged (``ChunkFile``), never the whole file at start.

Files in ``gen-<id>/table/``:
- ``offsets.npy``: byte offset of each chunk's line in ``chunks.jsonl`` (n + 1, the last is the file size).
- ``doc_of.npy`` / ``region_of.npy`` / ``date_of.npy``: chunk → index into ``labels.json``'s ``doc_ids`` /
  ``regions`` / ``dates`` ("" = undated), each list in first-seen order.
- ``year_ptr.npy`` / ``year_chunks.npy``: per four-digit number of ``labels.json``'s ``years``, the chunks whose
  text contains it (CSR, chunks ascending).
"""

from __future__ import annotations

import json
import mmap
import os
import re
import threading
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from indexer.models import Chunk

TABLE = "table"
_YEAR_IN_TEXT = re.compile(r"(?=(\d{4}))")  # every four-digit window, overlapping: what `year in text` sees


def write(gen_dir: Path, line_bytes: list[int], rows: Iterable[dict]) -> None:
    """``line_bytes``: each chunk line's length in bytes; ``rows``: each chunk's doc_id, region, date and either
    its text or, carried from an earlier table, its ``years``."""
    out = gen_dir / TABLE
    out.mkdir(parents=True, exist_ok=True)
    labels: dict[str, dict[str, int]] = {"doc_ids": {}, "regions": {}, "dates": {}}
    doc_of, region_of, date_of = [], [], []
    years: dict[str, list[int]] = {}
    for i, row in enumerate(rows):
        doc_of.append(labels["doc_ids"].setdefault(row["doc_id"], len(labels["doc_ids"])))
        region_of.append(labels["regions"].setdefault(row.get("region") or "", len(labels["regions"])))
        date_of.append(labels["dates"].setdefault(row.get("date") or "", len(labels["dates"])))
        for y in row["years"] if "years" in row else set(_YEAR_IN_TEXT.findall(row["text"])):
            years.setdefault(y, []).append(i)
    year_keys = list(years)
    np.save(out / "offsets.npy", np.concatenate([[0], np.cumsum(line_bytes, dtype=np.int64)]).astype(np.int64))
    np.save(out / "doc_of.npy", np.array(doc_of, dtype=np.int32))
    np.save(out / "region_of.npy", np.array(region_of, dtype=np.int32))
    np.save(out / "date_of.npy", np.array(date_of, dtype=np.int32))
    np.save(out / "year_ptr.npy", np.concatenate([[0], np.cumsum([len(years[y]) for y in year_keys], dtype=np.int64)]).astype(np.int64))
    np.save(out / "year_chunks.npy", np.array([i for y in year_keys for i in years[y]], dtype=np.int64))
    (out / "labels.json").write_text(
        json.dumps({**{k: list(v) for k, v in labels.items()}, "years": year_keys}, ensure_ascii=False), encoding="utf-8"
    )


@dataclass
class ChunkTable:
    """Read side: the mapped arrays and their labels."""

    offsets: np.ndarray
    doc_of: np.ndarray
    region_of: np.ndarray
    date_of: np.ndarray
    doc_ids: list[str]
    regions: list[str]
    dates: list[str]
    years: dict[str, np.ndarray]  # four-digit number → chunks whose text contains it

    @classmethod
    def load(cls, gen_dir: Path) -> ChunkTable:
        path = gen_dir / TABLE
        load = lambda name: np.asarray(np.load(path / f"{name}.npy", mmap_mode="r"))  # noqa: E731
        labels = json.loads((path / "labels.json").read_text(encoding="utf-8"))
        ptr, chunks = load("year_ptr"), load("year_chunks")
        return cls(
            offsets=load("offsets"),
            doc_of=load("doc_of"),
            region_of=load("region_of"),
            date_of=load("date_of"),
            doc_ids=labels["doc_ids"],
            regions=labels["regions"],
            dates=labels["dates"],
            years={y: chunks[ptr[k] : ptr[k + 1]] for k, y in enumerate(labels["years"])},
        )

    def row(self, i: int, chunk_years: list[list[str]]) -> dict:
        """Chunk ``i``'s fields as ``write`` takes them (``chunk_years`` from ``years_per_chunk``)."""
        date = self.dates[self.date_of[i]]
        return {"doc_id": self.doc_ids[self.doc_of[i]], "region": self.regions[self.region_of[i]], "date": date or None,
                "years": chunk_years[i]}

    def years_per_chunk(self) -> list[list[str]]:
        out: list[list[str]] = [[] for _ in range(self.n)]
        for y, chunks in self.years.items():
            for i in chunks.tolist():
                out[i].append(y)
        return out

    @staticmethod
    def exists(gen_dir: Path) -> bool:
        return (gen_dir / TABLE / "labels.json").exists()

    @property
    def n(self) -> int:
        return len(self.offsets) - 1


class ChunkFile(Sequence[Chunk]):
    """The chunks of a generation as a sequence over the mapped ``chunks.jsonl``: a chunk is parsed the first time
    it is asked for and kept (the hits of a search, the clauses around them), not all of them at load."""

    def __init__(self, path: Path, offsets: np.ndarray):
        self._offsets = offsets
        with open(path, "rb") as fh:
            size = os.fstat(fh.fileno()).st_size
            self._map = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) if size else b""
        if int(offsets[-1]) != size:
            raise ValueError(f"{path}: {size} bytes, the table's offsets end at {int(offsets[-1])}")
        self._parsed: dict[int, Chunk] = {}
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._offsets) - 1

    def line(self, i: int) -> bytes:
        return self._map[int(self._offsets[i]) : int(self._offsets[i + 1])]

    def _one(self, i: int) -> Chunk:
        got = self._parsed.get(i)
        if got is None:
            parsed = Chunk.model_validate_json(self.line(i))
            with self._lock:  # two searches parsing the same chunk share one object
                got = self._parsed.setdefault(i, parsed)
        return got

    def __getitem__(self, i):  # type: ignore[override]
        n = len(self)
        if isinstance(i, slice):
            return [self._one(j) for j in range(*i.indices(n))]
        j = int(i)
        if j < 0:
            j += n
        if not 0 <= j < n:
            raise IndexError(i)
        return self._one(j)

    def __iter__(self) -> Iterator[Chunk]:
        for i in range(len(self)):
            yield self._one(i)

    def rows(self, positions: Iterable[int] | None = None) -> Iterator[dict]:
        """The chunks' fields as plain JSON values, not kept: for a pass over all of them (or ``positions``)."""
        for i in range(len(self)) if positions is None else positions:
            yield json.loads(self.line(i))
