"""POST /api/chat (JSON or SSE stream), GET /api/conversations[/{id}], GET/PATCH
/api/conversations/{id}/household: caseworker routes, API key required."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Path, Request
from fastapi.encoders import jsonable_encoder
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints
from sse_starlette import EventSourceResponse

from assistant.agent.service import MAX_MESSAGE_CHARS, ChatAnswer, ChatError, ChatService
from assistant.api.deps import get_chat
from assistant.api.ratelimit import limit_chat
from assistant.api.security import caller_owner, require_api_key
from assistant.api.text_input import readable_text
from assistant.understanding.view import Edit, EditError

log = logging.getLogger(__name__)
router = APIRouter(tags=["chat"], dependencies=[Depends(require_api_key)])

# the service's own limits, checked here so a bad request is a 422 naming the field
ID_PATTERN = r"^[A-Za-z0-9_-]{1,64}$"
ConversationId = Annotated[str, Path(pattern=ID_PATTERN)]
# request body limit (assistant/api/limits.py): a message of MAX_MESSAGE_CHARS characters, each escaped as
# \uXXXX at worst, and the other fields
MAX_BODY_BYTES = 32 * 1024


class ChatRequest(BaseModel):
    # strict: `"stream": 0` or `"stream": "yes"` is refused, not read as a boolean
    model_config = ConfigDict(strict=True)

    message: Annotated[
        str,
        StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_MESSAGE_CHARS),
        AfterValidator(readable_text),
    ] = Field(description="the caseworker's question")
    conversation_id: str | None = Field(None, pattern=ID_PATTERN, description="omit to start a new conversation")
    stream: bool = Field(False, description="answer as server-sent events (also chosen by Accept: text/event-stream)")
    speaker: Literal["citizen", "caseworker"] | None = Field(
        None, description="who is talking (how the assistant's questions are phrased); read from the message if omitted")


class HouseholdPatch(BaseModel):
    edits: list[Edit] = Field(min_length=1, max_length=50, description="cells to correct; value null clears one")


def _speaker(body: ChatRequest) -> dict[str, str]:
    """The speaker argument, only when the caller named one (the service's call shape is otherwise unchanged)."""
    return {"speaker": body.speaker} if body.speaker else {}


def _events(chat: ChatService, body: ChatRequest, owner: str) -> Iterator[dict]:
    """SSE frames from the service's events; a failure mid-stream becomes one `error` event, not a cut stream."""
    try:
        for event in chat.stream(body.message, conversation_id=body.conversation_id, owner=owner, **_speaker(body)):
            kind = event.get("type", "message")
            yield {"event": kind, "data": json.dumps(jsonable_encoder(event), ensure_ascii=False)}
    except Exception as exc:  # noqa: BLE001 - the client must always get a well-formed end of stream
        log.exception("chat stream failed")
        error = {"type": "error", "message": f"回答生成失败：{type(exc).__name__}"}
        yield {"event": "error", "data": json.dumps(error, ensure_ascii=False)}


@router.post(
    "/api/chat",
    dependencies=[Depends(limit_chat)],
    response_model=ChatAnswer,
    responses={
        200: {"content": {"text/event-stream": {}}, "description": "ChatAnswer JSON, or SSE events"},
        404: {"description": "conversation_id names another key's conversation"},
        502: {"description": "the chat model endpoint failed"},
    },
)
def chat(body: ChatRequest, request: Request, chat: Annotated[ChatService, Depends(get_chat)]) -> Any:
    """Ask the assistant. SSE events: `tool` {name, args, ok}, `token` {text} (checked answer text, sentence by
    sentence as the model writes), `draft` {text} (the sentence being written, unchecked, replacing the last draft),
    `final` {answer: ChatAnswer}, `error` {message}."""
    owner = caller_owner(request)
    if body.conversation_id and chat.store.belongs_elsewhere(body.conversation_id, owner):
        raise HTTPException(status_code=404, detail=f"没有这个对话：{body.conversation_id}")
    if body.stream or "text/event-stream" in request.headers.get("accept", ""):
        return EventSourceResponse(_events(chat, body, owner), sep="\n", ping=15)
    try:
        return chat.ask(body.message, conversation_id=body.conversation_id, owner=owner, **_speaker(body))
    except ChatError as exc:
        # input is validated above, so what is left is the chat model failing
        raise HTTPException(status_code=502, detail=str(exc)) from exc


@router.get("/api/conversations")
def conversations(request: Request, chat: Annotated[ChatService, Depends(get_chat)]) -> dict:
    """The caller's conversations (those started with the same API key), newest first: id, title, updated_at."""
    return {"conversations": jsonable_encoder(chat.conversations(owner=caller_owner(request)))}


@router.get("/api/conversations/{conversation_id}")
def conversation(
    conversation_id: ConversationId, request: Request, chat: Annotated[ChatService, Depends(get_chat)]
) -> dict:
    messages = chat.history(conversation_id, owner=caller_owner(request))
    if not messages:
        raise HTTPException(status_code=404, detail=f"没有这个对话：{conversation_id}")
    return {"id": conversation_id, "messages": jsonable_encoder(messages)}


@router.delete(
    "/api/conversations/{conversation_id}",
    responses={404: {"description": "no such conversation of this key"}},
)
def delete_conversation(
    conversation_id: ConversationId, request: Request, chat: Annotated[ChatService, Depends(get_chat)]
) -> dict:
    """Delete one of the caller's conversations with all its messages (个人信息保护法: deletion on request)."""
    if not chat.store.delete(conversation_id, owner=caller_owner(request)):
        raise HTTPException(status_code=404, detail=f"没有这个对话：{conversation_id}")
    return {"deleted": conversation_id}


@router.get("/api/conversations/{conversation_id}/household")
def household(
    conversation_id: ConversationId, request: Request, chat: Annotated[ChatService, Depends(get_chat)]
) -> dict:
    """The household as the assistant understood it: members and household facts, each with its provenance."""
    table = chat.household(conversation_id, owner=caller_owner(request))
    if table is None:
        raise HTTPException(status_code=404, detail=f"没有这个对话：{conversation_id}")
    return table


@router.patch("/api/conversations/{conversation_id}/household")
def patch_household(
    conversation_id: ConversationId, body: HouseholdPatch, request: Request,
    chat: Annotated[ChatService, Depends(get_chat)],
) -> dict:
    """Correct cells of the household and re-screen it: {household, eligibility, answer, next_question}."""
    try:
        out = chat.edit_household(conversation_id, body.edits, owner=caller_owner(request))
    except EditError as exc:
        raise HTTPException(status_code=422, detail=str(exc)) from exc
    if out is None:
        raise HTTPException(status_code=404, detail=f"没有这个对话：{conversation_id}")
    return jsonable_encoder(out)
