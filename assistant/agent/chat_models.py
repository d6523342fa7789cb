"""The chat model for the settings: an OpenAI-compatible endpoint when one is configured, else offline;
and the errors such a model client raises, in words for the user."""

from __future__ import annotations

import httpx
from langchain_core.exceptions import (
    ContextOverflowError,
    ModelConnectionError,
    ModelRateLimitError,
    ModelTimeoutError,
    OutputParserException,
)
from langchain_core.language_models import BaseChatModel

from assistant.agent.offline import OfflineChatModel
from assistant.llm import model_errors, openai_chat_model
from indexer.settings import Settings

__all__ = ["chat_model", "describe", "model_errors"]

FAILED = "对话模型调用失败："


def chat_model(settings: Settings) -> BaseChatModel:
    if settings.llm_base_url:
        return openai_chat_model(settings)
    return OfflineChatModel()


def describe(error: Exception) -> str:
    """The user's message for a model client error: what happened, in Chinese, without the client's internals."""
    try:  # imported here: the client library is only loaded when a model call failed
        import openai
    except ImportError:  # pragma: no cover - installed with langchain-openai; an offline-only install may lack it
        openai = None  # type: ignore[assignment]
    timeouts: tuple[type[Exception], ...] = (TimeoutError, httpx.TimeoutException, ModelTimeoutError)
    connection: tuple[type[Exception], ...] = (httpx.TransportError, ModelConnectionError)
    if openai is not None:
        timeouts += (openai.APITimeoutError,)
        connection += (openai.APIConnectionError,)
    if isinstance(error, timeouts):
        why = "对话模型响应超时，请稍后重试。"
    elif isinstance(error, connection):
        why = "无法连接对话模型服务，请稍后重试或联系管理员。"
    elif isinstance(error, ContextOverflowError):
        why = "对话内容超出了对话模型的处理上限，请开始新对话。"
    elif isinstance(error, ModelRateLimitError) or (openai is not None and isinstance(error, openai.RateLimitError)):
        why = "对话模型服务繁忙，请稍后重试。"
    elif openai is not None and isinstance(error, openai.APIStatusError):
        why = f"对话模型服务返回错误（HTTP {error.status_code}），请稍后重试或联系管理员。"
    elif isinstance(error, httpx.HTTPStatusError):
        why = f"对话模型服务返回错误（HTTP {error.response.status_code}），请稍后重试或联系管理员。"
    elif isinstance(error, OutputParserException):
        why = "对话模型返回的内容无法解析，请重试。"
    else:
        why = "对话模型服务出错，请稍后重试或联系管理员。"
    return FAILED + why
