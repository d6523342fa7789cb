"""Errors in OpenAI's shape, ``{"error": {"message", "type", "param", "code"}}``, with Chinese messages.

The app's own handlers answer ``{"error": "<text>"}``; an OpenAI client reads ``error.message``, so the /v1 routes use
``OpenAIRoute``, which turns whatever their handlers or dependencies raise (a bad key, a rate limit, a bad body) into
this shape before the app's handlers see it, keeping status codes and headers such as Retry-After.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Coroutine
from typing import Any

from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.routing import APIRoute
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
_KINDS = {
    "string_type": "应为文本",
    "bool_type": "应为 true 或 false",
    "int_type": "应为整数",
    "float_type": "应为数字",
    "list_type": "应为列表",
    "dict_type": "应为 JSON 对象",
    "model_type": "应为 JSON 对象",
    "model_attributes_type": "应为 JSON 对象",
    "missing": "缺少此项",
    "union_tag_not_found": "缺少 role",
    "union_tag_invalid": "role 应为 system、developer、user、assistant 或 tool 之一",
    "json_type": "应为 JSON 对象",
}


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
    parts = [f"{param} {reason}" if param else f"请求体{reason}" for param, reason in reasons.items()]
    first = next(iter(reasons), "")
    return OpenAIError(400, "请求有误：" + "；".join(parts), code="invalid_request", param=first or None)


def _reason(err: dict[str, Any], param: str) -> str:
    kind, ctx = err["type"], err.get("ctx") or {}
    if param.endswith(".content") and kind in ("string_type", "list_type"):
        return "应为文本，或 type 为 text 的片段列表"
    if param.endswith(".type") and kind == "literal_error":
        return "只支持文本内容（type 应为 text）"
    if kind == "literal_error":
        return f"应为 {ctx.get('expected', '')}"
    if kind in ("too_short", "too_long"):
        bound = ctx.get("min_length") if kind == "too_short" else ctx.get("max_length")
        return f"至少 {bound} 项" if kind == "too_short" else f"最多 {bound} 项"
    if kind in ("greater_than_equal", "greater_than"):
        return f"应不小于 {ctx.get('ge', ctx.get('gt'))}"
    if kind in ("less_than_equal", "less_than"):
        return f"应不大于 {ctx.get('le', ctx.get('lt'))}"
    return _KINDS.get(kind, "取值无效")


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
