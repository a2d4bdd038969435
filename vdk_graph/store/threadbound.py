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


class thread_bound(Iterator[T]):  # noqa: N801 - used like the function it replaced
    """Iterate ``items``; when this is dropped on another thread than its maker's, hand ``items`` back.

    A class with ``__del__``, not a generator: a generator never started has no frame
    to run a ``finally`` in, and a result nobody read is dropped like any other.
    """

    __slots__ = ("_items", "_iterator", "_owner")

    def __init__(self, items: Iterable[T]) -> None:
        self._owner = threading.current_thread()
        self._items = items
        self._iterator = iter(items)

    def __iter__(self) -> Iterator[T]:
        return self

    def __next__(self) -> T:
        return next(self._iterator)

    def __del__(self) -> None:
        if threading.current_thread() is not self._owner:
            with _LOCK:
                # a reference survives, so clearing this object's slots frees nothing here
                _STRANDED.setdefault(self._owner, []).append((self._items, self._iterator))


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
