"""Agent fixtures: the real index built with the default embedding model, a private SQLite store per test."""

from __future__ import annotations

import pytest

from assistant.agent import ChatService
from indexer.settings import Settings
from tests.scripted_llm import ScriptedLLM


@pytest.fixture
def agent_settings(default_settings: Settings, tmp_path) -> Settings:
    return default_settings.model_copy(update={"conversation_db_url": f"sqlite:///{tmp_path / 'conversations.db'}"})


@pytest.fixture
def service(agent_settings: Settings, default_searcher) -> ChatService:
    return ChatService(agent_settings, searcher=default_searcher)


@pytest.fixture
def llm():
    """A fresh scripted OpenAI-compatible server per test (its script and received requests are the test's own)."""
    with ScriptedLLM() as server:
        yield server
