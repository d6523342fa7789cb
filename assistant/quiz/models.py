"""Quiz shapes: items with their answer key and clause citation, the generation report, the request."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from indexer.models import Citation

from .export_labels import export_labels

ItemType = Literal["single", "multiple", "tf", "fill"]
ITEM_TYPES: tuple[str, ...] = ("single", "multiple", "tf", "fill")
TYPE_NAMES = export_labels().types  # 单选 … (data/export_labels.yaml)
Difficulty = Literal["easy", "medium", "hard"]
DIFFICULTIES: tuple[str, ...] = ("easy", "medium", "hard")
Bloom = Literal["remember", "understand", "apply"]
BLOOM_NAMES = export_labels().bloom
DIFFICULTY_NAMES = export_labels().difficulty

TF_OPTIONS = ["正确", "错误"]
# Marks where the tested fact stood in the sentence; choice stems show it, fill stems use a line.
BLANK = "（　）"
FILL_BLANK = "______"


class CaseOption(BaseModel):
    """One option of a case item as a claim about the engine's result (checked again on every edit)."""

    text: str
    claim: Literal["meets", "does_not_meet", "needs_info"]
    failed: list[str] = Field(default_factory=list, description="the conditions it says are not met")
    missing: list[str] = Field(default_factory=list, description="needs_info: the facts it says must be asked first")
    misconception: str | None = Field(None, description="the wrong reasoning it rests on (cases.yaml)")
    program: str | None = Field(None, description="“which programs” items: the program this option names")


class CaseSpec(BaseModel):
    program: str  # the program asked, or "programs" for a “which programs does the household meet” item
    household: dict = Field(description="household JSON the rules engine screens")
    options: list[CaseOption]
    setting: str = ""


class QuizItem(BaseModel):
    id: str
    type: ItemType
    stem: str
    options: list[str] = Field(default_factory=list, description="choice texts; tf: 正确/错误; fill: empty")
    answer: list[int] = Field(default_factory=list, description="indices of the correct options")
    accepted: list[str] = Field(default_factory=list, description="fill: every accepted answer")
    key: list[str] = Field(
        description="the answer: the correct option text(s) or accepted fill value(s); tf: 正确 or 错误"
    )
    clause_value: list[str] = Field(
        default_factory=list,
        description="clause true/false items: the fact value as the cited clause has it (a false statement's "
        "corrected value)",
    )
    distractors: list[str] = Field(
        default_factory=list, description="wrong values shown (tf: the changed fact)"
    )
    cloze: str = Field(description="the statement with the tested fact replaced by the blank")
    scope: str = Field("", description="the task heading a responsibility/deadline fact belongs to")
    explanation: str
    citation: Citation
    difficulty: Difficulty
    difficulty_score: float = 0.0
    difficulty_signals: dict[str, float] = Field(default_factory=dict, description="what the estimate rests on")
    bloom: Bloom = "remember"
    topics: list[str] = Field(default_factory=list)
    fact_kind: str
    fact_key: str = Field("", description="identity of the tested fact: one per quiz and per trainer's quizzes")
    marks: list[str] = Field(
        default_factory=list,
        description="what the item uses up beyond its fact (its sentence, its value in a document): kept in "
        "the trainer's history so a later quiz does not ask the same sentence again",
    )
    paraphrased: bool = False
    stem_edited: bool = Field(False, description="a trainer rewrote the stem: it is no longer checked as the clause's")
    value: float = Field(1.0, description="training value of the tested fact (data/value.yaml)")
    case: CaseSpec | None = None

    def values(self) -> list[str]:
        """The clause's value(s) the item tests (what the leak and grounding checks look for)."""
        return self.clause_value if self.type == "tf" else self.key

    def answer_text(self) -> str:
        if self.type == "fill":
            return " / ".join(self.accepted)
        if self.type == "tf":
            return self.options[self.answer[0]]
        return "".join("ABCDEFG"[i] for i in self.answer)


class QuizReport(BaseModel):
    requested: int
    generated: int
    types: list[str]
    topic: str | None = None
    region: str | None = None
    doc_id: str | None = None
    seed: int = 0
    candidates: int = Field(0, description="fact × type combinations available for the selection")
    examined: int = Field(0, description="candidates built and validated before the quiz was full")
    dropped: dict[str, int] = Field(default_factory=dict, description="candidates dropped, by reason")
    skipped_duplicates: int = Field(0, description="candidates skipped because their fact was already tested")
    set_aside: int = Field(0, description="valid items left out to keep the quiz's mix (case outcomes, difficulty)")
    by_type: dict[str, int] = Field(default_factory=dict)
    by_kind: dict[str, int] = Field(default_factory=dict)
    by_bloom: dict[str, int] = Field(default_factory=dict)
    by_difficulty: dict[str, int] = Field(default_factory=dict)
    llm_used: bool = False
    llm_errors: list[str] = Field(
        default_factory=list, description="failed model calls (rephrasing then stops; original stems are kept)"
    )
    notes: list[str] = Field(default_factory=list)

    @property
    def dropped_total(self) -> int:
        return sum(self.dropped.values())


class Quiz(BaseModel):
    title: str
    items: list[QuizItem]
    report: QuizReport


class QuizRequest(BaseModel):
    """What a trainer asks for (API body, CLI options, the chat agent's tool arguments)."""

    topic: str | None = Field(
        None, max_length=60, description="e.g. 低保 or 低保,特困 (several); empty = all topics"
    )
    n: int = Field(10, ge=1, le=60)
    types: list[ItemType] | None = Field(None, description="default: all four types")
    seed: int = Field(0, ge=0, le=2**31 - 1)
    region: str | None = Field(None, max_length=50, description="only clauses of this region, e.g. 丰宁")
    doc_id: str | None = Field(None, max_length=200)
    clause_ids: list[str] | None = Field(None, max_length=500, description="explicit clause (chunk) ids")
    apply_share: float | None = Field(
        None, ge=0, le=1, description="share of case (application) items; default: 0.3 in a quiz without types"
    )
    difficulty_mix: dict[Difficulty, float] | None = Field(None, description="wanted shares, e.g. {easy: 1, hard: 1}")
    exclude_facts: list[str] | None = Field(None, max_length=2000, description="fact_key of items not to repeat")
    avoid_repeats: bool = Field(False, description="also leave out every fact this API key's quizzes asked")
