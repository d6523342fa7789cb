"""The household a conversation has described, typed, with the provenance of every fact.

This is the reader's view, richer than the engine's input (ranges, income kinds, household size,
people named but not in the household); ``adapter.to_households`` maps it onto the eligibility model.
Stored per conversation as one JSON document (``ConversationStore.state``), never in prompt text.
"""

from __future__ import annotations

from typing import Any, Generic, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field

from assistant.understanding.tables import people

T = TypeVar("T")
How = Literal["stated", "inferred", "corrected"]
Relation = Literal[
    "self", "spouse", "child", "parent", "grandparent", "grandchild", "sibling", "parent_in_law", "child_in_law",
    "other",
]
Category = Literal["none", "physical", "visual", "hearing", "speech", "intellectual", "mental", "multiple"]
Student = Literal["none", "compulsory", "senior_high", "vocational", "college"]
Supporters = Literal["none", "unable", "able"]
IncomeKind = Literal["pension", "wage", "migrant_work", "farming", "business", "dibao", "subsidy", "other"]
ParentSituation = Literal[
    "normal", "deceased", "missing", "severe_disability", "serious_illness", "imprisoned", "drug_rehab",
    "restricted", "lost_contact",
]
EventKind = Literal[
    "none", "fire", "traffic_accident", "accident", "serious_illness", "disaster", "expense_surge", "other"
]
Labour = Literal["none", "partial", "full"]
Gone = Literal["deceased", "apart", "divorced"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Quantity(_Model):
    """A figure as said: a point (min == max) or a range (一千多 → 1000–1999)."""

    min: float
    max: float

    @classmethod
    def point(cls, value: float) -> Quantity:
        return cls(min=value, max=value)

    @property
    def exact(self) -> bool:
        return self.min == self.max

    def scaled(self, factor: float) -> Quantity:
        return Quantity(min=self.min * factor, max=self.max * factor)

    def plus(self, other: Quantity) -> Quantity:
        return Quantity(min=self.min + other.min, max=self.max + other.max)

    def label(self) -> str:
        def num(v: float) -> str:
            return f"{v:.0f}" if v == int(v) else f"{v:.2f}".rstrip("0")
        return num(self.min) if self.exact else f"{num(self.min)}–{num(self.max)}"


class Fact(_Model, Generic[T]):
    """One fact and where it came from: the user message (0-based index) and the words."""

    value: T
    how: How = "stated"
    message: int = 0
    words: str = ""
    at: int | None = None  # where the words start in that message (the order of facts said in one message)


class Disability(_Model):
    category: Category | None = None
    grade: int | None = None
    certified: bool | None = None


class Person(_Model):
    key: str  # p1, p2 … stable within the conversation
    label: str  # how the speaker named them (母亲, 老伴, 申请人)
    speaker: str | None = None  # relation to the speaker (people.yaml `speaker`)
    kin: str | None = None  # kinship path from the speaker (people.yaml `kin`: P parent, C child, S spouse)
    gender: Literal["m", "f"] | None = None
    vague: bool = False  # named by a word that does not say who they are (老两口, 户主): a later word may
    named: bool = True  # False for the applicant a message implies without naming (七十三了，一个人住)
    parent_of: str | None = None  # Person.key of the child this is the father / mother of (她爸, 孩子他妈)
    relation: Fact[Relation] | None = None  # to the applicant
    gone: Fact[Gone] | None = None  # named but not a member (dead, living apart)
    age: Fact[Quantity] | None = None
    disability: Fact[Disability] | None = None
    serious_illness: Fact[bool] | None = None
    needs_long_term_care: Fact[bool] | None = None
    labour_capacity: Fact[Labour] | None = None
    student: Fact[Student] | None = None
    income_yearly: Fact[Quantity] | None = None
    income_kind: Fact[IncomeKind] | None = None
    income_excluded_yearly: Fact[Quantity] | None = None
    legal_supporters: Fact[Supporters] | None = None
    parents_situation: Fact[list[ParentSituation | None]] | None = None  # [father, mother]
    priority_care_recipient: Fact[bool] | None = None
    no_spouse: Fact[bool] | None = None  # 没结过婚, 光棍, 老伴走了
    no_children: Fact[bool] | None = None  # 没孩子, 没儿没女

    @property
    def member(self) -> bool:
        return self.gone is None


class RegionValue(_Model):
    province: str | None = None
    prefecture: str | None = None
    county: str | None = None


class Status(_Model):
    dibao: Fact[bool] | None = None
    tekun: Fact[bool] | None = None
    poverty_alleviated: Fact[bool] | None = None
    monitored: Fact[bool] | None = None


class Event(_Model):
    kind: Fact[EventKind] | None = None
    severe_hardship: Fact[bool] | None = None
    in_home_region: Fact[bool] | None = None


class LocalStandards(_Model):
    dibao_standard_yearly: Fact[float] | None = None
    rural_dibao_standard_yearly: Fact[float] | None = None
    urban_dibao_standard_yearly: Fact[float] | None = None
    tekun_standard_yearly: Fact[float] | None = None
    low_income_monitoring_threshold_yearly: Fact[float] | None = None


class Everyone(_Model):
    """Said of the whole household at once (家里没人有残疾证): applies to each member not described otherwise."""

    no_disability: Fact[bool] | None = None
    no_serious_illness: Fact[bool] | None = None


class PendingQuestion(_Model):
    """The question the assistant asked last, so a bare 有 / 没有 / 一个 answers it."""

    field: str  # the engine's field path, e.g. members[0].legal_supporters, assets_within_limit
    person: str | None = None  # Person.key the question is about
    text: str
    options: list[str] = Field(default_factory=list)


class HouseholdState(_Model):
    members: list[Person] = Field(default_factory=list)
    applicant: str | None = None  # Person.key
    speaker_is_member: bool | None = None
    household_size: Fact[int] | None = None
    household_income_yearly: Fact[Quantity] | None = None
    per_capita_income_yearly: Fact[Quantity] | None = None
    assets_amount: Fact[Quantity] | None = None
    assets_within_limit: Fact[bool] | None = None
    region: Fact[RegionValue] | None = None
    area: Fact[Literal["rural", "urban"]] | None = None
    year: Fact[int] | None = None
    local: LocalStandards = Field(default_factory=LocalStandards)
    status: Status = Field(default_factory=Status)
    event: Event = Field(default_factory=Event)
    everyone: Everyone = Field(default_factory=Everyone)
    income_excluded_yearly: Fact[Quantity] | None = None
    rigid_expenses_yearly: Fact[Quantity] | None = None
    employment_costs_yearly: Fact[Quantity] | None = None
    pending: PendingQuestion | None = None
    # facts the user said they do not know (missing-fact patterns, as in dialogue.yaml `ask`): not asked again
    unknown: list[str] = Field(default_factory=list)
    messages: int = 0  # user messages read so far (the next message's index)
    role: Literal["citizen", "caseworker"] | None = None  # who is talking, once known
    # the programs the conversation last asked about by name (engine ids): their deciding facts are asked first
    focus: list[str] = Field(default_factory=list)

    def person(self, key: str | None) -> Person | None:
        return next((p for p in self.members if p.key == key), None)

    def present(self) -> list[Person]:
        return [p for p in self.members if p.member]

    def new_person(self, label: str, speaker: str | None, kin: str | None = None) -> Person:
        p = Person(key=f"p{len(self.members) + 1}", label=label, speaker=speaker, kin=kin)
        self.members.append(p)
        return p

    @property
    def empty(self) -> bool:
        data = self.model_dump(exclude={"pending", "messages", "speaker_is_member", "applicant", "role", "focus"}, exclude_none=True)
        return not any(v for v in data.values())

    def slots(self) -> dict[str, Any]:
        """The state as plain slot values (ranges as {min, max}), the shape the utterance sets are written in."""
        def val(f: Fact[Any] | None) -> Any:
            if f is None:
                return None
            v = f.value
            if isinstance(v, Quantity):
                return v.min if v.exact else {"min": v.min, "max": v.max}
            if isinstance(v, BaseModel):
                return v.model_dump(exclude_none=True)
            return v

        out: dict[str, Any] = {}
        for name in ("household_size", "household_income_yearly", "assets_amount", "assets_within_limit",
                     "area", "year", "income_excluded_yearly", "rigid_expenses_yearly", "employment_costs_yearly",
                     "per_capita_income_yearly"):
            v = val(getattr(self, name))
            if v is not None:
                out[name] = v
        if self.region is not None:
            out["region"] = val(self.region)
        for group in ("local", "status", "event"):
            values = {k: val(getattr(getattr(self, group), k)) for k in type(getattr(self, group)).model_fields}
            values = {k: v for k, v in values.items() if v is not None}
            if values:
                out["local_parameters" if group == "local" else group] = values
        members = []
        for p in self.present():
            m: dict[str, Any] = {}
            for name in Person.model_fields:
                if name in ("key", "label", "speaker", "kin", "gender", "vague", "gone", "named", "parent_of"):
                    continue
                v = val(getattr(p, name))
                if name == "relation" and v is not None:
                    v = people().engine_relation.get(v, "other")  # the engine's (narrower) relations
                if v is not None:
                    m[name] = v
            # what was said of everyone (家里都没有残疾) holds for each member not described otherwise
            if "disability" not in m and self.everyone.no_disability is not None:
                m["disability"] = {"category": "none"}
            if "serious_illness" not in m and self.everyone.no_serious_illness is not None:
                m["serious_illness"] = False
            # the speaker implied beside the relatives they name (我老伴…, 我家闺女…) is a member all the same
            if p.named or len(m) > 1 or any(q.named for q in self.present()):
                members.append(m)
        if members:
            out["members"] = members
        return out
