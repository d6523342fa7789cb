"""GET /api/search and the search page through the real app."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from assistant.api.app import create_app
from assistant.retrieval.search import Searcher
from indexer.embedding import HashEmbedder


@pytest.fixture(scope="module")
def client(hash_settings):
    app = create_app(hash_settings)
    app.state.searcher = Searcher(hash_settings, embedder=HashEmbedder())
    with TestClient(app) as c:
        yield c


def test_search_returns_cited_clauses(client):
    resp = client.get("/api/search", params={"q": "内蒙古单人户低保", "k": 2})
    assert resp.status_code == 200
    data = resp.json()
    hit = data["hits"][0]
    assert "单人户" in hit["text"]
    assert hit["citation"]["chunk_id"] == hit["chunk_id"] and hit["heading_path"]
    assert len(data["hits"]) == 2


def test_bad_parameters_name_the_field(client):
    resp = client.get("/api/search", params={"q": "低保", "k": 99})
    assert resp.status_code == 422
    assert resp.json()["fields"][0]["field"] == "k"


def test_search_page_and_health(client):
    assert client.get("/healthz").json() == {"status": "ok"}
    page = client.get("/", follow_redirects=True)
    assert page.status_code == 200 and 'id="search-form"' in page.text
