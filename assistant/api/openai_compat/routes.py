"""POST /v1/chat/completions and GET /v1/models: the chat assistant as an OpenAI-compatible endpoint.

Behind the same API keys as /api/chat (``Authorization: Bearer <key>``, as OpenAI clients send it, or X-API-Key);
conversations belong to the key as there. ``stream: true`` answers with `chat.completion.chunk` events: the role
first (at once), the answer's pieces as the service produces them, the 引用 list, a last chunk with
finish_reason "stop" and the structured answer, then ``data: [DONE]``.
"""

from __future__ import annotations

import json
import logging
import threading
import time
import uuid
from collections.abc import Iterator
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Header, Request, Response
from sse_starlette import EventSourceResponse

from assistant.agent.service import ChatAnswer, ChatError, ChatService
from assistant.api.deps import get_chat
from assistant.api.openai_compat.conversation import AnsweredConversations, Plan, plan
from assistant.api.openai_compat.errors import OpenAIError, OpenAIRoute
from assistant.api.openai_compat.models import (
    MODEL_ID,
    ChatCompletion,
    ChatCompletionChunk,
    ChatCompletionRequest,
    Choice,
    ChunkChoice,
    Delta,
    ErrorResponse,
    Model,
    ModelList,
    ResponseMessage,
)
from assistant.api.openai_compat.render import citation_list, content
from assistant.api.security import caller_owner, require_api_key

log = logging.getLogger(__name__)
STARTED = int(time.time())
_ERRORS: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorResponse, "description": what}
    for status, what in ((400, "请求有误"), (401, "API 密钥无效"), (404, "没有这个模型或对话"), (413, "请求内容过大"),
                         (429, "请求太频繁"),
                         (502, "对话模型调用失败"), (503, "对话服务未启动"))
}
router = APIRouter(prefix="/v1", tags=["openai-compatible"], route_class=OpenAIRoute,
                   dependencies=[Depends(require_api_key)], responses=_ERRORS)


class _State:
    """Per app: the conversations answered here (made on first use, so the app factory needs nothing beyond
    including the router)."""

    _lock = threading.Lock()

    def __init__(self):
        self.answered = AnsweredConversations()

    @classmethod
    def of(cls, request: Request) -> _State:
        with cls._lock:
            state = getattr(request.app.state, "openai_compat", None)
            if state is None:
                state = cls()
                request.app.state.openai_compat = state
            return state


async def _limit(request: Request) -> None:
    # the app's rate limiter (assistant/api/ratelimit.py), its "openai" bucket per API key
    seconds = await request.app.state.limiter.wait("openai", caller_owner(request))
    if seconds is not None:
        raise OpenAIError(429, f"请求太频繁，请约{seconds}秒后再试", "rate_limit_error", "rate_limit_exceeded",
                          headers={"Retry-After": str(seconds)})


@router.get("/models")
def models() -> ModelList:
    return ModelList(data=[Model(created=STARTED)])


@router.get("/models/{model}")
def model(model: str) -> Model:
    _check_model(model)
    return Model(created=STARTED)


@router.post(
    "/chat/completions",
    dependencies=[Depends(_limit)],
    response_model=ChatCompletion,
    responses={200: {"content": {"text/event-stream": {}}, "description": "chat.completion, or chat.completion.chunk "
                                                                           "events ending with data: [DONE]"}},
)
def chat_completions(
    body: ChatCompletionRequest,
    request: Request,
    response: Response,
    chat: Annotated[ChatService, Depends(get_chat)],
    x_conversation_id: Annotated[str | None, Header(description="continue this conversation (as `user`)")] = None,
) -> Any:
    """The last user message is the question; the earlier ones are the conversation (see conversation.py)."""
    _check_model(body.model)
    owner = caller_owner(request)
    state = _State.of(request)
    turn = plan(chat, state.answered, body.messages, x_conversation_id or body.user, owner)
    headers = {"X-Conversation-Id": turn.conversation_id}
    if body.stream:
        return EventSourceResponse(_chunks(chat, state, turn, owner), sep="\n", ping=15, headers=headers)
    answer = _ask(chat, turn, owner)
    text = content(answer)
    state.answered.remember(owner, [*turn.turns, ("assistant", text.strip())], turn.conversation_id)
    response.headers.update(headers)
    return ChatCompletion(id=_completion_id(), created=int(time.time()),
                          choices=[Choice(message=ResponseMessage(content=text))], minzheng=answer)


@router.api_route("/{path:path}", methods=["GET", "POST", "PUT", "PATCH", "DELETE"], include_in_schema=False)
def unsupported(path: str) -> None:
    """Registered last: any other /v1 operation (embeddings, legacy completions, ...) in the OpenAI error shape."""
    raise OpenAIError(404, f"不支持这个接口：/v1/{path}（可用：POST /v1/chat/completions、GET /v1/models）",
                      code="unknown_url")


def _check_model(name: str) -> None:
    if name != MODEL_ID:
        raise OpenAIError(404, f"没有这个模型：{name}（可用的模型：{MODEL_ID}）", code="model_not_found", param="model")


def _completion_id() -> str:
    return f"chatcmpl-{uuid.uuid4().hex}"


def _replay(chat: ChatService, turn: Plan, owner: str) -> None:
    for question in turn.replay:
        try:
            chat.ask(question, turn.conversation_id, owner)
        except ChatError as exc:
            raise OpenAIError(502, f"恢复对话失败：{exc}", "api_error", "upstream_error") from exc


def _ask(chat: ChatService, turn: Plan, owner: str) -> ChatAnswer:
    _replay(chat, turn, owner)
    try:
        return chat.ask(turn.question, turn.conversation_id, owner)
    except ChatError as exc:
        # the request was checked above, so what is left is the chat model failing
        raise OpenAIError(502, str(exc), "api_error", "upstream_error") from exc


def _chunks(chat: ChatService, state: _State, turn: Plan, owner: str) -> Iterator[dict[str, str]]:
    """SSE frames. A failure once the stream has begun is sent as an `{"error": ...}` frame, which OpenAI clients
    raise as an APIError; the stream is never just cut."""
    cid, created = _completion_id(), int(time.time())

    def frame(delta: Delta, finish: bool = False, answer: ChatAnswer | None = None) -> dict[str, str]:
        chunk = ChatCompletionChunk(id=cid, created=created, minzheng=answer,
                                    choices=[ChunkChoice(delta=delta, finish_reason="stop" if finish else None)])
        data = chunk.model_dump(mode="json", exclude={"minzheng"} if answer is None else None)
        data["choices"][0]["delta"] = delta.model_dump(exclude_none=True)  # a delta names only what it adds
        return {"data": json.dumps(data, ensure_ascii=False, separators=(",", ":"))}

    yield frame(Delta(role="assistant", content=""))
    try:
        _replay(chat, turn, owner)
        answer = None
        for event in chat.stream(turn.question, turn.conversation_id, owner):
            if event["type"] == "token":
                yield frame(Delta(content=event["text"]))
            elif event["type"] == "final":
                answer = ChatAnswer.model_validate(event["answer"])
            elif event["type"] == "error":
                raise OpenAIError(502, event["message"], "api_error", "upstream_error")
        if answer is None:
            raise OpenAIError(502, "回答生成失败：没有得到回答", "api_error", "upstream_error")
        tail = citation_list(answer.citations)
        if tail:
            yield frame(Delta(content=tail))
        state.answered.remember(owner, [*turn.turns, ("assistant", content(answer).strip())], turn.conversation_id)
        yield frame(Delta(), finish=True, answer=answer)
        yield {"data": "[DONE]"}
    except OpenAIError as exc:
        yield {"data": json.dumps({"error": exc.body.model_dump()}, ensure_ascii=False)}
    except Exception as exc:  # noqa: BLE001 - the client must always get a well-formed end of stream
        log.exception("OpenAI-compatible stream failed")
        error = {"message": f"回答生成失败：{type(exc).__name__}", "type": "server_error", "code": "internal_error"}
        yield {"data": json.dumps({"error": error}, ensure_ascii=False)}
