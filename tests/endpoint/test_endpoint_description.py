"""The SPARQL service description and VoID: at /sparql without a query, at /.well-known/void."""

from __future__ import annotations

import threading

import pyoxigraph as ox
import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.endpoint_fixtures import (
    W3C_GRAPHS,
    AppFactory,
)
from vdk_graph.config import Settings
from webapp import create_app


@pytest.fixture
def client(w3c_app: Flask) -> FlaskClient:
    """A client of the app over the W3C test graphs (threads, then worker processes)."""
    return w3c_app.test_client()


# --------------------------------------------------------------------------- service description


def _description(client: FlaskClient, path: str = "/sparql", accept: str = "text/turtle") -> list[ox.Triple]:
    response = client.get(path, headers={"Accept": accept})
    assert response.status_code == 200, response.get_data(as_text=True)
    fmt = {"text/turtle": ox.RdfFormat.TURTLE, "application/ld+json": ox.RdfFormat.JSON_LD}[response.mimetype]
    return [q.triple for q in ox.parse(response.data, format=fmt)]


def _objects(triples: list[ox.Triple], predicate: str) -> list[object]:
    return [t.object for t in triples if t.predicate.value == predicate]


SD = "http://www.w3.org/ns/sparql-service-description#"
VOID = "http://rdfs.org/ns/void#"


@pytest.mark.parametrize("accept", ["text/turtle", "application/ld+json"])
def test_service_description_without_a_query(w3c_app: Flask, client: FlaskClient, accept: str) -> None:
    triples = _description(client, accept=accept)
    assert [o.value for o in _objects(triples, SD + "endpoint")] == ["http://localhost/sparql"]  # type: ignore[attr-defined]
    assert ox.NamedNode(SD + "SPARQL11Query") in _objects(triples, SD + "supportedLanguage")
    assert len(_objects(triples, SD + "resultFormat")) == 8
    store = w3c_app.extensions["vdk"].store
    [total] = _objects(triples, VOID + "triples")[:1]
    assert int(total.value) == store.triple_count()  # type: ignore[attr-defined]
    names = {o.value for o in _objects(triples, SD + "name")}  # type: ignore[attr-defined]
    assert names == set(W3C_GRAPHS)
    classes = {o.value for o in _objects(triples, VOID + "class")}  # type: ignore[attr-defined]
    assert "http://xmlns.com/foaf/0.1/Document" in classes
    [comment] = [
        o.value
        for o in _objects(triples, "http://www.w3.org/2000/01/rdf-schema#comment")  # type: ignore[attr-defined]
        if "time limit" in o.value or "longer than" in o.value
    ]  # type: ignore[attr-defined]
    assert "10 s" in comment and "10,000 rows" in comment and "SERVICE" in comment


def test_well_known_void(client: FlaskClient) -> None:
    triples = _description(client, "/.well-known/void")
    assert any(t.object == ox.NamedNode(VOID + "Dataset") for t in triples)
    assert _objects(triples, VOID + "sparqlEndpoint")


def test_a_browser_asking_for_the_endpoint_goes_to_the_workbench_if_there_is_one(w3c_app: Flask) -> None:
    browser = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}
    store = w3c_app.extensions["vdk"].store
    plain = create_app(Settings(store="memory:"), {"TESTING": True}, store=store)
    if not any(rule.rule == "/query" for rule in plain.url_map.iter_rules()):
        assert plain.test_client().get("/sparql", headers=browser).mimetype == "text/turtle"
    with_workbench = create_app(Settings(store="memory:"), {"TESTING": True}, store=store)
    if not any(rule.rule == "/query" for rule in with_workbench.url_map.iter_rules()):
        with_workbench.add_url_rule("/query", "workbench_stub", lambda: "workbench")
    response = with_workbench.test_client().get("/sparql", headers=browser)
    assert response.status_code == 303 and response.headers["Location"].endswith("/query")
    # A client that is not a browser still gets the description.
    assert with_workbench.test_client().get("/sparql").mimetype == "text/turtle"


def test_the_description_follows_the_data(sparql_app: AppFactory) -> None:
    app = sparql_app()
    client = app.test_client()

    def triples_claimed() -> int:
        turtle = client.get("/sparql", headers={"Accept": "text/turtle"}).data
        graph = ox.parse(turtle, format=ox.RdfFormat.TURTLE)
        dataset = ox.NamedNode("http://localhost/sparql#dataset")
        [count] = [q.object for q in graph if q.subject == dataset and q.predicate.value == VOID + "triples"]
        return int(count.value)  # type: ignore[union-attr]

    assert triples_claimed() == 3
    with app.extensions["vdk"].store.transaction() as tx:
        tx.replace_graph(
            "http://e/new",
            [ox.Triple(ox.NamedNode("http://e/a"), ox.NamedNode("http://e/p"), ox.Literal("x"))],
        )
    assert triples_claimed() == 4


def test_the_description_does_not_wait_long_for_statistics_being_counted(
    sparql_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """At 10M triples the VoID numbers took 74 s to count: a client asking meanwhile gets the rest now."""
    from vdk_graph import endpoint
    from vdk_graph.endpoint import description

    go_on = threading.Event()
    compute = description.STATISTICS.compute

    def slow(store: object) -> object:
        go_on.wait(30)
        return compute(store)  # type: ignore[arg-type]

    monkeypatch.setattr(description.STATISTICS, "compute", slow)
    monkeypatch.setattr(endpoint, "DESCRIBE_WAIT", 0.2)
    client = sparql_app().test_client()
    try:
        response = client.get("/sparql", headers={"Accept": "text/turtle"})
        assert response.status_code == 200
        graph = list(ox.parse(response.data, format=ox.RdfFormat.TURTLE))
        claimed = {q.predicate.value for q in graph}
        assert VOID + "sparqlEndpoint" in claimed and VOID + "triples" not in claimed
        assert any("being counted" in q.object.value for q in graph if isinstance(q.object, ox.Literal))
    finally:
        go_on.set()
