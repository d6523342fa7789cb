"""The conversation store on SQLite and on a real PostgreSQL server: migrations, owners, deletion and retention
leave no trace of the messages, concurrent writers do not fail."""

from __future__ import annotations

import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from pathlib import Path

from sqlalchemy import inspect, text, update
from sqlalchemy.engine import make_url

from assistant.agent.database import make_engine
from assistant.agent.store import Conversation, ConversationStore, _now
from assistant.understanding.state import HouseholdState


def marker() -> str:
    return f"户主月收入{uuid.uuid4().hex}元"


def traces(store: ConversationStore, needle: str) -> int:
    """Rows of any table whose text holds ``needle``; on SQLite also the raw bytes of the file and its log."""
    found = 0
    with store.engine.connect() as conn:
        for table in inspect(conn).get_table_names():
            columns = [c["name"] for c in inspect(conn).get_columns(table)]
            where = " OR ".join(f"CAST({c} AS TEXT) LIKE :n" for c in columns)
            found += conn.execute(text(f"SELECT count(*) FROM {table} WHERE {where}"), {"n": f"%{needle}%"}).scalar()
    if store.engine.dialect.name == "sqlite":
        path = Path(make_url(str(store.engine.url)).database)
        raw = needle.encode()
        for f in (path, path.with_name(path.name + "-wal")):
            if f.exists() and raw in f.read_bytes():
                found += 1
    return found


def test_a_turn_round_trips_and_stays_with_its_owner(db_url):
    store = ConversationStore(db_url)
    assert store.ensure("c1", "标题", owner="a") and not store.ensure("c1", "标题", owner="b")
    store.save_turn("c1", "问", "答", {"answer": "答"}, HouseholdState(messages=1, role="caseworker"))
    assert [m["role"] for m in store.messages("c1")] == ["user", "assistant"]
    assert store.state("c1") == HouseholdState(messages=1, role="caseworker")
    assert [c["id"] for c in store.conversations("a")] == ["c1"] and store.conversations("b") == []
    ConversationStore(db_url)  # opening an up-to-date database again migrates nothing


def test_a_deleted_conversation_leaves_no_trace(db_url):
    store = ConversationStore(db_url)
    secret, kept = marker(), marker()
    store.ensure("gone", secret, owner="a")
    store.save_turn("gone", secret, f"答复：{secret}", {"answer": secret}, HouseholdState(messages=1))
    store.ensure("kept", kept, owner="a")
    store.save_turn("kept", kept, "答", {}, HouseholdState())
    assert traces(store, secret) > 0
    assert not store.delete("gone", owner="b")  # not the owner's: nothing happens
    assert store.delete("gone", owner="a")
    assert traces(store, secret) == 0
    assert store.messages("gone") == [] and not store.owned_by("gone", "a")
    assert traces(store, kept) > 0 and len(store.messages("kept")) == 2


def test_retention_purges_old_conversations_and_their_messages(db_url):
    store = ConversationStore(db_url)
    old, recent = marker(), marker()
    for cid, words in (("old", old), ("recent", recent)):
        store.ensure(cid, words, owner="a")
        store.save_turn(cid, words, words, {"answer": words}, HouseholdState())
    with store.engine.begin() as conn:
        conn.execute(update(Conversation).where(Conversation.id == "old").values(updated_at=_now() - timedelta(days=181)))
    assert store.purge(180) == 1
    assert traces(store, old) == 0 and store.messages("old") == []
    assert len(store.messages("recent")) == 2
    assert store.purge(180) == 0


def test_a_database_from_before_migrations_is_upgraded_in_place(db_url):
    engine = make_engine(db_url)
    with engine.begin() as conn:  # the schema as the first releases created it, without owners
        conn.execute(text("CREATE TABLE conversations (id VARCHAR(64) PRIMARY KEY, title VARCHAR(60) NOT NULL, "
                          "draft JSON, created_at TIMESTAMP NOT NULL, updated_at TIMESTAMP NOT NULL)"))
        conn.execute(text("CREATE TABLE messages (id INTEGER PRIMARY KEY, conversation_id VARCHAR(64) NOT NULL "
                          "REFERENCES conversations(id), role VARCHAR(16) NOT NULL, content TEXT NOT NULL, "
                          "data JSON, created_at TIMESTAMP NOT NULL)"))
        conn.execute(text("INSERT INTO conversations VALUES ('old', '旧对话', NULL, '2026-01-01', '2026-01-01')"))
    engine.dispose()
    store = ConversationStore(db_url)
    with store.engine.connect() as conn:
        assert "owner" in {c["name"] for c in inspect(conn).get_columns("conversations")}
        head = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    assert head == "0003"
    assert [c["id"] for c in store.conversations(None)] == ["old"]  # the CLI's own conversations are kept


def test_concurrent_writers_do_not_fail(db_url):
    store = ConversationStore(db_url)

    def turn(i: int) -> None:
        cid = f"c{i % 5}"
        store.ensure(cid, "并发", owner="a")
        store.save_turn(cid, f"问{i}", f"答{i}", {}, HouseholdState(messages=i))

    with ThreadPoolExecutor(20) as pool:
        list(pool.map(turn, range(200)))
    assert sum(len(store.messages(f"c{i}")) for i in range(5)) == 400


def test_the_migrations_build_exactly_the_models_schema(db_url):
    """A column added to the models without a migration (or the reverse) fails here."""
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from assistant.agent.store import metadata

    store = ConversationStore(db_url)
    with store.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), metadata)
    assert diff == []


def test_a_database_of_the_inline_alter_era_is_stamped_where_it_stands(db_url):
    """Made by the code that added owner and state with ALTER TABLE (before Alembic): stamped 0003, kept."""
    engine = make_engine(db_url)
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE conversations (id VARCHAR(64) PRIMARY KEY, title VARCHAR(60) NOT NULL, "
                          "owner VARCHAR(64), state JSON, created_at TIMESTAMP NOT NULL, updated_at TIMESTAMP NOT NULL)"))
        conn.execute(text("CREATE TABLE messages (id INTEGER PRIMARY KEY, conversation_id VARCHAR(64) NOT NULL "
                          "REFERENCES conversations(id), role VARCHAR(16) NOT NULL, content TEXT NOT NULL, "
                          "data JSON, created_at TIMESTAMP NOT NULL)"))
        conn.execute(text("INSERT INTO conversations VALUES ('mine', '对话', 'a', NULL, '2026-11-01', '2026-11-01')"))
    engine.dispose()
    store = ConversationStore(db_url)
    with store.engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == "0003"
    assert [c["id"] for c in store.conversations("a")] == ["mine"]
