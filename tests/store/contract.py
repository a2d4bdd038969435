"""What the store-contract tests share: three graphs, a few triples, a fill and a blank-node check."""

from __future__ import annotations

import pyoxigraph as ox

from tests.store_fixtures import (
    count,
    graph,
    iri,
    triple,
)
from vdk_graph.store import Store

XSD = "http://www.w3.org/2001/XMLSchema#"
G1, G2, G3 = graph("one"), graph("two"), graph("three")
SHARED = triple("filmby", "type", iri("Organisation"))
ONLY_ONE = triple("filmby", "name", "Filmby Aarhus")
ONLY_TWO = triple("viborg", "name", "The Animation Workshop")
NT = ox.RdfFormat.N_TRIPLES


def fill(store: Store, graphs: dict[str, list[ox.Triple]]) -> None:
    with store.transaction() as tx:
        for name, triples in graphs.items():
            tx.replace_graph(name, triples)


def assert_union_holds_the_same_blank_node(store: Store, graph_name: str) -> None:
    """Every blank node of the graph is, as such, in the union: joined through a variable, not copied."""
    blank = "FILTER (isBlank(?s) || isBlank(?o))"
    in_graph = count(store, f"GRAPH <{graph_name}> {{ ?s ?p ?o }} {blank}")
    joined = count(store, f"?s ?p ?o . GRAPH <{graph_name}> {{ ?s ?p ?o }} {blank}")
    assert in_graph > 0
    assert joined == in_graph
