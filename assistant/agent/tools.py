"""The agent's five tools. Each turn gets fresh tools bound to that turn's ledger, so the reference
numbers a tool hands out are exactly the sources the citation guard will accept."""

from __future__ import annotations

import json
import re
from datetime import date
from typing import Any, Literal

from langchain_core.tools import BaseTool, StructuredTool
from pydantic import BaseModel, Field

from assistant.agent.ledger import Ledger, SearchOutcome
from assistant.agent.lexicon import prompts
from assistant.agent.numbers import canonical, find_numbers
from assistant.eligibility import HouseholdInputError, ScreeningResult, check_household
from assistant.eligibility.models import Household
from assistant.eligibility.parameters import Parameter, table
from assistant.eligibility.parameters import limits as parameter_limits
from assistant.eligibility.regions import gazetteer as parameter_regions
from assistant.quiz import Quiz, make_quiz, topics
from assistant.quiz.models import TYPE_NAMES
from assistant.retrieval.search import Searcher
from assistant.understanding.screening import screen
from assistant.understanding.view import summary
from indexer.models import Citation


class ToolInputError(ValueError):
    """Arguments a tool cannot use; the message goes back to the model."""


class SearchArgs(BaseModel):
    query: str = Field(description="政策问题或关键词，中文", min_length=1, max_length=500)
    region: str | None = Field(None, description="问题涉及的地区（省、市、县均可），如“内蒙古”“丰宁”；没有则不填")
    k: int = Field(5, ge=1, le=10, description="返回的条款数")


class ClauseArgs(BaseModel):
    chunk_id: str = Field(description="search_policy 返回的条款编号 chunk_id")


def input_limits() -> dict[str, Any]:
    """The eligibility engine's plausibility bounds for input (age, disability grades): one source for the
    tool description, the API's client config and the widget."""
    limits = parameter_limits()["input_limits"]  # the limits file alone: the full table needs every region
    return {"age_max": limits["age_max"], "disability_grades": list(limits["disability_grades"])}


def _household_description() -> str:
    limits = input_limits()
    grades = limits["disability_grades"]
    return (
        "家庭情况 JSON：region {province, prefecture, county}，area rural|urban，members 列表（relation self|spouse|"
        f"child|parent|grandparent|grandchild|sibling|other，age 0-{limits['age_max']}，disability {{category physical|"
        f"visual|hearing|speech|intellectual|mental|multiple|none, grade {grades[0]}-{grades[-1]}, certified}}，"
        "serious_illness，needs_long_term_care，income_yearly（元/年），legal_supporters none|unable|able），"
        "assets_within_limit，status {dibao, tekun}，event {kind}。不知道的事实不要填（不填=未知，不是0或否）。"
    )


class EligibilityArgs(BaseModel):
    # the engine's own typed model: the tool schema the model sees lists every field and enum, and a wrong name
    # is refused by validation with the valid names (loop._run)
    household: Household | None = Field(
        None, description="省略则核对本对话中已记录的家庭情况；" + _household_description())


class ParameterArgs(BaseModel):
    name: str = Field(description="参数名，如 rural_dibao_standard_yearly、tekun_standard_yearly")
    region: str = Field(description="地区名，省、市、县均可")
    date: str | None = Field(None, description="日期 YYYY-MM-DD，默认今天")


MAX_QUIZ_ITEMS = 20  # one chat answer; longer quizzes belong on the trainer page


class QuizArgs(BaseModel):
    topic: str | None = Field(
        None, max_length=60, description="主题，如 低保、特困、临时救助、残疾人（几个用“、”分隔）；不限主题则不填"
    )
    n: int = Field(5, ge=1, description=f"题量，聊天中一次最多 {MAX_QUIZ_ITEMS} 道")
    types: list[Literal["single", "multiple", "tf", "fill"]] | None = Field(
        None, description="题型：single 单选、multiple 多选、tf 判断、fill 填空；不填=各种题型"
    )
    region: str | None = Field(None, max_length=50, description="只用某地区的条款出题，如“丰宁”；没有则不填")
    seed: int = Field(0, ge=0, le=2**31 - 1, description="换一套题时换一个数")


def make_tools(searcher: Searcher, ledger: Ledger, today: date | None = None, compact: bool = False) -> list[BaseTool]:
    """``compact``: screening results as a configured model gets them (compact_screening); the offline composer
    reads the whole result."""
    def search_policy(query: str, region: str | None = None, k: int = 5) -> str:
        result = searcher.search(query, k=k, region=region)
        ledger.searches.append(SearchOutcome(query, result.no_basis, result.no_basis_reason))
        hits = []
        for hit in result.hits:
            ref = ledger.add(hit.citation, _clause_text(hit.title, hit.heading_path, hit.text), hit.region,
                             "search_policy", no_basis=result.no_basis)
            hits.append(
                {
                    "ref": ref,
                    "chunk_id": hit.chunk_id,
                    "title": hit.title,
                    "heading": " > ".join(hit.heading_path),
                    "region": hit.region,
                    "region_match": hit.region_match,
                    "score": hit.score,
                    "sentence": hit.sentence,
                    "text": hit.text,
                }
            )
        out: dict[str, Any] = {"query": query, "regions": result.regions, "no_basis": result.no_basis, "hits": hits}
        out.update(result.answer_context())
        if result.no_basis:
            out["no_basis_reason"] = result.no_basis_reason
            out["advice"] = prompts()["texts"]["referral"]
            ledger.data.append(out["advice"])
            ledger.data.append(result.no_basis_reason)  # it names the years the documents do give
        return _dump(out)

    def get_clause(chunk_id: str) -> str:
        chunk_id = chunk_id.strip()
        if searcher.chunk(chunk_id) is None:
            raise ToolInputError(f"没有编号为 {chunk_id} 的条款；请使用 search_policy 返回的 chunk_id")
        out = []
        for c in searcher.context(chunk_id, before=1, after=1):
            ref = ledger.add(c.citation(), _clause_text(c.title, c.heading_path, c.text), c.region, "get_clause")
            out.append({"ref": ref, "chunk_id": c.chunk_id, "title": c.title, "heading": " > ".join(c.heading_path),
                        "region": c.region, "requested": c.chunk_id == chunk_id, "text": c.text})
        return _dump({"clauses": out})

    def check_eligibility(household: Household | dict[str, Any] | None = None) -> str:
        if isinstance(household, Household):  # validated by the tool's schema; None fields are unknowns
            household = household.model_dump(mode="json", exclude_none=True)
        pending = None
        dropped: list[str] = []
        from_state = household is None
        if household is None:
            # the conversation's own household, as the reader (or the user's edits) left it
            if ledger.state is None or not ledger.state.present():
                raise ToolInputError(prompts()["texts"]["no_household"])
            try:
                outcome = screen(ledger.state, role=ledger.role, today=today, settings=searcher.settings)
            except HouseholdInputError as error:
                raise ToolInputError("家庭情况有误：" + "；".join(error.messages)) from error
            assert outcome is not None
            result, household, pending = outcome.result, outcome.household, outcome.next_question
            dropped = outcome.dropped
        else:
            try:
                result = check_household(household, today=today, settings=searcher.settings)
            except HouseholdInputError as error:
                # name the valid fields, so a model that guessed a name can correct it on the next call
                raise ToolInputError("家庭情况有误：" + "；".join(error.messages) + "。" + _valid_fields()) from error
        ledger.household = household
        out = _screening(result, household, ledger, searcher)
        if dropped:
            out["dropped"] = dropped
            ledger.restated.extend(dropped)  # the user's own words and the bounds: shown as written, no evidence
        if from_state and ledger.state is not None:
            out["understood"] = summary(ledger.state)
            ledger.understood = out["understood"]  # the user's own facts: shown as written, evidence for nothing
        if household is not None and pending is not None:
            ledger.pending = pending
            ledger.follow_up = [pending.text]
            out["follow_up"] = ledger.follow_up
            out["quick_replies"] = pending.options
        ledger.screening = result.model_dump(mode="json")
        ledger.supported = True
        evidence, restated = screening_evidence(out)
        ledger.data.append(evidence)
        ledger.restated.extend(restated)
        return _dump(compact_screening(out) if compact else out)

    def get_parameter(name: str, region: str, date: str | None = None) -> str:
        on = _date(date) if date else (today or _today())
        found = _parameter(name, region, on)
        if found is None:
            out = {"found": False, "name": name, "region": region,
                   "message": prompts()["texts"]["parameter_missing"].format(region=region)}
            ledger.restated.append(out["message"])  # names the asked region: shown as is, no evidence
            return _dump(out)
        citations = found.citations()
        refs = [_register(c, ledger, searcher, "get_parameter") for c in citations]
        ledger.supported = True
        out = {
            "found": True,
            "name": found.name,
            "label": found.label,
            "region": found.region,
            "asked_region": region,
            "value": found.value,
            "unit": found.unit,
            "effective_from": found.effective_from.isoformat() if found.effective_from else None,
            "average": found.average,
            "note": found.note,
            "refs": refs,
            "sources": {str(r): c.quote for r, c in zip(refs, citations, strict=True) if c.in_corpus},
        }
        ledger.data.append(_dump(out))
        return _dump(out)

    def quiz(topic: str | None = None, n: int = 5, types: list[str] | None = None, region: str | None = None,
             seed: int = 0) -> str:
        try:
            made = make_quiz(topic, min(n, MAX_QUIZ_ITEMS), types, seed=seed, region=region, searcher=searcher)
        except ValueError as error:  # unknown topic, type or region
            raise ToolInputError(str(error)) from error
        if not made.items:
            scope = "、".join(x for x in (made.report.region, made.report.topic) if x) or "政策文件库"
            raise ToolInputError(prompts()["texts"]["quiz_empty"].format(scope=scope, topics="、".join(topics())))
        out = _quiz(made, n, ledger, searcher)
        ledger.supported = True
        # stems and options are tool results: their figures (the distractors too) may be shown
        ledger.data.append(_dump(out))
        return _dump(out)

    descriptions = prompts()["tools"]
    return [
        StructuredTool.from_function(search_policy, name="search_policy", description=descriptions["search_policy"],
                                     args_schema=SearchArgs),
        StructuredTool.from_function(get_clause, name="get_clause", description=descriptions["get_clause"],
                                     args_schema=ClauseArgs),
        StructuredTool.from_function(check_eligibility, name="check_eligibility",
                                     description=descriptions["check_eligibility"], args_schema=EligibilityArgs),
        StructuredTool.from_function(get_parameter, name="get_parameter", args_schema=ParameterArgs,
                                     description=f"{descriptions['get_parameter']}参数名：{'、'.join(parameter_names())}"),
        StructuredTool.from_function(quiz, name="make_quiz", args_schema=QuizArgs,
                                     description=f"{descriptions['make_quiz']}主题：{'、'.join(topics())}"),
    ]


# ---- helpers ----------------------------------------------------------------------------------------
def _valid_fields() -> str:
    from assistant.eligibility.models import Household, Member

    return (f"household 可用字段：{', '.join(Household.model_fields)}；members 每项可用字段："
            f"{', '.join(Member.model_fields)}")


def _dump(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False)


def _clause_text(title: str, heading_path: list[str], text: str) -> str:
    # title and headings are part of what an answer may repeat (years in titles, numbered headings)
    return "\n".join([title, *heading_path, text])


def _today() -> date:
    return date.today()


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError as error:
        raise ToolInputError(f"日期应写成 YYYY-MM-DD，收到 {text!r}") from error


def parameter_names() -> list[str]:
    return sorted({n for n, _ in table().entries})


def _parameter(name: str, region: str, on: date) -> Parameter | None:
    t = table()
    names = set(parameter_names())
    labels = {p.label: n for (n, _), versions in t.entries.items() for p in versions}
    key = name.strip()
    key = key if key in names else labels.get(key, "")
    if not key:
        raise ToolInputError(f"没有名为 {name!r} 的参数；可用的参数：{'、'.join(sorted(names))}")
    g = parameter_regions()
    canonical = g.canonical(region) or region
    return t.lookup(key, (canonical, *g.ancestors(canonical), g.national), on)


def _register(citation: Citation, ledger: Ledger, searcher: Searcher, origin: str) -> int:
    if not citation.in_corpus:
        return ledger.add(citation, citation.label(), "", origin)
    chunk = searcher.chunk(citation.chunk_id) if citation.chunk_id else None
    text = _clause_text(chunk.title, chunk.heading_path, chunk.text) if chunk else citation.quote
    return ledger.add(citation, text, chunk.region if chunk else "", origin)


def _quiz(quiz: Quiz, asked: int, ledger: Ledger, searcher: Searcher) -> dict[str, Any]:
    """The items in short, each with the reference number of its clause, and the validator's report."""
    items = []
    for no, item in enumerate(quiz.items, 1):
        items.append(
            {
                "no": no,
                "type": item.type,
                "type_name": TYPE_NAMES[item.type],
                "stem": item.stem,
                "options": item.options if item.type in ("single", "multiple") else [],
                "answer": item.answer_text(),
                "key": item.key,
                "explanation": item.explanation,
                "ref": _register(item.citation, ledger, searcher, "make_quiz"),
            }
        )
    r = quiz.report
    notes = list(r.notes)
    if asked > MAX_QUIZ_ITEMS:
        notes.insert(0, prompts()["texts"]["quiz_capped"].format(max=MAX_QUIZ_ITEMS))
    report = {"requested": r.requested, "generated": r.generated, "topic": r.topic, "region": r.region,
              "types": r.types, "by_type": r.by_type, "candidates": r.candidates, "examined": r.examined,
              "dropped": r.dropped, "notes": notes}
    return {"title": quiz.title, "count": len(items), "items": items, "report": report}


def _screening(result: ScreeningResult, household: dict[str, Any], ledger: Ledger, searcher: Searcher) -> dict:
    programs = []
    missing: list[tuple[str, str]] = []
    sources: dict[str, str] = {}

    def register(c: Citation) -> int:
        ref = _register(c, ledger, searcher, "check_eligibility")
        if c.in_corpus:
            sources[str(ref)] = c.quote
        return ref

    for p in result.results:
        steps = []
        for s in p.steps:
            refs = [register(c) for c in s.basis]
            steps.append({"what": s.what, "subject": s.subject, "value": s.value, "threshold": s.threshold,
                          "unit": s.unit, "passed": s.passed, "refs": refs, "note": s.note})
            if not isinstance(s.value, int | float) and (s.low is not None or s.high is not None):
                steps[-1]["range"] = [s.low, s.high]  # a per-capita income known only as a range
        for m in p.missing:
            missing.append((m.field, m.question))
        programs.append(
            {
                "program": p.program,
                "title": p.title,
                "status": p.status,
                "persons": p.persons,
                "steps": steps,
                "missing": [m.question for m in p.missing],
                # the estimate's bases are the standard's clauses, already cited through the steps
                "estimate": p.estimate.model_dump(exclude={"basis"}) if p.estimate else None,
                "notes": p.notes,
                "next_steps": p.next_steps[:1],
                "refs": [register(c) for c in p.references[:1]],
            }
        )
    ledger.follow_up = follow_up(missing)
    return {
        "household": household,
        "region": result.region,
        "area": result.area,
        "date": result.date.isoformat(),
        "results": programs,
        # spec §5: the household result leads with the reconciled summary (what is likely, for whom, first)
        "summary": {"headline": result.summary.headline, "not_stacked": result.summary.not_stacked}
        if result.summary else None,
        "follow_up": ledger.follow_up,
        "sources": sources,
        "disclaimer": result.disclaimer,
        "notes": result.notes,
    }


def compact_screening(out: dict[str, Any]) -> dict[str, Any]:
    """A screening as sent to a configured model: per program its status and the steps that decide it (the failed
    ones when it fails, the unknown ones when facts are missing, the passed ones when it is met), without the
    household it was given (the model sent it, or the stored one is summed up in `understood`), empty fields or
    the quotes of sources no kept step names. Evidence for the guard is taken from the whole result."""
    decisive = {"meets": (True,), "does_not_meet": (False,), "needs_info": (None, False)}
    programs, used = [], set()
    for p in out["results"]:
        steps = []
        for s in p["steps"]:
            if s["passed"] in decisive.get(p["status"], (True, False, None)):
                steps.append({k: v for k, v in s.items() if v not in (None, "", [])} | {"passed": s["passed"]})
                used.update(s["refs"])
        used.update(p["refs"])
        # how to apply is no help for a program the household does not meet
        dropped = ("next_steps",) if p["status"] == "does_not_meet" else ()
        programs.append({k: v for k, v in {**p, "steps": steps}.items() if v not in (None, "", []) and k not in dropped})
    kept = {k: v for k, v in out.items() if k not in ("household", "results", "sources") and v not in (None, "", [])}
    return {**kept, "results": programs, "sources": {r: q for r, q in out["sources"].items() if int(r) in used}}


def screening_evidence(out: dict[str, Any]) -> tuple[str, list[str]]:
    """What a screening contributes to the citation guard: its policy values (standards, thresholds, estimates,
    conditions, next steps) as evidence, and the texts that repeat the household's own facts (a member's age
    in a question, the income in a formula or a note), which may be shown only as written."""
    restated = [*out.get("follow_up", []), out.get("date") or ""]
    given = {canonical(n.value) for n in find_numbers(_dump(out.get("household") or {}))}
    programs = []
    for p in out["results"]:
        restated += p["missing"]
        steps = []
        for s in p["steps"]:
            restated += [s.get("subject") or "", s.get("note") or ""]
            step = {"what": s["what"], "threshold": s["threshold"], "unit": s["unit"]}
            # what the engine computed (a per-capita income) is evidence; a figure the user gave stays theirs
            computed = [v for v in (s.get("value"), *(s.get("range") or []))
                        if isinstance(v, int | float) and not isinstance(v, bool) and canonical(v) not in given]
            if computed:
                step["computed"] = computed
            steps.append(step)
        estimate = p.get("estimate")
        if estimate:
            restated += [estimate.get("formula") or "", estimate.get("note") or ""]
            estimate = {"yearly": estimate.get("yearly"), "monthly": estimate.get("monthly")}
        programs.append({"title": p["title"], "steps": steps, "estimate": estimate, "notes": p["notes"],
                         "next_steps": p["next_steps"]})
    policy = {"region": out["region"], "results": programs, "sources": out["sources"], "notes": out["notes"],
              "disclaimer": out["disclaimer"]}
    return _dump(policy), [t for t in dict.fromkeys(restated) if t]


def follow_up(missing: list[tuple[str, str]]) -> list[str]:
    """The engine's questions for missing facts, most deciding first, each once."""
    order = [re.compile(p) for p in prompts()["follow_up_order"]]

    def rank(item: tuple[int, tuple[str, str]]) -> tuple[int, int]:
        i, (name, _) = item
        return next((r for r, p in enumerate(order) if p.fullmatch(name)), len(order)), i

    # programs word the same missing fact differently: ask once per fact, in the first wording
    by_field: dict[str, str] = {}
    for _, (name, question) in sorted(enumerate(missing), key=rank):
        by_field.setdefault(name, question)
    return list(dict.fromkeys(by_field.values()))
