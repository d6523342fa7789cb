"""The household summary: programs reconciled across members (spec §5, amended 2026-12-01).

Each program's status still says whether its own conditions hold; the summary says what the household is
likely to get: a person supported as 特困 is not also counted for dibao, a child who meets tekun (or is an
orphan) is not also offered the 事实无人抚养儿童 allowance, 单人户 only when the whole household does not
meet dibao, and what to apply for first (the order lives in guidance.yaml).
"""

from __future__ import annotations

from .context import Context, guidance
from .results import HouseholdSummary, ProgramResult, SummaryLine


def summarize(ctx: Context, results: list[ProgramResult]) -> HouseholdSummary:
    g = guidance()
    by = {r.program: r for r in results}
    order = g["apply_order"]
    wording = g["summary"]
    not_stacked: list[str] = []
    likely: list[SummaryLine] = []
    possible: list[SummaryLine] = []
    tekun = by.get("tekun")
    tekun_persons = set(tekun.persons) if tekun and tekun.status == "meets" else set()
    everyone = {str(m.id) for m in ctx.h.members}
    for program in sorted(by, key=lambda p: order.index(p) if p in order else len(order)):
        result = by[program]
        persons = list(result.persons)
        status = result.status
        if program == "dibao" and status == "meets" and tekun_persons:
            if tekun_persons >= everyone:
                not_stacked.append(wording["tekun_not_dibao_all"])
                continue
            not_stacked.append(wording["tekun_not_dibao_some"].format(who=_who(ctx, sorted(tekun_persons))))
        if program == "de_facto_orphan" and persons:
            kept = [p for p in persons if p not in tekun_persons]
            if len(kept) < len(persons):
                not_stacked.append(wording["tekun_not_orphan"].format(who=_who(ctx, [p for p in persons if p in tekun_persons])))
            if not kept and status == "meets":
                continue
            persons = kept
        if program == "dibao_single_person" and by.get("dibao") is not None and by["dibao"].status == "meets":
            continue
        if program == "dibao" and status == "meets" and tekun_persons:
            persons = sorted(everyone - tekun_persons)
        line = SummaryLine(
            program=program,
            title=result.title,
            persons=persons,
            who=_who(ctx, persons) if persons else wording["household"],
            monthly=result.estimate.monthly if result.estimate and status == "meets" else None,
            yearly=result.estimate.yearly if result.estimate and status == "meets" else None,
            status=status,
        )
        if status == "meets":
            likely.append(line)
        elif status == "needs_info":
            possible.append(line)
    first = likely[0].program if likely else None
    return HouseholdSummary(
        likely=likely,
        possible=possible,
        apply_first=first,
        not_stacked=not_stacked,
        headline=_headline(likely, possible, wording),
    )


def _who(ctx: Context, persons: list[str]) -> str:
    members = {str(m.id): m for m in ctx.h.members}
    return "、".join(ctx.member_label(members[p]) for p in persons if p in members)


def _headline(likely: list[SummaryLine], possible: list[SummaryLine], wording: dict[str, str]) -> str:
    if likely:
        names = "；".join(f"{line.title}（{line.who}）" for line in likely)
        return wording["likely"].format(programs=names, first=likely[0].title)
    if possible:
        return wording["only_possible"].format(programs="、".join(line.title for line in possible))
    return wording["none"]
