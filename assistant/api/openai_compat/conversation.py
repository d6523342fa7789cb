"""Which stored conversation an OpenAI-style request continues, and how its household state is restored.

A chat client sends the whole conversation in ``messages`` on every request and no conversation id. The service keeps
the household state per stored conversation, so a request is mapped onto one:

1. an id in the ``user`` field or the ``X-Conversation-Id`` header names it (created if new);
2. else the messages before the question are looked up among the conversations this process answered (a client
   echoes our answers back verbatim), so a chat in Open WebUI stays one stored conversation;
3. else (another worker, a restart, a history written elsewhere) a new conversation is made and the earlier user
   messages are replayed through the service before the question, which rebuilds the household state from them.

This adapter only uses the service's public calls; it stays replaceable once the service can take a history itself.
"""

from __future__ import annotations

import hashlib
import json
import re
import threading
import unicodedata
import uuid
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass

from assistant.agent.service import MAX_MESSAGE_CHARS, ChatService
from assistant.api.openai_compat.errors import OpenAIError
from assistant.api.openai_compat.models import Message, text_of

ID_PATTERN = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
# earlier questions replayed to restore a conversation; a longer history needs a conversation id
MAX_REPLAYED = 50
Turn = tuple[str, str]  # (role, text) of a user or assistant message


@dataclass(frozen=True)
class Plan:
    conversation_id: str
    replay: list[str]  # earlier questions to ask first, in order
    question: str
    turns: list[Turn]  # the conversation as the client sent it, without system messages


class AnsweredConversations:
    """Conversation ids by the digest of the messages that led to them (per owner), most recent kept."""

    def __init__(self, capacity: int = 10_000):
        self.capacity = capacity
        self._ids: OrderedDict[str, str] = OrderedDict()
        self._lock = threading.Lock()

    def remember(self, owner: str, turns: Sequence[Turn], conversation_id: str) -> None:
        key = _digest(owner, turns)
        with self._lock:
            self._ids[key] = conversation_id
            self._ids.move_to_end(key)
            while len(self._ids) > self.capacity:
                self._ids.popitem(last=False)

    def find(self, owner: str, turns: Sequence[Turn]) -> str | None:
        with self._lock:
            return self._ids.get(_digest(owner, turns))


def _digest(owner: str, turns: Sequence[Turn]) -> str:
    # ASCII escapes: an echoed assistant message may hold a lone surrogate, which UTF-8 cannot encode
    return hashlib.sha256(json.dumps([owner, list(turns)]).encode()).hexdigest()


def plan(chat: ChatService, answered: AnsweredConversations, messages: list[Message], conversation_id: str | None,
         owner: str) -> Plan:
    turns, question = _turns(messages)
    earlier = [text for role, text in turns[:-1] if role == "user" and text]
    if conversation_id is not None:
        if not ID_PATTERN.match(conversation_id):
            raise OpenAIError(400, "对话编号（user 字段或 X-Conversation-Id）只能包含字母、数字、下划线和连字符，最长64个字符",
                              code="invalid_conversation_id", param="user")
        if chat.history(conversation_id, owner):
            return Plan(conversation_id, [], question, turns)
        if not chat.store.ensure(conversation_id, (earlier or [question])[0], owner):
            raise OpenAIError(404, f"这个对话编号属于其他 API 密钥，不能继续：{conversation_id}",
                              code="conversation_not_found", param="user")
        return _replaying(conversation_id, earlier, question, turns)
    known = answered.find(owner, turns[:-1]) if len(turns) > 1 else None
    if known and chat.history(known, owner):
        return Plan(known, [], question, turns)
    return _replaying(uuid.uuid4().hex, earlier, question, turns)


def _replaying(conversation_id: str, earlier: list[str], question: str, turns: list[Turn]) -> Plan:
    if len(earlier) > MAX_REPLAYED:
        raise OpenAIError(400, f"无法从消息记录恢复超过{MAX_REPLAYED}轮的对话：请在 user 字段或 X-Conversation-Id 请求头中"
                               "给出对话编号，或新开一个对话", code="history_too_long", param="messages")
    return Plan(conversation_id, earlier, question, turns)


def _turns(messages: list[Message]) -> tuple[list[Turn], str]:
    """The user and assistant messages (the client's system prompt is not ours to follow), each user message checked
    as the service checks a question; the last must be the user's question."""
    turns: list[Turn] = []
    for i, m in enumerate(messages):
        if m.role not in ("user", "assistant"):
            continue
        text = text_of(m.content).strip()
        if m.role == "user":
            _check_question(text, i)
            text = text if _visible(text) else ""
        turns.append((m.role, text))
    if not turns or turns[-1][0] != "user":
        raise OpenAIError(400, "最后一条消息应是用户的问题（role 为 user）", code="invalid_request", param="messages")
    if not turns[-1][1]:
        raise OpenAIError(400, "问题不能为空", code="invalid_request", param=f"messages[{len(messages) - 1}].content")
    return turns, turns[-1][1]


def _check_question(text: str, i: int) -> None:
    if len(text) > MAX_MESSAGE_CHARS:
        raise OpenAIError(400, f"第{i + 1}条消息太长（最多{MAX_MESSAGE_CHARS}字），请分几次提问",
                          code="context_length_exceeded", param=f"messages[{i}].content")
    if any(unicodedata.category(ch) == "Cc" and ch not in "\t\n\r" for ch in text):
        raise OpenAIError(400, f"第{i + 1}条消息含有控制字符，请删除后重试", code="invalid_request",
                          param=f"messages[{i}].content")
    if any(unicodedata.category(ch) == "Cs" for ch in text):
        # a lone surrogate (JSON "\ud800") is no character: it cannot be stored or answered
        raise OpenAIError(400, f"第{i + 1}条消息含有无法识别的字符，请重新输入", code="invalid_request",
                          param=f"messages[{i}].content")


def _visible(text: str) -> bool:
    """Some letter, digit, punctuation or symbol: a message of zero-width or format characters only asks nothing."""
    return any(unicodedata.category(ch)[0] in "LNPS" for ch in text)
