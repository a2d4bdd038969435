"""Several default graphs are the RDF merge — a set — however they are named (issue 10 §4)."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from tests.endpoint_fixtures import AppFactory
from tests.live_fixtures import LiveServer
from vdk_graph import KnowledgeGraph
from vdk_graph.store import Store

S, P = ox.NamedNode("http://example.org/s"), ox.NamedNode("http://example.org/p")
SHARED = ox.Triple(S, P, ox.Literal("stated by both"))
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


def two_sources(store: Store) -> None:
    """Graphs a and b both state SHARED; each states one triple of its own; c states another."""
    with store.transaction() as tx:
        tx.replace_graph("http://example.org/a", [SHARED, ox.Triple(S, P, ox.Literal("a only"))])
        tx.replace_graph("http://example.org/b", [SHARED, ox.Triple(S, P, ox.Literal("b only"))])
        tx.replace_graph("http://example.org/c", [ox.Triple(S, P, ox.Literal("c only"))])


def count(client, query: str, **params: object) -> int:  # type: ignore[no-untyped-def]
    response = client.get("/sparql", query_string={"query": query, **params},
                          headers={"Accept": "application/sparql-results+json"})
    assert response.status_code == 200, response.get_data(as_text=True)
    return int(response.get_json()["results"]["bindings"][0]["n"]["value"])


@pytest.mark.parametrize("kind", ["memory", "embedded"])
def test_from_twice_counts_a_shared_triple_once(sparql_app: AppFactory, kind: str) -> None:
    client = sparql_app(kind=kind, fill=two_sources).test_client()
    a, b = "http://example.org/a", "http://example.org/b"
    assert count(client, f"SELECT (COUNT(*) AS ?n) FROM <{a}> FROM <{b}> WHERE {{ ?s ?p ?o }}") == 3
    prefixed = "PREFIX ex: <http://example.org/> SELECT (COUNT(*) AS ?n) FROM ex:a FROM ex:b FROM ex:a " \
               "WHERE { ?s ?p ?o }"
    assert count(client, prefixed) == 3
    assert count(client, COUNT, **{"default-graph-uri": [a, b]}) == 3
    everything = ["http://example.org/a", "http://example.org/b", "http://example.org/c"]
    assert count(client, COUNT, **{"default-graph-uri": everything}) == 4  # the store's own union
    assert count(client, COUNT) == 4
    # FROM NAMED beside them: the named graphs are there for GRAPH, each as it is.
    named = (f"SELECT (COUNT(*) AS ?n) FROM <{a}> FROM <{b}> FROM NAMED <{a}> "
             "WHERE { GRAPH ?g { ?s ?p ?o } }")
    assert count(client, named) == 2


def test_a_knowledge_graph_pointed_at_a_vdk_graph_endpoint_sees_what_the_store_holds(
    live_server: LiveServer,
) -> None:
    """It used to see 32 projects instead of 18: every named graph a default graph, merged as a bag."""
    query = "SELECT (COUNT(DISTINCT ?p) AS ?n) (COUNT(*) AS ?rows) WHERE { ?p a vdk:Project }"
    [here] = KnowledgeGraph(live_server.store).query(query)  # type: ignore[misc]  # the store served
    with KnowledgeGraph(f"sparql+{live_server.url}/sparql") as remote:
        [there] = remote.query(query)  # type: ignore[misc]
    assert there == here and here["n"] == here["rows"] > 10
