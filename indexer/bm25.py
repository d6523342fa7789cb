"""Okapi BM25 over pre-tokenised documents (sparse, in memory: the corpus is clause-sized)."""

from __future__ import annotations

import math
from collections import Counter

import numpy as np


class BM25:
    def __init__(self, docs: list[list[str]], k1: float = 1.2, b: float = 0.75):
        self.k1, self.b = k1, b
        self.n = len(docs)
        self.lengths = np.array([len(d) for d in docs], dtype=np.float32)
        self.avg = float(self.lengths.mean()) if self.n else 0.0
        df: Counter[str] = Counter()
        self.postings: dict[str, list[tuple[int, int]]] = {}
        for i, doc in enumerate(docs):
            for term, tf in Counter(doc).items():
                df[term] += 1
                self.postings.setdefault(term, []).append((i, tf))
        self.idf = {t: math.log(1 + (self.n - f + 0.5) / (f + 0.5)) for t, f in df.items()}
        self._norm = self.k1 * (1 - self.b + self.b * self.lengths / max(self.avg, 1e-9))

    def scores(self, query: list[str], weights: dict[str, float] | None = None) -> np.ndarray:
        out = np.zeros(self.n, dtype=np.float32)
        for term, qtf in Counter(query).items():
            postings = self.postings.get(term)
            if not postings:
                continue
            w = self.idf[term] * (weights.get(term, 1.0) if weights else 1.0) * (1 + math.log(qtf))
            idx = np.fromiter((p[0] for p in postings), dtype=np.int64, count=len(postings))
            tf = np.fromiter((p[1] for p in postings), dtype=np.float32, count=len(postings))
            out[idx] += w * tf * (self.k1 + 1) / (tf + self._norm[idx])
        return out
