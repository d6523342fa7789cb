"""Body of the CLI command ``assistant check household.json [--json] [--audience citizen|caseworker]``."""

from __future__ import annotations

import json
from pathlib import Path

from .engine import check_household
from .messages import HouseholdInputError
from .render import render, render_trace
from .whatif import WhatIf, compare, parse_sets

AUDIENCES = ("citizen", "caseworker")


def check_command(
    path: str, as_json: bool, audience: str, sets: list[str] | None = None, trace: bool = False
) -> str:
    """Text to print for the household in ``path``; raises HouseholdInputError or ValueError on bad input.

    ``sets`` (``name=value``) screen the household again with those parameters, beside the baseline;
    ``trace`` prints the computation tree with every number.
    """
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
    if sets:
        what_if = compare(household, parse_sets(sets))
        if as_json:
            return what_if.model_dump_json(indent=2)
        return render_what_if(what_if, trace)
    result = check_household(household)
    if as_json:
        return result.model_dump_json(indent=2)
    return render_trace(result) if trace else render(result, audience)


def render_what_if(what_if: WhatIf, trace: bool) -> str:
    shown = "，".join(f"{k}={v:g}" if isinstance(v, float) else f"{k}={v}" for k, v in what_if.overrides.items())
    lines = [f"假设（what-if）：{shown}", f"{'program':<28}{'baseline':<16}{'what-if':<16}"]
    for c in what_if.changes:
        mark = " *" if c.changed else ""
        amount = lambda y: "" if y is None else f" {y:g}元/年"  # noqa: E731
        lines.append(f"{c.program:<28}{c.baseline + amount(c.baseline_yearly):<16}{c.variant + amount(c.variant_yearly):<16}{mark}")
    if trace:
        lines += ["", render_trace(what_if.variant)]
    return "\n".join(lines)
