"""The trainer page in a real browser: a 10-item mixed quiz with case items, one item's options edited and
re-validated, a Word student paper and a GIFT file with categories and tags downloaded and read back."""

from __future__ import annotations

import io
from pathlib import Path

from docx import Document
from playwright.sync_api import expect

from tests.browser.conftest import shot
from tests.quiz.test_quiz_exports import parse_gift

PLANTED = "（培训班自拟干扰项）"


def test_trainer_builds_edits_and_exports_a_mixed_quiz(page, tmp_path: Path):
    page.goto("/web/trainer.html")
    expect(page.locator("#topic option")).not_to_have_count(1)
    page.fill("#n", "10")
    page.select_option("#apply-share", "0.3")
    page.uncheck("#avoid-repeats")
    page.click("#generate")
    cards = page.locator("#items > li")
    expect(cards).to_have_count(10)
    assert page.locator("#items .tool-chip.case").count() >= 2
    expect(page.locator("#report")).to_contain_text("应用")

    # edit one clause item's options: a wrong option reworded passes the server's re-validation
    card = cards.filter(has_not=page.locator(".tool-chip.case")).filter(has=page.locator("ol.options")).first
    card.get_by_role("button", name="编辑").click()
    editor = card.locator(".editor")
    keys = editor.locator(".option-row input[type=radio], .option-row input[type=checkbox]")
    texts = editor.locator(".option-row input[type=text]")
    wrong = next(i for i in range(keys.count()) if not keys.nth(i).is_checked())
    # first a wrong key: refused, with the reason in Chinese, and nothing changes
    keys.nth(wrong).check()
    editor.get_by_role("button", name="保存并校验").click()
    expect(editor.locator(".error")).to_contain_text("未保存")
    editor.get_by_role("button", name="取消").click()
    card.get_by_role("button", name="编辑").click()
    editor = card.locator(".editor")
    texts = editor.locator(".option-row input[type=text]")
    keys = editor.locator(".option-row input[type=radio], .option-row input[type=checkbox]")
    wrong = next(i for i in range(keys.count()) if not keys.nth(i).is_checked())
    texts.nth(wrong).fill(PLANTED)
    editor.get_by_role("button", name="保存并校验").click()
    edited = page.locator("#items > li", has=page.locator(".tool-chip.edited"))
    expect(edited).to_have_count(1)
    expect(edited.locator("ol.options")).to_contain_text(PLANTED)
    expect(page.locator("#status")).to_contain_text("通过校验")
    shot(page, "trainer-quiz.png", full_page=True)

    stems = [s.strip() for s in page.locator("#items .stem").all_inner_texts()]
    # a Word student paper: every stem, the edited option, no answers, an answer sheet to fill in
    page.select_option("#format", "docx")
    page.select_option("#paper", "student")
    with page.expect_download() as download:
        page.click("#export")
    assert download.value.suggested_filename.endswith("-student.docx")
    path = tmp_path / "student.docx"
    download.value.save_as(path)
    doc = Document(io.BytesIO(path.read_bytes()))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert all(stem in text for stem in stems) and PLANTED in text and "✔" not in text
    assert len(doc.tables[0].rows) == 11
    expect(page.locator("#export-status")).to_contain_text("已导出 10 题")

    # a GIFT file: categories and tags Moodle keeps
    page.select_option("#format", "gift")
    with page.expect_download() as download:
        page.click("#export")
    gift = tmp_path / "quiz.gift.txt"
    download.value.save_as(gift)
    questions = parse_gift(gift.read_text(encoding="utf-8"))
    assert [q["stem"] for q in questions] == stems
    assert all(q["category"].startswith("$course$/top/民政社会救助政策题库/") for q in questions)
    assert sum("案例" in q["tags"] for q in questions) >= 2 and all(q["tags"] for q in questions)
    assert any(a["text"] == PLANTED for q in questions for a in q["answers"])
    shot(page, "trainer-exported.png")
