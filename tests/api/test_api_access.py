"""Keys for caseworker routes, the public widget's rate limit and CORS, JSON errors, OpenAPI docs."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from assistant.api.app import create_app
from assistant.api.security import InsecureSettings
from assistant.eligibility.parameters import table
from tests.api.conftest import KEY, private

HOUSEHOLD = {"region": {"county": "丰宁满族自治县"}, "area": "rural", "members": [{"age": 40, "income_yearly": 3000}]}
LIMITS = {key: table().input_limits[key] for key in ("age_max", "disability_grades")}


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("post", "/api/chat"),
        ("get", "/api/conversations"),
        ("get", "/api/conversations/abc"),
        ("get", "/api/clauses/0123456789abcdef"),
        ("post", "/api/documents"),
        ("post", "/api/eligibility?audience=caseworker"),
        ("get", "/api/quiz/options"),
    ],
)
def test_caseworker_routes_need_a_valid_key(client, method, path):
    for headers in ({}, {"X-API-Key": "wrong"}):
        resp = client.request(method, path, headers=headers, json=HOUSEHOLD if "eligibility" in path else None)
        assert resp.status_code == 401, path
        assert "X-API-Key" in resp.json()["error"]


def test_production_refuses_placeholder_and_short_keys(hash_settings):
    for keys in (["dev-caseworker-key"], ["short"], []):
        with pytest.raises(InsecureSettings, match="MZ_API_KEYS"):
            create_app(hash_settings.model_copy(update={"mode": "production", "api_keys": keys}))
    app = create_app(hash_settings.model_copy(update={"mode": "production", "api_keys": ["k" * 8 + "Zq3xP0v9Lm2w"]}))
    with TestClient(app, client=("127.0.0.1", 5000), base_url="http://127.0.0.1:8000") as c:
        # production never hands a key to the page, not even on this machine
        assert c.get("/api/client-config").json() == {"mode": "production", "input_limits": LIMITS}


def test_development_key_is_served_only_to_a_browser_on_this_machine(hash_settings, tmp_path):
    app = create_app(private(hash_settings, tmp_path))
    local = {"mode": "development", "input_limits": LIMITS, "dev_api_key": "dev-caseworker-key"}
    for peer, base in ((("127.0.0.1", 5000), "http://127.0.0.1:8000"), (("127.8.9.10", 5000), "http://localhost:8000"),
                       (("::1", 5000), "http://[::1]:8000")):
        with TestClient(app, client=peer, base_url=base) as c:
            resp = c.get("/api/client-config")
            assert resp.json() == local, peer
            assert resp.headers["cache-control"] == "no-store"
    remote = {"mode": "development", "input_limits": LIMITS}
    with TestClient(app, client=("10.1.2.3", 5000), base_url="http://10.0.0.5:8000") as c:
        assert c.get("/api/client-config").json() == remote  # `assistant serve --host 0.0.0.0`, another machine
    with TestClient(app, client=("127.0.0.1", 5000), base_url="http://127.0.0.1:8000") as c:
        # a reverse proxy on this machine: every client arrives from loopback
        assert c.get("/api/client-config", headers={"X-Forwarded-For": "10.1.2.3"}).json() == remote
        assert c.get("/api/client-config", headers={"Forwarded": "for=10.1.2.3"}).json() == remote
        # DNS rebinding: another site's page whose name resolves to 127.0.0.1 sends its own name as Host
        assert c.get("/api/client-config", headers={"Host": "evil.example:8000"}).json() == remote


def test_input_limits_for_the_pages_are_the_eligibility_engines(client):
    limits = client.get("/api/client-config").json()["input_limits"]
    assert limits == LIMITS
    bad = {**HOUSEHOLD, "members": [{"age": limits["age_max"] + 1}]}
    assert client.post("/api/eligibility", json=bad).json()["fields"][0]["message"].endswith(f"{limits['age_max']}之间")


def test_citizen_endpoint_is_rate_limited_per_client_with_a_chinese_message(hash_settings, tmp_path):
    app = create_app(private(hash_settings, tmp_path, citizen_rate_per_minute=3))
    with TestClient(app) as c:
        codes = [c.post("/api/eligibility", json=HOUSEHOLD).status_code for _ in range(4)]
        assert codes == [200, 200, 200, 429]
        limited = c.post("/api/eligibility", json=HOUSEHOLD)
        assert "请求太频繁" in limited.json()["error"] and int(limited.headers["retry-after"]) >= 1
        # caseworkers with a key are not counted against the public limit
        assert c.post("/api/eligibility?audience=caseworker", json=HOUSEHOLD, headers=KEY).status_code == 200


def test_cors_only_for_configured_origins_and_never_with_the_key_header(client):
    allowed = {"Origin": "http://localhost:8000"}
    resp = client.post("/api/eligibility", json=HOUSEHOLD, headers=allowed)
    assert resp.headers["access-control-allow-origin"] == "http://localhost:8000"
    other = client.post("/api/eligibility", json=HOUSEHOLD, headers={"Origin": "http://evil.example"})
    assert "access-control-allow-origin" not in other.headers
    preflight = {**allowed, "Access-Control-Request-Method": "POST"}
    ok = client.options("/api/eligibility", headers={**preflight, "Access-Control-Request-Headers": "content-type"})
    assert ok.status_code == 200
    keyed = client.options("/api/chat", headers={**preflight, "Access-Control-Request-Headers": "x-api-key"})
    assert keyed.status_code == 400


def test_errors_are_json_with_a_message(client):
    missing = client.get("/api/nothing-here")
    assert missing.status_code == 404 and "/api/nothing-here" in missing.json()["error"]
    wrong_method = client.delete("/api/search")
    assert wrong_method.status_code == 405 and wrong_method.json()["error"]


def test_openapi_docs_list_every_route_and_load_nothing_from_a_cdn(client):
    docs = client.get("/docs")
    assets = re.findall(r'(?:src|href)="([^"]+\.(?:js|css))"', docs.text)
    assert len(assets) == 2 and all(a.startswith("/") for a in assets)
    assert all(client.get(a).status_code == 200 for a in assets)
    paths = client.get("/openapi.json").json()["paths"]
    for path in (
        "/api/chat", "/api/conversations", "/api/conversations/{conversation_id}", "/api/search",
        "/api/eligibility", "/api/documents", "/api/clauses/{chunk_id}", "/healthz",
    ):
        assert path in paths
