"""Memo for the evidence judge (evidence.py): what depends on the question only is worked out once per part of a
search instead of once per candidate sentence.

The judge reads every sentence of the best-ranked clauses against each part of the question. What a question
word weighs and which expansions stand for it is the same for all those sentences. (What depends on one clause
only, its sentence spans, normalised text, figures and programs, is already kept per text by evidence.py's own
caches.) The memoised functions are pure; this module only remembers their results, so a search gives the same
verdict with or without it (tests/retrieval/test_evidence_cache.py pins that on the seed corpus).

``per_call`` keys on the identity of its arguments: the judge passes the very same list and dict objects for all
the sentences of one part and never changes them. An entry holds its arguments, so their ids cannot be reused by
other objects while it lives.
"""

from __future__ import annotations

import operator
import threading
from collections import OrderedDict
from collections.abc import Callable
from contextlib import contextmanager
from typing import Any, TypeVar

T = TypeVar("T")

_MAX = 256  # parts of the searches running at once, with room to spare

_lock = threading.Lock()
_calls: OrderedDict[tuple, tuple[tuple, Any]] = OrderedDict()
_enabled = [True]


def per_call(fn: Callable[..., T], *args: Any) -> T:
    """``fn(*args)``, remembered for these very argument objects."""
    if not _enabled[0]:
        return fn(*args)
    key = (fn, *map(id, args))
    got = _calls.get(key)
    if got is not None and all(map(operator.is_, got[0], args)):
        return got[1]
    value = fn(*args)
    with _lock:
        _calls[key] = (args, value)
        while len(_calls) > _MAX:
            _calls.popitem(last=False)
    return value


@contextmanager
def disabled():
    """Everything computed afresh (the test that pins the memo compares with this)."""
    _enabled[0] = False
    try:
        yield
    finally:
        _enabled[0] = True
        with _lock:
            _calls.clear()
