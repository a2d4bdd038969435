"""A small focus map of one entity: its direct neighbours in the network, laid out on the server.

Entity pages draw it as plain SVG (no script, so it works under the strict
Content-Security-Policy and without the map page): the entity in the middle,
its neighbours on a ring grouped by kind (a shell layout, computed here in plain
Python), labels pointing outwards so they do not pile up. Hubs with hundreds of
neighbours show the best connected ones and say how many more there are.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field

from vdk_graph.network import NODE_KINDS, Ecosystem

WIDTH, HEIGHT = 720, 380
#: Neighbours drawn at most; the page says how many more there are.
MAX_NEIGHBOURS = 18
MAX_LABEL = 30


@dataclass
class FocusNode:
    iri: str
    label: str
    short: str
    kind: str
    x: float
    y: float
    centre: bool = False
    anchor: str = "middle"


@dataclass
class FocusEdge:
    source: FocusNode
    target: FocusNode
    relation: str
    spoke: bool = True


@dataclass
class FocusMap:
    nodes: list[FocusNode]
    edges: list[FocusEdge]
    more: int = 0
    width: int = WIDTH
    height: int = HEIGHT
    kinds: list[str] = field(default_factory=list)


def _short(text: str) -> str:
    return text if len(text) <= MAX_LABEL else text[: MAX_LABEL - 1].rstrip() + "…"


def ring_layout(centre: str, ring: list[str]) -> dict[str, tuple[float, float]]:
    """The centre at (0, 0) and the ring evenly on the unit circle, starting at the top, clockwise.

    What networkx's ``shell_layout`` computes for two shells, without needing numpy.
    """
    positions = {centre: (0.0, 0.0)}
    for i, node in enumerate(ring):
        angle = -math.pi / 2 + 2 * math.pi * i / len(ring)
        positions[node] = (math.cos(angle), math.sin(angle))
    return positions


def focus_map(eco: Ecosystem, iri: str, lang: str = "en", limit: int = MAX_NEIGHBOURS,
              labels: Callable[[list[str]], dict[str, str]] | None = None) -> FocusMap | None:
    """The entity and its best connected direct neighbours with positions; None when it has none.

    ``labels`` (IRIs → label in ``lang``) overrides the network's labels for the nodes drawn,
    so that the map names things as the page around it does.
    """
    graph = eco.graph
    if iri not in graph:
        return None
    neighbours = (set(graph.successors(iri)) | set(graph.predecessors(iri))) - {iri}
    if not neighbours:
        return None
    order = {kind: i for i, kind in enumerate(NODE_KINDS)}
    best = sorted(neighbours, key=lambda n: (-graph.degree(n), eco.label(n, lang)))[:limit]
    ring = sorted(best, key=lambda n: (order.get(graph.nodes[n].get("kind"), 99),
                                       eco.label(n, lang).casefold()))
    positions = ring_layout(iri, ring)
    names = labels([iri, *ring]) if labels else {}
    nodes: dict[str, FocusNode] = {}
    for n in [iri, *ring]:
        x, y = positions[n]
        label = names.get(n) or eco.label(n, lang)
        px, py = WIDTH / 2 + float(x) * (WIDTH / 2 - 190), HEIGHT / 2 + float(y) * (HEIGHT / 2 - 40)
        anchor = "middle" if n == iri or abs(float(x)) < 0.3 else ("start" if x > 0 else "end")
        nodes[n] = FocusNode(n, label, _short(label), str(graph.nodes[n].get("kind", "organisation")),
                             round(px, 1), round(py, 1), centre=n == iri, anchor=anchor)
    edges = []
    for a, b, data in graph.subgraph(nodes).edges(data=True):
        spoke = iri in (a, b)
        edges.append(FocusEdge(nodes[a], nodes[b], str(data.get("relation", "")), spoke))
    edges.sort(key=lambda e: e.spoke)  # spokes drawn last, on top
    kinds = sorted({n.kind for n in nodes.values()}, key=lambda k: order.get(k, 99))
    return FocusMap(list(nodes.values()), edges, more=len(neighbours) - len(ring), kinds=kinds)


__all__ = ["FocusEdge", "FocusMap", "FocusNode", "focus_map"]
