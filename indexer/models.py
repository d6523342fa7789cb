"""Data shapes shared by every layer: documents, chunks and the one citation type."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field


class DocumentMeta(BaseModel):
    """Metadata of one corpus document (from corpus/manifest.yaml or defaults)."""

    doc_id: str
    title: str
    issuer: str = ""
    region: str = ""
    level: Literal["national", "province", "prefecture", "county", "mixed", ""] = ""
    date_written: str | None = None
    date_published: str | None = None
    date_effective: str | None = None
    doc_number: str = ""
    kind: str = ""
    source_path: str = ""
    # fields read from the document's text rather than given by the manifest (shown as guesses)
    guessed: list[str] = Field(default_factory=list)


class Citation(BaseModel):
    """Where a statement comes from.

    Inside the corpus: document, heading path, chunk id, the quoted words and their
    character offsets in the original document text. Outside the corpus (a national
    regulation whose text we do not hold): its name and article, ``in_corpus=False``.
    """

    in_corpus: bool = True
    doc_id: str = ""
    title: str = ""
    heading_path: list[str] = Field(default_factory=list)
    chunk_id: str = ""
    quote: str = ""
    start: int | None = None
    end: int | None = None
    regulation: str = ""
    article: str = ""

    def label(self) -> str:
        if not self.in_corpus:
            return f"{self.regulation}{self.article}（外部法规，非本库文件）"
        path = " > ".join(self.heading_path)
        return f"《{self.title}》{path}" if path else f"《{self.title}》"


class Chunk(BaseModel):
    """One clause, or a sentence-bounded part of a long clause."""

    chunk_id: str
    doc_id: str
    title: str
    heading_path: list[str]
    text: str
    start: int
    end: int
    region: str = ""
    level: str = ""
    date: str | None = None
    kind: str = ""
    ordinal: int = 0

    def citation(self, quote: str | None = None, start: int | None = None, end: int | None = None) -> Citation:
        return Citation(
            doc_id=self.doc_id,
            title=self.title,
            heading_path=self.heading_path,
            chunk_id=self.chunk_id,
            quote=quote if quote is not None else self.text,
            start=self.start if start is None else start,
            end=self.end if end is None else end,
        )
