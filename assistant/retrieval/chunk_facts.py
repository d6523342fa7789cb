"""Per-chunk facts that come from the assistant's own rules rather than the indexer's: article numbers, whether
a clause states an amount (question.yaml's figures), the numbered clause an item belongs to and its task's
attribute lines (evidence.yaml). One pass over the chunk lines computes them the first time a generation is
loaded with these rules; they are saved beside the generation, so later loads and the other workers map them.

Files in ``gen-<id>/facts-<version>/``: ``articles.npy`` (0 = none), ``amount.npy``, ``parent_of.npy`` (index
into ``facts.json``'s ``parents``), ``attribute_of.npy`` (index into its ``groups``, -1 = none); a group is its
task's attribute lines as ``[holder chunk, label, start, end]``.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import shutil
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from assistant.retrieval import articles as _articles
from assistant.retrieval import evidence as _evidence
from assistant.retrieval import table_rows as _table_rows
from assistant.retrieval.evidence import Attribute
from assistant.retrieval.table_rows import Tables
from assistant.understanding import question as _question
from indexer import clauses as _clauses
from indexer import numerals as _numerals
from indexer.chunk_table import ChunkFile, ChunkTable

_SOURCES = [Path(__file__), Path(_articles.__file__), Path(_evidence.__file__), _evidence._DATA, _question._DATA,
            Path(_table_rows.__file__), Path(_clauses.__file__), Path(_numerals.__file__)]


def facts_version() -> str:
    h = hashlib.sha1()
    for path in _SOURCES:
        h.update(path.read_bytes())
    return h.hexdigest()[:12]


@dataclass
class _Row:
    """The fields of a chunk the rules read, without building the chunk."""

    position: int
    doc_id: str
    text: str
    heading_path: list[str]


@dataclass
class ChunkFacts:
    articles: np.ndarray  # chunk → its article number (0 = none)
    states_amount: np.ndarray  # the chunk states an amount of money or a rate
    parents: list[str]  # per chunk: the numbered clause it is an item of (evidence.parents)
    attribute_of: np.ndarray  # chunk → index into groups, -1 = none
    groups: list[list[tuple[int, str, int, int]]]  # a task's attribute lines: holder chunk, label, value span
    table_of: np.ndarray  # chunk → its table of rows (table_rows.table_groups), -1 = none
    outside: np.ndarray  # in a document organised in articles, in none of them (articles.outside_articles)

    @property
    def tables(self) -> Tables:
        groups = [np.flatnonzero(self.table_of == g) for g in range(int(self.table_of.max()) + 1 if len(self.table_of) else 0)]
        return Tables(groups, self.table_of.astype(np.int64))


def compute(chunks: ChunkFile, positions: Sequence[int] | None = None) -> ChunkFacts:
    """The facts of the chunks at ``positions`` (all by default), which must be whole documents: an item's
    numbered clause and a task's attribute lines are found within its document."""
    positions = range(len(chunks)) if positions is None else positions
    rows = [_Row(i, r["doc_id"], r["text"], r["heading_path"]) for i, r in zip(positions, chunks.rows(positions), strict=True)]
    doc_index: dict[str, int] = {}
    doc_of = np.array([doc_index.setdefault(r.doc_id, len(doc_index)) for r in rows], dtype=np.int64)
    articles = _articles.chunk_articles(rows)  # type: ignore[arg-type]
    money = _money()
    per_chunk = _evidence.task_attributes(rows)  # type: ignore[arg-type]
    group_index: dict[tuple, int] = {}
    attribute_of = np.full(len(rows), -1, dtype=np.int32)
    for i, attrs in enumerate(per_chunk):
        if attrs:
            key = tuple((a.chunk.position, a.label, a.start, a.end) for a in attrs)
            attribute_of[i] = group_index.setdefault(key, len(group_index))
    return ChunkFacts(
        articles=articles,
        states_amount=np.array([bool(money.search(r.text)) for r in rows], dtype=bool),
        parents=_evidence.parents(rows),  # type: ignore[arg-type]
        attribute_of=attribute_of,
        groups=[list(k) for k in group_index],
        table_of=_table_rows.table_groups(rows).group_of,  # type: ignore[arg-type]
        outside=_articles.outside_articles(rows, articles, doc_of),  # type: ignore[arg-type]
    )


def _money() -> re.Pattern[str]:
    """A stated amount of money or a rate (the figures of question.yaml)."""
    figures = _question.question_lexicon().figures
    return re.compile(f"{figures['money']}|{figures['rate']}")


def save(path: Path, facts: ChunkFacts) -> None:
    """Written into a sibling folder and renamed into place: a reader sees all the files or none; of two
    workers computing the same facts at once, the first rename wins and the other's copy is dropped."""
    tmp = Path(tempfile.mkdtemp(prefix=f".{path.name}-", dir=path.parent))
    try:
        uniq = list(dict.fromkeys(facts.parents))
        index = {p: i for i, p in enumerate(uniq)}
        np.save(tmp / "articles.npy", facts.articles.astype(np.int64))
        np.save(tmp / "amount.npy", facts.states_amount.astype(bool))
        np.save(tmp / "parent_of.npy", np.array([index[p] for p in facts.parents], dtype=np.int32))
        np.save(tmp / "attribute_of.npy", facts.attribute_of.astype(np.int32))
        np.save(tmp / "table_of.npy", facts.table_of.astype(np.int64))
        np.save(tmp / "outside.npy", facts.outside.astype(bool))
        (tmp / "facts.json").write_text(json.dumps({"parents": uniq, "groups": facts.groups}, ensure_ascii=False),
                                        encoding="utf-8")
        with contextlib.suppress(OSError):
            os.rename(tmp, path)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def load(path: Path) -> ChunkFacts:
    meta = json.loads((path / "facts.json").read_text(encoding="utf-8"))
    parents = meta["parents"]
    return ChunkFacts(
        articles=np.load(path / "articles.npy"),
        states_amount=np.load(path / "amount.npy"),
        parents=[parents[j] for j in np.load(path / "parent_of.npy").tolist()],
        attribute_of=np.load(path / "attribute_of.npy"),
        groups=[[tuple(a) for a in g] for g in meta["groups"]],
        table_of=np.load(path / "table_of.npy"),
        outside=np.load(path / "outside.npy"),
    )


def derive(gen_dir: Path, chunks: ChunkFile, previous: Path | None = None) -> None:
    """The build's step for this generation: its facts saved before it is switched to. The documents whose
    chunks are the same as in ``previous`` (a generation with facts under the same rules) keep their rows;
    only the other documents are read."""
    path = gen_dir / f"facts-{facts_version()}"
    old_path = previous / path.name if previous is not None else None
    if old_path is None or not (old_path / "facts.json").exists():
        save(path, compute(chunks))
        return
    old, ids, old_ids = load(old_path), _ids(gen_dir), _ids(previous)
    new_docs, old_docs = _doc_ranges(ids, gen_dir), _doc_ranges(old_ids, previous)
    carried, todo = [], []
    for doc, (s, e) in new_docs.items():
        o = old_docs.get(doc)
        if o is not None and old_ids[o[0] : o[1]] == ids[s:e]:
            carried.append((s, e, o[0]))
        else:
            todo.extend(range(s, e))
    fresh = compute(chunks, todo)
    n = len(ids)
    articles, amount = np.zeros(n, dtype=np.int64), np.zeros(n, dtype=bool)
    parents, attribute_of = [""] * n, np.full(n, -1, dtype=np.int32)
    outside, table_key = np.zeros(n, dtype=bool), [None] * n
    group_index: dict[tuple, int] = {}
    for s, e, o in carried:
        articles[s:e], amount[s:e] = old.articles[o : o + e - s], old.states_amount[o : o + e - s]
        parents[s:e] = old.parents[o : o + e - s]
        outside[s:e] = old.outside[o : o + e - s]
        table_key[s:e] = [None if t < 0 else ("old", t) for t in old.table_of[o : o + e - s].tolist()]
        for i in range(s, e):
            g = int(old.attribute_of[o + i - s])
            if g >= 0:  # the holder moves with its document
                key = tuple((h - o + s, label, a, b) for h, label, a, b in old.groups[g])
                attribute_of[i] = group_index.setdefault(key, len(group_index))
    for k, i in enumerate(todo):
        articles[i], amount[i], parents[i] = fresh.articles[k], fresh.states_amount[k], fresh.parents[k]
        outside[i] = fresh.outside[k]
        table_key[i] = None if fresh.table_of[k] < 0 else ("fresh", int(fresh.table_of[k]))
        g = int(fresh.attribute_of[k])
        if g >= 0:
            attribute_of[i] = group_index.setdefault(tuple(fresh.groups[g]), len(group_index))
    # tables numbered in the order their first row appears, as table_groups numbers them
    table_index: dict[tuple, int] = {}
    table_of = np.array([-1 if t is None else table_index.setdefault(t, len(table_index)) for t in table_key], dtype=np.int64)
    save(path, ChunkFacts(articles, amount, parents, attribute_of, [list(k) for k in group_index], table_of, outside))


def _ids(gen_dir: Path) -> list[str]:
    return (gen_dir / "ids.txt").read_text(encoding="utf-8").split()


def _doc_ranges(ids: list[str], gen_dir: Path) -> dict[str, tuple[int, int]]:
    table = ChunkTable.load(gen_dir)
    bounds = np.flatnonzero(np.diff(table.doc_of)) + 1
    starts, ends = np.r_[0, bounds], np.r_[bounds, len(ids)]
    return {table.doc_ids[table.doc_of[s]]: (int(s), int(e)) for s, e in zip(starts, ends, strict=True)} if ids else {}


def facts_for(gen_dir: Path, chunks: ChunkFile) -> ChunkFacts:
    """The saved facts of this generation under the current rules, computed and saved when there are none
    (a folder that cannot be written is no error: the facts are computed again at the next load)."""
    path = gen_dir / f"facts-{facts_version()}"
    if (path / "facts.json").exists():
        with contextlib.suppress(OSError, ValueError, KeyError):
            got = load(path)
            if len(got.articles) == len(chunks):
                return got
    facts = compute(chunks)
    with contextlib.suppress(OSError):
        save(path, facts)
    return facts


class Attributes(Sequence[tuple[Attribute, ...]]):
    """Per chunk its task's attribute lines (evidence.task_attributes), their holder chunks parsed when asked."""

    def __init__(self, facts: ChunkFacts, chunks: ChunkFile):
        self._of = facts.attribute_of
        self._groups = facts.groups
        self._chunks = chunks
        self._built: dict[int, tuple[Attribute, ...]] = {}

    def __len__(self) -> int:
        return len(self._of)

    def _group(self, g: int) -> tuple[Attribute, ...]:
        got = self._built.get(g)
        if got is None:
            got = self._built[g] = tuple(Attribute(self._chunks[h], label, s, e) for h, label, s, e in self._groups[g])
        return got

    def __getitem__(self, i):  # type: ignore[override]
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        g = int(self._of[i])
        return () if g < 0 else self._group(g)

    def __iter__(self) -> Iterator[tuple[Attribute, ...]]:
        for i in range(len(self)):
            yield self[i]
