"""How a quiz names a clause's source document: its own title in 书名号, or what kind of material it is
when the corpus gives it only a descriptive title (data/sources.yaml)."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path

import yaml
from pydantic import BaseModel

from indexer.models import Chunk


class SourceWords(BaseModel, extra="forbid"):
    schema_: int = 1
    titled: str
    untitled: str
    year: str


@lru_cache
def source_words() -> SourceWords:
    data = yaml.safe_load((Path(__file__).with_name("data") / "sources.yaml").read_text(encoding="utf-8"))
    data["schema_"] = data.pop("schema")
    return SourceWords.model_validate(data)


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def own_titles(chunks: list[Chunk]) -> dict[str, bool]:
    """doc_id → whether the document's text carries its title (a formal name, not a description)."""
    texts: dict[str, list[str]] = {}
    titles: dict[str, str] = {}
    for c in chunks:
        texts.setdefault(c.doc_id, []).append(c.text)
        titles[c.doc_id] = c.title
    return {d: bool(titles[d]) and _squash(titles[d]) in _squash("".join(t)) for d, t in texts.items()}


def source_name(title: str, kind: str, titled: bool) -> str:
    words = source_words()
    if titled or not kind:
        return words.titled.format(title=title)
    return words.untitled.format(kind=kind)


def year_note(year: str, name: str) -> str:
    """“（2021年）” after a name that does not carry its year: targets and standards are of that time."""
    if not year.isdigit() or re.search(r"(?:19|20)\d\d", name):
        return ""
    return source_words().year.format(year=year)
