"""Tables in a PDF's text layer, rebuilt from where each piece of text is printed.

pypdf's plain extraction gives a table as one cell per line (or a row's cells run together); here the
positioned text pieces of a page are grouped into printed lines, each line into runs separated by wide
gaps, and a run of lines with several columns (in one font size, without a paragraph gap between them)
into a table. A line with a run in every column anchors a row; the pieces of a wrapped cell printed
above or below it join the row nearest to them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_GAP = 1.0  # a gap wider than this many font sizes separates two cells
_LINE = 0.5  # pieces closer than this many font sizes vertically are on one printed line
_NEAR = 2.5  # lines of one table are at most this many font sizes apart


@dataclass
class _Piece:
    x: float
    y: float
    size: float
    text: str

    @property
    def end(self) -> float:
        return self.x + _width(self.text) * self.size


@dataclass
class _Run:
    x: float
    end: float
    text: str


@dataclass
class _Line:
    y: float
    size: float
    pieces: list[_Piece] = field(default_factory=list)
    runs: list[_Run] = field(default_factory=list)


@dataclass
class PageTable:
    rows: list[list[str]]
    stream_text: str  # the table's text in content-stream order, without whitespace (to find it in the page text)


def _width(text: str) -> float:
    return sum(1.0 if ord(ch) > 0x2E7F else 0.5 for ch in text)


def pieces_of(page) -> list[_Piece]:
    out: list[_Piece] = []

    def visit(text, cm, tm, _font, size):
        if text and text.strip():
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            scale = (cm[0] ** 2 + cm[1] ** 2) ** 0.5 or 1.0
            out.append(_Piece(x=x, y=y, size=(size or 10.0) * scale * (abs(tm[0]) or 1.0), text=text.replace("\n", "")))

    page.extract_text(visitor_text=visit)
    return out


def _lines(pieces: list[_Piece]) -> list[_Line]:
    lines: list[_Line] = []
    for p in sorted(pieces, key=lambda p: (-p.y, p.x)):
        if lines and abs(lines[-1].y - p.y) < _LINE * p.size and abs(lines[-1].size - p.size) < 0.6:
            lines[-1].pieces.append(p)
        else:
            lines.append(_Line(y=p.y, size=p.size, pieces=[p]))
    for line in lines:
        for p in sorted(line.pieces, key=lambda p: p.x):
            text = p.text.strip()
            if line.runs and p.x - line.runs[-1].end < _GAP * line.size:
                line.runs[-1].text += text
                line.runs[-1].end = max(line.runs[-1].end, p.x + _width(text) * p.size)
            else:
                line.runs.append(_Run(x=p.x, end=p.x + _width(text) * p.size, text=text))
    return lines


def _regions(lines: list[_Line]) -> list[list[_Line]]:
    """Maximal groups of adjacent lines in one font size that contain lines of three or more runs."""
    groups: list[list[_Line]] = []
    current: list[_Line] = []
    for line in lines:
        if current and (abs(current[-1].size - line.size) < 0.6 and current[-1].y - line.y <= _NEAR * line.size):
            current.append(line)
        else:
            if current:
                groups.append(current)
            current = [line]
    if current:
        groups.append(current)
    # two-column "tables" are too easily mistaken for a line with a gap (a signature, a running header)
    return [g for g in groups if sum(1 for x in g if len(x.runs) >= 3) >= 2]


def _table(region: list[_Line]) -> list[list[str]] | None:
    ncols = max(len(line.runs) for line in region)
    widest = [line for line in region if len(line.runs) == ncols]
    if ncols < 3 or len(widest) < 2:
        return None
    spans = [(min(w.runs[k].x for w in widest), max(w.runs[k].end for w in widest)) for k in range(ncols)]
    # a row's own line has a run in all columns but a wrapped one; the other lines are wrapped cells
    anchors = [line for line in region if len(line.runs) >= ncols - 1]
    first, last = region.index(anchors[0]), region.index(anchors[-1])
    table_width = spans[-1][1] - spans[0][0]
    # body lines of the same font at either end of the group are not part of the table
    keep = [
        line
        for i, line in enumerate(region)
        if first <= i <= last or all(r.end - r.x < 0.6 * table_width for r in line.runs)
    ]
    anchor_ids = {id(a) for a in anchors}

    def column(piece: _Piece) -> int:
        centre = (piece.x + piece.end) / 2
        inside = [k for k, (lo, hi) in enumerate(spans) if lo - 2 <= centre <= hi + 2]
        if inside:
            return inside[0]
        # between columns: text runs rightwards from where its column starts
        return max((k for k in range(ncols) if spans[k][0] <= centre + 2), default=0)

    cells: dict[int, list[list[tuple[float, float, str]]]] = {id(a): [[] for _ in range(ncols)] for a in anchors}
    for line in keep:
        anchor = line if id(line) in anchor_ids else min(anchors, key=lambda a: abs(a.y - line.y))
        for piece in line.pieces:
            cells[id(anchor)][column(piece)].append((-line.y, piece.x, piece.text.strip()))
    rows = [["".join(t for _, _, t in sorted(cells[id(a)][k])) for k in range(ncols)] for a in anchors]
    # a header printed on two lines of its own (「全自理照料护」/「理标准」): the lines before the first
    # row with a figure in it are one header
    while len(rows) > 2 and not _has_digit(rows[0]) and not _has_digit(rows[1]) and any(_has_digit(r) for r in rows[2:]):
        rows[0:2] = [[a + b for a, b in zip(rows[0], rows[1], strict=True)]]
    return rows


def _has_digit(row: list[str]) -> bool:
    return any(ch.isdigit() for cell in row for ch in cell)


def page_tables(page) -> list[PageTable]:
    pieces = pieces_of(page)
    out = []
    for region in _regions(_lines(pieces)):
        rows = _table(region)
        if not rows:
            continue
        inside = {id(p) for line in region for p in line.pieces}  # whole group: its text is replaced
        stream = "".join(p.text for p in pieces if id(p) in inside)
        out.append(PageTable(rows=rows, stream_text=re.sub(r"\s+", "", stream)))
    return out


def replace_tables(lines: list[str], tables: list[PageTable], marker: str) -> list[str]:
    """The page's text lines with each table's lines replaced by one line ``marker + index``."""
    out = list(lines)
    for k, table in enumerate(tables):
        squashed = [re.sub(r"\s+", "", x) for x in out]
        for i in range(len(out)):
            if not squashed[i] or not table.stream_text.startswith(squashed[i]):
                continue
            acc, j = "", i
            while j < len(out) and table.stream_text.startswith(acc + squashed[j]):
                acc += squashed[j]
                j += 1
                if acc == table.stream_text:
                    out[i:j] = [f"{marker}{k}"]
                    break
            if acc == table.stream_text:
                break
    return out
