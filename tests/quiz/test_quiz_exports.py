"""Every export format; GIFT read back by a small parser written here (question count, = and ~ marks,
escapes)."""

from __future__ import annotations

import csv
import io
import re

import pytest

from assistant.quiz import Quiz, export_quiz, make_quiz
from assistant.quiz.exports import gift_escape
from assistant.quiz.models import QuizItem, QuizReport
from indexer.models import Citation


@pytest.fixture(scope="module")
def quiz(searcher) -> Quiz:
    quiz = make_quiz(None, 10, seed=8, searcher=searcher)
    assert len(quiz.items) == 10
    return quiz


# ---- a GIFT reader, independent of the writer ----------------------------------------------------------


def _split_unescaped(text: str, sep: str) -> list[str]:
    parts, buf, i = [], "", 0
    while i < len(text):
        if text[i] == "\\" and i + 1 < len(text):
            buf += text[i : i + 2]
            i += 2
        elif text.startswith(sep, i):
            parts.append(buf)
            buf, i = "", i + len(sep)
        else:
            buf += text[i]
            i += 1
    return [*parts, buf]


def _unescape(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text).strip()


def _find_unescaped(text: str, ch: str) -> int:
    i = 0
    while i < len(text):
        if text[i] == "\\":
            i += 2
            continue
        if text[i] == ch:
            return i
        i += 1
    return -1


def parse_gift(text: str) -> list[dict]:
    questions = []
    for block in re.split(r"\n[ \t]*\n", text.strip()):
        body = " ".join(line for line in block.splitlines() if not line.lstrip().startswith("//")).strip()
        if not body:
            continue
        title = ""
        if body.startswith("::"):
            title, *rest = _split_unescaped(body[2:], "::")
            body = "::".join(rest)
        start = _find_unescaped(body, "{")
        end = start + 1 + _find_unescaped(body[start + 1 :], "}")
        assert start >= 0 and end > start and not body[end + 1 :].strip(), body
        stem, inner = body[:start], body[start + 1 : end]
        answer_part, *feedback = _split_unescaped(inner, "####")
        answer_part = answer_part.strip()
        answers = []
        if answer_part in ("TRUE", "FALSE", "T", "F"):
            kind = "tf"
        else:
            tokens = re.split(r"(?<!\\)([=~])", answer_part)
            for mark, value in zip(tokens[1::2], tokens[2::2], strict=True):
                weight = None
                m = re.match(r"%(-?[\d.]+)%", value)
                if m:
                    weight, value = float(m.group(1)), value[m.end() :]
                answers.append({"mark": mark, "weight": weight, "text": _unescape(value)})
            kind = "choice"
        questions.append(
            {
                "title": _unescape(title),
                "stem": _unescape(stem),
                "kind": kind,
                "tf": answer_part,
                "answers": answers,
                "feedback": _unescape(feedback[0]) if feedback else "",
            }
        )
    return questions


def test_gift_file_parses_back(quiz):
    parsed = parse_gift(export_quiz(quiz, "gift").content)
    assert len(parsed) == 10
    for q, item in zip(parsed, quiz.items, strict=True):
        assert q["stem"] == item.stem and q["feedback"] == item.explanation
        if item.type == "single":
            assert [a["mark"] for a in q["answers"]].count("=") == 1
            assert [a["text"] for a in q["answers"] if a["mark"] == "="] == [item.options[item.answer[0]]]
            assert {a["text"] for a in q["answers"] if a["mark"] == "~"} == set(item.distractors)
        elif item.type == "multiple":
            right = [a["text"] for a in q["answers"] if a["weight"] and a["weight"] > 0]
            assert sorted(right) == sorted(item.key) and all(a["mark"] == "~" for a in q["answers"])
            assert abs(sum(a["weight"] for a in q["answers"] if a["weight"] > 0) - 100) < 0.01
        elif item.type == "tf":
            assert q["tf"] == ("TRUE" if item.answer == [0] else "FALSE")
        else:
            assert {a["text"] for a in q["answers"]} == set(item.accepted) and {
                a["mark"] for a in q["answers"]
            } == {"="}


def test_gift_escapes_control_characters():
    tricky = "题干含 ~ = # { } : 与 \\ 符号"
    item = QuizItem(
        id="x",
        type="single",
        stem=tricky,
        options=["a:b", "c{d}", "e=f", "g~h#i"],
        answer=[2],
        key=["e=f"],
        distractors=["a:b", "c{d}", "g~h#i"],
        cloze=tricky,
        explanation="说明：#1 {x}。",
        citation=Citation(doc_id="d", title="t", chunk_id="c", quote="q"),
        difficulty="easy",
        fact_kind="term",
    )
    quiz = Quiz(title="测试", items=[item], report=QuizReport(requested=1, generated=1, types=["single"]))
    content = export_quiz(quiz, "gift").content
    assert gift_escape("a:b{c}") == "a\\:b\\{c\\}"
    (q,) = parse_gift(content)
    assert q["stem"] == tricky and q["feedback"] == "说明：#1 {x}。"
    assert [a["text"] for a in q["answers"]] == item.options
    assert [a["mark"] for a in q["answers"]] == ["~", "~", "=", "~"]


def test_json_round_trips(quiz):
    assert Quiz.model_validate_json(export_quiz(quiz, "json").content) == quiz


def test_markdown_prints_questions_then_answer_sheet(quiz):
    text = export_quiz(quiz, "markdown").content
    questions, _, answers = text.partition("## 二、答案与解析")
    assert answers and "page-break-before" in questions
    for n, item in enumerate(quiz.items, 1):
        assert f"**{n}.**" in questions and item.stem in questions
        assert f"{n}. **{item.answer_text()}**" in answers and item.citation.chunk_id in answers
        assert item.explanation not in questions


def test_csv_has_one_row_per_item(quiz):
    content = export_quiz(quiz, "csv").content
    assert content.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(content.lstrip("\ufeff"))))
    assert len(rows) == 10
    for row, item in zip(rows, quiz.items, strict=True):
        assert (
            row["stem"] == item.stem
            and row["answer"] == item.answer_text()
            and row["chunk_id"] == item.citation.chunk_id
        )


def test_aiken_keeps_single_choice_and_notes_the_rest(quiz):
    exported = export_quiz(quiz, "aiken")
    singles = [i for i in quiz.items if i.type == "single"]
    blocks = [b for b in exported.content.strip().split("\n\n") if b]
    assert len(blocks) == len(singles)
    for block, item in zip(blocks, singles, strict=True):
        lines = block.splitlines()
        assert lines[0] == item.stem and lines[-1] == f"ANSWER: {'ABCD'[item.answer[0]]}"
        assert lines[1:-1] == [f"{'ABCD'[i]}. {o}" for i, o in enumerate(item.options)]
    skipped = len(quiz.items) - len(singles)
    assert skipped and exported.notes and f"跳过 {skipped} 题" in exported.notes[0]


def test_unknown_format_is_refused(quiz):
    with pytest.raises(ValueError):
        export_quiz(quiz, "docx")
