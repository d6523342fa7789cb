"""残疾人两项补贴: living subsidy (dibao households, wider in 内蒙古) and care subsidy (severe, long-term care)."""

from __future__ import annotations

from collections.abc import Callable

from . import bases as b
from .citations import basis
from .context import QUESTIONS, Context, guidance, member_question, yes_no
from .dibao import STATUS_QUESTION, check_dibao
from .facts import at_least, describe_disability, grade_within, has_disability, is_zero
from .logic import Check, Tri, and3, or3
from .models import Member
from .parameters import Parameter
from .results import ProgramResult

SUBSIDIES_FN = basis("subsidies_fn")
TIERS = {"meets": True, "does_not_meet": False, "needs_info": None}

MemberCheck = Callable[[Check, Context, int, Member, str], Tri]


def check_living_subsidy(ctx: Context) -> ProgramResult:
    # the household must be in dibao: when it is not and cannot be, no member's disability can change the result
    return _per_disabled_member("disability_living_subsidy", ctx, _living, household_decides=True)


def check_care_subsidy(ctx: Context) -> ProgramResult:
    return _per_disabled_member("disability_care_subsidy", ctx, _care)


def _per_disabled_member(
    program: str, ctx: Context, member_check: MemberCheck, household_decides: bool = False
) -> ProgramResult:
    c = Check(program, ctx)
    persons: list[str] = []
    outcomes: list[Tri] = []
    for i, m in enumerate(ctx.h.members):
        label = ctx.member_label(m)
        disabled = has_disability(m)
        if disabled is False:
            continue
        probe = Check(program, ctx)
        if disabled is None and household_decides and member_check(probe, ctx, i, m, label) is False:
            # §1: only a deciding unknown gives needs_info. The member fails on the household's facts whatever
            # the disability (§3.7: not, and not able to be, a dibao household), so it cannot change that: the
            # failing steps are shown, no question is asked
            c.steps.extend(probe.steps)
            for text in probe.notes:
                c.note(text)
            outcomes.append(False)
            continue
        if disabled is None:
            c.step(
                "是否为残疾人",
                None,
                plain="这位家庭成员是否有残疾",
                subject=label,
                value="未知",
                basis=ctx.cite(b.DISABILITY_SUBSIDIES, SUBSIDIES_FN),
            )
            c.ask(f"members[{i}].disability", member_question("disability_any", label))
            outcomes.append(None)
            continue
        passed = and3(_certificate(c, ctx, i, m, label), member_check(c, ctx, i, m, label))
        outcomes.append(passed)
        if passed:
            persons.append(str(m.id))
    if not outcomes:
        c.step(
            "家庭中有残疾人", False, plain="家里有残疾人", value="无", basis=ctx.cite(b.DISABILITY_SUBSIDIES, SUBSIDIES_FN)
        )
    return c.finish(or3(*outcomes), persons=persons)


def _certificate(c: Check, ctx: Context, i: int, m: Member, label: str) -> Tri:
    dis = m.disability
    certified = dis.certified if dis is not None else None
    c.step(
        "持有残疾人证",
        certified,
        plain="已经办了残疾人证",
        subject=label,
        value=describe_disability(dis, guidance()["labels"]["category"]),
        basis=ctx.cite(b.DISABILITY_SUBSIDIES, SUBSIDIES_FN),
    )
    if certified is None:
        c.ask(f"members[{i}].disability.certified", member_question("certified", label))
    if certified is False:
        c.note(f"{label}需先到县级残联办理残疾人证。")
    return certified


def _living(c: Check, ctx: Context, i: int, m: Member, label: str) -> Tri:
    dibao = check_dibao(ctx)
    screened = TIERS[dibao.status]
    in_dibao = or3(ctx.h.status.dibao, screened)
    c.step(
        "所在家庭为低保家庭",
        in_dibao,
        plain="家里在领低保，或者按前面的预审可以申请低保",
        subject=label,
        value=f"现为低保对象：{yes_no(ctx.h.status.dibao)}；低保预审：{guidance()['labels']['status_caseworker'][dibao.status]}",
        basis=ctx.cite(b.DISABILITY_SUBSIDIES, SUBSIDIES_FN),
    )
    if in_dibao is None:
        if ctx.h.status.dibao is None:
            c.ask("status.dibao", STATUS_QUESTION)
        c.ask_all(dibao.missing)
    if in_dibao and not ctx.h.status.dibao:
        c.note("以家庭纳入低保为前提：请同时申请低保。")
    extension = ctx.param("living_subsidy_extension")
    if extension is None or in_dibao is True:
        return in_dibao
    return or3(in_dibao, _extension(c, ctx, i, m, label, extension))


def _extension(c: Check, ctx: Context, i: int, m: Member, label: str, extension: Parameter) -> Tri:
    """内蒙古: rural without fixed income, low-income, 重残无业, 一户多残, 老残一体, 依老养残."""
    h = ctx.h
    elderly = ctx.rule("elderly_min_age")
    severe = ctx.rule("severe_disability_max_grade")
    rural: Tri = None if h.area is None else h.area == "rural"
    groups = {
        "rural_no_fixed_income": and3(rural, is_zero(m.income_yearly)),
        "rural_low_income": and3(rural, ctx.below_edge()),
        "severe_no_work": and3(grade_within(m.disability, severe.value), is_zero(m.income_yearly)),
        "multiple_disabled": _several_disabled(ctx),
        "elderly_disabled": at_least(m.age, elderly.value),
        "supported_by_elderly_parents": _elderly_parents(ctx, m, elderly.value),
    }
    groups = {k: v for k, v in groups.items() if k in extension.value}
    names = guidance()["labels"]["extension_group"]
    group = or3(*groups.values())
    # every group is a 困难 group: the household is below the edge line or has no fixed income at all
    hardship = or3(ctx.below_edge(), is_zero(ctx.income.gross))
    passed = and3(group, hardship)
    c.step(
        "属于扩面覆盖的残疾人困难群体（家庭困难：低于低保边缘线或无固定收入）",
        passed,
        plain="属于当地扩大补贴范围的困难残疾人（如农村无固定收入、一户多残、老残一体等），而且家庭收入低",
        subject=label,
        value="；".join(f"{names[k]}：{yes_no(v)}" for k, v in groups.items()) + f"；家庭困难：{yes_no(hardship)}",
        basis=ctx.cite(extension, elderly, b.EDGE_RULES),
        note=extension.note,
    )
    if passed is None and hardship is None and group is not False:
        line, _, std = ctx.edge_line()
        if line is None and std is None:
            c.ask_all(ctx.standard_questions())
        c.ask_all(ctx.income.unknown)
    if passed is None and group is None:
        if m.income_yearly is None:
            c.ask(f"members[{i}].income_yearly", member_question("fixed_income", label))
        if h.area is None:
            c.ask("area", QUESTIONS["area_hukou"])
        if m.age is None:
            c.ask(f"members[{i}].age", member_question("age", label))
    return passed


def _several_disabled(ctx: Context) -> Tri:
    states = [and3(has_disability(m), m.disability.certified if m.disability else None) for m in ctx.h.members]
    sure = sum(1 for s in states if s is True)
    possible = sum(1 for s in states if s is not False)
    if sure > 1:
        return True
    return False if possible <= 1 else None


def _elderly_parents(ctx: Context, m: Member, elderly_age: int) -> Tri:
    """依老养残: a parent of the disabled member, living in the household, is elderly."""
    parent_relations = {"self": ("parent",), "spouse": ("parent",), "child": ("self", "spouse")}
    wanted = parent_relations.get(m.relation or "", ())
    parents = [p for p in ctx.h.members if p is not m and p.relation in wanted]
    return or3(*(at_least(p.age, elderly_age) for p in parents))


def _care(c: Check, ctx: Context, i: int, m: Member, label: str) -> Tri:
    dis = m.disability
    max_grade = ctx.rule("care_subsidy_max_grade")
    grade_ok: Tri = None if dis is None or dis.grade is None else dis.grade <= max_grade.value
    national = and3(grade_ok, m.needs_long_term_care)
    c.step(
        f"残疾等级在{max_grade.value}级以内（重度）且需要长期照护",
        national,
        plain="残疾等级高（重度残疾），而且需要长期有人照护",
        subject=label,
        value=f"等级：{dis.grade if dis and dis.grade is not None else '未知'}级；需要长期照护：{yes_no(m.needs_long_term_care)}",
        threshold=f"{max_grade.value}级以内（数字越小越重）",
        basis=ctx.cite(max_grade, SUBSIDIES_FN),
        note=max_grade.note,
    )
    extension = ctx.param("care_subsidy_extension")
    passed = national
    if extension is not None:
        rule = extension.value
        category_ok: Tri = None if dis is None or dis.category is None else dis.category in rule["categories"]
        grade_in: Tri = None if dis is None or dis.grade is None else dis.grade in rule["grades"]
        extended = and3(category_ok, grade_in)
        c.step(
            extension.label,
            extended,
            plain="属于当地扩大护理补贴范围的智力、精神残疾人",
            subject=label,
            value=describe_disability(dis, guidance()["labels"]["category"]),
            basis=ctx.cite(extension),
        )
        passed = or3(national, extended)
    if passed is None:
        if dis is None or dis.grade is None or dis.category is None:
            c.ask(f"members[{i}].disability", member_question("disability_grade", label))
        if m.needs_long_term_care is None:
            c.ask(f"members[{i}].needs_long_term_care", member_question("long_term_care", label))
    return passed

