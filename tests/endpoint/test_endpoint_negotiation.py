"""Content negotiation, error bodies and CORS at /sparql, and the protocol reader on its own."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.endpoint_fixtures import (
    FORM,
    RESULTS,
    W3C_GRAPHS,
    results_format,
)
from vdk_graph.endpoint import protocol
from vdk_graph.endpoint.protocol import ProtocolError, read_request
from vdk_graph.errors import QueryRefused


@pytest.fixture
def client(w3c_app: Flask) -> FlaskClient:
    """A client of the app over the W3C test graphs (threads, then worker processes)."""
    return w3c_app.test_client()


# --------------------------------------------------------------------------- content negotiation


SELECT_TWO = 'SELECT ?x ?label WHERE { VALUES (?x ?label) { (<http://e/a> "a, b"@en) (<http://e/b> 2) } }'


@pytest.mark.parametrize("media", protocol.RESULT_TYPES, ids=lambda m: m.name)
def test_select_in_every_results_format_by_accept_and_by_format(
    client: FlaskClient, media: protocol.MediaType
) -> None:
    by_accept = client.get(
        "/sparql", query_string={"query": SELECT_TWO}, headers={"Accept": media.media_type}
    )
    by_format = client.get("/sparql", query_string={"query": SELECT_TWO, "format": media.name})
    for response in (by_accept, by_format):
        assert response.status_code == 200
        assert response.mimetype == media.media_type
        if media.name == "csv":  # lossy, so pyoxigraph does not read it back
            assert response.get_data(as_text=True) == 'x,label\r\nhttp://e/a,"a, b"\r\nhttp://e/b,2\r\n'
            continue
        parsed = ox.parse_query_results(response.data, format=results_format(media.media_type))
        assert isinstance(parsed, ox.QuerySolutions)
        assert len(list(parsed)) == 2


@pytest.mark.parametrize("media", protocol.GRAPH_TYPES, ids=lambda m: m.name)
def test_construct_in_every_graph_format(client: FlaskClient, media: protocol.MediaType) -> None:
    query = "CONSTRUCT { ?s a ?t } WHERE { ?s a ?t }"
    response = client.get("/sparql", query_string={"query": query}, headers={"Accept": media.media_type})
    assert response.status_code == 200
    assert response.mimetype == media.media_type
    rdf_format = {
        "turtle": ox.RdfFormat.TURTLE,
        "nt": ox.RdfFormat.N_TRIPLES,
        "jsonld": ox.RdfFormat.JSON_LD,
        "rdfxml": ox.RdfFormat.RDF_XML,
    }[media.name]
    assert {str(q.subject) for q in ox.parse(response.data, format=rdf_format)} == {
        f"<{g}>" for g in W3C_GRAPHS
    }


@pytest.mark.parametrize(
    ("accept", "query", "expected"),
    [
        ("", "ASK {}", "application/sparql-results+json"),
        ("*/*", "CONSTRUCT WHERE { ?s ?p ?o }", "text/turtle"),
        ("text/csv;q=0.5, application/sparql-results+xml", SELECT_TWO, "application/sparql-results+xml"),
        ("application/json", SELECT_TWO, "application/sparql-results+json"),
        ("application/json", "CONSTRUCT WHERE { ?s ?p ?o }", "application/ld+json"),
        ("text/*", SELECT_TWO, "text/csv"),
        # YASGUI / the workbench: one Accept for whatever query form the user typed.
        (
            "application/sparql-results+json,text/turtle;q=0.9,*/*;q=0.1",
            "CONSTRUCT WHERE { ?s ?p ?o }",
            "text/turtle",
        ),
    ],
)
def test_content_negotiation(client: FlaskClient, accept: str, query: str, expected: str) -> None:
    response = client.get(
        "/sparql", query_string={"query": query}, headers={"Accept": accept} if accept else {}
    )
    assert response.status_code == 200
    assert response.mimetype == expected


def test_format_parameter_wins_over_accept_and_takes_what_sparqlwrapper_sends(client: FlaskClient) -> None:
    response = client.get(
        "/sparql",
        query_string=[
            ("query", SELECT_TWO),
            ("format", "tsv"),
            ("format", "text/tab-separated-values"),
            ("output", "tsv"),
        ],
        headers={"Accept": RESULTS},
    )
    assert response.mimetype == "text/tab-separated-values"
    construct = client.get("/sparql", query_string={"query": "CONSTRUCT WHERE { ?s ?p ?o }", "format": "xml"})
    assert construct.mimetype == "application/rdf+xml"


@pytest.mark.parametrize(
    ("query", "headers", "params"),
    [
        ("ASK {}", {"Accept": "image/png"}, {}),
        ("CONSTRUCT WHERE { ?s ?p ?o }", {"Accept": "text/csv"}, {}),
        ("SELECT * {}", {"Accept": "text/turtle"}, {}),
        ("CONSTRUCT WHERE { ?s ?p ?o }", {}, {"format": "csv"}),
    ],
)
def test_what_cannot_be_served_is_406(
    client: FlaskClient, query: str, headers: dict[str, str], params: dict[str, str]
) -> None:
    response = client.get("/sparql", query_string={"query": query, **params}, headers=headers)
    assert response.status_code == 406, response.get_data(as_text=True)
    assert "text/turtle" in response.get_data(as_text=True) or "turtle" in response.get_data(as_text=True)


def test_unknown_format_is_400(client: FlaskClient) -> None:
    response = client.get(
        "/sparql", query_string={"query": "ASK {}", "format": "pdf"}, headers={"Accept": RESULTS}
    )
    assert response.status_code == 400
    assert "unknown format 'pdf'" in response.json["message"]


# --------------------------------------------------------------------------- errors, CORS


def test_error_bodies_follow_accept(client: FlaskClient) -> None:
    url = "/sparql?query=SELECT%20%2A%20WHERE%20%7B"
    as_json = client.get(url, headers={"Accept": RESULTS})
    assert set(as_json.json) >= {"error", "message", "line", "column"}
    as_text = client.get(url, headers={"Accept": "text/plain"})
    assert as_text.mimetype == "text/plain" and as_text.get_data(as_text=True).startswith("400 QueryError: ")
    as_html = client.get(url, headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    assert as_html.mimetype == "text/html" and "SPARQL syntax error" in as_html.get_data(as_text=True)


def test_cors_headers_and_preflight(client: FlaskClient) -> None:
    response = client.get("/sparql?query=ASK%7B%7D", headers={"Origin": "https://yasgui.example"})
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert "X-VDK-Truncated" in response.headers["Access-Control-Expose-Headers"]
    preflight = client.options(
        "/sparql",
        headers={
            "Origin": "https://yasgui.example",
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type",
        },
    )
    assert preflight.status_code == 204
    assert "POST" in preflight.headers["Access-Control-Allow-Methods"]
    assert preflight.headers["Access-Control-Allow-Headers"].lower() == "content-type"
    assert preflight.headers["Access-Control-Allow-Origin"] == "*"
    # Errors carry CORS too, or a browser tool could not show them.
    assert client.get("/sparql?query=ASK%7B").headers["Access-Control-Allow-Origin"] == "*"


# --------------------------------------------------------------------------- the protocol reader, directly


def test_read_request_rules() -> None:
    get = read_request("GET", None, [("query", "ASK {}"), ("named-graph-uri", "http://e/g")])
    assert get.query == "ASK {}" and get.named_graphs == ("http://e/g",) and get.default_graphs is None
    assert read_request("GET", None, []).query is None  # the service description
    assert read_request("GET", None, [("format", "jsonld")]).format == "jsonld"
    form = read_request(
        "POST",
        "application/x-www-form-urlencoded; charset=UTF-8",
        [],
        b"query=SELECT+%3Fs%7B%7D&default-graph-uri=http%3A%2F%2Fe%2Fd",
    )
    assert form.query == "SELECT ?s{}" and form.default_graphs == ("http://e/d",)
    direct = read_request(
        "POST",
        "application/sparql-query",
        [("default-graph-uri", "http://e/d")],
        "\ufeffASK { ?s ?p 'ø' }".encode(),
    )
    assert direct.query == "ASK { ?s ?p 'ø' }"
    assert read_request("POST", None, [("query", "ASK {}")]).query == "ASK {}"  # empty POST: URL parameters
    with pytest.raises(ProtocolError) as no_query:
        read_request("POST", FORM, [], b"")
    assert no_query.value.http_status == 400
    with pytest.raises(QueryRefused):
        read_request("GET", None, [("using-graph-uri", "http://e/g"), ("query", "ASK {}")])
    with pytest.raises(ProtocolError) as bad_form:
        read_request("POST", FORM, [], b"query=%FF")
    assert bad_form.value.http_status == 400


def test_negotiate_follows_the_most_specific_range() -> None:
    assert protocol.negotiate("text/*;q=0.2, text/tab-separated-values", "results").name == "tsv"  # type: ignore[union-attr]
    assert protocol.negotiate("*/*;q=0.1, application/sparql-results+json;q=0", "results").name == "xml"  # type: ignore[union-attr]
    assert protocol.negotiate("image/*", "graph") is None
    assert protocol.negotiate("garbage", "graph").name == "turtle"  # type: ignore[union-attr]
    assert not protocol.acceptable("image/png, text/html")
