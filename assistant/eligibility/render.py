"""Two renderings of one ScreeningResult: for a caseworker and for a citizen (plain text / markdown)."""

from __future__ import annotations

from indexer.models import Citation

from .citations import unresolved
from .citizen import citizen_view
from .context import guidance, yes_no
from .logic import fmt
from .results import ProgramResult, ScreeningResult, Step

MARK = {True: "✔", False: "✘", None: "？"}
CHECK_GLOSS = "家庭经济状况核对（民政部门经本人授权，查询家庭成员的收入、存款、房产、车辆等信息）"


def _value(value: object) -> str:
    if value is None or isinstance(value, bool):
        return yes_no(value)
    if isinstance(value, float):
        return fmt(value)
    return str(value)


def _value_any(value: object) -> str:
    if isinstance(value, list):
        return "、".join(_value_any(v) for v in value)
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return _value(value)


def _citation(c: Citation) -> str:
    if not c.in_corpus:
        return c.label()
    if unresolved(c):
        return f"《{c.title}》「{c.quote}」（未在已索引文件中找到原文，未能核对）"
    chunk = f"〔{c.chunk_id}〕" if c.chunk_id else ""
    return f"{c.label()}{chunk}「{c.quote}」"


# ---- caseworker ---------------------------------------------------------------------------------------
def render_caseworker(result: ScreeningResult) -> str:
    labels = guidance()["labels"]
    area = labels["area"].get(result.area or "", "城乡类别未知")
    facts = "申报（未核实）" if result.declared_facts else "已核实"
    lines = [
        "# 社会救助预审结果（经办人员版）",
        f"地区：{result.region}　类别：{area}　日期：{result.date.isoformat()}　事实：{facts}",
    ]
    if result.summary is not None:
        lines.append(f"汇总：{result.summary.headline}")
        lines += [f"- {t}" for t in result.summary.not_stacked]
    lines += [f"⚠ {w}" for w in result.warnings]
    if result.income is not None:
        lines.append(f"人均可计收入：{result.income.formula}")
    for use in result.parameters:
        other = f"；另：{_value_any(use.other.value)}（{use.other.provenance}）" if use.other else ""
        lines.append(f"参数：{use.label} = {_value_any(use.used.value)} {use.unit}（{use.used.provenance}）{other}。{use.reason}")
    if result.overrides:
        lines.append("假设（what-if）：" + "，".join(f"{k}={_value_any(v)}" for k, v in result.overrides.items()))
    lines.append("")
    for n, program in enumerate(result.results, 1):
        lines += _program_caseworker(n, program, labels["status_caseworker"][program.status])
    lines += [f"- {note}" for note in [*result.notes, result.facts_note]]
    lines += ["", f"> {result.disclaimer}"]
    return "\n".join(lines)


def _program_caseworker(n: int, p: ProgramResult, status: str) -> list[str]:
    who = f"（对象：{'、'.join(p.persons)}）" if p.persons else ""
    lines = [f"## {n}. {p.title} [{p.program}] — {status}{who}"]
    for i, step in enumerate(p.steps, 1):
        lines += _step_caseworker(i, step)
    if p.estimate:
        lines.append(f"- 测算：{p.estimate.formula}" + (f"（{p.estimate.note}）" if p.estimate.note else ""))
        lines += [f"  依据：{_citation(c)}" for c in p.estimate.basis]
    blocking = [m for m in p.missing if not m.optional]
    optional = [m for m in p.missing if m.optional]
    if blocking:
        lines.append(guidance()["missing_heading"])
        lines += [f"  - {m.question}（{m.field}）" for m in blocking]
    if optional:
        lines.append(guidance()["optional_heading"])
        lines += [f"  - {m.question}（{m.field}）" for m in optional]
    lines += [f"- 备注：{note}" for note in p.notes]
    if p.caller_supplied:
        lines.append(f"- 调用方提供的参数（未经核实）：{'、'.join(p.caller_supplied)}")
    if p.references:
        lines.append("- 其他依据：")
        lines += [f"  - {_citation(c)}" for c in p.references]
    lines.append(f"- 办理：{p.next_steps[0]}" if p.next_steps else "- 办理：—")
    lines += [f"  {s}" for s in p.next_steps[1:]]
    lines.append("")
    return lines


def _step_caseworker(i: int, step: Step) -> list[str]:
    who = f"[{step.subject}] " if step.subject else ""
    compared = _value(step.value)
    if step.threshold is not None:
        compared += f" vs {_value(step.threshold)}"
    unit = f" {step.unit}" if step.unit else ""
    caller = "（调用方提供参数）" if step.caller_supplied else ""
    lines = [f"  {i}. {MARK[step.passed]} {who}{step.what}：{compared}{unit}{caller}"]
    if step.note:
        lines.append(f"     说明：{step.note}")
    lines += [f"     依据：{_citation(c)}" for c in step.basis]
    return lines


# ---- citizen -----------------------------------------------------------------------------------------
def render_citizen(result: ScreeningResult) -> str:
    """Likely programs first (for whom, about how much, where to apply), income beside the standard, at most a
    few merged questions; a sub-condition that failed is never shown as if the household failed overall."""
    view = citizen_view(result)
    lines = [f"您家的初步筛查结果（{view.region}）", view.headline]
    if view.lines:
        lines.append("")
    for line in view.lines:
        amount = f"，大约每月{fmt(line.monthly)}元（全年约{fmt(line.yearly)}元，以审批为准）" if line.monthly else ""
        lines += [f"■ {line.title}：{line.who}{amount}", *(f"  {s}" for s in line.next_steps)]
    if view.lines:
        lines.append(view.lines[0].help)
    if view.income is not None:
        lines += ["", view.income.text] + ([view.income.standard_note] if view.income.standard_note else [])
    lines += view.not_stacked
    if view.questions:
        lines += ["", "还想请您回答（不清楚的可以不答）："]
        for n, q in enumerate(view.questions, 1):
            who = f"（{'、'.join(m.label for m in q.members)}）" if q.members else ""
            lines.append(f"{n}. {q.text}{who}")
    others = [p for p in view.programs if not p["likely"] and p["status"] == "does_not_meet"]
    if others:
        lines += ["", "目前看不符合：" + "、".join(p["title"] for p in others)]
    lines += [
        "",
        "请注意：",
        f"- {result.facts_note}",
        "- 这只是初步筛查，不是审批结果。是否符合条件、能领多少钱，要由民政部门在"
        f"{CHECK_GLOSS}之后审核确认。",
    ]
    lines += [f"- {note}" for note in view.notes]
    return "\n".join(lines)


# ---- numeric trace ------------------------------------------------------------------------------------
def render_trace(result: ScreeningResult) -> str:
    """The computation tree: income with its formula, the parameters that decided, every comparison as numbers."""
    lines = [f"预审计算过程 {result.region} {result.date.isoformat()}"]
    if result.income is not None:
        inc = result.income
        high = "未知" if inc.per_capita_high is None else fmt(inc.per_capita_high)
        gross = "未知" if inc.gross_yearly is None else fmt(inc.gross_yearly)
        lines += [
            "├─ 人均可计收入",
            f"│  ├─ 公式：{inc.formula}",
            f"│  ├─ 成员 {inc.members} 人；总收入 {gross}；已扣减 {fmt(inc.deducted_yearly)}",
            f"│  └─ 人均范围 [{fmt(inc.per_capita_low)}, {high}] 元/人·年"
            + ("（扣减项未知，不影响结果，未计入）" if inc.deductions_ignored else ""),
        ]
    if result.parameters:
        lines.append("├─ 参数")
        for use in result.parameters:
            other = f"；另有 {_value(use.other.value)}（{use.other.provenance}）" if use.other else ""
            lines.append(f"│  ├─ {use.label} = {_value(use.used.value)} {use.unit}（{use.used.provenance}）{other} — {use.reason}")
    if result.overrides:
        lines.append("├─ 假设（what-if）：" + "，".join(f"{k}={_value(v)}" for k, v in result.overrides.items()))
    for p in result.results:
        lines.append(f"├─ {p.program} {p.title}: {p.status}")
        for step in p.steps:
            who = f"[{step.subject}] " if step.subject else ""
            value = _value(step.value)
            if step.low is not None and step.high != step.low:
                value += f" ∈ [{fmt(step.low)}, {'∞' if step.high is None else fmt(step.high)}]"
            cmp = f" vs {_value(step.threshold)}" if step.threshold is not None else ""
            lines.append(f"│  ├─ {MARK[step.passed]} {who}{step.what}: {value}{cmp} {step.unit}".rstrip())
        if p.estimate:
            lines.append(f"│  └─ 测算 {p.estimate.formula}")
    if result.summary is not None:
        lines.append(f"└─ 汇总：{result.summary.headline}")
    return "\n".join(lines)


def render(result: ScreeningResult, audience: str = "citizen") -> str:
    if audience == "caseworker":
        return render_caseworker(result)
    if audience == "citizen":
        return render_citizen(result)
    raise ValueError(f"audience must be 'citizen' or 'caseworker', not {audience!r}")
