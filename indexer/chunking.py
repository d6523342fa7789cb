"""Turn parsed clauses into chunks of at most N body characters, with stable ids and original offsets."""

from __future__ import annotations

import bisect
import hashlib
import re

from indexer.clauses import ARTICLE, ATTRIBUTE, ROW_LABEL, Unit, parse
from indexer.corpus import Document
from indexer.loaders import TooLarge
from indexer.models import Chunk

# chunks one file may yield; more means the file is not a policy document (or is a bomb)
MAX_CHUNKS_PER_FILE = 3000

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


def _article(path: list[str]) -> int | None:
    """How deep the path's 第X条 element sits; None outside articles."""
    return next((i for i, label in enumerate(path) if ARTICLE.match(label)), None)


def _pack(units: list[Unit], text: str, limit: int) -> list[tuple[Unit, int, int]]:
    """Join consecutive short paragraphs of the same clause; never join across clauses.

    An article is one clause with its 款 and 项: its paragraphs and items are joined while they fit, so
    an article that fits the limit is one chunk, and a longer one is split between items, each part
    under the article's heading (which carries its lead sentence)."""
    packed: list[tuple[Unit, int, int]] = []
    for unit in units:
        if packed:
            prev, s, e = packed[-1]
            if unit.end - s <= limit:
                if prev.path == unit.path:
                    packed[-1] = (prev, s, unit.end)
                    continue
                # 责任领导/责任股室/完成时限 lines belong to the task they close, not a chunk of their own
                if ATTRIBUTE.match(text[unit.start : unit.end]) and prev.path[: len(unit.path)] == unit.path:
                    packed[-1] = (Unit(path=unit.path, start=s, end=unit.end, region=prev.region), s, unit.end)
                    continue
                depth = _article(prev.path)
                rows = _is_row(prev.path) or _is_row(unit.path)  # a table row stays a chunk citing its row
                if depth is not None and not rows and prev.path[: depth + 1] == unit.path[: depth + 1]:
                    merged = Unit(path=prev.path[: _prefix(prev.path, unit.path)], start=s, end=unit.end, region=prev.region)
                    packed[-1] = (merged, s, unit.end)
                    continue
        packed.append((unit, unit.start, unit.end))
    return packed


def _is_row(path: list[str]) -> bool:
    return bool(path) and ROW_LABEL.match(path[-1]) is not None


def _prefix(a: list[str], b: list[str]) -> int:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return n


def _row_starts(doc: Document) -> dict[int, int]:
    """Clean-text start offset of each table row line → its data row number."""
    offsets = doc.clean.offsets
    rows: dict[int, int] = {}
    for table in doc.tables:
        for n, (start, _end) in enumerate(table.rows, 1):
            i = bisect.bisect_left(offsets, start)
            if i < len(offsets) and offsets[i] == start:
                rows[i] = n
    return rows


def chunk_document(doc: Document, limit: int = 400, max_chunks: int = MAX_CHUNKS_PER_FILE) -> list[Chunk]:
    clean = doc.clean
    text = clean.text
    chunks: list[Chunk] = []
    seen: set[str] = set()
    for unit, start, end in _pack(parse(text, _row_starts(doc)), text, limit):
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
            if len(chunks) > max_chunks:
                raise TooLarge(f"{doc.meta.doc_id}: 文件切分出的条款过多（超过 {max_chunks} 条），已拒绝")
    return chunks
