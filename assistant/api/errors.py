"""Error answers: pydantic's validation errors in Chinese, and every error status the API can answer
documented in the OpenAPI schema (with the one JSON shape all errors have)."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi
from pydantic import BaseModel

# pydantic error type → Chinese, formatted with the error's ctx (limits such as max_length)
MESSAGES = {
    "missing": "缺少此项",
    "extra_forbidden": "无法识别的字段",
    "string_type": "应为文字",
    "string_too_short": "至少需要{min_length}个字符",
    "string_too_long": "最多{max_length}个字符",
    "string_pattern_mismatch": "格式不正确",
    "string_unicode": "含有无法识别的字符",
    "int_type": "应为整数",
    "int_parsing": "应为整数",
    "int_parsing_size": "数值过大",
    "int_from_float": "应为整数",
    "float_type": "应为数字",
    "float_parsing": "应为数字",
    "finite_number": "应为有限的数字",
    "bool_type": "应为 true 或 false",
    "bool_parsing": "应为 true 或 false",
    "greater_than": "应大于{gt}",
    "greater_than_equal": "应不小于{ge}",
    "less_than": "应小于{lt}",
    "less_than_equal": "应不大于{le}",
    "literal_error": "应为以下之一：{expected}",
    "enum": "应为以下之一：{expected}",
    "list_type": "应为列表",
    "too_short": "至少需要{min_length}项",
    "too_long": "最多{max_length}项",
    "dict_type": "应为对象（{{…}}）",
    "model_type": "应为对象（{{…}}）",
    "model_attributes_type": "应为对象（{{…}}）",
    "json_invalid": "JSON 格式错误",
    "json_type": "应为 JSON",
}


def chinese(error: dict[str, Any]) -> str:
    """One validation error in Chinese; a custom error (already Chinese) or an unknown type keeps its text
    after pydantic's English "Value error, " prefix."""
    template = MESSAGES.get(error["type"])
    if template is None:
        return str(error["msg"]).removeprefix("Value error, ")
    try:
        return template.format(**(error.get("ctx") or {}))
    except (KeyError, IndexError, ValueError):
        return template.split("{")[0] or str(error["msg"])


class ErrorField(BaseModel):
    field: str
    message: str


class ApiError(BaseModel):
    error: str
    fields: list[ErrorField] | None = None


# what each error status means, added to every operation (one schema: {"error": "…"})
STATUSES = {
    "400": "请求内容无法解析（编码错误或 JSON 嵌套过深）",
    "401": "需要有效的 API 密钥",
    "404": "没有这个地址、对话或条款",
    "405": "不支持此请求方法",
    "409": "冲突（例如同名文件已存在）",
    "413": "请求内容过大",
    "415": "不支持的文件类型",
    "422": "输入有误（字段与原因见 fields）",
    "429": "请求太频繁（见 Retry-After）",
    "502": "对话模型接口调用失败",
    "503": "服务的某部分暂不可用（见 /healthz）",
}


def document_errors(app: FastAPI) -> None:
    """Replace app.openapi so every operation lists the error statuses with the ApiError schema."""

    def openapi() -> dict[str, Any]:
        if app.openapi_schema:
            return app.openapi_schema
        schema = get_openapi(title=app.title, version=app.version, description=app.description, routes=app.routes)
        components = schema.setdefault("components", {}).setdefault("schemas", {})
        components.update(ApiError.model_json_schema(ref_template="#/components/schemas/{model}").pop("$defs", {}))
        components["ApiError"] = ApiError.model_json_schema(ref_template="#/components/schemas/{model}")
        body = {"application/json": {"schema": {"$ref": "#/components/schemas/ApiError"}}}
        for path in schema.get("paths", {}).values():
            for operation in path.values():
                responses = operation.setdefault("responses", {})
                for status, description in STATUSES.items():
                    entry = responses.setdefault(status, {"description": description})
                    # FastAPI's own 422 schema is not what the handler answers; a route's own error model stays
                    if status == "422" or "content" not in entry:
                        entry["content"] = body
        schema["components"]["schemas"].pop("HTTPValidationError", None)
        schema["components"]["schemas"].pop("ValidationError", None)
        app.openapi_schema = schema
        return schema

    app.openapi = openapi  # type: ignore[method-assign]
