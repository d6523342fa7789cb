"""A table printed in the same font and line spacing as the articles around it (fpdf2 / reportlab pages with a
hard line break every few characters, a narrow Chromium page): only the table's lines become rows; the body
lines above and below it, short or long, stay text. The PDF is written with text at set positions
(tests/positioned_pdf.py)."""

from __future__ import annotations

from pathlib import Path

from indexer.loaders import load
from indexer.text import fold_ideographs
from tests.positioned_pdf import positioned_pdf

SIZE = 12.0
STEP = 18.0  # the same baseline step for body lines and table rows
WIDTH = 20  # characters per printed body line


def _hard_lines(text: str) -> list[str]:
    return [text[i : i + WIDTH] for i in range(0, len(text), WIDTH)]


BODY = [
    "第一条　为规范特困人员救助供养工作，根据有关规定，结合本市实际，制定本办法。",
    "第二条　分散供养特困人员的照料护理补贴按月发放给其委托的照料服务人。",
    "第三条　本办法自2025年1月1日起施行。",
]
CAPTION = "湖州市2025年特困人员救助供养标准（单位：元/人·月）"
ROWS = [("县（区）", "基本生活标准", "全护理"), ("吴兴区", "1118", "1100"), ("南浔区", "1092", "1050"),
        ("安吉县", "1066", "1000")]
COLUMNS = (60.0, 160.0, 260.0)  # a wrapped first cell fills its column


def _document() -> bytes:
    pieces, y = [], 800.0
    for paragraph in BODY:
        for line in _hard_lines(paragraph):
            pieces.append((60.0, y, SIZE, line))
            y -= STEP
    for line in ("附件", CAPTION[:WIDTH], CAPTION[WIDTH:]):
        pieces.append((60.0, y, SIZE, line))
        y -= STEP
    for cells in ROWS:
        pieces += [(x, y, SIZE, cell) for x, cell in zip(COLUMNS, cells, strict=True)]
        y -= STEP
    # the last row's first cell wrapped onto a line of its own, at the same step
    pieces += [(60.0, y, SIZE, "长阳土家族自治"), (160.0, y, SIZE, "1014"), (260.0, y, SIZE, "950")]
    y -= STEP
    pieces.append((60.0, y, SIZE, "县"))
    y -= STEP
    pieces.append((60.0, y, SIZE, "注：标准每年调整。"))
    pieces.append((280.0, 40.0, 10.0, "1"))
    return positioned_pdf([pieces])


def _load(tmp_path: Path, data: bytes):
    path = tmp_path / "printed.pdf"
    path.write_bytes(data)
    loaded = load(path)
    return loaded, loaded.text.split("\n")


def test_body_lines_next_to_a_table_stay_text_and_the_rows_keep_their_cells(tmp_path: Path):
    loaded, lines = _load(tmp_path, _document())
    for paragraph in BODY:
        assert paragraph in lines
    assert CAPTION in lines  # the caption wrapped inside its brackets is one line
    assert "注：标准每年调整。" in lines
    assert len(loaded.tables) == 1
    rows = [loaded.text[s:e] for s, e in loaded.tables[0].rows]
    assert rows == [
        "县（区）：吴兴区，基本生活标准：1118元/人·月，全护理：1100元/人·月",
        "县（区）：南浔区，基本生活标准：1092元/人·月，全护理：1050元/人·月",
        "县（区）：安吉县，基本生活标准：1066元/人·月，全护理：1000元/人·月",
        "县（区）：长阳土家族自治县，基本生活标准：1014元/人·月，全护理：950元/人·月",
    ]


def test_a_kangxi_radical_folds_to_the_simplified_character_it_is_printed_as():
    # ⼾ (U+2F3E) is NFKC-equivalent to the traditional 戶; a simplified-Chinese font prints it as 户
    assert fold_ideographs("\u2f3e籍\u2ed4\u2f00") == "户籍门一"


def test_lines_broken_every_n_characters_are_rejoined_by_their_count():
    from indexer.pdf_layout import page_paragraphs

    lines = [
        "第一条　为规范特困人员救助供养工作，根据",
        "有关规定，结合本市实际，制定本办法。",
        # a full line of 20 characters that closes a sentence, printed narrower for its digits
        "第二条　基本生活标准每月为1118元整。",
        "照料护理补贴按月发放给其委托的照料服务",
        "人。",
        # a line opening with an item marker after a line that stops mid-sentence goes on with it
        "第三条　对不符合条件的，依照第四条第一款",
        "（三）项规定处理，并书面告知申请人。",
        "第四条　有下列情形之一的，终止救助供养：",
        "（一）死亡或者被宣告失踪；",
        "（二）恢复劳动能力的。",
    ]
    assert all(len(x) <= 20 for x in lines)
    assert page_paragraphs(["\n".join(lines)]) == [
        "第一条　为规范特困人员救助供养工作，根据有关规定，结合本市实际，制定本办法。",
        "第二条　基本生活标准每月为1118元整。照料护理补贴按月发放给其委托的照料服务人。",
        "第三条　对不符合条件的，依照第四条第一款（三）项规定处理，并书面告知申请人。",
        "第四条　有下列情形之一的，终止救助供养：",
        "（一）死亡或者被宣告失踪；",
        "（二）恢复劳动能力的。",
    ]


def test_a_browsers_print_header_and_footer_are_dropped_even_on_a_single_page():
    from indexer.pdf_layout import page_paragraphs

    page = "\n".join([
        "第一条　为规范临时救助工作，制定本办法。",
        "第二条　本办法自2025年1月1日起施行。",
        "12/2/26, 6:34 AM 湖州市临时救助办法",  # Chromium prints both at the end of the page's text
        "file:///tmp/print/page.html 1/1",
    ])
    top = "\n".join(["2026/12/2 06:34 湖州市临时救助办法", "第三条　本办法由市民政局负责解释。"])
    assert page_paragraphs([page]) == ["第一条　为规范临时救助工作，制定本办法。", "第二条　本办法自2025年1月1日起施行。"]
    assert page_paragraphs([top]) == ["第三条　本办法由市民政局负责解释。"]


def _browser_page() -> bytes:
    """As Chromium prints a page: several glyph runs of one text operation reported at its start (so a body
    line seems to have gaps), and a <table> without padding whose cells almost touch, its first column's
    group label merged over two rows and printed halfway between them."""
    pieces = [
        # 「第三条　对特困人员给予全额资助，对低保对象给予定额资助。」: the last pieces reported at the x of the one before
        (40.0, 750.0, SIZE, "第三条"), (88.0, 750.0, SIZE, "对特困人员给予全额资"), (196.0, 750.0, SIZE, "助"),
        (208.0, 750.0, SIZE, "，对低保对象给予"), (208.0, 750.0, SIZE, "定额资助。"),
        (40.0, 732.0, SIZE, "第四条"), (88.0, 732.0, SIZE, "年度救助限额为每人6万元，门诊"), (88.0, 732.0, SIZE, "慢特病救助纳入年度限额。"),
        (40.0, 714.0, SIZE, "第五条"), (88.0, 714.0, SIZE, "本办法自2025年5月1日起施行，有效期"), (88.0, 714.0, SIZE, "5年。"),
        (40.0, 684.0, SIZE, "附件"),
        (100.0, 660.0, SIZE, "湖州市医疗救助标准一览表"),
        (36.0, 630.0, SIZE, "救助对象"), (87.0, 630.0, SIZE, "救助项目"), (138.0, 630.0, SIZE, "救助比例"), (189.0, 630.0, SIZE, "年度限额"),
        (87.0, 612.0, SIZE, "住院"), (138.0, 612.0, SIZE, "100%"), (189.0, 612.0, SIZE, "60000"),
        (36.0, 601.0, SIZE, "特困人员"),
        (87.0, 591.0, SIZE, "门诊"), (138.0, 591.0, SIZE, "90%"), (189.0, 591.0, SIZE, "60000"),
        (36.0, 570.0, SIZE, "低保对象"), (87.0, 570.0, SIZE, "住院"), (138.0, 570.0, SIZE, "75%"), (189.0, 570.0, SIZE, "60000"),
        (36.0, 549.0, SIZE, "边缘家庭"), (87.0, 549.0, SIZE, "住院"), (138.0, 549.0, SIZE, "65%"), (189.0, 549.0, SIZE, "60000"),
    ]
    return positioned_pdf([pieces])


def test_a_browser_printed_page_keeps_its_articles_and_rebuilds_a_tight_table(tmp_path: Path):
    loaded, lines = _load(tmp_path, _browser_page())
    assert "第三条对特困人员给予全额资助，对低保对象给予定额资助。" in [x.replace("\u3000", "").replace(" ", "") for x in lines]
    assert any(x.startswith("第四条") and x.endswith("慢特病救助纳入年度限额。") for x in lines)
    assert len(loaded.tables) == 1
    rows = [loaded.text[s:e] for s, e in loaded.tables[0].rows]
    assert rows == [
        "救助对象：特困人员，救助项目：住院，救助比例：100%，年度限额：60000",
        "救助对象：特困人员，救助项目：门诊，救助比例：90%，年度限额：60000",
        "救助对象：低保对象，救助项目：住院，救助比例：75%，年度限额：60000",
        "救助对象：边缘家庭，救助项目：住院，救助比例：65%，年度限额：60000",
    ]


def test_curly_quotes_are_not_set_apart_from_the_chinese_around_them():
    from indexer.pdf_layout import page_paragraphs

    assert page_paragraphs(["第六条　就医的，实行 “ 一站式 ” 同步结算。"]) == ["第六条　就医的，实行“一站式”同步结算。"]


def _embedded_cmap_pdf(text: str) -> bytes:
    """A page whose Type0 font has its /Encoding as an embedded CMap over one two-byte code space (codes to
    glyph ids, as fpdf2 writes for OpenType CJK fonts) and a ToUnicode map from the same codes."""
    from tests.positioned_pdf import _TO_UNICODE, pdf_bytes

    codes = sorted({ord(ch) for ch in text})
    encoding = (
        b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /Adobe-Identity-UCS def /CMapType 1 def\n"
        b"1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n%d begincidchar\n" % len(codes)
        + b"".join(b"<%04X> %d\n" % (c, i + 1) for i, c in enumerate(codes))
        + b"endcidchar\nendcmap CMapName currentdict /CMap defineresource pop end end"
    )
    glyphs = "".join(f"{ord(ch):04X}" for ch in text)
    stream = f"BT /F1 12 Tf 1 0 0 1 60 780 Tm <{glyphs}> Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type0 /BaseFont /CJK /Encoding 6 0 R /DescendantFonts [7 0 R] /ToUnicode 8 0 R >>",
        b"<< /Type /CMap /CMapName /Adobe-Identity-UCS /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >>"
        b" /Length %d >>\nstream\n" % len(encoding) + encoding + b"\nendstream",
        b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /CJK /DW 1000"
        b" /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> >>",
        b"<< /Length %d >>\nstream\n" % len(_TO_UNICODE) + _TO_UNICODE + b"\nendstream",
    ]
    return pdf_bytes(objects)


def test_a_font_encoded_by_an_embedded_two_byte_cmap_is_read_by_its_codes(tmp_path: Path):
    text = "第一条　为规范特困人员救助供养工作，制定本办法。"
    _, lines = _load(tmp_path, _embedded_cmap_pdf(text))
    assert text in lines
