"""Office documents through POST /api/documents: a 第X条 .docx with a standards table is searchable article by
article and row by row; a bomb is refused with 413 and changes nothing; guessed metadata can be corrected."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from assistant.api.app import create_app
from indexer.build import build
from indexer.settings import ROOT
from tests.api.conftest import KEY, private
from tests.api.test_api_documents import corpus_state
from tests.conftest import make_settings
from tests.retrieval.test_office_documents import bomb_docx, office_docx


@pytest.fixture(scope="module")
def office(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("office-uploads")
    settings = private(make_settings(tmp), tmp, max_extracted_chars=200_000)
    build(settings)
    with TestClient(create_app(settings)) as c:
        yield c, settings, tmp


def test_an_office_docx_is_searchable_by_article_and_by_table_row(office):
    c, settings, tmp = office
    data = office_docx(tmp / "huzhou.docx").read_bytes()
    resp = c.post("/api/documents", files={"file": ("湖州医疗救助办法.docx", data)}, headers=KEY)
    assert resp.status_code == 201, resp.text
    body = resp.json()
    assert body["title"] == "湖州市医疗救助实施办法" and body["doc_number"] == "湖民发〔2025〕7号"
    assert "title" in body["guessed"] and body["region"] == "湖州市"
    hits = c.get("/api/search", params={"q": "湖州 第2条", "k": 3}).json()["hits"]
    assert hits[0]["doc_id"] == "湖州医疗救助办法.docx" and hits[0]["heading_path"][1].startswith("第二条")
    row = c.get("/api/search", params={"q": "湖州 低保对象 住院救助比例 年度限额", "k": 3}).json()["hits"]
    top = next(h for h in row if h["doc_id"] == "湖州医疗救助办法.docx")
    assert top["heading_path"][-1] == "表 第2行" and "40000" in top["text"]
    listed = {d["id"]: d for d in c.get("/api/documents").json()["documents"]}["湖州医疗救助办法.docx"]
    assert listed["doc_number"] == "湖民发〔2025〕7号" and "doc_number" in listed["guessed"]


def test_guessed_metadata_is_corrected_through_the_api(office):
    c, settings, tmp = office
    if "湖州医疗救助办法.docx" not in {d["id"] for d in c.get("/api/documents").json()["documents"]}:
        c.post("/api/documents", files={"file": ("湖州医疗救助办法.docx", office_docx(tmp / "h.docx").read_bytes())}, headers=KEY)
    resp = c.patch("/api/documents/湖州医疗救助办法.docx", json={"kind": "实施办法", "region": "湖州"}, headers=KEY)
    assert resp.status_code == 200, resp.text
    assert resp.json()["metadata"]["kind"] == "实施办法" and resp.json()["metadata"]["region"] == "湖州市"
    listed = {d["id"]: d for d in c.get("/api/documents").json()["documents"]}["湖州医疗救助办法.docx"]
    assert listed["kind"] == "实施办法" and listed["guessed"] == []
    bad = c.patch("/api/documents/湖州医疗救助办法.docx", json={"region": "不存在的地方"}, headers=KEY)
    assert bad.status_code == 422 and "未知地区" in bad.json()["error"]
    assert c.patch("/api/documents/nothing.docx", json={"kind": "办法"}, headers=KEY).status_code == 404
    assert c.patch("/api/documents/湖州医疗救助办法.docx", json={"kind": "办法"}).status_code == 401


def test_a_docx_bomb_is_refused_with_413_and_nothing_changes(office):
    c, settings, _ = office
    before = corpus_state(settings)
    resp = c.post("/api/documents", files={"file": ("bomb.docx", bomb_docx(20000))}, headers=KEY)
    assert resp.status_code == 413 and "bomb.docx" in resp.json()["error"]
    assert corpus_state(settings) == before


def test_a_printed_pdf_is_searchable_by_article_and_by_table_row(office):
    c, settings, _ = office
    pdf = ROOT / "eval" / "office_own" / "zhuzhou_linshi_jiuzhu_banfa_2024.pdf"  # printed by LibreOffice
    resp = c.post("/api/documents", files={"file": ("株洲临时救助办法.pdf", pdf.read_bytes())}, headers=KEY)
    assert resp.status_code == 201, resp.text
    assert resp.json()["title"] == "株洲市临时救助办法" and resp.json()["date_effective"] == "2024-10-01"
    hit = c.get("/api/search", params={"q": "株洲 第7条", "k": 1}).json()["hits"][0]
    assert hit["heading_path"][-1].startswith("第七条") and "先行救助金额不超过2000元" in hit["text"]
    rows = c.get("/api/search", params={"q": "株洲 子女就读全日制大学 学费 临时救助额度", "k": 5}).json()["hits"]
    row = next(h for h in rows if h["doc_id"] == "株洲临时救助办法.pdf" and h["heading_path"][-1].startswith("表"))
    assert row["heading_path"][-1] == "表 第4行" and "2000—5000" in row["text"]


def test_an_upload_reports_its_stages_and_counts_while_it_is_built(office, monkeypatch):
    import assistant.api.routes_documents as routes

    c, settings, tmp = office
    seen: list[tuple[str, int, int]] = []

    def watching(*args, progress, **kwargs):
        def spy(stage, done=0, total=0, message=""):
            progress(stage, done, total, message)
            # what a polling page reads at this moment, through the API
            got = c.get("/api/uploads/up-watch-0001", headers=KEY).json()
            seen.append((got["stage"], got["done"], got["total"]))

        return build(*args, progress=spy, **kwargs)

    monkeypatch.setattr(routes, "build", watching)
    resp = c.post("/api/documents", files={"file": ("湖州进度.docx", office_docx(tmp / "p.docx").read_bytes())},
                  data={"upload_id": "up-watch-0001"}, headers=KEY)
    assert resp.status_code == 201, resp.text
    stages = [s for s, _, _ in seen]
    assert stages.index("loading") < stages.index("chunking") < stages.index("embedding") < stages.index("switching")
    documents = len([p for p in settings.corpus_dir.iterdir() if p.is_file() and not p.name.endswith(".yaml")])
    assert ("loading", documents, documents) in seen
    # only the new document's clauses are embedded, and the count reaches them all
    assert ("embedding", resp.json()["embedded"], resp.json()["embedded"]) in seen
    final = c.get("/api/uploads/up-watch-0001", headers=KEY).json()
    assert final["stage"] == "done" and final["done"] == resp.json()["chunks"]


def test_a_refused_upload_reports_failed_with_its_reason_and_unknown_ids_are_404(office):
    c, settings, _ = office
    resp = c.post("/api/documents", files={"file": ("空.txt", b"   ")}, data={"upload_id": "up-empty-0001"}, headers=KEY)
    assert resp.status_code == 422
    got = c.get("/api/uploads/up-empty-0001", headers=KEY).json()
    assert got["stage"] == "failed" and got["message"]
    assert c.get("/api/uploads/up-never-0001", headers=KEY).status_code == 404
    assert "上传" in c.get("/api/uploads/up-never-0001", headers=KEY).json()["error"]
    assert c.get("/api/uploads/up-empty-0001").status_code == 401
    assert c.get("/api/uploads/bad", headers=KEY).status_code == 422
    bad = c.post("/api/documents", files={"file": ("x.txt", b"abc")}, data={"upload_id": "../../etc"}, headers=KEY)
    assert bad.status_code == 422
