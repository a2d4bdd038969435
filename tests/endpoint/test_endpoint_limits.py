"""The endpoint's limits: rows capped and said so, body size, soft and hard time limits, from the CLI."""

from __future__ import annotations

import json
import time

import pyoxigraph as ox
from click.testing import CliRunner

from tests.endpoint_fixtures import (
    DIRECT,
    RESULTS,
    AppFactory,
    boolean,
)
from vdk_graph.cli import main as cli
from vdk_graph.store import Store

# --------------------------------------------------------------------------- limits


def test_rows_are_capped_and_the_answer_says_so(sparql_app: AppFactory) -> None:
    client = sparql_app(max_rows=2).test_client()
    values = "SELECT ?x WHERE { VALUES ?x { 1 2 3 4 5 } }"
    response = client.get("/sparql", query_string={"query": values}, headers={"Accept": RESULTS})
    body = response.json
    assert len(body["results"]["bindings"]) == 2
    assert body["vdk:truncated"] is True and body["vdk:rowLimit"] == 2
    assert response.headers["X-VDK-Truncated"] == "true" and response.headers["X-VDK-Row-Limit"] == "2"
    csv = client.get("/sparql", query_string={"query": values, "format": "csv"})
    assert csv.get_data(as_text=True).splitlines() == ["x", "1", "2"]
    assert csv.headers["X-VDK-Truncated"] == "true"
    tsv = client.get("/sparql", query_string={"query": values, "format": "tsv"})
    assert tsv.get_data(as_text=True).splitlines() == ["?x", "1", "2"]
    assert tsv.headers["X-VDK-Truncated"] == "true"
    for other in (  # an OFFSET of its own; a trailing VALUES (the general path)
        "SELECT ?x WHERE { VALUES ?x { 1 2 3 4 5 } } ORDER BY ?x OFFSET 1",
        "SELECT ?x WHERE { } VALUES ?x { 2 3 4 5 }",
    ):
        response = client.get("/sparql", query_string={"query": other}, headers={"Accept": RESULTS})
        assert [b["x"]["value"] for b in response.json["results"]["bindings"]] == ["2", "3"]
        assert response.json["vdk:truncated"] is True
    exact = client.get(
        "/sparql",
        query_string={"query": "SELECT ?x WHERE { VALUES ?x { 1 2 } }"},
        headers={"Accept": RESULTS},
    )
    assert exact.headers["X-VDK-Truncated"] == "false" and "vdk:truncated" not in exact.json
    graph = client.get("/sparql", query_string={"query": "CONSTRUCT WHERE { ?s ?p ?o }", "format": "nt"})
    assert len(graph.get_data(as_text=True).strip().splitlines()) == 2
    assert graph.headers["X-VDK-Truncated"] == "true"


def test_over_size_bodies_get_413(sparql_app: AppFactory) -> None:
    client = sparql_app(max_request_bytes=2_000).test_client()
    query = "ASK { " + "?s ?p ?o . " * 500 + "}"
    response = client.post("/sparql", data=query, content_type=DIRECT, headers={"Accept": RESULTS})
    assert response.status_code == 413
    assert "2,000 bytes" in response.json["message"]
    assert client.post("/sparql", data="ASK {}", content_type=DIRECT).status_code == 200


def _expensive_store(store: Store) -> None:
    """250 triples: a three-way cross product of them is 15.6 million rows (seconds on any machine: 1.7
    million, from 120, was counted within 0.2 s by an idle core), four ways 3.9 billion."""
    triples = [
        ox.Triple(ox.NamedNode(f"http://e/{i}"), ox.NamedNode("http://e/p"), ox.Literal(str(i)))
        for i in range(250)
    ]
    with store.transaction() as tx:
        tx.replace_graph("http://e/g", triples)


EXPENSIVE = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
#: Minutes of work: only for worker processes, which are killed (a thread would run on after the test).
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


def test_memory_store_has_a_soft_time_limit(sparql_app: AppFactory) -> None:
    app = sparql_app(fill=_expensive_store, query_timeout=0.2)
    client = app.test_client()
    started = time.perf_counter()
    response = client.get("/sparql", query_string={"query": EXPENSIVE}, headers={"Accept": RESULTS})
    elapsed = time.perf_counter() - started
    assert response.status_code == 503, response.get_data(as_text=True)
    assert response.json["error"] == "QueryTimeout"
    assert (
        "0.2 s" in response.json["message"] and "in-memory store cannot stop it" in response.json["message"]
    )
    assert elapsed < 2.0
    assert client.get("/sparql?query=ASK%7B%7D").status_code == 200
    assert app.extensions["vdk_endpoint"].executor.mode == "thread"


def test_worker_processes_stop_a_query_at_the_limit(sparql_app: AppFactory) -> None:
    app = sparql_app("embedded", fill=_expensive_store, query_timeout=1.0, workers=1)
    client = app.test_client()
    assert client.get("/sparql?query=ASK%7B%7D").status_code == 200  # workers started
    executor = app.extensions["vdk_endpoint"].executor
    [first] = executor.pids()
    started = time.perf_counter()
    response = client.get("/sparql", query_string={"query": RUNAWAY}, headers={"Accept": RESULTS})
    elapsed = time.perf_counter() - started
    assert response.status_code == 503 and response.json["error"] == "QueryTimeout"
    assert "stopped" in response.json["message"]
    assert 1.0 <= elapsed < 3.0
    assert first not in executor.pids()  # killed and replaced
    assert boolean(client.get("/sparql?query=ASK%7B%7D")) is True


def test_serve_takes_the_limits_from_the_command_line() -> None:
    result = CliRunner().invoke(
        cli,
        [
            "--store",
            "memory:",
            "serve",
            "--max-rows",
            "1",
            "--query-timeout",
            "5",
            "--get",
            "/sparql?query=SELECT%20%3Fx%20%7B%20VALUES%20%3Fx%20%7B1%202%7D%20%7D",
        ],
    )
    assert result.exit_code == 0, result.output
    body = json.loads(result.output)
    assert len(body["results"]["bindings"]) == 1 and body["vdk:truncated"] is True
