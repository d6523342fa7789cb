"""A quiz as a file: JSON, printable Markdown and Word (.docx) papers for students (answer sheet to fill)
or teachers (answers and explanations), CSV (English or Chinese headers), Moodle GIFT (categories, tags,
partial credit) and Aiken (single choice and true/false)."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field

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


def _markdown(quiz: Quiz, student: bool = False) -> tuple[str, list[str], int]:
    r = quiz.report
    params = [f"主题：{r.topic or '综合'}", f"题量：{len(quiz.items)}", f"随机种子：{r.seed}"]
    if r.region:
        params.append(f"地区：{r.region}")
    lines = [
        f"# {quiz.title}",
        "",
        "　".join(params),
        "",
        "姓名：＿＿＿＿＿＿　　得分：＿＿＿＿＿＿",
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
    lines += ['<div style="page-break-before: always"></div>', ""]
    if student:
        lines += ["## 二、答题卡", "", "| 题号 | 答案 |", "| --- | --- |"]
        lines += [f"| {n} | |" for n in range(1, len(quiz.items) + 1)]
        return "\n".join(lines) + "\n", [], len(quiz.items)
    lines += ["## 二、答案与解析", ""]
    for n, item in enumerate(quiz.items, 1):
        lines.append(f"{n}. **{_md(item.answer_text())}**　{item.explanation}")
        level = DIFFICULTY_NAMES[item.difficulty]
        lines.append(
            f"   - 出处：{_md(_source(item))}（条款 {item.citation.chunk_id}）；难度：{level}；"
            f"认知层次：{BLOOM_NAMES[item.bloom]}"
        )
    return "\n".join(lines) + "\n", [], len(quiz.items)


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
    "bloom",
    "topics",
    "source",
    "chunk_id",
    "quote",
]
# the same columns as domestic exam platforms name them
CSV_COLUMNS_ZH = [
    "序号",
    "编号",
    "题型",
    "题干",
    "选项A",
    "选项B",
    "选项C",
    "选项D",
    "选项E",
    "答案",
    "可接受答案",
    "解析",
    "难度",
    "认知层次",
    "知识点",
    "出处",
    "条款编号",
    "原文",
]
TYPE_NAMES_ZH = {"single": "单选题", "multiple": "多选题", "tf": "判断题", "fill": "填空题"}


def _csv(quiz: Quiz, chinese: bool = False) -> tuple[str, list[str], int]:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS_ZH if chinese else CSV_COLUMNS)
    for n, item in enumerate(quiz.items, 1):
        options = (item.options + [""] * 5)[:5] if item.type in ("single", "multiple") else [""] * 5
        writer.writerow(
            [
                n,
                item.id,
                TYPE_NAMES_ZH[item.type] if chinese else item.type,
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
    topic = item.topics[0] if item.topics else "综合"
    parts = ["民政社会救助政策题库", topic]
    return "$course$/top/" + "/".join(p.replace("/", "／") for p in parts)


def gift_tags(item: QuizItem) -> list[str]:
    """Tags Moodle keeps: topics, type, difficulty, Bloom level, and whether a case or a clause is asked."""
    tags = [*item.topics, TYPE_NAMES[item.type], f"难度{DIFFICULTY_NAMES[item.difficulty]}",
            BLOOM_NAMES[item.bloom], "案例" if item.case else "条款"]
    return [re.sub(r"[\]\[<>\s]", "", t) for t in dict.fromkeys(tags) if t]


def _gift(quiz: Quiz) -> tuple[str, list[str], int]:
    blocks = [f"// {gift_escape(quiz.title)}：{len(quiz.items)} 题，由政策条款自动生成并逐题校验"]
    category = None
    for n, item in enumerate(quiz.items, 1):
        wanted = gift_category(quiz, item)
        if wanted != category:
            blocks.append(f"$CATEGORY: {wanted}")
            category = wanted
        title = f"::{gift_escape(f'Q{n} {TYPE_NAMES[item.type]}')}::"
        feedback = f"####{gift_escape(item.explanation)}"
        tags = " ".join(f"[tag:{t}]" for t in gift_tags(item))
        comment = f"// 出处：{gift_escape(_source(item))} 条款 {item.citation.chunk_id}\n// [id:{item.id}] {tags}"
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
    blocks, skipped = [], []
    for n, item in enumerate(quiz.items, 1):
        if item.type not in ("single", "tf"):
            skipped.append(f"第{n}题（{TYPE_NAMES[item.type]}）")
            continue
        options = item.options if item.type == "single" else TF_OPTIONS
        lines = [_one_line(item.stem)]
        lines += [f"{LETTERS[i]}. {_one_line(o)}" for i, o in enumerate(options)]
        lines.append(f"ANSWER: {LETTERS[item.answer[0]]}")
        blocks.append("\n".join(lines))
    notes = (
        [f"Aiken 格式只支持单选题（判断题写作“正确/错误”两个选项），已跳过 {len(skipped)} 题：{'、'.join(skipped)}"]
        if skipped
        else []
    )
    return "\n\n".join(blocks) + ("\n" if blocks else ""), notes, len(blocks)
