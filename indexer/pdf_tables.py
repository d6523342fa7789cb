"""Tables in a PDF's text layer, rebuilt from where each piece of text is printed.

pypdf's plain extraction gives a table as one cell per line (or a row's cells run together); here the
positioned text pieces of a page are grouped into printed lines, each line into runs separated by wide
gaps, and a run of lines with several columns (in one font size, without a paragraph gap between them)
into a table. A line with a run in every column anchors a row; the pieces of a wrapped cell printed
above or below it join the row nearest to them. A two-column table is recognised by stricter layout
(see ``_two_column_blocks``), since any line with a gap has two runs.

A table drawn with a grid (cell borders as stroked rectangles, thin filled rectangles or polygons, line
paths: ``rulings``) is read first and exactly from its lines: each cell's text however it wraps, a cell merged
over rows repeated in each; the layout rules above are the fallback for tables without a grid.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from indexer.pdf_layout import starts_paragraph

_GAP = 1.0  # a gap wider than this many font sizes separates two cells
_TIGHT_GAP = 0.2  # cells of a table printed without padding (a browser's default <table>) are this far apart
_LINE = 0.5  # pieces closer than this many font sizes vertically are on one printed line
_NEAR = 2.5  # lines of one table are at most this many font sizes apart


@dataclass
class _Piece:
    x: float
    y: float
    size: float
    text: str
    seq: int = 0  # position in the content stream
    spaced: bool = False  # the extractor set it apart from the piece before it (it saw a gap by the real widths)

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
    columns: list[float] = field(default_factory=list)  # where each column starts
    size: float = 0.0  # font size of its rows
    at_page_end: bool = False  # nothing but its rows below it on the page (it may go on overleaf)
    continued: bool = False  # rows without a header, continuing the previous page's table
    pieces: list = field(default_factory=list, repr=False)  # a ruled table's text pieces (taken off the page)

    @property
    def ids(self) -> set[int]:
        return {id(p) for p in self.pieces}


def _width(text: str) -> float:
    return sum(1.0 if ord(ch) > 0x2E7F else 0.5 for ch in text)


def pieces_of(page) -> list[_Piece]:
    out: list[_Piece] = []

    def visit(text, cm, tm, _font, size):
        if text and text.strip():
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            scale = (cm[0] ** 2 + cm[1] ** 2) ** 0.5 or 1.0
            out.append(_Piece(x=x, y=y, size=(size or 10.0) * scale * (abs(tm[0]) or 1.0), text=text.replace("\n", ""),
                              seq=len(out), spaced=text[:1].isspace()))

    page.extract_text(visitor_text=visit)
    return out


def _lines(pieces: list[_Piece], gap: float = _GAP) -> list[_Line]:
    lines: list[_Line] = []
    for p in sorted(pieces, key=lambda p: (-p.y, p.x)):
        if lines and abs(lines[-1].y - p.y) < _LINE * p.size and abs(lines[-1].size - p.size) < 0.6:
            lines[-1].pieces.append(p)
        else:
            lines.append(_Line(y=p.y, size=p.size, pieces=[p]))
    for line in lines:
        previous = None
        for p in sorted(line.pieces, key=lambda p: p.x):  # stable: pieces at one x keep their stream order
            text = p.text.strip()
            if line.runs and previous is not None and abs(p.x - previous.x) < 0.1 * line.size:
                # several glyph runs of one text operation are reported at its start (Chromium's TJ arrays):
                # the piece follows the one before it
                line.runs[-1].text += text
                line.runs[-1].end += _width(text) * p.size
            elif (line.runs and previous is not None and p.seq == previous.seq + 1 and not p.spaced
                  and abs(p.y - previous.y) < 0.1 * line.size and p.x - line.runs[-1].end < _GAP * line.size):
                # the next glyph run of the same text (a browser starts a run at each change of font): the
                # gap is the estimate's error (digits and Latin letters are wider than half a character)
                line.runs[-1].text += text
                line.runs[-1].end = max(line.runs[-1].end, p.x + _width(text) * p.size)
            elif line.runs and p.x - line.runs[-1].end < gap * line.size:
                line.runs[-1].text += text
                line.runs[-1].end = max(line.runs[-1].end, p.x + _width(text) * p.size)
            else:
                line.runs.append(_Run(x=p.x, end=p.x + _width(text) * p.size, text=text))
            previous = p
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
    return groups


def _is_table_region(group: list[_Line]) -> bool:
    return sum(1 for x in group if len(x.runs) >= 3) >= 2


def _fits(line: _Line, starts: list[float]) -> bool:
    """Every run of the line sits inside one column: it starts at or after its column's start and ends
    before the next column starts (a body line runs across columns)."""
    tol = 0.5 * line.size
    for run in line.runs:
        k = max((i for i, x in enumerate(starts) if x - tol <= run.x), default=None)
        if k is None:
            return False
        limit = starts[k + 1] if k + 1 < len(starts) else float("inf")
        if run.end > limit + tol:
            return False
    return True


def _table_lines(region: list[_Line]) -> list[list[_Line]]:
    """The runs of lines in the region that are tables: consecutive lines that fit the grid of the lines
    with the most runs, holding at least two such lines. A line before the first row or after the last
    belongs to the table only when it is closer to it than rows are to each other (a wrapped cell, not a
    caption or a short line of body text printed above or below it)."""
    ncols = max(len(line.runs) for line in region)
    widest = [line for line in region if len(line.runs) == ncols]
    if ncols < 3 or len(widest) < 2:
        return []
    starts = [min(w.runs[k].x for w in widest) for k in range(ncols)]
    blocks, current = [], []
    for line in region:
        if _fits(line, starts):
            current.append(line)
            continue
        if current:
            blocks.append(current)
        current = []
    if current:
        blocks.append(current)
    out = []
    for block in blocks:
        anchors = [i for i, line in enumerate(block) if len(line.runs) >= ncols - 1]
        if sum(1 for line in block if len(line.runs) == ncols) >= 2:
            out.append(_with_wrapped_cells(block, anchors, starts))
    return out


def _with_wrapped_cells(block: list[_Line], anchors: list[int], starts: list[float]) -> list[_Line]:
    """The block from its first row to its last, with the lines above or below them that are wrapped cells:
    closer than rows are to each other, or (below) continuing cells of the row above that fill their column.
    A caption or a short line of body text printed next to the table is neither."""
    gaps = sorted(block[a].y - block[b].y for a, b in zip(anchors, anchors[1:], strict=False))
    spacing = gaps[len(gaps) // 2] if gaps else 0.0
    last = len(starts) - 1
    limits = [*starts[1:], max(r.end for line in block for r in line.runs if _column(r, starts) == last)]

    def fills(run: _Run, size: float) -> bool:
        return run.end >= limits[_column(run, starts)] - 1.5 * size

    def continues(above: _Line, below: _Line) -> bool:
        if above.y - below.y < 0.75 * spacing:
            return True
        cols = {_column(r, starts): r for r in above.runs}
        return all(_column(r, starts) in cols and fills(cols[_column(r, starts)], above.size) for r in below.runs)

    lo, hi = anchors[0], anchors[-1]
    while lo > 0 and block[lo - 1].y - block[lo].y < 0.75 * spacing:  # a header cell centred on two lines
        lo -= 1
    while hi + 1 < len(block) and continues(block[hi], block[hi + 1]):
        hi += 1
    return block[lo : hi + 1]


def _columns(blocks: list[list[_Line]]) -> int:
    return max((len(line.runs) for block in blocks for line in block), default=0)


def _tight_tables(region: list[_Line], tight: list[_Line]) -> list[list[_Line]]:
    """Tables whose cells almost touch (a browser's <table> without padding): the region's lines split at any
    visible gap. Taken only as a grid of short cells with a figure in most rows, since a line of body text
    may have small gaps too."""
    ids = {id(p) for line in region for p in line.pieces}
    lines = [line for line in tight if line.pieces and id(line.pieces[0]) in ids]
    if not lines or not _is_table_region(lines):
        return []
    left = min(r.x for line in lines for r in line.runs)
    width = max(r.end for line in lines for r in line.runs) - left
    out = []
    for block in _table_lines(lines):
        rows = [line for line in block if len(line.runs) >= 2]
        short = all(r.end - r.x <= 0.75 * width for line in block for r in line.runs)
        if short and sum(1 for line in rows if _has_digit([r.text for r in line.runs])) * 2 >= len(rows):
            out.append(block)
    return out


def _column(run: _Run, starts: list[float]) -> int:
    return max((i for i, x in enumerate(starts) if x - 2 <= run.x), default=0)


def _table(lines: list[_Line]) -> list[list[str]]:
    ncols = max(len(line.runs) for line in lines)
    widest = [line for line in lines if len(line.runs) == ncols]
    spans = [(min(w.runs[k].x for w in widest), max(w.runs[k].end for w in widest)) for k in range(ncols)]
    # a row's own line has a run in all columns but a wrapped one; the other lines are wrapped cells
    anchors = [line for line in lines if len(line.runs) >= ncols - 1]
    anchor_ids = {id(a) for a in anchors}

    def column(piece: _Piece) -> int:
        centre = (piece.x + piece.end) / 2
        inside = [k for k, (lo, hi) in enumerate(spans) if lo - 2 <= centre <= hi + 2]
        if inside:
            return inside[0]
        # between columns: text runs rightwards from where its column starts
        return max((k for k in range(ncols) if spans[k][0] <= centre + 2), default=0)

    cells: dict[int, list[list[tuple[float, float, str]]]] = {id(a): [[] for _ in range(ncols)] for a in anchors}
    filled = {id(a): {column(p) for p in a.pieces} for a in anchors}
    for line in lines:
        if id(line) in anchor_ids:
            targets = [line]
        else:
            above = [a for a in anchors if a.y > line.y]
            below = [a for a in anchors if a.y < line.y]
            cols = {column(p) for p in line.pieces}
            # a group label merged over two data rows (rowspan) is printed halfway between them, in the
            # first column, which both rows leave empty
            if (above and below and cols == {0} and 0 not in filled[id(above[-1])] | filled[id(below[0])]
                    and _has_digit([r.text for r in above[-1].runs]) and _has_digit([r.text for r in below[0].runs])
                    and abs((above[-1].y - line.y) - (line.y - below[0].y)) <= 0.35 * (above[-1].y - below[0].y)):
                targets = [above[-1], below[0]]
            else:
                targets = [min(anchors, key=lambda a: abs(a.y - line.y))]
        for anchor in targets:
            for piece in line.pieces:
                # pieces reported at one x (glyph runs of one operation) keep their stream order
                cells[id(anchor)][column(piece)].append((-line.y, piece.x, piece.seq, piece.text.strip()))
    rows = [["".join(t for *_, t in sorted(cells[id(a)][k])) for k in range(ncols)] for a in anchors]
    # a header printed on two lines of its own (「全自理照料护」/「理标准」): the lines before the first
    # row with a figure in it are one header
    while len(rows) > 2 and not _has_digit(rows[0]) and not _has_digit(rows[1]) and any(_has_digit(r) for r in rows[2:]):
        rows[0:2] = [[a + b for a, b in zip(rows[0], rows[1], strict=True)]]
    return rows


def _has_digit(row: list[str]) -> bool:
    return any(ch.isdigit() for cell in row for ch in cell)


def _two_column_blocks(region: list[_Line], right_edge: float) -> list[list[_Line]]:
    """Runs of lines that are a two-column table (「地区 | 标准」), told from a line with a gap in it (a
    signature, 「第一条　为…」) by their layout and first cells that are no structural marker: at least a header and two rows of exactly two cells, the
    second column starting at one x, the columns apart by more than a character, every line ending well
    short of the text block's right edge, a figure in the second cell of each row and none in the header."""
    blocks: list[list[_Line]] = []
    current: list[_Line] = []

    def close() -> None:
        if len(current) >= 3:
            blocks.append(list(current))
        current.clear()

    left = min((line.runs[0].x for line in region), default=0.0)
    for line in region:
        runs = line.runs
        fits = (
            len(runs) == 2
            and not starts_paragraph(runs[0].text)  # 「第一条　…」 printed with a wide gap is an article
            and runs[1].x - runs[0].end > 1.2 * line.size
            and runs[1].end - left < 0.8 * (right_edge - left)
            and (not current or abs(runs[1].x - current[0].runs[1].x) < 0.5 * line.size)
        )
        if not fits:
            close()
            continue
        current.append(line)
    close()
    out = []
    for block in blocks:
        # the header: the last line before the rows with a figure in the second cell
        start = next((i for i, line in enumerate(block) if _has_digit([line.runs[1].text])), len(block))
        if start == 0 or len(block) - start < 2 or not all(_has_digit([x.runs[1].text]) for x in block[start:]):
            continue
        out.append(block[start - 1 :])
    return out


def _continuation(lines: list[_Line], previous: PageTable) -> list[_Line]:
    """Lines at the top of a page that go on with the table the previous page ended with: as many cells as
    it has columns, each starting where its column starts (a running header line above them is skipped)."""
    tol = 0.5 * (previous.size or 10.0)

    def aligned(line: _Line) -> bool:
        return len(line.runs) == len(previous.columns) and abs(line.size - previous.size) < 0.6 and all(
            abs(run.x - x) < tol for run, x in zip(line.runs, previous.columns, strict=True)
        )

    start = next((i for i, line in enumerate(lines[:3]) if aligned(line)), None)
    if start is None:
        return []
    rows = []
    for line in lines[start:]:
        if not aligned(line):
            break
        rows.append(line)
    return rows


def page_tables(page, previous: PageTable | None = None) -> list[PageTable]:
    """The tables on a page; ``previous``: the table the previous page ended with, whose rows may go on here."""
    pieces = pieces_of(page)
    out = _ruled_tables(page, pieces)
    ruled = {id(p) for t in out for p in t.pieces}
    pieces = [p for p in pieces if id(p) not in ruled]  # the rest of the page: text, or tables without a grid
    lines = _lines(pieces)
    right_edge = max((r.end for line in lines for r in line.runs), default=0.0)
    if previous is not None and previous.at_page_end and previous.columns:
        rows_here = _continuation(lines, previous)
        if rows_here:
            inside = {id(p) for line in rows_here for p in line.pieces}
            stream = "".join(p.text for p in pieces if id(p) in inside)
            out.append(PageTable(rows=[[r.text for r in line.runs] for line in rows_here],
                                 stream_text=re.sub(r"\s+", "", stream), columns=previous.columns,
                                 size=previous.size, at_page_end=rows_here[-1] is lines[-1], continued=True))
            lines = [line for line in lines if line not in rows_here]
    tight = _lines([p for line in lines for p in line.pieces], _TIGHT_GAP)
    for region in _regions(lines):
        blocks = _table_lines(region) if _is_table_region(region) else []
        tight_blocks = _tight_tables(region, tight)
        if tight_blocks and _columns(tight_blocks) > _columns(blocks):
            blocks = tight_blocks  # cells a normal gap ran together are told apart
        if blocks:
            for block in blocks:
                rows = _table(block)
                inside = {id(p) for line in block for p in line.pieces}  # only the table's lines are replaced
                stream = "".join(p.text for p in pieces if id(p) in inside)
                widest = [line for line in block if len(line.runs) == len(rows[0])]
                columns = [min(line.runs[k].x for line in widest) for k in range(len(rows[0]))]
                out.append(PageTable(rows=rows, stream_text=re.sub(r"\s+", "", stream), columns=columns,
                                     size=block[-1].size, at_page_end=_ends_page(block, lines)))
            continue
        column_tables = _column_tables(region, tight)
        for block, rows, columns in column_tables:
            inside = {id(p) for line in block for p in line.pieces}
            stream = "".join(p.text for p in pieces if id(p) in inside)
            out.append(PageTable(rows=rows, stream_text=re.sub(r"\s+", "", stream), columns=columns,
                                 size=block[-1].size, at_page_end=_ends_page(block, lines)))
        if column_tables:
            continue
        for block in _two_column_blocks(region, right_edge):
            inside = {id(p) for line in block for p in line.pieces}
            stream = "".join(p.text for p in pieces if id(p) in inside)
            rows = [[run.text for run in line.runs] for line in block]
            out.append(PageTable(rows=rows, stream_text=re.sub(r"\s+", "", stream),
                                 columns=[r.x for r in block[-1].runs], size=block[-1].size,
                                 at_page_end=_ends_page(block, lines)))
    return out


def _ruled_tables(page, pieces: list[_Piece]) -> list[PageTable]:
    out = []
    for grid in _grids(rulings(page)):
        found = _ruled_table(grid, [p for p in pieces if not any(id(p) in t.ids for t in out)])
        if found is None:
            continue
        rows, inside, columns = found
        ids = {id(p) for p in inside}
        stream = "".join(p.text for p in pieces if id(p) in ids)
        sizes = sorted(p.size for p in inside)
        out.append(PageTable(rows=rows, stream_text=re.sub(r"\s+", "", stream), columns=columns,
                             size=sizes[len(sizes) // 2], pieces=inside))
    return out


def _ends_page(block: list[_Line], lines: list[_Line]) -> bool:
    """Only a page number or a footer line (at most two lines) below the block."""
    below = [line for line in lines if line.y < block[-1].y - 0.1]
    return len(below) <= 2 and all(len(line.runs) == 1 and len("".join(r.text for r in line.runs)) <= 30 for line in below)


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


# ---- ruled tables: the grid drawn by the printing tool (cell borders as thin filled rectangles, stroked
# rectangles or stroked line paths) gives the cells exactly, however their text wraps

_RULE = 2.5  # a filled rectangle at most this thick (pt) is a drawn line (a browser's cell border)
_SNAP = 1.5  # drawn lines closer than this (pt) are one
_GRID_SNAP = 4.0  # grid lines closer than this (pt) are one boundary: the two edges of cells drawn apart
# (HTML's border="1" without border-collapse); no row or column of text is this narrow
_MIN_RULE = 3.0  # shorter strokes are no border (a dot, a tick)
_MAX_OPS = 200_000  # drawing operations read per page (a vector drawing is not a table)
_STROKE, _FILL, _BOTH = {b"S", b"s"}, {b"f", b"F", b"f*"}, {b"B", b"B*", b"b", b"b*"}


@dataclass
class _Rule:
    horizontal: bool
    at: float  # y of a horizontal line, x of a vertical one
    lo: float
    hi: float


def _mul(m: list[float], n: list[float]) -> list[float]:
    """The matrix m followed by n (PDF row-vector convention)."""
    a, b, c, d, e, f = m
    p, q, r, s, t, u = n
    return [a * p + b * r, a * q + b * s, c * p + d * r, c * q + d * s, e * p + f * r + t, e * q + f * s + u]


def _apply(m: list[float], x: float, y: float) -> tuple[float, float]:
    return m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]


def _segment(a: tuple[float, float], b: tuple[float, float], out: list[_Rule]) -> None:
    (x0, y0), (x1, y1) = a, b
    if abs(y0 - y1) < 0.5 and abs(x0 - x1) >= _MIN_RULE:
        out.append(_Rule(True, (y0 + y1) / 2, min(x0, x1), max(x0, x1)))
    elif abs(x0 - x1) < 0.5 and abs(y0 - y1) >= _MIN_RULE:
        out.append(_Rule(False, (x0 + x1) / 2, min(y0, y1), max(y0, y1)))


def _rect_edges(box: tuple[float, float, float, float], out: list[_Rule]) -> None:
    x0, y0, x1, y1 = box
    for a, b in (((x0, y0), (x1, y0)), ((x0, y1), (x1, y1)), ((x0, y0), (x0, y1)), ((x1, y0), (x1, y1))):
        _segment(a, b, out)


def _thin_rect(box: tuple[float, float, float, float], out: list[_Rule]) -> None:
    """A filled rectangle that is a line (a border drawn as a fill); a wider one is a background."""
    x0, y0, x1, y1 = box
    w, h = x1 - x0, y1 - y0
    if h <= _RULE and w >= max(_MIN_RULE, 2 * h):
        out.append(_Rule(True, (y0 + y1) / 2, x0, x1))
    elif w <= _RULE and h >= max(_MIN_RULE, 2 * w):
        out.append(_Rule(False, (x0 + x1) / 2, y0, y1))


def _walk(operations, ctm: list[float], resources, reader, out: list[_Rule], depth: int, budget: list[int]) -> None:
    from pypdf.generic import ContentStream

    stack: list[list[float]] = []
    rects: list[tuple[float, float, float, float]] = []
    paths: list[tuple[list[tuple[float, float]], bool]] = []  # subpaths of straight lines: points, closed
    for operands, op in operations:
        budget[0] -= 1
        if budget[0] < 0:
            return
        try:
            if op == b"q":
                stack.append(ctm)
            elif op == b"Q":
                ctm = stack.pop() if stack else ctm
            elif op == b"cm":
                ctm = _mul([float(v) for v in operands], ctm)
            elif op == b"re":
                x, y, w, h = (float(v) for v in operands)
                pts = [_apply(ctm, x, y), _apply(ctm, x + w, y + h), _apply(ctm, x, y + h), _apply(ctm, x + w, y)]
                xs, ys = [p[0] for p in pts], [p[1] for p in pts]
                rects.append((min(xs), min(ys), max(xs), max(ys)))
            elif op == b"m":
                paths.append(([_apply(ctm, float(operands[0]), float(operands[1]))], False))
            elif op == b"l" and paths:
                paths[-1][0].append(_apply(ctm, float(operands[0]), float(operands[1])))
            elif op in (b"c", b"v", b"y"):
                paths.append(([_apply(ctm, float(operands[-2]), float(operands[-1]))], False))  # a curve is no rule
            elif op == b"h" and paths:
                paths[-1] = (paths[-1][0], True)
            elif op in _STROKE or op in _BOTH or op in _FILL or op == b"n":
                if op in _STROKE or op in _BOTH:
                    for pts, closed in paths:
                        for a, b in zip(pts, pts[1:] + (pts[:1] if closed or op in (b"s", b"b", b"b*") else []),
                                        strict=False):
                            _segment(a, b, out)
                    for box in rects:
                        _rect_edges(box, out)
                elif op in _FILL:
                    # a border drawn as a filled thin rectangle or polygon (a browser's bevelled cell border)
                    boxes = rects + [(min(p[0] for p in pts), min(p[1] for p in pts), max(p[0] for p in pts),
                                      max(p[1] for p in pts)) for pts, _ in paths if len(pts) >= 3]
                    for box in boxes:
                        _thin_rect(box, out)
                rects, paths = [], []
            elif op == b"Do" and depth < 3 and resources is not None:
                xobject = (resources.get("/XObject") or {}).get(operands[0])
                xobject = xobject.get_object() if xobject is not None else None
                if xobject is not None and xobject.get("/Subtype") == "/Form":
                    matrix = [float(v) for v in xobject.get("/Matrix", [1, 0, 0, 1, 0, 0])]
                    inner = ContentStream(xobject, reader).operations
                    _walk(inner, _mul(matrix, ctm), xobject.get("/Resources") or resources, reader, out, depth + 1, budget)
        except (ValueError, TypeError, IndexError, KeyError, AttributeError):
            continue  # a malformed operation draws nothing


def rulings(page) -> list[_Rule]:
    """The horizontal and vertical lines drawn on the page, in the coordinates text is reported in."""
    contents = page.get_contents()
    if contents is None:
        return []
    out: list[_Rule] = []
    _walk(contents.operations, [1.0, 0.0, 0.0, 1.0, 0.0, 0.0], page.get("/Resources"), page.pdf, out, 0, [_MAX_OPS])
    return _merged(out)


def _merged(rules: list[_Rule]) -> list[_Rule]:
    """Collinear pieces of one line (a browser draws each cell's edge on its own) joined."""
    out: list[_Rule] = []
    for rule in sorted(rules, key=lambda r: (r.horizontal, round(r.at / _SNAP), r.lo)):
        last = out[-1] if out else None
        if (last is not None and last.horizontal == rule.horizontal and abs(last.at - rule.at) <= _SNAP
                and rule.lo <= last.hi + 2 * _SNAP):
            last.hi = max(last.hi, rule.hi)
            continue
        out.append(_Rule(rule.horizontal, rule.at, rule.lo, rule.hi))
    return out


def _cluster(values: list[float]) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > _GRID_SNAP:
            out.append(v)
    return out


def _grids(rules: list[_Rule]) -> list[list[_Rule]]:
    """Sets of crossing horizontal and vertical lines: each a candidate table."""
    parent = list(range(len(rules)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    hs = [i for i, r in enumerate(rules) if r.horizontal]
    vs = [i for i, r in enumerate(rules) if not r.horizontal]
    tol = _GRID_SNAP
    for i in hs:
        h = rules[i]
        for j in vs:
            v = rules[j]
            if v.lo - tol <= h.at <= v.hi + tol and h.lo - tol <= v.at <= h.hi + tol:
                parent[find(i)] = find(j)
    groups: dict[int, list[_Rule]] = {}
    for i in hs + vs:
        groups.setdefault(find(i), []).append(rules[i])
    return list(groups.values())


def _covered(rules: list[_Rule], horizontal: bool, at: float, point: float) -> bool:
    return any(r.horizontal == horizontal and -_SNAP <= r.at - at <= _GRID_SNAP + _SNAP and r.lo - _SNAP <= point <= r.hi + _SNAP
               for r in rules)


def _cell_text(pieces: list[_Piece]) -> str:
    """A cell's pieces in reading order: its printed lines top to bottom, a wrapped line joined without a space
    (a space only between two Latin words)."""
    out = ""
    last = None
    for p in sorted(pieces, key=lambda p: (-round(p.y / (0.5 * p.size)), p.x, p.seq)):
        text = p.text.strip()
        if not text:
            continue
        if out and last is not None and out[-1].isascii() and out[-1].isalnum() and text[0].isascii() and text[0].isalnum() and (
            abs(p.y - last.y) >= _LINE * p.size or p.x - last.end > 0.2 * p.size
        ):
            out += " "
        out += text
        last = p
    return out


def _ruled_table(grid: list[_Rule], pieces: list[_Piece]) -> tuple[list[list[str]], list[_Piece], list[float]] | None:
    """The rows of the table a grid draws (rows × columns of cells between its lines), with the pieces
    inside it. A cell merged over rows (no line between them) is repeated in each row, as the HTML reader
    does; a cell merged over columns is said once, in its first column, except in the header, which names
    every column it spans. Header rows merged by such cells are one header."""
    h = [r for r in grid if r.horizontal]
    v = [r for r in grid if not r.horizontal]
    if len(h) < 2 or len(v) < 2:
        return None
    # a table without outer side borders still ends where its horizontal lines end (and likewise above/below)
    xs = _cluster([r.at for r in v] + [min(r.lo for r in h), max(r.hi for r in h)])
    ys = _cluster([r.at for r in h] + [min(r.lo for r in v), max(r.hi for r in v)])[::-1]  # top to bottom
    if len(xs) < 3 or len(ys) < 3:
        return None  # a frame around text, or a single row of boxes
    ncols, nrows = len(xs) - 1, len(ys) - 1
    cells: dict[tuple[int, int], list[_Piece]] = {}
    inside: list[_Piece] = []
    for p in pieces:
        x, y = p.x + 0.2 * p.size, p.y + 0.3 * p.size
        if not (xs[0] - 1 <= x <= xs[-1] + 1 and ys[-1] - 1 <= y <= ys[0] + 1):
            continue
        c = max(0, min(ncols - 1, next((k for k in range(ncols) if x < xs[k + 1]), ncols - 1)))
        r = max(0, min(nrows - 1, next((k for k in range(nrows) if y > ys[k + 1]), nrows - 1)))
        cells.setdefault((r, c), []).append(p)
        inside.append(p)
    if not inside:
        return None
    parent = {(r, c): (r, c) for r in range(nrows) for c in range(ncols)}

    def find(k: tuple[int, int]) -> tuple[int, int]:
        while parent[k] != k:
            k = parent[k]
        return k

    def union(a: tuple[int, int], b: tuple[int, int]) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    for r in range(nrows):
        mid_y = (ys[r] + ys[r + 1]) / 2
        for c in range(ncols - 1):
            if not _covered(v, False, xs[c + 1], mid_y):
                union((r, c), (r, c + 1))
    for c in range(ncols):
        mid_x = (xs[c] + xs[c + 1]) / 2
        for r in range(nrows - 1):
            if not _covered(h, True, ys[r + 1], mid_x):
                union((r, c), (r + 1, c))
    regions: dict[tuple[int, int], list[tuple[int, int]]] = {}
    for k in parent:
        regions.setdefault(find(k), []).append(k)
    text = {root: _cell_text([p for k in members for p in cells.get(k, [])]) for root, members in regions.items()}
    # the header: the first row, and the rows its merged cells reach down to
    header_rows = max(r for c in range(ncols) for r, _ in regions[find((0, c))]) + 1
    rows: list[list[str]] = []
    for r in range(nrows):
        row = []
        for c in range(ncols):
            root = find((r, c))
            first_col = min(cc for rr, cc in regions[root] if rr == r)
            row.append(text[root] if c == first_col or r < header_rows else "")
        rows.append(row)
    if header_rows > 1 and header_rows < nrows:
        merged = []
        for c in range(ncols):
            parts: list[str] = []
            for r in range(header_rows):
                if rows[r][c] and rows[r][c] not in parts:
                    parts.append(rows[r][c])
            merged.append("".join(parts))
        rows = [merged, *rows[header_rows:]]
    rows = [row for row in rows if any(cell.strip() for cell in row)]
    keep = [c for c in range(ncols) if any(row[c] for row in rows)]
    rows = [[row[c] for c in keep] for row in rows]
    if len(rows) < 2 or len(keep) < 2:
        return None  # a box around a paragraph, a form with one filled column
    return rows, inside, [xs[c] for c in keep]


# ---- borderless tables by their columns: a browser prints a <table> without borders with cells almost
# touching and every cell centred on its row's height, so a wrapped cell's lines and its neighbours' single
# lines interleave and no printed line holds a cell of every column

_GUTTER = 0.2  # a gap this wide (font sizes) that no line of the block prints across separates two columns


def _gutters(block: list[_Line]) -> list[tuple[float, float]]:
    """The x-intervals inside the block that no run of any of its lines covers."""
    spans = sorted((r.x, r.end) for line in block for r in line.runs)
    size = block[0].size
    out, reach = [], spans[0][1]
    for lo, hi in spans[1:]:
        if lo - reach >= _GUTTER * size:
            out.append((reach, lo))
        reach = max(reach, hi)
    return out


def _column_rows(block: list[_Line], gutters: list[tuple[float, float]]) -> list[list[str]]:
    """Rows of the block: each column's lines grouped into cells (a wrapped cell's lines are one line pitch
    apart, rows further), then cells whose vertical extents overlap into one row."""
    size = block[0].size
    bounds = [g[1] for g in gutters]
    ncols = len(gutters) + 1
    columns: list[list[tuple[float, str]]] = [[] for _ in range(ncols)]
    for line in block:
        for run in line.runs:
            col = columns[sum(1 for b in bounds if run.x >= b - 0.5)]
            if col and col[-1][0] == line.y:  # runs of one cell a narrow gap split (digits in a font of their own)
                col[-1] = (line.y, col[-1][1] + run.text)
            else:
                col.append((line.y, run.text))
    steps = [a[0] - b[0] for col in columns for a, b in zip(col, col[1:], strict=False)]
    pitch = min(steps, default=0.0)
    wraps = bool(steps) and max(steps) - pitch > 0.15 * size  # some lines further apart than the closest
    cells: list[tuple[float, float, int, str]] = []  # top, bottom, column, text
    for k, col in enumerate(columns):
        for y, text in col:
            if cells and cells[-1][2] == k and wraps and cells[-1][1] - y <= pitch + 0.08 * size:
                top, _, _, before = cells[-1]
                cells[-1] = (top, y, k, before + text)
            else:
                cells.append((y, y, k, text))
    cells.sort(key=lambda c: -c[0])
    rows: list[tuple[float, float, list[str]]] = []
    for top, bottom, k, text in cells:
        if rows and top >= rows[-1][1] - 0.3 * size:
            hi, lo, row = rows[-1]
            row[k] += text
            rows[-1] = (hi, min(lo, bottom), row)
        else:
            row = [""] * ncols
            row[k] = text
            rows.append((top, bottom, row))
    out = [row for _, _, row in rows]
    while out and sum(1 for c in out[0] if c) < 2:  # a caption or 「附件」 above the header
        out.pop(0)
    while out and sum(1 for c in out[-1] if c) < 2 and not _has_digit(out[-1]):
        out.pop()
    return out


def _column_tables(region: list[_Line], tight: list[_Line]) -> list[tuple[list[_Line], list[list[str]], list[float]]]:
    """Tables among the region's lines found by their columns: runs of lines with at least two gutters
    (three columns), a header naming at least two columns and no figures, and at least two rows that fill
    two columns or more, most with a figure."""
    ids = {id(p) for line in region for p in line.pieces}
    lines = [line for line in tight if line.pieces and id(line.pieces[0]) in ids]
    out = []
    i = 0
    while i < len(lines):
        best = None
        for j in range(i + 3, len(lines) + 1):
            gutters = _gutters(lines[i:j])
            if len(gutters) < 2:
                break
            best = (j, gutters)
        if best is not None:
            j, gutters = best
            rows = _column_rows(lines[i:j], gutters)
            data = rows[1:]
            full = [r for r in data if sum(1 for c in r if c) >= 2]
            if (len(data) >= 2 and len(full) * 2 > len(data) and not _has_digit(rows[0])
                    and sum(1 for r in data if _has_digit(r)) * 2 >= len(data)):
                block = [line for line in lines[i:j] if any(c and any(r.text in c for r in line.runs) for row in rows for c in row)]
                out.append((block, rows, [lines[i].runs[0].x, *(g[1] for g in gutters)]))
                i = j
                continue
        i += 1
    return out
