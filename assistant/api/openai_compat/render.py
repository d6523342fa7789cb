"""The answer as a plain chat client shows it: the service's markdown with its [n] markers, then a 引用 list that
names, for each marker, the document, the clause path and the quoted words."""

from __future__ import annotations

import re

from assistant.agent.service import ChatAnswer
from indexer.models import Citation

_SPACE = re.compile(r"\s+")


def citation_list(citations: list[Citation]) -> str:
    """Appended to the answer text (in a stream, as its last content piece); empty when nothing is cited."""
    if not citations:
        return ""
    lines = [f"- [{n}] {_cited(c)}" for n, c in enumerate(citations, 1)]
    return "\n\n**引用**\n\n" + "\n".join(lines)


def content(answer: ChatAnswer) -> str:
    return answer.answer + citation_list(answer.citations)


def _cited(c: Citation) -> str:
    quote = _SPACE.sub(" ", c.quote).strip()  # one line each, so the list stays a list in markdown
    return f"{c.label()}：“{quote}”" if quote else c.label()
