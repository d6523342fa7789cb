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
