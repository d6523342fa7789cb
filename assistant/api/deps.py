"""Route dependencies. The app holds one settings object, one searcher and one chat service, made at start-up."""

from __future__ import annotations

from fastapi import HTTPException, Request

from assistant.agent.service import ChatService
from assistant.retrieval.search import Searcher
from indexer.settings import Settings


def get_settings_dep(request: Request) -> Settings:
    return request.app.state.settings


def get_searcher(request: Request) -> Searcher:
    return request.app.state.searcher


def get_chat(request: Request) -> ChatService:
    chat = request.app.state.chat
    if chat is None:
        raise HTTPException(status_code=503, detail="对话服务未能启动，请查看服务日志（检索和资格预审不受影响）")
    return chat
