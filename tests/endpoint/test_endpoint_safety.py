"""What the endpoint refuses, and proof that it makes no outbound request: a canary server must see zero hits.

The first test shows the threat is real (pyoxigraph itself does call SERVICE);
the rest show the endpoint never lets it, in every spelling, and that FROM,
dataset parameters, LOAD and updates reach nothing either.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import pyoxigraph as ox
import pytest
from flask import Flask

from tests.endpoint_fixtures import Canary, fill_w3c_data
from tests.store_fixtures import run_child
from vdk_graph.config import Settings
from vdk_graph.endpoint import safety
from vdk_graph.errors import QueryError, QueryRefused
from vdk_graph.store import EmbeddedStore, MemoryStore, Store
from webapp import create_app

RESULTS = "application/sparql-results+json"


def service_queries(url: str) -> dict[str, str]:
    """SERVICE in every form we know: plain, SILENT, nested, escaped, lower case, by variable, via prefix."""
    return {
        "plain": f"SELECT * WHERE {{ SERVICE <{url}/a> {{ ?s ?p ?o }} }}",
        "silent": f"SELECT * WHERE {{ SERVICE SILENT <{url}/b> {{ ?s ?p ?o }} }}",
        "lower case": f"select * where {{ service <{url}/c> {{ ?s ?p ?o }} }}",
        "escaped u": "SELECT * WHERE { \\u0053ERVICE <" + url + "/d> { ?s ?p ?o } }",
        "escaped U": "SELECT * WHERE { \\U00000053\\U00000045RVICE <" + url + "/e> { ?s ?p ?o } }",
        "in EXISTS": f"SELECT * WHERE {{ ?s ?p ?o FILTER EXISTS {{ SERVICE <{url}/f> {{ ?s ?p ?o }} }} }}",
        "in NOT EXISTS": f"ASK {{ FILTER NOT EXISTS {{ SERVICE SILENT <{url}/g> {{ ?s ?p ?o }} }} }}",
        "in sub-select": f"SELECT * WHERE {{ {{ SELECT ?s WHERE {{ SERVICE <{url}/h> {{ ?s ?p ?o }} }} }} }}",
        "in OPTIONAL": f"SELECT * WHERE {{ ?s ?p ?o OPTIONAL {{ SERVICE <{url}/i> {{ ?s ?q ?r }} }} }}",
        "in UNION": f"SELECT * WHERE {{ {{ ?s ?p ?o }} UNION {{ SERVICE <{url}/j> {{ ?s ?p ?o }} }} }}",
        "in MINUS": f"SELECT * WHERE {{ ?s ?p ?o MINUS {{ SERVICE <{url}/k> {{ ?s ?p ?o }} }} }}",
        "in GRAPH": f"SELECT * WHERE {{ GRAPH ?g {{ SERVICE <{url}/l> {{ ?s ?p ?o }} }} }}",
        "nested": f"SELECT * WHERE {{ SERVICE <{url}/m> {{ SERVICE <{url}/n> {{ ?s ?p ?o }} }} }}",
        "by variable": f"SELECT * WHERE {{ VALUES ?svc {{ <{url}/o> }} SERVICE ?svc {{ ?s ?p ?o }} }}",
        "by prefix": f"PREFIX c: <{url}/> SELECT * WHERE {{ SERVICE c:p {{ ?s ?p ?o }} }}",
        "construct": f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ SERVICE <{url}/q> {{ ?s ?p ?o }} }}",
        "describe": f"DESCRIBE ?s WHERE {{ SERVICE <{url}/s> {{ ?s ?p ?o }} }}",
        "ask": f"ASK {{ SERVICE <{url}/t> {{ ?s ?p ?o }} }}",
        "in BIND's EXISTS": f"SELECT * WHERE {{ BIND(EXISTS {{ SERVICE <{url}/u> {{ ?s ?p ?o }} }} AS ?x) }}",
    }


def test_the_threat_is_real_pyoxigraph_calls_service(canary: Canary) -> None:
    """If this fails, pyoxigraph stopped executing SERVICE; the check stays, as a second line."""
    store = ox.Store()
    with contextlib.suppress(OSError):
        list(store.query(f"SELECT * WHERE {{ SERVICE SILENT <{canary.url}/premise> {{ ?s ?p ?o }} }}"))
    assert canary.hits, "pyoxigraph no longer calls SERVICE"


@pytest.mark.parametrize("name", list(service_queries("http://x")))
def test_check_refuses_every_form_of_service(name: str) -> None:
    with pytest.raises(QueryRefused, match="SERVICE is refused"):
        safety.check(service_queries("http://127.0.0.1:9")[name])


@pytest.mark.parametrize(
    "query",
    [
        'SELECT ?s WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> "Customer service" }',
        "SELECT ?s WHERE { ?s <http://example.org/service> ?o }",
        "PREFIX ex: <http://example.org/> SELECT ?service WHERE { ?service a ex:Service }",
        "# a comment about SERVICE\nSELECT * WHERE { ?s ?p ?o }",
        'SELECT * WHERE { ?s ?p ?o FILTER(CONTAINS(?o, "\\u0053ERVICE")) }',
        "SELECT ?s WHERE { ?s a vdk:Organisation }",  # project prefixes need no declaration
    ],
)
def test_check_lets_the_word_service_pass_where_it_is_no_pattern(query: str) -> None:
    safety.check(query)
    safety.check(query, strict=True)


def test_an_escape_left_after_decoding_once_is_refused_not_decoded_again() -> None:
    """\\u005Cu0053 decodes to \\u0053: a second reader would decode it again, differently."""
    for query in ("\\u005Cu0053ERVICE <http://127.0.0.1:9/> { ?s ?p ?o }", 'ASK { FILTER("\\uD800") }'):
        with pytest.raises(QueryError, match="still holds one"):
            safety.prepare(query)
    assert safety.prepare('ASK { FILTER("\\u00e6" = "æ") }') == 'ASK { FILTER("æ" = "æ") }'


def test_decode_escapes_as_the_grammar_says() -> None:
    assert safety.decode_escapes("\\u0053ERVICE \\U0001F600 \\u00e6") == "SERVICE \U0001f600 æ"
    assert safety.decode_escapes("\\uD800 \\u12") == "\\uD800 \\u12"  # surrogates and short escapes stay


def test_what_rdflib_cannot_read_is_refused_when_it_must_be_read() -> None:
    # LATERAL (SPARQL 1.2) runs in pyoxigraph, but rdflib cannot prove it holds no SERVICE.
    lateral = "SELECT * WHERE { ?s ?p ?o LATERAL { SELECT ?x WHERE { ?s <http://e/service> ?x } LIMIT 1 } }"
    with pytest.raises(QueryError) as refused:
        safety.check(lateral)
    assert refused.value.line == 1 and refused.value.column is not None
    safety.check(lateral.replace("service", "other"))  # without the word: the store's parser decides


def test_update_keyword_sees_past_the_prologue() -> None:
    assert safety.update_keyword("PREFIX a: <http://a/>\n# load it\nLOAD <http://x>") == "LOAD"
    assert safety.update_keyword("base <http://b/> insert data { <a> <b> <c> }") == "INSERT"
    assert safety.update_keyword("\\u0044ELETE WHERE { ?s ?p ?o }") == "DELETE"
    assert safety.update_keyword("SELECT * WHERE { ?s <http://e/insert> ?o }") is None


def test_the_parser_lock_makes_eight_threads_safe_in_a_fresh_interpreter() -> None:
    """rdflib's parser is not thread-safe: without the lock, parallel first parses corrupt it for good."""
    result = run_child("""
        import json
        from concurrent.futures import ThreadPoolExecutor
        from vdk_graph.endpoint import safety

        def one(i):
            queries = [
                f'SELECT ?s WHERE {{ ?s rdfs:label "service {i}" '
                f'OPTIONAL {{ ?s vdk:x ?y FILTER(?y > {i}) }} }}',
                f'SELECT * WHERE {{ SERVICE <http://127.0.0.1:9/{i}> {{ ?s ?p ?o }} }}',
            ]
            verdicts = []
            for q in queries:
                try:
                    safety.check(q)
                    verdicts.append("ok")
                except safety.QueryRefused:
                    verdicts.append("refused")
                except Exception as exc:
                    verdicts.append(repr(exc))
            return verdicts

        with ThreadPoolExecutor(8) as pool:
            print(json.dumps(list(pool.map(one, range(16)))))
    """)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == [["ok", "refused"]] * 16


# --------------------------------------------------------------------------- through the endpoint


@pytest.fixture(scope="module", params=["memory", "embedded"])
def app(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Flask]:
    """An app over the W3C graphs, shared by the module (nothing here may change the store)."""
    store: Store = (
        MemoryStore() if request.param == "memory" else EmbeddedStore(tmp_path_factory.mktemp("safety") / "s")
    )
    fill_w3c_data(store)
    app = create_app(Settings(store="memory:"), {"TESTING": True, "VDK_QUERY_WORKERS": 2}, store=store)
    yield app
    app.extensions["vdk_endpoint"].close()
    store.close()


def test_no_form_of_service_reaches_the_canary(app: Flask, canary: Canary) -> None:
    client = app.test_client()
    for name, query in service_queries(canary.url).items():
        response = client.get("/sparql", query_string={"query": query}, headers={"Accept": RESULTS})
        assert response.status_code == 403, (name, response.get_data(as_text=True))
        assert "SERVICE is refused" in response.json["message"]
        post = client.post("/sparql", data=query, content_type="application/sparql-query")
        assert post.status_code == 403
    assert canary.hits == []


def test_from_and_dataset_parameters_only_name_graphs_in_the_store(app: Flask, canary: Canary) -> None:
    client = app.test_client()
    for params in (
        {"query": f"SELECT * FROM <{canary.url}/from> WHERE {{ ?s ?p ?o }}"},
        {"query": f"SELECT * FROM NAMED <{canary.url}/named> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}"},
        {"query": "SELECT * FROM <file:///etc/passwd> WHERE { ?s ?p ?o }"},
        {"query": "SELECT * WHERE { ?s ?p ?o }", "default-graph-uri": f"{canary.url}/default"},
        {"query": "SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }", "named-graph-uri": f"{canary.url}/g"},
    ):
        response = client.get("/sparql", query_string=params, headers={"Accept": RESULTS})
        assert response.status_code == 200, response.get_data(as_text=True)
        assert response.json["results"]["bindings"] == []  # graphs the store does not have are empty
    assert canary.hits == []


def test_load_and_updates_reach_nothing(app: Flask, canary: Canary) -> None:
    client = app.test_client()
    load = f"LOAD <{canary.url}/load.ttl>"
    requests = [
        client.get("/sparql", query_string={"query": load}),
        client.get("/sparql", query_string={"update": load}),
        client.post("/sparql", data={"update": load}),
        client.post("/sparql", data=load, content_type="application/sparql-update"),
        client.post(
            "/sparql",
            data=f"LOAD SILENT <{canary.url}/x> INTO GRAPH <http://e/g>",
            content_type="application/sparql-query",
        ),
    ]
    assert [r.status_code for r in requests] == [403] * len(requests)
    assert canary.hits == []


def test_eight_parallel_clients_get_right_answers_and_no_errors(app: Flask, canary: Canary) -> None:
    """Queries that make the endpoint parse (the word service) and plain ones, eight at a time."""
    client_app = app

    def one(i: int) -> tuple[int, object]:
        client = client_app.test_client()
        if i % 3 == 0:
            query = service_queries(canary.url)["plain"]
        elif i % 3 == 1:
            query = f'SELECT ?x WHERE {{ VALUES ?x {{ "service {i}" }} }}'
        else:
            query = f"SELECT ?x WHERE {{ VALUES ?x {{ {i} }} }}"
        response = client.get("/sparql", query_string={"query": query}, headers={"Accept": RESULTS})
        body = response.json
        return response.status_code, body["results"]["bindings"][0]["x"][
            "value"
        ] if response.status_code == 200 else body["error"]

    with ThreadPoolExecutor(8) as pool:
        answers = list(pool.map(one, range(48)))
    for i, (status, value) in enumerate(answers):
        if i % 3 == 0:
            assert (status, value) == (403, "QueryRefused")
        else:
            assert status == 200 and value == (f"service {i}" if i % 3 == 1 else str(i))
    assert canary.hits == []
