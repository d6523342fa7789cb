"""Extractive answers from tool results, for the offline model: quoted clause sentences with their
reference numbers, screening results with their bases, the engine's follow-up questions, and quizzes
with their answer key."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from assistant.agent.lexicon import prompts
from assistant.agent.numbers import canonical, find_numbers
from assistant.agent.policy_answer import policy_answer, wording


@dataclass
class ToolOutput:
    name: str
    args: dict[str, Any]
    ok: bool
    data: dict[str, Any]  # parsed result when ok
    error: str = ""


def compose(outputs: list[ToolOutput]) -> str:
    """The answer for one turn: a screening first, then a parameter (the direct answer to "how much"),
    then the clauses found."""
    parts: list[str] = []
    order = ["make_quiz", "check_eligibility", "get_parameter", "search_policy", "get_clause"]
    # a figure the documents do not give for the asked year is not stated from the parameter table either
    wrong_year = any(o.ok and o.name == "search_policy" and o.data.get("no_basis_kind") == "year" for o in outputs)
    for out in sorted(outputs, key=lambda o: order.index(o.name) if o.name in order else len(order)):
        if wrong_year and out.name == "get_parameter":
            continue
        if not out.ok:
            parts.append(_failure(out))
        elif out.name == "search_policy":
            parts.append(_policy(out.data))
        elif out.name == "get_clause":
            parts.append(_clause(out.data))
        elif out.name == "get_parameter":
            parts.append(_parameter(out.data))
        elif out.name == "check_eligibility":
            parts.append(_screening(out.data))
        elif out.name == "make_quiz":
            parts.append(_quiz(out.data))
    return "\n\n".join(p for p in parts if p) or prompts()["texts"]["help"]


def _t(key: str) -> str:
    return prompts()["texts"][key]


# ---- policy -----------------------------------------------------------------------------------------
def _policy(data: dict[str, Any]) -> str:
    if data.get("no_basis"):
        reason = data.get("no_basis_reason", "")
        english = wording()["leads"]["en"]["no_basis_en"] + "\n" if data.get("lang") == "en" else ""
        return f"{english}{_t('no_basis')}：{reason}。{data.get('advice', _t('referral'))}"
    direct = policy_answer(data)
    if direct:
        return direct
    lines = [_t("policy_intro")]
    for hit in quoted_hits(data["hits"]):
        lines.append(f"- 《{hit['title']}》（{hit['region']}）：「{hit['sentence'].strip()}」[{hit['ref']}]")
    return "\n".join(lines)


def quoted_hits(hits: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The best hit and those scoring close to it; clauses of the asked region first when there are any."""
    if not hits:
        return []
    local = [h for h in hits if h.get("region_match") is not False]
    pool = local or hits
    q = prompts()["quotes"]
    top = pool[0].get("score", 0.0)
    chosen = [h for h in pool if h.get("score", 0.0) >= q["min_relative_score"] * top]
    return chosen[: q["max"]]


def _clause(data: dict[str, Any]) -> str:
    lines = [_t("clause_intro")]
    for c in data["clauses"]:
        mark = "**" if c.get("requested") else ""
        lines.append(f"- {mark}《{c['title']}》{c['heading']}：{c['text'].strip()}{mark}[{c['ref']}]")
    return "\n".join(lines)


def _parameter(data: dict[str, Any]) -> str:
    if not data.get("found"):
        return data.get("message", "")
    value = data["value"]
    if isinstance(value, dict):
        return ""  # structured rule values are explained by the screening, not quoted as a figure
    shown = "、".join(str(v) for v in value) if isinstance(value, list) else str(value)
    refs = data.get("refs", [])
    quotes = [q for q in (data.get("sources", {}).get(str(r), "") for r in refs) if q]
    if quotes and not all(_in(shown, q) for q in quotes):
        # a value the source words differently (1年 stored as 12个月) is shown in the source's words
        shown, unit = "「" + "」「".join(quotes) + "」", ""
    else:
        unit = data["unit"]
    # only the value and its source: dates and notes of the parameter table are not in the cited clause
    line = _t("parameter_line").format(label=data["label"], region=data["region"], value=shown, unit=unit)
    if data.get("average"):
        line += _t("average")
    return line + "".join(f"[{r}]" for r in refs) + "。"


def _in(value: str, quote: str) -> bool:
    wanted = {canonical(n.value) for n in find_numbers(value)}
    return bool(quote) and wanted <= {canonical(n.value) for n in find_numbers(quote)}


# ---- quiz ------------------------------------------------------------------------------------------
def _quiz(data: dict[str, Any]) -> str:
    """The items, each a paragraph with its options on their own lines (a numbered list would restart at
    every option block), then the answer key: answer, explanation and the clause's [n]."""
    lines = [f"**{data['title']}**（{_t('quiz_count').format(n=data['count'])}）"]
    for item in data["items"]:
        lines += ["", f"**{item['no']}.**（{item['type_name']}）{item['stem']}"]
        lines += [f"{letter}. {option}" for letter, option in zip("ABCDEFGH", item["options"], strict=False)]
    lines += ["", f"**{_t('quiz_key')}**"]
    for item in data["items"]:
        answer, explanation = item["answer"], item["explanation"].strip().rstrip("。")
        # a true/false explanation starts with its answer (错误，应为…)
        rest = explanation[len(answer) :] if explanation.startswith(answer) else "。" + explanation
        lines.append(f"{item['no']}. **{answer}**{rest}[{item['ref']}]。")
    notes = data.get("report", {}).get("notes", [])
    if notes:
        lines += ["", *[f"> {note}" for note in notes]]
    return "\n".join(lines)


# ---- screening --------------------------------------------------------------------------------------
def _screening(data: dict[str, Any]) -> str:
    labels = prompts()["status_labels"]
    # a conversation's screening carries its own summary of the household (ranges shown as ranges)
    lines = [f"**{_t('situation')}**{data.get('understood') or situation(data)}",
             *[f"> {problem}" for problem in data.get("dropped", [])], "", f"**{_t('screening')}**"]
    summary = data.get("summary") or {}
    if summary.get("headline"):
        # spec §5: lead with the reconciled summary; a program another one replaces is said once, here
        lines.append(summary["headline"] + "".join(summary.get("not_stacked") or []))
    failing, open_ = [], []
    for p in sorted(data["results"], key=lambda p: ("meets", "needs_info", "does_not_meet").index(p["status"])):
        if p["status"] == "does_not_meet":
            failing.append(p)
        elif p["status"] == "needs_info" and not any(s["passed"] for s in p["steps"]):
            open_.append(p)  # nothing settled yet: named in one line, the questions below say what is missing
        else:
            lines.append(_program_line(p, labels[p["status"]], data.get("sources", {})))
    if open_:
        lines.append(f"- {_t('undecided')}{'；'.join(p['title'] for p in open_)}")
    if failing:
        # the failing step is named by its condition, so say it is the unmet one
        names = "；".join(f"{p['title']}（{_t('unmet')}{_failed(p)}）" for p in failing)
        lines.append(f"- {_t('not_meeting')}{names}")
    shown = data.get("follow_up", [])[: prompts()["follow_up_shown"]]
    if shown:
        lines += ["", f"**{_t('follow_up_header')}**", *[f"- {q}" for q in shown]]
    lines += ["", f"> {data['disclaimer']}"]
    return "\n".join(lines)


def _program_line(p: dict[str, Any], status: str, sources: dict[str, Any]) -> str:
    parts = [f"- **{p['title']}**：{status}"]
    several = len({s.get("subject") for s in p["steps"]}) > 1
    passed = _whats(p, True, several)
    unknown = _whats(p, None, several)
    if passed:
        parts.append(_t("passed") + "；".join(passed))
    if unknown:
        parts.append(_t("unknown") + "；".join(unknown))
    if p.get("estimate"):
        parts.append(_t("estimate") + p["estimate"]["formula"])
    refs = list(dict.fromkeys(r for s in p["steps"] if s["passed"] is not None for r in s["refs"]))
    quotes = [f"「{sources[str(r)]}」[{r}]" for r in refs if sources.get(str(r))]
    plain = [f"[{r}]" for r in refs if not sources.get(str(r))]
    if refs:
        parts.append(_t("basis") + "：" + "".join(plain) + ("；" if plain and quotes else "") + "；".join(quotes))
    return "。".join(parts) + "。"


def _whats(p: dict[str, Any], passed: bool | None, several: bool) -> list[str]:
    """Checks with this outcome, each once; named by person when the program looks at several."""
    items = [f"{s['what']}（{s['subject']}）" if several and s.get("subject") else s["what"]
             for s in p["steps"] if s["passed"] is passed]
    return list(dict.fromkeys(items))


def _failed(p: dict[str, Any]) -> str:
    return "；".join(dict.fromkeys(s["what"] for s in p["steps"] if s["passed"] is False))


def situation(data: dict[str, Any]) -> str:
    """The household as understood, in words, so the user can correct it."""
    t = prompts()["texts"]
    fields = t["fields"]
    h = data.get("household") or {}
    bits = [data.get("region") or ""]
    if h.get("area"):
        bits.append(t["area"][h["area"]])
    for key in ("assets_within_limit",):
        if h.get(key) is not None:
            bits.append(fields[key][h[key]])
    status = h.get("status") or {}
    bits += [fields[k][status[k]] for k in ("dibao", "tekun") if status.get(k) is not None]
    if (h.get("event") or {}).get("kind"):
        bits.append(fields["event"].get(h["event"]["kind"], ""))
    people = []
    for m in h.get("members", []):
        facts = []
        if m.get("age") is not None:
            facts.append(fields["age"].format(value=m["age"]))
        if m.get("income_yearly") is not None:
            facts.append(fields["income_yearly"].format(value=_num(m["income_yearly"])))
        dis = m.get("disability")
        if dis:
            grade = f"{dis['grade']}级" if dis.get("grade") else ""
            cert = fields["certified"].get(dis.get("certified"), "")
            kind = t["category"].get(dis.get("category") or "", "")
            facts.append(kind if dis.get("category") == "none" else f"{kind}残疾{grade}{'（' + cert + '）' if cert else ''}")
        for key in ("serious_illness", "needs_long_term_care", "legal_supporters", "student"):
            if m.get(key) is not None:
                facts.append(fields[key][m[key]])
        people.append(f"{m.get('id', '')}：{'，'.join(facts) or t['member_unknown']}")
    return "，".join(b for b in bits if b) + ("；" if people else "") + "；".join(people) + "。"


def _num(value: float) -> str:
    return f"{value:g}" if value != int(value) else str(int(value))


def _failure(out: ToolOutput) -> str:
    error = out.error.removeprefix("错误：")
    if out.name == "make_quiz":
        return f"{_t('quiz_failed')}{error}"
    if out.name == "check_eligibility":
        if "家庭成员" in error:
            return _t("member_none")
        return f"{_t('input_error')}{error}"
    return f"{_t('tool_failed')}{error}"
