"""The OpenAI-compatible chat client for the settings, and the errors such a client raises.
Shared by the chat agent and the quiz's stem rephrasing; both import it only when a model is configured
or something failed, so an offline install never loads the client."""

from __future__ import annotations

from langchain_core.language_models import BaseChatModel

from indexer.settings import Settings


def openai_chat_model(settings: Settings) -> BaseChatModel:
    from langchain_openai import ChatOpenAI

    return ChatOpenAI(
        base_url=settings.llm_base_url,
        model=settings.llm_model,
        api_key=settings.llm_api_key,
        timeout=settings.llm_timeout_s,
        max_retries=settings.llm_max_retries,
        temperature=0,
    )


def model_errors() -> tuple[type[Exception], ...]:
    """What a chat model client raises when the endpoint fails (down, slow, refusing, answering garbage).
    Anything else is a bug and is not caught as a model failure."""
    import httpx
    from langchain_core.exceptions import ModelError, OutputParserException

    errors: list[type[Exception]] = [httpx.HTTPError, TimeoutError, ModelError, OutputParserException]
    try:  # installed with langchain-openai; an offline-only install may lack it
        import openai
    except ImportError:  # pragma: no cover
        return tuple(errors)
    return (*errors, openai.APIError)
