"""Turn a pydantic ValidationError on household input into plain Chinese messages (wording in messages.yaml)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml
from pydantic import BaseModel, ValidationError


class _Catalogue(BaseModel):
    whole: str  # names the household itself, for an error on no particular field
    heading: str
    fields: dict[str, str]
    errors: dict[str, str]


@lru_cache(maxsize=1)
def catalogue() -> _Catalogue:
    text = Path(__file__).with_name("messages.yaml").read_text(encoding="utf-8")
    return _Catalogue.model_validate(yaml.safe_load(text))


def field_path(loc: tuple[int | str, ...]) -> str:
    path = ""
    for part in loc:
        if isinstance(part, int):
            path += f"[{part}]"
        else:
            path += f".{part}" if path else str(part)
    return path


class _Context(dict):
    def __missing__(self, key: str) -> str:
        return ""  # a bound pydantic did not report: the sentence still reads, without it


def _shown(value: object) -> object:
    return int(value) if isinstance(value, float) and value.is_integer() else value


def _message(error: dict) -> str:
    kind = error["type"]
    ctx = {k: _shown(v) for k, v in (error.get("ctx") or {}).items()}
    if kind == "value_error":
        return str(ctx.get("error", error["msg"]))
    if kind == "greater_than_equal" and ctx.get("ge") == 0:
        kind = "greater_than_equal_zero"
    elif kind == "too_long" and isinstance(error.get("input"), str):
        kind = "too_long_text"
    errors = catalogue().errors
    return errors.get(kind, errors["other"]).format_map(_Context(msg=error["msg"], **ctx))


def validation_messages(error: ValidationError) -> list[str]:
    """One message per problem, e.g. ``members[0].age：年龄应在0到150之间``."""
    messages = []
    for item in error.errors():
        loc = tuple(item["loc"])
        path = field_path(loc) or catalogue().whole
        names = [part for part in loc if isinstance(part, str)]
        label = catalogue().fields.get(names[-1], "") if names else ""
        text = _message(item)
        # a custom message already names the field; a generic one gets the label first
        if label and item["type"] != "value_error" and item["type"] != "extra_forbidden":
            text = f"{label}{text}"
        messages.append(f"{path}：{text}")
    return messages


class HouseholdInputError(ValueError):
    """Household input that cannot be screened; ``messages`` are ready to show a citizen."""

    def __init__(self, messages: list[str]):
        super().__init__(catalogue().heading + "\n" + "\n".join(messages))
        self.messages = messages
