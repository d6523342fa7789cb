"""A quiz as a Word paper (python-docx): the questions, then for students an answer sheet to fill in,
for teachers the answers with their explanations and sources."""

from __future__ import annotations

import io

from docx import Document
from docx.enum.text import WD_BREAK
from docx.oxml.ns import qn
from docx.shared import Pt

from .models import BLOOM_NAMES, DIFFICULTY_NAMES, TYPE_NAMES, Quiz

LETTERS = "ABCDEFG"
FONT = "宋体"  # a CJK font Word and WPS both have: without it Chinese falls back per character


def docx_paper(quiz: Quiz, student: bool) -> bytes:
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(11)
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    r = quiz.report
    doc.add_heading(quiz.title + ("（学员卷）" if student else "（教师卷）"), level=1)
    params = [f"主题：{r.topic or '综合'}", f"题量：{len(quiz.items)}", f"随机种子：{r.seed}"]
    doc.add_paragraph("　".join(params))
    doc.add_paragraph("姓名：＿＿＿＿＿＿　　单位：＿＿＿＿＿＿　　得分：＿＿＿＿＿＿")
    doc.add_heading("一、试题", level=2)
    for n, item in enumerate(quiz.items, 1):
        p = doc.add_paragraph()
        p.add_run(f"{n}．").bold = True
        p.add_run(f"（{TYPE_NAMES[item.type]}）{item.stem}")
        if item.type in ("single", "multiple"):
            for i, option in enumerate(item.options):
                mark = " ✔" if not student and i in item.answer else ""
                doc.add_paragraph(f"{LETTERS[i]}. {option}{mark}", style="List Paragraph")
        elif item.type == "tf":
            doc.add_paragraph("（　）正确　　（　）错误", style="List Paragraph")
    doc.paragraphs[-1].add_run().add_break(WD_BREAK.PAGE)
    if student:
        _answer_sheet(doc, quiz)
    else:
        _answer_key(doc, quiz)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _answer_sheet(doc, quiz: Quiz) -> None:
    doc.add_heading("二、答题卡", level=2)
    table = doc.add_table(rows=1, cols=3)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, ("题号", "题型", "答案"), strict=True):
        cell.text = text
    for n, item in enumerate(quiz.items, 1):
        row = table.add_row().cells
        row[0].text, row[1].text, row[2].text = str(n), TYPE_NAMES[item.type], ""


def _answer_key(doc, quiz: Quiz) -> None:
    doc.add_heading("二、参考答案与解析", level=2)
    table = doc.add_table(rows=1, cols=4)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, ("题号", "答案", "难度", "认知层次"), strict=True):
        cell.text = text
    for n, item in enumerate(quiz.items, 1):
        row = table.add_row().cells
        row[0].text, row[1].text = str(n), item.answer_text()
        row[2].text, row[3].text = DIFFICULTY_NAMES[item.difficulty], BLOOM_NAMES[item.bloom]
    for n, item in enumerate(quiz.items, 1):
        p = doc.add_paragraph()
        p.add_run(f"{n}．").bold = True
        p.add_run(item.explanation)
        doc.add_paragraph(f"出处：{item.citation.label()}（条款 {item.citation.chunk_id}）", style="List Paragraph")
