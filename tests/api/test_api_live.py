"""The app on uvicorn at 127.0.0.1 with the real default-model index: warm at start-up, fast first request."""

from __future__ import annotations

import time

import httpx
import pytest

from assistant.api.app import create_app
from tests.api.conftest import KEY, private
from tests.api.live import serve

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def base(default_settings, tmp_path_factory):
    with serve(create_app(private(default_settings, tmp_path_factory.mktemp("live")))) as url:
        yield url


def test_first_search_is_fast_because_the_searcher_warmed_at_startup(base):
    t0 = time.perf_counter()
    resp = httpx.get(f"{base}/api/search", params={"q": "丰宁县农村低保标准是多少", "k": 3})
    elapsed = time.perf_counter() - t0
    assert resp.status_code == 200 and resp.json()["hits"]
    assert elapsed < 0.5, f"first search took {elapsed:.2f}s"


def test_search_then_clause_then_screening_over_http(base):
    hit = httpx.get(f"{base}/api/search", params={"q": "丰宁 农村低保标准提高至4800元", "k": 1}).json()["hits"][0]
    cite = hit["citation"]
    clause = httpx.get(f"{base}/api/clauses/{hit['chunk_id']}", params={"quote": cite["quote"]}, headers=KEY).json()
    assert clause["quote"]["text"] == cite["quote"] and clause["document"]["issuer"]
    household = {
        "region": {"province": "河北省", "prefecture": "承德市", "county": "丰宁满族自治县"},
        "area": "rural",
        "members": [{"relation": "self", "age": 72, "income_yearly": 1200}],
        "assets_within_limit": True,
    }
    result = httpx.post(f"{base}/api/eligibility", json=household).json()
    assert {p["program"]: p["status"] for p in result["programs"]}["dibao"] == "meets"
