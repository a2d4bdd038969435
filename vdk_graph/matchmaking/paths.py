"""How are A and B connected? The k shortest paths through the typed network, every relation named.

"Filmby Aarhus —partner in→ VDK klynge 2021-24 ←lead in— Vision Denmark": each
hop is an edge of the typed network (:mod:`vdk_graph.network`) read in the
direction it was stated, so the arrow shows who did what to whom. Paths avoid
topic nodes (everyone shares "innovation"; see
:attr:`~vdk_graph.matchmaking.index.MatchIndex.path_graph`) and go through
projects, programmes, funders, clusters and people. Yen's algorithm
(``networkx.shortest_simple_paths``) gives them shortest first.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass, field

from vdk_graph.errors import NotFound
from vdk_graph.kinds import RELATIONS
from vdk_graph.matchmaking.defaults import DEFAULT_K
from vdk_graph.matchmaking.graphs import shortest_path
from vdk_graph.matchmaking.index import MatchIndex, match_index
from vdk_graph.matchmaking.lookup import resolve_organisation
from vdk_graph.matchmaking.strings import TEXTS
from vdk_graph.store.base import Store

MAX_K = 10
#: Paths longer than this many hops are not worth showing (and Yen's algorithm gets slow).
MAX_HOPS = 8

@dataclass(frozen=True)
class PathNode:
    iri: str
    label: str
    kind: str

    def as_dict(self) -> dict[str, str]:
        return {"iri": self.iri, "label": self.label, "kind": self.kind}


@dataclass(frozen=True)
class Hop:
    """One edge of a path: its relation, read ``forward`` (left to right) or backward."""

    relation: str
    phrase: str
    forward: bool

    def arrow(self) -> str:
        return f" —{self.phrase}→ " if self.forward else f" ←{self.phrase}— "

    def as_dict(self) -> dict[str, object]:
        return {"relation": self.relation, "phrase": self.phrase, "forward": self.forward}


@dataclass
class ConnectionPath:
    nodes: list[PathNode]
    hops: list[Hop]

    @property
    def length(self) -> int:
        return len(self.hops)

    def text(self) -> str:
        parts = [self.nodes[0].label]
        for hop, node in zip(self.hops, self.nodes[1:], strict=True):
            parts += [hop.arrow(), node.label]
        return "".join(parts)

    def as_dict(self) -> dict[str, object]:
        return {"length": self.length, "text": self.text(), "nodes": [n.as_dict() for n in self.nodes],
                "hops": [h.as_dict() for h in self.hops]}


@dataclass
class Connection:
    a: PathNode
    b: PathNode
    paths: list[ConnectionPath] = field(default_factory=list)

    def as_dict(self) -> dict[str, object]:
        return {"a": self.a.as_dict(), "b": self.b.as_dict(), "paths": [p.as_dict() for p in self.paths]}


def _node(index: MatchIndex, iri: str, lang: str) -> PathNode:
    return PathNode(iri, index.label(iri, lang), index.node_kind(iri))


def _resolve(index: MatchIndex, name: str) -> str:
    """An organisation by name or IRI, or any other node of the network by its IRI."""
    text = name.strip()
    if text in index.path_graph and text not in index.kind:
        return text
    return resolve_organisation(index, text)


def _hop(index: MatchIndex, left: str, right: str, lang: str) -> Hop:
    relations = index.path_graph[left][right]["relations"]
    order = {r: i for i, r in enumerate(RELATIONS)}
    source, relation, _target = min(relations, key=lambda r: (order.get(r[1], len(order)), r[0]))
    phrase = TEXTS.get(f"path.{relation}", lang, relation) or relation
    return Hop(relation, phrase, forward=source == left)


def path_of(index: MatchIndex, nodes: list[str], lang: str = "en") -> ConnectionPath:
    return ConnectionPath([_node(index, n, lang) for n in nodes],
                          [_hop(index, a, b, lang) for a, b in itertools.pairwise(nodes)])


def shortest_paths(index: MatchIndex, a: str, b: str, k: int = DEFAULT_K,
                   lang: str = "en") -> list[ConnectionPath]:
    """Up to ``k`` shortest simple paths between two nodes (IRIs), shortest first; none if too far apart."""
    import networkx as nx  # Yen's algorithm; it runs on a path network read from disk as on its own graphs

    graph = index.path_graph
    if a not in graph or b not in graph or a == b:
        return []
    out: list[ConnectionPath] = []
    try:
        for nodes in nx.shortest_simple_paths(graph, a, b):
            if len(nodes) - 1 > MAX_HOPS or len(out) >= k:
                break
            out.append(path_of(index, nodes, lang))
    except nx.NetworkXNoPath:
        return []
    return out


def route(index: MatchIndex, a: str, b: str, lang: str = "en") -> ConnectionPath | None:
    """One shortest path (breadth-first from both ends: milliseconds), or None beyond :data:`MAX_HOPS`."""
    graph = index.path_graph
    if a not in graph or b not in graph or a == b:
        return None
    nodes = shortest_path(graph, a, b)
    if nodes is None:
        return None
    return path_of(index, nodes, lang) if len(nodes) - 1 <= MAX_HOPS else None


def connect(source: Store | MatchIndex, a: str, b: str, *, k: int = DEFAULT_K,
            lang: str = "en") -> Connection:
    """How ``a`` and ``b`` (names or IRIs) are connected: the ``k`` shortest paths, every relation named."""
    index = source if isinstance(source, MatchIndex) else match_index(source)
    first, second = _resolve(index, a), _resolve(index, b)
    if first == second:
        raise NotFound(f"'{a}' and '{b}' are the same organisation; name two different ones")
    k = max(1, min(k, MAX_K))
    return Connection(_node(index, first, lang), _node(index, second, lang),
                      shortest_paths(index, first, second, k, lang))


# --------------------------------------------------------------------------- a small drawing


@dataclass
class Sketch:
    """Positions for drawing a few paths between two nodes: the ends left and right, hops in columns."""

    width: int
    height: int
    nodes: list[dict[str, object]]
    edges: list[dict[str, object]]


def sketch(paths: list[ConnectionPath], width: int = 560, row: int = 56) -> Sketch:
    """Lay ``paths`` (sharing their two ends) out in rows; shared inner nodes are drawn once.

    The ends sit left and right at mid-height, each path's inner nodes in its own row;
    node labels go below their node, every other one a line lower so neighbours do not
    overlap; edges stop at the circles' rims so their arrowheads show.
    """
    margin = 60
    height = max(1, len(paths)) * row + 24
    placed: dict[str, dict[str, object]] = {}
    position: dict[str, tuple[int, int, int]] = {}  # x, y, radius
    edges: list[dict[str, object]] = []
    for r, path in enumerate(paths):
        y = 14 + r * row + row // 2 - 10
        columns = len(path.nodes) - 1 or 1
        for i, node in enumerate(path.nodes):
            if node.iri not in placed:
                is_end = i in (0, len(path.nodes) - 1)
                x = margin + (width - 2 * margin) * i // columns
                ny = height // 2 - 6 if is_end else y
                radius = 8 if is_end else 6
                position[node.iri] = (x, ny, radius)
                placed[node.iri] = {**node.as_dict(), "x": x, "y": ny, "r": radius, "end": is_end,
                                    "ty": ny + radius + (11 if i % 2 == 0 else 22)}
        for hop, left, right in zip(path.hops, path.nodes, path.nodes[1:], strict=False):
            (ax, ay, ar), (bx, by, br) = position[left.iri], position[right.iri]
            length = math.hypot(bx - ax, by - ay) or 1.0
            ux, uy = (bx - ax) / length, (by - ay) / length
            edges.append({"x1": round(ax + ux * (ar + 2)), "y1": round(ay + uy * (ar + 2)),
                          "x2": round(bx - ux * (br + 2)), "y2": round(by - uy * (br + 2)),
                          "phrase": hop.phrase, "forward": hop.forward, "relation": hop.relation,
                          "lx": (ax + bx) // 2, "ly": (ay + by) // 2 - 5})
    return Sketch(width, height, list(placed.values()), edges)
