"""Conversations belong to the API key that started them: another key can neither list, read nor continue them."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from assistant.agent.store import ConversationStore
from assistant.api.app import create_app
from tests.api.conftest import private

A = {"X-API-Key": "caseworker-a-key"}
B = {"X-API-Key": "caseworker-b-key"}


@pytest.fixture(scope="module")
def client(hash_settings, tmp_path_factory):
    settings = private(hash_settings, tmp_path_factory.mktemp("owners"), api_keys=[A["X-API-Key"], B["X-API-Key"]])
    with TestClient(create_app(settings)) as c:
        yield c


def test_another_key_cannot_see_or_continue_a_conversation(client):
    first = client.post("/api/chat", json={"message": "安徽低保审批时限"}, headers=A)
    assert first.status_code == 200
    cid = first.json()["conversation_id"]

    assert [c["id"] for c in client.get("/api/conversations", headers=A).json()["conversations"]] == [cid]
    assert client.get("/api/conversations", headers=B).json()["conversations"] == []
    assert client.get(f"/api/conversations/{cid}", headers=B).status_code == 404
    assert client.get(f"/api/conversations/{cid}", headers=A).status_code == 200

    hijack = client.post("/api/chat", json={"message": "继续", "conversation_id": cid}, headers=B)
    assert hijack.status_code == 404 and "没有这个对话" in hijack.json()["error"]
    # the owner's conversation is untouched by the refused turn
    assert len(client.get(f"/api/conversations/{cid}", headers=A).json()["messages"]) == 2


def test_a_database_from_before_owners_gains_the_column(tmp_path):
    import sqlite3

    path = tmp_path / "old.db"
    with sqlite3.connect(path) as db:
        db.execute(
            "CREATE TABLE conversations (id VARCHAR(64) PRIMARY KEY, title VARCHAR(60), draft JSON, "
            "created_at DATETIME, updated_at DATETIME)"
        )
    store = ConversationStore(f"sqlite:///{path}")
    assert store.ensure("c1", "标题", owner="x") and not store.ensure("c1", "标题", owner="y")
