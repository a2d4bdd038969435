"""The store contract for queries on every backend: result shapes, errors, datasets, sizes and versions."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from tests.store.contract import (
    G1,
    G2,
    G3,
    ONLY_ONE,
    ONLY_TWO,
    SHARED,
    fill,
)
from tests.store_fixtures import (
    EX,
    count,
    iri,
    select,
    triple,
)
from vdk_graph.errors import QueryError
from vdk_graph.results import AskResult, GraphResult, SelectResult
from vdk_graph.store import RemoteStore, Store

RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"


def test_result_shapes(store: Store) -> None:
    fill(store, {G1: [SHARED, ONLY_ONE], G2: [ONLY_TWO]})
    result = store.query(f"SELECT ?s ?name WHERE {{ ?s <{EX}type> ?t OPTIONAL {{ ?s <{EX}name> ?name }} }}")
    assert isinstance(result, SelectResult)
    assert result.variables == ["s", "name"]
    assert [tuple(r) for r in result.rows] == [(iri("filmby"), ox.Literal("Filmby Aarhus"))]

    unbound = store.query(f"SELECT ?s ?no WHERE {{ ?s <{EX}type> ?t OPTIONAL {{ ?s <{EX}nope> ?no }} }}")
    assert isinstance(unbound, SelectResult)
    assert [tuple(r) for r in unbound.rows] == [(iri("filmby"), None)]
    assert list(store.query(f"SELECT ?s WHERE {{ ?s <{EX}nope> ?o }}").rows) == []  # type: ignore[union-attr]

    assert store.query(f"ASK {{ {ONLY_TWO} }}") == AskResult(True)
    assert store.query("ASK { ?s ?p 17 }") == AskResult(False)

    constructed = store.query(f"CONSTRUCT {{ ?s <{EX}label> ?n }} WHERE {{ ?s <{EX}name> ?n }}")
    assert isinstance(constructed, GraphResult)
    triples = list(constructed.triples)
    assert all(isinstance(t, ox.Triple) for t in triples)
    assert set(triples) == {triple("filmby", "label", "Filmby Aarhus"), triple("viborg", "label",
                                                                              "The Animation Workshop")}
    described = store.query(f"DESCRIBE <{EX}viborg>")
    assert isinstance(described, GraphResult)
    assert set(described.triples) == {ONLY_TWO}


def test_a_malformed_query_raises_query_error(store: Store) -> None:
    with pytest.raises(QueryError) as caught:
        store.query("SELECT ?s\nWHERE {\n  ?s ?p }")
    error = caught.value
    if isinstance(store, RemoteStore) and store.dialect.name == "Virtuoso":
        # Virtuoso says it in its own words ("syntax error at '}' before '}'"), with the line only.
        assert "syntax error" in error.detail and error.line == 3 and error.column is None
        return
    assert "expected" in error.detail
    # Oxigraph places the error where its parser gave up: here the end of line 3.
    if not isinstance(store, RemoteStore) or error.line is not None:
        assert (error.line, error.column) == (3, 10)
        assert "line 3, column 10" in str(error)


def test_dataset_parameters_restrict_the_dataset(store: Store) -> None:
    fill(store, {G1: [SHARED, ONLY_ONE], G2: [SHARED, ONLY_TWO], G3: [triple("x", "y", "z")]})
    assert count(store, "?s ?p ?o", default_graphs=[G2]) == 2
    assert count(store, "?s ?p ?o", default_graphs=[]) == 0
    assert len(set(select(store, "SELECT ?s ?p ?o WHERE { ?s ?p ?o }", default_graphs=[G1, G2]))) == 3
    in_graphs = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g"
    assert [g.value for (g,) in select(store, in_graphs, named_graphs=[G1, G3])] == [G1, G3]  # type: ignore[attr-defined]
    assert select(store, in_graphs, named_graphs=[]) == []
    # Naming only the named graphs keeps the union as the default graph, and vice versa.
    assert count(store, "?s ?p ?o", named_graphs=[G1]) == 4
    assert len(select(store, in_graphs, default_graphs=[G1])) == 3


def test_graph_sizes_and_data_version(store: Store) -> None:
    assert store.graph_sizes() == {}
    empty = store.data_version()
    fill(store, {G1: [SHARED, ONLY_ONE], G2: [SHARED]})
    assert store.graph_sizes() == {G1: 2, G2: 1}
    first = store.data_version()
    assert first != empty
    store.query("SELECT * WHERE { ?s ?p ?o }")
    assert store.data_version() == first
    fill(store, {G1: [SHARED, ONLY_TWO]})  # as many triples as before, but other ones
    second = store.data_version()
    assert second != first
    assert store.graph_sizes() == {G1: 2, G2: 1}
    assert store.data_version() == second


def test_select_gives_rows_with_the_project_prefixes_it_uses_declared(store: Store) -> None:
    fill(store, {G1: [ox.Triple(iri("filmby"), ox.NamedNode(RDFS_LABEL), ox.Literal("Filmby Aarhus"))]})
    result = store.select("SELECT ?s ?label WHERE { ?s rdfs:label ?label }")
    assert result.variables == ["s", "label"]
    assert list(result.tuples()) == [(iri("filmby").value, "Filmby Aarhus")]
    # Its own declarations win over the project's: this rdfs: names nothing in the store.
    other = store.select("PREFIX rdfs: <http://example.org/not-rdfs#> SELECT ?s WHERE { ?s rdfs:label ?l }")
    assert list(other.rows) == []
    with pytest.raises(TypeError, match="SELECT"):
        store.select("ASK { ?s rdfs:label ?label }")
