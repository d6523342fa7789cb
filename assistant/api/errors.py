"""Error answers: pydantic's validation errors in Chinese, and every error status the API can answer
documented in the OpenAPI schema (with the one JSON shape all errors have)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi
from pydantic import BaseModel

_CATALOGUE = yaml.safe_load((Path(__file__).with_name("messages.yaml")).read_text(encoding="utf-8"))
# pydantic error type → Chinese; what each error status means (one schema for all: {"error": "…"})
MESSAGES: dict[str, str] = _CATALOGUE["validation"]
STATUSES: dict[str, str] = {str(k): v for k, v in _CATALOGUE["statuses"].items()}



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
