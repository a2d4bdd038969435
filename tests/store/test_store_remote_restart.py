"""A remote server that goes away under its readers: a query asks again, an update never twice.

A proxy on 127.0.0.1 stands in front of the session's real Oxigraph server and
drops the first connections it gets (it reads the request, then closes without
an answer, as a server killed mid-request does), or stops listening for a moment
(a server restarting), and passes every other connection through.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Iterator
from urllib.parse import urlsplit

import pytest

from tests.store_fixtures import count, graph, triple
from vdk_graph.errors import RemoteStoreError
from vdk_graph.store import RemoteStore, remote_http

pytestmark = pytest.mark.server

G1 = graph("one")
FILMBY = triple("filmby", "name", "Filmby Aarhus")


class DroppingProxy:
    """Passes requests to ``target`` (host, port) but for the first ``drop`` that contain ``only``, which it
    closes unanswered; with ``away`` seconds, it also stops listening that long after the last drop."""

    def __init__(self, target: tuple[str, int], drop: int, away: float = 0.0, only: bytes = b"") -> None:
        self.target, self.drop, self.away, self.only = target, drop, away, only
        self.connections = self.dropped = self.matching = 0
        self._listener = self._listen(0)
        self.port = int(self._listener.getsockname()[1])
        self._stopped = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    @staticmethod
    def _listen(port: int) -> socket.socket:
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", port))
        listener.listen(16)
        listener.settimeout(0.1)
        return listener

    def _serve(self) -> None:
        while not self._stopped.is_set():
            try:
                client, _ = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            self.connections += 1
            request = _request(client)
            self.matching += self.only in request
            if self.dropped < self.drop and self.only in request:
                self.dropped += 1
                client.close()  # the request reached us; the answer never comes
                if self.dropped == self.drop and self.away:
                    self._listener.close()
                    time.sleep(self.away)
                    self._listener = self._listen(self.port)
                continue
            threading.Thread(target=self._pass, args=(client, request), daemon=True).start()

    def _pass(self, client: socket.socket, request: bytes) -> None:
        with client, socket.create_connection(self.target) as server:
            server.sendall(request)
            pumps = [threading.Thread(target=_pump, args=pair, daemon=True)
                     for pair in ((client, server), (server, client))]
            for pump in pumps:
                pump.start()
            for pump in pumps:
                pump.join()

    def close(self) -> None:
        self._stopped.set()
        self._thread.join(timeout=5)
        self._listener.close()


def _request(client: socket.socket) -> bytes:
    """One whole HTTP request (head and body) as it came."""
    client.settimeout(10)
    data = b""
    while b"\r\n\r\n" not in data:
        data += client.recv(65536)
    head, _, body = data.partition(b"\r\n\r\n")
    length = next((int(line.split(b":", 1)[1]) for line in head.split(b"\r\n")
                   if line.lower().startswith(b"content-length:")), 0)
    while len(body) < length:
        body += client.recv(65536)
    client.settimeout(None)
    return head + b"\r\n\r\n" + body


def _pump(source: socket.socket, sink: socket.socket) -> None:
    try:
        while data := source.recv(65536):
            sink.sendall(data)
        sink.shutdown(socket.SHUT_WR)
    except OSError:
        pass


Through = Callable[..., tuple[RemoteStore, DroppingProxy]]


@pytest.fixture
def through(oxigraph_server: str, remote_store: RemoteStore) -> Iterator[Through]:
    """A store on the session's server (holding one triple) through a proxy that drops requests as asked."""
    parts = urlsplit(oxigraph_server.removeprefix("sparql+"))
    proxies: list[DroppingProxy] = []
    stores: list[RemoteStore] = []

    def make(drop: int, away: float = 0.0, only: bytes = b"") -> tuple[RemoteStore, DroppingProxy]:
        proxy = DroppingProxy((parts.hostname or "127.0.0.1", parts.port or 80), drop, away, only)
        proxies.append(proxy)
        store = RemoteStore(f"sparql+http://127.0.0.1:{proxy.port}{parts.path}", timeout=10)
        stores.append(store)
        return store, proxy

    with remote_store.transaction() as tx:
        tx.replace_graph(G1, [FILMBY])
    yield make
    for store in stores:
        store.close()
    for proxy in proxies:
        proxy.close()


def test_a_query_whose_connection_was_dropped_is_asked_again(through: Through) -> None:
    store, proxy = through(drop=2)
    assert count(store, "?s ?p ?o") == 1
    assert proxy.dropped == 2 and proxy.connections > 2


def test_a_query_waits_for_a_server_that_is_restarting(through: Through) -> None:
    """Dropped, then refused while the server is away, then answered: the reader waits it out."""
    store, proxy = through(drop=1, away=1.0)
    started = time.monotonic()
    assert count(store, "?s ?p ?o") == 1
    assert proxy.dropped == 1 and proxy.connections > 1
    assert time.monotonic() - started >= 1.0  # it did wait for the listener to come back


def test_an_update_whose_connection_was_dropped_is_not_sent_again(through: Through,
                                                                  remote_store: RemoteStore) -> None:
    store, proxy = through(drop=1, only=b"update=")
    with pytest.raises(RemoteStoreError, match="cannot reach"), store.transaction() as tx:
        tx.replace_graph(G1, [FILMBY, triple("viborg", "name", "The Animation Workshop")])
    assert proxy.dropped == 1 and proxy.matching == 1  # the update went out once
    assert count(remote_store, "?s ?p ?o") == 1


def test_a_server_that_never_answered_is_reported_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Refused from the first ask (nothing listens): no waiting, whatever the store's time limit."""
    waits: list[float] = []
    monkeypatch.setattr(remote_http.time, "sleep", waits.append)
    with socket.socket() as held:
        held.bind(("127.0.0.1", 0))
        store = RemoteStore(f"sparql+http://127.0.0.1:{held.getsockname()[1]}/query", timeout=30)
        with pytest.raises(RemoteStoreError, match="cannot reach"):
            store.query("ASK {}")
    assert waits == []
