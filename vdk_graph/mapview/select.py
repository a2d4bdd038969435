"""Which nodes and edges a view shows: kinds, filters, focus, the top N, and the strongest edges.

Filters (topic, programme, region, years) are about what a node *has*: an
organisation has the topics, programmes and years of its projects, a project
its own. A node that has nothing to say about a filter — a fund has no years,
a programme no region — is shown when it is linked to a node that passes every
filter, so a topic view keeps the funders and programmes of its projects
without keeping every funder. A project is what these filters are about, so a
project without topics, programme or dates fails them. Years compare ranges: an
organisation active 2015–2023 passes 2018–2019 even if it had no project then.

Big views stay usable: at most :attr:`MapQuery.max_nodes` nodes are drawn —
the better half by the size measure, the rest those that link them most (see
:func:`top_nodes`) — and the rest are counted; when the edges among them pass
:data:`MAX_EDGES`, each node keeps its :data:`EDGES_PER_NODE` strongest links
first, then the strongest of the rest fill up to the cap.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from vdk_graph import measures
from vdk_graph.errors import NotFound
from vdk_graph.mapview.query import MapQuery
from vdk_graph.mapview.style import RELATION_STYLES
from vdk_graph.names import fold
from vdk_graph.network import Ecosystem

MAX_EDGES = 12_000
EDGES_PER_NODE = 6
#: Betweenness is estimated from this many sources, on at most BETWEENNESS_NODES of the best connected nodes.
BETWEENNESS_SAMPLES = 48
BETWEENNESS_NODES = 1000

Edge = tuple[str, str, str, dict[str, Any]]


@dataclass
class Selection:
    """The outcome: the nodes and edges to draw, their scores, and what was left out."""

    nodes: list[str]
    edges: list[Edge]
    scores: dict[str, float]
    degree: dict[str, int]
    matching_nodes: int
    matching_edges: int
    distance: dict[str, int] = field(default_factory=dict)


# --------------------------------------------------------------------------- filters


def _filters(eco: Ecosystem, query: MapQuery) -> list[Callable[[str, dict[str, Any]], bool | None]]:
    """One test per active filter: True (passes), False (fails) or None (the node has nothing to say)."""
    tests: list[Callable[[str, dict[str, Any]], bool | None]] = []
    if query.topics:
        wanted_topics = set(query.topics)

        def topic(node: str, data: dict[str, Any]) -> bool | None:
            have = set(data.get("topics") or ()) | ({node} if data.get("kind") == "topic" else set())
            return bool(have & wanted_topics) if have else _silent(data)

        tests.append(topic)
    if query.programmes:
        wanted_programmes = set(query.programmes)

        def programme(node: str, data: dict[str, Any]) -> bool | None:
            have = set(data.get("programmes") or ()) | ({node} if data.get("kind") == "programme" else set())
            return bool(have & wanted_programmes) if have else _silent(data)

        tests.append(programme)
    if query.regions:
        wanted_regions = {fold(r) for r in query.regions}

        def region(node: str, data: dict[str, Any]) -> bool | None:
            have = {fold(str(data[k])) for k in ("region", "city") if data.get(k)}
            return bool(have & wanted_regions) if have else None

        tests.append(region)
    if query.year_from is not None or query.year_to is not None:
        low = query.year_from if query.year_from is not None else -10_000
        high = query.year_to if query.year_to is not None else 10_000

        def years(node: str, data: dict[str, Any]) -> bool | None:
            first, last = data.get("first_year"), data.get("last_year")
            if first is None:
                return _silent(data)
            return bool(first <= high and (last if last is not None else first) >= low)

        tests.append(years)
    return tests


def _silent(data: dict[str, Any]) -> bool | None:
    """A project without topics, programme or dates fails such a filter; anything else has nothing to say."""
    return False if data.get("kind") == "project" else None


def matching_nodes(eco: Ecosystem, query: MapQuery) -> set[str]:
    """The nodes of the chosen kinds that pass the filters, or are linked to one that does (see above)."""
    graph = eco.graph
    kinds = set(query.kinds)
    candidates = [n for n, d in graph.nodes(data=True) if d.get("kind") in kinds]
    tests = _filters(eco, query)
    if not tests:
        return set(candidates)
    core: set[str] = set()
    unknown: list[str] = []
    for node in candidates:
        results = [test(node, graph.nodes[node]) for test in tests]
        if all(r is True for r in results):
            core.add(node)
        elif not any(r is False for r in results):
            unknown.append(node)
    linked = {n for n in unknown if any(m in core for m in _neighbours(graph, n))}
    return core | linked


def _neighbours(graph: nx.MultiDiGraph, node: str) -> Iterable[str]:
    yield from graph.successors(node)
    yield from graph.predecessors(node)


# --------------------------------------------------------------------------- focus


def focus_distances(eco: Ecosystem, focus: str, hops: int, allowed: set[str]) -> dict[str, int]:
    """Breadth-first distances from ``focus`` through allowed nodes, up to ``hops`` (links either way)."""
    if focus not in eco.graph:
        raise NotFound(f"{focus} is not a node of the network; give the IRI of an organisation, project, "
                       "programme, person or topic (its page shows it)")
    distance = {focus: 0}
    queue = deque([focus])
    while queue:
        node = queue.popleft()
        if distance[node] >= hops:
            continue
        for other in _neighbours(eco.graph, node):
            if other not in distance and other in allowed:
                distance[other] = distance[node] + 1
                queue.append(other)
    return distance


# --------------------------------------------------------------------------- scores and the top N


@dataclass
class _Whole:
    """What every view of one network version shares: each node's neighbours and the edge count."""

    neighbours: dict[str, set[str]]
    edges: int


def whole(eco: Ecosystem) -> _Whole:
    """Each node's neighbours and the edge count, kept with the projection (``Ecosystem.memo``)."""
    return eco.memo("map neighbours", None, lambda: _whole_of(eco))


def _whole_of(eco: Ecosystem) -> _Whole:
    neighbours: dict[str, set[str]] = {n: set() for n in eco.graph}
    edges = 0
    for a, b in eco.graph.edges():
        neighbours[a].add(b)
        neighbours[b].add(a)
        edges += 1
    return _Whole(neighbours, edges)


def simple_graph(eco: Ecosystem, nodes: set[str]) -> nx.Graph:
    """The undirected, single-edge graph among ``nodes`` (what PageRank and betweenness work on)."""
    neighbours = whole(eco).neighbours
    simple = nx.Graph()
    simple.add_nodes_from(nodes)
    simple.add_edges_from((a, b) for a in nodes for b in neighbours[a] & nodes if a < b)
    return simple


def scores(eco: Ecosystem, nodes: set[str], size_by: str) -> tuple[dict[str, float], dict[str, int]]:
    """The size measure of each node, and its degree, both within ``nodes``."""
    neighbours = whole(eco).neighbours
    if len(nodes) == len(neighbours):
        degree = {n: len(neighbours[n]) for n in nodes}
    else:
        degree = {n: len(neighbours[n] & nodes) for n in nodes}
    if size_by == "pagerank" and any(degree.values()):
        ranks = measures.pagerank(simple_graph(eco, nodes))
        return {str(n): float(v) for n, v in ranks.items()}, degree
    if size_by == "betweenness" and any(degree.values()):
        part = set(sorted(nodes, key=lambda n: (-degree[n], n))[:BETWEENNESS_NODES])
        sample = min(len(part), BETWEENNESS_SAMPLES)
        found, _ = measures.betweenness(simple_graph(eco, part), samples=sample, seed=7)
        return {n: float(found.get(n, 0.0)) for n in nodes}, degree
    return {n: float(d) for n, d in degree.items()}, degree


def select(eco: Ecosystem, query: MapQuery) -> Selection:
    """The nodes and edges of the view, best first, capped (see the module docstring)."""
    matching = matching_nodes(eco, query)
    distance: dict[str, int] = {}
    if query.focus:
        distance = focus_distances(eco, query.focus, query.hops, matching)
        matching = set(distance)
    score, degree = scores(eco, matching, query.size_by)
    order = sorted(matching, key=lambda n: (distance.get(n, 0), -score[n], -degree[n], n))
    shown = order
    if len(order) > query.max_nodes:
        shown = top_nodes(order, whole(eco).neighbours, query.max_nodes, bool(distance))
    shown_set = set(shown)
    graph = eco.graph
    edges = [(a, b, str(d.get("relation", "")), d)
             for a in shown for b in graph.successors(a) if b in shown_set for d in graph[a][b].values()]
    return Selection(nodes=shown, edges=thin_edges(edges, score), scores=score, degree=degree,
                     matching_nodes=len(matching), matching_edges=edges_among(eco, matching),
                     distance=distance)


def edges_among(eco: Ecosystem, nodes: set[str]) -> int:
    """How many edges (relations) the network has between ``nodes``: counted directly, or as all edges
    minus those touching the few nodes left out, whichever is less work."""
    graph = eco.graph
    left_out = [n for n in graph if n not in nodes] if len(nodes) * 2 > len(graph) else None
    if left_out is None:
        return sum(len(graph[a][b]) for a in nodes for b in graph.successors(a) if b in nodes)
    out = set(left_out)
    touching = sum(graph.out_degree(n) for n in left_out)
    touching += sum(len(graph[a][n]) for n in left_out for a in graph.predecessors(n) if a not in out)
    return whole(eco).edges - touching


def top_nodes(order: list[str], neighbours: dict[str, set[str]], limit: int, by_distance: bool) -> list[str]:
    """The ``limit`` nodes to draw from ``order`` (best first): the better half, then what links them most.

    Taking the best connected nodes alone draws dots without lines on a big
    network (its hubs are organisations, and the projects between them each have
    few links), so the second half goes to the nodes with most links into the
    first, ties broken by rank. A focus view keeps its order (nearest first).
    """
    if by_distance:
        return order[:limit]
    half = (limit + 1) // 2
    chosen = order[:half]
    inside = set(chosen)
    rank = {n: i for i, n in enumerate(order)}
    rest = order[half:]
    links = {n: len(neighbours[n] & inside) for n in rest}
    rest.sort(key=lambda n: (-links[n], rank[n]))
    return chosen + rest[: limit - half]


def thin_edges(edges: list[Edge], score: dict[str, float], cap: int = MAX_EDGES,
               per_node: int = EDGES_PER_NODE) -> list[Edge]:
    """At most ``cap`` edges: each node's ``per_node`` strongest first, then the strongest of the rest."""
    if len(edges) <= cap:
        return edges

    def strength(edge: Edge) -> tuple[float, float]:
        a, b, relation, _ = edge
        style = RELATION_STYLES.get(relation)
        return (style.strength if style else 1.0, score.get(a, 0.0) + score.get(b, 0.0))

    ranked = sorted(range(len(edges)), key=lambda i: strength(edges[i]), reverse=True)
    rank = {i: r for r, i in enumerate(ranked)}
    incident: dict[str, list[int]] = {}
    for i, (a, b, _, _) in enumerate(edges):
        incident.setdefault(a, []).append(i)
        incident.setdefault(b, []).append(i)
    keep: set[int] = set()
    for indices in incident.values():
        keep.update(sorted(indices, key=rank.__getitem__)[:per_node])
    chosen = sorted(keep, key=rank.__getitem__)[:cap]
    if len(chosen) < cap:
        taken = set(chosen)
        chosen += [i for i in ranked if i not in taken][: cap - len(chosen)]
    return [edges[i] for i in sorted(chosen)]


__all__ = ["EDGES_PER_NODE", "MAX_EDGES", "Selection", "edges_among", "focus_distances", "matching_nodes",
           "scores", "select", "simple_graph", "thin_edges", "top_nodes", "whole"]
