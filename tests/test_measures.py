"""The network measures: igraph's numbers are networkx's numbers on small graphs (issue 17)."""

from __future__ import annotations

import random

import networkx as nx
import pytest

from vdk_graph import measures


@pytest.fixture
def graph() -> nx.Graph:
    g = nx.Graph(nx.les_miserables_graph())
    return g


@pytest.fixture(autouse=True)
def igraph_here() -> None:
    assert measures.backend() == "igraph", "python-igraph is a dependency (pip install igraph)"


def test_exact_betweenness_is_networkx_betweenness(graph: nx.Graph) -> None:
    ours, sources = measures.betweenness(graph)
    theirs = nx.betweenness_centrality(graph, normalized=True)
    assert sources == graph.number_of_nodes()
    assert max(abs(ours[n] - theirs[n]) for n in graph) < 1e-12


def test_sampled_betweenness_is_scaled_as_networkx_scales_it(graph: nx.Graph) -> None:
    exact = nx.betweenness_centrality(graph, normalized=True)
    top = sorted(exact, key=exact.get, reverse=True)[:3]  # type: ignore[arg-type]
    for seed in (1, 2, 3):
        ours, sources = measures.betweenness(graph, samples=40, seed=seed)
        theirs = nx.betweenness_centrality(graph, k=40, seed=seed, normalized=True)
        assert sources == 40
        assert sum(ours.values()) == pytest.approx(sum(theirs.values()), rel=0.15)
        assert set(sorted(ours, key=ours.get, reverse=True)[:5]) >= set(top[:2])  # type: ignore[arg-type]
    again, _ = measures.betweenness(graph, samples=40, seed=1)
    assert again == measures.betweenness(graph, samples=40, seed=1)[0]  # seeded: the same every time


def test_communities_are_as_good_as_networkx_louvain_and_repeatable() -> None:
    planted = nx.planted_partition_graph(6, 15, 0.6, 0.01, seed=3)
    for u, v in planted.edges():
        planted[u][v]["weight"] = 1
    truth = [set(range(i * 15, (i + 1) * 15)) for i in range(6)]
    ours = measures.communities(planted, seed=5)
    theirs = [set(c) for c in nx.community.louvain_communities(planted, weight="weight", seed=5)]
    assert sorted(map(sorted, ours)) == sorted(map(sorted, truth)) == sorted(map(sorted, theirs))
    assert measures.communities(planted, seed=5) == ours
    leiden = measures.communities(planted, seed=5, method="leiden")
    best = measures.modularity(planted, truth)
    assert measures.modularity(planted, leiden) == pytest.approx(best, abs=1e-9)


def test_pagerank_is_networkx_pagerank(graph: nx.Graph) -> None:
    ours, theirs = measures.pagerank(graph), nx.pagerank(graph, weight=None)
    assert max(abs(ours[n] - theirs[n]) for n in graph) < 1e-4
    assert measures.pagerank(nx.Graph()) == {} and measures.betweenness(nx.Graph()) == ({}, 0)


@pytest.mark.parametrize("seed", range(8))
def test_the_igraph_graph_has_networkx_edges_in_their_order(seed: int) -> None:
    """Read from the adjacency in one pass, the edges keep ``graph.edges()``'s order (Louvain needs it)."""
    rng = random.Random(seed)
    graph = nx.Graph()
    graph.add_nodes_from(rng.sample(range(100), 40))
    for _ in range(120):
        graph.add_edge(rng.randrange(100), rng.randrange(100), weight=rng.choice([1, 2, 3]))  # self-loops too
    g, nodes = measures.to_igraph(graph, "weight")
    position = {n: i for i, n in enumerate(nodes)}
    assert nodes == list(graph)
    assert [tuple(sorted(e)) for e in g.get_edgelist()] == [tuple(sorted((position[a], position[b])))
                                                            for a, b in graph.edges()]
    assert g.es["weight"] == [float(d["weight"]) for _, _, d in graph.edges(data=True)]
