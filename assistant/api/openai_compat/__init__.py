"""The chat assistant behind the OpenAI chat-completions protocol (/v1), for the chat clients offices already use."""

from assistant.api.openai_compat.routes import router

__all__ = ["router"]
