"""The tool loop: ask the model, run the tools it calls, hand back the results, until it answers.

An explicit loop over ``bind_tools`` rather than a prebuilt agent graph: one turn is a few calls, and the
service needs each tool call as an event and the answer's text as the model writes it, for the citation guard.
Every call is streamed: the text of a reply comes out piece by piece (`Draft`), its tool calls once it is complete.
"""

from __future__ import annotations

import json
import logging
import typing
from collections.abc import Generator, Iterator
from dataclasses import dataclass, field
from typing import Any

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, BaseMessage, ToolMessage, message_chunk_to_message
from langchain_core.messages.tool import invalid_tool_call
from langchain_core.tools import BaseTool
from pydantic import BaseModel, ValidationError

from assistant.agent.tools import ToolInputError
from assistant.eligibility import HouseholdInputError
from assistant.retrieval.search import IndexNotBuilt

log = logging.getLogger(__name__)
# what the model (and through it the user) is told instead of an internal error's own text
INDEX_MISSING = "政策文件索引尚未建立，暂时无法检索；请联系管理员（需运行 indexer build）。"
TOOL_BROKEN = "工具内部出错（已记录日志），这次没有结果；请换个问法或稍后再试。"


@dataclass
class ToolRecord:
    name: str
    args: dict[str, Any]
    ok: bool
    error: str | None = None

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"name": self.name, "args": self.args, "ok": self.ok}
        if self.error is not None:
            out["error"] = self.error
        return out


@dataclass
class Draft:
    """A piece of reply text as the model wrote it (not yet checked)."""

    text: str


@dataclass
class Final:
    text: str
    messages: list[BaseMessage] = field(default_factory=list)


def run_turn(
    model: BaseChatModel, tools: list[BaseTool], messages: list[BaseMessage], max_rounds: int
) -> Iterator[ToolRecord | Draft | Final]:
    """Yield the reply text as it is written (Draft), a ToolRecord per tool call as it completes, then Final.
    Text written before a tool call (a model that says what it is about to look up) is drafted like the rest."""
    bound = model.bind_tools(tools)
    by_name = {t.name: t for t in tools}
    messages = list(messages)
    for _ in range(max_rounds):
        reply = yield from _streamed(bound, messages)
        messages.append(reply)
        if not isinstance(reply, AIMessage) or not (reply.tool_calls or reply.invalid_tool_calls):
            yield Final(_text(reply), messages)
            return
        for call in reply.tool_calls:
            result, record = _run(by_name, call)
            messages.append(result)
            yield record
        for bad in reply.invalid_tool_calls:
            # arguments that are not JSON: tell the model, which may call again
            name, error = bad.get("name") or "", f"参数不是有效的 JSON：{bad.get('error') or bad.get('args')}"
            messages.append(ToolMessage(content=f"错误：{error}", tool_call_id=bad.get("id") or "", name=name,
                                        status="error"))
            yield ToolRecord(name, {"raw": bad.get("args")}, False, error)
    # still calling tools after the last round: ask for an answer from what it has
    reply = yield from _streamed(model, messages)
    messages.append(reply)
    yield Final(_text(reply), messages)


def _streamed(model: Any, messages: list[BaseMessage]) -> Generator[Draft, None, BaseMessage]:
    """One model call, its text drafted as it arrives; returns the whole reply (tool calls parsed)."""
    reply = None
    for chunk in model.stream(messages):
        text = _text(chunk)
        if text:
            yield Draft(text)
        reply = chunk if reply is None else reply + chunk
    if reply is None:
        return AIMessage(content="")
    return _strict(message_chunk_to_message(reply), getattr(reply, "tool_call_chunks", None) or [])


def _strict(reply: BaseMessage, chunks: list[dict[str, Any]]) -> BaseMessage:
    """A streamed tool call whose arguments are not a JSON object is invalid, as it is unstreamed: the client's
    partial-JSON reading of a stream would make ``{not json`` an empty call."""
    if not isinstance(reply, AIMessage) or not reply.tool_calls:
        return reply
    raw = {c.get("id"): c.get("args") or "" for c in chunks}
    valid, invalid = [], list(reply.invalid_tool_calls)
    for call in reply.tool_calls:
        text = raw.get(call["id"], "")
        try:
            ok = not text.strip() or isinstance(json.loads(text), dict)
        except ValueError:
            ok = False
        if ok:
            valid.append(call)
        else:
            invalid.append(invalid_tool_call(name=call["name"], args=text, id=call["id"], error=None))
    return reply.model_copy(update={"tool_calls": valid, "invalid_tool_calls": invalid})


def _run(by_name: dict[str, BaseTool], call: dict[str, Any]) -> tuple[ToolMessage, ToolRecord]:
    name, args, call_id = call["name"], call.get("args") or {}, call.get("id") or ""
    tool = by_name.get(name)
    error: str
    if tool is None:
        error = f"没有名为 {name} 的工具；可用：{'、'.join(by_name)}"
    else:
        try:
            content = tool.invoke(args)
            return (
                ToolMessage(content=str(content), tool_call_id=call_id, name=name),
                ToolRecord(name, args, True),
            )
        except ToolInputError as e:  # arguments the tool cannot use: the message is written for the model
            error = str(e)
        except ValidationError as e:
            error = "参数有误：" + "；".join(f"{'.'.join(map(str, x['loc']))}: {x['msg']}" for x in e.errors())
            error += valid_fields(tool.args_schema, e)
        except HouseholdInputError as e:
            error = "家庭情况有误：" + "；".join(e.messages)
        except IndexNotBuilt:
            log.warning("tool %s: the index is not built", name)
            error = INDEX_MISSING
        except Exception:  # noqa: BLE001 - a tool bug must not end the chat, but it is logged, not hidden
            # the arguments are not logged: a household is personal data
            log.exception("tool %s raised an unexpected error", name)
            error = TOOL_BROKEN
    return (
        ToolMessage(content=f"错误：{error}", tool_call_id=call_id, name=name, status="error"),
        ToolRecord(name, args, False, error),
    )


def valid_fields(schema: Any, error: ValidationError) -> str:
    """For each object an error is in, the field names it takes: a model that guessed a name can correct it."""
    if not (isinstance(schema, type) and issubclass(schema, BaseModel)):
        return ""
    out: dict[str, list[str]] = {}
    for e in error.errors():
        loc = [part for part in e["loc"][:-1] if isinstance(part, str)]
        model = _model_at(schema, loc)
        if model is not None:
            out.setdefault(".".join(loc) or "参数", list(model.model_fields))
    return "".join(f"。{where} 可用字段：{', '.join(names)}" for where, names in out.items())


def _model_at(model: type[BaseModel], path: list[str]) -> type[BaseModel] | None:
    for name in path:
        field = model.model_fields.get(name)
        if field is None:
            return None
        inner = _models_in(field.annotation)
        if not inner:
            return None
        model = inner[0]
    return model


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    """The pydantic models inside an annotation (X | None, list[X], Annotated[X, ...])."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [m for arg in typing.get_args(annotation) for m in _models_in(arg)]


def _text(message: BaseMessage) -> str:
    content = message.content
    if isinstance(content, str):
        return content
    return "".join(part.get("text", "") if isinstance(part, dict) else str(part) for part in content)
