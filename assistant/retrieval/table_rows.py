"""Rows of one table compete as siblings: every row of a 附件 table carries the table's caption and header
labels, so a question that matches only those (两项补贴 … 标准 of a whole table) scores all its rows alike and,
the rows being short, above the article that answers it. A row is the answer when the question names what
sets it apart from its siblings (a county, a grade, a type); when the best row is no better matched than its
table's typical row, the table's rows step back behind the clauses."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from indexer.clauses import ROW_LABEL
from indexer.models import Chunk

MIN_ROWS = 3  # a table of two rows has no typical row to compare with


@dataclass(frozen=True)
class Tables:
    """The rows of each table of MIN_ROWS+ rows (chunk positions), and per chunk its table (-1: none)."""

    groups: list[np.ndarray]
    group_of: np.ndarray


def table_groups(chunks: list[Chunk]) -> Tables:
    """Each table's rows: chunks of one document under one caption path whose last heading is a row label."""
    by_table: dict[tuple, list[int]] = {}
    for i, c in enumerate(chunks):
        if c.heading_path and ROW_LABEL.match(c.heading_path[-1]):
            by_table.setdefault((c.doc_id, *c.heading_path[:-1]), []).append(i)
    groups = [np.array(ix, dtype=np.int64) for ix in by_table.values() if len(ix) >= MIN_ROWS]
    group_of = np.full(len(chunks), -1, dtype=np.int64)
    for g, rows in enumerate(groups):
        group_of[rows] = g
    return Tables(groups, group_of)


def damp_undistinguished_rows(score: np.ndarray, lexical: np.ndarray, tables: Tables, margin: float,
                              factor: float, pool: int = 50) -> np.ndarray:
    """``score`` with the rows of each table whose best lexical match is within ``margin`` of its median row
    multiplied by ``factor``. Only tables with a row among the ``pool`` best-scored chunks are looked at (the
    others cannot change the ranking); tables no row of which is matched at all are left as they are."""
    if not tables.groups or not len(score):
        return score
    top = np.argpartition(-score, min(pool, len(score)) - 1)[:pool] if len(score) > pool else np.arange(len(score))
    live = {int(g) for g in tables.group_of[top] if g >= 0}
    out = score
    for g in sorted(live):
        rows = tables.groups[g]
        lex = lexical[rows]
        best = float(lex.max())
        if best <= 0 or best > (1 + margin) * float(np.median(lex)):
            continue
        if out is score:
            out = score.copy()
        out[rows] *= factor
    return out
