"""Every export format; GIFT read back by a small parser written here (question count, = and ~ marks,
escapes)."""

from __future__ import annotations

import csv
import io
import re

import pytest

from assistant.quiz import Quiz, export_quiz, make_quiz
from assistant.quiz.export_labels import export_labels
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


# Moodle's extract_idnumber_and_tags_from_comment (question/format/gift/format.php), ported
_MOODLE_TAG = re.compile(r"\[tag:((?:\\\]|[^\]<>\x00-\x1f])+)\]")
_MOODLE_ID = re.compile(r"\[id:((?:\\\]|[^\]\[\x00-\x1f])+)\]")
# the grades Moodle accepts for an answer (question_bank::fraction_options_full), as percentages
MOODLE_GRADES = [100 * f for f in (1, 0.9, 0.8333333, 0.8, 0.75, 0.7, 0.6666667, 0.6, 0.5, 0.4, 0.3333333,
                                   0.3, 0.25, 0.2, 0.1666667, 0.1428571, 0.125, 0.1111111, 0.1, 0.05, 0)]


def parse_gift(text: str) -> list[dict]:
    questions = []
    category = None
    for block in re.split(r"\n[ \t]*\n", text.strip()):
        comments = "\n".join(line for line in block.splitlines() if line.lstrip().startswith("//"))
        body = " ".join(line for line in block.splitlines() if not line.lstrip().startswith("//")).strip()
        if not body:
            continue
        if body.startswith("$CATEGORY:"):
            category = body[len("$CATEGORY:") :].strip()
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
                "category": category,
                "tags": [t.strip() for t in _MOODLE_TAG.findall(comments)],
                "idnumber": (_MOODLE_ID.findall(comments) or [""])[0],
            }
        )
    return questions


def parse_aiken(text: str) -> list[dict]:
    """Moodle's qformat_aiken::readquestions, ported: a question line, options "A. " or "A) ", then
    "ANSWER: X"; a question line before the previous one's ANSWER is an error."""
    questions, current = [], None
    for line in text.splitlines():
        now = line.strip()
        if len(now) < 2:
            continue
        if re.match(r"^[A-Z][).][ \t]", now):
            assert current is not None, f"option before a question: {now}"
            current["options"].append(now[2:].strip())
        elif now.startswith("ANSWER:"):
            assert current is not None and len(current["options"]) >= 2, "ANSWER without options"
            letter = now.split(":", 1)[1].strip()[:1]
            index = ord(letter) - ord("A")
            assert 0 <= index < len(current["options"]), f"answer {letter} has no option"
            current["answer"] = index
            questions.append(current)
            current = None
        else:
            assert current is None or not current["options"], f"question missing its ANSWER: {current}"
            current = {"stem": now, "options": []}
    assert current is None, "last question has no ANSWER"
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
            # partial credit: the wrong options together take 100% away, none alone
            wrong = [a["weight"] for a in q["answers"] if a["weight"] < 0]
            assert abs(sum(wrong) + 100) < 0.01 and all(w > -100 for w in wrong) or len(wrong) == 1
            for a in q["answers"]:
                assert min(abs(abs(a["weight"]) - g) for g in MOODLE_GRADES) < 0.001
        elif item.type == "tf":
            assert q["tf"] == ("TRUE" if item.answer == [0] else "FALSE")
        else:
            assert {a["text"] for a in q["answers"]} == set(item.accepted) and {
                a["mark"] for a in q["answers"]
            } == {"="}


def test_gift_keeps_categories_tags_and_ids_moodle_reads(quiz):
    parsed = parse_gift(export_quiz(quiz, "gift").content)
    for q, item in zip(parsed, quiz.items, strict=True):
        topic = item.topics[0] if item.topics else "综合"
        assert q["category"] == f"$course$/top/民政社会救助政策题库/{topic}"
        assert q["idnumber"] == item.id
        assert set(item.topics) <= set(q["tags"]) and ("案例" in q["tags"]) == (item.case is not None)
        assert any(t.startswith("难度") for t in q["tags"])


def test_multiple_choice_gives_partial_credit(searcher):
    quiz = make_quiz(None, 12, types=["multiple"], seed=0, searcher=searcher)
    assert quiz.items
    for q, item in zip(parse_gift(export_quiz(quiz, "gift").content), quiz.items, strict=True):
        wrong = [a["weight"] for a in q["answers"] if a["weight"] < 0]
        assert len(wrong) == len(item.distractors)
        assert abs(sum(wrong) + 100) < 0.01
        if len(wrong) > 1:
            assert all(w > -100 for w in wrong)


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
    questions, _, answers = text.partition(f"## {export_labels().paper.answers}")
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


def test_aiken_writes_single_choice_and_true_false_as_two_options(quiz):
    exported = export_quiz(quiz, "aiken")
    kept = [i for i in quiz.items if i.type in ("single", "tf")]
    parsed = parse_aiken(exported.content)
    assert len(parsed) == len(kept) == exported.written
    for q, item in zip(parsed, kept, strict=True):
        assert q["stem"] == item.stem and q["answer"] == item.answer[0]
        assert q["options"] == (item.options if item.type == "single" else ["正确", "错误"])
    skipped = len(quiz.items) - len(kept)
    assert skipped and exported.notes and f"跳过 {skipped} 题" in exported.notes[0]


def test_aiken_parser_port_refuses_what_moodle_refuses():
    with pytest.raises(AssertionError):
        parse_aiken("题一\nA. 甲\nB. 乙\n题二\nA. 丙\nB. 丁\nANSWER: A\n")
    with pytest.raises(AssertionError):
        parse_aiken("题一\nA. 甲\nB. 乙\nANSWER: C\n")


def test_csv_with_chinese_headers(quiz):
    content = export_quiz(quiz, "csv", chinese_headers=True).content
    rows = list(csv.DictReader(io.StringIO(content.lstrip("\ufeff"))))
    assert list(rows[0])[:4] == ["序号", "编号", "题型", "题干"]
    for row, item in zip(rows, quiz.items, strict=True):
        assert row["题干"] == item.stem and row["答案"] == item.answer_text()
        assert row["题型"].endswith("题") and row["难度"] in ("易", "中", "难")


def test_docx_papers_for_students_and_teachers(quiz):
    from docx import Document

    def read(paper):
        exported = export_quiz(quiz, "docx", paper=paper)
        assert exported.filename.endswith(".docx") and exported.written == len(quiz.items)
        return Document(io.BytesIO(exported.content))

    student, teacher = read("student"), read("teacher")
    s_text = "\n".join(p.text for p in student.paragraphs)
    t_text = "\n".join(p.text for p in teacher.paragraphs)
    for item in quiz.items:
        assert item.stem in s_text and item.stem in t_text
        assert item.explanation not in s_text and item.explanation in t_text
    assert "✔" not in s_text and "✔" in t_text
    sheet = student.tables[0]
    assert [c.text for c in sheet.rows[0].cells] == ["题号", "题型", "答案"]
    assert len(sheet.rows) == len(quiz.items) + 1 and all(r.cells[2].text == "" for r in sheet.rows[1:])
    key = teacher.tables[0]
    assert [r.cells[1].text for r in key.rows[1:]] == [i.answer_text() for i in quiz.items]


def test_student_markdown_has_no_answers(quiz):
    text = export_quiz(quiz, "markdown", paper="student").content
    assert "答题卡" in text and "答案与解析" not in text
    assert not any(item.explanation in text for item in quiz.items)


def test_unknown_format_or_paper_is_refused(quiz):
    with pytest.raises(ValueError):
        export_quiz(quiz, "pdf")
    with pytest.raises(ValueError):
        export_quiz(quiz, "markdown", paper="answers")
