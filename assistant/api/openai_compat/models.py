"""The OpenAI chat-completions wire format, as far as this service speaks it.

Requests: the fields a chat client sends. Unknown fields (tools, logprobs, seed, ...) are ignored, as OpenAI-compatible
servers do; the fields declared here are checked strictly, so `"stream": "yes"` is refused instead of guessed at.
Sampling parameters are accepted and checked but have no effect: the answer comes from the policy files and the
eligibility rules, not from sampling.

Responses: `chat.completion` and `chat.completion.chunk` objects, plus one extra field, ``minzheng``, holding the
service's structured answer (citations, screening result, follow-up questions) for clients that read it.
tests/api/test_openai_compat.py pins these against the `openai` client's own types.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictStr

from assistant.agent.service import ChatAnswer

MODEL_ID = "minzheng-assistant"
MODEL_OWNER = "minzheng"
# messages in one request (a chat client sends the whole conversation each time)
MAX_MESSAGES = 400


class _Request(BaseModel):
    model_config = ConfigDict(extra="ignore")


class TextPart(_Request):
    type: Literal["text"]
    text: StrictStr


Content = StrictStr | list[TextPart]


class SystemMessage(_Request):
    role: Literal["system", "developer"]
    content: Content


class UserMessage(_Request):
    role: Literal["user"]
    content: Content


class AssistantMessage(_Request):
    role: Literal["assistant"]
    content: Content | None = None  # None when the message only carried tool calls


class ToolMessage(_Request):
    role: Literal["tool", "function"]
    content: Content | None = None


Message = Annotated[SystemMessage | UserMessage | AssistantMessage | ToolMessage, Field(discriminator="role")]


class StreamOptions(_Request):
    include_usage: StrictBool = False


class ChatCompletionRequest(_Request):
    model: StrictStr
    messages: list[Message] = Field(min_length=1, max_length=MAX_MESSAGES)
    stream: StrictBool = False
    stream_options: StreamOptions | None = None
    user: StrictStr | None = Field(None, description="a conversation id to continue (as X-Conversation-Id)")
    n: Literal[1] = 1
    temperature: float | None = Field(None, ge=0, le=2, strict=True)
    top_p: float | None = Field(None, ge=0, le=1, strict=True)
    max_tokens: int | None = Field(None, ge=1, strict=True)
    max_completion_tokens: int | None = Field(None, ge=1, strict=True)
    presence_penalty: float | None = Field(None, ge=-2, le=2, strict=True)
    frequency_penalty: float | None = Field(None, ge=-2, le=2, strict=True)


def text_of(content: Content | None) -> str:
    if content is None:
        return ""
    if isinstance(content, str):
        return content
    return "".join(part.text for part in content)


# ---- responses -------------------------------------------------------------------------------------------
class ResponseMessage(BaseModel):
    role: Literal["assistant"] = "assistant"
    content: str


class Choice(BaseModel):
    index: int = 0
    message: ResponseMessage
    finish_reason: Literal["stop"] = "stop"
    logprobs: None = None


class ChatCompletion(BaseModel):
    id: str
    object: Literal["chat.completion"] = "chat.completion"
    created: int
    model: str = MODEL_ID
    choices: list[Choice]
    minzheng: ChatAnswer = Field(description="the structured answer: citations, screening result, follow-up questions")


class Delta(BaseModel):
    role: Literal["assistant"] | None = None
    content: str | None = None


class ChunkChoice(BaseModel):
    index: int = 0
    delta: Delta
    finish_reason: Literal["stop"] | None = None
    logprobs: None = None


class ChatCompletionChunk(BaseModel):
    id: str
    object: Literal["chat.completion.chunk"] = "chat.completion.chunk"
    created: int
    model: str = MODEL_ID
    choices: list[ChunkChoice]
    minzheng: ChatAnswer | None = Field(None, description="on the last chunk: the structured answer")


class Model(BaseModel):
    id: str = MODEL_ID
    object: Literal["model"] = "model"
    created: int
    owned_by: str = MODEL_OWNER


class ModelList(BaseModel):
    object: Literal["list"] = "list"
    data: list[Model]


class ErrorBody(BaseModel):
    message: str
    type: str
    param: str | None = None
    code: str | None = None


class ErrorResponse(BaseModel):
    error: ErrorBody
