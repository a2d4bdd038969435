"""What only the remote backend does: the protocol dataset, HTTP errors, one update request per transaction.

The behaviour it shares with the other backends is tested in ``test_store*.py``.
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pyoxigraph as ox
import pytest

from tests.store_fixtures import EX, count, dump, graph, iri, select, sparql_update, triple
from vdk_graph.errors import ConfigError, QueryError, RemoteStoreError, StoreError
from vdk_graph.results import AskResult, SelectResult
from vdk_graph.store import RemoteStore
from vdk_graph.store.dialects import Dialect
from vdk_graph.store.remote import META_GRAPH, UNION_GRAPH, RemoteTransaction, declares_dataset
from vdk_graph.store.remote_http import Client, Refusal, Reply

G1, G2, G3 = graph("one"), graph("two"), graph("three")
SHARED = triple("filmby", "type", "Organisation")
ONLY_ONE = triple("filmby", "name", "Filmby Aarhus")
ONLY_TWO = triple("viborg", "name", "The Animation Workshop")


def fill(store: RemoteStore) -> None:
    with store.transaction() as tx:
        tx.replace_graph(G1, [SHARED, ONLY_ONE])
        tx.replace_graph(G2, [SHARED, ONLY_TWO])


# --------------------------------------------------------------------------- without a server


@pytest.mark.parametrize(
    ("sparql", "declares"),
    [
        ("SELECT * FROM <http://g> WHERE { ?s ?p ?o }", True),
        ("select * from named <http://g> where { graph ?g { ?s ?p ?o } }", True),
        ("PREFIX ex: <http://example.org/>\nSELECT * FROM ex:g WHERE { ?s ?p ?o }", True),
        ("SELECT ?from WHERE { ?from ?p ?o }", False),
        ("SELECT $from WHERE { $from ?p ?o }", False),
        ("PREFIX ex: <http://example.org/> SELECT * WHERE { ?s ex:from ?o }", False),
        ("PREFIX from: <http://example.org/> SELECT * WHERE { ?s from:x ?o }", False),
        ('SELECT * WHERE { ?s ?p "FROM here" }', False),
        ("SELECT * WHERE { ?s <http://example.org/FROM> ?o }", False),
        ("# FROM <http://g>\nSELECT * WHERE { ?s ?p ?o }", False),
        ('SELECT * WHERE { ?s ?p """long\nFROM\ntext""" }', False),
    ],
)
def test_declares_dataset(sparql: str, declares: bool) -> None:
    assert declares_dataset(sparql) is declares


def test_the_update_endpoint_follows_the_query_endpoint() -> None:
    assert RemoteStore("sparql+http://h:7878/query").update_url == "http://h:7878/update"
    assert RemoteStore("sparql+https://h/ds/query").update_url == "https://h/ds/update"
    assert RemoteStore("sparql+http://h/sparql").update_url == "http://h/sparql"
    assert RemoteStore("sparql+http://h/q", update_url="http://h/u").update_url == "http://h/u"
    with pytest.raises(ConfigError, match="not a SPARQL endpoint URL"):
        RemoteStore("sparql+http://")


@pytest.fixture
def closed_port() -> Iterator[int]:
    """A port on which nothing listens (held bound so no one else takes it during the test)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        yield int(sock.getsockname()[1])


def test_an_unreachable_server_names_its_url(closed_port: int) -> None:
    store = RemoteStore(f"sparql+http://127.0.0.1:{closed_port}/query", timeout=5)
    with pytest.raises(RemoteStoreError) as caught:
        store.query("ASK {}")
    message = str(caught.value)
    assert f"http://127.0.0.1:{closed_port}/query" in message
    assert "cannot reach" in message and "is it running" in message
    with pytest.raises(RemoteStoreError, match=f"127.0.0.1:{closed_port}"), store.transaction() as tx:
        tx.replace_graph(G1, [SHARED])


@pytest.fixture
def refusing_server() -> Iterator[str]:
    """A server on 127.0.0.1 that answers every POST with 400 and a message."""

    class Refuse(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 (http.server's name)
            self.rfile.read(int(self.headers.get("Content-Length") or 0))
            body = b"no such graph"
            self.send_response(400)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Refuse)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/update"
    server.shutdown()
    server.server_close()


def test_a_refusal_passes_through_a_context_manager_with_the_server_s_answer(refusing_server: str) -> None:
    """contextlib sets ``__traceback__`` on an exception leaving a @contextmanager; a frozen exception
    class answered that with FrozenInstanceError, and the server's status and message were lost."""

    @contextmanager
    def around() -> Iterator[None]:
        yield

    client = Client([refusing_server], None, None, timeout=5)
    with pytest.raises(Refusal) as caught, around():
        client.post(refusing_server, {"update": "CLEAR ALL"}, "*/*")
    assert caught.value.status == 400 and caught.value.detail == "no such graph"


# --------------------------------------------------------------------------- against the Oxigraph server


@pytest.mark.server
def test_a_query_with_from_keeps_its_own_dataset(remote_store: RemoteStore) -> None:
    fill(remote_store)
    assert count(remote_store, "?s ?p ?o") == 3
    [(n,)] = select(remote_store, f"SELECT (COUNT(*) AS ?n) FROM <{G1}> WHERE {{ ?s ?p ?o }}")
    assert int(n.value) == 2  # type: ignore[attr-defined]
    named = select(remote_store, f"SELECT DISTINCT ?g FROM NAMED <{G2}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}")
    assert [g.value for (g,) in named] == [G2]  # type: ignore[attr-defined]
    # A variable or a term called "from" is not a FROM clause: the union is still the default graph.
    assert len(select(remote_store, "SELECT ?from WHERE { ?from ?p ?o }")) == 3


@pytest.mark.server
def test_a_bad_query_is_a_query_error_with_its_position(remote_store: RemoteStore) -> None:
    with pytest.raises(QueryError) as caught:
        remote_store.query("SELECT ?s\nWHERE {\n  ?s ?p }")
    assert not isinstance(caught.value, RemoteStoreError)
    assert remote_store.query_url in str(caught.value)
    assert (caught.value.line, caught.value.column) == (3, 10)


@pytest.mark.server
def test_a_rejected_update_is_a_remote_store_error(remote_store: RemoteStore,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(RemoteTransaction, "update_request", lambda self: "INSERT DATA { not SPARQL }")
    with pytest.raises(RemoteStoreError) as caught, remote_store.transaction() as tx:
        tx.replace_graph(G1, [SHARED])
    assert remote_store.update_url in str(caught.value)
    assert "400" in str(caught.value)
    assert remote_store.graph_sizes() == {}


class UpdateSpy:
    """Counts the update requests a store sends (and lets them through)."""

    def __init__(self, store: RemoteStore, monkeypatch: pytest.MonkeyPatch) -> None:
        self.requests: list[str] = []
        post = store._client.post

        def spy(url: str, form: dict[str, object], accept: str, timeout: float | None = None,
                **options: bool) -> Reply:
            if url == store.update_url:
                self.requests.append(str(form["update"]))
            return post(url, form, accept, timeout, **options)

        monkeypatch.setattr(store._client, "post", spy)


@pytest.mark.server
def test_a_transaction_is_one_update_request(remote_store: RemoteStore,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    fill(remote_store)
    spy = UpdateSpy(remote_store, monkeypatch)
    with remote_store.transaction() as tx:
        tx.replace_graph(G1, [ONLY_ONE])
        tx.remove_graph(G2)
        tx.replace_graph(G3, [SHARED, ONLY_TWO])
    assert len(spy.requests) == 1
    assert remote_store.graph_sizes() == {G1: 1, G3: 2}
    assert remote_store.triple_count() == 3

    with remote_store.transaction():
        pass
    with pytest.raises(RuntimeError), remote_store.transaction() as tx:
        tx.remove_graph(G1)
        raise RuntimeError("failed before the end")
    assert len(spy.requests) == 1
    assert remote_store.graph_sizes() == {G1: 1, G3: 2}


@pytest.mark.server
@pytest.mark.parametrize("failure", ["runtime", "syntax"])
def test_a_transaction_that_the_server_rejects_changes_nothing(
    remote_store: RemoteStore, monkeypatch: pytest.MonkeyPatch, failure: str
) -> None:
    """Two graphs replaced together; the request fails after (or inside) the second one: neither changed."""
    fill(remote_store)
    before, version = dump(remote_store), remote_store.data_version()
    request = RemoteTransaction.update_request

    def broken(self: RemoteTransaction) -> str:
        text = request(self)
        if failure == "runtime":  # fails when run, after every change to G1 and G2 was applied
            return text + f" ;\nCREATE GRAPH <{G1}>"
        second = f"GRAPH <{G2}> {{"
        assert second in text
        return text.replace(second, second + " <not a complete triple> .")

    monkeypatch.setattr(RemoteTransaction, "update_request", broken)
    with pytest.raises(RemoteStoreError), remote_store.transaction() as tx:
        tx.replace_graph(G1, [triple("new", "in", "one")])
        tx.replace_graph(G2, [triple("new", "in", "two")])
    assert dump(remote_store) == before
    assert remote_store.data_version() == version


@pytest.mark.server
def test_the_union_graph_is_bookkeeping_not_data(remote_store: RemoteStore, oxigraph_server: str) -> None:
    fill(remote_store)
    graphs = select(remote_store, "SELECT DISTINCT ?g WHERE { GRAPH ?g { } }")
    assert sorted(g.value for (g,) in graphs) == [G1, G2]  # type: ignore[attr-defined]
    assert remote_store.named_graph_list(max_age=0) == [G1, G2]
    assert remote_store.graph_sizes() == {G1: 2, G2: 2}
    with pytest.raises(StoreError, match="keeps for itself"), remote_store.transaction() as tx:
        tx.replace_graph(UNION_GRAPH, [])
    # The server itself holds the union as one more graph: the set union, once per triple.
    sizes = select(remote_store, f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{UNION_GRAPH}> {{ ?s ?p ?o }} }}",
                   default_graphs=[], named_graphs=[UNION_GRAPH])
    assert int(sizes[0][0].value) == 3  # type: ignore[union-attr]


@pytest.mark.server
def test_graphs_written_by_another_tool_are_read_and_then_taken_in(remote_store: RemoteStore,
                                                                   oxigraph_server: str) -> None:
    """A server filled by another tool has no union graph: the graph list stands in until vdk-graph writes."""
    sparql_update(oxigraph_server, f"INSERT DATA {{ GRAPH <{G1}> {{ {SHARED} . {ONLY_ONE} }} }}")
    assert remote_store.graph_sizes() == {G1: 2}
    assert remote_store.query(f"ASK {{ {ONLY_ONE} }}") == AskResult(True)
    with remote_store.transaction() as tx:
        tx.replace_graph(G2, [SHARED, ONLY_TWO])
    assert remote_store.triple_count() == 3
    with remote_store.transaction() as tx:
        tx.remove_graph(G1)
    assert remote_store.triple_count() == 2
    assert remote_store.query(f"ASK {{ {SHARED} }}") == AskResult(True)


class _SmallRequests(Dialect):
    """Oxigraph's SPARQL, with Virtuoso's shape of writes and a request limit small enough to test with."""

    insert_chunk = 20
    template_chunk = 10
    blank_nodes_in_data = False
    max_request_bytes = 6_000


@pytest.mark.server
def test_a_write_past_the_server_s_request_limit_is_staged_then_published(
    remote_store: RemoteStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The staged path on an atomic server: the same graphs as one request gives, in requests that fit."""
    fill(remote_store)
    remote_store._dialect = _SmallRequests()
    spy = UpdateSpy(remote_store, monkeypatch)
    node = ox.BlankNode("hub")
    big = [triple(f"item{i}", "value", str(i)) for i in range(300)] + [triple("filmby", "address", node)]
    linked = [ox.Triple(node, iri("city"), ox.Literal("Aarhus"))]
    with remote_store.transaction() as tx:
        tx.replace_graph(G1, big)
        tx.replace_graph(G3, linked)
    assert len(spy.requests) > 4
    assert max(len(r.encode()) for r in spy.requests) <= _SmallRequests.max_request_bytes
    assert remote_store.graph_sizes() == {G1: 301, G2: 2, G3: 1}
    assert remote_store.triple_count() == 304  # ONLY_ONE left with G1's old content; G2 keeps SHARED
    assert remote_store.query(f"ASK {{ {ONLY_ONE} }}") == AskResult(False)
    one_node = f'<{EX}filmby> <{EX}address> ?a . GRAPH <{G3}> {{ ?a <{EX}city> "Aarhus" }}'
    assert count(remote_store, one_node) == 1
    everything = remote_store._query({"query": "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"})
    assert isinstance(everything, SelectResult)  # the server's graphs, without the store's dataset
    assert sorted(g.value for (g,) in everything.rows) == sorted([G1, G2, G3, UNION_GRAPH, META_GRAPH])  # type: ignore[union-attr]
