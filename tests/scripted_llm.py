"""A scripted OpenAI-compatible chat endpoint on loopback, shared by the tests that exercise the
configured-model path end to end (the real client, over real HTTP; nothing is patched).

Each POST /v1/chat/completions takes the next step of the script: a function from the request's
messages to the assistant message to return (tool calls or content), or ``failure(...)``, an HTTP
error the client must handle. A request with no step left gets a 500. Requests are kept for assertions.

A request with ``stream: true`` is answered as OpenAI streams: `chat.completion.chunk` events, the content in
pieces of ``Pace.chars`` characters (or the pieces a step gives as a list), tool calls in one delta, then
``data: [DONE]``. ``Pace`` makes it write like a model: a wait before the first piece and between pieces.
``hold``, when set to an Event, makes it stop after ``hold_after`` pieces of an answer until the event is set,
so a test can see what reached the client while the model was still writing (no clock involved).

(The same approach as tests/agent/scripted_llm.py, with scripted failures added.)
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

Messages = list[dict[str, Any]]


@dataclass(frozen=True)
class Failure:
    status: int
    message: str = "scripted failure"


Step = Callable[[Messages], "dict[str, Any] | Failure"]


@dataclass
class Pace:
    first_s: float = 0.0  # before the first piece of content
    piece_s: float = 0.0  # between pieces
    chars: int = 2  # characters per piece (a token is a character or two of Chinese)


@dataclass
class Streamed:
    """What one streamed answer did, by time.perf_counter (one clock for this process's threads)."""

    pieces: list[str] = field(default_factory=list)
    times: list[float] = field(default_factory=list)  # when each piece was sent
    first_at: float | None = None
    done_at: float | None = None


def tool_call(name: str, arguments: dict[str, Any] | str, call_id: str = "call_1") -> Step:
    args = arguments if isinstance(arguments, str) else json.dumps(arguments, ensure_ascii=False)

    def step(messages: Messages) -> dict[str, Any]:
        return {"role": "assistant", "content": None,
                "tool_calls": [{"id": call_id, "type": "function", "function": {"name": name, "arguments": args}}]}

    return step


def answer(write: Callable[[Messages], str | list[str]]) -> Step:
    """Content written from the messages; a list gives the pieces it is streamed in."""

    def step(messages: Messages) -> dict[str, Any]:
        text = write(messages)
        if isinstance(text, list):
            return {"role": "assistant", "content": "".join(text), "pieces": text}
        return {"role": "assistant", "content": text}

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
    def __init__(self, script: list[Step] | None = None, pace: Pace | None = None) -> None:
        self.script: list[Step] = list(script or [])
        self.requests: list[dict[str, Any]] = []
        self.pace = pace or Pace()
        self.hold: threading.Event | None = None
        self.hold_after = 1
        self.streamed: list[Streamed] = []  # one per streamed answer with content
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
                pieces = message.pop("pieces", None)
                if body.get("stream"):
                    self._stream(body, message, finish, pieces)
                    return
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

            def _stream(self, body: dict[str, Any], message: dict[str, Any], finish: str,
                        pieces: list[str] | None) -> None:
                self.send_response(200)
                self.send_header("Content-Type", "text/event-stream")
                self.send_header("Cache-Control", "no-cache")
                self.end_headers()
                head = {"id": f"chatcmpl-{len(owner.requests)}", "object": "chat.completion.chunk", "created": 0,
                        "model": body.get("model", "scripted")}

                def send(delta: dict[str, Any], finish_reason: str | None = None) -> None:
                    chunk = {**head, "choices": [{"index": 0, "delta": delta, "finish_reason": finish_reason}]}
                    self.wfile.write(f"data: {json.dumps(chunk, ensure_ascii=False)}\n\n".encode())
                    self.wfile.flush()

                send({"role": "assistant", "content": ""})
                calls = message.get("tool_calls") or []
                if calls:
                    send({"tool_calls": [{"index": i, **c} for i, c in enumerate(calls)]})
                content = message.get("content") or ""
                if content:
                    record = Streamed()
                    owner.streamed.append(record)
                    pace = owner.pace
                    chunks = pieces or [content[i:i + pace.chars] for i in range(0, len(content), pace.chars)]
                    time.sleep(pace.first_s)
                    for n, piece in enumerate(chunks, 1):
                        send({"content": piece})
                        record.pieces.append(piece)
                        record.times.append(time.perf_counter())
                        record.first_at = record.first_at or record.times[-1]
                        if owner.hold is not None and n == owner.hold_after:
                            owner.hold.wait(timeout=30)  # a test that never releases fails, not hangs
                        elif n < len(chunks):
                            time.sleep(pace.piece_s)
                    record.done_at = time.perf_counter()
                send({}, finish)
                if (body.get("stream_options") or {}).get("include_usage"):
                    usage = {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2}
                    self.wfile.write(f"data: {json.dumps({**head, 'choices': [], 'usage': usage})}\n\n".encode())
                self.wfile.write(b"data: [DONE]\n\n")
                self.wfile.flush()

            def log_message(self, *args: Any) -> None:
                pass

        Handler.disable_nagle_algorithm = True  # small pieces go out at once
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
