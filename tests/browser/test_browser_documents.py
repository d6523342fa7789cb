"""The documents page: upload an office .docx with a progress indicator, then see it listed with guesses marked."""

from __future__ import annotations

import re
import threading

import pytest

from assistant.api.app import create_app
from indexer.build import build
from indexer.embedding import HashEmbedder
from tests.api.conftest import private
from tests.api.live import serve
from tests.browser.conftest import DESKTOP, shot, sync_api
from tests.conftest import make_settings
from tests.retrieval.test_office_documents import office_docx

expect = sync_api.expect
MZ_DONE = re.compile(r"^完成：\d+ 个条款$")


class GatedEmbedder(HashEmbedder):
    """Holds the build's first batch of clauses until the test has seen the page report it."""

    def __init__(self):
        self.gate = threading.Event()

    def encode(self, texts):
        if len(texts) > 1:  # a build's batch, not a search question
            self.gate.wait(timeout=30)
        return super().encode(texts)


@pytest.fixture
def upload_page(browser, tmp_path):
    settings = private(make_settings(tmp_path), tmp_path)  # a private corpus: the upload changes it
    build(settings)
    with serve(create_app(settings)) as url:
        context = browser.new_context(viewport=DESKTOP, base_url=url, locale="zh-CN")
        context.set_default_timeout(30_000)
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        yield page
        context.close()
        assert not errors, f"JavaScript errors on the page: {errors}"


def test_upload_shows_progress_and_the_document_with_its_guessed_metadata(upload_page, tmp_path):
    page = upload_page
    page.goto("/web/search.html")
    page.click("header nav >> text=政策文件")
    expect(page.locator("#documents tbody tr")).to_have_count(4)
    page.set_input_files("#upload-file", str(office_docx(tmp_path / "湖州医疗救助办法.docx")))
    page.click("#upload-button")
    expect(page.locator("#upload-progress")).to_be_visible()
    expect(page.locator("#upload-stage")).to_have_text(MZ_DONE)
    expect(page.locator("#upload-result")).to_contain_text("已收录《湖州市医疗救助实施办法》")
    expect(page.locator("#upload-result")).to_contain_text("湖民发〔2025〕7号")
    row = page.locator("#documents tbody tr", has_text="湖州市医疗救助实施办法")
    expect(row).to_have_count(1)
    expect(row.locator(".guess").first).to_have_text("推测")
    shot(page, "documents-upload.png", full_page=True)
    page.set_input_files("#upload-file", {"name": "空.txt", "mimeType": "text/plain", "buffer": b"   "})
    page.click("#upload-button")
    expect(page.locator("#upload-result")).to_contain_text("上传失败（422）")


def test_the_page_shows_the_stage_and_counts_the_server_build_reports(browser, tmp_path):
    settings = private(make_settings(tmp_path), tmp_path)
    build(settings)
    app = create_app(settings)
    embedder = GatedEmbedder()
    app.state.searcher._embedder = embedder  # the upload's build embeds with the searcher's embedder
    with serve(app) as url:
        context = browser.new_context(viewport=DESKTOP, base_url=url, locale="zh-CN")
        context.set_default_timeout(30_000)
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        try:
            page.goto("/web/documents.html")
            page.set_input_files("#upload-file", str(office_docx(tmp_path / "湖州医疗救助办法.docx")))
            page.click("#upload-button")
            # the build is held at its first batch: the page shows what the server reports, with counts
            expect(page.locator("#upload-stage")).to_contain_text(re.compile(r"正在计算条款向量：0/\d+ 条"))
            shot(page, "documents-upload-progress.png")
            embedder.gate.set()
            expect(page.locator("#upload-stage")).to_have_text(MZ_DONE)
            expect(page.locator("#upload-bar")).to_have_attribute("value", "100")
        finally:
            embedder.gate.set()
            context.close()
    assert not errors, f"JavaScript errors on the page: {errors}"
