"""The chat agent: tools over retrieval and eligibility, an offline or OpenAI-compatible chat model,
the citation guard and persisted conversations. Use it through ``ChatService``."""

from assistant.agent.service import ChatAnswer, ChatError, ChatEvent, ChatService

__all__ = ["ChatAnswer", "ChatError", "ChatEvent", "ChatService"]
