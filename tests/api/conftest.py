"""The real app over the hash-embedder index (fast); API key header for caseworker routes."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from assistant.api.app import create_app
from indexer.settings import Settings

KEY = {"X-API-Key": "dev-caseworker-key"}


def private(settings: Settings, tmp_path, **overrides) -> Settings:
    """The shared built index, with a private conversation store and any overrides."""
    db = f"sqlite:///{tmp_path / 'conversations.db'}"
    return settings.model_copy(update={"conversation_db_url": db, **overrides})


@pytest.fixture(scope="module")
def client(hash_settings, tmp_path_factory):
    app = create_app(private(hash_settings, tmp_path_factory.mktemp("api")))
    with TestClient(app) as c:
        yield c


@pytest.fixture(scope="session")
def postgres_url():
    from tests.api.postgres import binaries, postgres_server

    if binaries() is None:
        pytest.skip("no PostgreSQL binaries (initdb, pg_ctl): install Debian's postgresql package")
    with postgres_server() as url:
        yield url


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path):
    """Each conversation-store test runs on SQLite and on a real PostgreSQL server."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'conversations.db'}"
    url = request.getfixturevalue("postgres_url")
    from sqlalchemy import text

    from assistant.agent.database import make_engine

    engine = make_engine(url)
    with engine.begin() as conn:  # a clean schema per test
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()
    return url
