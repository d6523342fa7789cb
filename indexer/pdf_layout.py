"""Printed PDF pages back to paragraphs: drop running headers, footers and page numbers, re-join wrapped lines.

A PDF's text layer has one printed line per line. A line is joined to the next when it runs to the full
width of the text block and does not close a sentence; a short line ends its paragraph; a line opening with
a structural marker (第X条, （一）…) starts one. A marker alone on its line (「第一条」) is joined to the words
that follow it. An article marker that does not continue the article numbering is a wrapped reference
(「…依照本办法」/「第十条规定执行。」), not a new article.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path

import yaml

from indexer.numerals import parse_cjk

_DATA = Path(__file__).with_name("data") / "pdf_layout.yaml"
TABLE_MARK = "\x00表"  # a line standing for a table rebuilt from the page layout (indexer.pdf_tables)
_EDGE = 4  # lines at the top and bottom of a page where headers, footers and page numbers sit
_ARTICLE = re.compile(r"^第([一二三四五六七八九十百零〇0-9]+)条")
_LEVEL = re.compile(r"^第[一二三四五六七八九十百零〇0-9]+[编章节]")
_CJK_ASCII_GAP = re.compile(r"(?<=[\u4e00-\u9fff，。、；：）])[ ]+(?=[0-9A-Za-z%])|(?<=[0-9A-Za-z%])[ ]+(?=[\u4e00-\u9fff，。、；：（）])")
# pypdf sets curly quotes apart from the Chinese around them: 「实行 “ 一站式 ” 同步结算」
_QUOTE_GAP = re.compile(r"(?<=[\u4e00-\u9fff，。、；：（）“”‘’])[ ]+(?=[“”‘’])|(?<=[“”‘’])[ ]+(?=[\u4e00-\u9fff，。、；：（）])")


@lru_cache(maxsize=1)
def _rules() -> dict:
    data = yaml.safe_load(_DATA.read_text(encoding="utf-8"))
    return {
        "page_number": [re.compile(rf"^\s*(?:{p})\s*$") for p in data["page_number"]],
        "continues_line": set(data["continues_line"]),
        "ends_paragraph": set(data["ends_paragraph"]),
        "paragraph_start": re.compile("^(?:" + "|".join(data["paragraph_start"]) + ")"),
    }


def starts_paragraph(line: str) -> bool:
    """The line opens with a structural marker (第X条, （一）, 一、…)."""
    return bool(_rules()["paragraph_start"].match(line.strip()))


def width(line: str) -> float:
    """Printed width in full-width character units (ASCII letters and digits are half as wide)."""
    return sum(1.0 if unicodedata.east_asian_width(ch) in "WF" else 0.5 for ch in line)


def _key(line: str) -> str:
    return re.sub(r"\d+", "#", re.sub(r"\s+", "", line))


def _strip_running(pages: list[list[str]]) -> list[list[str]]:
    """Remove page numbers and lines repeated at the top or bottom of most pages."""
    rules = _rules()
    counts: dict[str, int] = {}
    for lines in pages:
        edge = {_key(x) for x in lines[:_EDGE] + lines[-_EDGE:] if x.strip() and not x.startswith(TABLE_MARK)}
        for k in edge:
            counts[k] = counts.get(k, 0) + 1
    # on (nearly) every page: a table header repeated on two pages of four is not a running header
    running = {k for k, n in counts.items() if len(pages) >= 2 and n >= max(2, -(-3 * len(pages) // 5))}
    out = []
    for lines in pages:
        keep = []
        for i, line in enumerate(lines):
            at_edge = i < _EDGE or i >= len(lines) - _EDGE
            if at_edge and line.strip() and not line.startswith(TABLE_MARK) and (
                _key(line) in running or any(p.match(line) for p in rules["page_number"])
            ):
                continue
            keep.append(line)
        out.append(keep)
    return out


def _article_number(line: str) -> int | None:
    m = _ARTICLE.match(line)
    if not m:
        return None
    raw = m.group(1)
    return int(raw) if raw.isdigit() else int(parse_cjk(raw) or 0)


def page_paragraphs(page_texts: list[str] | list[list[str]]) -> list[str]:
    """Paragraphs of the pages (each given as its text, or as its lines)."""
    rules = _rules()
    pages = _strip_running([t.split("\n") if isinstance(t, str) else t for t in page_texts])
    lines = [_QUOTE_GAP.sub("", _CJK_ASCII_GAP.sub("", line.rstrip())) for page in pages for line in page]
    widths = sorted(width(x.strip()) for x in lines if x.strip())
    # the text block's width: what most long lines reach
    full = widths[int(0.9 * (len(widths) - 1))] if widths else 0.0
    # tools that break every N characters (fpdf2, reportlab scripts) make full lines of N characters,
    # narrower in print when they hold digits
    counts = sorted(len(x.strip()) for x in lines if x.strip())
    full_count = counts[int(0.9 * (len(counts) - 1))] if counts else 0
    paragraphs: list[str] = []
    current = ""
    last_article = 0
    prev_full = False

    def flush() -> None:
        nonlocal current
        if current.strip():
            paragraphs.append(current.strip())
        current = ""

    for raw in lines:
        if raw.startswith(TABLE_MARK):
            flush()
            paragraphs.append(raw)
            prev_full = False
            continue
        line = raw.strip().strip("\u3000").strip()
        if not line:
            flush()  # an empty or blank-only line separates paragraphs
            prev_full = False
            continue
        indented = raw[:1] in (" ", "\u3000", "\t")
        article = _article_number(line)
        starts = bool(rules["paragraph_start"].match(line))
        if article is not None and current and prev_full and not indented and article != last_article + 1:
            starts = False  # a wrapped reference to an article, not the next article
        if (starts and article is None and not _LEVEL.match(line) and current and prev_full and not indented
                and current[-1] not in rules["ends_paragraph"] and not _bare_marker(current)):
            starts = False  # 「…依照本条第一款」/「（三）项规定」: a list item follows a sentence's end or a colon
        if line[0] in rules["continues_line"] and current:
            current += line
        elif current and _bare_marker(current):
            current += "\u3000" + line
        elif not current or starts or indented or not prev_full:
            flush()
            current = line
        else:
            # a space only between two Latin words; numbers and Chinese wrap without one
            current += (" " if current[-1].isascii() and current[-1].isalpha() and line[0].isascii() and line[0].isalpha() else "") + line
        if article is not None and starts:
            last_article = article
        # a line that closes a sentence continues only when it runs to the full width; one that stops
        # mid-sentence is wrapped unless it is clearly short (first lines may be indented, digits narrower)
        closes = current[-1] in rules["ends_paragraph"]
        prev_full = (width(line) >= (full - 1.5 if closes else 0.75 * full) or _unclosed(current)
                     or (full_count >= 10 and len(line) >= full_count))
    flush()
    return paragraphs


def _bare_marker(text: str) -> bool:
    """A line that is only a structural marker, e.g. 「第一条」 or 「（一）」, waiting for its words."""
    m = _rules()["paragraph_start"].match(text)
    return bool(m) and m.end() == len(text) and not text.startswith("附件")


_PAIRS = ("（）", "()", "《》", "“”", "〔〕", "【】")


def _unclosed(text: str) -> bool:
    """A bracket or quotation opened and not yet closed: the paragraph goes on on the next line, however
    short this one is (a caption 「…标准（单位：」 wrapped before 「元/人·月）」)."""
    return any(text.count(a) > text.count(b) for a, b in _PAIRS)
