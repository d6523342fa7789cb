"""The corpus over HTTP: list documents, show a clause in its document, upload a new document.

An upload is validated (type, size, readable text, at least one clause) in a private staging folder and
only then moved into the corpus and indexed; a rejected upload leaves corpus and index untouched.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import uuid
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Form, HTTPException, Query, UploadFile
from fastapi import Path as PathParam
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field

from assistant.api.deps import get_searcher, get_settings_dep
from assistant.api.ratelimit import limit_uploads
from assistant.api.security import require_api_key, require_key_in_production
from assistant.retrieval.search import Searcher
from indexer.build import build
from indexer.chunking import chunk_document
from indexer.corpus import MANIFEST, load_document, read_manifest
from indexer.loaders import SUPPORTED, Limits, LoadError, TooLarge, load_text
from indexer.models import Chunk, DocumentMeta
from indexer.progress import UPLOAD_ID, Progress, ProgressFile, read_progress, silent
from indexer.settings import Settings
from indexer.store import build_lock

router = APIRouter(tags=["documents"])

# context shown around a clause: this many characters of the original before and after it at least
EXCERPT_MARGIN = 300
_BAD_NAME = re.compile(r"[\\/\x00-\x1f<>:\"|?*]")


def _document_info(doc_id: str, chunks: list[Chunk], manifest: dict[str, dict], settings: Settings | None = None) -> dict[str, Any]:
    entry = manifest.get(doc_id) or {}
    first = chunks[0]
    guessed = _guessed_meta(settings, doc_id) if settings is not None and not entry else None
    return {
        "id": doc_id,
        "title": entry.get("title") or first.title,
        "issuer": entry.get("issuer") or (guessed.issuer if guessed else ""),
        "region": entry.get("region") or first.region,
        "date": entry.get("date_published") or entry.get("date_written") or first.date,
        "kind": entry.get("kind") or first.kind,
        "doc_number": entry.get("doc_number") or (guessed.doc_number if guessed else ""),
        "date_effective": entry.get("date_effective") or (guessed.date_effective if guessed else None),
        # fields read from the text, not confirmed by anyone: the pages show them as guesses
        "guessed": guessed.guessed if guessed else [],
        "chunks": len(chunks),
    }


def _guessed_meta(settings: Settings, doc_id: str) -> DocumentMeta | None:
    path = settings.corpus_dir / doc_id
    try:
        return _guessed(path, path.stat().st_mtime_ns)
    except (OSError, LoadError):
        return None


@lru_cache(maxsize=64)
def _guessed(path: Path, mtime_ns: int) -> DocumentMeta:
    return load_document(path, {}).meta


def _by_document(searcher: Searcher) -> dict[str, list[Chunk]]:
    docs: dict[str, list[Chunk]] = {}
    for c in searcher.chunks:
        docs.setdefault(c.doc_id, []).append(c)
    return docs


@router.get("/api/documents", dependencies=[Depends(require_key_in_production)])
def documents(
    searcher: Annotated[Searcher, Depends(get_searcher)], settings: Annotated[Settings, Depends(get_settings_dep)]
) -> dict:
    """The indexed documents: id, title, issuer, region, date, kind and chunk count."""
    manifest = read_manifest(settings.corpus_dir)
    return {"documents": [_document_info(d, cs, manifest, settings) for d, cs in _by_document(searcher).items()]}


@lru_cache(maxsize=32)
def _original(path: Path, mtime_ns: int) -> str:
    # keyed by modification time: a replaced file is read again
    return load_text(path)


def _original_text(settings: Settings, doc_id: str) -> str | None:
    path = settings.corpus_dir / doc_id
    try:
        return _original(path, path.stat().st_mtime_ns)
    except (OSError, LoadError):
        return None


def _locate(text: str, quote: str, clause: Chunk, start: int | None, end: int | None) -> tuple[int, int] | None:
    """The quote's offsets in the original: the citation's own offsets when they hold, else the occurrence
    nearest the clause."""
    if start is not None and end is not None and text[start:end] == quote:
        return start, end
    hits = [m.start() for m in re.finditer(re.escape(quote), text)]
    if not hits:
        return None
    best = min(hits, key=lambda i: 0 if clause.start <= i < clause.end else abs(i - clause.start))
    return best, best + len(quote)


@router.get("/api/clauses/{chunk_id}", dependencies=[Depends(require_api_key)])
def clause(
    chunk_id: Annotated[str, PathParam(pattern=r"^[0-9a-f]{8,64}$")],
    searcher: Annotated[Searcher, Depends(get_searcher)],
    settings: Annotated[Settings, Depends(get_settings_dep)],
    quote: Annotated[str | None, Query(max_length=2000, description="the cited words to highlight")] = None,
    start: Annotated[int | None, Query(ge=0, description="the citation's start offset")] = None,
    end: Annotated[int | None, Query(ge=0, description="the citation's end offset")] = None,
    around: Annotated[int, Query(ge=0, le=5, description="neighbouring clauses on each side")] = 1,
) -> dict:
    """A clause in its document: neighbours, heading path, and the original text around it with the quote's
    offsets so a page can highlight the cited sentence."""
    target = searcher.chunk(chunk_id)
    if target is None:
        raise HTTPException(status_code=404, detail=f"没有这个条款：{chunk_id}（索引可能已更新，请重新检索）")
    neighbours = searcher.context(chunk_id, before=around, after=around)
    manifest = read_manifest(settings.corpus_dir)
    # the document's own clauses (a document's chunks are contiguous): parsed for this one document, not the
    # whole library's (seconds at 70k chunks)
    whole = len(searcher.chunks)
    doc_chunks = searcher.context(chunk_id, before=whole, after=whole)
    text = _original_text(settings, target.doc_id)
    excerpt = None
    located = None
    if text is not None:
        a = max(0, min(min(c.start for c in neighbours), target.start - EXCERPT_MARGIN))
        b = min(len(text), max(max(c.end for c in neighbours), target.end + EXCERPT_MARGIN))
        excerpt = {"start": a, "end": b, "text": text[a:b]}
        if quote:
            located = _locate(text, quote, target, start, end)
    return {
        "clause": target.model_dump(),
        "document": _document_info(target.doc_id, doc_chunks, manifest),
        "neighbours": [{**c.model_dump(), "current": c.chunk_id == chunk_id} for c in neighbours],
        "excerpt": excerpt,
        "quote": {"text": quote, "start": located[0], "end": located[1]} if located else None,
    }


def _safe_name(filename: str | None) -> str:
    name = (filename or "").strip()
    if not name or name != Path(name).name or name.startswith(".") or _BAD_NAME.search(name) or len(name) > 120:
        raise HTTPException(status_code=422, detail=f"文件名不可用：{name!r}（不能含路径、以点开头或含特殊字符）")
    if Path(name).suffix.lower() not in SUPPORTED or name == MANIFEST:
        raise HTTPException(status_code=415, detail=f"不支持的文件类型：{name}；支持 {', '.join(SUPPORTED)}")
    return name


def _read_limited(upload: UploadFile, limit: int) -> bytes:
    data = upload.file.read(limit + 1)
    if len(data) > limit:
        raise HTTPException(status_code=413, detail=f"文件过大：上限 {limit // 1024} KB")
    if not data:
        raise HTTPException(status_code=422, detail="文件是空的")
    return data


@router.post("/api/documents", status_code=201, dependencies=[Depends(require_api_key), Depends(limit_uploads)])
def upload(
    file: Annotated[UploadFile, File(description=f"a policy document: {', '.join(SUPPORTED)}")],
    searcher: Annotated[Searcher, Depends(get_searcher)],
    settings: Annotated[Settings, Depends(get_settings_dep)],
    upload_id: Annotated[
        str | None,
        Form(pattern=UPLOAD_ID.pattern, description="the caller's id for this upload: its progress is at GET /api/uploads/{upload_id}"),
    ] = None,
) -> Any:
    """Add a document to the corpus and index it incrementally (only the new file is chunked and embedded).
    With an ``upload_id``, each stage of the work is reported at ``GET /api/uploads/{upload_id}`` meanwhile."""
    progress = ProgressFile(settings.index_dir, upload_id) if upload_id else silent
    progress("received", 0, 0)
    try:
        response = _upload(file, searcher, settings, progress)
    except HTTPException as exc:
        progress("failed", 0, 0, str(exc.detail))
        raise
    except Exception:
        progress("failed", 0, 0)
        raise
    if isinstance(response, JSONResponse):
        progress("failed", 0, 0, json.loads(response.body).get("error", ""))
    else:
        progress("done", response["chunks"], response["chunks"])
    return response


def _upload(file: UploadFile, searcher: Searcher, settings: Settings, progress: Progress) -> Any:
    name = _safe_name(file.filename)
    data = _read_limited(file, settings.upload_max_bytes)
    progress("reading", 0, 1)
    corpus = settings.corpus_dir
    target = corpus / name
    if target.exists():
        raise HTTPException(status_code=409, detail=f"语料库中已有同名文件：{name}")
    # staged inside the corpus folder (same file system, so the move is atomic) in a dot-folder the
    # corpus loader never reads
    staging = corpus / f".upload-{uuid.uuid4().hex}"
    staging.mkdir()
    try:
        staged = staging / name
        staged.write_bytes(data)
        try:
            # load_document reads through indexer.loaders.load_text: the same check the indexer applies
            limits = Limits(max_chars=settings.max_extracted_chars, max_unpacked_bytes=settings.max_unpacked_bytes)
            document = load_document(staged, read_manifest(corpus), limits)
            chunks = chunk_document(document, settings.max_chunk_chars, settings.max_chunks_per_file)
        except TooLarge as exc:
            return JSONResponse(status_code=413, content={"error": str(exc)})
        except LoadError as exc:
            return JSONResponse(status_code=422, content={"error": str(exc)})
        if not chunks:
            return JSONResponse(status_code=422, content={"error": f"{name}: 没有找到可检索的条款文字"})
        progress("reading", 1, 1)
        with build_lock(settings.index_dir):
            if target.exists():
                raise HTTPException(status_code=409, detail=f"语料库中已有同名文件：{name}")
            os.replace(staged, target)
            try:
                report = build(settings, embedder=searcher.embedder, progress=progress)
            except Exception as exc:
                target.unlink(missing_ok=True)
                # the index on disk or the store is broken, not the file: 503, and the corpus is as it was
                raise HTTPException(
                    status_code=503,
                    detail=f"索引更新失败（{type(exc).__name__}），文件未加入语料库：请查看 /healthz 并按提示修复索引",
                ) from exc
            searcher.refresh()  # this worker serves the new document from its next search on
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    meta = document.meta
    return {
        "id": name,
        "title": meta.title,
        "region": meta.region,
        "issuer": meta.issuer,
        "doc_number": meta.doc_number,
        "date_written": meta.date_written,
        "date_effective": meta.date_effective,
        "kind": meta.kind,
        "guessed": meta.guessed,
        "chunks": len(chunks),
        "generation": report.generation,
        "embedded": report.embedded,
        "seconds": round(report.seconds, 2),
    }


@router.get("/api/uploads/{upload_id}", dependencies=[Depends(require_api_key)])
def upload_progress(
    upload_id: Annotated[str, PathParam(pattern=UPLOAD_ID.pattern)],
    settings: Annotated[Settings, Depends(get_settings_dep)],
) -> Any:
    """Where an upload stands, as its build reports it: stage (received, reading, loading, chunking,
    embedding, lexical, switching, done, failed), done of total (documents read or chunked, clauses
    embedded), seconds since it was received, and for a failed one the reason."""
    record = read_progress(settings.index_dir, upload_id)
    if record is None:
        return JSONResponse(status_code=404, content={"error": "没有这次上传的进度记录（上传尚未开始或已过期）"})
    return record


class MetaEdit(BaseModel):
    """Corrections to a document's metadata; fields left out keep their value."""

    model_config = ConfigDict(extra="forbid")

    title: str | None = Field(None, min_length=1, max_length=200)
    issuer: str | None = Field(None, max_length=200)
    region: str | None = Field(None, max_length=50)
    doc_number: str | None = Field(None, max_length=60)
    date_written: str | None = Field(None, pattern=r"^\d{4}-\d{2}-\d{2}$")
    date_published: str | None = Field(None, pattern=r"^\d{4}-\d{2}-\d{2}$")
    date_effective: str | None = Field(None, pattern=r"^\d{4}-\d{2}-\d{2}$")
    kind: str | None = Field(None, max_length=30)


_MANIFEST_FIELDS = ("title", "issuer", "region", "level", "date_written", "date_published", "date_effective", "doc_number", "kind")


@router.patch("/api/documents/{doc_id}", dependencies=[Depends(require_api_key)])
def edit_metadata(
    doc_id: Annotated[str, PathParam(max_length=120)],
    edit: MetaEdit,
    searcher: Annotated[Searcher, Depends(get_searcher)],
    settings: Annotated[Settings, Depends(get_settings_dep)],
) -> Any:
    """Confirm or correct a document's metadata: written to the corpus manifest (the guesses become an entry)
    and the document re-indexed with it."""
    import yaml

    from indexer.regions import gazetteer

    path = settings.corpus_dir / _safe_name(doc_id)
    if not path.exists():
        raise HTTPException(status_code=404, detail=f"没有这个文件：{doc_id}")
    with build_lock(settings.index_dir):
        manifest_path = settings.corpus_dir / MANIFEST
        data = (yaml.safe_load(manifest_path.read_text(encoding="utf-8")) if manifest_path.exists() else None) or {}
        documents = data.setdefault("documents", {})
        current = documents.get(doc_id) or load_document(path, {}).meta.model_dump(include=set(_MANIFEST_FIELDS))
        changes = edit.model_dump(exclude_unset=True)
        if changes.get("region"):
            region = gazetteer().canonical(changes["region"])
            if region is None:
                return JSONResponse(status_code=422, content={"error": f"未知地区：{changes['region']}"})
            changes["region"] = region
            changes["level"] = gazetteer().by_name[region].level
        entry = {k: v for k, v in {**current, **changes}.items() if k in _MANIFEST_FIELDS and v not in (None, "")}
        documents[doc_id] = entry
        staged = manifest_path.with_name(f".{MANIFEST}.{uuid.uuid4().hex}")
        staged.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
        os.replace(staged, manifest_path)
        report = build(settings, embedder=searcher.embedder)
        searcher.refresh()
    return {"id": doc_id, "metadata": entry, "generation": report.generation}
