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
from .citations import Basis, unresolved
from .logic import Tri, fmt, money
from .models import Household, Member
from .parameters import Parameter, supplied_parameter, table
from .regions import ResolvedRegion, resolve
from .results import IncomeTrace, MissingFact, ParameterUse, ParameterValue

_GUIDANCE = Path(__file__).with_name("guidance.yaml")

@lru_cache(maxsize=1)
def guidance() -> dict[str, Any]:
    return yaml.safe_load(_GUIDANCE.read_text(encoding="utf-8"))


QUESTIONS: dict[str, str] = guidance()["questions"]
STANDARD_QUESTION = {"rural": QUESTIONS["standard_rural"], "urban": QUESTIONS["standard_urban"]}
AREA_QUESTION = QUESTIONS["area"]
ASSETS_QUESTION = QUESTIONS["assets"]


def yes_no(value: Tri) -> str:
    return guidance()["labels"]["tri"][value]


def member_question(key: str, who: str) -> str:
    """A question about one member (guidance.yaml ``member_questions``), naming them by ``who``."""
    return guidance()["member_questions"][key].format(who=who)


@dataclass(frozen=True)
class Income:
    """Countable per-capita yearly income as bounds: unknown amounts widen them, never count as zero."""

    low: float
    high: float | None  # None: no upper bound known
    formula: str
    unknown: tuple[MissingFact, ...]
    gross: float | None = None  # household income before deductions, when every member's is known
    deducted: float = 0.0
    members: int = 1
    deductions_ignored: bool = False  # unknown deductions left out because they cannot change an outcome

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
    def __init__(
        self,
        household: Household,
        today: date,
        settings: Settings | None = None,
        overrides: dict[str, Any] | None = None,
    ):
        self.h = household
        # the corpus (and chunk size) the citations resolve against, and any office's parameter files
        self.settings = settings or get_settings()
        self.date = household.date or today
        r = household.region
        self.region: ResolvedRegion = resolve(r.province, r.prefecture, r.county)
        self.table = table(self.settings)
        self.overrides = dict(overrides or {})
        self.declared = household.facts == "declared"
        self.notes: list[str] = []
        self.parameter_notes: list[str] = []  # the subset of notes about stale or conflicting parameter values
        self.warnings: list[str] = []
        self.uses: dict[str, ParameterUse] = {}
        self.cache: dict[str, Any] = {}
        self.date_note = "" if household.date else f"未填写日期，按{self.date.isoformat()}的政策参数计算。"
        if self.date_note:
            self.notes.append(self.date_note)

    # ---- parameters -----------------------------------------------------------------------------
    def param(self, name: str, *, record: bool = True) -> Parameter | None:
        """The table's value for this household's region and date, unless a what-if override replaces it."""
        found = self.table.lookup(name, self.region.chain, self.date)
        if name in self.overrides:
            label, unit = (found.label, found.unit) if found else (self.table.series_label(name) or (name, ""))
            rule = found.source if found else bases.SHJZ_DIBAO
            chosen = supplied_parameter(name, label, unit, self.overrides[name], rule, "override")
            self._record(chosen, found, "假设值（what-if）替代参数表的值" if found else "假设值（what-if）")
            return chosen
        if record and found is not None and found.stale:
            self._record(found, None, "参数表的值已过期，没有更新的值，仍按此值计算")
        return found

    def rule(self, name: str) -> Parameter:
        """A national rule constant; these have no start date, so they always exist."""
        found = self.param(name)
        if found is None:
            raise LookupError(f"the parameter files lack the national rule {name}")
        return found

    def value(self, name: str, supplied: float | None, label: str, unit: str, rule: Basis) -> Parameter | None:
        """A local value from the table or the caller (spec §2, amended).

        The caller's value fills a gap and overrides a stale value or a provincial average; while the table's
        value is current, the table decides and the caller's value is shown beside it. A what-if override
        decides over both.
        """
        if name in self.overrides:
            return self.param(name)
        found = self.param(name, record=False)
        if supplied is None:
            if found is not None:
                self._record(found, None, "参数表现行值" if not found.stale else "参数表的值已过期，没有更新的值，仍按此值计算")
            return found
        caller = supplied_parameter(name, label, unit, supplied, rule, "caller")
        if found is None:
            self._record(caller, None, "参数表没有该地区的值，按调用方提供的值计算")
            return caller
        if found.stale or found.average or found.default:
            why = "参数表的值已过期" if found.stale else "参数表的值是全省平均值" if found.average else "参数表的值是全国默认值"
            self._record(caller, found, f"{why}，按调用方提供的值计算")
            return caller
        if supplied != found.value:
            self._record(found, caller, "参数表的值现行有效，按参数表计算；调用方提供的值仅供对照")
            self._parameter_note(
                f"调用方提供的{found.label}{fmt(supplied)}与参数表{fmt(found.value)}（{found.provenance()}）"
                "不一致，按参数表计算；如当地标准已调整，请更新参数表。"
            )
        return found

    def _record(self, used: Parameter, other: Parameter | None, reason: str) -> None:
        if used.name in self.uses:
            return
        self.uses[used.name] = ParameterUse(
            name=used.name,
            label=used.label,
            unit=used.unit,
            used=_shown(used),
            other=_shown(other) if other is not None else None,
            reason=reason,
        )
        if used.stale:
            self._parameter_note(
                f"{used.label}{_plain(used.value)}{used.unit}是{used.region}{used.effective_from.year if used.effective_from else ''}"
                f"年的值，现行至{used.valid_until.isoformat() if used.valid_until else ''}，可能已经调整，请以当地现行标准为准。"
            )
        elif other is not None and other.stale:
            self._parameter_note(
                f"参数表中的{other.label}{_plain(other.value)}{other.unit}（{other.region}"
                f"{other.effective_from.year if other.effective_from else ''}年）已过期，本次按{used.provenance()}的"
                f"{_plain(used.value)}计算。"
            )

    def cite(self, *items: Basis | Parameter | None) -> list[Citation]:
        """Citations of the bases that apply in this household's region (regional rules stay home)."""
        out: list[Citation] = []
        for item in items:
            if item is None:
                continue
            found = item.citations(self.settings) if isinstance(item, Parameter) else (
                [item.citation(self.settings)] if item.region is None or self.region.contains(item.region) else []
            )
            for citation in found:
                if unresolved(citation):
                    self._warn(
                        f"依据「{citation.quote}」（{citation.title or '原文件'}）在当前已索引的文件中找不到，"
                        "该条依据未能核对原文，请检查文件库是否缺少或更换了该文件。"
                    )
                out.append(citation)
        return out

    def standard(self, area: str) -> Parameter | None:
        """Local dibao standard for ``area``: table or caller-supplied, by validity (see ``value``)."""
        key = f"{area}_dibao_standard_yearly"
        local = self.h.local_parameters
        supplied = getattr(local, key)
        if supplied is None and area == self.h.area:
            supplied = local.dibao_standard_yearly
        label = f"{guidance()['labels']['area'][area]}低保标准"
        return self.value(key, supplied, label, "元/人·年", bases.SHJZ_DIBAO)

    def household_standard(self) -> Parameter | None:
        if self.h.area:
            return self.standard(self.h.area)
        # spec §2/§4: a standard the caller gives for this household (not for one area) is its standard;
        # urban or rural then only matters for what the area decides elsewhere
        supplied = self.h.local_parameters.dibao_standard_yearly
        if supplied is None:
            return None
        return self.value("dibao_standard_yearly", supplied, "当地低保标准", "元/人·年", bases.SHJZ_DIBAO)

    def standard_questions(self) -> list[MissingFact]:
        if self.h.area is None:
            return [MissingFact(field="area", question=AREA_QUESTION)]
        return [MissingFact(field="local_parameters.dibao_standard_yearly", question=STANDARD_QUESTION[self.h.area])]

    def edge_ratio(self) -> Parameter | None:
        label = "低保边缘家庭收入上限（低保标准的倍数）"
        return self.value("low_income_edge_ratio", self.h.local_parameters.edge_ratio, label, "倍", bases.EDGE_RULES)

    def edge_line(self) -> tuple[float | None, Parameter | None, Parameter | None]:
        """(line, local line or ratio parameter, standard): a local edge line wins over ratio × standard."""
        local = self.value(
            "low_income_edge_line_yearly", self.h.local_parameters.edge_line_yearly, "低保边缘家庭收入线",
            "元/人·年", bases.EDGE_RULES,
        )
        std = self.household_standard()
        if local is not None:
            return float(local.value), local, std
        ratio = self.edge_ratio()
        if ratio is None or std is None:
            return None, ratio, std
        return money(ratio.value * std.value), ratio, std

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
        # per-member items that do not count (基础养老金, 高龄津贴 …); not given = nothing beyond the household field
        member_excluded = sum(m.income_excluded_yearly or 0 for m in h.members if m.income_yearly is not None)
        deductions = {
            "income_excluded_yearly": (h.income_excluded_yearly, "不计入"),
            "rigid_expenses_yearly": (h.rigid_expenses_yearly, "刚性支出"),
            "employment_costs_yearly": (h.employment_costs_yearly, "就业成本"),
        }
        questions = guidance()["deduction_questions"]
        deduction_unknown = [
            MissingFact(field=name, question=questions[name]) for name, (amount, _) in deductions.items() if amount is None
        ]
        gross = sum(known)
        deducted = member_excluded + sum(amount for amount, _ in deductions.values() if amount is not None)
        n = len(h.members)
        high = None if len(known) < n else max(gross - deducted, 0) / n
        low = 0.0 if deduction_unknown else max(gross - deducted, 0) / n
        ignored = False
        if deduction_unknown:
            # §5: unknown deductions are asked only when they could change an outcome; at or above the edge
            # line they cannot, so the gross figure decides and the result says deductions were not counted.
            # An unknown member income only adds to the gross (never below zero): the known part already at
            # the line puts the whole there.
            line, _, _ = self.edge_line()
            floor = max(gross - deducted, 0) / n
            if line is not None and floor >= line:
                low, ignored, deduction_unknown = floor, True, []
        parts = " + ".join(fmt(x) for x in known) or "0"
        if len(known) < n:
            parts += " + 未知"
        minus = f" − 个人不计入{fmt(member_excluded)}" if member_excluded else ""
        minus += "".join(
            f" − {label}{fmt(amount) if amount is not None else ('（未知，未扣减）' if ignored else '（未知）')}"
            for amount, label in deductions.values()
        )
        result = fmt(low) if high == low else "（待定）"
        formula = f"（{parts}{minus}）÷ {n}人 = {result} 元/人·年"
        if ignored:
            self._note("扣减项（不计入收入、刚性支出、就业成本）未知，但未扣减的人均收入已不低于低保边缘线，扣减不会改变结果，故未计入。")
        return Income(
            low=low,
            high=high,
            formula=formula,
            unknown=tuple([*unknown, *deduction_unknown]),
            gross=gross if len(known) == n else None,
            deducted=deducted,
            members=n,
            deductions_ignored=ignored,
        )

    def below_standard(self) -> Tri:
        std = self.household_standard()
        return None if std is None else self.income.below(std.value)

    def below_edge(self) -> Tri:
        """Per-capita income below the low-income edge (local line, or ratio × standard)."""
        line, _, std = self.edge_line()
        # below the standard is below the edge whatever the ratio, since the edge lies above it
        if std is not None and self.income.below(std.value) is True:
            return True
        return None if line is None else self.income.below(line)

    def trace(self) -> IncomeTrace:
        income = self.income
        return IncomeTrace(
            members=income.members,
            gross_yearly=income.gross,
            deducted_yearly=income.deducted,
            per_capita_low=money(income.low),
            per_capita_high=money(income.high) if income.high is not None else None,
            formula=income.formula,
            deductions_ignored=income.deductions_ignored,
        )

    # ---- members --------------------------------------------------------------------------------
    def member_label(self, member: Member) -> str:
        """申请人（72岁）: people are named by relation and age; the member id only tells apart two
        members that would otherwise read the same (ids like p1 mean nothing to a citizen)."""
        return self._labels[id(member)]

    @cached_property
    def _labels(self) -> dict[int, str]:
        relations = guidance()["labels"]["relation"]

        def plain(m: Member) -> str:
            relation = relations.get(m.relation or "", "家庭成员")
            return f"{relation}（{m.age}岁）" if m.age is not None else relation

        plains = [plain(m) for m in self.h.members]
        return {
            id(m): f"{label}〔{m.id}〕" if plains.count(label) > 1 else label
            for m, label in zip(self.h.members, plains, strict=True)
        }

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

    def _parameter_note(self, text: str) -> None:
        self._note(text)
        if text not in self.parameter_notes:
            self.parameter_notes.append(text)

    def _warn(self, text: str) -> None:
        if text not in self.warnings:
            self.warnings.append(text)


def _plain(value: Any) -> str:
    if isinstance(value, list):
        return "、".join(_plain(v) for v in value)
    return fmt(value) if isinstance(value, int | float) and not isinstance(value, bool) else str(value)


def _shown(p: Parameter) -> ParameterValue:
    return ParameterValue(
        value=p.value,
        origin=p.origin,
        region=p.region,
        effective_from=p.effective_from,
        valid_until=p.valid_until,
        stale=p.stale,
        average=p.average,
        default=p.default,
        provenance=p.provenance(),
    )
