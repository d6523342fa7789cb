"""Route dependencies. The app holds one settings object and one searcher, created at start-up;
the chat service is created on first use (it may load a model) and then shared."""

from __future__ import annotations

import threading
from typing import Any

from fastapi import HTTPException, Request

from assistant.retrieval.search import Searcher
from indexer.settings import Settings

_chat_lock = threading.Lock()


def get_settings_dep(request: Request) -> Settings:
    return request.app.state.settings


def get_searcher(request: Request) -> Searcher:
    return request.app.state.searcher


def get_chat(request: Request) -> Any:
    state = request.app.state
    if getattr(state, "chat", None) is None:
        with _chat_lock:
            if getattr(state, "chat", None) is None:
                try:
                    from assistant.agent.service import ChatService
                except ImportError as exc:
                    raise HTTPException(status_code=503, detail=f"对话服务不可用：{exc}") from exc
                state.chat = ChatService(state.settings, searcher=state.searcher)
    return state.chat
