"""Views derived from the data: computed once per data version and key, by one thread, kept per store.

Many parts of vdk-graph answer from something computed out of the whole graph
(the network projection, the search index, the home page's figures …). Each is
worth computing once per version of the data and never on two threads at
once, and a visitor should never wait for one longer than a page may take.
:class:`Derived` is that, once:

* ``view.get(store, key)`` returns the value for the store's current
  ``data_version()``, computing it if needed; callers that arrive while it is
  being computed wait for the same computation instead of starting another;
* ``wait=seconds`` bounds the wait: the computation goes on in the background
  and the caller gets :class:`NotReady` (503, ``Retry-After``) — or, with
  ``stale=True``, the value of the previous data version while the new one is
  computed;
* values are held weakly per store (a closed store takes its views with it),
  and at most ``keys`` keys per store, the least recently used dropped first.

Every view registers itself, so a warmer can walk :data:`REGISTRY` after an
import instead of knowing every feature.
"""

from __future__ import annotations

import gc
import threading
import weakref
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from vdk_graph.errors import Busy
from vdk_graph.store.base import Store

T = TypeVar("T")


class NotReady(Busy):
    """A derived view is still being computed; the request should come back in a moment."""


@dataclass
class _Slot:
    version: str
    done: threading.Event = field(default_factory=threading.Event)
    value: Any = None
    error: BaseException | None = None
    #: The last finished value of an older data version (served with ``stale=True``).
    previous: Any = None
    has_previous: bool = False


#: Every derived view, in the order they were made (a warmer walks it).
REGISTRY: list[Derived[Any]] = []


class Derived(Generic[T]):
    """A view of a store computed by ``compute(store, *key)``, once per data version and key."""

    def __init__(
        self,
        name: str,
        compute: Callable[..., T],
        *,
        keys: int = 16,
        warm: tuple[tuple[Hashable, ...], ...] = (),
    ) -> None:
        self.name = name
        self.compute = compute
        self.keys = keys
        #: The keys a warmer computes after every data change (``warm()``), so no visitor waits for them.
        self.warm_keys = warm
        self._slots: weakref.WeakKeyDictionary[Store, OrderedDict[Hashable, _Slot]] = (
            weakref.WeakKeyDictionary()
        )
        self._lock = threading.Lock()
        REGISTRY.append(self)

    def get(self, store: Store, *key: Hashable, wait: float | None = None, stale: bool = False) -> T:
        """The value for the store's data now (see the module's doc for ``wait`` and ``stale``)."""
        version = store.data_version()
        slot, start = self._claim(store, key, version)
        if start:
            if wait is None:
                self._run(store, key, slot)
            else:
                threading.Thread(
                    target=self._run_apart, args=(store, key, slot), name=f"vdk-derive-{self.name}",
                    daemon=True,
                ).start()
        if not slot.done.wait(wait):
            if stale and slot.has_previous:
                return slot.previous
            raise NotReady(
                f"the {self.name} for the current data is still being computed; try again in a moment",
                retry_after=max(1.0, min(30.0, (wait or 1.0) * 2)),
            )
        if slot.error is not None:
            raise slot.error
        return slot.value

    def peek(self, store: Store, *key: Hashable) -> T | None:
        """The value if it is ready for the current data, else None (never computes)."""
        with self._lock:
            slot = self._slots.get(store, OrderedDict()).get(key)
        ready = slot is not None and slot.done.is_set() and slot.error is None
        if slot is not None and ready and slot.version == store.data_version():
            return slot.value
        return None

    def forget(self, store: Store) -> None:
        with self._lock:
            self._slots.pop(store, None)

    def _claim(self, store: Store, key: tuple[Hashable, ...], version: str) -> tuple[_Slot, bool]:
        """The slot for this version (and whether the caller must compute it)."""
        with self._lock:
            slots = self._slots.setdefault(store, OrderedDict())
            slot = slots.get(key)
            if slot is not None and slot.version == version and not (slot.done.is_set() and slot.error):
                slots.move_to_end(key)
                return slot, False
            fresh = _Slot(version)
            if slot is not None:
                if slot.done.is_set() and slot.error is None:
                    fresh.previous, fresh.has_previous = slot.value, True
                elif slot.has_previous:
                    fresh.previous, fresh.has_previous = slot.previous, True
            slots[key] = fresh
            slots.move_to_end(key)
            while len(slots) > self.keys:
                slots.popitem(last=False)
            return fresh, True

    def _run_apart(self, store: Store, key: tuple[Hashable, ...], slot: _Slot) -> None:
        """:meth:`_run` in a thread of its own, which collects its own garbage before it ends:
        pyoxigraph results must be dropped by the thread that made them."""
        try:
            self._run(store, key, slot)
        finally:
            gc.collect(1)

    def _run(self, store: Store, key: tuple[Hashable, ...], slot: _Slot) -> None:
        try:
            slot.value = self.compute(store, *key)
        except BaseException as exc:  # noqa: BLE001 - handed to every caller waiting for this slot
            slot.error = exc
        finally:
            slot.done.set()

    def warm(self, store: Store) -> None:
        """Compute the warm keys for the store's current data (a warmer calls it after each change)."""
        for key in self.warm_keys:
            self.get(store, *key)

    def __repr__(self) -> str:
        return f"<Derived {self.name}>"
