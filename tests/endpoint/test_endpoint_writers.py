"""The answer writers: the fast native path for bounded queries gives the same answers as the general one."""

from __future__ import annotations

import json

import pyoxigraph as ox
import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.endpoint_fixtures import (
    RESULTS,
    W3C_GRAPHS,
    AppFactory,
    results_format,
)
from vdk_graph.endpoint import native
from vdk_graph.endpoint.json_results import write_json
from vdk_graph.results import AskResult, SelectResult, write_select


@pytest.fixture
def client(w3c_app: Flask) -> FlaskClient:
    """A client of the app over the W3C test graphs (threads, then worker processes)."""
    return w3c_app.test_client()


# --------------------------------------------------------------------------- answer writers


def test_bounded_queries_are_recognised_by_their_last_line() -> None:
    assert native.bounded("SELECT * WHERE { ?s ?p ?o }\nORDER BY ?s LIMIT 10", 10)
    assert native.bounded("SELECT * WHERE { ?s ?p ?o } limit 3 offset 6  \n\n", 10)
    assert not native.bounded("SELECT * WHERE { ?s ?p ?o } LIMIT 11", 10)  # over the cap
    assert not native.bounded("SELECT * WHERE { { SELECT ?s { ?s ?p ?o } LIMIT 1 } }", 10)  # a sub-select's
    assert not native.bounded("SELECT * WHERE { ?s ?p ?o } # LIMIT 1", 10)  # maybe a comment
    assert not native.bounded("SELECT * WHERE { ?s ?p ?o } LIMIT 1 VALUES ?s { <http://e/a> }", 10)


@pytest.mark.parametrize("kind", ["memory", "embedded"])
def test_native_and_general_writers_give_the_same_answers(sparql_app: AppFactory, kind: str) -> None:
    app = sparql_app(kind)
    store = app.extensions["vdk"].store
    assert native.oxigraph_store(store) is not None  # else every query silently takes the slow path
    client = app.test_client()
    query = (
        'SELECT ?g ?label ?n WHERE { GRAPH ?g { ?g a ?t } BIND(STRLANG("ø \\"q\\"\\n\\tx", "da") AS ?label) '
        "BIND(IF(?g = <" + W3C_GRAPHS[0] + ">, 1.5, ?unbound) AS ?n) } ORDER BY ?g"
    )
    variants = {
        "bounded (Oxigraph writes it)": query + " LIMIT 3",
        "capped (LIMIT appended)": query + "\n# no LIMIT of its own",
        "general (VALUES last: no LIMIT can be appended)": query + " VALUES ?unused { UNDEF }",
    }
    for fmt in ("json", "xml", "tsv"):
        answers = {}
        for name, text in variants.items():
            response = client.get("/sparql", query_string={"query": text, "format": fmt})
            assert response.status_code == 200, (name, response.get_data(as_text=True))
            answers[name] = list(
                ox.parse_query_results(response.data, format=results_format(response.mimetype))  # type: ignore[arg-type]
            )
        first = next(iter(answers.values()))
        assert len(first) == 3 and all(rows == first for rows in answers.values()), (fmt, answers)


def test_a_limit_above_the_cap_is_still_cut(sparql_app: AppFactory) -> None:
    client = sparql_app(max_rows=2).test_client()
    response = client.get(
        "/sparql",
        query_string={"query": "SELECT ?x { VALUES ?x { 1 2 3 4 } } LIMIT 3"},
        headers={"Accept": RESULTS},
    )
    assert len(response.json["results"]["bindings"]) == 2 and response.json["vdk:truncated"] is True


def test_syntax_errors_on_the_fast_path_count_the_users_lines(client: FlaskClient) -> None:
    query = "SELECT ?s WHERE {\n  ?s nope:p ?o }\nLIMIT 5"
    body = client.get("/sparql", query_string={"query": query}, headers={"Accept": RESULTS}).json
    assert body["line"] == 2 and "'nope:' is not declared" in body["message"]


def test_the_fast_json_writer_matches_the_general_one() -> None:
    rows = [
        (ox.NamedNode("http://e/a"), ox.Literal('tab\t "quote" ø \u2028', language="da"), None),
        (
            ox.BlankNode("b1"),
            ox.Literal("12", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")),
            ox.Literal("plain"),
        ),
        (ox.Triple(ox.NamedNode("http://e/s"), ox.NamedNode("http://e/p"), ox.Literal("o")), None, None),
    ]
    for limit in (10, 2):
        ours = write_json(SelectResult(["a", "b", "c"], list(rows)).limit(limit))
        general = "".join(write_select(SelectResult(["a", "b", "c"], list(rows)).limit(limit), "json"))
        assert json.loads(ours) == json.loads(general)
    assert json.loads(write_json(AskResult(False))) == {"head": {}, "boolean": False}
