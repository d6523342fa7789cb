"""The chat model for the settings: an OpenAI-compatible endpoint when one is configured, else offline."""

from __future__ import annotations

from langchain_core.language_models import BaseChatModel

from assistant.agent.offline import OfflineChatModel
from indexer.settings import Settings


def chat_model(settings: Settings) -> BaseChatModel:
    if settings.llm_base_url:
        from langchain_openai import ChatOpenAI

        return ChatOpenAI(
            base_url=settings.llm_base_url,
            model=settings.llm_model,
            api_key=settings.llm_api_key,
            timeout=settings.llm_timeout_s,
            max_retries=settings.llm_max_retries,
            temperature=0,
        )
    return OfflineChatModel()
