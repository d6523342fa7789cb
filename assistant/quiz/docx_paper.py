"""A quiz as a Word paper (python-docx): the questions, then for students an answer sheet to fill in,
for teachers the answers with their explanations and sources."""

from __future__ import annotations

import io

from docx import Document
from docx.enum.text import WD_BREAK
from docx.oxml.ns import qn
from docx.shared import Pt

from .export_labels import export_labels
from .exports import paper_params
from .models import BLOOM_NAMES, DIFFICULTY_NAMES, TYPE_NAMES, Quiz

LETTERS = "ABCDEFG"


def docx_paper(quiz: Quiz, student: bool) -> bytes:
    doc = Document()
    normal = doc.styles["Normal"]
    font = export_labels().paper.font  # a CJK font Word and WPS both have: else Chinese falls back per character
    normal.font.name = font
    normal.font.size = Pt(11)
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), font)
    words = export_labels().paper
    doc.add_heading(quiz.title + (words.student_suffix if student else words.teacher_suffix), level=1)
    doc.add_paragraph("　".join(paper_params(quiz)))
    doc.add_paragraph(words.name_line)
    doc.add_heading(words.questions, level=2)
    for n, item in enumerate(quiz.items, 1):
        p = doc.add_paragraph()
        p.add_run(f"{n}．").bold = True
        p.add_run(f"（{TYPE_NAMES[item.type]}）{item.stem}")
        if item.type in ("single", "multiple"):
            for i, option in enumerate(item.options):
                mark = " ✔" if not student and i in item.answer else ""
                doc.add_paragraph(f"{LETTERS[i]}. {option}{mark}", style="List Paragraph")
        elif item.type == "tf":
            doc.add_paragraph(words.tf_line, style="List Paragraph")
    doc.paragraphs[-1].add_run().add_break(WD_BREAK.PAGE)
    if student:
        _answer_sheet(doc, quiz)
    else:
        _answer_key(doc, quiz)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _answer_sheet(doc, quiz: Quiz) -> None:
    words = export_labels().paper
    doc.add_heading(words.answer_sheet, level=2)
    table = doc.add_table(rows=1, cols=3)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, words.sheet_columns, strict=True):
        cell.text = text
    for n, item in enumerate(quiz.items, 1):
        row = table.add_row().cells
        row[0].text, row[1].text, row[2].text = str(n), TYPE_NAMES[item.type], ""


def _answer_key(doc, quiz: Quiz) -> None:
    words = export_labels().paper
    doc.add_heading(words.answers, level=2)
    table = doc.add_table(rows=1, cols=4)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, words.key_columns, strict=True):
        cell.text = text
    for n, item in enumerate(quiz.items, 1):
        row = table.add_row().cells
        row[0].text, row[1].text = str(n), item.answer_text()
        row[2].text, row[3].text = DIFFICULTY_NAMES[item.difficulty], BLOOM_NAMES[item.bloom]
    for n, item in enumerate(quiz.items, 1):
        p = doc.add_paragraph()
        p.add_run(f"{n}．").bold = True
        p.add_run(item.explanation)
        source = words.source.format(source=item.citation.label(), chunk=item.citation.chunk_id)
        doc.add_paragraph(source, style="List Paragraph")
