"""Request body size limits, enforced before any route reads or parses a body.

A declared Content-Length over the route's limit is refused before a byte is read; a body without one
(chunked) is counted as it arrives and refused once it passes the limit. The answer is the API's usual JSON
error in Chinese, and the middleware sits inside CORS, so a widget on another site can read it.
"""

from __future__ import annotations

from collections.abc import Callable

from fastapi import HTTPException
from fastapi.responses import JSONResponse
from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send


class BodyTooLarge(HTTPException):
    """Raised from ``receive`` while a route reads the body; FastAPI passes HTTPExceptions on untouched, so the
    app's handler answers it."""

    def __init__(self, detail: str):
        super().__init__(status_code=413, detail=detail, headers={"Connection": "close"})


class BodyLimit:
    def __init__(self, app: ASGIApp, default: int, paths: dict[str, int], message: Callable[[str, int], str]):
        self.app = app
        self.default = default
        self.paths = paths
        self.message = message  # (path, limit) -> the error text

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = scope["path"]
        limit = self.paths.get(path, self.default)
        declared = _content_length(scope)
        if declared is not None and declared > limit:
            await self._refuse(scope, receive, send, path, limit)
            return
        received = 0
        started = False

        async def counted_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise BodyTooLarge(self.message(path, limit))
            return message

        async def watched_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counted_receive, watched_send)
        except BodyTooLarge:
            if started:  # read after the response began (a streaming route): nothing left to answer with
                raise
            await self._refuse(scope, receive, send, path, limit)

    async def _refuse(self, scope: Scope, receive: Receive, send: Send, path: str, limit: int) -> None:
        response = JSONResponse(status_code=413, content={"error": self.message(path, limit)},
                                headers={"Connection": "close"})
        await response(scope, receive, send)


def _content_length(scope: Scope) -> int | None:
    value = Headers(scope=scope).get("content-length")
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None
