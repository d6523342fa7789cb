"""Route dependencies. The app holds one settings object and one searcher, created at start-up."""

from __future__ import annotations

from fastapi import Request

from assistant.retrieval.search import Searcher
from indexer.settings import Settings


def get_settings_dep(request: Request) -> Settings:
    return request.app.state.settings


def get_searcher(request: Request) -> Searcher:
    return request.app.state.searcher
