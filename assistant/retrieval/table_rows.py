"""Rows of one table compete as siblings: every row of a 附件 table carries the table's caption and header
labels, so a question that matches only those (两项补贴 … 标准 of a whole table) scores all its rows alike and,
the rows being short, above the article that answers it. A row is the answer when the question names what
sets it apart from its siblings (a county, a grade, a type); when the best row is no better matched than its
table's typical row, the table's rows step back behind the clauses."""

from __future__ import annotations

import numpy as np

from indexer.clauses import ROW_LABEL
from indexer.models import Chunk

MIN_ROWS = 3  # a table of two rows has no typical row to compare with


def table_groups(chunks: list[Chunk]) -> list[np.ndarray]:
    """The chunk positions of each table's rows (same document, same caption path), tables of MIN_ROWS+."""
    groups: dict[tuple, list[int]] = {}
    for i, c in enumerate(chunks):
        if c.heading_path and ROW_LABEL.match(c.heading_path[-1]):
            groups.setdefault((c.doc_id, *c.heading_path[:-1]), []).append(i)
    return [np.array(ix, dtype=np.int64) for ix in groups.values() if len(ix) >= MIN_ROWS]


def damp_undistinguished_rows(score: np.ndarray, lexical: np.ndarray, groups: list[np.ndarray],
                              margin: float, factor: float) -> np.ndarray:
    """``score`` with the rows of each table whose best lexical match is within ``margin`` of its median row
    multiplied by ``factor`` (tables no row of which is matched at all are left as they are)."""
    out = score
    for rows in groups:
        lex = lexical[rows]
        best = float(lex.max())
        if best <= 0 or best > (1 + margin) * float(np.median(lex)):
            continue
        if out is score:
            out = score.copy()
        out[rows] *= factor
    return out
