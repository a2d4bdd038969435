"""The collaboration and path networks as matchmaking reads them: in memory (networkx) or on disk.

Matchmaking only ever asks a network for a node's neighbours, in order, with the
edge's data (``graph.adj[node]``), whether a node is in it, and a shortest path.
:class:`AdjacencyGraph` answers exactly that from any mapping — a table of the
derived file read one node at a time (:mod:`vdk_graph.matchmaking.index_file`) —
so a CLI command never builds the whole network to look at a few nodes, and does
not even import networkx. :func:`shortest_path` is networkx's bidirectional
breadth-first search (``nx.bidirectional_shortest_path``), copied so that both
forms give the same path: with several shortest paths, which one is found depends
on the order of the neighbours, and both forms keep that order.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import networkx as nx

Adjacency = Mapping[str, Mapping[str, dict[str, Any]]]


class AdjacencyGraph:
    """An undirected graph read from an adjacency mapping, with as much of networkx's API as is used.

    ``networkx.shortest_simple_paths`` runs on it unchanged (it asks for ``in``,
    ``is_directed()`` and ``neighbors()`` only).
    """

    def __init__(self, adj: Adjacency, edges: int) -> None:
        self.adj = adj
        self._edges = edges

    def __contains__(self, node: object) -> bool:
        return node in self.adj

    def __getitem__(self, node: str) -> Mapping[str, dict[str, Any]]:
        return self.adj[node]

    def __iter__(self) -> Iterator[str]:
        return iter(self.adj)

    def __len__(self) -> int:
        return len(self.adj)

    def neighbors(self, node: str) -> Iterator[str]:
        return iter(self.adj[node])

    def degree(self, node: str) -> int:
        return len(self.adj[node])

    def is_directed(self) -> bool:
        return False

    def is_multigraph(self) -> bool:
        return False

    def number_of_edges(self) -> int:
        return self._edges

    def __repr__(self) -> str:
        return f"<AdjacencyGraph of {self._edges} edges>"


def shortest_path(graph: Any, source: str, target: str) -> list[str] | None:
    """A shortest path from ``source`` to ``target`` (both in the graph), or None when there is none.

    Breadth-first from both ends, the smaller fringe first, as ``nx.bidirectional_shortest_path``.
    """
    adj = graph.adj
    if source == target:
        return [source]
    pred: dict[str, str | None] = {source: None}
    succ: dict[str, str | None] = {target: None}
    forward, reverse = [source], [target]
    meet: str | None = None
    while forward and reverse and meet is None:
        if len(forward) <= len(reverse):
            level, forward = forward, []
            for v in level:
                for w in adj[v]:
                    if w not in pred:
                        forward.append(w)
                        pred[w] = v
                    if w in succ:
                        meet = w
                        break
                if meet is not None:
                    break
        else:
            level, reverse = reverse, []
            for v in level:
                for w in adj[v]:
                    if w not in succ:
                        succ[w] = v
                        reverse.append(w)
                    if w in pred:
                        meet = w
                        break
                if meet is not None:
                    break
    if meet is None:
        return None
    path: list[str] = []
    node: str | None = meet
    while node is not None:
        path.append(node)
        node = succ[node]
    node = pred[path[0]]
    while node is not None:
        path.insert(0, node)
        node = pred[node]
    return path


def as_networkx(graph: Any) -> nx.Graph:
    """``graph`` as a networkx graph with the same node and neighbour order (so measures come out the same).

    A networkx graph is returned as it is. Otherwise the adjacency dictionaries are set
    directly: adding the edges one by one would order each node's neighbours by when
    the edge was added, not as the original had them, and the order of the neighbours
    decides Louvain's communities.
    """
    import networkx as nx

    if isinstance(graph, nx.Graph):
        return graph
    adj: dict[str, dict[str, dict[str, Any]]] = {}
    for node, neighbours in graph.adj.items():
        mine: dict[str, dict[str, Any]] = {}
        for other, data in neighbours.items():
            shared = adj.get(other, {}).get(node)
            mine[other] = shared if shared is not None else dict(data)
        adj[node] = mine
    out = nx.Graph()
    out._node = {node: {} for node in adj}  # see the docstring
    out._adj = adj
    return out
