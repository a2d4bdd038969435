"""A small focus map of one entity: its direct neighbours in the network, laid out on the server.

Entity pages draw it as plain SVG (no script, so it works under the strict
Content-Security-Policy and without the map page): the entity in the middle,
its neighbours on a ring grouped by kind (a shell layout, computed here in plain
Python), labels pointing outwards so they do not pile up. Hubs with hundreds of
neighbours show the best connected ones and say how many more there are.

A ring 720 units wide shrinks to half its size on a phone, and its 11-unit
labels to 5–7 pixels (issue 15 §5). :func:`column_layout` lays the same map out
for narrow screens instead: the entity at the top, its neighbours in one column
below it with their names beside them, 360 units wide, so that on a phone one
unit is about one pixel and the names are as large as the page's small print.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from vdk_graph.network import NODE_KINDS, Ecosystem

WIDTH, HEIGHT = 720, 380
#: The width of the column layout (phones): a 390-pixel screen shows it at about one pixel per unit.
NARROW_WIDTH = 360
#: Units between two neighbours in the column layout, and where the column starts.
ROW, TOP = 30, 66
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
    #: Where its label goes (set by the layout).
    label_x: float = 0.0
    label_y: float = 0.0


@dataclass
class FocusEdge:
    source: FocusNode
    target: FocusNode
    relation: str
    spoke: bool = True
    #: An SVG path for an edge drawn as a curve (the column layout's links between neighbours); else a line.
    curve: str | None = None


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
        node = FocusNode(n, label, _short(label), str(graph.nodes[n].get("kind", "organisation")),
                         round(px, 1), round(py, 1), centre=n == iri, anchor=anchor)
        nodes[n] = _place_label(node)
    edges = []
    for a, b, data in graph.subgraph(nodes).edges(data=True):
        spoke = iri in (a, b)
        edges.append(FocusEdge(nodes[a], nodes[b], str(data.get("relation", "")), spoke))
    edges.sort(key=lambda e: e.spoke)  # spokes drawn last, on top
    kinds = sorted({n.kind for n in nodes.values()}, key=lambda k: order.get(k, 99))
    return FocusMap(list(nodes.values()), edges, more=len(neighbours) - len(ring), kinds=kinds)


def _place_label(node: FocusNode) -> FocusNode:
    """The ring's labels: above the centre, outwards at the sides, above or below at the top and bottom."""
    if node.centre:
        node.label_x, node.label_y = node.x, node.y - 20
    elif node.anchor == "start":
        node.label_x, node.label_y = node.x + 12, node.y + 4
    elif node.anchor == "end":
        node.label_x, node.label_y = node.x - 12, node.y + 4
    else:
        node.label_x, node.label_y = node.x, node.y + (22 if node.y > HEIGHT / 2 else -14)
    node.label_x, node.label_y = round(node.label_x, 1), round(node.label_y, 1)
    return node


def column_layout(focus: FocusMap) -> FocusMap:
    """The same map for a narrow screen: the entity top left, its neighbours in a column, names beside them.

    Links from the entity fan out to the column; links between two neighbours are drawn as curves to the
    left of the column, so they never cross a name.
    """
    x_centre, y_centre, x_column = 24.0, 24.0, 60.0
    placed: dict[str, FocusNode] = {}
    row = 0
    for node in focus.nodes:
        if node.centre:
            moved = replace(node, x=x_centre, y=y_centre, anchor="start", label_x=x_centre + 20,
                            label_y=y_centre + 5)
        else:
            y = TOP + row * ROW
            row += 1
            moved = replace(node, x=x_column, y=y, anchor="start", label_x=x_column + 14, label_y=y + 4)
        placed[node.iri] = moved
    edges = []
    for edge in focus.edges:
        source, target = placed[edge.source.iri], placed[edge.target.iri]
        curve = None
        if not edge.spoke:
            bend = x_column - 12 - abs(target.y - source.y) * 0.25
            curve = (f"M {source.x} {source.y} Q {round(max(bend, x_centre + 8), 1)} "
                     f"{round((source.y + target.y) / 2, 1)} {target.x} {target.y}")
        edges.append(replace(edge, source=source, target=target, curve=curve))
    height = TOP + max(row - 1, 0) * ROW + 24
    return FocusMap(list(placed.values()), edges, more=focus.more, width=NARROW_WIDTH, height=height,
                    kinds=focus.kinds)


__all__ = ["NARROW_WIDTH", "FocusEdge", "FocusMap", "FocusNode", "column_layout", "focus_map"]
