"""低收入人口动态监测: households near the dibao line, or hit by a shock, are referred for monitoring."""

from __future__ import annotations

from . import bases as b
from .citations import basis
from .context import Context, guidance
from .dibao import STATUS_QUESTION, edge_step
from .linshi import EVENT_QUESTION, HARDSHIP_QUESTION
from .logic import Check, Tri, and3, not3, or3
from .parameters import caller_parameter
from .results import ProgramResult

MONITORING_IM = basis("monitoring_im")


def check_monitoring(ctx: Context) -> ProgramResult:
    c = Check("low_income_monitoring", ctx)
    h = ctx.h
    not_dibao = not3(h.status.dibao)
    c.step(
        "目前不是低保对象",
        not_dibao,
        plain="家里现在没有领低保",
        value={True: "现为低保对象", False: "不是低保对象", None: "未知"}[h.status.dibao],
        basis=ctx.cite(b.MONITORING_OPINION, MONITORING_IM),
        note="低保家庭作为低保对象另行管理。",
    )
    if not_dibao is None:
        c.ask("status.dibao", STATUS_QUESTION)
    edge = edge_step(c, ctx)
    local = _local_line(c, ctx)
    shock = _shock_step(c, ctx)
    trigger = or3(edge, local, shock)
    if trigger is not None:
        # once one route decides, the questions for the other routes do not matter
        c.missing = [m for m in c.missing if m.field == "status.dibao"]
    if h.status.monitored:
        c.note("家庭已是防止返贫监测对象。")
    if ctx.below_standard() and not h.status.dibao:
        c.note("人均收入已低于低保标准，建议同时申请低保。")
    return c.finish(and3(not_dibao, trigger))


def _local_line(c: Check, ctx: Context) -> Tri:
    line = ctx.param("low_income_monitoring_threshold_yearly")
    supplied = ctx.h.local_parameters.low_income_monitoring_threshold_yearly
    if line is None and supplied is not None:
        line = caller_parameter(
            "low_income_monitoring_threshold_yearly", "低收入人口动态监测收入线", "元/人·年", supplied,
            b.MONITORING_OPINION,
        )
        c.used(line.name)
    if line is None:
        return False  # no local income line: only the edge and shock routes apply
    passed = ctx.income.below(line.value)
    c.step(
        "家庭人均收入低于当地监测收入线",
        passed,
        plain="全家每人每年的收入低于当地的监测线",
        value=ctx.income.shown(),
        threshold=line.value,
        unit="元/人·年",
        basis=ctx.cite(line),
        note=f"{line.label}（{line.provenance()}）",
        caller_supplied=line.caller_supplied,
    )
    if passed is None:
        c.ask_all(ctx.income.unknown)
    return passed


def _shock_step(c: Check, ctx: Context) -> Tri:
    """Large rigid spending or a sharp income drop counts only where it leaves basic living in severe difficulty."""
    event = ctx.h.event
    happened: Tri = None if event is None else event.kind != "none"
    hardship: Tri = False if happened is False else (None if event is None else event.severe_hardship)
    shock = and3(happened, hardship)
    kind = "未知" if event is None else guidance()["labels"]["event"][event.kind]
    severe = {True: "基本生活严重困难", False: "未导致基本生活严重困难", None: "是否导致基本生活严重困难未知"}[hardship]
    c.step(
        "因病、因灾、因意外等刚性支出较大或收入大幅缩减，导致基本生活出现严重困难",
        shock,
        plain="家里遇到重病、灾害、意外，开支大增或收入大减，基本生活出现严重困难",
        value=kind if happened is False else f"{kind}；{severe}",
        basis=ctx.cite(b.MONITORING_OPINION, MONITORING_IM),
    )
    if happened is None:
        c.ask("event", EVENT_QUESTION)
    elif happened and hardship is None:
        c.ask("event.severe_hardship", HARDSHIP_QUESTION)
    return shock
