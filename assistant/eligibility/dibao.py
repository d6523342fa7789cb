"""最低生活保障: whole household, "单人户" for the low-income edge, and the gradual-exit period."""

from __future__ import annotations

from indexer.models import Citation

from . import bases as b
from .citations import basis
from .context import ASSETS_QUESTION, QUESTIONS, Context, guidance, member_question, yes_no
from .facts import at_least, describe_disability, grade_within
from .logic import Check, Tri, and3, fmt, money, not3, or3, unique
from .models import Member
from .parameters import Parameter
from .results import Estimate, ProgramResult

DIBAO_IM = basis("dibao_im")
SINGLE_IM = basis("single_person_im")
SINGLE_GX = basis("single_person_gx")
EXIT_IM = basis("gradual_exit_im")
EXIT_FN = basis("gradual_exit_fn")

STATUS_QUESTION = QUESTIONS["on_dibao"]


def income_step(c: Check, ctx: Context, what: str, plain: str, passed: Tri, *extra_basis) -> None:
    """The income-versus-standard comparison, asking for whatever keeps it open."""
    std = ctx.household_standard()
    income = ctx.income
    deducting = any(
        amount != 0
        for amount in (ctx.h.income_excluded_yearly, ctx.h.rigid_expenses_yearly, ctx.h.employment_costs_yearly)
    )
    note = f"收入核算：{income.formula}"
    if std is not None:
        note += f"；标准：{std.label}（{std.provenance()}）"
        if std.note:
            note += f"，{std.note}"
        if std.caller_supplied:
            c.used(std.name)
    c.step(
        what,
        passed,
        plain=plain,
        value=income.shown(),
        threshold=std.value if std is not None else None,
        unit="元/人·年",
        basis=ctx.cite(*extra_basis, std, *(b.DEDUCTIONS if deducting else ())),
        note=note,
        caller_supplied=bool(std and std.caller_supplied),
        low=money(income.low),
        high=money(income.high) if income.high is not None else None,
    )
    if income.deductions_ignored:
        c.note("扣减项未知，但未扣减的人均收入已不低于低保边缘线，未计入扣减也不影响结果。")
    if passed is None:
        if std is None:
            c.ask_all(ctx.standard_questions())
        c.ask_all(income.unknown)


def assets_step(c: Check, ctx: Context, *basis) -> Tri:
    passed = ctx.h.assets_within_limit
    c.step(
        "家庭财产状况符合当地规定",
        passed,
        plain="家里的存款、车辆、房产等在当地规定的限额以内",
        value=passed,
        basis=ctx.cite(*basis),
    )
    if passed is None:
        c.ask("assets_within_limit", ASSETS_QUESTION)
    return passed


def check_dibao(ctx: Context) -> ProgramResult:
    if "dibao" not in ctx.cache:
        ctx.cache["dibao"] = _dibao(ctx)
    return ctx.cache["dibao"]


def _dibao(ctx: Context) -> ProgramResult:
    c = Check("dibao", ctx)
    below = ctx.below_standard()
    area = guidance()["labels"]["area"].get(ctx.h.area or "", "")
    income_step(
        c, ctx, f"家庭人均可计收入低于当地{area}低保标准", "全家每人每年的收入低于当地低保标准", below,
        b.SHJZ_DIBAO, DIBAO_IM,
    )
    assets = assets_step(c, ctx, b.SHJZ_DIBAO)
    outcome = and3(below, assets)
    estimate = _estimate(c, ctx) if outcome else None
    return c.finish(outcome, estimate=estimate)


def _estimate(c: Check, ctx: Context) -> Estimate | None:
    std = ctx.household_standard()
    income = ctx.income
    if std is None or income.high is None:
        return None
    n = len(ctx.h.members)
    months = ctx.months()
    yearly = money((std.value - income.high) * n)
    monthly = money(yearly / months)
    formula = (
        f"（低保标准{fmt(std.value)} − 人均可计收入{fmt(income.high)}）× {n}人 = {fmt(yearly)} 元/年；"
        f"{fmt(yearly)} ÷ {months} = {fmt(monthly)} 元/月"
    )
    note = "" if income.exact else "部分扣减项未知，按未扣减的收入测算，实际金额可能更高。"
    basis = ctx.cite(std)
    if std.caller_supplied:
        note = " ".join(filter(None, [note, f"低保标准为{std.provenance()}。"]))
    if ctx.h.area == "rural":
        tiers, tier_basis = _tiers(c, ctx, (std.value - income.high) / months)
        note = " ".join(filter(None, [note, tiers]))
        basis += tier_basis
    return Estimate(yearly=yearly, monthly=monthly, formula=formula, note=note, basis=unique(basis))


def _tiers(c: Check, ctx: Context, gap_per_person_month: float) -> tuple[str, list[Citation]]:
    tiers = ctx.param("rural_dibao_topup_tiers_monthly")
    if tiers is None:
        return "", []
    basis = ctx.cite(tiers)
    c.refer(basis)
    text = (
        f"当地实行分档补差（{'、'.join(fmt(t) for t in tiers.value)}{tiers.unit}），"
        f"按差额测算约每人每月{fmt(gap_per_person_month)}元，具体档次由乡镇审核确定。"
    )
    up = ctx.param("dibao_tier_up_disability")
    if up is not None:
        rule = up.value
        for m in ctx.h.members:
            dis = m.disability
            if dis and dis.category in rule["categories"] and dis.grade == rule["grade"] and dis.certified:
                label = guidance()["labels"]["category"][dis.category]
                c.note(f"{ctx.member_label(m)}为{dis.grade}级{label}残疾：{up.label}（{up.provenance()}）。")
                c.refer(ctx.cite(up))
    return text, basis


def check_single_person(ctx: Context) -> ProgramResult:
    c = Check("dibao_single_person", ctx)
    h = ctx.h
    below = ctx.below_standard()
    whole_fails = not3(below)
    income_step(
        c, ctx, "整户人均可计收入不低于低保标准（整户不符合低保）", "全家按整户算不符合低保", whole_fails,
        b.DIBAO_REVIEW,
    )
    if below is True:
        c.note("整户人均收入已低于低保标准，应按整户申请低保，不需要按“单人户”。")
    edge = edge_step(c, ctx)
    assets = assets_step(c, ctx, b.EDGE_RULES)
    persons, anyone = _special_members(c, ctx)
    outcome = and3(whole_fails, edge, assets, anyone)
    if outcome:
        c.note("“单人户”须依本人申请；保障金额按当地规定确定。")
    if h.status.dibao:
        c.note("家庭目前已是低保对象。")
    return c.finish(outcome, persons=persons if outcome else ())


def edge_step(c: Check, ctx: Context) -> Tri:
    line, local, std = ctx.edge_line()
    edge = ctx.below_edge()
    supplied = [p for p in (local, std) if p is not None and p.caller_supplied]
    for parameter in supplied:
        c.used(parameter.name)
    income = ctx.income
    c.step(
        "家庭人均可计收入低于低保边缘标准（低保边缘家庭）",
        edge,
        plain="全家每人每年的收入虽然不低于低保标准，但仍然偏低",
        value=income.shown(),
        threshold=line,
        unit="元/人·年",
        # the edge rule, the line or ratio (from the table, or caller-supplied) and the standard it multiplies
        basis=ctx.cite(b.EDGE_RULES, local, std),
        note=_edge_note(local, std, line),
        caller_supplied=bool(supplied),
        low=money(income.low),
        high=money(income.high) if income.high is not None else None,
    )
    if edge is None:
        if std is None and line is None:
            c.ask_all(ctx.standard_questions())
        c.ask_all(income.unknown)
    return edge


def _edge_note(local: Parameter | None, std: Parameter | None, line: float | None) -> str:
    standard = f"低保标准：{std.label}（{std.provenance()}）" if std is not None else ""
    if local is None:
        return standard
    if local.name == "low_income_edge_line_yearly":
        return "；".join(filter(None, [f"边缘标准 = {local.label}{fmt(local.value)}元（{local.provenance()}）", standard]))
    shown = f" = {fmt(line)}元" if line is not None else ""
    return "；".join(filter(None, [f"边缘标准 = 倍数{fmt(local.value)}（{local.provenance()}）× 低保标准{shown}", standard]))


def _special_members(c: Check, ctx: Context) -> tuple[list[str], Tri]:
    """Members who may be included alone: serious illness, severe disability, regional extras."""
    h = ctx.h
    severe = ctx.rule("severe_disability_max_grade")
    priority = ctx.param("single_person_priority_care")
    elderly = ctx.param("single_person_elderly_min_age")
    labels = guidance()["labels"]["category"]
    persons: list[str] = []
    outcomes: list[Tri] = []
    for i, m in enumerate(h.members):
        label = ctx.member_label(m)
        routes: list[Tri] = [m.serious_illness, grade_within(m.disability, severe.value)]
        parts = [f"重病：{yes_no(m.serious_illness)}", describe_disability(m.disability, labels)]
        basis = ctx.cite(b.DIBAO_REVIEW, severe, SINGLE_IM)
        if priority is not None:
            routes.append(m.priority_care_recipient)
            parts.append(f"重点优抚对象：{yes_no(m.priority_care_recipient)}")
            basis += ctx.cite(priority)
        if elderly is not None:
            routes.append(and3(h.status.poverty_alleviated, at_least(m.age, elderly.value)))
            parts.append(f"脱贫人口且年满{elderly.value}周岁：{yes_no(routes[-1])}")
            basis += ctx.cite(elderly, SINGLE_GX)
        passed = or3(*routes)
        c.step(
            "重病、重残等特殊困难人员",
            passed,
            plain="这位家庭成员患有重病或属于重度残疾等特别困难的情况",
            subject=label,
            value="；".join(parts),
            basis=basis,
        )
        if passed is None:
            _ask_member(c, ctx, i, m, priority is not None, elderly is not None)
        if passed:
            persons.append(str(m.id))
        outcomes.append(passed)
    return persons, or3(*outcomes)


def _ask_member(c: Check, ctx: Context, i: int, m: Member, priority: bool, elderly: bool) -> None:
    label = ctx.member_label(m)
    if m.serious_illness is None:
        c.ask(f"members[{i}].serious_illness", member_question("serious_illness", label))
    dis = m.disability
    if dis is None or (not dis.none and (dis.grade is None or dis.certified is None or dis.category in (None, "multiple"))):
        c.ask(f"members[{i}].disability", member_question("disability_certificate", label))
    if priority and m.priority_care_recipient is None:
        c.ask(f"members[{i}].priority_care_recipient", member_question("priority_care", label))
    if elderly:
        if ctx.h.status.poverty_alleviated is None:
            c.ask("status.poverty_alleviated", QUESTIONS["poverty_alleviated"])
        if m.age is None:
            c.ask(f"members[{i}].age", member_question("age", label))



def check_gradual_exit(ctx: Context) -> ProgramResult:
    c = Check("dibao_gradual_exit", ctx)
    on_dibao = ctx.h.status.dibao
    c.step(
        "目前为低保家庭",
        on_dibao,
        plain="家里现在正在领低保",
        value=on_dibao,
        basis=ctx.cite(b.REFORM_OPINION, EXIT_IM, EXIT_FN),
    )
    if on_dibao is None:
        c.ask("status.dibao", STATUS_QUESTION)
    above = not3(ctx.below_standard())
    income_step(
        c, ctx, "家庭人均可计收入已不低于低保标准", "家里每人每年的收入已经超过低保标准", above,
        b.REFORM_OPINION, EXIT_IM, EXIT_FN,
    )
    outcome = and3(on_dibao, above)
    months = ctx.param("dibao_gradual_exit_max_months")
    if months is not None:
        c.note(f"{months.region}：{months.label}为{months.value}{months.unit}（{months.provenance()}）。")
        c.refer(ctx.cite(months))
    else:
        c.note("渐退期限按当地规定（“一定时间”），各地分类分档确定。")
    c.note("渐退适用于因就业、增收使收入超过标准的家庭；收入因其他原因变化的，以当地规定为准。")
    return c.finish(outcome)
