"""A scripted OpenAI-compatible chat endpoint on loopback, shared by the tests that exercise the
configured-model path end to end (the real client, over real HTTP; nothing is patched).

Each POST /v1/chat/completions takes the next step of the script: a function from the request's
messages to the assistant message to return (tool calls or content), or ``failure(...)``, an HTTP
error the client must handle. A request with no step left gets a 500. Requests are kept for assertions.

(The same approach as tests/agent/scripted_llm.py, with scripted failures added.)
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

Messages = list[dict[str, Any]]


@dataclass(frozen=True)
class Failure:
    status: int
    message: str = "scripted failure"


Step = Callable[[Messages], "dict[str, Any] | Failure"]


def tool_call(name: str, arguments: dict[str, Any] | str, call_id: str = "call_1") -> Step:
    args = arguments if isinstance(arguments, str) else json.dumps(arguments, ensure_ascii=False)

    def step(messages: Messages) -> dict[str, Any]:
        return {"role": "assistant", "content": None,
                "tool_calls": [{"id": call_id, "type": "function", "function": {"name": name, "arguments": args}}]}

    return step


def answer(write: Callable[[Messages], str]) -> Step:
    def step(messages: Messages) -> dict[str, Any]:
        return {"role": "assistant", "content": write(messages)}

    return step


def failure(status: int, message: str = "scripted failure") -> Step:
    """An HTTP error response in the OpenAI error shape."""

    def step(messages: Messages) -> Failure:
        return Failure(status, message)

    return step


def tool_results(messages: Messages) -> Messages:
    """The tool messages of the current turn (after the last user message)."""
    last_user = max(i for i, m in enumerate(messages) if m["role"] == "user")
    return [m for m in messages[last_user:] if m["role"] == "tool"]


class ScriptedLLM:
    def __init__(self, script: list[Step] | None = None) -> None:
        self.script: list[Step] = list(script or [])
        self.requests: list[dict[str, Any]] = []
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - http.server's naming
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                owner.requests.append(body)
                if self.path != "/v1/chat/completions":
                    self._send(404, {"error": {"message": f"no route {self.path}", "type": "not_found"}})
                    return
                if not owner.script:
                    self._send(500, {"error": {"message": "script exhausted", "type": "server_error"}})
                    return
                message = owner.script.pop(0)(body["messages"])
                if isinstance(message, Failure):
                    self._send(message.status, {"error": {"message": message.message, "type": "scripted"}})
                    return
                finish = "tool_calls" if message.get("tool_calls") else "stop"
                self._send(200, {
                    "id": f"chatcmpl-{len(owner.requests)}",
                    "object": "chat.completion",
                    "created": 0,
                    "model": body.get("model", "scripted"),
                    "choices": [{"index": 0, "message": message, "finish_reason": finish}],
                    "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
                })

            def _send(self, status: int, payload: dict[str, Any]) -> None:
                data = json.dumps(payload, ensure_ascii=False).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                # a client that retries waits this long instead of its default back-off
                self.send_header("retry-after-ms", "10")
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)  # port 0: a free port
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/v1"

    def __enter__(self) -> ScriptedLLM:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()
