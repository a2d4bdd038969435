"""The path network built by filling its adjacency equals the one networkx's ``add_edge`` builds.

``build_path_graph`` fills the adjacency dictionaries directly (issue 17: the warm-up after an
import at 1M); which shortest path ``connect`` finds depends on the order of each node's
neighbours, so the order must be the one the plain construction gives, not only the edges.
"""

from __future__ import annotations

import random
from typing import Any

import networkx as nx
import pytest

from vdk_graph.matchmaking.index_model import build_path_graph
from vdk_graph.network.ecosystem import Ecosystem

KINDS = ("organisation", "project", "topic", "programme", "person", "funder")
RELATIONS = ("lead", "partner", "topic", "funds", "member", "invests")


def plain_path_graph(eco: Ecosystem) -> nx.Graph:
    """The construction the direct one replaced, kept as the reference."""
    graph = nx.Graph()
    for node, data in eco.graph.nodes(data=True):
        if data.get("kind") != "topic":
            graph.add_node(node)
    for source, target, data in eco.graph.edges(data=True):
        if source in graph and target in graph:
            if graph.has_edge(source, target):
                graph[source][target]["relations"].append((source, data["relation"], target))
            else:
                graph.add_edge(source, target, relations=[(source, data["relation"], target)])
    return graph


def random_ecosystem(seed: int) -> Ecosystem:
    rng = random.Random(seed)
    graph = nx.MultiDiGraph()
    nodes = [f"n{i}" for i in range(rng.randint(1, 60))]
    rng.shuffle(nodes)
    for node in nodes:
        graph.add_node(node, kind=rng.choice(KINDS))
    for _ in range(rng.randint(0, 250)):  # both directions, repeated pairs, self-loops
        graph.add_edge(rng.choice(nodes), rng.choice(nodes), relation=rng.choice(RELATIONS))
    return Ecosystem(graph, "v1")


def shape(graph: Any) -> list[tuple[str, list[tuple[str, Any]]]]:
    return [(node, list(graph.adj[node].items())) for node in graph]


@pytest.mark.parametrize("seed", range(40))
def test_the_path_network_is_the_one_add_edge_builds_neighbour_for_neighbour(seed: int) -> None:
    eco = random_ecosystem(seed)
    fast, plain = build_path_graph(eco), plain_path_graph(eco)
    assert shape(fast) == shape(plain)
    assert list(fast.nodes(data=True)) == list(plain.nodes(data=True))
    assert list(fast.edges(data=True)) == list(plain.edges(data=True))
    assert fast.number_of_edges() == plain.number_of_edges()
    for a, b in fast.edges():  # one data dictionary per edge, seen from both ends (as add_edge makes it)
        assert fast.adj[a][b] is fast.adj[b][a]
    assert all(eco.graph.nodes[n]["kind"] != "topic" for n in fast)
