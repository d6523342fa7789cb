"""Which tools the offline model calls for a message: a policy question → search_policy, a household
description → check_eligibility, both when a description comes with a question; get_parameter when a
question asks for an amount that is a known parameter; get_clause when a clause id is given."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from assistant.agent.household import read
from assistant.agent.lexicon import lexicon, prompts

_YEAR = re.compile(r"(?<!\d)(20[0-4]\d)(?=\s*年)")


@dataclass
class Call:
    name: str
    args: dict[str, Any]


def plan(text: str, draft: dict[str, Any] | None, last_question: str = "") -> list[Call]:
    text = text.strip()
    if _greeting(text):
        return []
    calls: list[Call] = [Call("get_clause", {"chunk_id": cid}) for cid in re.findall(lexicon()["clause_id_pattern"], text)]
    if calls:
        return calls
    reading = read(text, draft, last_question)
    # a question in a conversation about a household is about that household's region unless it names one
    known = reading.household or draft
    household_region = _region_name(known) if known else None
    region = reading.regions[0] if reading.regions else household_region
    if reading.describes_household:
        calls.append(Call("check_eligibility", {"household": reading.household}))
    if not reading.describes_household or reading.question:
        args: dict[str, Any] = {"query": text}
        if region:
            args["region"] = region
        calls.append(Call("search_policy", args))
    parameter = _parameter(reading.question or text)
    if parameter and region:
        args = {"name": parameter, "region": region}
        year = _YEAR.search(text)
        if year:
            args["date"] = f"{year.group(1)}-12-31"
        calls.append(Call("get_parameter", args))
    return calls


def _greeting(text: str) -> bool:
    bare = re.sub(r"[\s，,。.！!？?~～]+", "", text).lower()
    return bool(bare) and len(bare) <= 6 and any(bare.startswith(g) for g in lexicon()["greetings"])


def _parameter(question: str) -> str | None:
    if not any(cue in question for cue in lexicon()["amount_cues"]):
        return None
    for name, aliases in prompts()["parameters"].items():
        if any(a in question for a in aliases):
            return name
    return None


def _region_name(household: dict[str, Any]) -> str | None:
    region = household.get("region") or {}
    return region.get("county") or region.get("prefecture") or region.get("province")
