"""GET /api/documents, GET /api/clauses/{id}, POST /api/documents (validated upload, incremental index)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from assistant.api.app import create_app
from indexer.build import build
from indexer.loaders import load_text
from indexer.store import read_pointer
from tests.api.conftest import KEY, private
from tests.conftest import make_settings

FENGNING = "003_2b397bcf9f5a37ec.txt"
NEW_DOC = "某某县临时救助实施细则\n一、救助对象\n因火灾导致基本生活严重困难的家庭，可申请临时救助备用金。\n二、救助标准\n一次性救助不超过3000元。\n"


def test_documents_list_every_indexed_document_with_its_metadata(client):
    docs = {d["id"]: d for d in client.get("/api/documents").json()["documents"]}
    assert len(docs) == 4
    fengning = docs[FENGNING]
    assert fengning["issuer"] == "丰宁满族自治县民政局" and fengning["date"] == "2020-05-15"
    assert fengning["region"] and fengning["chunks"] > 10 and "丰宁" in fengning["title"]


def test_clause_comes_with_neighbours_heading_path_and_the_quote_located_in_the_original(client, hash_settings):
    hit = client.get("/api/search", params={"q": "丰宁 特困人员 年6000元提高到6600元", "k": 1}).json()["hits"][0]
    cite = hit["citation"]
    resp = client.get(
        f"/api/clauses/{hit['chunk_id']}", params={"quote": cite["quote"], "start": cite["start"]}, headers=KEY
    )
    assert resp.status_code == 200
    data = resp.json()
    assert data["clause"]["heading_path"] == hit["heading_path"]
    assert [n["chunk_id"] for n in data["neighbours"] if n["current"]] == [hit["chunk_id"]]
    assert len(data["neighbours"]) >= 2
    original = load_text(hash_settings.corpus_dir / hit["doc_id"])
    excerpt, quote = data["excerpt"], data["quote"]
    assert original[excerpt["start"] : excerpt["end"]] == excerpt["text"]
    assert original[quote["start"] : quote["end"]] == cite["quote"]
    assert excerpt["start"] <= quote["start"] < quote["end"] <= excerpt["end"]


def test_clause_reads_only_its_own_document_and_counts_its_chunks_as_the_list_does(hash_settings, tmp_path):
    app = create_app(private(hash_settings, tmp_path))
    with TestClient(app) as c:
        gen = read_pointer(hash_settings.index_dir)
        ids = (gen.directory / "ids.txt").read_text(encoding="utf-8").split()
        chunks = app.state.searcher._state().chunks
        before = set(chunks._parsed)
        target = ids[len(ids) // 2]
        data = c.get(f"/api/clauses/{target}", headers=KEY).json()
        doc = data["clause"]["doc_id"]
        parsed_now = set(chunks._parsed) - before
        assert parsed_now and {chunks[i].doc_id for i in parsed_now} == {doc}
        listed = {d["id"]: d for d in c.get("/api/documents", headers=KEY).json()["documents"]}
        assert data["document"]["chunks"] == listed[doc]["chunks"] > 1
        assert data["document"]["title"] == listed[doc]["title"]


def test_unknown_clause_is_404_with_a_message(client):
    resp = client.get("/api/clauses/0123456789abcdef", headers=KEY)
    assert resp.status_code == 404 and "0123456789abcdef" in resp.json()["error"]


@pytest.fixture(scope="module")
def uploads(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("uploads")
    settings = private(make_settings(tmp), tmp, upload_max_bytes=2000)
    build(settings)
    with TestClient(create_app(settings)) as c:
        yield c, settings


def corpus_state(settings) -> tuple[list[str], str]:
    return sorted(p.name for p in settings.corpus_dir.iterdir()), read_pointer(settings.index_dir).gen_id


def test_upload_is_indexed_incrementally_and_searchable(uploads):
    c, settings = uploads
    resp = c.post("/api/documents", files={"file": ("临时救助细则.txt", NEW_DOC.encode(), "text/plain")}, headers=KEY)
    assert resp.status_code == 201, resp.text
    body = resp.json()
    assert body["id"] == "临时救助细则.txt" and body["chunks"] >= 2 and body["embedded"] == body["chunks"]
    assert "临时救助细则.txt" in {d["id"] for d in c.get("/api/documents").json()["documents"]}
    hit = c.get("/api/search", params={"q": "火灾 临时救助备用金", "k": 1}).json()["hits"][0]
    assert hit["doc_id"] == "临时救助细则.txt"
    again = c.post("/api/documents", files={"file": ("临时救助细则.txt", NEW_DOC.encode())}, headers=KEY)
    assert again.status_code == 409


@pytest.mark.parametrize(
    ("name", "data", "status", "words"),
    [
        ("scan.pdf", b"%PDF-1.4 not really a pdf", 422, "scan.pdf"),
        ("notes.docx", b"PK\x03\x04 broken zip", 422, "notes.docx"),
        ("empty.txt", b"   \n  ", 422, "没有可读取的文字"),
        ("virus.exe", b"MZ", 415, "不支持的文件类型"),
        ("../escape.txt", NEW_DOC.encode(), 422, "文件名不可用"),
        (".hidden.txt", NEW_DOC.encode(), 422, "文件名不可用"),
        ("big.txt", ("救助" * 1500).encode(), 413, "文件过大"),
        # far over the limit: refused by the request size, before the multipart body is parsed
        ("huge.txt", ("救助" * 20000).encode(), 413, "文件过大"),
    ],
)
def test_a_bad_upload_is_rejected_whole_and_changes_nothing(uploads, name, data, status, words):
    c, settings = uploads
    before = corpus_state(settings)
    resp = c.post("/api/documents", files={"file": (name, data)}, headers=KEY)
    assert resp.status_code == status
    assert words in resp.json()["error"]
    assert corpus_state(settings) == before
