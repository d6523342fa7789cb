"""The parsed manifest kept in the cache directory: the same documents as parsing it, never a stale copy."""

from __future__ import annotations

import yaml

from indexer import corpus


def _write(corpus_dir, n: int, title: str = "标题") -> None:
    docs = {f"{i:04d}.txt": {"title": f"{title}{i}", "date_published": "2021-01-01", "region": "河北省"} for i in range(n)}
    (corpus_dir / corpus.MANIFEST).write_text(yaml.safe_dump({"documents": docs}, allow_unicode=True), encoding="utf-8")


def test_cached_manifest_equals_parsed_and_follows_edits(tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    monkeypatch.setattr(corpus, "_CACHE_DIR", cache)
    monkeypatch.setattr(corpus, "MANIFEST_CACHE_MIN_BYTES", 0)
    lib = tmp_path / "corpus"
    lib.mkdir()
    _write(lib, 50)
    expected = yaml.safe_load((lib / corpus.MANIFEST).read_text(encoding="utf-8"))["documents"]
    assert corpus.read_manifest(lib) == expected
    assert len(list(cache.glob("manifest-*.pickle"))) == 1
    first = corpus.read_manifest(lib)  # from the cache
    assert first == expected
    first["0000.txt"]["title"] = "改过"  # a caller's edit does not reach the next reader
    assert corpus.read_manifest(lib)["0000.txt"]["title"] == "标题0"
    _write(lib, 51, title="新标题")
    assert corpus.read_manifest(lib)["0050.txt"]["title"] == "新标题50"
    assert corpus.read_manifest(lib)["0000.txt"]["title"] == "新标题0"


def test_broken_cache_file_is_parsed_again_and_old_ones_pruned(tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    monkeypatch.setattr(corpus, "_CACHE_DIR", cache)
    monkeypatch.setattr(corpus, "MANIFEST_CACHE_MIN_BYTES", 0)
    lib = tmp_path / "corpus"
    lib.mkdir()
    _write(lib, 3)
    corpus.read_manifest(lib)
    (path,) = cache.glob("manifest-*.pickle")
    path.write_bytes(b"not a pickle")
    assert corpus.read_manifest(lib)["0002.txt"]["title"] == "标题2"
    for n in range(corpus.MANIFEST_CACHE_KEEP + 3):
        _write(lib, 4 + n)
        assert len(corpus.read_manifest(lib)) == 4 + n
    assert len(list(cache.glob("manifest-*.pickle"))) <= corpus.MANIFEST_CACHE_KEEP


def test_small_manifest_is_not_cached(tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    monkeypatch.setattr(corpus, "_CACHE_DIR", cache)
    lib = tmp_path / "corpus"
    lib.mkdir()
    _write(lib, 2)
    assert set(corpus.read_manifest(lib)) == {"0000.txt", "0001.txt"}
    assert not cache.exists()
    assert corpus.read_manifest(tmp_path) == {}
