"""特困人员救助供养: person by person — no labour capacity, no means of living, no able supporter."""

from __future__ import annotations

from . import bases as b
from .context import ASSETS_QUESTION, QUESTIONS, Context, guidance, member_question
from .facts import at_least, below, describe_disability, grade_within
from .logic import Check, Tri, and3, fmt, money, or3, unique
from .models import Member
from .parameters import Parameter, caller_parameter
from .results import Estimate, ProgramResult

SUPPORTERS_PASS = {"none": True, "unable": True, "able": False}


def check_tekun(ctx: Context) -> ProgramResult:
    c = Check("tekun", ctx)
    persons: list[str] = []
    outcomes: list[Tri] = []
    for i, m in enumerate(ctx.h.members):
        passed = _member(c, ctx, i, m)
        outcomes.append(passed)
        if passed:
            persons.append(str(m.id))
    outcome = or3(*outcomes)
    estimate = _estimate(c, ctx, len(persons)) if outcome else None
    return c.finish(outcome, estimate=estimate, persons=persons)


def _member(c: Check, ctx: Context, i: int, m: Member) -> Tri:
    label = ctx.member_label(m)
    category = _category_step(c, ctx, i, m, label)
    if category is False:
        return False  # the other conditions cannot change the outcome for this member
    no_income = _own_income_step(c, ctx, i, m, label)
    assets = ctx.h.assets_within_limit
    c.step(
        "财产状况符合当地特困人员财产规定",
        assets,
        plain="家里的存款、房产等在当地规定的限额以内",
        subject=label,
        value=assets,
        basis=ctx.cite(b.TEKUN_NO_INCOME),
        note="按家庭财产是否在当地限额内的申报判断。",
    )
    if assets is None:
        c.ask("assets_within_limit", ASSETS_QUESTION)
    supporters = SUPPORTERS_PASS.get(m.legal_supporters or "")
    c.step(
        "无法定赡养、抚养、扶养义务人，或义务人无履行能力",
        supporters,
        plain="没有子女、配偶、父母等有义务养他的人，或者这些人自己也没有能力",
        subject=label,
        value=guidance()["labels"]["supporters"].get(m.legal_supporters or "", "未知"),
        basis=ctx.cite(b.SHJZ_TEKUN, b.TEKUN_SUPPORTERS),
    )
    # a person who can only qualify by continuing an existing 特困 support is asked that first
    if supporters is None and (category is not None or ctx.h.status.tekun is not None or _may_qualify_anew(ctx, m)):
        c.ask(
            f"members[{i}].legal_supporters",
            f"{label}有没有法定赡养、抚养、扶养义务人（配偶、子女、父母等）？他们有没有能力履行义务？",
        )
    return and3(category, no_income, assets, supporters)


def _category_step(c: Check, ctx: Context, i: int, m: Member, label: str) -> Tri:
    """老年人 / 未成年人 / 无劳动能力的残疾人, or a supported minor continuing past the age limit."""
    elderly = ctx.rule("tekun_elderly_min_age")
    minor = ctx.rule("tekun_minor_age_below")
    incapacity = ctx.rule("tekun_incapacity_max_grade")
    until = ctx.rule("tekun_continue_until_age")
    students = ctx.rule("tekun_continue_student_kinds")
    routes = {
        f"年满{elderly.value}周岁": at_least(m.age, elderly.value),
        f"未满{minor.value}周岁": below(m.age, minor.value),
        "无劳动能力的残疾人": grade_within(m.disability, incapacity.value),
        "特困未成年人继续供养": _continuing(ctx, m, minor.value, until.value, students.value),
    }
    passed = or3(*routes.values())
    if passed is False and ctx.h.status.tekun is None and m.age is not None and m.age >= until.value and m.student is None:
        c.note(f"已是特困供养对象、年满{until.value}周岁仍在读义务教育、普通高中或中等职业学校的，可继续供养；"
               "如属这种情况请说明。")
    shown = "；".join(f"{k}：{ {True: '是', False: '否', None: '未知'}[v]}" for k, v in routes.items())
    disability = describe_disability(m.disability, guidance()["labels"]["category"])
    c.step(
        "属于老年人、未成年人或无劳动能力的残疾人",
        passed,
        plain=f"是{elderly.value}周岁以上的老人、未满{minor.value}周岁的孩子，或者因残疾不能劳动的人",
        subject=label,
        value=f"{shown}（{disability}）",
        basis=ctx.cite(b.SHJZ_TEKUN, b.TEKUN_CONDITIONS, elderly, incapacity, until),
        note=incapacity.note,
    )
    if passed is None:
        if m.age is None:
            c.ask(f"members[{i}].age", member_question("age", label))
        if routes["无劳动能力的残疾人"] is None:
            c.ask(f"members[{i}].disability", member_question("disability_multiple", label))
        if routes["特困未成年人继续供养"] is None:
            if ctx.h.status.tekun is None:
                c.ask("status.tekun", QUESTIONS["has_tekun"])
            # schooling only matters for someone already supported as 特困
            if m.student is None and ctx.h.status.tekun:
                c.ask(f"members[{i}].student", member_question("student", label))
    return passed


def _may_qualify_anew(ctx: Context, m: Member) -> bool:
    """Not ruled out by age or disability alone (the continuation route aside)."""
    elderly = ctx.rule("tekun_elderly_min_age").value
    minor = ctx.rule("tekun_minor_age_below").value
    incapacity = ctx.rule("tekun_incapacity_max_grade").value
    anew = or3(at_least(m.age, elderly), below(m.age, minor), grade_within(m.disability, incapacity))
    return anew is not False


def _continuing(ctx: Context, m: Member, minor_age: int, until: int, students: list[str]) -> Tri:
    if m.age is None or m.age < minor_age:
        return False if m.age is not None else None
    if m.age < until:
        return ctx.h.status.tekun
    if m.student is None and not ctx.h.status.tekun:
        # past 18 the route is for a 特困 minor still at school (第十条): with neither said, it is not open
        return False
    studying = None if m.student is None else m.student in students
    return and3(ctx.h.status.tekun, studying)


def _own_income_step(c: Check, ctx: Context, i: int, m: Member, label: str) -> Tri:
    std = ctx.household_standard()
    # 《特困人员认定办法》第八条: 基础养老金, 高龄津贴, 优待抚恤金 … do not count
    excluded = m.income_excluded_yearly or 0
    own = None if m.income_yearly is None else max(m.income_yearly - excluded, 0)
    passed = None if std is None else below(own, std.value)
    if std is not None and std.caller_supplied:
        c.used(std.name)
    c.step(
        "本人收入低于当地低保标准（无生活来源）",
        passed,
        plain="本人每年的收入低于当地低保标准",
        subject=label,
        value=own,
        threshold=std.value if std is not None else None,
        unit="元/年",
        basis=ctx.cite(b.TEKUN_NO_INCOME, std),
        note="；".join(filter(None, [
            f"本人收入{fmt(m.income_yearly)} − 不计入{fmt(excluded)}" if excluded and m.income_yearly is not None else "",
            f"标准：{std.label}（{std.provenance()}）" if std is not None else "",
        ])),
        caller_supplied=bool(std and std.caller_supplied),
    )
    if passed is None:
        if std is None:
            c.ask_all(ctx.standard_questions())
        if m.income_yearly is None:
            c.ask(f"members[{i}].income_yearly", member_question("income", label))
    return passed


def _estimate(c: Check, ctx: Context, persons: int) -> Estimate | None:
    months = ctx.months()
    standard = _tekun_standard(c, ctx)
    if standard is not None:
        if standard.caller_supplied:
            c.used(standard.name)
        yearly = money(standard.value * persons)
        formula = f"{standard.label}{fmt(standard.value)}元/人·年 × {persons}人 = {fmt(yearly)} 元/年"
        note = f"标准来源：{standard.provenance()}。不含照料护理费用。"
        return Estimate(
            yearly=yearly, monthly=money(yearly / months), formula=formula, note=note, basis=ctx.cite(standard)
        )
    ratio = ctx.param("tekun_min_ratio_to_urban_dibao")
    urban = ctx.standard("urban")
    if ratio is None:
        return None
    c.refer(ctx.cite(ratio))
    if urban is None:
        c.note(f"{ratio.label}：{fmt(ratio.value)}倍；提供当地城市低保标准后可测算金额。")
        return None
    if urban.caller_supplied:
        c.used(urban.name)
    per_person = money(ratio.value * urban.value)
    yearly = money(per_person * persons)
    formula = (
        f"不低于 {fmt(ratio.value)} × 城市低保标准{fmt(urban.value)} = {fmt(per_person)}元/人·年；"
        f"× {persons}人 = {fmt(yearly)} 元/年"
    )
    note = f"按最低倍数测算的下限（{ratio.provenance()}；城市低保标准：{urban.provenance()}）。"
    basis = unique(ctx.cite(ratio, urban))
    return Estimate(yearly=yearly, monthly=money(yearly / months), formula=formula, note=note, basis=basis)


def _tekun_standard(c: Check, ctx: Context) -> Parameter | None:
    found = ctx.param("tekun_standard_yearly")
    if found is not None:
        c.refer(ctx.cite(found))
        return found
    supplied = ctx.h.local_parameters.tekun_standard_yearly
    if supplied is None:
        return None
    return caller_parameter("tekun_standard_yearly", "特困人员基本生活标准", "元/人·年", supplied, b.SHJZ_TEKUN)
