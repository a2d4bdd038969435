"""A transaction on a remote store: the final state of every graph it touches, planned into update requests.

Nothing is sent while the transaction is open: it collects each graph's new
triples (or its removal), answers the counts of :class:`GraphChange` against what
the server holds, and the store sends the plan of
:mod:`vdk_graph.store.remote_update` when it ends.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pyoxigraph as ox

from vdk_graph.errors import StoreError
from vdk_graph.store.base import GraphChange, Transaction, TripleSource, canonical_triples
from vdk_graph.store.remote_update import RESERVED, Plan, plan

if TYPE_CHECKING:
    from vdk_graph.store.remote import RemoteStore


class RemoteTransaction(Transaction):
    """Collects the final state of every graph it touches; sent as one update request when it ends.

    Reads inside the transaction (the counts in :class:`GraphChange`) see its own
    earlier writes, as in the embedded store.
    """

    def __init__(self, store: RemoteStore) -> None:
        self.store = store
        #: graph -> its triples when the transaction ends; ``None``: removed.
        self.pending: dict[str, set[ox.Triple] | None] = {}
        self._open = True
        self._planned: Plan | None = None

    def close(self) -> None:
        self._open = False

    def _check(self, graph: str) -> None:
        if not self._open:
            raise RuntimeError("this transaction has ended; open a new one with store.transaction()")
        self._planned = None
        ox.NamedNode(graph)  # a ValueError for what is not an IRI, as in the other backends
        if graph.startswith(RESERVED):
            raise StoreError(
                f"<{graph}> is a graph the store keeps for itself; give the data another graph name"
            )

    def _current(self, graph: str) -> tuple[set[ox.Triple], bool]:
        """The graph's triples as this transaction sees them, and whether the graph exists."""
        if graph in self.pending:
            triples = self.pending[graph]
            return set(triples or ()), triples is not None
        # As stored, in the same canonical form as what is compared with it (servers differ:
        # Virtuoso sends "1.5" for the double Oxigraph writes "1.5E0").
        old = canonical_triples(self.store.read_graph(graph))
        return old, bool(old) or graph in self.store.named_graph_list(max_age=0)

    def replace_graph(self, graph: str, triples: TripleSource) -> GraphChange:
        self._check(graph)
        new = canonical_triples(triples)
        old, existed = self._current(graph)
        self.pending[graph] = new
        if _has_blank_nodes(new) and _has_blank_nodes(old):
            # The server names blank nodes its own way (Virtuoso: nodeID://b10000): compare the
            # graphs with their blank nodes named by their place in the graph (RDF canonicalisation).
            new, old = _relabelled(new), _relabelled(old)
        return GraphChange(graph, len(new - old), len(old - new), existed)

    def remove_graph(self, graph: str) -> GraphChange:
        self._check(graph)
        old, existed = self._current(graph)
        self.pending[graph] = None
        return GraphChange(graph, 0, len(old), existed)

    def _plan(self) -> Plan:
        if self._planned is None:
            self._planned = plan(self.pending, self.store._book(max_age=0).state(), self.store.dialect)
        return self._planned

    def planned(self) -> Plan:
        """The requests that make this transaction: staging ones (none for most), then the publishing one."""
        return self._plan()

    def staging_requests(self) -> list[str]:
        """Requests that stage a transaction too large for one request (none for most)."""
        return self._plan().staging

    def update_request(self) -> str:
        """The request that publishes the transaction ("" if it wrote nothing)."""
        return self._plan().publish


def _has_blank_nodes(triples: set[ox.Triple]) -> bool:
    return any(isinstance(t.subject, ox.BlankNode) or isinstance(t.object, ox.BlankNode) for t in triples)


def _relabelled(triples: set[ox.Triple]) -> set[ox.Triple]:
    dataset = ox.Dataset(ox.Quad(t.subject, t.predicate, t.object) for t in triples)
    dataset.canonicalize(ox.CanonicalizationAlgorithm.UNSTABLE)
    return {q.triple for q in dataset}
