"""The default chat model: deterministic, offline, a real LangChain chat model with tool calling.

Called with a conversation that ends in the user's message it answers with tool calls (see planner);
called again with the tool results it composes an extractive answer from them (see compose).
The chat service hands it the turn's typed reading of the household (``for_turn``), never prompt text.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import Any

from langchain_core.callbacks import CallbackManagerForLLMRun
from langchain_core.language_models import BaseChatModel, LanguageModelInput
from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, ToolMessage
from langchain_core.outputs import ChatGeneration, ChatResult
from langchain_core.runnables import Runnable
from langchain_core.tools import BaseTool
from langchain_core.utils.function_calling import convert_to_openai_tool

from assistant.agent.compose import ToolOutput, compose
from assistant.agent.lexicon import prompts
from assistant.agent.planner import plan
from assistant.understanding.reader import Reading


class OfflineChatModel(BaseChatModel):
    """Decides tool calls from the conversation and writes the final answer from tool results."""

    reading: Reading | None = None  # this turn's reading of the household (set by for_turn)

    def for_turn(self, reading: Reading | None) -> OfflineChatModel:
        """A copy that knows this turn's reading (the shared instance stays stateless across requests)."""
        return self.model_copy(update={"reading": reading})

    @property
    def _llm_type(self) -> str:
        return "minzheng-offline"

    def bind_tools(
        self,
        tools: Sequence[dict[str, Any] | type | Callable[..., Any] | BaseTool],
        *,
        tool_choice: str | None = None,
        **kwargs: Any,
    ) -> Runnable[LanguageModelInput, AIMessage]:
        return self.bind(tools=[convert_to_openai_tool(t) for t in tools], **kwargs)

    def _generate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> ChatResult:
        available = {t["function"]["name"] for t in kwargs.get("tools", [])}
        last_human = max((i for i, m in enumerate(messages) if isinstance(m, HumanMessage)), default=-1)
        if last_human < 0:
            return _result(AIMessage(content=prompts()["texts"]["help"]))
        turn = messages[last_human + 1 :]
        if not any(isinstance(m, ToolMessage) for m in turn):
            text = str(messages[last_human].content)
            calls = [c for c in plan(text, self.reading) if c.name in available]
            if calls:
                tool_calls = [
                    {"name": c.name, "args": c.args, "id": f"call_{last_human}_{i}", "type": "tool_call"}
                    for i, c in enumerate(calls)
                ]
                return _result(AIMessage(content="", tool_calls=tool_calls))
        return _result(AIMessage(content=compose(_outputs(turn))))


def _result(message: AIMessage) -> ChatResult:
    return ChatResult(generations=[ChatGeneration(message=message)])


def _outputs(turn: list[BaseMessage]) -> list[ToolOutput]:
    args = {c["id"]: c["args"] for m in turn if isinstance(m, AIMessage) for c in m.tool_calls}
    out = []
    for m in turn:
        if not isinstance(m, ToolMessage):
            continue
        call_args = args.get(m.tool_call_id, {})
        if m.status == "error":
            out.append(ToolOutput(m.name or "", call_args, False, {}, str(m.content)))
            continue
        try:
            data = json.loads(str(m.content))
        except json.JSONDecodeError:
            out.append(ToolOutput(m.name or "", call_args, False, {}, str(m.content)))
            continue
        out.append(ToolOutput(m.name or "", call_args, True, data))
    return out
