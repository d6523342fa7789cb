"""Two-column tables in a printed PDF (「县（市、区） | 标准」) are rebuilt as rows with their header, also when
the table runs onto the next page; lines that merely have a gap (「第一条　为…」, a signature of two
offices) stay text. The PDF is written with text at set positions (tests/positioned_pdf.py)."""

from __future__ import annotations

from pathlib import Path

from indexer.chunking import chunk_document
from indexer.corpus import load_document
from indexer.loaders import load
from tests.positioned_pdf import positioned_pdf

SIZE = 12.0
STEP = 20.0  # baseline to baseline of body text


def _body(y: float, marker: str, text: str) -> list[tuple[float, float, float, str]]:
    return [(90.0, y, SIZE, marker), (140.0, y, SIZE, text)]


def _document() -> bytes:
    page1 = [
        (200.0, 800.0, 16.0, "湖州市特困人员救助供养办法"),
        *_body(760.0, "第一条", "为保障特困人员基本生活，根据有关规定，制定本办法。本办法适用于全市。"),
        *_body(740.0, "第二条", "基本生活标准不低于当地低保标准的1.3倍，各区县标准见附件。"),
        *_body(720.0, "第三条", "本办法自2025年3月1日起施行。"),
        (90.0, 680.0, SIZE, "湖州市民政局"), (300.0, 680.0, SIZE, "湖州市财政局"),
        (300.0, 660.0, SIZE, "2025年2月1日"),
        (90.0, 620.0, SIZE, "附件"),
        (90.0, 600.0, SIZE, "湖州市2025年特困人员基本生活标准"),
        (90.0, 574.0, SIZE, "区县"), (220.0, 574.0, SIZE, "基本生活标准（元/人·月）"),
    ]
    rows = [("吴兴区", "1560"), ("南浔区", "1540"), ("德清县", "1530"), ("长兴县", "1520")]
    y = 548.0
    for name, value in rows:
        page1 += [(90.0, y, SIZE, name), (220.0, y, SIZE, value)]
        y -= 26.0
    page1.append((280.0, 40.0, 10.0, "1"))
    page2 = [(90.0, 790.0, SIZE, "安吉县"), (220.0, 790.0, SIZE, "1510"),
             (90.0, 750.0, SIZE, "注：标准每年随低保标准同步调整。"), (280.0, 40.0, 10.0, "2")]
    return positioned_pdf([page1, page2])


def test_a_two_column_table_is_rebuilt_with_its_header_across_the_page_break(tmp_path: Path):
    (tmp_path / "huzhou.pdf").write_bytes(_document())
    loaded = load(tmp_path / "huzhou.pdf")
    assert [t.header for t in loaded.tables] == [("区县", "基本生活标准（元/人·月）")]
    rows = [loaded.text[s:e] for s, e in loaded.tables[0].rows]
    assert rows[0] == "区县：吴兴区，基本生活标准：1560元/人·月"
    assert rows[-1] == "区县：安吉县，基本生活标准：1510元/人·月" and len(rows) == 5
    # articles and the signature are text, not table rows
    assert "第一条\u3000为保障特困人员基本生活" in loaded.text or "第一条 为保障特困人员基本生活" in loaded.text
    assert "湖州市民政局" in loaded.text and "注：标准每年随低保标准同步调整。" in loaded.text


def test_two_column_rows_are_chunks_citing_their_row(tmp_path: Path):
    (tmp_path / "huzhou.pdf").write_bytes(_document())
    chunks = chunk_document(load_document(tmp_path / "huzhou.pdf", {}))
    row = next(c for c in chunks if "安吉县" in c.text)
    assert row.heading_path[0] == "附件" and row.heading_path[-1] == "表 第5行"
    article = next(c for c in chunks if "1.3倍" in c.text)
    assert article.heading_path[0].startswith("第二条")


def test_lines_with_a_gap_but_no_figures_are_no_table(tmp_path: Path):
    lines = [(90.0, 700.0 - 24 * i, SIZE, a) for i, a in enumerate(["甲乡", "乙乡", "丙乡"])]
    lines += [(220.0, 700.0 - 24 * i, SIZE, b) for i, b in enumerate(["负责受理", "负责初审", "负责公示"])]
    lines.insert(0, (90.0, 724.0, SIZE, "单位"))
    lines.insert(1, (220.0, 724.0, SIZE, "职责"))
    (tmp_path / "duty.pdf").write_bytes(positioned_pdf([[*_body(760.0, "第一条", "各乡镇职责如下。"), *lines]]))
    loaded = load(tmp_path / "duty.pdf")
    assert loaded.tables == [] and "甲乡" in loaded.text


def test_rows_of_a_table_not_rebuilt_are_body_text_not_nested_headings():
    from indexer.clauses import parse

    text = "\n".join([
        "第一条　本办法自2025年3月1日起施行。", "附件", "湖州市2025年特困人员基本生活标准", "区县 基本生活标准（元/人·月）",
        "吴兴区1560", "南浔区1540", "德清县1530", "注：标准每年随低保标准同步调整。",
        "分享到：微信 微博", "相关文章", "湖州市医疗救助办法解读",
    ])
    units = parse(text)
    assert all(len(u.path) <= 2 for u in units)  # 附件 > its caption, never 「吴兴区1560 > 南浔区1540 > …」
    body = "\n".join(text[u.start : u.end] for u in units)
    assert "吴兴区1560" in body and "德清县1530" in body and "区县 基本生活标准" in body
    # a run of figure-less short lines (a site's related links) is no table
    assert "相关文章" not in body


def test_articles_printed_with_a_wide_gap_after_their_number_are_no_table(tmp_path: Path):
    # a full-width paragraph above: the short article lines are far from the text block's right edge
    pieces = [(90.0, 790.0, SIZE, "为规范补贴发放工作，根据有关规定，结合本地实际，制定本办法，现予印发，请认真贯彻执行。")]
    pieces += [(90.0, 760.0, SIZE, "第一章"), (160.0, 760.0, SIZE, "总则")]
    for k, text in enumerate(["本办法自2025年3月1日起施行。", "审核在10个工作日内完成。", "补贴按月发放，每月10日前到账。"]):
        pieces += [(90.0, 740.0 - 20 * k, SIZE, f"第{'一二三'[k]}条"), (160.0, 740.0 - 20 * k, SIZE, text)]
    (tmp_path / "gap.pdf").write_bytes(positioned_pdf([pieces]))
    loaded = load(tmp_path / "gap.pdf")
    assert loaded.tables == [] and "审核在10个工作日内完成。" in loaded.text
