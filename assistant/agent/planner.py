"""Which tools the offline model calls for a message: a policy question → search_policy, a household
description → check_eligibility, both when a description comes with a question; get_parameter when a
question asks for an amount that is a known parameter; get_clause when a clause id is given; make_quiz
when a trainer asks for quiz items."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from assistant.agent.household import read
from assistant.agent.lexicon import lexicon, prompts
from assistant.quiz import parse_request
from assistant.retrieval.query import YEAR
from indexer.regions import gazetteer


@dataclass
class Call:
    name: str
    args: dict[str, Any]


def plan(text: str, draft: dict[str, Any] | None, last_question: str = "") -> list[Call]:
    text = text.strip()
    if _greeting(text):
        return []
    quiz = quiz_request(text)
    if quiz is not None:
        return [Call("make_quiz", quiz)]
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
        year = _stated_year(text)
        if year:
            args["date"] = f"{year}-12-31"
        calls.append(Call("get_parameter", args))
    return calls


def quiz_request(text: str) -> dict[str, Any] | None:
    """make_quiz arguments (topic, n, types, region) when ``text`` asks for quiz items, else None."""
    words = lexicon()["quiz"]
    if not (any(w in text for w in words["triggers"]) or any(re.search(p, text) for p in words["patterns"])):
        return None
    args = parse_request(text)
    if args["topic"] is None:
        args["topic"] = _named_topic(text)
    return args


def _named_topic(text: str) -> str | None:
    """A topic the request names that the quiz may not know (关于火星移民的), without regions and filler."""
    words = lexicon()["quiz"]
    g = gazetteer()
    for pattern in words["topic_patterns"]:
        m = re.search(pattern, text)
        if not m:
            continue
        phrase = m.group("topic")
        names = {a for r in g.find(phrase) for a in (r, g.by_name[r].short, *g.by_name[r].aliases)}
        for word in sorted({*names, *words["topic_filler"]}, key=len, reverse=True):
            phrase = phrase.replace(word, "")
        return phrase.strip() or None
    return None


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


def _stated_year(text: str) -> str | None:
    """The year a question asks about (2019年): YEAR followed by 年, so 2000元 is not a year."""
    for m in YEAR.finditer(text):
        if text[m.end() :].lstrip().startswith("年"):
            return m.group(1)
    return None


def _region_name(household: dict[str, Any]) -> str | None:
    region = household.get("region") or {}
    return region.get("county") or region.get("prefecture") or region.get("province")
