"""Clause parser for Chinese policy documents.

Recognises the heading hierarchy 附件 | 第X编 > 第X章 > 第X节 > 第X条 / 一、 / (一) / 1. / (1) / 一是…二是…,
table rows (their lines given by the loader, each a unit 「表 第N行」 under its heading), unnumbered
section headings (short lines without closing punctuation) and region sections
(a line that is only a region name, as in multi-region reports). It repairs the
malformed headings the seeds contain: a lost opening parenthesis and numeral
(")加强组织领导"), a lost numeral ("、组织实施"), and a clause whose marker was
lost entirely between numbered siblings.

The output is a list of units: spans of body text, each under a heading path.
Headings only ever appear in paths, so no unit is a body-less heading.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from indexer.numerals import int_to_cjk, parse_cjk
from indexer.regions import gazetteer

CN_NUM = "一二三四五六七八九十"
_CN = f"[{CN_NUM}]+"
_END = "。；;！!？?"

_ORDINAL = rf"第([{CN_NUM}百零〇\d]+)"
ARTICLE = re.compile(rf"^{_ORDINAL}条\s*")
# levels above the article: 第X编 > 第X章 > 第X节 > 第X条; an attachment (附件) stands outside them all
PART = re.compile(rf"^{_ORDINAL}编\s*")
CHAPTER = re.compile(rf"^{_ORDINAL}章\s*")
SECTION = re.compile(rf"^{_ORDINAL}节\s*")
ANNEX = re.compile(r"^附件\s*(\d{1,2}|[一二三四五六七八九十]{1,3})?\s*(?:[:：]\s*|\s+|$)")
ANNEX_LEVEL, PART_LEVEL, CHAPTER_LEVEL, SECTION_LEVEL = 0.2, 0.4, 0.6, 0.8
# the heading of a table row unit: 「表 第3行」, 「表2 第3行」
ROW_LABEL = re.compile(r"^表\d* 第\d+行$")
L1 = re.compile(rf"^({_CN})、")
L1_LOST = re.compile(r"^、")
L2 = re.compile(rf"^[(（]({_CN})[)）]")
L2_LOST_OPEN = re.compile(rf"^({_CN})[)）]")
L2_LOST = re.compile(r"^[)）]")
L3 = re.compile(r"^(\d{1,2})[.．、](?!\d)")
L4 = re.compile(r"^[(（](\d{1,2})[)）]")
ITEM = re.compile(rf"(?:^|(?<=[{_END}]))\s*({_CN})是")
ATTRIBUTE = re.compile(r"^(责任领导|责任股室|责任单位|牵头单位|配合单位|完成时限|责任人)[:：]")
# an L1 heading directly followed by an L2 marker on the same line: "三、重点任务(一)社会救助…"
L1_THEN_L2 = re.compile(rf"^{_CN}、[^。；,，]{{1,12}}?(?=[(（]{_CN}[)）])")

HEADING_MAX = 40


def cn_to_int(text: str) -> int:
    value = parse_cjk(text)
    return int(value) if value is not None else 0


def int_to_cn(n: int) -> str:
    return "零" if n == 0 else int_to_cjk(n)


@dataclass
class Block:
    """One paragraph (line) of the cleaned text."""

    start: int
    end: int
    text: str
    level: float = 0  # 0 = body; 0.2..0.8 = attachment / part / chapter / section; 1..5 = marked heading level
    number: int | None = None
    marker_len: int = 0
    inferred: bool = False
    region: str | None = None
    row: int | None = None  # data row number when the line is a row of a table


@dataclass
class Unit:
    path: list[str]
    start: int
    end: int
    region: str | None = None


@dataclass
class _Heading:
    level: float
    label: str
    after_body: bool = False
    region: str | None = None
    scoped: bool = False  # inline lead-in or item: ends with its paragraph
    article: bool = False


@dataclass
class _State:
    stack: list[_Heading] = field(default_factory=list)
    last_was_heading: bool = True
    seen_structure: bool = False
    last_item: tuple[tuple[str, ...], int] | None = None
    # a heading line waiting for its first body paragraph, so its words end up in a chunk
    pending: tuple[int, list[str]] | None = None

    def push(self, heading: _Heading) -> None:
        self.pending = None
        while self.stack and self.stack[-1].level >= heading.level:
            self.stack.pop()
        self.stack.append(heading)

    def pop_scoped(self) -> None:
        while self.stack and self.stack[-1].scoped:
            self.stack.pop()

    @property
    def path(self) -> list[str]:
        return [h.label for h in self.stack]

    @property
    def region(self) -> str | None:
        return next((h.region for h in reversed(self.stack) if h.region), None)


def split_blocks(text: str) -> list[Block]:
    blocks: list[Block] = []
    pos = 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\n")
        stripped = body.strip()
        if stripped:
            lead = len(body) - len(body.lstrip())
            start = pos + lead
            blocks.append(Block(start=start, end=start + len(stripped), text=stripped))
        pos += len(line)
    return _split_double_headings(blocks)


def _split_double_headings(blocks: list[Block]) -> list[Block]:
    out: list[Block] = []
    for b in blocks:
        m = L1_THEN_L2.match(b.text)
        if m:
            cut = m.end()
            out.append(Block(start=b.start, end=b.start + cut, text=b.text[:cut]))
            out.append(Block(start=b.start + cut, end=b.end, text=b.text[cut:]))
        else:
            out.append(b)
    return out


def classify(blocks: list[Block]) -> None:
    """Assign heading levels and numbers, repairing malformed markers."""
    for b in blocks:
        if b.row is not None:
            continue
        if len(b.text) <= HEADING_MAX and ANNEX.match(b.text):
            b.level, b.marker_len = ANNEX_LEVEL, ANNEX.match(b.text).end()
            continue
        for level, pattern in (
            (PART_LEVEL, PART),
            (CHAPTER_LEVEL, CHAPTER),
            (SECTION_LEVEL, SECTION),
            (1, ARTICLE),
            (1, L1),
            (2, L2),
            (2, L2_LOST_OPEN),
            (3, L3),
            (4, L4),
        ):
            m = pattern.match(b.text)
            if m:
                b.level, b.marker_len = level, m.end()
                if m.groups():
                    raw = m.group(1)
                    b.number = int(raw) if raw.isdigit() else cn_to_int(raw)
                break
        else:
            if ITEM.match(b.text) is None:
                if L1_LOST.match(b.text):
                    b.level, b.marker_len, b.inferred = 1, 1, True
                elif L2_LOST.match(b.text):
                    b.level, b.marker_len, b.inferred = 2, 1, True
    _number_lost_markers(blocks)
    _infer_unmarked_siblings(blocks)


def _number_lost_markers(blocks: list[Block]) -> None:
    last = {1: 0, 2: 0}
    for b in blocks:
        if 0 < b.level <= 1:
            last[2] = 0
        if b.level in (1, 2):
            if b.number is None:
                b.number = last[b.level] + 1
            last[b.level] = b.number


def _infer_unmarked_siblings(blocks: list[Block]) -> None:
    """A body paragraph standing where a numbered (n) sibling is missing becomes that sibling.

    Applies when the paragraph sits between (k) and (k+2), or closes a section whose
    (n) clauses are one paragraph each. Only documents that put each (n) clause in a
    single paragraph are repaired this way, so ordinary continuation paragraphs stay body.
    """
    if sum(1 for b in blocks if ARTICLE.match(b.text)) >= 3:
        return  # a 第X条 document numbers its items itself: a plain paragraph after a list is not an item
    sections: list[list[int]] = [[]]
    for i, b in enumerate(blocks):
        if 0 < b.level <= 1:
            sections.append([])
        else:
            sections[-1].append(i)
    for members in sections:
        _fill_gaps(blocks, members, closing=False)
        _fill_gaps(blocks, members, closing=True)


def _fill_gaps(blocks: list[Block], members: list[int], closing: bool) -> None:
    l2 = [i for i in members if blocks[i].level == 2]
    if len(l2) < 2:
        return
    single = all(i + 1 < len(blocks) and blocks[i + 1].level == 2 for i in l2[:-1])
    for pos, i in enumerate(members):
        b = blocks[i]
        if b.level != 0 or pos == 0 or ITEM.match(b.text) or ATTRIBUTE.match(b.text):
            continue
        prev = blocks[members[pos - 1]]
        if prev.level != 2 or prev.number is None:
            continue
        nxt = blocks[members[pos + 1]] if pos + 1 < len(members) else None
        if closing:
            fill = nxt is None and single
        else:
            fill = nxt is not None and nxt.level == 2 and nxt.number == prev.number + 2
        if fill:
            b.level, b.number, b.inferred = 2, prev.number + 1, True


def _title(text: str) -> str:
    """The heading words of a clause: its first sentence when short, else its first phrase."""
    for stop in (_END, "，,：:"):
        cut = min((text.find(c) for c in stop if c in text), default=-1)
        if 0 < cut <= 30:
            return text[:cut]
    return text[:16] + ("…" if len(text) > 16 else "")


def _marker(b: Block) -> str:
    if b.inferred:
        return f"{int_to_cn(b.number)}、" if b.level == 1 else f"({int_to_cn(b.number)})"
    return b.text[: b.marker_len]


def _is_heading_only(text: str) -> bool:
    return len(text) <= HEADING_MAX and text.count("。") <= 1 and text[-1:] not in "，,"


def _is_unnumbered_heading(b: Block) -> bool:
    return (
        b.level == 0
        and 2 <= len(b.text) <= HEADING_MAX
        and b.text[-1] not in _END + "，,：:、"
        and not ATTRIBUTE.match(b.text)
        and not ITEM.match(b.text)
    )


def _in_short_line_run(blocks: list[Block], pos: int) -> bool:
    """A line inside a run of three or more short unpunctuated lines after its first, most of which state a
    figure: the rows of a table whose layout was not rebuilt (「浈江区1300」/「武江区1300」/…), which are
    body, not headings nested one under the other. The run's first line may still head it (a caption);
    a run of figure-less lines (a site's related links) stays as it was."""
    if pos == 0 or not _is_unnumbered_heading(blocks[pos - 1]) or blocks[pos - 1].row is not None:
        return False
    i = pos - 1
    while i > 0 and blocks[i - 1].row is None and _is_unnumbered_heading(blocks[i - 1]):
        i -= 1
    j = pos + 1
    while j < len(blocks) and blocks[j].row is None and _is_unnumbered_heading(blocks[j]):
        j += 1
    after_first = blocks[i + 1 : j]
    with_figure = sum(1 for b in after_first if any(ch.isdigit() for ch in b.text))
    return j - i >= 3 and 3 * with_figure >= 2 * len(after_first)


def _region_line(b: Block) -> str | None:
    """The region a line consists of entirely (a section of a multi-region report)."""
    if b.level or len(b.text) > 14:
        return None
    regions = gazetteer()
    found = regions.find(b.text)
    if not found:
        return None
    rest = b.text
    for name in found:
        region = regions.by_name[name]
        for alias in sorted((name, region.short, *region.aliases), key=len, reverse=True):
            rest = rest.replace(alias, "")
    return found[-1] if not rest.strip() else None


def _items(text: str, start: int, end: int, first: int = 1) -> list[int]:
    """Start offsets of an enumeration 一是/二是/… in text[start:end] counting up from ``first``."""
    starts: list[int] = []
    expected = first
    for m in ITEM.finditer(text[start:end]):
        if cn_to_int(m.group(1)) == expected:
            starts.append(start + m.start(1))
            expected += 1
    if first > 1 and starts and starts[0] != start + len(text[start:end]) - len(text[start:end].lstrip()):
        return []
    return starts


def parse(text: str, rows: dict[int, int] | None = None) -> list[Unit]:
    """Units of ``text``; ``rows`` maps the start offset of each table row line to its data row number."""
    blocks = split_blocks(text)
    for b in blocks:
        if rows and b.start in rows:
            b.row = rows[b.start]
    classify(blocks)
    state = _State()
    units: list[Unit] = []

    def emit(start: int, end: int) -> None:
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            if state.pending and state.path[: len(state.pending[1])] == state.pending[1]:
                start = state.pending[0]
            state.pending = None
            units.append(Unit(path=state.path, start=start, end=end, region=state.region))
            state.last_was_heading = False

    for pos, b in enumerate(blocks):
        nxt = blocks[pos + 1] if pos + 1 < len(blocks) else None
        # a short marked line is a heading only when what follows belongs under it
        introduces = nxt is not None and (nxt.level == 0 or nxt.level > b.level)
        state.pop_scoped()
        if b.row is not None:
            table = _table_label(blocks, pos)
            units.append(Unit(path=[*state.path, f"{table} 第{b.row}行"], start=b.start, end=b.end, region=state.region))
            state.last_was_heading, state.pending = False, None
            continue
        if b.level and b.level < 1:
            if b.level == ANNEX_LEVEL:
                state.stack.clear()  # an attachment belongs to no chapter or article
            state.seen_structure = True
            label = _marker(b).strip() + ("　" + b.text[b.marker_len :].strip() if b.text[b.marker_len :].strip() else "")
            state.push(_Heading(level=b.level, label=label))
            state.last_was_heading = True
            state.pending = (b.start, state.path)
            continue
        region = _region_line(b)
        if region:
            state.stack.clear()
            state.push(_Heading(level=1, label=b.text, region=region))
            state.last_was_heading, state.seen_structure = True, True
            continue
        if b.level:
            state.seen_structure = True
            body_start = b.start + b.marker_len
            items = _items(text, body_start, b.end)
            if items:
                lead = text[body_start : items[0]].strip()
                short = len(lead) <= 2 * HEADING_MAX
                label = _marker(b) + (lead.rstrip(_END) if short else _title(lead))
                state.push(_Heading(level=b.level, label=label, article=bool(ARTICLE.match(b.text))))
                if short:
                    state.pending = (b.start, state.path)  # the heading's words go into the first item's chunk
                else:
                    emit(body_start, items[0])
                _emit_items(text, items, b.end, state, emit)
                continue
            article = bool(ARTICLE.match(b.text))
            state.push(_Heading(level=b.level, label=_marker(b) + _title(b.text[b.marker_len :]), article=article))
            if introduces and not ARTICLE.match(b.text) and _is_heading_only(b.text[b.marker_len :]):
                state.last_was_heading = True
                state.pending = (b.start, state.path)
            else:
                emit(b.start, b.end)
            continue
        in_article = any(h.article for h in state.stack)
        if state.seen_structure and not in_article and _is_unnumbered_heading(b) and not _in_short_line_run(blocks, pos):
            _push_unnumbered(state, b.text)
            continue
        items = _items(text, b.start, b.end) or _continued_items(text, b, state)
        if items:
            lead = text[b.start : items[0]].strip()
            if lead and len(lead) <= HEADING_MAX:
                base = state.stack[-1].level if state.stack else 0
                state.stack.append(_Heading(level=base + 0.05, label=lead.rstrip(_END), scoped=True))
            elif lead:
                emit(b.start, items[0])
            _emit_items(text, items, b.end, state, emit)
        else:
            emit(b.start, b.end)
    return units


def _table_label(blocks: list[Block], pos: int) -> str:
    """「表」, or 「表2」 when an earlier table stands under the same heading."""
    number = 1
    i = pos
    while i > 0 and blocks[i - 1].row is not None:
        i -= 1
    for b in reversed(blocks[:i]):
        if b.level and b.level < 1 or ARTICLE.match(b.text):
            break
        if b.row == 1:
            number += 1
    return "表" if number == 1 else f"表{number}"


def _continued_items(text: str, b: Block, state: _State) -> list[int]:
    """A paragraph opening with 二是/三是… that continues an enumeration begun in an earlier paragraph."""
    m = ITEM.match(b.text)
    if not m or not state.last_item:
        return []
    parent, number = state.last_item
    if parent != tuple(state.path[: len(parent)]) or cn_to_int(m.group(1)) != number + 1:
        return []
    while len(state.stack) > len(parent):
        state.stack.pop()
    return _items(text, b.start, b.end, first=number + 1)


def _push_unnumbered(state: _State, label: str) -> None:
    if state.last_was_heading:
        top = state.stack[-1].level if state.stack else 0
        state.stack.append(_Heading(level=top + 0.1, label=label))
    else:
        while state.stack and (state.stack[-1].level >= 5 or state.stack[-1].after_body):
            state.stack.pop()
        top = state.stack[-1].level if state.stack else 0
        state.stack.append(_Heading(level=top + 0.1, label=label, after_body=True))
    state.last_was_heading = True


def _emit_items(text: str, starts: list[int], end: int, state: _State, emit) -> None:
    """Each item is a clause of its own. An item standing alone on a short line is a heading for the
    paragraphs after it; items sharing a paragraph end with that paragraph."""
    parent = tuple(state.path)
    pending = state.pending
    base = state.stack[-1].level if state.stack else 0
    level = max(5.0, base + 0.01)
    alone = len(starts) == 1 and _is_heading_only(text[starts[0] : end].strip())
    for i, s in enumerate(starts):
        e = starts[i + 1] if i + 1 < len(starts) else end
        state.push(_Heading(level=level, label=_title(text[s:e]), scoped=not alone))
        if i == 0:
            state.pending = pending
        state.last_item = (parent, cn_to_int(ITEM.match(text[s:e]).group(1)))
        if alone:
            state.last_was_heading = True
            state.pending = (s, state.path)
        else:
            emit(s, e)
