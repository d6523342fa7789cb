"""Route dependencies. The app holds one settings object, one searcher and one chat service, made at start-up."""

from __future__ import annotations

import logging
import threading
import time

from fastapi import FastAPI, HTTPException, Request

from assistant.agent.service import ChatService
from assistant.retrieval.search import Searcher
from indexer.settings import Settings

log = logging.getLogger(__name__)
# a chat service that failed to start (database down) is tried again on a request at most this often
CHAT_RETRY_S = 15.0
_chat_lock = threading.Lock()


# async: a plain def dependency is run in the thread pool, two thread hand-offs per request for an attribute read
async def get_settings_dep(request: Request) -> Settings:
    return request.app.state.settings


async def get_searcher(request: Request) -> Searcher:
    return request.app.state.searcher


def start_chat(app: FastAPI) -> None:
    state = app.state
    with _chat_lock:
        if state.chat is not None:
            return
        state.chat_retry_at = time.monotonic() + CHAT_RETRY_S
        try:
            state.chat = ChatService(state.settings, searcher=state.searcher)
            state.chat_error = None
        except Exception as exc:  # noqa: BLE001 - a broken chat setup must not take search and the widget down
            log.exception("chat service unavailable: /api/chat answers 503")
            state.chat_error = f"对话服务未能启动（{type(exc).__name__}）"


def get_chat(request: Request) -> ChatService:
    state = request.app.state
    if state.chat is None and time.monotonic() >= state.chat_retry_at:
        start_chat(request.app)
    if state.chat is None:
        raise HTTPException(status_code=503, detail="对话服务未能启动，请查看 /healthz 和服务日志（检索和资格预审不受影响）")
    return state.chat
