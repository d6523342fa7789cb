"""Security headers on pages and API answers; production refuses guessable keys and keeps the API's
documentation and the document listing behind the key."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from assistant.api.app import WEB, create_app
from assistant.api.security import InsecureSettings
from tests.api.conftest import private

STRONG = "q8Vd-2LmZr9XwT4bN1sKpY7c"


def test_pages_and_answers_carry_the_security_headers(client):
    for path in ("/web/chat.html", "/web/search.html", "/web/trainer.html", "/healthz", "/api/nothing"):
        headers = client.get(path).headers
        csp = headers["content-security-policy"]
        assert "script-src 'self';" in csp and "frame-ancestors 'none'" in csp, path
        assert headers["x-frame-options"] == "DENY" and headers["x-content-type-options"] == "nosniff", path
        assert headers["referrer-policy"] == "strict-origin-when-cross-origin"


def test_the_widget_may_be_framed_by_the_allowed_sites_only(client, hash_settings):
    headers = client.get("/web/widget-demo.html").headers
    assert "x-frame-options" not in headers
    ancestors = re.search(r"frame-ancestors ([^;]+)", headers["content-security-policy"]).group(1).split()
    assert ancestors == ["'self'", *hash_settings.cors_origins]


def test_no_page_has_an_inline_script():
    for page in WEB.glob("*.html"):
        scripts = re.findall(r"<script([^>]*)>(.*?)</script>", page.read_text(encoding="utf-8"), re.S)
        assert scripts and all('src="' in attrs and not body.strip() for attrs, body in scripts), page.name


@pytest.mark.parametrize("key", ["a" * 16, "abababababababab", "0123456789012345"])
def test_production_refuses_guessable_keys(hash_settings, key):
    with pytest.raises(InsecureSettings, match="随机性不足 1"):
        create_app(hash_settings.model_copy(update={"mode": "production", "api_keys": [key]}))


def test_production_keeps_the_docs_and_the_document_list_behind_the_key(hash_settings, tmp_path):
    app = create_app(private(hash_settings, tmp_path, mode="production", api_keys=[STRONG]))
    with TestClient(app) as c:
        for path in ("/docs", "/redoc", "/openapi.json", "/api/documents"):
            refused = c.get(path)
            assert refused.status_code == 401 and "X-API-Key" in refused.json()["error"], path
            assert c.get(path, headers={"X-API-Key": STRONG}).status_code == 200, path
        # the citizen side stays open
        assert c.get("/web/widget-demo.html").status_code == 200
        assert c.get("/healthz").status_code == 200
