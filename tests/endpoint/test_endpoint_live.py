"""The endpoint on a real server (waitress on 127.0.0.1, and ``vdk-graph serve``), queried by real clients.

SPARQLWrapper and rdflib's SPARQLStore are clients nobody here wrote: if they
can talk to /sparql, so can the tools analysts bring. The time limit, the row
cap, the refusals and eight parallel clients are checked over HTTP, with the
embedded store and its worker processes, as in production.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from email.message import Message
from pathlib import Path

import pytest
from flask import Flask
from rdflib import Graph, Literal, URIRef
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import CSV, JSON, TURTLE, XML, SPARQLWrapper
from waitress.server import BaseWSGIServer

from tests.endpoint.test_endpoint_safety import service_queries
from tests.endpoint_fixtures import Canary, fill_w3c_data
from tests.live_fixtures import start_live_server
from tests.store_fixtures import REPO, child_env, free_port, wait_for
from vdk_graph import synth
from vdk_graph.config import Settings
from vdk_graph.store import EmbeddedStore, RemoteStore
from vdk_graph.synth import rdf as synth_rdf
from webapp import create_app

pytestmark = pytest.mark.server

RESULTS = "application/sparql-results+json"
TIMEOUT = 2.0
MAX_ROWS = 50
#: Three patterns over ~3,400 triples: 39 billion rows to count, far past any limit.
EXPENSIVE = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
PROJECTS = "SELECT ?p ?title WHERE { ?p a vdk:Project ; dcterms:title ?title }"


@dataclass
class Live:
    url: str
    app: Flask
    server: BaseWSGIServer

    @property
    def sparql(self) -> str:
        return self.url + "/sparql"


@pytest.fixture(scope="module")
def built_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """An embedded store holding a small synthetic ecosystem (~3,400 triples; data/ changes too often)."""
    folder = tmp_path_factory.mktemp("endpoint-live") / "store"
    store = EmbeddedStore(folder)
    ecosystem = synth.generate(40, seed=3)
    with store.transaction() as tx:
        tx.replace_graph(
            ecosystem.graph_iri, [*synth_rdf.provenance_triples(ecosystem), *synth_rdf.triples(ecosystem)]
        )
    store.close()
    yield folder


@pytest.fixture(scope="module")
def live(built_store: Path) -> Iterator[Live]:
    """waitress (8 threads) over the embedded store, with a 2 s limit and 50 rows."""
    settings = Settings(
        store=str(built_store), query_timeout=TIMEOUT, max_rows=MAX_ROWS, max_request_bytes=20_000
    )
    store = EmbeddedStore(built_store)
    server = start_live_server(store, settings, threads=8, test_config={"VDK_QUERY_WORKERS": 2})
    yield Live(server.url, server.app, server.server)
    server.stop()
    server.app.extensions["vdk_endpoint"].close()
    store.close()


def http(
    url: str,
    data: bytes | None = None,
    headers: dict[str, str] | None = None,
    method: str | None = None,
    timeout: float = 30,
) -> tuple[int, Message, bytes]:
    """Status, headers (case-insensitive) and body of one request."""
    request = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as exc:
        with exc:
            return exc.code, exc.headers, exc.read()


def get(live: Live, query: str, accept: str = RESULTS, **params: str) -> tuple[int, Message, bytes]:
    return http(
        live.sparql + "?" + urllib.parse.urlencode({"query": query, **params}), headers={"Accept": accept}
    )


# --------------------------------------------------------------------------- real clients


def test_sparqlwrapper_speaks_to_the_endpoint(live: Live) -> None:
    client = SPARQLWrapper(live.sparql)
    client.setQuery(
        "PREFIX vdk: <https://w3id.org/vdk/ontology#> PREFIX dcterms: <http://purl.org/dc/terms/> " + PROJECTS
    )
    client.setReturnFormat(JSON)
    rows = client.queryAndConvert()["results"]["bindings"]  # type: ignore[index]
    assert rows and all(
        row["p"]["value"].startswith("https://w3id.org/vdk/id/synthetic/project/") for row in rows
    )

    client.setReturnFormat(XML)
    document = client.queryAndConvert()
    assert len(document.getElementsByTagName("result")) == len(rows)  # type: ignore[union-attr]

    client.setReturnFormat(CSV)
    assert client.queryAndConvert().decode().splitlines()[0] == "p,title"  # type: ignore[union-attr]

    client.setMethod("POST")
    client.setReturnFormat(JSON)
    client.setQuery("ASK { ?s a <https://w3id.org/vdk/ontology#Project> }")
    assert client.queryAndConvert()["boolean"] is True  # type: ignore[index]

    client.setQuery(
        "CONSTRUCT { ?p a <https://w3id.org/vdk/ontology#Project> } "
        "WHERE { ?p a <https://w3id.org/vdk/ontology#Project> }"
    )
    client.setReturnFormat(TURTLE)
    turtle = Graph().parse(data=client.queryAndConvert(), format="turtle")  # type: ignore[arg-type]
    assert len(turtle) == len(rows)
    client.setReturnFormat(XML)  # RDF/XML (read here: SPARQLWrapper's own reader uses deprecated rdflib API)
    rdfxml = client.query()
    assert rdfxml.response.headers["Content-Type"].startswith("application/rdf+xml")
    assert len(Graph().parse(data=rdfxml.response.read(), format="xml")) == len(rows)


def test_rdflib_sparqlstore_speaks_to_the_endpoint(live: Live) -> None:
    for fmt in ("xml", "json"):
        graph = Graph(store=SPARQLStore(query_endpoint=live.sparql, returnFormat=fmt))
        rows = list(
            graph.query(
                "SELECT ?org ?label WHERE { ?org a <https://w3id.org/vdk/ontology#Organisation> ; "
                "<http://www.w3.org/2000/01/rdf-schema#label> ?label } ORDER BY ?label"
            )
        )
        assert len(rows) >= 5
        assert all(isinstance(org, URIRef) and isinstance(label, Literal) for org, label in rows)
    project = URIRef("https://w3id.org/vdk/ontology#Project")
    graph = Graph(store=SPARQLStore(query_endpoint=live.sparql))
    assert graph.query(f"ASK {{ ?s a <{project}> }}").askAnswer is True
    subjects = {
        s
        for s, _, _ in graph.triples(
            (None, URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), project)
        )
    }
    assert subjects and all(str(s).startswith("https://w3id.org/vdk/id/synthetic/project/") for s in subjects)


# --------------------------------------------------------------------------- limits over HTTP


def test_an_expensive_query_is_stopped_near_the_limit_while_others_are_served(live: Live) -> None:
    assert get(live, "ASK {}")[0] == 200  # workers up
    executor = live.app.extensions["vdk_endpoint"].executor
    before = set(executor.pids())
    outcome: dict[str, object] = {}

    def expensive() -> None:
        started = time.perf_counter()
        outcome["status"], _, outcome["body"] = get(live, EXPENSIVE)
        outcome["elapsed"] = time.perf_counter() - started

    thread = threading.Thread(target=expensive)
    thread.start()
    time.sleep(0.3)
    during = []
    for _ in range(3):  # the other worker keeps answering
        started = time.perf_counter()
        status, _, body = get(live, PROJECTS)
        during.append((status, time.perf_counter() - started))
        assert json.loads(body)["results"]["bindings"]
    thread.join(30)
    assert outcome["status"] == 503, outcome
    assert json.loads(outcome["body"])["error"] == "QueryTimeout"  # type: ignore[arg-type]
    assert TIMEOUT <= outcome["elapsed"] < TIMEOUT + 2.5, outcome["elapsed"]  # type: ignore[operator]
    assert all(status == 200 and seconds < 1.5 for status, seconds in during), during
    killed = before - set(executor.pids())
    assert len(killed) == 1
    [pid] = killed
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)  # really gone, not left running
    status, _, body = get(live, "ASK { ?s ?p ?o }")
    assert status == 200 and json.loads(body)["boolean"] is True


def test_the_row_cap_over_http(live: Live) -> None:
    status, headers, body = get(live, "SELECT * WHERE { ?s ?p ?o }")
    result = json.loads(body)
    assert status == 200 and len(result["results"]["bindings"]) == MAX_ROWS
    assert result["vdk:truncated"] is True and headers["X-VDK-Truncated"] == "true"
    status, headers, body = get(live, "CONSTRUCT WHERE { ?s ?p ?o }", accept="application/n-triples")
    assert len(body.decode().strip().splitlines()) == MAX_ROWS and headers["X-VDK-Truncated"] == "true"


def test_over_size_bodies_and_unservable_accepts(live: Live) -> None:
    big = ("ASK { " + "?s ?p ?o . " * 3000 + "}").encode()
    status, _, body = http(live.sparql, big, {"Content-Type": "application/sparql-query", "Accept": RESULTS})
    assert status == 413 and "20,000 bytes" in json.loads(body)["message"]
    assert get(live, "ASK {}", accept="image/png")[0] == 406
    status, headers, _ = http(
        live.sparql,
        method="OPTIONS",
        headers={"Origin": "https://yasgui.example", "Access-Control-Request-Method": "POST"},
    )
    assert status == 204 and headers["Access-Control-Allow-Origin"] == "*"


# --------------------------------------------------------------------------- refusals over HTTP


def test_nothing_reaches_the_canary_over_http(live: Live, canary: Canary) -> None:
    for name, query in service_queries(canary.url).items():
        status, _, body = get(live, query)
        assert status == 403, (name, body)
    for query in (
        f"SELECT * FROM <{canary.url}/from> WHERE {{ ?s ?p ?o }}",
        f"SELECT * FROM NAMED <{canary.url}/n> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}",
    ):
        status, _, body = get(live, query)
        assert status == 200 and json.loads(body)["results"]["bindings"] == []
    status, _, _ = get(live, "SELECT * WHERE { ?s ?p ?o }", **{"default-graph-uri": canary.url + "/d"})
    assert status == 200
    for data, content_type in (
        (f"LOAD <{canary.url}/x>".encode(), "application/sparql-update"),
        (
            urllib.parse.urlencode({"update": f"LOAD <{canary.url}/y>"}).encode(),
            "application/x-www-form-urlencoded",
        ),
        (b"DROP ALL", "application/sparql-query"),
    ):
        assert http(live.sparql, data, {"Content-Type": content_type})[0] == 403
    assert canary.hits == []
    assert get(live, "ASK { ?s ?p ?o }")[0] == 200  # the data is still there


def test_eight_parallel_clients_produce_zero_errors(live: Live) -> None:
    queries = [
        ("SELECT (COUNT(*) AS ?n) WHERE { ?s a vdk:Organisation }", 200),
        (
            'SELECT ?s WHERE { ?s rdfs:label ?l FILTER(CONTAINS(LCASE(?l), "service")) }',
            200,
        ),  # parsed by rdflib
        ("SELECT * WHERE { SERVICE <http://127.0.0.1:9/x> { ?s ?p ?o } }", 403),
        (PROJECTS, 200),
        ("SELECT ?s WHERE {", 400),
    ]

    def client(i: int) -> list[tuple[int, int]]:
        seen = []
        for j in range(10):
            query, expected = queries[(i + j) % len(queries)]
            status, _, body = get(live, query + f" # client {i} request {j}")
            json.loads(body)
            seen.append((status, expected))
        return seen

    with ThreadPoolExecutor(8) as pool:
        results = [pair for seen in pool.map(client, range(8)) for pair in seen]
    assert len(results) == 80
    assert [status for status, _ in results] == [expected for _, expected in results]


# --------------------------------------------------------------------------- vdk-graph serve


def _children(pid: int) -> set[int]:
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.add(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_vdk_graph_serve_limits_and_no_orphan_workers_after_kill_9(built_store: Path, tmp_path: Path) -> None:
    port = free_port()
    log = tmp_path / "serve.log"
    with log.open("wb") as out:
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "vdk_graph",
                "--store",
                str(built_store),
                "serve",
                "--port",
                str(port),
                "--query-timeout",
                "1",
                "--max-rows",
                "3",
            ],
            stdout=out,
            stderr=subprocess.STDOUT,
            env=child_env(),
            cwd=REPO,
        )
    url = f"http://127.0.0.1:{port}/sparql"
    try:

        def answers() -> bool:
            try:
                return http(url + "?query=ASK%7B%7D", headers={"Accept": RESULTS}, timeout=5)[0] == 200
            except OSError:
                return False

        wait_for(answers, "vdk-graph serve to answer", timeout=60, child=server, log=log)  # type: ignore[arg-type]
        status, _, body = http(
            url + "?" + urllib.parse.urlencode({"query": "SELECT * { ?s ?p ?o }"}),
            headers={"Accept": RESULTS},
        )
        assert len(json.loads(body)["results"]["bindings"]) == 3
        started = time.perf_counter()
        status, _, _ = http(
            url + "?" + urllib.parse.urlencode({"query": EXPENSIVE}), headers={"Accept": RESULTS}
        )
        assert status == 503 and time.perf_counter() - started < 4
        workers = _children(server.pid)
        assert workers, "the endpoint's worker processes are children of the server"
        server.send_signal(signal.SIGKILL)
        server.wait(10)
        wait_for(
            lambda: not any(_alive(pid) for pid in workers), "the workers to end after the server", timeout=10
        )
    finally:
        if server.poll() is None:
            server.kill()
            server.wait(10)


# --------------------------------------------------------------------------- a remote store behind it


def test_the_endpoint_over_a_remote_oxigraph_server(remote_store: RemoteStore, canary: Canary) -> None:
    """Workers talk HTTP to the store's server; every query is parsed first (strict), SERVICE never leaves."""
    fill_w3c_data(remote_store)
    app = create_app(
        Settings(store="sparql+" + remote_store.query_url, query_timeout=5),
        {"VDK_QUERY_WORKERS": 1},
        store=remote_store,
    )
    try:
        client = app.test_client()
        assert app.extensions.get("vdk_endpoint") is None
        ask = client.get(
            "/sparql", query_string={"query": "ASK { ?s a foaf:Document }"}, headers={"Accept": RESULTS}
        )
        assert ask.status_code == 200 and ask.json["boolean"] is True
        assert app.extensions["vdk_endpoint"].executor.mode == "process"
        service = client.get(
            "/sparql",
            query_string={"query": service_queries(canary.url)["silent"]},
            headers={"Accept": RESULTS},
        )
        assert service.status_code == 403
        lateral = client.get(
            "/sparql",
            query_string={
                "query": "SELECT * WHERE { ?s ?p ?o LATERAL { SELECT ?x WHERE { ?s ?q ?x } LIMIT 1 } }"
            },
            headers={"Accept": RESULTS},
        )
        assert lateral.status_code == 400  # not standard SPARQL 1.1: not forwarded to the server
        assert canary.hits == []
    finally:
        endpoint = app.extensions.get("vdk_endpoint")
        if endpoint is not None:
            endpoint.close()
