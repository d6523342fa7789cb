"""事实无人抚养儿童: a child whose parents both cannot raise them (or one is gone and the other cannot)."""

from __future__ import annotations

from itertools import product

from . import bases as b
from .citations import basis
from .context import QUESTIONS, Context, guidance, member_question
from .facts import below, grade_within
from .logic import Check, Tri, and3, or3
from .models import Member
from .results import ProgramResult

CHILDREN_IM = basis("children_im")
PARENTS_QUESTION = QUESTIONS["parents"]
# the applicant's parents and grandparents are a generation or more older than the applicant: whatever the
# applicant's age, they are the ones raising (or not raising) a child, not the child assessed (caseworker
# reading; their age is not asked for this program)
ELDERS = ("parent", "grandparent")


def check_de_facto_orphan(ctx: Context) -> ProgramResult:
    c = Check("de_facto_orphan", ctx)
    child_age = ctx.rule("child_age_below")
    situations = ctx.rule("de_facto_orphan_parent_situations")
    persons: list[str] = []
    outcomes: list[Tri] = []
    for i, m in enumerate(ctx.h.members):
        is_child = below(m.age, child_age.value)
        if is_child is False or (is_child is None and m.relation in ELDERS):
            continue
        label = ctx.member_label(m)
        c.step(
            f"未满{child_age.value}周岁的儿童",
            is_child,
            plain=f"是未满{child_age.value}周岁的孩子",
            subject=label,
            value=m.age,
            threshold=child_age.value,
            unit="周岁",
            basis=ctx.cite(child_age),
        )
        if is_child is None:
            c.ask(f"members[{i}].age", member_question("age", label))
        parents = _parents(c, ctx, i, m, label, situations)
        passed = and3(is_child, parents)
        outcomes.append(passed)
        if passed:
            persons.append(str(m.id))
    if not outcomes:
        c.step(
            f"家庭中有未满{child_age.value}周岁的儿童",
            False,
            plain="家里有未成年的孩子",
            value="无",
            threshold=child_age.value,
            unit="周岁",
            basis=ctx.cite(child_age, b.DE_FACTO_ORPHAN),
        )
    return c.finish(or3(*outcomes), persons=persons)


def _parents(c: Check, ctx: Context, i: int, m: Member, label: str, situations) -> Tri:
    rule = situations.value
    inferred = m.parents_situation is None
    parents_max = ctx.table.input_limits["parents_max"]
    co_resident = _co_resident_parents(ctx, m)
    given = list(co_resident if inferred else m.parents_situation or [])
    given += [None] * (parents_max - len(given))
    if not inferred:
        # a parent living in the household is alive and present: their own facts (重残, 重病) fill a slot said
        # to be normal or left unknown, never one said to be dead, missing or imprisoned; a situation already
        # said may be that same parent's, so it is not counted twice
        for situation in (x for x in co_resident if x is not None and x not in given):
            open_slot = next((k for k, x in enumerate(given) if x in (None, "normal")), None)
            if open_slot is not None:
                given[open_slot] = situation
                inferred = True
    passed = _qualifies(given, rule)
    names = guidance()["labels"]["parent_situation"]
    shown = "、".join(names.get(s, "未知") if s else "未知" for s in given)
    c.step(
        "父母双方均无法履行抚养义务（或一方死亡、失踪，另一方无法抚养）",
        passed,
        plain="孩子的父母都因为重残、重病、服刑、失联等原因不能抚养，或者一方去世、失踪而另一方不能抚养",
        subject=label,
        value=shown,
        basis=ctx.cite(situations, CHILDREN_IM),
        note=("父母情况由同住家庭成员的情况推断；" if inferred and any(given) else "") + situations.note,
    )
    if passed is None:
        c.ask(f"members[{i}].parents_situation", PARENTS_QUESTION.format(child=label))
    absent = set(rule["absent"])
    if all(s in absent for s in given):
        c.note(f"{label}父母双方均死亡或失踪，属于孤儿，按孤儿基本生活保障政策申请。")
    return passed


def _co_resident_parents(ctx: Context, child: Member) -> list[str | None]:
    """Situations of the child's parents who live in the household, as far as their facts tell.

    Only what the facts state is taken: a co-resident parent's serious illness or 重残 (62号: grade 1–2, or
    3–4 intellectual/mental). A parent with neither is left unknown (null means unknown, spec §4): whether a
    restriction of liberty or another situation applies is asked, not assumed.
    """
    relations = {"child": ("self", "spouse"), "self": ("parent",)}.get(child.relation or "", ())
    # 62号 counts grade 3–4 intellectual/mental as 重残 for a parent, wider than the 单人户 definition
    severe = ctx.rule("de_facto_orphan_parent_severe_disability_max_grade").value
    found: list[str | None] = []
    for parent in ctx.h.members:
        if parent is child or parent.relation not in relations:
            continue
        if parent.serious_illness:
            found.append("serious_illness")
        elif grade_within(parent.disability, severe):
            found.append("severe_disability")
        else:
            found.append(None)
    return found


def _qualifies(parents: list[str | None], rule: dict[str, list[str]]) -> Tri:
    """Decide over every value an unknown parent could take: only a unanimous answer is an answer."""
    incapacitated, absent = set(rule["incapacitated"]), set(rule["absent"])
    kinds = ("incapacitated", "absent", "other")

    def kind(situation: str) -> str:
        return "incapacitated" if situation in incapacitated else "absent" if situation in absent else "other"

    options = [kinds if s is None else (kind(s),) for s in parents]
    answers = {_rule(combo) for combo in product(*options)}
    return answers.pop() if len(answers) == 1 else None


def _rule(kinds: tuple[str, ...]) -> bool:
    # both unable, or one absent and the other unable; both absent is an orphan, not this program
    return all(k in ("incapacitated", "absent") for k in kinds) and "incapacitated" in kinds
