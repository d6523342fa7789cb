"""The tool loop: ask the model, run the tools it calls, hand back the results, until it answers.

An explicit loop over ``bind_tools`` rather than a prebuilt agent graph: one turn is a few calls, and the
service needs each tool call as an event and the raw final text for the citation guard.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, BaseMessage, ToolMessage
from langchain_core.tools import BaseTool
from pydantic import ValidationError


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
class Final:
    text: str
    messages: list[BaseMessage] = field(default_factory=list)


def run_turn(
    model: BaseChatModel, tools: list[BaseTool], messages: list[BaseMessage], max_rounds: int
) -> Iterator[ToolRecord | Final]:
    """Yield a ToolRecord per tool call as it completes, then the Final answer text."""
    bound = model.bind_tools(tools)
    by_name = {t.name: t for t in tools}
    messages = list(messages)
    for _ in range(max_rounds):
        reply = bound.invoke(messages)
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
    reply = model.invoke(messages)
    messages.append(reply)
    yield Final(_text(reply), messages)


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
        except ValidationError as e:
            error = "参数有误：" + "；".join(f"{'.'.join(map(str, x['loc']))}: {x['msg']}" for x in e.errors())
        except Exception as e:  # a failing tool must not end the chat: the model gets the error instead
            error = str(e) or type(e).__name__
    return (
        ToolMessage(content=f"错误：{error}", tool_call_id=call_id, name=name, status="error"),
        ToolRecord(name, args, False, error),
    )


def _text(message: BaseMessage) -> str:
    content = message.content
    if isinstance(content, str):
        return content
    return "".join(part.get("text", "") if isinstance(part, dict) else str(part) for part in content)
