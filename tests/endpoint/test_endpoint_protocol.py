"""The SPARQL 1.1 Protocol at /sparql, through Flask's test client.

The ``test_w3c_*`` tests mirror the query tests of the W3C protocol suite
(w3c/rdf-tests, sparql/sparql11/protocol/manifest.ttl), on both kinds of
executor: threads (``memory:``) and worker processes (embedded store); then
refused updates, missing queries and bad dataset parameters. Content negotiation,
the service description, limits and the answer writers have files of their own.
"""

from __future__ import annotations

from urllib.parse import quote

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.endpoint_fixtures import (
    D1,
    D2,
    D3,
    DATA0,
    DIRECT,
    FORM,
    RESULTS,
    W3C_GRAPHS,
    boolean,
)
from vdk_graph.endpoint import protocol


@pytest.fixture
def client(w3c_app: Flask) -> FlaskClient:
    """A client of the app over the W3C test graphs (threads, then worker processes)."""
    return w3c_app.test_client()


# --------------------------------------------------------------------------- W3C protocol tests (queries)


def test_w3c_query_post_form(client: FlaskClient) -> None:
    response = client.post(
        f"/sparql/?default-graph-uri={DATA0}", data="query=ASK%20%7B%7D", content_type=FORM
    )
    assert boolean(response) is True


def test_w3c_query_get(client: FlaskClient) -> None:
    assert boolean(client.get(f"/sparql/?query=ASK%20%7B%7D&default-graph-uri={DATA0}")) is True


def test_w3c_query_post_direct(client: FlaskClient) -> None:
    assert boolean(client.post("/sparql/", data="ASK {}", content_type=DIRECT)) is True


ASK_BOTH_DEFAULT = f"ASK {{ <{W3C_GRAPHS[0]}> a ?type . <{W3C_GRAPHS[1]}> a ?type . }}"
ASK_BOTH_NAMED = (
    f"ASK {{ GRAPH ?g1 {{ <{W3C_GRAPHS[0]}> a ?type }} GRAPH ?g2 {{ <{W3C_GRAPHS[1]}> a ?type }} }}"
)


def test_w3c_query_dataset_default_graphs_get(client: FlaskClient) -> None:
    query = quote(ASK_BOTH_DEFAULT, safe="")
    assert (
        boolean(client.get(f"/sparql/?query={query}&default-graph-uri={D1}&default-graph-uri={D2}")) is True
    )
    # The parameters do choose the default graph: with one of the two graphs the answer is false.
    assert boolean(client.get(f"/sparql/?query={query}&default-graph-uri={D1}")) is False


def test_w3c_query_dataset_default_graphs_post(client: FlaskClient) -> None:
    response = client.post(
        f"/sparql/?default-graph-uri={D1}&default-graph-uri={D2}", data=ASK_BOTH_DEFAULT, content_type=DIRECT
    )
    assert boolean(response) is True


def test_w3c_query_dataset_named_graphs_post(client: FlaskClient) -> None:
    response = client.post(
        f"/sparql/?named-graph-uri={D1}&named-graph-uri={D2}", data=ASK_BOTH_NAMED, content_type=DIRECT
    )
    assert boolean(response) is True
    assert (
        boolean(client.post(f"/sparql/?named-graph-uri={D1}", data=ASK_BOTH_NAMED, content_type=DIRECT))
        is False
    )


def test_w3c_query_dataset_named_graphs_get(client: FlaskClient) -> None:
    query = quote(ASK_BOTH_NAMED, safe="")
    assert boolean(client.get(f"/sparql/?query={query}&named-graph-uri={D1}&named-graph-uri={D2}")) is True


def test_w3c_query_dataset_full(client: FlaskClient) -> None:
    query = (
        f"ASK {{ <{W3C_GRAPHS[2]}> a ?type "
        f"GRAPH ?g1 {{ <{W3C_GRAPHS[0]}> a ?type }} GRAPH ?g2 {{ <{W3C_GRAPHS[1]}> a ?type }} }}"
    )
    response = client.post(
        f"/sparql/?default-graph-uri={D3}&named-graph-uri={D1}&named-graph-uri={D2}",
        data=query,
        content_type=DIRECT,
    )
    assert boolean(response) is True


def test_w3c_query_multiple_dataset_protocol_wins_over_from(client: FlaskClient) -> None:
    # FROM names data3 as the default graph; the protocol's default graph (data1) takes precedence.
    query = f"ASK FROM <{W3C_GRAPHS[2]}> {{ <{W3C_GRAPHS[0]}> a ?type }}"
    assert boolean(client.post(f"/sparql/?default-graph-uri={D1}", data=query, content_type=DIRECT)) is True
    assert boolean(client.post("/sparql/", data=query, content_type=DIRECT)) is False
    named = f"ASK FROM <{W3C_GRAPHS[2]}> {{ {ASK_BOTH_NAMED[5:-1]} }}"
    assert (
        boolean(
            client.post(
                f"/sparql/?named-graph-uri={D1}&named-graph-uri={D2}", data=named, content_type=DIRECT
            )
        )
        is True
    )


@pytest.mark.parametrize(
    ("query", "kinds"),
    [
        ("SELECT (1 AS ?value) {}", protocol.RESULT_TYPES),
        ("ASK {}", protocol.RESULT_TYPES),
        ("DESCRIBE <http://example.org/>", protocol.GRAPH_TYPES),
        ("CONSTRUCT { <http://example.org/s> <http://example.org/p> 1 } WHERE {}", protocol.GRAPH_TYPES),
    ],
)
def test_w3c_query_content_type(
    client: FlaskClient, query: str, kinds: tuple[protocol.MediaType, ...]
) -> None:
    response = client.post(f"/sparql/?default-graph-uri={DATA0}", data=query, content_type=DIRECT)
    assert response.status_code == 200
    assert response.mimetype in {m.media_type for m in kinds}


@pytest.mark.parametrize("method", ["PUT", "DELETE", "PATCH"])
def test_w3c_bad_query_method(client: FlaskClient, method: str) -> None:
    response = client.open(
        f"/sparql/?query=ASK%20%7B%7D&default-graph-uri={DATA0}", method=method, content_type=FORM
    )
    assert response.status_code == 405
    assert "GET" in response.headers["Allow"] and "POST" in response.headers["Allow"]


def test_w3c_bad_multiple_queries(client: FlaskClient) -> None:
    response = client.get(
        "/sparql/?query=ASK%20%7B%7D&query=SELECT%20%2A%20%7B%7D", headers={"Accept": RESULTS}
    )
    assert response.status_code == 400
    assert "exactly one query" in response.json["message"]


def test_two_queries_across_url_and_body_are_two_queries(client: FlaskClient) -> None:
    assert client.post("/sparql?query=ASK%20%7B%7D", data="ASK {}", content_type=DIRECT).status_code == 400
    assert (
        client.post("/sparql?query=ASK%20%7B%7D", data="query=ASK%20%7B%7D", content_type=FORM).status_code
        == 400
    )


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        ("ASK {}", "text/plain"),  # bad_query_wrong_media_type
        ("query=ASK%20%7B%7D", None),  # bad_query_missing_form_type
        ("ASK {}", None),  # bad_query_missing_direct_type
        ("CLEAR NAMED", "text/plain"),  # bad_update_wrong_media_type
        ("update=CLEAR%20NAMED", None),  # bad_update_missing_form_type
    ],
)
def test_w3c_bad_media_types_are_415(client: FlaskClient, body: str, content_type: str | None) -> None:
    response = client.post(
        "/sparql/",
        data=body.encode(),
        headers={"Accept": RESULTS} | ({"Content-Type": content_type} if content_type else {}),
    )
    assert response.status_code == 415, response.get_data(as_text=True)
    assert "application/sparql-query" in response.json["message"]


def test_w3c_bad_query_non_utf8(client: FlaskClient) -> None:
    body = "ASK {}".encode("utf-16")
    response = client.post("/sparql/", data=body, content_type="application/sparql-query; charset=UTF-16")
    assert response.status_code == 415
    # Undeclared bytes that are not UTF-8 are a bad request.
    assert client.post("/sparql/", data=body, content_type=DIRECT).status_code == 400


def test_w3c_bad_query_syntax_names_line_and_column(client: FlaskClient) -> None:
    response = client.get("/sparql/?query=ASK%20%7B", headers={"Accept": RESULTS})
    assert response.status_code == 400
    body = response.json
    assert body["error"] == "QueryError"
    assert (body["line"], body["column"]) == (1, 6)
    assert "line 1, column 6" in body["message"]


def test_syntax_error_positions_count_the_users_lines_not_the_added_prefixes(client: FlaskClient) -> None:
    query = "SELECT ?s WHERE {\n  ?s a vdk:Project .\n  ?s nope:title ?t\n}"
    body = client.get("/sparql", query_string={"query": query}, headers={"Accept": RESULTS}).json
    assert body["line"] == 3, body
    assert "'nope:' is not declared" in body["message"]
    structural = client.get(
        "/sparql",
        query_string={"query": "SELECT ?s WHERE {\n  ?s ?p ?o .\n  ?s ?p\n}"},
        headers={"Accept": RESULTS},
    ).json
    assert structural["line"] is not None and structural["line"] <= 4
    assert "'0' ..=" not in structural["message"]  # Oxigraph's lists of Unicode ranges are left out


@pytest.mark.parametrize(
    ("path", "kwargs"),
    [
        ("/sparql/?update=CLEAR%20ALL", {"method": "GET"}),  # bad_update_get
        (
            "/sparql/",
            {"method": "POST", "data": "update=CLEAR%20NAMED&update=CLEAR%20DEFAULT", "content_type": FORM},
        ),  # bad_multiple_updates
        (
            "/sparql/",
            {
                "method": "POST",
                "data": "CLEAR NAMED".encode("utf-16"),
                "content_type": "application/sparql-update; charset=UTF-16",
            },
        ),  # bad_update_non_utf8
        (
            "/sparql/",
            {"method": "POST", "data": "update=CLEAR%20XYZ", "content_type": FORM},
        ),  # bad_update_syntax
        (
            "/sparql/?using-named-graph-uri=http%3A%2F%2Fexample%2Fpeople",
            {
                "method": "POST",
                "data": "WITH <http://example/addresses> DELETE { ?p ?q 'Bill' } WHERE { ?p ?q 'Bill' }",
                "content_type": "application/sparql-update",
            },
        ),  # bad_update_dataset_conflict
        (
            "/sparql/",
            {"method": "POST", "data": "update=CLEAR+ALL", "content_type": FORM},
        ),  # update_post_form
        ("/sparql/", {"method": "POST", "data": "CLEAR ALL", "content_type": "application/sparql-update"}),
        ("/sparql/?query=CLEAR%20ALL", {"method": "GET"}),
        (
            "/sparql/",
            {
                "method": "POST",
                "data": "DROP GRAPH <http://kasei.us/2009/09/sparql/data/data1.rdf>",
                "content_type": DIRECT,
            },
        ),
    ],
)
def test_updates_are_refused_with_403_and_change_nothing(
    w3c_app: Flask, client: FlaskClient, path: str, kwargs: dict[str, object]
) -> None:
    store = w3c_app.extensions["vdk"].store
    before = store.graph_sizes()
    response = client.open(path, headers={"Accept": RESULTS}, **kwargs)  # type: ignore[arg-type]
    assert response.status_code == 403, response.get_data(as_text=True)
    assert response.json["error"] == "QueryRefused"
    assert "read-only" in response.json["message"]
    assert store.graph_sizes() == before


def test_missing_or_empty_query_is_400(client: FlaskClient) -> None:
    assert client.get(f"/sparql?default-graph-uri={DATA0}").status_code == 400
    assert client.post("/sparql", data="default-graph-uri=x", content_type=FORM).status_code == 400
    assert client.post("/sparql", data="", content_type=DIRECT).status_code == 400
    assert client.get("/sparql?query=%20%20").status_code == 400


def test_dataset_parameters_must_be_iris(client: FlaskClient) -> None:
    response = client.get(
        "/sparql?query=ASK%7B%7D&default-graph-uri=not%20an%20iri", headers={"Accept": RESULTS}
    )
    assert response.status_code == 400
    assert "absolute IRI" in response.json["message"]
