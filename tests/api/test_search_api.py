"""GET /api/search and the pages through the real app."""

from __future__ import annotations


def test_search_returns_cited_clauses(client):
    resp = client.get("/api/search", params={"q": "内蒙古 事实无人抚养儿童 保障", "k": 2})
    assert resp.status_code == 200
    data = resp.json()
    hit = data["hits"][0]
    assert "事实无人抚养儿童" in hit["text"]
    assert hit["citation"]["chunk_id"] == hit["chunk_id"] and hit["heading_path"]
    assert len(data["hits"]) == 2


def test_bad_parameters_name_the_field(client):
    resp = client.get("/api/search", params={"q": "低保", "k": 99})
    assert resp.status_code == 422
    assert resp.json()["fields"][0]["field"] == "k"


def test_home_is_the_chat_page_and_every_page_is_served(client):
    assert client.get("/healthz").json()["status"] == "ok"
    home = client.get("/", follow_redirects=True)
    assert home.status_code == 200 and 'id="ask-form"' in home.text
    assert 'id="search-form"' in client.get("/web/search.html").text
    for page in ("chat.html", "search.html", "widget-demo.html", "trainer.html"):
        text = client.get(f"/web/{page}").text
        assert all(f'href="/web/{target}"' in text for target in ("chat.html", "search.html", "trainer.html"))
    assert "attachShadow" in client.get("/web/widget.js").text
