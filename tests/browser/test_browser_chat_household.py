"""The chat page shows the household it understood, a corrected cell re-screens it, the conversation id lives in
the URL (a reload restores it), 新对话 clears the side panels, and the phone layout keeps the input in view."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.conftest import PHONE, shot


def test_household_table_edit_reload_and_new_chat(page):
    page.goto("/web/chat.html")
    page.fill("#question", "我替我妈问问，她七十多岁了，一个人住在丰宁农村，每个月有一百多块养老金，没有存款")
    page.press("#question", "Enter")
    table = page.locator("#household-view table.household")
    table.wait_for()
    age = table.locator("td[data-field=age]").first
    # 七十多 is a range, shown as one, never a silent point
    expect(age).to_contain_text("70–79")
    expect(table.locator("td[data-field=income_yearly]").first).to_contain_text("1200–2388")
    expect(page.locator("#eligibility-view .program")).to_have_count(9)
    assert "c=" in page.url
    shot(page, "chat-household.png")

    # a caseworker corrects the age: the cell is marked corrected and the household is screened again
    before = page.locator(".msg.assistant").count()
    age.click()
    age.locator("input").fill("75")
    age.locator("input").press("Enter")
    expect(page.locator(".msg.assistant")).to_have_count(before + 1)
    corrected = page.locator("#household-view td[data-field=age]").first
    expect(corrected).to_have_text("75")
    expect(corrected).to_have_class("cell corrected")
    expect(page.locator(".msg.assistant").last).to_contain_text("重新预审")

    # a follow-up about the same person re-screens the stored household
    page.fill("#question", "她能申请特困吗？")
    page.press("#question", "Enter")
    expect(page.locator(".msg.assistant")).to_have_count(before + 2)
    expect(page.locator(".msg.assistant").last.locator(".tools")).to_contain_text("资格预审")
    expect(page.locator(".msg.assistant").last.locator(".actions")).to_have_count(1)  # the answer is complete

    # reload: the conversation, its answers and the corrected household come back from the URL
    page.reload()
    expect(page.locator(".msg.user")).to_have_count(2)
    expect(page.locator("#household-view td[data-field=age]").first).to_have_text("75")

    # export carries the question, the household table and the results with their bases
    with page.expect_download() as download:
        page.locator(".msg.assistant").last.get_by_role("button", name="导出 Markdown").click()
    text = download.value.path().read_text(encoding="utf-8")
    assert "## 问题" in text and "## 家庭情况" in text and "## 预审结果及依据" in text and "依据：" in text

    page.set_viewport_size(PHONE)
    page.locator("#question").scroll_into_view_if_needed()
    expect(page.locator("#question")).to_be_in_viewport()
    shot(page, "chat-household-phone.png")
    page.set_viewport_size({"width": 1400, "height": 900})

    # 新对话 clears the messages, every side panel and the id in the URL
    page.click("#new-chat")
    expect(page.locator(".msg")).to_have_count(0)
    expect(page.locator("#household-view table")).to_have_count(0)
    expect(page.locator("#eligibility-view .program")).to_have_count(0)
    assert "c=" not in page.url


def test_quick_replies_insert_an_answer_not_the_question(page):
    page.goto("/web/chat.html")
    page.fill("#question", "我家在丰宁农村，老两口都七十多了，没有收入")
    page.press("#question", "Enter")
    chips = page.locator(".msg.assistant").last.locator(".follow-ups button.chip")
    chips.first.wait_for()
    reply = chips.first.inner_text()
    chips.first.click()
    assert page.input_value("#question") == reply
    assert not reply.endswith(("？", "?"))
