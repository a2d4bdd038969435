"""An in-memory store (``memory:``): the same semantics as the embedded one, gone when the process ends.

Used by tests and one-off commands. A transaction works on a copy and swaps it
in when it ends, so readers never see half an import.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterator
from contextlib import contextmanager

import pyoxigraph as ox

from vdk_graph.errors import StoreBusyError
from vdk_graph.results import QueryResult
from vdk_graph.store.base import Capabilities, Store
from vdk_graph.store.changes import Change, ChangeLog
from vdk_graph.store.oxigraph import OxigraphTransaction, run_query


class MemoryStore(Store):
    kind = "memory"
    location = "memory:"
    capabilities = Capabilities(native=True)

    def __init__(self) -> None:
        self._store = ox.Store()
        self._version = 0
        self._changes = ChangeLog()
        self._writer = threading.Lock()
        self._modified = dt.datetime.now(dt.UTC).replace(microsecond=0)

    def query(
        self,
        sparql: str,
        *,
        default_graphs: list[str] | None = None,
        named_graphs: list[str] | None = None,
    ) -> QueryResult:
        return run_query(self._store, sparql, default_graphs, named_graphs)

    def native(self) -> ox.Store:
        return self._store

    def data_version(self) -> str:
        return f"memory-{id(self)}-{self._version}"

    def touched_between(self, old: str, new: str) -> Change | None:
        return self._changes.touched_between(old, new)

    def modified(self) -> dt.datetime | None:
        return self._modified

    @contextmanager
    def transaction(self) -> Iterator[OxigraphTransaction]:
        if not self._writer.acquire(blocking=False):
            raise StoreBusyError(
                "another transaction is already writing this in-memory store; only one writer at a time. "
                "Finish that transaction before starting the next (transactions do not nest)."
            )
        try:
            scratch = ox.Store()
            for name in self._store.named_graphs():  # empty graphs exist too, as on disk
                scratch.add_graph(name)
            scratch.extend(self._store)
            tx = OxigraphTransaction(scratch)
            try:
                yield tx
            finally:
                tx.close()
            parent = self.data_version()
            self._store = scratch
            self._version += 1
            self._changes.record(parent, self.data_version(), tx.touched.change)
            self._modified = dt.datetime.now(dt.UTC).replace(microsecond=0)
        finally:
            self._writer.release()

    def describe(self) -> str:
        return "in-memory store (memory:)"
