"""Body of the CLI command ``assistant check household.json [--json] [--audience citizen|caseworker]``."""

from __future__ import annotations

import json
from pathlib import Path

from .engine import check_household
from .messages import HouseholdInputError
from .render import render

AUDIENCES = ("citizen", "caseworker")


def check_command(path: str, as_json: bool, audience: str) -> str:
    """Text to print for the household in ``path``; raises HouseholdInputError or ValueError on bad input."""
    if audience not in AUDIENCES:
        raise ValueError(f"--audience must be one of {', '.join(AUDIENCES)}, not {audience!r}")
    file = Path(path)
    if not file.is_file():
        raise ValueError(f"找不到文件：{path}")
    try:
        household = json.loads(file.read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        raise ValueError(f"{path} 不是有效的 JSON（第{error.lineno}行第{error.colno}列）：{error.msg}") from error
    if not isinstance(household, dict):
        raise HouseholdInputError(["家庭信息：应为一个 JSON 对象（{…}）"])
    result = check_household(household)
    if as_json:
        return result.model_dump_json(indent=2)
    return render(result, audience)
