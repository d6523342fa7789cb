"""The app on uvicorn at 127.0.0.1 with the real default-model index: warm at start-up, then search, clause and
screening over HTTP. (Latency is measured by `python -m eval load`, not asserted here.)"""

from __future__ import annotations

import httpx
import pytest

from assistant.api.app import create_app
from tests.api.conftest import KEY, private
from tests.api.live import serve

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def live(default_settings, tmp_path_factory):
    app = create_app(private(default_settings, tmp_path_factory.mktemp("live")))
    with serve(app) as url:
        yield app, url


@pytest.fixture(scope="module")
def base(live):
    return live[1]


def test_the_searcher_is_warm_before_the_first_request(live):
    app, base = live
    # start-up loaded the index and the embedding model (serve() returns once the lifespan has run)
    assert app.state.searcher._loaded is not None and app.state.searcher._embedder is not None
    resp = httpx.get(f"{base}/api/search", params={"q": "丰宁特困人员供养标准是多少", "k": 3})
    assert resp.status_code == 200 and resp.json()["hits"]


def test_search_then_clause_then_screening_over_http(base):
    hit = httpx.get(f"{base}/api/search", params={"q": "丰宁 特困人员 年6000元提高到6600元", "k": 1}).json()["hits"][0]
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
