"""Personal data (个人信息保护法): a caseworker deletes a conversation, old ones are purged after the retention
period, logs hold no message text or household facts, and the citizen widget stores nothing."""

from __future__ import annotations

import logging
from datetime import timedelta

from fastapi.testclient import TestClient
from sqlalchemy import func, select, update

from assistant.agent.store import Conversation, Message, _now
from assistant.api.app import create_app
from assistant.api.logsafe import DropQueryString
from assistant.api.retention import purge_once
from tests.api.conftest import KEY, private

OTHER = {"X-API-Key": "another-caseworker-key"}
FACTS = "我父亲73岁独居丰宁农村，年收入1314元，患重病"


def app_for(hash_settings, tmp_path, **overrides):
    return create_app(private(hash_settings, tmp_path, api_keys=[KEY["X-API-Key"], OTHER["X-API-Key"]], **overrides))


def test_a_caseworker_deletes_a_conversation(hash_settings, tmp_path):
    with TestClient(app_for(hash_settings, tmp_path)) as c:
        cid = c.post("/api/chat", json={"message": FACTS}, headers=KEY).json()["conversation_id"]
        assert c.delete(f"/api/conversations/{cid}", headers=OTHER).status_code == 404  # not theirs
        assert c.delete(f"/api/conversations/{cid}").status_code == 401
        gone = c.delete(f"/api/conversations/{cid}", headers=KEY)
        assert gone.status_code == 200 and gone.json() == {"deleted": cid}
        assert c.get(f"/api/conversations/{cid}", headers=KEY).status_code == 404
        assert c.delete(f"/api/conversations/{cid}", headers=KEY).status_code == 404
        assert c.get("/api/conversations", headers=KEY).json()["conversations"] == []


def test_conversations_past_the_retention_period_are_purged(hash_settings, tmp_path):
    app = app_for(hash_settings, tmp_path, conversation_retention_days=30)
    with TestClient(app) as c:
        old = c.post("/api/chat", json={"message": FACTS}, headers=KEY).json()["conversation_id"]
        new = c.post("/api/chat", json={"message": "临时救助标准"}, headers=KEY).json()["conversation_id"]
        store = app.state.chat.store
        with store.engine.begin() as conn:
            conn.execute(update(Conversation).where(Conversation.id == old).values(updated_at=_now() - timedelta(days=31)))
        assert purge_once(app) == 1
        assert c.get(f"/api/conversations/{old}", headers=KEY).status_code == 404
        assert c.get(f"/api/conversations/{new}", headers=KEY).status_code == 200
        with store.engine.connect() as conn:
            assert conn.scalar(select(func.count()).select_from(Message).where(Message.conversation_id == old)) == 0


def test_logs_hold_no_message_text_or_household_facts(hash_settings, tmp_path, caplog):
    with caplog.at_level(logging.DEBUG), TestClient(app_for(hash_settings, tmp_path)) as c:
        c.post("/api/chat", json={"message": FACTS}, headers=KEY)
        c.post("/api/chat", json={"message": FACTS, "stream": True}, headers=KEY)
        c.get("/api/search", params={"q": FACTS})
        c.post("/api/eligibility", json={"region": {"county": "丰宁满族自治县"}, "members": [{"age": 73, "income_yearly": 1314}]})
        try:  # an error whose message quotes the input, logged as our code logs errors
            raise ValueError(f"bad household: {FACTS}")
        except ValueError:
            logging.getLogger("assistant.api.app").exception("unhandled error on %s", "/api/chat")
            logging.getLogger("uvicorn.error").exception("Exception in ASGI application")  # as uvicorn logs it
    # the server's records (the test client's own httpx lines are not the server's logs)
    text = "\n".join(logging.Formatter().format(r) for r in caplog.records if not r.name.startswith("httpx"))
    assert "unhandled error on /api/chat" in text and "ValueError" in text
    for fact in (FACTS, "1314", "独居"):
        assert fact not in text


def test_access_log_lines_lose_their_query_string():
    record = logging.LogRecord("uvicorn.access", logging.INFO, "", 0, '%s - "%s %s HTTP/%s" %d',
                               ("127.0.0.1:5000", "GET", "/api/search?q=73岁独居", "1.1", 200), None)
    DropQueryString().filter(record)
    assert record.getMessage() == '127.0.0.1:5000 - "GET /api/search?… HTTP/1.1" 200'


def test_the_widget_stores_nothing(hash_settings, tmp_path):
    app = app_for(hash_settings, tmp_path)
    with TestClient(app) as c:
        store = app.state.chat.store
        with store.engine.connect() as conn:
            before = conn.scalar(select(func.count()).select_from(Conversation))
        household = {"region": {"county": "丰宁满族自治县"}, "members": [{"age": 73, "income_yearly": 1314}]}
        resp = c.post("/api/eligibility", json=household)
        assert resp.status_code == 200 and "set-cookie" not in resp.headers
        assert resp.headers.get("cache-control", "no-store") == "no-store"
        with store.engine.connect() as conn:
            assert conn.scalar(select(func.count()).select_from(Conversation)) == before
