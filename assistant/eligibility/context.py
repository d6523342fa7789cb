"""Everything the programs share for one household: region, date, parameters, income."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

import yaml

from indexer.models import Citation
from indexer.settings import Settings, get_settings

from . import bases
from .citations import Basis
from .logic import Tri, fmt
from .models import Household, Member
from .parameters import Parameter, caller_parameter, table
from .regions import ResolvedRegion, resolve
from .results import MissingFact

_GUIDANCE = Path(__file__).with_name("guidance.yaml")

STANDARD_QUESTION = {
    "rural": "当地农村低保标准是每人每年多少元？",
    "urban": "当地城市低保标准是每人每年多少元？",
}
AREA_QUESTION = "您家是按农村还是按城市（城镇）申请低保？"
ASSETS_QUESTION = "家庭财产（存款、车辆、房产等）是否在当地低保规定的限额以内？"
EDGE_QUESTION = "当地低保边缘家庭的收入上限是低保标准的多少倍？"


@lru_cache(maxsize=1)
def guidance() -> dict[str, Any]:
    return yaml.safe_load(_GUIDANCE.read_text(encoding="utf-8"))


@dataclass(frozen=True)
class Income:
    """Countable per-capita yearly income as bounds: unknown amounts widen them, never count as zero."""

    low: float
    high: float | None  # None: no upper bound known
    formula: str
    unknown: tuple[MissingFact, ...]

    @property
    def exact(self) -> bool:
        return self.high is not None and self.high == self.low

    def below(self, threshold: float) -> Tri:
        if self.high is not None and self.high < threshold:
            return True
        if self.low >= threshold:
            return False
        return None

    def shown(self) -> float | str:
        if self.exact:
            return float(fmt(self.low))
        if self.high is None:
            return f"不低于{fmt(self.low)}（部分收入未知）" if self.low else "未知"
        return f"{fmt(self.low)}至{fmt(self.high)}之间（扣减项未知）"


class Context:
    def __init__(self, household: Household, today: date, settings: Settings | None = None):
        self.h = household
        # the corpus (and chunk size) the citations resolve against
        self.settings = settings or get_settings()
        self.date = household.date or today
        r = household.region
        self.region: ResolvedRegion = resolve(r.province, r.prefecture, r.county)
        self.table = table()
        self.declared = household.facts == "declared"
        self.notes: list[str] = []
        self.cache: dict[str, Any] = {}
        if household.date is None:
            self.notes.append(f"未填写日期，按{self.date.isoformat()}的政策参数计算。")

    # ---- parameters -----------------------------------------------------------------------------
    def param(self, name: str) -> Parameter | None:
        return self.table.lookup(name, self.region.chain, self.date)

    def rule(self, name: str) -> Parameter:
        """A national rule constant; these have no start date, so they always exist."""
        found = self.param(name)
        if found is None:
            raise LookupError(f"parameters.yaml lacks the national rule {name}")
        return found

    def cite(self, *items: Basis | Parameter | None) -> list[Citation]:
        """Citations of the bases that apply in this household's region (regional rules stay home)."""
        out: list[Citation] = []
        for item in items:
            if item is None:
                continue
            if isinstance(item, Parameter):
                out.extend(item.citations(self.settings))
            elif item.region is None or self.region.contains(item.region):
                out.append(item.citation(self.settings))
        return out

    def standard(self, area: str) -> Parameter | None:
        """Local dibao standard for ``area``: table > caller-supplied > provincial average."""
        key = f"{area}_dibao_standard_yearly"
        found = self.param(key)
        local = self.h.local_parameters
        supplied = getattr(local, key)
        if supplied is None and area == self.h.area:
            supplied = local.dibao_standard_yearly
        if found is not None and not found.average:
            if supplied is not None and supplied != found.value:
                self._note(
                    f"调用方提供的{found.label}{fmt(supplied)}元与参数表{fmt(found.value)}元（{found.provenance()}）"
                    "不一致，按参数表计算；如当地标准已调整，请更新参数表。"
                )
            return found
        if supplied is not None:
            label = f"{guidance()['labels']['area'][area]}低保标准"
            return caller_parameter(key, label, "元/人·年", supplied, bases.SHJZ_DIBAO)
        return found

    def household_standard(self) -> Parameter | None:
        return self.standard(self.h.area) if self.h.area else None

    def standard_questions(self) -> list[MissingFact]:
        if self.h.area is None:
            return [MissingFact(field="area", question=AREA_QUESTION)]
        return [MissingFact(field="local_parameters.dibao_standard_yearly", question=STANDARD_QUESTION[self.h.area])]

    def edge_ratio(self) -> Parameter | None:
        found = self.param("low_income_edge_ratio")
        supplied = self.h.local_parameters.edge_ratio
        if found is None and supplied is not None:
            label = "低保边缘家庭收入上限（低保标准的倍数）"
            return caller_parameter("low_income_edge_ratio", label, "倍", supplied, bases.EDGE_RULES)
        return found

    def months(self) -> int:
        return self.table.constants["months_per_year"]

    # ---- income ---------------------------------------------------------------------------------
    @cached_property
    def income(self) -> Income:
        h = self.h
        known = [m.income_yearly for m in h.members if m.income_yearly is not None]
        unknown = [
            MissingFact(
                field=f"members[{i}].income_yearly",
                question=f"{self.member_label(m)}每年的收入（工资、养老金、务工、经营等）合计多少元？",
            )
            for i, m in enumerate(h.members)
            if m.income_yearly is None
        ]
        deductions = {
            "income_excluded_yearly": (
                h.income_excluded_yearly,
                "不计入",
                "家庭收入中有多少是不计入的款项（如优抚金、奖励性补助、社会救助金）？每年多少元？",
            ),
            "rigid_expenses_yearly": (
                h.rigid_expenses_yearly,
                "刚性支出",
                "家庭每年因看病、上学、残疾照护等增加的必需支出大约多少元？",
            ),
            "employment_costs_yearly": (
                h.employment_costs_yearly,
                "就业成本",
                "家庭成员务工、就业每年产生的必要成本（交通、住宿等）大约多少元？",
            ),
        }
        for name, (amount, _, question) in deductions.items():
            if amount is None:
                unknown.append(MissingFact(field=name, question=question))
        gross = sum(known)
        deducted = sum(amount for amount, _, _ in deductions.values() if amount is not None)
        any_deduction_unknown = any(amount is None for amount, _, _ in deductions.values())
        n = len(h.members)
        high = None if len(known) < n else max(gross - deducted, 0) / n
        low = 0.0 if any_deduction_unknown else max(gross - deducted, 0) / n
        parts = " + ".join(fmt(x) for x in known) or "0"
        if len(known) < n:
            parts += " + 未知"
        minus = "".join(
            f" − {label}{fmt(amount) if amount is not None else '（未知）'}"
            for amount, label, _ in deductions.values()
        )
        result = fmt(low) if high == low else "（待定）"
        formula = f"（{parts}{minus}）÷ {n}人 = {result} 元/人·年"
        return Income(low=low, high=high, formula=formula, unknown=tuple(unknown))

    def below_standard(self) -> Tri:
        std = self.household_standard()
        return None if std is None else self.income.below(std.value)

    def below_edge(self) -> Tri:
        """Per-capita income below the low-income edge (ratio × standard)."""
        std = self.household_standard()
        if std is None:
            return None
        # below the standard is below the edge whatever the ratio, since the edge lies above it
        if self.income.below(std.value) is True:
            return True
        ratio = self.edge_ratio()
        return None if ratio is None else self.income.below(ratio.value * std.value)

    # ---- members --------------------------------------------------------------------------------
    def member_label(self, member: Member) -> str:
        """本人（72岁）: people are named by relation and age; the member id only tells apart two
        members that would otherwise read the same (ids like p1 mean nothing to a citizen)."""
        relations = guidance()["labels"]["relation"]

        def plain(m: Member) -> str:
            relation = relations.get(m.relation or "", "家庭成员")
            return f"{relation}（{m.age}岁）" if m.age is not None else relation

        label = plain(member)
        twins = [m for m in self.h.members if plain(m) == label]
        return f"{label}〔{member.id}〕" if len(twins) > 1 else label

    def index(self, member: Member) -> int:
        return next(i for i, m in enumerate(self.h.members) if m is member)

    # ---- wording --------------------------------------------------------------------------------
    def guidance(self, program: str) -> dict[str, Any]:
        return guidance()["programs"][program]

    def next_steps(self, program: str, status: str) -> tuple[list[str], list[Citation]]:
        g = guidance()
        if status == "does_not_meet":
            return [g["not_meet_next"]], []
        guide = g["programs"][program]
        steps = [guide.get("apply", g["apply_general"])]
        steps.append("需要准备：" + "；".join([*g["bring_general"], *guide["bring"]]) + "。")
        refs = self.cite(*bases.ONE_DOOR)
        days = self.param("processing_working_days")
        if days is not None and program in ("dibao", "dibao_single_person", "tekun"):
            steps.append(f"{days.region}：{days.label}一般在{days.value}{days.unit}。")
            refs.extend(self.cite(days))
        return steps, refs

    def _note(self, text: str) -> None:
        if text not in self.notes:
            self.notes.append(text)
