"""The corpus: policy files in corpus/ with their metadata from corpus/manifest.yaml."""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import tempfile
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import yaml

from indexer.cleaning import CleanText, clean
from indexer.loaders import SUPPORTED, Limits, LoadError, TableSpan, load
from indexer.metadata import guess_meta
from indexer.models import DocumentMeta
from indexer.progress import Progress, silent
from indexer.settings import CACHE_DIR

log = logging.getLogger(__name__)
MANIFEST = "manifest.yaml"
# A library's manifest takes most of a second to parse even with libyaml (2000 documents: 0.6 MB), and the
# build, the uploads and the citation lookup at start-up each read it: a manifest above this size is kept
# parsed in the cache directory, under its content's hash (never stale), the newest few only.
MANIFEST_CACHE_MIN_BYTES = 64 * 1024
MANIFEST_CACHE_KEEP = 8
_CACHE_DIR = CACHE_DIR


@dataclass
class Document:
    meta: DocumentMeta
    original: str
    tables: list[TableSpan] = field(default_factory=list)

    @cached_property
    def clean(self) -> CleanText:
        return clean(self.original)

    @property
    def content_hash(self) -> str:
        payload = self.original + "\x00" + self.meta.model_dump_json()
        return hashlib.sha1(payload.encode("utf-8")).hexdigest()


def read_manifest(corpus_dir: Path) -> dict[str, dict]:
    path = corpus_dir / MANIFEST
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return {}
    if len(raw) < MANIFEST_CACHE_MIN_BYTES:
        return _parse_manifest(raw)
    cached = _CACHE_DIR / f"manifest-{hashlib.sha256(raw).hexdigest()[:20]}.pickle"
    try:
        with cached.open("rb") as fh:
            return pickle.load(fh)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError):
        pass
    documents = _parse_manifest(raw)
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=cached.parent, prefix=".manifest-", delete=False) as fh:
            pickle.dump(documents, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(fh.name, cached)
        for old in sorted(cached.parent.glob("manifest-*.pickle"), key=_mtime, reverse=True)[MANIFEST_CACHE_KEEP:]:
            old.unlink(missing_ok=True)
    except OSError as exc:  # a read-only install still works, only slower
        log.warning("manifest cache not written (%s): %s", cached, exc)
    return documents


def _parse_manifest(raw: bytes) -> dict[str, dict]:
    # libyaml's safe loader when installed: the same documents, and a library's manifest in a fraction of the time
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    data = yaml.load(raw.decode("utf-8"), Loader=loader) or {}
    return data.get("documents") or {}


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def load_document(path: Path, manifest: dict[str, dict] | None = None, limits: Limits | None = None) -> Document:
    loaded = load(path, limits)
    text = loaded.text
    entry = (manifest or {}).get(path.name)
    meta = (
        DocumentMeta(doc_id=path.name, source_path=str(path), **entry)
        if entry
        else guess_meta(path.name, text).model_copy(update={"source_path": str(path)})
    )
    return Document(meta=meta, original=text, tables=loaded.tables)


def corpus_files(corpus_dir: Path) -> list[Path]:
    return sorted(p for p in corpus_dir.iterdir() if p.is_file() and p.name != MANIFEST and not p.name.startswith("."))


def load_corpus(corpus_dir: Path, progress: Progress = silent) -> tuple[list[Document], list[str]]:
    """All readable documents, and one error message per file that could not be read."""
    manifest = read_manifest(corpus_dir)
    docs: list[Document] = []
    errors: list[str] = []
    files = corpus_files(corpus_dir)
    for n, path in enumerate(files):
        progress("loading", n, len(files))
        if path.suffix.lower() not in SUPPORTED and path.suffix.lower() in (".yaml", ".yml", ".json"):
            continue
        try:
            docs.append(load_document(path, manifest))
        except LoadError as exc:
            log.warning("%s", exc)
            errors.append(str(exc))
    return docs, errors
