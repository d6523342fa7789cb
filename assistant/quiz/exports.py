"""A quiz as a file: JSON, printable Markdown (answer sheet at the end), CSV, Moodle GIFT and Aiken."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field

from .models import BLANK, DIFFICULTY_NAMES, TYPE_NAMES, Quiz, QuizItem

FORMATS = ("json", "markdown", "csv", "gift", "aiken")
LETTERS = "ABCDEFG"
_MEDIA = {
    "json": ("application/json", "json"),
    "markdown": ("text/markdown; charset=utf-8", "md"),
    "csv": ("text/csv; charset=utf-8", "csv"),
    "gift": ("text/plain; charset=utf-8", "gift.txt"),
    "aiken": ("text/plain; charset=utf-8", "aiken.txt"),
}
GIFT_SPECIAL = "~=#{}:"


@dataclass
class Export:
    content: str
    filename: str
    media_type: str
    notes: list[str] = field(default_factory=list)


def export_quiz(quiz: Quiz, fmt: str, basename: str = "quiz") -> Export:
    if fmt not in FORMATS:
        raise ValueError(f"未知导出格式：{fmt}（可选 {', '.join(FORMATS)}）")
    media, ext = _MEDIA[fmt]
    content, notes = {"json": _json, "markdown": _markdown, "csv": _csv, "gift": _gift, "aiken": _aiken}[fmt](
        quiz
    )
    return Export(content, f"{basename}.{ext}", media, notes)


def _json(quiz: Quiz) -> tuple[str, list[str]]:
    return quiz.model_dump_json(indent=1), []


def _source(item: QuizItem) -> str:
    return item.citation.label()


# ---- Markdown: questions first, then the answer sheet on its own printed page ----


def _markdown(quiz: Quiz) -> tuple[str, list[str]]:
    r = quiz.report
    params = [f"主题：{r.topic or '综合'}", f"题量：{len(quiz.items)}", f"随机种子：{r.seed}"]
    if r.region:
        params.append(f"地区：{r.region}")
    lines = [
        f"# {quiz.title}",
        "",
        "　".join(params),
        "",
        "姓名：__________　　得分：__________",
        "",
        "## 一、试题",
        "",
    ]
    for n, item in enumerate(quiz.items, 1):
        lines.append(f"**{n}.**（{TYPE_NAMES[item.type]}）{item.stem}")
        lines.append("")
        if item.type in ("single", "multiple"):
            lines.extend(f"- {LETTERS[i]}. {_md(o)}" for i, o in enumerate(item.options))
            lines.append("")
        elif item.type == "tf":
            lines.extend(["- （　）正确　　（　）错误", ""])
    lines += ['<div style="page-break-before: always"></div>', "", "## 二、答案与解析", ""]
    for n, item in enumerate(quiz.items, 1):
        lines.append(f"{n}. **{_md(item.answer_text())}**　{item.explanation}")
        level = DIFFICULTY_NAMES[item.difficulty]
        lines.append(f"   - 出处：{_md(_source(item))}（条款 {item.citation.chunk_id}）；难度：{level}")
    return "\n".join(lines) + "\n", []


def _md(text: str) -> str:
    return text.replace("*", r"\*").replace("_", r"\_") if BLANK not in text else text


# ---- CSV: one row per item, opens in Excel (UTF-8 with BOM) ----

CSV_COLUMNS = [
    "no",
    "id",
    "type",
    "stem",
    "option_a",
    "option_b",
    "option_c",
    "option_d",
    "option_e",
    "answer",
    "accepted",
    "explanation",
    "difficulty",
    "topics",
    "source",
    "chunk_id",
    "quote",
]


def _csv(quiz: Quiz) -> tuple[str, list[str]]:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for n, item in enumerate(quiz.items, 1):
        options = (item.options + [""] * 5)[:5] if item.type in ("single", "multiple") else [""] * 5
        writer.writerow(
            [
                n,
                item.id,
                item.type,
                item.stem,
                *options,
                item.answer_text(),
                "|".join(item.accepted),
                item.explanation,
                item.difficulty,
                "|".join(item.topics),
                _source(item),
                item.citation.chunk_id,
                item.citation.quote,
            ]
        )
    return "\ufeff" + out.getvalue(), []


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


def _gift(quiz: Quiz) -> tuple[str, list[str]]:
    blocks = [f"// {gift_escape(quiz.title)}：{len(quiz.items)} 题，由政策条款自动生成并逐题校验"]
    for n, item in enumerate(quiz.items, 1):
        title = f"::{gift_escape(f'Q{n} {TYPE_NAMES[item.type]}')}::"
        feedback = f"####{gift_escape(item.explanation)}"
        comment = f"// 出处：{gift_escape(_source(item))} 条款 {item.citation.chunk_id}"
        stem = gift_escape(item.stem)
        if item.type == "single":
            answers = " ".join(
                ("=" if i in item.answer else "~") + gift_escape(o) for i, o in enumerate(item.options)
            )
        elif item.type == "multiple":
            right = _weight(100 / len(item.answer))
            answers = " ".join(
                (f"~%{right}%" if i in item.answer else "~%-100%") + gift_escape(o)
                for i, o in enumerate(item.options)
            )
        elif item.type == "tf":
            answers = "TRUE" if item.answer == [0] else "FALSE"
        else:
            answers = " ".join("=" + gift_escape(a) for a in item.accepted)
        blocks.append(f"{comment}\n{title}{stem} {{{answers} {feedback}}}")
    return "\n\n".join(blocks) + "\n", []


def _weight(value: float) -> str:
    return f"{value:.5f}".rstrip("0").rstrip(".")


# ---- Aiken: single choice only ----


def _aiken(quiz: Quiz) -> tuple[str, list[str]]:
    blocks, skipped = [], []
    for n, item in enumerate(quiz.items, 1):
        if item.type != "single":
            skipped.append(f"第{n}题（{TYPE_NAMES[item.type]}）")
            continue
        lines = [_one_line(item.stem)]
        lines += [f"{LETTERS[i]}. {_one_line(o)}" for i, o in enumerate(item.options)]
        lines.append(f"ANSWER: {LETTERS[item.answer[0]]}")
        blocks.append("\n".join(lines))
    notes = [f"Aiken 格式只支持单选题，已跳过 {len(skipped)} 题：{'、'.join(skipped)}"] if skipped else []
    return "\n\n".join(blocks) + ("\n" if blocks else ""), notes
