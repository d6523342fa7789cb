"""A trainer's edit of one item (options, key, accepted answers, explanation), applied and re-validated."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml
from pydantic import BaseModel, Field

from .corpus import CorpusIndex
from .models import QuizItem
from .validator import validate

EXPLANATION_MAX = 1000


class ItemEdit(BaseModel):
    """Fields a trainer changed; None = unchanged."""

    stem: str | None = Field(None, min_length=1, max_length=500)
    options: list[str] | None = Field(None, min_length=2, max_length=7)
    answer: list[int] | None = Field(None, min_length=1, max_length=7)
    accepted: list[str] | None = Field(None, min_length=1, max_length=10)
    explanation: str | None = Field(None, max_length=EXPLANATION_MAX)


@lru_cache
def reasons() -> dict[str, str]:
    return yaml.safe_load((Path(__file__).with_name("data") / "reasons.yaml").read_text(encoding="utf-8"))


def reason_text(reason: str) -> str:
    return reasons().get(reason, reason)


def apply_edit(item: QuizItem, edit: ItemEdit) -> tuple[QuizItem, str | None]:
    """(the edited item, None) or (the item unchanged, reason) when the edit cannot stand."""
    update: dict = {}
    if edit.explanation is not None:
        if not edit.explanation.strip():
            return item, "explanation_empty"
        update["explanation"] = edit.explanation.strip()
    if edit.stem is not None and edit.stem.strip() != item.stem:
        update |= {"stem": edit.stem.strip(), "stem_edited": True}
    if edit.options is not None or edit.answer is not None:
        if item.case is not None:
            return item, "case_options_fixed"
        options = [o.strip() for o in (edit.options if edit.options is not None else item.options)]
        answer = sorted(set(edit.answer if edit.answer is not None else item.answer))
        if any(not 0 <= i < len(options) for i in answer) or not all(options):
            return item, "malformed"
        if item.type in ("single", "multiple"):
            update |= {
                "options": options,
                "answer": answer,
                "key": [options[i] for i in answer],
                "distractors": [o for i, o in enumerate(options) if i not in answer],
            }
        elif item.type == "tf" and answer != item.answer:
            return item, "tf_statement_mismatch"  # the statement, not the verdict, is what a trainer edits
    if edit.accepted is not None:
        accepted = [a.strip() for a in edit.accepted if a.strip()]
        if item.type != "fill" or not accepted:
            return item, "malformed"
        update["accepted"] = accepted
    return item.model_copy(update=update), None


def revalidate(item: QuizItem, corpus: CorpusIndex) -> str | None:
    return validate(item, corpus, edited=item.stem_edited)
