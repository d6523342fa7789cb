"""The offline answer to a policy question: a direct first line (可以 / 标准为…元 / 时限为…), the one sentence
that states it, quoted once and cited, then at most one supporting clause; one line per part when the
question has several; the first line in English for an English question. Everything it says comes from
the search tool's typed evidence (assistant.retrieval.evidence), so the guard can check every figure."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, Field

from assistant.agent.lexicon import prompts
from assistant.agent.numbers import find_numbers
from assistant.retrieval.evidence import Evidence, is_noise
from indexer.regions import gazetteer

_DATA = Path(__file__).with_name("data") / "answers.yaml"


class ToolHit(BaseModel):
    ref: int
    chunk_id: str
    title: str
    region: str
    region_match: bool | None = None
    score: float = 0.0
    sentence: str


class PolicyData(BaseModel):
    """What search_policy returns, read back as types."""

    hits: list[ToolHit] = Field(default_factory=list)
    evidence: list[Evidence] = Field(default_factory=list)
    unanswered_parts: list[int] = Field(default_factory=list)
    part_reasons: list[str] = Field(default_factory=list)
    refused_parts: list[int] = Field(default_factory=list)
    lang: str = "zh"
    parts: int = 1
    part_regions: list[list[str]] = Field(default_factory=list)
    alternative: bool = False
    permission: bool = True  # the yes/no question asks whether one may (可以 answers it), see QuestionAnalysis
    regions: list[str] = Field(default_factory=list)


@lru_cache(maxsize=1)
def wording() -> dict[str, Any]:
    return yaml.safe_load(_DATA.read_text(encoding="utf-8"))


def policy_answer(data: dict[str, Any]) -> str:
    d = PolicyData.model_validate(data)
    w = wording()
    leads = w["leads"][d.lang if d.lang in w["leads"] else "zh"]
    refs = {h.chunk_id: h for h in d.hits}
    evidence = [e for e in d.evidence if e.chunk_id in refs]
    if not evidence:
        return ""
    if d.parts > 1:
        lines = []
        for n in range(d.parts):
            e = next((x for x in evidence if x.part == n), None)
            ordinals = leads["ordinals"]
            label = leads["part"].format(n=ordinals[n] if n < len(ordinals) else ordinals[-1])
            if n < len(d.part_regions) and d.part_regions[n]:
                label = "、".join(d.part_regions[n]) + "："
            if e is None:
                lines.append(label + _unanswered(d, n, leads) + "。")
            else:
                lead = _lead(e, d, leads)
                lead = lead.rstrip("。.")
                lines.append(f"{label}{lead + '：' if lead else ''}「{e.sentence}」[{refs[e.chunk_id].ref}]")
        return "\n".join(lines)
    e = evidence[0]
    hit = refs[e.chunk_id]
    lead = _lead(e, d, leads)
    quote = f"「{e.sentence}」[{hit.ref}]（《{hit.title}》，{hit.region}）"
    if e.tentative:
        # the closest provision, said to be that: no direct first line is drawn from it
        lines = [leads["tentative"] + (":\n" if d.lang == "en" else "：") + quote]
    elif lead:
        lines = [f"{lead}[{hit.ref}]", quote]
    elif d.lang == "en":
        lines = [leads["quote"] + ":", quote]  # the first line in the question's language
    else:
        lines = [f"{leads['quote']}：{quote}"]
    task = refs.get(e.task_chunk_id) if e.task else None
    if task is not None and e.task != e.sentence:
        # an attribute line (完成时限:…) is shown with the task it belongs to
        lines.append(f"「{e.task}」[{task.ref}]（《{task.title}》，{task.region}）")
        return "\n".join(line for line in lines if line)
    support = _support(d, e, w["support"])
    if support is not None:
        lines.append(f"「{support.sentence}」[{support.ref}]（《{support.title}》，{support.region}）")
    return "\n".join(line for line in lines if line)


def _unanswered(d: PolicyData, n: int, leads: dict[str, str]) -> str:
    """Why part ``n`` has no answer: a part the search refused (the question's figure, see
    evidence.Verdict.refused_parts) as no basis, before the parts that are answered; another one as not stated.
    A reason holding a figure is left out (the answer states no figure its citations do not give)."""
    reason = d.part_reasons[n] if n < len(d.part_reasons) else ""
    if any(ch.isdigit() for ch in reason):
        reason = ""
    if n in d.refused_parts:
        return f"{prompts()['texts']['no_basis']}：{reason or leads['unanswered'].split('（')[0]}"
    return leads["unanswered"].format(reason=reason).replace("（）", "").replace("()", "")


def _lead(e: Evidence, d: PolicyData, leads: dict[str, str]) -> str:
    """The direct first line: the figure for figure questions, 可以/不可以 for yes/no, else none."""
    figure_types = wording()["figure_types"]
    if e.tentative:
        return leads["tentative"]
    if e.asked_type in figure_types and e.value:
        value = english_figure(e.value) if d.lang == "en" else e.value
        text = leads[e.asked_type].format(value=value) + (leads["aggregate"] if e.aggregate else "")
    elif e.asked_type == "yes_no" and not d.alternative and d.permission and e.permission:
        text = leads["yes_no_negated" if e.negated else "yes_no"]
    else:
        return ""
    if _elsewhere(e.region, d.regions):
        text = leads["other_region"].format(region=e.region) + text
    if not text.endswith((".", "。")):
        text += "。"
    return text


def english_figure(value: str) -> str:
    """350万元 → 3,500,000 yuan; 20个工作日 → 20 working days (the number stays the clause's value)."""
    out, last = [], 0
    for n in find_numbers(value):
        out.append(value[last : n.start])
        out.append(f"{n.value:,.0f}" if n.value == int(n.value) else f"{n.value:g}")
        last = n.end
    text = "".join([*out, value[last:]])
    for zh, en in wording()["en_units"]:
        text = text.replace(zh, en)
    return text.strip()


def _elsewhere(region: str, asked: list[str]) -> bool:
    """The sentence's region is not the asked one (a province's rule for a county, a county's for its prefecture)."""
    if not asked or not region:
        return False
    g = gazetteer()
    own = g.find(region)
    specific = [r for r in own if not any(r in g.ancestors(o) for o in own if o != r)]
    return not any(o in asked for o in specific)


def _support(d: PolicyData, e: Evidence, rule: dict[str, float]) -> ToolHit | None:
    """One more clause that scores close to the answer's, of the asked region, with a different sentence."""
    if rule["max"] < 1 or not d.hits:
        return None
    top = max(h.score for h in d.hits)
    refs_title = next((h.title for h in d.hits if h.chunk_id == e.chunk_id), "")
    for h in d.hits:
        if h.chunk_id == e.chunk_id or h.region_match is False or h.sentence.strip() == e.sentence or is_noise(h.sentence):
            continue
        if h.title != refs_title:  # a supporting clause of the same document, not a neighbour's rule
            continue
        if h.score >= rule["min_relative_score"] * top:
            return h
    return None
