"""`python -m eval load`'s client against the real app on uvicorn: both HTTP clients send the same requests and
count the same answers (the default, aiohttp, is the cheaper one; httpx is kept to measure what it cost)."""

from __future__ import annotations

import asyncio

import pytest

from assistant.api.app import create_app
from eval import load
from tests.api.conftest import private
from tests.api.live import serve


@pytest.fixture(scope="module")
def base(hash_settings, tmp_path_factory):
    unlimited = dict.fromkeys(("citizen_rate_per_minute", "search_rate_per_minute", "chat_rate_per_minute"), 10**6)
    app = create_app(private(hash_settings, tmp_path_factory.mktemp("load"), **unlimited))
    with serve(app) as url:
        yield url


@pytest.mark.parametrize("client", sorted(load.CLIENTS))
def test_each_client_sends_searches_screenings_and_chat_turns(base, client):
    samples, errors, _ = asyncio.run(load._fire(base, 3, 1.0, True, "dev-caseworker-key", client))
    assert set(samples) == {"/api/search", "/api/eligibility", "/api/chat"}
    assert all(len(times) > 0 for times in samples.values()), {k: len(v) for k, v in samples.items()}
    assert errors == dict.fromkeys(samples, 0)


@pytest.mark.parametrize("client", sorted(load.CLIENTS))
def test_each_client_reads_status_and_body_alike(base, client):
    async def ask():
        http = load.CLIENTS[client](base, 1)
        try:
            ok = await http.send("GET", "/api/search", {"q": "低保标准", "k": 2}, None, {})
            bad = await http.send("GET", "/api/search", {"q": "", "k": 2}, None, {})
            screening = await http.send("POST", "/api/eligibility", None, load.HOUSEHOLDS[0], {})
        finally:
            await http.close()
        return ok, bad, screening

    ok, bad, screening = asyncio.run(ask())
    assert ok[0] == 200 and b'"hits"' in ok[1]
    assert bad[0] == 422 and "输入有误" in bad[1].decode("utf-8")
    assert screening[0] == 200 and b'"programs"' in screening[1]
