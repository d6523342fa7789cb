"""A quiz as a file: JSON, printable Markdown and Word (.docx) papers for students (answer sheet to fill)
or teachers (answers and explanations), CSV (English or Chinese headers), Moodle GIFT (categories, tags,
partial credit) and Aiken (single choice and true/false)."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field

from .export_labels import export_labels
from .models import BLANK, BLOOM_NAMES, DIFFICULTY_NAMES, TF_OPTIONS, TYPE_NAMES, Quiz, QuizItem

FORMATS = ("json", "markdown", "csv", "gift", "aiken", "docx")
PAPERS = ("teacher", "student")  # printed papers: with answers and explanations, or with an answer sheet
LETTERS = "ABCDEFG"
_MEDIA = {
    "json": ("application/json", "json"),
    "markdown": ("text/markdown; charset=utf-8", "md"),
    "csv": ("text/csv; charset=utf-8", "csv"),
    "gift": ("text/plain; charset=utf-8", "gift.txt"),
    "aiken": ("text/plain; charset=utf-8", "aiken.txt"),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"),
}
GIFT_SPECIAL = "~=#{}:"


@dataclass
class Export:
    content: str | bytes
    filename: str
    media_type: str
    notes: list[str] = field(default_factory=list)
    written: int = 0  # items the file holds (Aiken leaves some types out)


def export_quiz(
    quiz: Quiz, fmt: str, basename: str = "quiz", paper: str = "teacher", chinese_headers: bool = False
) -> Export:
    """``paper`` (markdown, docx): ``student`` leaves answers out and adds an answer sheet;
    ``chinese_headers`` (csv): Chinese column names and values for domestic exam platforms."""
    if fmt not in FORMATS:
        raise ValueError(f"未知导出格式：{fmt}（可选 {', '.join(FORMATS)}）")
    if paper not in PAPERS:
        raise ValueError(f"未知试卷类型：{paper}（可选 {', '.join(PAPERS)}）")
    media, ext = _MEDIA[fmt]
    student = paper == "student"
    if fmt == "markdown":
        content, notes, written = _markdown(quiz, student)
    elif fmt == "docx":
        from .docx_paper import docx_paper

        content, notes, written = docx_paper(quiz, student), [], len(quiz.items)
    elif fmt == "csv":
        content, notes, written = _csv(quiz, chinese_headers)
    else:
        content, notes, written = {"json": _json, "gift": _gift, "aiken": _aiken}[fmt](quiz)
    if student and fmt in ("markdown", "docx"):
        basename += "-student"
    return Export(content, f"{basename}.{ext}", media, notes, written)


def _json(quiz: Quiz) -> tuple[str, list[str], int]:
    return quiz.model_dump_json(indent=1), [], len(quiz.items)


def _source(item: QuizItem) -> str:
    return item.citation.label()


# ---- Markdown: questions first, then the answer sheet on its own printed page ----


def paper_params(quiz: Quiz) -> list[str]:
    """The paper's parameter line: topic, item count, seed (and region)."""
    r, words = quiz.report, export_labels().paper
    params = [
        words.params["topic"].format(value=r.topic or words.no_topic),
        words.params["count"].format(value=len(quiz.items)),
        words.params["seed"].format(value=r.seed),
    ]
    if r.region:
        params.append(words.params["region"].format(value=r.region))
    return params


def _markdown(quiz: Quiz, student: bool = False) -> tuple[str, list[str], int]:
    words = export_labels().paper
    lines = [f"# {quiz.title}", "", "　".join(paper_params(quiz)), "", words.name_line, "", f"## {words.questions}", ""]
    for n, item in enumerate(quiz.items, 1):
        lines.append(f"**{n}.**（{TYPE_NAMES[item.type]}）{item.stem}")
        lines.append("")
        if item.type in ("single", "multiple"):
            lines.extend(f"- {LETTERS[i]}. {_md(o)}" for i, o in enumerate(item.options))
            lines.append("")
        elif item.type == "tf":
            lines.extend([f"- {words.tf_line}", ""])
    lines += ['<div style="page-break-before: always"></div>', ""]
    if student:
        number, _, answer = words.sheet_columns
        lines += [f"## {words.answer_sheet}", "", f"| {number} | {answer} |", "| --- | --- |"]
        lines += [f"| {n} | |" for n in range(1, len(quiz.items) + 1)]
        return "\n".join(lines) + "\n", [], len(quiz.items)
    lines += [f"## {words.answers}", ""]
    for n, item in enumerate(quiz.items, 1):
        lines.append(f"{n}. **{_md(item.answer_text())}**　{item.explanation}")
        source = words.source.format(source=_md(_source(item)), chunk=item.citation.chunk_id)
        levels = words.levels.format(difficulty=DIFFICULTY_NAMES[item.difficulty], bloom=BLOOM_NAMES[item.bloom])
        lines.append(f"   - {source}；{levels}")
    return "\n".join(lines) + "\n", [], len(quiz.items)


def _md(text: str) -> str:
    return text.replace("*", r"\*").replace("_", r"\_") if BLANK not in text else text


# ---- CSV: one row per item, opens in Excel (UTF-8 with BOM) ----

def csv_columns(chinese: bool = False) -> list[str]:
    """CSV headers in file order: English, or as domestic exam platforms name them."""
    return [c.zh if chinese else c.key for c in export_labels().csv_columns]


def _csv(quiz: Quiz, chinese: bool = False) -> tuple[str, list[str], int]:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    labels = export_labels()
    writer.writerow(csv_columns(chinese))
    for n, item in enumerate(quiz.items, 1):
        options = (item.options + [""] * 5)[:5] if item.type in ("single", "multiple") else [""] * 5
        writer.writerow(
            [
                n,
                item.id,
                labels.types_platform[item.type] if chinese else item.type,
                item.stem,
                *options,
                item.answer_text(),
                "|".join(item.accepted),
                item.explanation,
                DIFFICULTY_NAMES[item.difficulty] if chinese else item.difficulty,
                BLOOM_NAMES[item.bloom] if chinese else item.bloom,
                "|".join(item.topics),
                _source(item),
                item.citation.chunk_id,
                item.citation.quote,
            ]
        )
    return "\ufeff" + out.getvalue(), [], len(quiz.items)


# ---- Moodle GIFT ----


def gift_escape(text: str) -> str:
    """GIFT control characters ~ = # { } : (and the escape character itself) behind a backslash; no
    line breaks, since a blank line ends a question."""
    text = text.replace("\\", "\\\\")
    for ch in GIFT_SPECIAL:
        text = text.replace(ch, "\\" + ch)
    return _one_line(text)


def _one_line(text: str) -> str:
    # only line breaks go: the ideographic space inside the blank "（　）" stays
    return re.sub(r"\s*[\r\n]+\s*", " ", text).strip()


def gift_category(quiz: Quiz, item: QuizItem) -> str:
    """Moodle question-bank category of an item: the quiz's bank, then the item's first topic."""
    labels = export_labels()
    topic = item.topics[0] if item.topics else labels.paper.no_topic
    parts = [labels.gift.bank, topic]
    return "$course$/top/" + "/".join(p.replace("/", "／") for p in parts)


def gift_tags(item: QuizItem) -> list[str]:
    """Tags Moodle keeps: topics, type, difficulty, Bloom level, and whether a case or a clause is asked."""
    words = export_labels().gift
    tags = [*item.topics, TYPE_NAMES[item.type], words.difficulty_tag.format(value=DIFFICULTY_NAMES[item.difficulty]),
            BLOOM_NAMES[item.bloom], words.case_tag if item.case else words.clause_tag]
    return [re.sub(r"[\]\[<>\s]", "", t) for t in dict.fromkeys(tags) if t]


def _gift(quiz: Quiz) -> tuple[str, list[str], int]:
    words = export_labels().gift
    blocks = ["// " + words.header.format(title=gift_escape(quiz.title), count=len(quiz.items))]
    category = None
    for n, item in enumerate(quiz.items, 1):
        wanted = gift_category(quiz, item)
        if wanted != category:
            blocks.append(f"$CATEGORY: {wanted}")
            category = wanted
        title = f"::{gift_escape(f'Q{n} {TYPE_NAMES[item.type]}')}::"
        feedback = f"####{gift_escape(item.explanation)}"
        tags = " ".join(f"[tag:{t}]" for t in gift_tags(item))
        source = words.source.format(source=gift_escape(_source(item)), chunk=item.citation.chunk_id)
        comment = f"// {source}\n// [id:{item.id}] {tags}"
        stem = gift_escape(item.stem)
        if item.type == "single":
            answers = " ".join(
                ("=" if i in item.answer else "~") + gift_escape(o) for i, o in enumerate(item.options)
            )
        elif item.type == "multiple":
            # partial credit: each right option its share; each wrong one takes an equal share away, so
            # ticking every option scores nothing and one slip does not zero the item
            right = _weight(100 / len(item.answer))
            wrong = _weight(-100 / (len(item.options) - len(item.answer)))
            answers = " ".join(
                (f"~%{right}%" if i in item.answer else f"~%{wrong}%") + gift_escape(o)
                for i, o in enumerate(item.options)
            )
        elif item.type == "tf":
            answers = "TRUE" if item.answer == [0] else "FALSE"
        else:
            answers = " ".join("=" + gift_escape(a) for a in item.accepted)
        blocks.append(f"{comment}\n{title}{stem} {{{answers} {feedback}}}")
    return "\n\n".join(blocks) + "\n", [], len(quiz.items)


def _weight(value: float) -> str:
    return f"{value:.5f}".rstrip("0").rstrip(".")


# ---- Aiken: single choice, and true/false as two options ----


def _aiken(quiz: Quiz) -> tuple[str, list[str], int]:
    words = export_labels().aiken
    blocks, skipped = [], []
    for n, item in enumerate(quiz.items, 1):
        if item.type not in ("single", "tf"):
            skipped.append(words.skipped_item.format(n=n, type=TYPE_NAMES[item.type]))
            continue
        options = item.options if item.type == "single" else TF_OPTIONS
        lines = [_one_line(item.stem)]
        lines += [f"{LETTERS[i]}. {_one_line(o)}" for i, o in enumerate(options)]
        lines.append(f"ANSWER: {LETTERS[item.answer[0]]}")
        blocks.append("\n".join(lines))
    notes = [words.skipped.format(count=len(skipped), items="、".join(skipped))] if skipped else []
    return "\n\n".join(blocks) + ("\n" if blocks else ""), notes, len(blocks)
