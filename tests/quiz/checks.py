"""Checks written apart from the validator, with their own reading of "found in a clause": the test
suite's second opinion on every generated item."""

from __future__ import annotations

import re
import unicodedata

from assistant.quiz.models import BLANK, FILL_BLANK, QuizItem
from indexer.models import Chunk

_DROP = re.compile(r"[\s“”‘’\"'「」]")
WINDOW = 3  # characters beside the blank that a distractor must not be found next to


def squash(text: str) -> str:
    return _DROP.sub("", unicodedata.normalize("NFKC", text)).lower()


def key_found(item: QuizItem, clause: Chunk) -> bool:
    """Every answer value is written in the cited clause (a region answer: the region it is about)."""
    text = squash(clause.text)
    for key in item.values():
        if item.fact_kind == "region":
            if key not in clause.region and key not in "".join(clause.heading_path[:1]):
                return False
        elif squash(key) not in text:
            return False
    return squash(item.citation.quote) in text


def options_match_key(item: QuizItem) -> bool:
    if item.type in ("single", "multiple"):
        return sorted(squash(item.options[i]) for i in item.answer) == sorted(squash(k) for k in item.key)
    if item.type == "tf":
        return item.options[item.answer[0]] == ("错误" if item.distractors else "正确")
    return all(squash(k) in {squash(a) for a in item.accepted} for k in item.key)


def distractor_found_as_answer(item: QuizItem, clauses: list[Chunk]) -> str | None:
    """A distractor some clause states where the stem's blank is, or None."""
    body = re.sub(r"^(根据|据)(《[^》]*》|本库收录的政策文件)(介绍)?，", "", item.cloze)
    left, _, right = body.replace(FILL_BLANK, BLANK).partition(BLANK)
    left, right = squash(left)[-WINDOW:], squash(right)[:WINDOW]
    for d in item.distractors:
        dd = squash(d)
        for c in clauses:
            text = squash(c.text)
            if item.fact_kind == "region":
                statement = right + squash(body.partition(BLANK)[2])[WINDOW : WINDOW + 9]
                if (d in c.region or d[:2] in c.region) and statement and statement in text:
                    return f"{d} also did: {statement}"
                continue
            if (
                item.scope
                and c.doc_id == item.citation.doc_id
                and item.scope in c.heading_path
                and dd in text
            ):
                return f"{d} is listed for the same task in {c.chunk_id}"
            if left and left.isalnum() and re.search(re.escape(left + dd) + r"(?![\d.])", text):
                return f"{d} follows {left!r} in {c.chunk_id}"
            if right and right.isalnum() and re.search(r"(?<![\d.])" + re.escape(dd + right), text):
                return f"{d} precedes {right!r} in {c.chunk_id}"
    return None


def fact_identity(item: QuizItem) -> tuple:
    """Same document, same answer values, same task (and for a region question the same statement);
    a case: the same program and household."""
    if item.case is not None:
        return "case", item.case.program, repr(sorted(item.case.household.items()))
    extra = item.citation.quote if item.fact_kind == "region" else ""
    return item.citation.doc_id, frozenset(squash(k) for k in item.values()), item.scope, extra
