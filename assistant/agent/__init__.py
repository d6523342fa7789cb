"""The chat agent: tools over retrieval and eligibility, an offline or OpenAI-compatible chat model,
the citation guard and persisted conversations. Use it through ``ChatService``.

The names below are imported on first use (PEP 562): importing a submodule (``assistant.agent.tools``) must not
load the whole chat stack (langchain, SQLAlchemy) with it."""

from __future__ import annotations

from typing import TYPE_CHECKING

__all__ = ["ChatAnswer", "ChatError", "ChatEvent", "ChatService"]

if TYPE_CHECKING:
    from assistant.agent.service import ChatAnswer, ChatError, ChatEvent, ChatService


def __getattr__(name: str):
    if name in __all__:
        from assistant.agent import service

        return getattr(service, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
