"""Tables in a PDF's text layer, rebuilt from where each piece of text is printed.

pypdf's plain extraction gives a table as one cell per line (or a row's cells run together); here the
positioned text pieces of a page are grouped into printed lines, each line into runs separated by wide
gaps, and a run of lines with several columns (in one font size, without a paragraph gap between them)
into a table. A line with a run in every column anchors a row; the pieces of a wrapped cell printed
above or below it join the row nearest to them. A two-column table is recognised by stricter layout
(see ``_two_column_blocks``), since any line with a gap has two runs.
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
        short = all(r.end - r.x <= 0.5 * width for line in block for r in line.runs)
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
                cells[id(anchor)][column(piece)].append((-line.y, piece.x, piece.text.strip()))
    rows = [["".join(t for _, _, t in sorted(cells[id(a)][k])) for k in range(ncols)] for a in anchors]
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
    out = []
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
        for block in _two_column_blocks(region, right_edge):
            inside = {id(p) for line in block for p in line.pieces}
            stream = "".join(p.text for p in pieces if id(p) in inside)
            rows = [[run.text for run in line.runs] for line in block]
            out.append(PageTable(rows=rows, stream_text=re.sub(r"\s+", "", stream),
                                 columns=[r.x for r in block[-1].runs], size=block[-1].size,
                                 at_page_end=_ends_page(block, lines)))
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
