"""pyoxigraph's lazy results may only be dropped on the thread that made them: keep it so.

``QuerySolutions``, ``QueryTriples`` and quad iterators are *unsendable* pyo3
objects: dropped on any other thread, pyo3 refuses to free them and reports
"…is unsendable, but is being dropped on another thread" as an unraisable
exception (the Rust object leaks). That happens whenever a lazy result outlives
its request: a result caught in a reference cycle (an exception's traceback, a
generator held by the object it fills) is collected by whichever thread the
garbage collector happens to run on — in the web app, usually not the worker
thread that ran the query.

:func:`thread_bound` wraps such an iterator. When it ends or is finalised on a
thread other than its maker's, the pyoxigraph object is handed back instead of
dropped: to the maker, which drops it the next time it runs a query
(:func:`release_stranded`), or, if the maker has ended, kept for the life of the
process — which is what pyo3 would have done anyway, minus the noise.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator
from typing import TypeVar

T = TypeVar("T")

_LOCK = threading.Lock()
#: Results finalised on a foreign thread, waiting for their maker to drop them.
_STRANDED: dict[threading.Thread, list[object]] = {}
#: Results whose maker ended before it could drop them (pyo3 cannot free them elsewhere).
_ABANDONED: list[object] = []


def thread_bound(items: Iterable[T]) -> Iterator[T]:
    """Iterate ``items``; if this ends on another thread than the caller's, hand ``items`` back to it."""
    owner = threading.current_thread()
    try:
        yield from items
    finally:
        if threading.current_thread() is not owner:
            with _LOCK:
                _STRANDED.setdefault(owner, []).append(items)
                # a reference survives, so dropping ``items`` below frees nothing here
        del items


def release_stranded() -> int:
    """Drop this thread's results that another thread finalised; returns how many (for tests)."""
    me = threading.current_thread()
    with _LOCK:
        mine = _STRANDED.pop(me, [])
        for thread in [t for t in _STRANDED if not t.is_alive()]:
            _ABANDONED.extend(_STRANDED.pop(thread))
    count = len(mine)
    mine.clear()  # dropped here, on the thread that made them
    return count


__all__ = ["release_stranded", "thread_bound"]
