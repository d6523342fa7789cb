"""临时救助: a sudden event or spending surge that leaves basic living temporarily in severe difficulty."""

from __future__ import annotations

from . import bases as b
from .citations import basis
from .context import QUESTIONS, Context, guidance
from .logic import Check, Tri, and3
from .results import ProgramResult

NOT_DIBAO_FN = basis("not_dibao_linshi_fn")
NO_HUKOU_RJ = basis("no_hukou_rj")
FIRST_AID_FN = basis("first_aid_fn")
CASE_BY_CASE_FN = basis("case_by_case_fn")
CASE_BY_CASE_IM = basis("case_by_case_im")

EVENT_QUESTION = QUESTIONS["event"]
HARDSHIP_QUESTION = QUESTIONS["hardship"]


def check_linshi(ctx: Context) -> ProgramResult:
    c = Check("linshi", ctx)
    event = ctx.h.event
    happened: Tri = None if event is None else event.kind != "none"
    kind = "未知" if event is None else guidance()["labels"]["event"][event.kind]
    c.step(
        "遭遇突发事件、意外或必需支出突然增加",
        happened,
        plain="家里遇到了火灾、车祸、突发重病、灾害等意外，或者必需的开支突然大增",
        value=kind,
        basis=ctx.cite(b.SHJZ_LINSHI, NOT_DIBAO_FN),
    )
    if happened is None:
        c.ask("event", EVENT_QUESTION)
    hardship: Tri = False if happened is False else (None if event is None else event.severe_hardship)
    if happened is not False:
        c.step(
            "基本生活暂时出现严重困难",
            hardship,
            plain="这件事让家里的基本生活一时难以维持",
            value=hardship,
            basis=ctx.cite(b.SHJZ_LINSHI),
        )
        if hardship is None and happened:
            c.ask("event.severe_hardship", HARDSHIP_QUESTION)
    outcome = and3(happened, hardship)
    if outcome is not False:
        _notes(c, ctx)
    return c.finish(outcome)


def _notes(c: Check, ctx: Context) -> None:
    event = ctx.h.event
    if event is not None and event.in_home_region is False:
        c.note("急难发生在户籍地以外：可以直接向急难发生地的乡镇人民政府（街道办事处）申请，不受户籍限制。")
        c.refer(ctx.cite(b.LINSHI_NOTICE, NO_HUKOU_RJ))
    c.note("情况紧急的，可以先行救助，事后补齐手续。")
    c.refer(ctx.cite(b.LINSHI_NOTICE, FIRST_AID_FN, NO_HUKOU_RJ))
    major = ctx.cite(CASE_BY_CASE_FN, CASE_BY_CASE_IM)
    if major:
        c.note("遇到重大生活困难的，可以“一事一议”，适当提高救助额度。")
        c.refer(major)
