"""The chat page with a configured model: the answer's Markdown is rendered as its sentences are checked, with a
progress line and the sentence being written shown apart (greyed) until it is checked. The scripted model holds the
rest of its answer while the test looks at the page."""

from __future__ import annotations

import json
import threading

import pytest
from playwright.sync_api import expect

from assistant.api.app import create_app
from tests.api.conftest import private
from tests.api.live import serve
from tests.browser.conftest import DESKTOP, shot
from tests.scripted_llm import ScriptedLLM, answer, tool_call, tool_results


@pytest.fixture(scope="module")
def llm():
    with ScriptedLLM() as server:
        yield server


@pytest.fixture(scope="module")
def llm_base_url(hash_settings, tmp_path_factory, llm):
    settings = private(hash_settings, tmp_path_factory.mktemp("browser-llm"), llm_base_url=llm.base_url,
                       llm_model="scripted", llm_max_retries=0, llm_structured_household=False)
    with serve(create_app(settings)) as url:
        yield url


def test_streamed_markdown_grows_with_a_progress_line_and_the_unchecked_sentence_apart(browser, llm_base_url, llm):
    def write(messages: list[dict]) -> list[str]:
        hit = json.loads(tool_results(messages)[0]["content"])["hits"][0]
        return ["**结论**：可以按规定办理。", "\n", "- 依据「", f"{hit['sentence']}」[{hit['ref']}]。", "\n",
                "- 每人每月另发补贴888元。", "\n", "- 具体以当地民政部门审核为准。"]

    llm.hold, llm.hold_after = threading.Event(), 3
    llm.script = [tool_call("search_policy", {"query": "低保渐退期"}), answer(write)]
    context = browser.new_context(viewport=DESKTOP, base_url=llm_base_url, locale="zh-CN")
    context.set_default_timeout(15_000)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        page.goto("/web/chat.html")
        page.fill("#question", "低保渐退期限是怎么定的？")
        page.press("#question", "Enter")
        box = page.locator(".msg.assistant").last
        # while the model is held: the checked first line is rendered as Markdown, the next one waits greyed
        expect(box.locator(".streaming strong")).to_have_text("结论")
        expect(box.locator(".progress")).to_have_text("正在生成回答（逐句核对引用）…")
        expect(box.locator(".streaming .draft")).to_have_text("- 依据「")
        assert not llm.hold.is_set() and llm.streamed[-1].done_at is None
        shot(page, "chat-streaming.png")
        llm.hold.set()
        expect(box.locator(".progress")).to_have_count(0)  # the final answer replaced the stream
        expect(box).to_contain_text("具体以当地民政部门审核为准")
        expect(box.locator(".draft")).to_have_count(0)
        assert "888" not in box.inner_text()
        shot(page, "chat-streamed-final.png")
    finally:
        context.close()
    assert not errors, f"JavaScript errors on the page: {errors}"
