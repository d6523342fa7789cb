"""Progress of a long build, reported by the build itself: a stage and how far it is (done of total).

A build takes a ``Progress`` callable. For an upload through the API, ``ProgressFile`` writes each report
to a small JSON file in the index folder, so any worker process can answer the page that polls for it.
"""

from __future__ import annotations

import json
import os
import re
import time
from collections.abc import Callable
from pathlib import Path

# stages in the order a build goes through them (the documents page names each one)
STAGES = ("received", "reading", "loading", "chunking", "embedding", "lexical", "switching", "done", "failed")
Progress = Callable[..., None]  # (stage, done, total, message="")
UPLOAD_ID = re.compile(r"^[A-Za-z0-9_-]{8,64}$")
KEEP_S = 24 * 3600  # progress files older than this are removed when a new upload starts


def silent(stage: str, done: int = 0, total: int = 0, message: str = "") -> None:
    """No one is watching."""


def progress_dir(index_dir: Path) -> Path:
    return index_dir / "uploads"


class ProgressFile:
    """Reports of one upload written (atomically) to ``<index_dir>/uploads/<upload_id>.json``."""

    def __init__(self, index_dir: Path, upload_id: str):
        if not UPLOAD_ID.match(upload_id):
            raise ValueError("upload id: 8 to 64 letters, digits, '-' or '_'")
        self.directory = progress_dir(index_dir)
        self.directory.mkdir(parents=True, exist_ok=True)
        self.path = self.directory / f"{upload_id}.json"
        self.started = time.time()
        _prune(self.directory, self.started)

    def __call__(self, stage: str, done: int = 0, total: int = 0, message: str = "") -> None:
        if stage not in STAGES:
            raise ValueError(f"unknown stage {stage!r}")
        record = {"stage": stage, "done": done, "total": total, "message": message,
                  "seconds": round(time.time() - self.started, 2)}
        tmp = self.path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, self.path)


def read_progress(index_dir: Path, upload_id: str) -> dict | None:
    if not UPLOAD_ID.match(upload_id):
        return None
    try:
        return json.loads((progress_dir(index_dir) / f"{upload_id}.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _prune(directory: Path, now: float) -> None:
    for p in directory.iterdir():
        try:
            if now - p.stat().st_mtime > KEEP_S:
                p.unlink()
        except OSError:
            pass
