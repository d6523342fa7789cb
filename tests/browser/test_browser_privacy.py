"""In a real browser: the pages run under the CSP without a violation, and a caseworker deletes a conversation
from the chat page (个人信息保护法: deletion on request)."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.conftest import shot


def test_pages_run_under_the_csp_without_violations(page):
    violations: list[str] = []
    page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
    for path in ("/web/chat.html", "/web/search.html", "/web/trainer.html", "/web/widget-demo.html", "/docs"):
        page.goto(path)
        page.wait_for_load_state("networkidle")
    page.goto("/web/widget-demo.html")
    expect(page.locator("#embed-code")).to_contain_text("widget.js")  # the moved script ran
    assert violations == []


def test_a_conversation_is_deleted_from_the_chat_page(page):
    page.goto("/")
    delete = page.locator("#delete-chat")
    expect(delete).to_be_hidden()
    page.fill("#question", "丰宁特困人员供养标准是多少？")
    page.press("#question", "Enter")
    page.locator(".msg.assistant .citations li").first.wait_for()
    expect(delete).to_be_visible()
    before = page.locator("#conversation-list li").count()
    cid = page.evaluate("conversationId")
    page.on("dialog", lambda d: d.accept())
    delete.click()
    expect(page.locator("#conversation-list li")).to_have_count(before - 1)
    expect(page.locator("#messages .msg")).to_have_count(0)
    shot(page, "chat-deleted.png")
    gone = page.evaluate(
        "async (id) => (await fetch(`/api/conversations/${id}`, {headers: {'X-API-Key': 'dev-caseworker-key'}})).status",
        cid,
    )
    assert gone == 404
