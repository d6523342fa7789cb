"""Read policy files of the supported formats into plain text: one paragraph per line, tables as rows.

Every reader is bounded (``Limits``): text is counted while it is extracted, so a small file that unpacks
to a huge one is refused before anything is parsed in full, chunked or embedded.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from indexer.pdf_layout import TABLE_MARK, page_paragraphs
from indexer.pdf_tables import page_tables, replace_tables
from indexer.text import fold_ideographs

SUPPORTED = (".txt", ".md", ".html", ".htm", ".docx", ".pdf", ".doc", ".wps")
# formats read by converting to .docx with LibreOffice (when it is installed)
CONVERTED = (".doc", ".wps")


class LoadError(Exception):
    """A file that cannot be read as a policy document; the message names the file."""


class TooLarge(LoadError):
    """A file whose content exceeds the extraction limits (a bomb, or far more than one policy document)."""


@dataclass(frozen=True)
class Limits:
    max_chars: int = 1_000_000  # extracted characters per file
    max_unpacked_bytes: int = 32 * 1024 * 1024  # XML inside a .docx, read before parsing
    max_pages: int = 500  # PDF pages
    convert_timeout_s: float = 60.0


@dataclass(frozen=True)
class TableSpan:
    """A table in the loaded text: the original offsets of each data row's line (header excluded)."""

    header: tuple[str, ...]
    rows: tuple[tuple[int, int], ...]


@dataclass
class Loaded:
    text: str
    tables: list[TableSpan] = field(default_factory=list)


class _Budget:
    """Counts extracted characters and refuses the file as soon as the cap is passed."""

    def __init__(self, name: str, limits: Limits):
        self.name, self.limits, self.used = name, limits, 0

    def take(self, text: str) -> str:
        self.used += len(text)
        if self.used > self.limits.max_chars:
            raise TooLarge(f"{self.name}: 文件内容过多（提取的文字超过 {self.limits.max_chars} 字），已拒绝")
        return text


class _Writer:
    """Collects paragraphs and table rows into one text, recording where each row ends up."""

    def __init__(self, budget: _Budget):
        self.budget = budget
        self.parts: list[str] = []
        self.pos = 0
        self.tables: list[TableSpan] = []

    def line(self, text: str) -> tuple[int, int]:
        text = self.budget.take(re.sub(r"[\r\n\ufeff]+", " ", text).strip())
        start = self.pos
        self.parts.append(text + "\n")
        self.pos += len(text) + 1
        return start, start + len(text)

    def table(self, rows: list[list[str]]) -> None:
        rows = [r for r in rows if any(c.strip() for c in r)]
        if not rows:
            return
        header = tuple(c.strip() for c in rows[0])
        unit = _caption_unit(self.parts[-1] if self.parts else "")
        if unit:  # 「…标准（单位：元/人·月）」 above the table: the unit of every column of figures that states none
            figures = [sum(1 for r in rows[1:] if k < len(r) and _FIGURE.match(r[k].strip())) * 2 > len(rows) - 1
                       for k in range(len(header))]
            header = tuple(h if not h or _UNIT.match(h) or not figures[k] else f"{h}（{unit}）" for k, h in enumerate(header))
        if any(c.endswith((":", "：")) for c in header):  # a layout table of 「名称：值」 pairs, not data
            for cells in rows:
                self.line(" ".join(c.strip() for c in cells if c.strip()))
            return
        spans = []
        for cells in rows[1:]:
            cells = [c.strip() for c in cells]
            if tuple(cells) == header:  # a header repeated on a new page
                continue
            spans.append(self.line(row_text(header, cells)))
        if not spans:  # a one-row table is a line of text
            self.line(" ".join(c for c in header if c))
            return
        self.tables.append(TableSpan(header=header, rows=tuple(spans)))

    def result(self) -> Loaded:
        return Loaded(text="".join(self.parts), tables=self.tables)


# a column name that states its unit: 「城市低保标准（元/人·月）」 → name 「城市低保标准」, unit 「元/人·月」
_UNIT = re.compile(r"^(?P<name>.+?)\s*[(（](?P<unit>[^()（）]*[元%‰][^()（）]*)[)）]$")
_FIGURE = re.compile(r"^[\d.,，]+(?:\s*[—\-~～至]\s*[\d.,，]+)?$")


_CAPTION_UNIT = re.compile(r"单位\s*[:：]\s*([^()（）,，;；\s]*[元%‰][^()（）,，;；\s]*)")


def _caption_unit(caption: str) -> str:
    m = _CAPTION_UNIT.search(caption)
    return m.group(1) if m else ""


def _cell(name: str, value: str) -> str:
    """「名称：值」, the column's unit moved behind a bare figure (「农村低保标准：565元/人·月」)."""
    m = _UNIT.match(name)
    if m:
        return f"{m.group('name')}：{value}{m.group('unit') if _FIGURE.match(value) else ''}"
    return f"{name}：{value}"


def row_text(header: tuple[str, ...], cells: list[str]) -> str:
    """A data row that reads on its own: each cell with its column name (「地区：甲市，标准：800元」), separated
    by commas so the row stays one sentence when quoted, and each figure stays with its own column name."""
    if len(header) != len(cells) or not all(header):
        return " ".join(c for c in cells if c)
    return "，".join(_cell(h, c) for h, c in zip(header, cells, strict=True) if c)


def load(path: Path, limits: Limits | None = None) -> Loaded:
    limits = limits or Limits()
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        raise LoadError(f"{path.name}: 不支持的文件类型 {suffix or '(无扩展名)'}；支持 {', '.join(SUPPORTED)}")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise LoadError(f"{path.name}: 无法读取文件（{exc.strerror}）") from exc
    budget = _Budget(path.name, limits)
    try:
        loaded = _READERS[suffix](path, data, budget)
    except LoadError:
        raise
    except Exception as exc:  # noqa: BLE001 - any parser failure means this one file is unreadable
        raise LoadError(f"{path.name}: 文件已损坏或格式不正确（{type(exc).__name__}）") from exc
    text = loaded.text
    if not loaded.tables:  # readers with tables write clean lines themselves, with the rows' offsets
        text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")
    # same length in and out, so table offsets stay valid
    text = fold_ideographs(text)
    if not text.strip():
        raise LoadError(f"{path.name}: 文件中没有可读取的文字（扫描版PDF需先做文字识别）")
    return Loaded(text=text, tables=loaded.tables)


def load_text(path: Path, limits: Limits | None = None) -> str:
    return load(path, limits).text


def decode(name: str, data: bytes) -> str:
    """Bytes of a text file to str: UTF-8 when valid, else the encoding charset-normalizer finds most
    coherent (it tells GB18030 from Big5); text that decodes to nothing readable is refused."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    text = str(best) if best is not None else ""
    if not text or not _readable(text):
        raise LoadError(f"{name}: 文本编码无法识别或内容是乱码（请另存为 UTF-8）")
    return text


_READABLE = re.compile(r"[\u4e00-\u9fff\u3000-\u303f\uff00-\uffefA-Za-z0-9\s.,;:!?()%\-/]")


def _readable(text: str) -> bool:
    """Most characters are Chinese, ASCII or CJK punctuation (a wrong decoding yields kana, symbols, controls)."""
    sample = text[:20000]
    return sum(1 for ch in sample if _READABLE.match(ch)) >= 0.9 * len(sample)


def _read_plain(path: Path, data: bytes, budget: _Budget) -> Loaded:
    return Loaded(text=budget.take(decode(path.name, data)))


_BLOCKS = ["h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "table", "div"]
_BREAK = "\x00"  # stands for a <br> while an element's text is read


def _read_html(path: Path, data: bytes, budget: _Budget) -> Loaded:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(decode(path.name, data), "html.parser")
    for tag in soup(["script", "style", "nav", "header", "footer", "noscript"]):
        tag.decompose()
    for br in soup.find_all("br"):  # a CMS writes several articles as one <p> broken by <br>
        br.replace_with(_BREAK)
    _wrap_loose_text(soup)
    out = _Writer(budget)
    for el in soup.find_all(_BLOCKS):
        if el.name == "table":
            if el.find_parent("table") is None:
                out.table(_html_rows(el))
            continue
        if el.find_parent("table") is not None:
            continue
        if el.name == "div" and el.find(_BLOCKS):
            continue  # a container: its blocks are read on their own
        if el.name in ("p", "li") and el.find_parent(["p", "li"]) is not None:
            continue
        if _mostly_links(el):
            continue  # a menu item, a breadcrumb, a list of other documents: site navigation
        for line in _html_text(el).split(_BREAK):
            line = re.sub(r"[ \t\r\n\f]+", " ", line).strip()
            if line:
                out.line(line)
    loaded = out.result()
    if not loaded.text.strip():
        return Loaded(text=budget.take(soup.get_text("\n", strip=True).replace(_BREAK, "\n")))
    return loaded


def _wrap_loose_text(soup) -> None:
    """Text written straight into a container next to its blocks (「<div>第一条…<p>第二条…</p></div>」) is
    put in a <p> of its own, in place, so that it is read in order like the blocks around it."""
    from bs4 import NavigableString, Tag

    for div in soup.find_all("div"):
        if not div.find(_BLOCKS):
            continue
        run: list = []
        for child in [*div.children, None]:
            block = child is None or (isinstance(child, Tag) and (child.name in _BLOCKS or child.find(_BLOCKS)))
            if not block and isinstance(child, (NavigableString, Tag)):
                run.append(child)
                continue
            if any(str(x).replace(_BREAK, "").strip() if isinstance(x, NavigableString) else x.get_text().strip()
                   for x in run):
                p = soup.new_tag("p")
                run[0].insert_before(p)
                for x in run:
                    p.append(x.extract())
            run = []


def _html_text(el) -> str:
    """The element's text as a browser shows it: inline pieces (<span>, <strong>, <a>) run on without a
    separator; whitespace in the source collapses to one space."""
    return el.get_text("")


def _mostly_links(el) -> bool:
    text = re.sub(r"\s+", "", el.get_text("").replace(_BREAK, ""))
    linked = sum(len(re.sub(r"\s+", "", a.get_text(""))) for a in el.find_all("a"))
    return bool(text) and linked >= 0.5 * len(text)


def _html_rows(table) -> list[list[str]]:
    """The table's rows as a grid: a cell merged over rows (rowspan) is repeated in each row it covers, so
    every row has its cells under their header; a header cell merged over columns names each of them."""
    rows: list[list[str]] = []
    carried: dict[int, tuple[str, int]] = {}  # column → (text, rows still covered)
    for tr in table.find_all("tr"):
        if tr.find_parent("table") is not table:
            continue
        row: list[str] = []
        cells = iter(tr.find_all(["td", "th"], recursive=False))
        col = 0
        while True:
            if col in carried:
                text, left = carried[col]
                row.append(text)
                carried[col] = (text, left - 1)
                if left <= 1:
                    del carried[col]
                col += 1
                continue
            cell = next(cells, None)
            if cell is None:
                break
            text = re.sub(r"[ \t\r\n\f]+", " ", cell.get_text(" ").replace(_BREAK, " ")).strip()
            span_r, span_c = _span(cell.get("rowspan")), _span(cell.get("colspan"))
            for k in range(span_c):
                # a header merged over columns names each of them; a merged data cell is said once
                value = text if k == 0 or not rows else ""
                row.append(value)
                if span_r > 1:
                    carried[col + k] = (value, span_r - 1)
            col += span_c
        rows.append(row)
    return rows


def _span(value) -> int:
    try:
        return max(1, min(int(str(value).strip()), 100))
    except (TypeError, ValueError):
        return 1


def _check_docx_package(name: str, data: bytes, budget: _Budget) -> None:
    """Stream the package's XML parts before python-docx parses them whole: refuse too much XML or text."""
    from lxml import etree

    limits = budget.limits
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        if "word/document.xml" not in zf.namelist():
            raise LoadError(f"{name}: 不是有效的 Word 文档（缺少 word/document.xml）")
        unpacked = 0
        for info in zf.infolist():
            if not info.filename.endswith(".xml"):
                continue
            parser = etree.XMLPullParser(events=("end",), tag="{*}t", resolve_entities=False, no_network=True)
            chars = 0
            with zf.open(info) as fh:
                while block := fh.read(256 * 1024):
                    unpacked += len(block)
                    if unpacked > limits.max_unpacked_bytes:
                        raise TooLarge(f"{name}: 文件解压后过大（超过 {limits.max_unpacked_bytes // (1024 * 1024)} MB），已拒绝")
                    parser.feed(block)
                    for _, el in parser.read_events():
                        chars += len(el.text or "")
                        el.clear()
                    if chars > limits.max_chars:
                        raise TooLarge(f"{name}: 文件内容过多（提取的文字超过 {limits.max_chars} 字），已拒绝")


def _read_docx(path: Path, data: bytes, budget: _Budget) -> Loaded:
    import docx
    from docx.table import Table

    from indexer.docx_numbering import Numbering

    _check_docx_package(path.name, data, budget)
    document = docx.Document(io.BytesIO(data))
    numbering = Numbering(document)
    out = _Writer(budget)
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            out.table(_docx_rows(block))
            continue
        label = numbering.label(block)  # Word's automatic 「第一条」/「（一）」 is not in the paragraph's text
        if block.text.strip():
            out.line((label + ("\u3000" if label.startswith("第") else "") if label else "") + block.text)
    return out.result()


def _docx_rows(table) -> list[list[str]]:
    rows = []
    for row in table.rows:
        cells, seen = [], set()
        for cell in row.cells:
            if id(cell._tc) in seen:  # a merged cell is returned once per grid column it spans
                continue
            seen.add(id(cell._tc))
            cells.append(cell.text)
        rows.append(cells)
    return rows


def _read_pdf(path: Path, data: bytes, budget: _Budget) -> Loaded:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    if len(reader.pages) > budget.limits.max_pages:
        raise TooLarge(f"{path.name}: 页数过多（{len(reader.pages)} 页，上限 {budget.limits.max_pages} 页），已拒绝")
    for page in reader.pages:
        _identity_encodings(page)
    pages: list[list[str]] = []
    tables: list[list[list[str]]] = []
    last_table = None
    for page in reader.pages:
        lines = fold_ideographs(budget.take(page.extract_text() or "")).split("\n")
        found = page_tables(page, last_table)
        last_table = found[-1] if found else None
        for t in found:
            t.stream_text = fold_ideographs(t.stream_text)
            t.rows = [[fold_ideographs(c) for c in row] for row in t.rows]
        lines = replace_tables(lines, found, f"{TABLE_MARK}{len(tables)}:")
        pages.append(lines)
        tables.extend(t.rows for t in found)
    out = _Writer(budget)
    pending: list[list[str]] = []
    for paragraph in page_paragraphs(pages):
        if paragraph.startswith(TABLE_MARK):
            base, k = paragraph[len(TABLE_MARK) :].split(":")
            rows = tables[int(base) + int(k)]
            # a table continued on the next page (nothing printed between): one table, its header once
            if pending and len(rows[0]) == len(pending[0]):
                pending.extend(rows[1:] if rows[0] == pending[0] else rows)
            else:
                if pending:
                    out.table(pending)
                pending = [list(r) for r in rows]
            continue
        if pending:
            out.table(pending)
            pending = []
        out.line(paragraph)
    if pending:
        out.table(pending)
    return out.result()


_TWO_BYTE_SPACE = re.compile(rb"1\s+begincodespacerange\s*<0000>\s*<FFFF>\s*endcodespacerange", re.I)


def _identity_encodings(page) -> None:
    """A composite font whose /Encoding is an embedded CMap over one two-byte code space (fpdf2 writes one for
    OpenType CJK fonts, mapping codes to the font's glyph ids) is read as Identity-H: the text is found through
    the font's ToUnicode map by the same two-byte codes, while pypdf splits codes of such a CMap into single
    bytes and the page's text comes out spaced and garbled."""
    from pypdf.generic import NameObject

    fonts = (page.get("/Resources") or {}).get("/Font") or {}
    for ref in fonts.values():
        font = ref.get_object()
        encoding = font.get("/Encoding")
        if font.get("/Subtype") != "/Type0" or encoding is None or "/ToUnicode" not in font:
            continue
        cmap = encoding.get_object()
        if isinstance(cmap, NameObject) or not hasattr(cmap, "get_data"):
            continue
        if _TWO_BYTE_SPACE.search(cmap.get_data()[:4096]):
            font[NameObject("/Encoding")] = NameObject("/Identity-V" if cmap.get("/WMode") == 1 else "/Identity-H")


def _read_converted(path: Path, data: bytes, budget: _Budget) -> Loaded:
    """.doc / .wps: converted to .docx by LibreOffice headless, then read as .docx."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise LoadError(f"{path.name}: 暂不支持 {path.suffix} 格式（服务器未安装 LibreOffice），请另存为 .docx 或 PDF 后上传")
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / f"in{path.suffix.lower()}"
        src.write_bytes(data)
        try:
            subprocess.run(
                [soffice, f"-env:UserInstallation=file://{tmp}/profile", "--headless", "--convert-to", "docx", "--outdir", tmp, str(src)],
                check=True,
                capture_output=True,
                timeout=budget.limits.convert_timeout_s,
            )
        except (subprocess.SubprocessError, OSError) as exc:
            raise LoadError(f"{path.name}: 无法转换 {path.suffix} 文件（{type(exc).__name__}），请另存为 .docx 后上传") from exc
        converted = Path(tmp) / "in.docx"
        if not converted.exists():
            raise LoadError(f"{path.name}: 无法转换 {path.suffix} 文件，请另存为 .docx 后上传")
        return _read_docx(path, converted.read_bytes(), budget)


_READERS = {
    ".txt": _read_plain,
    ".md": _read_plain,
    ".html": _read_html,
    ".htm": _read_html,
    ".docx": _read_docx,
    ".pdf": _read_pdf,
    ".doc": _read_converted,
    ".wps": _read_converted,
}
