"""The SPARQL 1.1 Protocol at /sparql, through Flask's test client.

The ``test_w3c_*`` tests mirror the query tests of the W3C protocol suite
(w3c/rdf-tests, sparql/sparql11/protocol/manifest.ttl), on both kinds of
executor: threads (``memory:``) and worker processes (embedded store). The
rest covers content negotiation, the service description, limits, CORS and
error bodies.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from urllib.parse import quote

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from flask import Flask
from flask.testing import FlaskClient

from tests.endpoint_fixtures import KASEI, W3C_GRAPHS, AppFactory, fill_w3c_data
from vdk_graph.cli import main as cli
from vdk_graph.config import Settings
from vdk_graph.endpoint import native, protocol
from vdk_graph.endpoint.json_results import write_json
from vdk_graph.endpoint.protocol import ProtocolError, read_request
from vdk_graph.errors import QueryRefused
from vdk_graph.results import AskResult, SelectResult, write_select
from vdk_graph.store import EmbeddedStore, MemoryStore, Store
from webapp import create_app

RESULTS = "application/sparql-results+json"
FORM = "application/x-www-form-urlencoded"
DIRECT = "application/sparql-query"
DATA0 = quote(f"{KASEI}data0.rdf", safe="")
D1, D2, D3 = (quote(g, safe="") for g in W3C_GRAPHS)


@pytest.fixture(scope="module", params=["memory", "embedded"])
def w3c_app(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Flask]:
    """An app over the W3C test graphs, once with in-process threads and once with worker processes."""
    store: Store = (
        MemoryStore()
        if request.param == "memory"
        else EmbeddedStore(tmp_path_factory.mktemp("w3c") / "store")
    )
    fill_w3c_data(store)
    app = create_app(Settings(store="memory:"), {"TESTING": True, "VDK_QUERY_WORKERS": 2}, store=store)
    yield app
    app.extensions["vdk_endpoint"].close()
    store.close()


@pytest.fixture
def client(w3c_app: Flask) -> FlaskClient:
    return w3c_app.test_client()


def boolean(response) -> bool:  # type: ignore[no-untyped-def]
    assert response.status_code == 200, response.get_data(as_text=True)
    parsed = ox.parse_query_results(response.data, format=_results_format(response.mimetype))
    assert isinstance(parsed, ox.QueryBoolean)
    return bool(parsed)


def _results_format(mimetype: str) -> ox.QueryResultsFormat:
    return {
        "application/sparql-results+json": ox.QueryResultsFormat.JSON,
        "application/sparql-results+xml": ox.QueryResultsFormat.XML,
        "text/csv": ox.QueryResultsFormat.CSV,
        "text/tab-separated-values": ox.QueryResultsFormat.TSV,
    }[mimetype]


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
        parsed = ox.parse_query_results(response.data, format=_results_format(media.media_type))
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
    """120 triples: a three-way cross product of them is 1.7 million rows, four ways 207 million."""
    triples = [
        ox.Triple(ox.NamedNode(f"http://e/{i}"), ox.NamedNode("http://e/p"), ox.Literal(str(i)))
        for i in range(120)
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
                ox.parse_query_results(response.data, format=_results_format(response.mimetype))  # type: ignore[arg-type]
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
