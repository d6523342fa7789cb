"""Headless Debian chromium (Playwright, sync API) against the real app on a free loopback port.

The index is the hash-embedder build (fast); screenshots go to tests/artifacts/ (git-ignored).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.api.app import create_app
from indexer.settings import ROOT
from tests.api.conftest import private
from tests.api.live import serve

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = ROOT / "tests" / "artifacts"
DESKTOP = {"width": 1400, "height": 900}
PHONE = {"width": 390, "height": 844}

if not CHROMIUM.exists():
    pytest.skip(f"{CHROMIUM} missing: install Debian chromium (apt-get install chromium) for browser tests",
                allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright Python package is not installed")


@pytest.fixture(scope="session")
def base_url(hash_settings, tmp_path_factory):
    with serve(create_app(private(hash_settings, tmp_path_factory.mktemp("browser")))) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
        )
        yield b
        b.close()


@pytest.fixture
def page(browser, base_url):
    context = browser.new_context(viewport=DESKTOP, base_url=base_url, locale="zh-CN")
    context.set_default_timeout(15_000)
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    yield pg
    context.close()
    assert not errors, f"JavaScript errors on the page: {errors}"


def shot(page, name: str, full_page: bool = False) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / name
    page.screenshot(path=str(path), full_page=full_page)
    return path
