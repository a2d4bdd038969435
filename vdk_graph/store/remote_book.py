"""The remote store's bookkeeping graph as read: its graphs, its version stamps, a write left half-way.

The vocabulary of ``<urn:vdk-graph:meta>`` is :mod:`vdk_graph.store.remote_update`'s,
which writes it; this module reads it back into what the store needs before a
query (which graphs are data, whether the union graph can be used) and before a
transaction (:class:`~vdk_graph.store.remote_update.State`).
"""

from __future__ import annotations

import pyoxigraph as ox

from vdk_graph.store.remote_update import FORMAT, GRAPH, STAGING_LIST, STAMP, WRITING, State


class Book:
    """What the bookkeeping graph says: the store's graphs, its stamps, an interrupted write."""

    def __init__(self, graphs: list[str], has_union: bool, stamps: list[str], managed: bool,
                 interrupted: bool, staging: tuple[str, ...] = ()) -> None:
        self.graphs = graphs
        self.staging = staging
        self.has_union = has_union
        self.stamps = stamps
        self.managed = managed
        self.interrupted = interrupted

    @classmethod
    def read(cls, rows: list[tuple[str, ox.NamedNode | ox.Literal]]) -> Book:
        graphs = sorted(o.value for p, o in rows if p == GRAPH and isinstance(o, ox.NamedNode))
        stamps = sorted(str(o) for p, o in rows if p in (STAMP, WRITING))
        managed = any(p == FORMAT for p, _ in rows)
        interrupted = any(p == WRITING for p, _ in rows)
        staging = tuple(sorted(o.value for p, o in rows if p == STAGING_LIST and isinstance(o, ox.NamedNode)))
        return cls(graphs, managed, stamps, managed, interrupted, staging)

    def state(self) -> State:
        """What a transaction starts from: the union is trusted unless a write was interrupted."""
        return State(self.graphs, self.has_union and not self.interrupted, self.staging)
