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

A view given a ``codec`` (:class:`~vdk_graph.derived.disk.DiskCodec`) is also kept
on disk beside the store (:mod:`vdk_graph.derived.disk`): before computing, the
value is read from its file when that was stamped with the current data version;
after computing, it is written there, so the next process — a CLI command, the web
app after a restart — reads it instead of computing it again. A value *updated* from the
previous data version's (a long-lived process after a small write) is served at once and
its file written by a thread of its own (:meth:`Derived.saved` waits for it).

Modules: this one (:class:`Derived`, the registry the warmer walks), :mod:`.disk` (a view
kept on disk beside the store, stamped with the data version), :mod:`.sqlite_maps`
(read-only mappings over an SQLite file, for views read one key at a time), :mod:`.activity`
(what the process is computing: an updated value's file waits until it computes nothing),
and the registry's users: :mod:`vdk_graph.warm` (the warmer, and ``vdk-graph derive``).
"""

from __future__ import annotations

import atexit
import gc
import logging
import threading
import time
import weakref
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from vdk_graph.derived.activity import ACTIVITY, QUIET_FOR, QUIET_WAIT
from vdk_graph.errors import Busy
from vdk_graph.store.base import Store

if TYPE_CHECKING:
    from vdk_graph.derived.disk import DiskCodec

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
    #: The data version ``previous`` is the value of (carried over versions included).
    previous_version: str = ""


log = logging.getLogger(__name__)

#: Every derived view, in the order they were made (a warmer walks it).
REGISTRY: list[Derived[Any]] = []



@atexit.register
def _write_pending() -> None:
    """Before the interpreter ends, the files still being written (their threads are daemons): a
    short-lived process that updated a view leaves its file for the next one, as one that computed it.
    They no longer wait for the process to be idle."""
    ACTIVITY.hurry()
    for view in list(REGISTRY):
        view.saved(QUIET_WAIT * 2)


class Derived(Generic[T]):
    """A view of a store computed by ``compute(store, *key)``, once per data version and key."""

    def __init__(
        self,
        name: str,
        compute: Callable[..., T],
        *,
        keys: int = 16,
        warm: tuple[tuple[Hashable, ...], ...] = (),
        codec: DiskCodec[T] | Callable[[], DiskCodec[T]] | None = None,
        update: Callable[..., T | None] | None = None,
        write_apart: bool = False,
    ) -> None:
        self.name = name
        self.compute = compute
        #: ``update(store, previous, since, *key)``: the value for the store's data now, made from the
        #: value ``previous`` of data version ``since``, or None when only computing will do.
        self.update = update
        self.keys = keys
        #: Whether a value computed in the background (``get(wait=…)``) has its file written by a thread of
        #: its own, as an updated one (:meth:`_save_apart`): served as soon as it is computed.
        self.write_apart = write_apart
        #: The keys a warmer computes after every data change (``warm()``), so no visitor waits for them.
        self.warm_keys = warm
        self._codec = codec
        #: How often the value came from computing, from disk, and from updating (for tests and benchmarks).
        self.computed = 0
        self.loaded = 0
        self.updated = 0
        self._slots: weakref.WeakKeyDictionary[Store, OrderedDict[Hashable, _Slot]] = (
            weakref.WeakKeyDictionary()
        )
        #: Files of updated values being written by threads of their own (:meth:`_save_apart`).
        self._saving: list[threading.Thread] = []
        self._lock = threading.Lock()
        REGISTRY.append(self)

    @property
    def codec(self) -> DiskCodec[T] | None:
        """How the view is kept on disk beside the store (None: in memory only).

        May be given as a function that makes it, so that a view's module need not import
        its codec's module (which usually imports the view's) when it is loaded.
        """
        codec = self._codec
        if codec is not None and not hasattr(codec, "format"):
            codec = self._codec = codec()
        return codec  # type: ignore[return-value]

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

    def latest(self, store: Store, *key: Hashable) -> T | None:
        """The last value finished for ``key``, of whatever data version (never computes)."""
        with self._lock:
            slot = self._slots.get(store, OrderedDict()).get(key)
        if slot is None:
            return None
        if slot.done.is_set() and slot.error is None:
            return slot.value
        return slot.previous if slot.has_previous else None

    def put(self, store: Store, value: T, *key: Hashable) -> None:
        """Make ``value`` the view for the store's current data (one computed by other means), on disk too."""
        version = store.data_version()
        with self._lock:
            slots = self._slots.setdefault(store, OrderedDict())
            slot = _Slot(version, value=value)
            slot.done.set()
            slots[key] = slot
            slots.move_to_end(key)
            while len(slots) > self.keys:
                slots.popitem(last=False)
        if self.codec is not None and store.cache_folder() is not None:
            from vdk_graph.derived import disk

            with disk.building(self.codec, store, key):
                disk.save(self.codec, store, key, value, version)

    def swap(self, store: Store, old: T, new: T, *key: Hashable) -> bool:
        """Serve ``new`` in place of ``old``, an equal value in another form, while ``old`` is the view
        of the store's current data (the matchmaking index read from its file, then computed in memory
        so that the next write updates it); False, and nothing done, once the view has moved on."""
        with self._lock:
            slot = self._slots.get(store, OrderedDict()).get(key)
            if (slot is None or slot.value is not old or not slot.done.is_set() or slot.error is not None
                    or slot.version != store.data_version()):
                return False
            slot.value = new
            return True

    def carry_over(self, store: Store, old: str, new: str, *key: Hashable) -> None:
        """Declare the view of data version ``old`` to be the view of ``new`` as well, in memory and on disk.

        Only for a change known to leave the view as it was: the metrics graph, which no
        projection reads, being written (:func:`vdk_graph.matchmaking.metrics.write_metrics`).
        """
        with self._lock:
            slot = self._slots.get(store, OrderedDict()).get(key)
            if slot is not None and slot.version == old and slot.done.is_set() and slot.error is None:
                slot.version = new
        if self.codec is not None and store.cache_folder() is not None:
            from vdk_graph.derived import disk

            self.saved()  # a file still being written would be published under the old version
            disk.restamp(self.codec, store, key, old, new)

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
                    fresh.previous_version = slot.version
                elif slot.has_previous:
                    fresh.previous, fresh.has_previous = slot.previous, True
                    fresh.previous_version = slot.previous_version
            slots[key] = fresh
            slots.move_to_end(key)
            while len(slots) > self.keys:
                slots.popitem(last=False)
            return fresh, True

    def _run_apart(self, store: Store, key: tuple[Hashable, ...], slot: _Slot) -> None:
        """:meth:`_run` in a thread of its own, which collects its own garbage before it ends:
        pyoxigraph results must be dropped by the thread that made them."""
        try:
            self._run(store, key, slot, apart=True)
        finally:
            gc.collect(1)

    def _run(self, store: Store, key: tuple[Hashable, ...], slot: _Slot, apart: bool = False) -> None:
        try:
            with ACTIVITY:
                slot.value = self._value(store, key, slot, apart)
        except BaseException as exc:  # noqa: BLE001 - handed to every caller waiting for this slot
            slot.error = exc
        finally:
            slot.done.set()

    def _value(self, store: Store, key: tuple[Hashable, ...], slot: _Slot, apart: bool = False) -> T:
        """From disk when a current file is there, else computed (and then written to disk: by a thread
        of its own when updated, or computed in the background for a view that asks, ``write_apart``).

        While another process builds the same view, this one waits for it and reads its
        file rather than computing it a second time.
        """
        version = slot.version
        if self.codec is None or store.cache_folder() is None:
            return self._computed(store, key, slot)[0]
        from vdk_graph.derived import disk

        found = disk.load(self.codec, store, key, version)
        if found is None:
            with disk.building(self.codec, store, key):
                found = disk.load(self.codec, store, key, version)
                if found is None:
                    started = time.perf_counter()
                    value, updated = self._computed(store, key, slot)
                    seconds = time.perf_counter() - started
                    if updated or (apart and self.write_apart):
                        self._save_apart(store, key, value, version, seconds)
                    else:
                        disk.save(self.codec, store, key, value, version, seconds)
                    return value
        self.loaded += 1
        return found

    def _computed(self, store: Store, key: tuple[Hashable, ...], slot: _Slot) -> tuple[T, bool]:
        """Updated from the previous data version's value where the view can, else computed; and
        whether it was updated."""
        if self.update is not None and slot.has_previous:
            value = self.update(store, slot.previous, slot.previous_version, *key)
            if value is not None:
                self.updated += 1
                return value, True
        self.computed += 1
        return self.compute(store, *key), False

    def _save_apart(self, store: Store, key: tuple[Hashable, ...], value: T, version: str,
                    seconds: float) -> None:
        """Write an updated value's file in a thread of its own, once this one has let go of the lock.

        An update exists so that a long-lived process (the web app's warmer) serves the new data
        in a second; writing the file is for other processes (the command line), and at 1M it took
        longer than the update (the matchmaking index: ~3 s of CPU). So it starts once the process
        computes nothing else (at most :data:`QUIET_WAIT` seconds later). Another process that wants
        the view meanwhile waits for the build lock, which the writer holds, and reads its file.
        """
        from vdk_graph.derived import disk

        codec = self.codec
        assert codec is not None

        def write() -> None:
            try:
                with disk.building(codec, store, key):
                    # After what the process is computing (see _Activity), holding the lock meanwhile so
                    # that another process waits for this file rather than computing the view. A
                    # computation for newer data may want the lock: it starts, and this gives up.
                    ACTIVITY.wait_quiet(lambda: store.data_version() != version, QUIET_WAIT, QUIET_FOR)
                    if store.data_version() == version and disk.load(codec, store, key, version) is None:
                        disk.save(codec, store, key, value, version, seconds)
            except Exception:  # noqa: BLE001 - the value is served from memory; the next process computes it
                log.warning("writing the %s's file failed", self.name, exc_info=True)

        thread = threading.Thread(target=write, name=f"vdk-save-{self.name}", daemon=True)
        with self._lock:
            self._saving = [t for t in self._saving if t.is_alive()]
            self._saving.append(thread)
        thread.start()

    def saved(self, timeout: float | None = None) -> None:
        """Wait until the files of updated values started so far are written (``vdk-graph derive``)."""
        with self._lock:
            pending = list(self._saving)
        for thread in pending:
            thread.join(timeout)

    def warm(self, store: Store) -> None:
        """Compute the warm keys for the store's current data (a warmer calls it after each change)."""
        for key in self.warm_keys:
            self.get(store, *key)

    def __repr__(self) -> str:
        return f"<Derived {self.name}>"
