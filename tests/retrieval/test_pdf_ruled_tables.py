"""Tables with a drawn grid in a printed PDF are read cell by cell from their ruling lines: a wrapped cell is
one cell, a cell merged over two rows fills both, every row is a chunk citing 「附件1 > … > 表 第N行」. The grid
is drawn as the printing tools draw it: stroked cell rectangles (fpdf2), thin filled rectangles under a
flipped page matrix (Chromium with border-collapse), filled bevel polygons (Chromium with border="1"), line
paths (office suites). The text sits at set positions (tests/positioned_pdf.py); one test prints a real page
with Chromium when it is installed."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from indexer.chunking import chunk_document
from indexer.corpus import load_document
from indexer.loaders import load
from tests.positioned_pdf import positioned_pdf

SIZE = 11.0
XS = [90.0, 170.0, 300.0, 520.0]  # column edges
# row edges (top to bottom): header, 吴兴区, 南浔区 (its 备注 wraps onto a second line), 德清县 and 长兴县
# (their 类别 cell merged over both rows)
YS = [560.0, 536.0, 512.0, 470.0, 446.0, 422.0]
MERGED = {(3, 0)}  # (row, column) whose bottom edge is not drawn: the cell goes on in the next row


def _text() -> list[tuple[float, float, float, str]]:
    pieces = [
        (200.0, 780.0, 16.0, "湖州市最低生活保障实施办法"),
        (90.0, 740.0, SIZE, "第一条　为保障困难群众基本生活，结合本市实际，制定本办法。"),
        (90.0, 720.0, SIZE, "第二条　各区县低保标准见附件1。"),
        (90.0, 600.0, SIZE, "附件1"),
        (90.0, 580.0, SIZE, "2025年湖州市各区县低保标准"),
    ]
    cells = [
        (0, ["类别", "区县", "城市低保标准（元/人·月）"]),
        (1, ["城区", "吴兴区", "1130"]),
        (2, ["城区", "南浔区", ["1130（含城郊结合部，按城", "市标准执行）"]]),
        (3, ["", "德清县", "1100"]),
        (4, ["", "长兴县", "1090"]),
    ]
    for r, row in cells:
        for c, value in enumerate(row):
            lines = value if isinstance(value, list) else [value]
            for k, line in enumerate(lines):
                if line:
                    pieces.append((XS[c] + 4, YS[r] - 16 - 14 * k, SIZE, line))
    # the merged 类别 cell: printed once, centred on its two rows
    pieces.append((XS[0] + 4, (YS[3] + YS[5]) / 2 - 4, SIZE, "县"))
    pieces.append((90.0, 400.0, SIZE, "注：标准自2025年1月1日起执行。"))
    return pieces


def _cells() -> list[tuple[float, float, float, float]]:
    """Each cell's rectangle (x, y, w, h); the merged one once."""
    out = []
    for r in range(len(YS) - 1):
        for c in range(len(XS) - 1):
            if (r - 1, c) in MERGED:
                continue
            bottom = YS[r + 2] if (r, c) in MERGED else YS[r + 1]
            out.append((XS[c], bottom, XS[c + 1] - XS[c], YS[r] - bottom))
    return out


def stroked_cells() -> str:
    """fpdf2: one stroked rectangle per cell."""
    return "0.2 w " + " ".join(f"{x} {y} {w} {h} re S" for x, y, w, h in _cells())


def filled_edges() -> str:
    """Chromium (border-collapse): each cell's edges as filled rectangles one unit thick, in a page space
    flipped and scaled by 0.75 (the text's coordinates are not)."""
    ops = ["q 0.75 0 0 -0.75 0 842 cm"]
    for x, y, w, h in _cells():
        ux, uy, uw, uh = x / 0.75, (842 - (y + h)) / 0.75, w / 0.75, h / 0.75
        ops += [f"{ux} {uy} {uw} 1 re f", f"{ux} {uy + uh} {uw} 1 re f", f"{ux} {uy} 1 {uh} re f",
                f"{ux + uw} {uy} 1 {uh} re f"]
    return " ".join(ops) + " Q"


def bevel_polygons() -> str:
    """Chromium with border="1": every cell its own box, 2 pt inside the one before, edges as filled
    four-sided polygons."""
    ops = []
    for x, y, w, h in _cells():
        x0, y0, x1, y1 = x + 1.5, y + 1.5, x + w - 1.5, y + h - 1.5
        ops += [f"{x0} {y0} m {x1} {y0} l {x1 - 1} {y0 + 1} l {x0 + 1} {y0 + 1} l f",
                f"{x0} {y1} m {x1} {y1} l {x1 - 1} {y1 - 1} l {x0 + 1} {y1 - 1} l f",
                f"{x0} {y0} m {x0} {y1} l {x0 + 1} {y1 - 1} l {x0 + 1} {y0 + 1} l f",
                f"{x1} {y0} m {x1} {y1} l {x1 - 1} {y1 - 1} l {x1 - 1} {y0 + 1} l f"]
    return " ".join(ops)


def line_paths() -> str:
    """An office suite: each grid line as a stroked path, the merged cell's inner edge left out."""
    ops = [f"{XS[0]} {y} m {XS[-1]} {y} l S" for y in YS if y != YS[4]]
    ops.append(f"{XS[1]} {YS[4]} m {XS[-1]} {YS[4]} l S")
    ops += [f"{x} {YS[0]} m {x} {YS[-1]} l S" for x in XS]
    return " ".join(ops)


@pytest.mark.parametrize("drawing", [stroked_cells, filled_edges, bevel_polygons, line_paths])
def test_a_ruled_table_is_read_cell_by_cell(tmp_path: Path, drawing):
    (tmp_path / "huzhou.pdf").write_bytes(positioned_pdf([_text()], [drawing()]))
    loaded = load(tmp_path / "huzhou.pdf")
    assert [t.header for t in loaded.tables] == [("类别", "区县", "城市低保标准（元/人·月）")]
    rows = [loaded.text[s:e] for s, e in loaded.tables[0].rows]
    assert rows == [
        "类别：城区，区县：吴兴区，城市低保标准：1130元/人·月",
        # the wrapped cell is one cell, joined without a break
        "类别：城区，区县：南浔区，城市低保标准：1130（含城郊结合部，按城市标准执行）",
        # the cell merged over two rows says its text in both
        "类别：县，区县：德清县，城市低保标准：1100元/人·月",
        "类别：县，区县：长兴县，城市低保标准：1090元/人·月",
    ]
    assert "第二条" in loaded.text and "注：标准自2025年1月1日起执行。" in loaded.text


def test_ruled_rows_are_chunks_citing_their_row(tmp_path: Path):
    (tmp_path / "huzhou.pdf").write_bytes(positioned_pdf([_text()], [filled_edges()]))
    chunks = chunk_document(load_document(tmp_path / "huzhou.pdf", {}))
    row = next(c for c in chunks if "南浔区" in c.text)
    assert row.heading_path == ["附件1", "2025年湖州市各区县低保标准", "表 第2行"]
    assert "1130（含城郊结合部，按城市标准执行）" in row.text
    assert not any(c.heading_path and c.heading_path[-1] in ("1130", "市标准执行）") for c in chunks)


def test_a_frame_around_a_paragraph_is_no_table(tmp_path: Path):
    pieces = [(100.0, 700.0, SIZE, "第一条　本办法由湖州市民政局负责解释。"), (100.0, 680.0, SIZE, "第二条　本办法自2025年1月1日起施行。")]
    frame = "80 660 400 60 re S 80 600 400 0.5 re f"
    (tmp_path / "frame.pdf").write_bytes(positioned_pdf([pieces], [frame]))
    loaded = load(tmp_path / "frame.pdf")
    assert loaded.tables == [] and "第二条" in loaded.text and "施行。" in loaded.text


_PAGE = """<html><head><meta charset="utf-8"><style>body{{font-family:sans-serif;font-size:15px;margin:40px}}
table{{{collapse}width:100%}} td,th{{{border}padding:4px}}</style></head><body>
<p>第十条　临时救助标准按附件执行。</p><p>附件</p><p>湖州市临时救助分档标准</p>
<table{attr}><tr><th>类型</th><th>困难情形</th><th>救助额度</th></tr>
<tr><td>急难型</td><td>因火灾、交通事故等意外事件导致家庭财产重大损失，基本生活暂时出现严重困难的家庭</td><td>2000元至6000元</td></tr>
<tr><td rowspan="2">一事一议</td><td>经上述救助后仍有严重困难</td><td>最高30000元</td></tr>
<tr><td>特别重大困难</td><td>最高50000元</td></tr></table><p>注：救助额度按家庭人口计算。</p></body></html>"""


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("chromium") is None, reason="Debian's chromium is not installed")
@pytest.mark.parametrize("style", [{"collapse": "border-collapse:collapse;", "border": "border:1px solid #000;", "attr": ""},
                                   {"collapse": "", "border": "", "attr": ' border="1"'}])
def test_a_table_printed_by_chromium_keeps_its_wrapped_and_merged_cells(tmp_path: Path, style):
    src = tmp_path / "page.html"
    src.write_text(_PAGE.format(**style), encoding="utf-8")
    target = tmp_path / "page.pdf"
    subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                    f"--print-to-pdf={target}", src.as_uri()], check=True, capture_output=True, timeout=120)
    loaded = load(target)
    rows = [loaded.text[s:e] for t in loaded.tables for s, e in t.rows]
    assert rows == [
        "类型：急难型，困难情形：因火灾、交通事故等意外事件导致家庭财产重大损失，基本生活暂时出现严重困难的家庭，救助额度：2000元至6000元",
        "类型：一事一议，困难情形：经上述救助后仍有严重困难，救助额度：最高30000元",
        "类型：一事一议，困难情形：特别重大困难，救助额度：最高50000元",
    ]


_BORDERLESS = """<html><head><meta charset="utf-8"><style>body{font-family:sans-serif;font-size:15px;margin:40px}
table{width:100%}</style></head><body>
<p>第十条　临时救助标准按附件执行。</p><p>附件</p><p>湖州市临时救助分档标准</p>
<table><tr><th>类型</th><th>困难情形</th><th>救助额度</th></tr>
<tr><td>急难型</td><td>因火灾、交通事故等意外事件导致家庭财产重大损失，基本生活暂时出现严重困难的家庭</td><td>2000元至6000元</td></tr>
<tr><td>支出型</td><td>年度自负医疗费用超过家庭年收入40%且超过3万元</td><td>不超过当地月低保标准的12倍</td></tr>
</table><p>注：救助额度按家庭人口计算。</p></body></html>"""


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("chromium") is None, reason="Debian's chromium is not installed")
def test_a_borderless_table_printed_by_chromium_is_rebuilt_from_its_columns(tmp_path: Path):
    """No grid, cells almost touching, single-line cells centred beside wrapped ones, figures in a font of
    their own (their glyph runs start where the estimate of the text before them ends too early)."""
    src = tmp_path / "page.html"
    src.write_text(_BORDERLESS, encoding="utf-8")
    target = tmp_path / "page.pdf"
    subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                    f"--print-to-pdf={target}", src.as_uri()], check=True, capture_output=True, timeout=120)
    loaded = load(target)
    rows = [loaded.text[s:e] for t in loaded.tables for s, e in t.rows]
    assert rows == [
        "类型：急难型，困难情形：因火灾、交通事故等意外事件导致家庭财产重大损失，基本生活暂时出现严重困难的家庭，救助额度：2000元至6000元",
        "类型：支出型，困难情形：年度自负医疗费用超过家庭年收入40%且超过3万元，救助额度：不超过当地月低保标准的12倍",
    ]
    assert "注：救助额度按家庭人口计算。" in loaded.text.splitlines()
