"""Fixtures for the SPARQL endpoint: the W3C protocol tests' dataset, apps over it, and a canary server.

The canary is a local HTTP server that records every request it gets: a query
that makes the endpoint reach out (SERVICE, FROM <http…>, LOAD) shows up as a hit.
"""

from __future__ import annotations

import http.server
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

import pyoxigraph as ox
import pytest
from flask import Flask

from vdk_graph.config import Settings
from vdk_graph.store import EmbeddedStore, MemoryStore, Store
from webapp import create_app

KASEI = "http://kasei.us/2009/09/sparql/data/"
FOAF_DOCUMENT = ox.NamedNode("http://xmlns.com/foaf/0.1/Document")
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
W3C_GRAPHS = [f"{KASEI}data{i}.rdf" for i in (1, 2, 3)]


def fill_w3c_data(store: Store) -> None:
    """The graphs of the W3C protocol tests: ``<dataN.rdf> a foaf:Document`` in graph ``<dataN.rdf>``."""
    with store.transaction() as tx:
        for graph in W3C_GRAPHS:
            tx.replace_graph(graph, [ox.Triple(ox.NamedNode(graph), RDF_TYPE, FOAF_DOCUMENT)])


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


def boolean(response) -> bool:  # type: ignore[no-untyped-def]
    """The answer of an ASK, in whichever results format the endpoint chose."""
    assert response.status_code == 200, response.get_data(as_text=True)
    parsed = ox.parse_query_results(response.data, format=results_format(response.mimetype))
    assert isinstance(parsed, ox.QueryBoolean)
    return bool(parsed)


def results_format(mimetype: str) -> ox.QueryResultsFormat:
    return {
        "application/sparql-results+json": ox.QueryResultsFormat.JSON,
        "application/sparql-results+xml": ox.QueryResultsFormat.XML,
        "text/csv": ox.QueryResultsFormat.CSV,
        "text/tab-separated-values": ox.QueryResultsFormat.TSV,
    }[mimetype]


@dataclass
class Canary:
    url: str
    hits: list[str] = field(default_factory=list)


@pytest.fixture
def canary() -> Iterator[Canary]:
    """A local HTTP server that must see no request from the endpoint."""
    hits: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def _record(self) -> None:
            hits.append(f"{self.command} {self.path}")
            self.send_response(200)
            self.send_header("Content-Type", "application/sparql-results+json")
            self.end_headers()
            self.wfile.write(b'{"head":{"vars":["s"]},"results":{"bindings":[]}}')

        do_GET = do_POST = do_HEAD = _record

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield Canary(f"http://127.0.0.1:{server.server_address[1]}", hits)
    server.shutdown()
    server.server_close()


AppFactory = Callable[..., Flask]


@pytest.fixture
def sparql_app(tmp_path: Path) -> Iterator[AppFactory]:
    """``sparql_app(kind="memory"|"embedded", fill=…, **settings)``: an app, its endpoint closed after."""
    apps: list[Flask] = []
    stores: list[Store] = []

    def factory(
        kind: str = "memory",
        fill: Callable[[Store], None] | None = fill_w3c_data,
        workers: int = 2,
        **settings: object,
    ) -> Flask:
        store: Store = MemoryStore() if kind == "memory" else EmbeddedStore(tmp_path / f"store-{len(stores)}")
        if fill:
            fill(store)
        app = create_app(
            Settings(store=getattr(store, "location", "memory:"), **settings),  # type: ignore[arg-type]
            {"TESTING": True, "VDK_QUERY_WORKERS": workers},
            store=store,
        )
        apps.append(app)
        stores.append(store)
        return app

    yield factory
    for app in apps:
        endpoint = app.extensions.get("vdk_endpoint")
        if endpoint is not None:
            endpoint.close()
    for store in stores:
        store.close()
