"""An office's own documents: 第X章/第X条 with items, Word tables, printed PDFs, radicals, bounded extraction.

The documents here are composed for these tests (a fictional 某某市 office), not taken from any set."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import docx
import numpy as np
import pytest

from assistant.retrieval.articles import (
    asked_articles,
    chunk_articles,
    confirm_asked_article,
    outside_articles,
    rank_asked_articles,
)
from assistant.retrieval.evidence import Verdict
from eval.office import bomb_docx
from indexer.chunking import chunk_document
from indexer.corpus import load_document
from indexer.loaders import Limits, LoadError, TooLarge, load
from indexer.metadata import guess_meta
from indexer.models import Chunk
from indexer.pdf_layout import page_paragraphs
from indexer.text import fold_ideographs

ARTICLES = [
    "湖州市民政局　湖州市财政局",
    "关于印发《湖州市医疗救助实施办法》的通知",
    "湖民发〔2025〕7号",
    "湖州市医疗救助实施办法",
    "第一章　总则",
    "第一条　为规范医疗救助工作，减轻困难群众医疗费用负担，制定本办法。",
    "第二章　救助对象",
    "第二条　下列人员可以申请医疗救助：",
    "（一）最低生活保障对象；",
    "（二）特困人员；",
    "（三）低保边缘家庭成员。",
    "前款所列人员以外的因病致贫重病患者，经县级民政部门认定，可以参照执行。",
    "第三条　救助标准见附件。",
    "第三章　附则",
    "第四条　本办法自2025年3月1日起施行。",
    "湖州市民政局",
    "2025年2月10日",
]


def office_docx(path: Path) -> Path:
    document = docx.Document()
    for line in ARTICLES:
        document.add_paragraph(line)
    document.add_paragraph("附件1")
    document.add_paragraph("湖州市2025年医疗救助比例")
    table = document.add_table(rows=3, cols=3)
    for r, cells in enumerate([("对象", "住院救助比例", "年度限额（元）"), ("特困人员", "100%", "60000"), ("低保对象", "80%", "40000")]):
        for c, value in enumerate(cells):
            table.cell(r, c).text = value
    document.add_paragraph("注：门诊慢特病费用纳入住院救助限额。")
    document.save(path)
    return path


@pytest.fixture
def chunks(tmp_path: Path) -> list[Chunk]:
    return chunk_document(load_document(office_docx(tmp_path / "huzhou.docx")))


def test_chapters_articles_and_items_form_one_hierarchy(chunks):
    article = next(c for c in chunks if c.text.startswith("第二条"))
    # the article with its items and its closing paragraph is one chunk under 第二章 > 第二条
    assert article.heading_path[0] == "第二章　救助对象" and article.heading_path[1].startswith("第二条")
    assert "（三）低保边缘家庭成员" in article.text and "参照执行" in article.text
    first = next(c for c in chunks if "规范医疗救助" in c.text)
    assert first.heading_path[0] == "第一章　总则"


def test_no_invented_item_numbers(chunks):
    labels = [label for c in chunks for label in c.heading_path]
    assert not any(label.startswith(("(四)", "（四）")) for label in labels)


def test_word_table_rows_are_chunks_citing_their_row_with_the_header(chunks):
    rows = [c for c in chunks if c.heading_path and c.heading_path[-1].startswith("表 第")]
    assert [c.heading_path[-1] for c in rows] == ["表 第1行", "表 第2行"]
    assert rows[1].heading_path[0] == "附件1"
    assert rows[1].text == "对象：低保对象，住院救助比例：80%，年度限额：40000元"
    note = next(c for c in chunks if c.text.startswith("注："))
    assert note.heading_path[0] == "附件1" and "第四条" not in " ".join(note.heading_path)


def test_the_notice_around_the_articles_is_told_apart_from_them(chunks):
    doc_of = np.zeros(len(chunks), dtype=np.int64)
    outside = outside_articles(chunks, chunk_articles(chunks), doc_of)
    apart = {c.text.splitlines()[0][:12] for c, o in zip(chunks, outside, strict=True) if o}
    assert any("关于印发" in t or "湖州市民政局" in t for t in apart)  # the 印发 notice
    assert not any(t.startswith(("第", "对象", "注")) for t in apart)  # articles, table rows and notes are kept
    # a document without articles has nothing outside them
    plain = [c.model_copy(update={"heading_path": [], "text": "各地要做好救助工作。"}) for c in chunks[:3]]
    assert not outside_articles(plain, chunk_articles(plain), doc_of[:3]).any()


def test_metadata_is_read_from_the_text_and_marked_as_guessed(tmp_path: Path):
    meta = load_document(office_docx(tmp_path / "huzhou.docx")).meta
    assert meta.title == "湖州市医疗救助实施办法" and meta.kind == "办法"
    assert meta.issuer == "湖州市民政局 湖州市财政局" and meta.doc_number == "湖民发〔2025〕7号"
    assert meta.region == "湖州市" and meta.level == "prefecture"
    assert meta.date_written == "2025-02-10" and meta.date_effective == "2025-03-01"
    assert {"title", "issuer", "region", "date_effective"} <= set(meta.guessed)


def test_metadata_without_clues_guesses_nothing():
    meta = guess_meta("x.txt", "一些说明文字，没有标题也没有日期。")
    assert meta.guessed == [] and meta.region == "" and meta.kind == "用户上传"


def test_printed_pdf_lines_become_paragraphs_without_running_headers():
    page1 = "\n".join(
        [
            "湖州市民政局规范性文件",
            "第一条　为规范医疗救助工作，减轻困难群众医疗费用负担，根据有关规",
            "定，制定本办法。",
            "第二条",
            "下列人员可以申请医疗救助：",
            "（一）最低生活保障对象；",
            "（二）特困人员的医疗费用，依照本办法",
            "第 1 页",
        ]
    )
    page2 = "\n".join(["湖州市民政局规范性文件", "第五条规定执行。", "第三条　本办法自2025年3月1日起施行。", "- 2 -"])
    paragraphs = page_paragraphs([page1, page2])
    assert paragraphs == [
        "第一条　为规范医疗救助工作，减轻困难群众医疗费用负担，根据有关规定，制定本办法。",
        "第二条\u3000下列人员可以申请医疗救助：",
        "（一）最低生活保障对象；",
        "（二）特困人员的医疗费用，依照本办法第五条规定执行。",
        "第三条　本办法自2025年3月1日起施行。",
    ]


def test_radical_code_points_are_folded_to_their_characters(tmp_path: Path):
    # U+2F00 (Kangxi 一), U+2ED3 (radical 长), U+2EA0 (radical 民): as PDF text layers carry them
    assert fold_ideographs("第\u2f00条 \u2ed3沙市\u2ea0政局（，）") == "第一条 长沙市民政局（，）"
    (tmp_path / "r.txt").write_text("第\u2f00条 \u2ed3沙市\u2ea0政局", encoding="utf-8")
    assert load(tmp_path / "r.txt").text == "第一条 长沙市民政局"


def test_big5_and_gb18030_are_told_apart_and_garbage_is_refused(tmp_path: Path):
    text = "臺北縣社會救助辦法\n第一條 為保障低收入戶基本生活，特訂定本辦法。"
    (tmp_path / "big5.txt").write_bytes(text.encode("big5"))
    assert load(tmp_path / "big5.txt").text == text
    gbk = "某县临时救助办法\n第一条 为保障困难群众基本生活，制定本办法。"
    (tmp_path / "gbk.txt").write_bytes(gbk.encode("gb18030"))
    assert load(tmp_path / "gbk.txt").text == gbk
    (tmp_path / "junk.txt").write_bytes(bytes(range(128, 256)) * 40)
    with pytest.raises(LoadError, match="junk.txt"):
        load(tmp_path / "junk.txt")


def test_a_docx_that_unpacks_to_too_much_text_is_refused_while_reading(tmp_path: Path):
    (tmp_path / "bomb.docx").write_bytes(bomb_docx(20000))
    assert (tmp_path / "bomb.docx").stat().st_size < 100_000
    with pytest.raises(TooLarge, match="bomb.docx"):
        load(tmp_path / "bomb.docx", Limits(max_chars=100_000))
    with pytest.raises(TooLarge, match="解压后过大"):
        load(tmp_path / "bomb.docx", Limits(max_unpacked_bytes=1024 * 1024))


def test_too_many_chunks_are_refused(tmp_path: Path):
    (tmp_path / "many.txt").write_text("\n".join(f"第{i}条 为保障基本生活，制定本办法第{i}项规定。" for i in range(1, 60)), encoding="utf-8")
    with pytest.raises(TooLarge, match="条款过多"):
        chunk_document(load_document(tmp_path / "many.txt"), max_chunks=20)


def _chunk(doc: str, path: list[str], text: str) -> Chunk:
    return Chunk(chunk_id=f"{doc}{len(text)}{path}", doc_id=doc, title=doc, heading_path=path, text=text, start=0, end=len(text))


def test_article_lookup_returns_exactly_that_article():
    assert asked_articles("第13条讲的是什么") == asked_articles("第十三条") == {13}
    chunks = [
        _chunk("a", ["第三章", "第三十三条 家庭成员"], "第三十三条 家庭成员中有下列情形之一的……"),
        _chunk("a", ["第三章", "第十三条 申请"], "第十三条 申请低保应当提交材料。"),
        _chunk("b", ["第十三条 救助"], "第十三条 临时救助金额。"),
        _chunk("a", ["title"], "湖州市医疗救助实施办法 湖民发〔2025〕7号"),
    ]
    score = np.array([0.9, 0.2, 0.1, 0.8], dtype=np.float32)
    ranked = np.argsort(-rank_asked_articles("湖州 第13条", chunks, score))
    # 第十三条 of document a (whose other chunks match the question best) first, then b's; not 第三十三条
    assert list(ranked[:2]) == [1, 2]
    assert rank_asked_articles("低保标准", chunks, score) is score


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_a_legacy_doc_is_read_through_libreoffice(tmp_path: Path):
    source = office_docx(tmp_path / "huzhou.docx")
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{tmp_path}/lo", "--headless", "--convert-to", "doc", "--outdir", str(tmp_path), str(source)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    loaded = load(tmp_path / "huzhou.doc")
    assert "第二条　下列人员可以申请医疗救助：" in loaded.text and len(loaded.tables) == 1


def test_a_legacy_doc_without_libreoffice_gets_a_clear_message(tmp_path: Path, monkeypatch):
    monkeypatch.setattr(shutil, "which", lambda name: None)
    (tmp_path / "old.wps").write_bytes(b"\xd0\xcf\x11\xe0 not converted")
    with pytest.raises(LoadError, match="old.wps.*另存为 .docx"):
        load(tmp_path / "old.wps")


def test_the_asked_article_is_the_basis_of_its_own_lookup():
    chunks = [_chunk("a", ["第十三条 申请"], "第十三条 申请低保应当提交材料。"), _chunk("a", ["第一条"], "第一条 总则。")]
    refused = Verdict(no_basis=True, reason="相关条款没有规定所问的内容", confidence=0.1)
    confirmed = confirm_asked_article("第13条讲的是什么", chunks, [0, 1], None, refused)
    assert not confirmed.no_basis and confirmed.evidence[0].chunk_id == chunks[0].chunk_id
    # another article on top, or the asked region not matching: the refusal stands
    assert confirm_asked_article("第13条讲的是什么", chunks, [1, 0], None, refused) is refused
    assert confirm_asked_article("第13条讲的是什么", chunks, [0, 1], np.array([False, False]), refused) is refused


def test_the_document_whose_number_the_question_gives_holds_the_asked_article():
    chunks = [
        _chunk("a", ["第十条 收入"], "第十条 下列收入不计入家庭收入：低保申请人的奖学金。"),
        _chunk("b", ["第十条 渐退"], "第十条 给予9个月渐退期。"),
        _chunk("b", [], "湖州市民政局 关于印发《某办法》的通知 湖民发[2025]7号"),
    ]
    score = np.array([0.9, 0.1, 0.2], dtype=np.float32)
    assert int(np.argmax(rank_asked_articles("第十条 低保", chunks, score))) == 0
    # typed with other brackets, the question's words running into the issuer prefix
    assert int(np.argmax(rank_asked_articles("办法湖民发〔2025〕7号第十条 低保", chunks, score))) == 1
    assert int(np.argmax(rank_asked_articles("湖民发〔2024〕7号第十条 低保", chunks, score))) == 0


def test_an_article_lookup_quotes_the_asked_article_not_the_title_words_of_another():
    from assistant.retrieval.evidence import Evidence

    chunks = [_chunk("a", ["第十三条 情形"], "第十三条 有下列情形之一的，不予认定。"),
              _chunk("a", ["第三十条 施行"], "第三十条 本细则自2024年3月1日起施行，原细则同时废止。")]
    other = Evidence(part=0, asked_type="", chunk_id=chunks[1].chunk_id, region="", sentence="原细则同时废止。", start=0, end=8, score=0.8)
    own = Evidence(part=1, asked_type="", chunk_id=chunks[0].chunk_id, region="", sentence="不予认定。", start=0, end=5, score=0.5)
    both = Verdict(no_basis=False, confidence=0.7, evidence=[other, own])
    assert [e.chunk_id for e in confirm_asked_article("细则第十三条讲什么", chunks, [0, 1], None, both).evidence] == [own.chunk_id]
    only_other = Verdict(no_basis=False, confidence=0.7, evidence=[other])
    assert confirm_asked_article("细则第十三条讲什么", chunks, [0, 1], None, only_other).evidence[0].chunk_id == chunks[0].chunk_id
    # a question naming no article keeps its evidence
    assert confirm_asked_article("细则讲什么", chunks, [0, 1], None, both) is both


def test_html_table_rows_carry_the_unit_of_their_caption_and_site_debris_is_dropped(tmp_path: Path):
    page = (
        "<html><body><div>欢迎访问某市民政局网站！</div><nav>首页 政务公开</nav>"
        "<p>附件</p><p>湖州市2025年低保标准（单位：元/人·月）</p>"
        "<table><tr><th>地区</th><th>城市低保标准</th><th>农村低保标准</th></tr>"
        "<tr><td>吴兴区</td><td>1200</td><td>1150</td></tr><tr><td>安吉县</td><td>1150</td><td>1100</td></tr></table>"
        "<footer>主办单位：某市民政局</footer><div>网站地图 | 联系我们 | 隐私声明</div></body></html>"
    )
    (tmp_path / "p.html").write_text(page, encoding="utf-8")
    doc = load_document(tmp_path / "p.html")
    assert "地区：吴兴区，城市低保标准：1200元/人·月，农村低保标准：1150元/人·月" in doc.original.splitlines()
    # the caption's unit names the columns of figures only, not the column of place names
    assert doc.tables[0].header == ("地区", "城市低保标准（元/人·月）", "农村低保标准（元/人·月）")
    texts = [c.text for c in chunk_document(doc)]
    assert not any("网站地图" in t or "欢迎访问" in t for t in texts)


def test_a_table_inside_an_article_keeps_one_chunk_per_row(tmp_path: Path):
    document = docx.Document()
    for line in ("第一章　标准", "第五条　各县低保标准如下："):
        document.add_paragraph(line)
    table = document.add_table(rows=3, cols=2)
    for r, cells in enumerate([("县", "标准（元/人·月）"), ("德清县", "1100"), ("长兴县", "1080")]):
        for c, value in enumerate(cells):
            table.cell(r, c).text = value
    document.add_paragraph("第六条　本细则自2025年1月1日起施行。")
    document.save(tmp_path / "t.docx")
    chunks = chunk_document(load_document(tmp_path / "t.docx"))
    rows = [c for c in chunks if c.heading_path[-1].startswith("表")]
    assert [c.heading_path[1:] for c in rows] == [["第五条　各县低保标准如下", "表 第1行"], ["第五条　各县低保标准如下", "表 第2行"]]
    assert rows[1].text == "县：长兴县，标准：1080元/人·月"


def _numbered_docx(path: Path) -> Path:
    """Articles and items numbered by Word itself (numbering.xml), not typed into the text."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    document = docx.Document()
    numbering = document.part.numbering_part.element
    numbering.append(parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90">'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="第%1条"/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>'
        "</w:abstractNum>"
    ))
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))

    def numbered(text: str, level: int) -> None:
        p = document.add_paragraph(text)
        p._p.get_or_add_pPr().append(parse_xml(
            f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="90"/></w:numPr>'
        ))

    document.add_paragraph("第一章　总则")
    numbered("为规范医疗救助，制定本办法。", 0)
    numbered("下列人员可以申请医疗救助：", 0)
    numbered("最低生活保障对象；", 1)
    numbered("特困人员。", 1)
    for _ in range(9):
        numbered("其他规定。", 0)
    numbered("本办法自2025年1月1日起施行。", 0)
    document.save(path)
    return path


def test_word_automatic_numbering_is_written_out(tmp_path: Path):
    text = load(_numbered_docx(tmp_path / "n.docx")).text.splitlines()
    assert text[1:5] == ["第一条\u3000为规范医疗救助，制定本办法。", "第二条\u3000下列人员可以申请医疗救助：", "（一）最低生活保障对象；", "（二）特困人员。"]
    assert text[-1] == "第十二条\u3000本办法自2025年1月1日起施行。"


def test_a_table_row_gold_is_located_in_the_row_not_in_an_article_naming_the_same_cells():
    from eval.office import locate

    text = "第七条　生活补贴标准为：三级、四级残疾人每人每月80元。\n补贴类别：生活补贴，残疾等级：三级、四级，标准：80元/人·月\n"
    row = (text.index("\n") + 1, len(text) - 1)
    start, end = locate(text, "生活补贴 三级、四级 80", [row])
    assert text[start:end].startswith("生活补贴，残疾等级") and start > text.index("\n")
    assert locate(text, "生活补贴 三级、四级 80")[0] < text.index("\n")  # without the rows: the first line
    assert locate(text, "第七条　生活补贴标准为") == (0, len("第七条　生活补贴标准为"))


def test_a_gold_evidence_the_loader_mangled_is_a_listed_miss_not_a_crash(tmp_path: Path):
    from eval.office import load_set
    from eval.retrieval import score

    text = "第一条　救助对象为本市户籍居民。\n第二条　标准每人每月800元。"
    lines = [{"id": "ok", "question": "标准多少", "doc": "a.pdf", "format": "pdf", "evidence": ["标准每人每月800元"]},
             {"id": "lost", "question": "对象是谁", "doc": "a.pdf", "format": "pdf", "evidence": ["救助对象为外省居民"]}]
    (tmp_path / "questions.jsonl").write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines), encoding="utf-8")
    qs, rows, lost = load_set(tmp_path, {"a.pdf": text})
    assert [q.qid for q in qs] == ["ok", "lost"] and len(rows) == 2
    assert lost == [{"id": "lost", "doc": "a.pdf", "evidence": ["救助对象为外省居民"]}]
    whole = [("a.pdf", 0, len(text))]  # a hit covering the whole document still retrieves nothing for the lost one
    s = score([whole, whole], [None, None], [0.0, 0.0], qs)
    assert s["recall@5"] == 0.5 and s["misses"] == ["lost"]
