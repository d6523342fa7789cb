"""Turn parsed clauses into chunks of at most N body characters, with stable ids and original offsets."""

from __future__ import annotations

import hashlib
import re

from indexer.clauses import Unit, parse
from indexer.corpus import Document
from indexer.models import Chunk

_SENTENCE = re.compile(r"[^。；;！!？?\n]*[。；;！!？?\n]|[^。；;！!？?\n]+$")


def chunk_id(doc_id: str, path: list[str], text: str) -> str:
    payload = "\x1f".join([doc_id, *path, text])
    return hashlib.sha1(payload.encode("utf-8")).hexdigest()[:16]


def _pieces(text: str, start: int, end: int, limit: int) -> list[tuple[int, int]]:
    """Split text[start:end] at sentence ends into pieces of at most ``limit`` characters."""
    if end - start <= limit:
        return [(start, end)]
    sentences = [(start + m.start(), start + m.end()) for m in _SENTENCE.finditer(text[start:end]) if m.group().strip()]
    pieces: list[tuple[int, int]] = []
    cur_start, cur_end = sentences[0]
    for s, e in sentences[1:]:
        if e - cur_start <= limit:
            cur_end = e
        else:
            pieces.append((cur_start, cur_end))
            cur_start, cur_end = s, e
    pieces.append((cur_start, cur_end))
    # a single sentence longer than the limit is cut at commas, then hard
    out: list[tuple[int, int]] = []
    for s, e in pieces:
        while e - s > limit:
            window = text[s : s + limit]
            cut = max(window.rfind("，"), window.rfind(","), window.rfind("、"))
            step = cut + 1 if cut > limit // 3 else limit
            out.append((s, s + step))
            s += step
        out.append((s, e))
    return out


def _pack(units: list[Unit], text: str, limit: int) -> list[tuple[Unit, int, int]]:
    """Join consecutive short paragraphs of the same clause; never join across clauses."""
    packed: list[tuple[Unit, int, int]] = []
    for unit in units:
        if packed:
            prev, s, e = packed[-1]
            if prev.path == unit.path and unit.end - s <= limit:
                packed[-1] = (prev, s, unit.end)
                continue
        packed.append((unit, unit.start, unit.end))
    return packed


def chunk_document(doc: Document, limit: int = 400) -> list[Chunk]:
    clean = doc.clean
    text = clean.text
    chunks: list[Chunk] = []
    seen: set[str] = set()
    for unit, start, end in _pack(parse(text), text, limit):
        for s, e in _pieces(text, start, end, limit):
            body = text[s:e].strip()
            if not body:
                continue
            lead = len(text[s:e]) - len(text[s:e].lstrip())
            s += lead
            e = s + len(body)
            o_start, o_end = clean.to_original(s, e)
            cid = chunk_id(doc.meta.doc_id, unit.path, body)
            if cid in seen:  # same words under the same heading twice: keep ids unique and stable
                cid = chunk_id(doc.meta.doc_id, unit.path, f"{body}\x1f{o_start}")
            seen.add(cid)
            meta = doc.meta
            chunks.append(
                Chunk(
                    chunk_id=cid,
                    doc_id=meta.doc_id,
                    title=meta.title,
                    heading_path=unit.path,
                    text=body,
                    start=o_start,
                    end=o_end,
                    region=unit.region or meta.region,
                    level=meta.level if not unit.region else "section",
                    date=meta.date_published or meta.date_written,
                    kind=meta.kind,
                    ordinal=len(chunks),
                )
            )
    return chunks
