"""Degraded, not dead: each start-up fault leaves a service that starts, answers eligibility and the widget, and
names the fault on /healthz with what to run; a running server keeps its last good index when the files go bad."""

from __future__ import annotations

import logging
import shutil
import time

import pytest
from fastapi.testclient import TestClient

from assistant.api.app import create_app
from tests.api.conftest import KEY, private
from tests.api.live import free_port

HOUSEHOLD = {"region": {"county": "丰宁满族自治县"}, "area": "rural", "members": [{"age": 66, "income_yearly": 900}]}
SEARCH = {"q": "特困人员供养标准", "k": 2}


@pytest.fixture
def own_index(hash_settings, tmp_path):
    """A private copy of the built hash index, free to break."""
    shutil.copytree(hash_settings.index_dir, tmp_path / "index")
    return private(hash_settings, tmp_path, index_dir=tmp_path / "index")


def assert_starts_degraded(settings, part: str, words: tuple[str, ...]) -> dict:
    with TestClient(create_app(settings)) as c:
        health = c.get("/healthz")
        assert health.status_code == 200
        body = health.json()
        assert body["status"] == "degraded" and body["parts"][part]["status"] == "degraded", body
        assert all(w in body["parts"][part]["message"] for w in words), body["parts"][part]
        # the citizen side needs no index
        assert c.post("/api/eligibility", json=HOUSEHOLD).status_code == 200
        assert "attachShadow" in c.get("/web/widget.js").text
        assert c.get("/web/widget-demo.html").status_code == 200
        search = c.get("/api/search", params=SEARCH)
        assert search.status_code == 503 and "indexer build" in search.json()["error"]
        return body


def test_no_index_yet(fresh_settings, tmp_path):
    assert_starts_degraded(private(fresh_settings, tmp_path), "index", ("索引尚未建立", "indexer build"))


def test_corrupt_pointer_at_start_up(own_index):
    (own_index.index_dir / "current.json").write_text('{"gen_id": "x", "coll', encoding="utf-8")
    assert_starts_degraded(own_index, "index", ("current.json", "损坏", "indexer build"))


def test_deleted_chroma_folder_at_start_up(own_index):
    shutil.rmtree(own_index.index_dir / "chroma")
    body = assert_starts_degraded(own_index, "index", ("向量库", "indexer build"))
    assert body["generation"] is None


def test_chroma_server_down_at_start_up(own_index):
    down = own_index.model_copy(update={"chroma_url": f"http://127.0.0.1:{free_port()}"})
    body = assert_starts_degraded(down, "chroma", ("向量库不可用", "indexer build"))
    assert body["parts"]["index"]["status"] == "degraded"


def test_conversation_database_unreachable(own_index, tmp_path):
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("a file where the database folder should be")
    broken = own_index.model_copy(update={"conversation_db_url": f"sqlite:///{blocker / 'db' / 'c.db'}"})
    with TestClient(create_app(broken)) as c:
        body = c.get("/healthz").json()
        assert body["parts"]["conversation_db"]["status"] == "degraded"
        assert "MZ_CONVERSATION_DB_URL" in body["parts"]["conversation_db"]["message"]
        assert body["parts"]["index"]["status"] == "ok"
        chat = c.post("/api/chat", json={"message": "低保标准"}, headers=KEY)
        assert chat.status_code == 503 and "对话服务" in chat.json()["error"]
        assert c.get("/api/search", params=SEARCH).status_code == 200


def test_llm_endpoint_down_is_reported(own_index):
    down = own_index.model_copy(update={"llm_base_url": f"http://127.0.0.1:{free_port()}/v1"})
    with TestClient(create_app(down)) as c:
        llm = c.get("/healthz").json()["parts"]["llm"]
        assert llm["status"] == "degraded" and "MZ_LLM_BASE_URL" in llm["message"]


def test_a_running_server_keeps_its_last_good_generation(own_index, caplog):
    app = create_app(own_index)
    with TestClient(app) as c:
        healthy = c.get("/healthz").json()
        assert healthy["status"] == "ok" and healthy["chunks"] > 0, healthy
        before = c.get("/api/search", params=SEARCH).json()["hits"]
        pointer = own_index.index_dir / "current.json"
        good = pointer.read_text(encoding="utf-8")
        with caplog.at_level(logging.WARNING, logger="assistant.retrieval.search"):
            pointer.write_text("{not json", encoding="utf-8")
            for _ in range(3):
                resp = c.get("/api/search", params=SEARCH)
                assert resp.status_code == 200 and resp.json()["hits"] == before
        assert sum("index generation not loaded" in r.getMessage() for r in caplog.records) == 1  # logged once
        index = c.get("/healthz").json()["parts"]["index"]
        assert index["status"] == "degraded" and healthy["generation"] in index["message"]
        # the store goes too: the vectors in memory keep serving
        pointer.unlink()
        shutil.rmtree(own_index.index_dir / "chroma")
        assert c.get("/api/search", params=SEARCH).json()["hits"] == before
        assert c.get("/healthz").json()["parts"]["chroma"]["status"] == "degraded"
        # `indexer build` repairs it; the server picks the new generation up without a restart
        pointer.write_text(good, encoding="utf-8")
        assert c.get("/api/search", params=SEARCH).status_code == 200


def test_the_pointer_is_not_read_per_request(own_index, monkeypatch):
    import assistant.retrieval.search as search

    app = create_app(own_index)
    with TestClient(app) as c:
        reads = []
        real = search.read_pointer
        monkeypatch.setattr(search, "read_pointer", lambda d: reads.append(d) or real(d))
        for _ in range(5):
            assert c.get("/api/search", params=SEARCH).status_code == 200
        assert reads == []


def test_an_upload_over_a_broken_pointer_rebuilds_and_keeps_the_file(hash_settings, tmp_path):
    from indexer.build import build

    own = private(hash_settings, tmp_path)
    shutil.copytree(hash_settings.corpus_dir, tmp_path / "corpus", dirs_exist_ok=True)
    own = own.model_copy(update={"corpus_dir": tmp_path / "corpus", "index_dir": tmp_path / "index"})
    build(own)
    with TestClient(create_app(own)) as c:
        (own.index_dir / "current.json").write_text("{broken", encoding="utf-8")
        files = {"file": ("新办法.txt", "第一条 为保障困难群众基本生活，制定本办法。".encode(), "text/plain")}
        resp = c.post("/api/documents", files=files, headers=KEY)
        assert resp.status_code == 201, resp.text
        assert (own.corpus_dir / "新办法.txt").exists()
        assert c.get("/healthz").json()["status"] == "ok"
        hits = c.get("/api/search", params={"q": "为保障困难群众基本生活制定本办法"}).json()["hits"]
        assert any(h["doc_id"] == "新办法.txt" for h in hits)


def test_an_upload_while_the_vector_store_is_down_is_a_503_and_changes_nothing(hash_settings, tmp_path):
    own = private(hash_settings, tmp_path)
    shutil.copytree(hash_settings.corpus_dir, tmp_path / "corpus", dirs_exist_ok=True)
    down = own.model_copy(
        update={"corpus_dir": tmp_path / "corpus", "index_dir": tmp_path / "index", "chroma_url": f"http://127.0.0.1:{free_port()}"}
    )
    before = sorted(p.name for p in down.corpus_dir.iterdir())
    with TestClient(create_app(down)) as c:
        files = {"file": ("新办法.txt", "第一条 为保障困难群众基本生活，制定本办法。".encode(), "text/plain")}
        resp = c.post("/api/documents", files=files, headers=KEY)
        assert resp.status_code == 503 and "文件未加入" in resp.json()["error"]
    assert sorted(p.name for p in down.corpus_dir.iterdir()) == before


def test_chat_comes_back_by_itself_once_the_database_is_reachable(own_index, tmp_path, monkeypatch):
    import assistant.api.deps as deps

    blocker = tmp_path / "later"
    blocker.write_text("a file where the database folder will be")
    app = create_app(own_index.model_copy(update={"conversation_db_url": f"sqlite:///{blocker / 'c.db'}"}))
    monkeypatch.setattr(deps, "CHAT_RETRY_S", 0.0)
    with TestClient(app) as c:
        assert c.post("/api/chat", json={"message": "低保标准"}, headers=KEY).status_code == 503
        blocker.unlink()  # the operator fixes the path
        assert c.post("/api/chat", json={"message": "低保标准"}, headers=KEY).status_code == 200
        assert c.get("/healthz").json()["parts"]["conversation_db"]["status"] == "ok"


def test_a_deleted_store_rebuilt_from_the_shell_is_picked_up_without_a_restart(own_index):
    import subprocess
    import sys

    from indexer.settings import ROOT

    app = create_app(own_index)
    with TestClient(app) as c:
        before = c.get("/healthz").json()["generation"]
        shutil.rmtree(own_index.index_dir / "chroma")
        assert c.get("/api/search", params=SEARCH).status_code == 200  # still the vectors in memory
        # `indexer build` in another process, as an operator would run it
        code = ("import sys; from indexer.build import build; from indexer.settings import Settings; "
                "print(build(Settings.model_validate_json(sys.argv[1]), force=True).generation)")
        built = subprocess.run([sys.executable, "-c", code, own_index.model_dump_json()], cwd=ROOT, check=True,
                               capture_output=True, text=True).stdout.strip().splitlines()[-1]
        assert c.get("/api/search", params=SEARCH).status_code == 200
        # the new generation loads in the background while the old one answers; then it is swapped in
        deadline = time.monotonic() + 60
        while c.get("/healthz").json()["generation"] != built and time.monotonic() < deadline:
            time.sleep(0.1)
        health = c.get("/healthz").json()
        assert health["status"] == "ok" and health["generation"] == built != before, health
