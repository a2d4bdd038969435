"""Node positions computed on the server, so a big map opens still instead of shaking for seconds.

vis-network's start-up physics on a thousand-plus nodes is what makes maps feel
frozen. Small views (up to :data:`SPRING_MAX` nodes) get networkx's
force-directed ``spring_layout``. Big ones would take tens of seconds that
way (it compares every pair of nodes), so they get a *skeleton* layout:
``spring_layout`` on the best connected :data:`HUBS` nodes only — linked by
their edges and by the neighbours they share — and every other node placed
next to the nodes it is linked to, on a sunflower spiral around its anchor
(``O(nodes + edges)``). Components without a hub are laid out on their own and
set in rows below. Everything is seeded, so one view always looks the same.
"""

from __future__ import annotations

import math
from collections import defaultdict

import networkx as nx

#: Views up to this size get a plain spring layout.
SPRING_MAX = 250
#: Nodes in the skeleton of a big view.
HUBS = 120
ITERATIONS = 60
#: Average distance between linked nodes on the canvas, in pixels.
EDGE_LENGTH = 90.0
_GOLDEN = math.pi * (3 - math.sqrt(5))
Position = tuple[float, float]


def layout(graph: nx.Graph, seed: int = 7) -> dict[str, Position]:
    """Canvas positions (pixels, centred on 0, 0) for every node of an undirected graph."""
    if len(graph) == 0:
        return {}
    positions = _spring(graph, seed) if len(graph) <= SPRING_MAX else _skeleton(graph, seed)
    return {node: (round(x, 1), round(y, 1)) for node, (x, y) in positions.items()}


def _spring(graph: nx.Graph, seed: int) -> dict[str, Position]:
    if len(graph) == 1:
        return {next(iter(graph)): (0.0, 0.0)}
    raw = nx.spring_layout(graph, seed=seed, iterations=ITERATIONS, method="force")
    scale = EDGE_LENGTH * math.sqrt(len(graph)) * 0.9
    return {n: (float(p[0]) * scale, float(p[1]) * scale) for n, p in raw.items()}


def _skeleton(graph: nx.Graph, seed: int) -> dict[str, Position]:
    degree = dict(graph.degree())
    order = sorted(graph, key=lambda n: (-degree[n], str(n)))
    hubs = order[:HUBS]
    hub_set = set(hubs)
    core = nx.Graph()
    core.add_nodes_from(hubs)
    for a, b in graph.subgraph(hubs).edges():
        core.add_edge(a, b, weight=3.0)
    for node in graph:
        if node in hub_set:
            continue
        near = sorted((n for n in graph[node] if n in hub_set), key=lambda n: -degree[n])[:6]
        for i, a in enumerate(near):
            for b in near[i + 1:]:
                weight = core[a][b]["weight"] + 1.0 if core.has_edge(a, b) else 1.0
                core.add_edge(a, b, weight=weight)
    # Hubs need room in proportion to the satellites they will carry.
    raw = nx.spring_layout(core, seed=seed, iterations=ITERATIONS, weight="weight", method="force")
    scale = EDGE_LENGTH * math.sqrt(len(graph)) * 0.75
    positions: dict[str, Position] = {n: (float(p[0]) * scale, float(p[1]) * scale) for n, p in raw.items()}
    _place_around(graph, positions, order)
    _place_rest(graph, positions, seed)
    return positions


def _place_around(graph: nx.Graph, positions: dict[str, Position], order: list[str]) -> None:
    """Breadth-first from the placed nodes: each new node by its placed neighbours, spiralling around one."""
    satellites: dict[str, int] = defaultdict(int)
    frontier = [n for n in order if n in positions]
    step = EDGE_LENGTH * 0.45
    while frontier:
        following: list[str] = []
        for anchor in frontier:
            for node in sorted(graph[anchor], key=str):
                if node in positions:
                    continue
                placed = [positions[n] for n in graph[node] if n in positions]
                if len(placed) > 1:
                    x = sum(p[0] for p in placed) / len(placed)
                    y = sum(p[1] for p in placed) / len(placed)
                    k = satellites[node] = satellites[node] + 1
                    x, y = x + step * 0.6 * math.cos(k * _GOLDEN + len(placed)), y + step * 0.6 * math.sin(
                        k * _GOLDEN + len(placed))
                else:
                    x, y = positions[anchor]
                i = satellites[anchor] = satellites[anchor] + 1
                radius = step * (1.2 + math.sqrt(i))
                positions[node] = (x + radius * math.cos(i * _GOLDEN), y + radius * math.sin(i * _GOLDEN))
                following.append(node)
        frontier = following


def _place_rest(graph: nx.Graph, positions: dict[str, Position], seed: int) -> None:
    """Components without a hub: each laid out by itself, then set in rows under the main drawing."""
    rest = [c for c in nx.connected_components(graph.subgraph(n for n in graph if n not in positions))]
    if not rest:
        return
    rest.sort(key=lambda c: (-len(c), min(map(str, c))))
    ys = [p[1] for p in positions.values()] or [0.0]
    xs = [p[0] for p in positions.values()] or [0.0]
    left, width = min(xs), max(max(xs) - min(xs), EDGE_LENGTH * 8)
    x, y, row_height = left, max(ys) + EDGE_LENGTH * 2, 0.0
    for component in rest:
        part = _spring(graph.subgraph(component), seed) if len(component) <= SPRING_MAX else _grid(component)
        px = [p[0] for p in part.values()]
        py = [p[1] for p in part.values()]
        w = max(px) - min(px) + EDGE_LENGTH
        h = max(py) - min(py) + EDGE_LENGTH
        if x + w > left + width and x > left:
            x, y, row_height = left, y + row_height, 0.0
        for node, (nx_, ny) in part.items():
            positions[node] = (x + nx_ - min(px), y + ny - min(py))
        x += w
        row_height = max(row_height, h)


def _grid(nodes: set[str]) -> dict[str, Position]:
    side = math.ceil(math.sqrt(len(nodes)))
    return {n: ((i % side) * EDGE_LENGTH * 0.6, (i // side) * EDGE_LENGTH * 0.6)
            for i, n in enumerate(sorted(nodes, key=str))}


__all__ = ["HUBS", "SPRING_MAX", "layout"]
