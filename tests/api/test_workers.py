"""How many worker processes `assistant serve` starts."""

from __future__ import annotations

import os

from indexer import settings as settings_module
from indexer.settings import Settings, worker_count


def test_an_explicit_worker_count_is_kept():
    assert worker_count(Settings(workers=3)) == 3


def test_auto_is_one_per_core_as_memory_allows(monkeypatch):
    cores = len(os.sched_getaffinity(0))
    monkeypatch.setattr(settings_module, "_available_mb", lambda: 100_000.0)
    assert worker_count(Settings(workers=0, worker_memory_mb=1000)) == cores
    monkeypatch.setattr(settings_module, "_available_mb", lambda: 2500.0)  # half of it holds one 1000 MB worker
    assert worker_count(Settings(workers=0, worker_memory_mb=1000)) == 1
    monkeypatch.setattr(settings_module, "_available_mb", lambda: 100.0)
    assert worker_count(Settings(workers=0, worker_memory_mb=1000)) == 1  # never none
