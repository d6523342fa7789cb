"""Free-text input from a person: refused with a Chinese message when it holds control characters or nothing
readable (only zero-width characters, NUL, emoji or punctuation)."""

from __future__ import annotations

import unicodedata

from pydantic_core import PydanticCustomError

ALLOWED_CONTROLS = frozenset("\t\n\r")


def readable_text(value: str) -> str:
    if any(unicodedata.category(ch) == "Cc" and ch not in ALLOWED_CONTROLS for ch in value):
        raise PydanticCustomError("control_characters", "含有控制字符，请删除后重新输入")
    if not any(unicodedata.category(ch)[0] in "LN" for ch in value):
        raise PydanticCustomError("no_readable_text", "没有可识别的文字，请用文字描述问题")
    return value
