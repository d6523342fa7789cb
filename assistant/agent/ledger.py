"""What the tools returned in one turn: numbered citable sources and the other evidence.

Every citable source (a clause, a rule basis, a parameter source) gets a reference number the model
writes as ``[n]``; the guard accepts only those numbers, and checks figures against this evidence.

Figures are supported by the cited clauses and by ``data`` (policy values the tools returned). The user's own
facts are not evidence: the household given to check_eligibility may be restated only where the answer
restates the household, and ``restated`` texts (a screening's formulas and questions that repeat the user's
facts, tool error messages) may be shown as the tool wrote them but support no other figure.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from assistant.understanding.state import HouseholdState, PendingQuestion
from assistant.understanding.what_if import Change
from indexer.models import Citation


@dataclass
class Source:
    ref: int
    citation: Citation
    text: str  # the whole clause (or the quoted words of an external basis)
    region: str  # region of the document the clause belongs to; "" for national or external bases
    origin: str  # tool name
    no_basis: bool = False  # came from a search that found no basis for the question


@dataclass
class SearchOutcome:
    query: str
    no_basis: bool
    reason: str


@dataclass
class Ledger:
    sources: list[Source] = field(default_factory=list)
    # policy values that are not clauses: parameter values, screening results without the household's facts,
    # quiz items, the product's referral text
    data: list[str] = field(default_factory=list)
    restated: list[str] = field(default_factory=list)  # tool texts allowed verbatim only (see above)
    # the household restated in words (view.summary): verbatim only while every figure in it is one the user gave
    understood: str = ""
    searches: list[SearchOutcome] = field(default_factory=list)
    household: dict[str, Any] | None = None  # the household given to the last check_eligibility call
    screening: dict[str, Any] | None = None  # its result, when it ran
    follow_up: list[str] = field(default_factory=list)
    state: HouseholdState | None = None  # the conversation's household as understood this turn
    role: str = "citizen"  # who is talking: citizen | caseworker (how questions are phrased)
    pending: PendingQuestion | None = None  # the single next question the screening asks
    # this turn is a what-if: the facts it changed (shown before the screening), and whether it only moved the
    # screening's frame (year, local standard), which later turns continue from
    what_if: list[Change] | None = None
    what_if_frame: bool = False
    supported: bool = False  # a tool other than search gave a basis (a screening, a parameter with its source)

    def add(self, citation: Citation, text: str, region: str, origin: str, no_basis: bool = False) -> int:
        key = _key(citation)
        for s in self.sources:
            if _key(s.citation) == key:
                # a clause found again by a search that does have a basis is no longer suspect
                s.no_basis = s.no_basis and no_basis
                return s.ref
        ref = len(self.sources) + 1
        self.sources.append(Source(ref, citation, text, region, origin, no_basis))
        return ref

    def get(self, ref: int) -> Source | None:
        return self.sources[ref - 1] if 0 < ref <= len(self.sources) else None

    @property
    def no_basis(self) -> bool:
        """The turn searched the policy files, every search found no basis, and nothing else gave one."""
        return bool(self.searches) and all(s.no_basis for s in self.searches) and not self.supported


def _key(c: Citation) -> tuple[str, ...]:
    # one number per quoted passage: a citation's quote is what the answer quotes next to its marker
    return (c.chunk_id or c.doc_id, c.quote) if c.in_corpus else ("external", c.regulation, c.article)
