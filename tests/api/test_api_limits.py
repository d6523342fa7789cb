"""Limits of the API: rate limits per route group and client and the bounded queue of /api/search, and request body
sizes enforced before a route parses the body."""

from __future__ import annotations

import json
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from fastapi.testclient import TestClient

from assistant.api.app import MAX_JSON_BYTES, create_app
from assistant.api.routes_chat import MAX_BODY_BYTES as CHAT_MAX_BYTES
from assistant.api.routes_eligibility import MAX_BODY_BYTES as ELIGIBILITY_MAX_BYTES
from tests.api.conftest import KEY, private

SEARCH = {"q": "特困人员供养标准", "k": 2}
HOUSEHOLD = {"region": {"county": "丰宁满族自治县"}, "area": "rural", "members": [{"age": 66, "income_yearly": 900}]}


def test_search_is_rate_limited_per_client_in_its_own_bucket(hash_settings, tmp_path):
    app = create_app(private(hash_settings, tmp_path, search_rate_per_minute=3))
    with TestClient(app) as c:
        assert [c.get("/api/search", params=SEARCH).status_code for _ in range(3)] == [200, 200, 200]
        limited = c.get("/api/search", params=SEARCH)
        assert limited.status_code == 429 and "请求太频繁" in limited.json()["error"]
        assert 1 <= int(limited.headers["retry-after"]) <= 60
        # the widget has a bucket of its own: a burst of searches does not lock citizens out of screening
        assert c.post("/api/eligibility", json=HOUSEHOLD).status_code == 200
        # a caseworker page sending its key is not counted; a wrong key is no way around the limit
        assert c.get("/api/search", params=SEARCH, headers=KEY).status_code == 200
        assert c.get("/api/search", params=SEARCH, headers={"X-API-Key": "guess"}).status_code == 429
    with TestClient(app, client=("10.1.2.3", 5000)) as other:
        assert other.get("/api/search", params=SEARCH).status_code == 200  # the limit is per client


def test_a_forwarded_header_is_no_way_around_the_limit(hash_settings, tmp_path):
    app = create_app(private(hash_settings, tmp_path, citizen_rate_per_minute=2))
    with TestClient(app, client=("127.0.0.1", 5000)) as c:
        codes = [
            c.post("/api/eligibility", json=HOUSEHOLD, headers={"X-Forwarded-For": f"10.0.0.{i}"}).status_code
            for i in range(4)
        ]
        assert codes == [200, 200, 429, 429]


def test_behind_a_trusted_proxy_each_forwarded_client_has_its_own_bucket(hash_settings, tmp_path):
    settings = private(hash_settings, tmp_path, citizen_rate_per_minute=1, trusted_proxies=["10.9.0.0/16"])
    app = create_app(settings)
    with TestClient(app, client=("10.9.0.1", 5000)) as proxy:
        def screen(chain: str) -> int:
            return proxy.post("/api/eligibility", json=HOUSEHOLD, headers={"X-Forwarded-For": chain}).status_code

        assert screen("203.0.113.5") == 200 and screen("203.0.113.6") == 200
        assert screen("203.0.113.5") == 429
        # a client's own claim sits left of the address the proxy saw, and is not believed
        assert screen("198.51.100.1, 203.0.113.6") == 429
        # a chain of trusted proxies is walked back to the first untrusted address
        assert screen("203.0.113.7, 10.9.3.3") == 200
    with TestClient(app, client=("192.0.2.9", 5000)) as direct:
        # not from a trusted proxy: the header is ignored and the peer is the client
        assert direct.post("/api/eligibility", json=HOUSEHOLD, headers={"X-Forwarded-For": "203.0.113.99"}).status_code == 200
        assert direct.post("/api/eligibility", json=HOUSEHOLD, headers={"X-Forwarded-For": "203.0.113.98"}).status_code == 429


def test_chat_is_limited_per_key(hash_settings, tmp_path):
    keys = ["dev-caseworker-key", "second-caseworker-key"]
    app = create_app(private(hash_settings, tmp_path, chat_rate_per_minute=1, api_keys=keys))
    with TestClient(app) as c:
        ask = {"message": "特困人员供养标准"}
        assert c.post("/api/chat", json=ask, headers=KEY).status_code == 200
        limited = c.post("/api/chat", json=ask, headers=KEY)
        assert limited.status_code == 429 and limited.headers["retry-after"]
        assert c.post("/api/chat", json=ask, headers={"X-API-Key": keys[1]}).status_code == 200


def test_the_server_command_does_not_trust_forwarded_headers(monkeypatch):
    from typer.testing import CliRunner

    from assistant import serving
    from assistant.cli import app as cli

    seen = {}
    # the command forks its workers through assistant.serving; stand in for it so no server binds a port
    monkeypatch.setattr(serving, "serve", lambda *a, **kw: seen.update(kw))
    assert CliRunner().invoke(cli, ["serve"]).exit_code == 0
    assert seen["proxy_headers"] is False


def test_searches_waiting_for_a_slot_are_bounded(hash_settings, tmp_path):
    app = create_app(private(hash_settings, tmp_path, search_slots=1, search_queue_max=1))
    started, release = threading.Event(), threading.Event()
    with TestClient(app) as c:
        searcher = app.state.searcher
        real = searcher.search

        def held(*args, **kwargs):
            started.set()
            release.wait(30)
            return real(*args, **kwargs)

        searcher.search = held  # the first search holds the only slot until released
        try:
            with ThreadPoolExecutor(2) as pool:
                first = pool.submit(c.get, "/api/search", params=SEARCH)
                assert started.wait(30)
                second = pool.submit(c.get, "/api/search", params=SEARCH)  # waits: the one allowed in the queue
                deadline = time.monotonic() + 30
                while app.state.search_limiter.statistics().tasks_waiting < 1 and time.monotonic() < deadline:
                    time.sleep(0.01)
                refused = c.get("/api/search", params=SEARCH)
                release.set()
                assert refused.status_code == 503 and "稍后再试" in refused.json()["error"]
                assert refused.headers["retry-after"] == "1"
                assert first.result().status_code == 200 and second.result().status_code == 200
        finally:
            release.set()
            del searcher.search
        assert c.get("/api/search", params=SEARCH).status_code == 200  # the queue drained


@pytest.fixture(scope="module")
def limited(hash_settings, tmp_path_factory):
    with TestClient(create_app(private(hash_settings, tmp_path_factory.mktemp("limits")))) as c:
        yield c


def chunks(data: bytes, size: int = 4096):
    """A body sent without Content-Length (chunked), as a client streaming it would."""
    for i in range(0, len(data), size):
        yield data[i : i + size]


def test_an_oversized_household_is_refused_before_it_is_parsed(limited):
    # not even JSON: parsed first, this would be a 422; refused by size, it is a 413 with the limit
    garbage = b"{" + b" " * ELIGIBILITY_MAX_BYTES
    resp = limited.post("/api/eligibility", content=garbage, headers={"Content-Type": "application/json"})
    assert resp.status_code == 413
    assert resp.json()["error"] == f"家庭信息过长（上限 {ELIGIBILITY_MAX_BYTES // 1024} KB）"
    # streamed with no Content-Length: counted as it arrives
    streamed = limited.post("/api/eligibility", content=chunks(garbage), headers={"Content-Type": "application/json"})
    assert "content-length" not in streamed.request.headers
    assert streamed.status_code == 413 and "家庭信息过长" in streamed.json()["error"]
    # a household under the limit is still screened
    assert limited.post("/api/eligibility", json=HOUSEHOLD).status_code == 200


def test_chat_and_other_json_bodies_have_limits_too(limited):
    message = json.dumps({"message": "问" * (CHAT_MAX_BYTES // 3 + 1)}, ensure_ascii=False).encode()
    resp = limited.post("/api/chat", content=message, headers={**KEY, "Content-Type": "application/json"})
    assert resp.status_code == 413 and resp.json()["error"] == f"请求内容过大（上限 {CHAT_MAX_BYTES // 1024} KB）"
    huge = b"[" + b"0," * (MAX_JSON_BYTES // 2) + b"0]"
    resp = limited.post("/api/quiz/export", content=chunks(huge, 65536), headers={**KEY, "Content-Type": "application/json"})
    assert resp.status_code == 413 and f"上限 {MAX_JSON_BYTES // 1024} KB" in resp.json()["error"]


def test_the_413_reaches_a_widget_on_another_allowed_origin(limited):
    origin = {"Origin": "http://localhost:8000", "Content-Type": "application/json"}
    resp = limited.post("/api/eligibility", content=b"{" + b" " * ELIGIBILITY_MAX_BYTES, headers=origin)
    assert resp.status_code == 413 and resp.headers["access-control-allow-origin"] == "http://localhost:8000"


def test_a_shared_limit_store_that_is_down_lets_requests_through(hash_settings, tmp_path):
    pytest.importorskip("redis")
    from tests.api.live import free_port

    down = private(hash_settings, tmp_path, rate_limit_storage=f"redis://127.0.0.1:{free_port()}")
    with TestClient(create_app(down)) as c:
        assert c.post("/api/eligibility", json=HOUSEHOLD).status_code == 200
        part = c.get("/healthz").json()["parts"]["rate_limits"]
        assert part["status"] == "degraded" and "MZ_RATE_LIMIT_STORAGE" in part["message"]


def test_workers_sharing_a_redis_store_share_one_count(hash_settings, tmp_path):
    pytest.importorskip("redis")
    from tests.api.redis_server import binary, redis_server

    if binary() is None:
        pytest.skip("no redis-server: install Debian's redis-server package")
    with redis_server() as url:
        settings = private(hash_settings, tmp_path, citizen_rate_per_minute=3, rate_limit_storage=url)
        # two apps stand for two worker processes behind one port
        with TestClient(create_app(settings)) as first, TestClient(create_app(settings)) as second:
            assert first.post("/api/eligibility", json=HOUSEHOLD).status_code == 200
            assert second.post("/api/eligibility", json=HOUSEHOLD).status_code == 200
            assert first.post("/api/eligibility", json=HOUSEHOLD).status_code == 200
            limited = second.post("/api/eligibility", json=HOUSEHOLD)
            assert limited.status_code == 429 and int(limited.headers["retry-after"]) >= 1
            assert first.get("/healthz").json()["parts"]["rate_limits"]["status"] == "ok"
