"""Errors in OpenAI's shape, ``{"error": {"message", "type", "param", "code"}}``, with Chinese messages.

The app's own handlers answer ``{"error": "<text>"}``; an OpenAI client reads ``error.message``, so the /v1 routes use
``OpenAIRoute``, which turns whatever their handlers or dependencies raise (a bad key, a rate limit, a bad body) into
this shape before the app's handlers see it, keeping status codes and headers such as Retry-After.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Coroutine
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.routing import APIRoute
from pydantic import BaseModel
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response

from assistant.api.openai_compat.models import ChatCompletionRequest, ErrorBody, ErrorResponse

log = logging.getLogger(__name__)

# type and code of an error raised by code outside this package (auth, limits, the body-size check), by status
_BY_STATUS = {
    400: ("invalid_request_error", "invalid_request"),
    401: ("invalid_request_error", "invalid_api_key"),
    403: ("permission_error", "permission_denied"),
    404: ("invalid_request_error", "not_found"),
    413: ("invalid_request_error", "request_too_large"),
    429: ("rate_limit_error", "rate_limit_exceeded"),
    502: ("api_error", "upstream_error"),
    503: ("api_error", "service_unavailable"),
}


class _Wording(BaseModel):
    invalid: str  # opens the message
    body: str  # names the body itself, for an error on no field
    reasons: dict[str, str]


@lru_cache(maxsize=1)
def _wording() -> _Wording:
    """messages.yaml: the reasons a request body is refused, by pydantic error type."""
    return _Wording.model_validate(yaml.safe_load(Path(__file__).with_name("messages.yaml").read_text(encoding="utf-8")))


class OpenAIError(Exception):
    def __init__(self, status: int, message: str, type: str = "invalid_request_error", code: str | None = None,
                 param: str | None = None, headers: dict[str, str] | None = None):
        super().__init__(message)
        self.status = status
        self.body = ErrorBody(message=message, type=type, code=code, param=param)
        self.headers = headers

    def response(self) -> JSONResponse:
        return JSONResponse(status_code=self.status, content=ErrorResponse(error=self.body).model_dump(),
                            headers=self.headers)


def from_http(exc: HTTPException) -> OpenAIError:
    if exc.status_code == 400 and isinstance(exc.__cause__, ValueError | RecursionError):
        # FastAPI's "error parsing the body": not UTF-8, or nested too deep to decode
        return OpenAIError(400, "请求内容不是有效的 JSON（应为 UTF-8 编码），请检查格式", code="invalid_json")
    type_, code = _BY_STATUS.get(exc.status_code, ("api_error" if exc.status_code >= 500 else "invalid_request_error",
                                                   None))
    return OpenAIError(exc.status_code, str(exc.detail), type_, code, headers=dict(exc.headers or {}))


def from_validation(exc: RequestValidationError) -> OpenAIError:
    """One Chinese sentence naming each bad field once, the most specific reason kept: pydantic reports a failure
    for every member of a union (text, or a list of parts), and a part that is not text also lacks its text."""
    if any(err["type"] == "json_invalid" for err in exc.errors()):
        # the position in a broken body means nothing to the person who sent it
        return OpenAIError(400, "请求内容不是有效的 JSON，请检查格式", code="invalid_json")
    found = [(_param(err["loc"]), err) for err in exc.errors()]
    not_text = {p.removesuffix(".type") for p, err in found if p.endswith(".type") and err["type"] == "literal_error"}
    reasons: dict[str, str] = {}
    for param, err in found:
        deeper = any(other != param and other.startswith(param + "[") for other, _ in found)
        if deeper or any(param.startswith(part + ".") and not param.endswith(".type") for part in not_text):
            continue
        reasons.setdefault(param, _reason(err, param))
    wording = _wording()
    parts = [f"{param} {reason}" if param else f"{wording.body}{reason}" for param, reason in reasons.items()]
    first = next(iter(reasons), "")
    return OpenAIError(400, wording.invalid + "；".join(parts), code="invalid_request", param=first or None)


def _reason(err: dict[str, Any], param: str) -> str:
    kind, ctx = err["type"], err.get("ctx") or {}
    if param.endswith(".content") and kind in ("string_type", "list_type"):
        kind = "content_type"
    elif param.endswith(".type") and kind == "literal_error":
        kind = "part_type"
    reasons = _wording().reasons
    bound = next((ctx[k] for k in ("min_length", "max_length", "ge", "gt", "le", "lt") if k in ctx), "")
    return reasons.get(kind, reasons["other"]).format(bound=bound, expected=ctx.get("expected", ""))


def _fields(model: type) -> set[str]:
    """Every field name of a request model and of the models inside it."""
    names, todo, seen = set(), [model], set()
    while todo:
        current = todo.pop()
        seen.add(current)
        for name, field in current.model_fields.items():
            names.add(name)
            todo.extend(t for t in _types(field.annotation) if hasattr(t, "model_fields") and t not in seen)
    return names


def _types(annotation: Any) -> list[Any]:
    args = getattr(annotation, "__args__", None)
    if not args:
        return [annotation]
    return [t for a in args for t in _types(a)]


_FIELD_NAMES = _fields(ChatCompletionRequest)


def _param(loc: tuple[Any, ...]) -> str:
    """``("body", "messages", 0, "user", "content", "str")`` → ``messages[0].content``: the role tag pydantic puts
    after a message's index and the names of union members are dropped."""
    out = ""
    parts = list(loc[1:] if loc and loc[0] == "body" else loc)
    for i, part in enumerate(parts):
        if isinstance(part, int):
            out += f"[{part}]"
        elif i == 2 and parts[0] == "messages":
            continue  # the role tag of messages[i]
        elif part in _FIELD_NAMES:
            out += f".{part}" if out else part
    return out


class OpenAIRoute(APIRoute):
    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def handle(request: Request) -> Response:
            try:
                return await handler(request)
            except OpenAIError as exc:
                return exc.response()
            except RequestValidationError as exc:
                return from_validation(exc).response()
            except HTTPException as exc:
                return from_http(exc).response()
            except Exception:  # noqa: BLE001 - an OpenAI client must get its error shape, never a bare 500 page
                log.exception("OpenAI-compatible route failed on %s", request.url.path)
                return OpenAIError(500, "服务器内部错误，请稍后重试", "server_error", "internal_error").response()

        return handle
