"""Hostile and careless clients against a real server on 127.0.0.1 (issue 10 §2).

The server is the one ``vdk-graph serve`` runs (``webapp/server.py``: waitress,
two thread lanes, a request deadline). Clients bind their own loopback
addresses (127.0.0.2, …) so that each is a visitor of its own; the settings
budget every address but 127.0.0.1. Every loop is bounded.
"""

from __future__ import annotations

import contextlib
import http.client
import json
import socket
import statistics
import threading
import time
import urllib.parse
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.live_fixtures import LiveServer, start_live_server
from vdk_graph.config import Settings
from vdk_graph.curation.build import build
from vdk_graph.store import EmbeddedStore
from webapp.server import Limits

pytestmark = pytest.mark.server

DATA = Path(__file__).parent.parent.parent / "data"
ONES = " ".join(str(i) for i in range(1, 41))
#: Pure CPU, no data: 40^4 rows counted; seconds of work in a worker, every time.
HEAVY = (
    f"SELECT (COUNT(*) AS ?n) WHERE {{ VALUES ?a {{ {ONES} }} VALUES ?b {{ {ONES} }} "
    f"VALUES ?c {{ {ONES} }} VALUES ?d {{ {ONES} }} FILTER(?a + ?b != ?c * ?d) }}"
)
#: Far past any time limit of these tests (80^4 rows): stopped, never answered.
ENDLESS = HEAVY.replace(ONES, " ".join(str(i) for i in range(1, 81)))
CHEAP = "SELECT ?p WHERE { ?p a vdk:Project } LIMIT 5"


def request(
    url: str, path: str, source: str = "127.0.0.1", timeout: float = 30, headers: dict[str, str] | None = None
) -> tuple[int, bytes, dict[str, str]]:
    """One GET from ``source`` (a loopback address of its own): status, body, headers."""
    parsed = urllib.parse.urlsplit(url)
    conn = http.client.HTTPConnection(
        parsed.hostname, parsed.port, timeout=timeout, source_address=(source, 0)
    )
    try:
        conn.request("GET", path, headers=headers or {})
        response = conn.getresponse()
        return response.status, response.read(), dict(response.getheaders())
    finally:
        conn.close()


def sparql(query: str) -> str:
    return "/sparql?" + urllib.parse.urlencode({"query": query})


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("hostile") / "store"
    store = EmbeddedStore(folder)
    build(store, Settings(store=str(folder), data_dir=DATA))
    store.close()
    return folder


def serve(built: Path, limits: Limits, **settings: object) -> LiveServer:
    values: dict[str, object] = {"store": str(built), "data_dir": DATA, "unbudgeted": "127.0.0.1/32"}
    values.update(settings)
    return start_live_server(
        EmbeddedStore(built), Settings(**values), limits=limits, test_config={"VDK_QUERY_WORKERS": 3},
        warmed=True,
    )


@pytest.fixture
def server(built: Path) -> Iterator[LiveServer]:
    live = serve(built, Limits(page_threads=4, sparql_threads=6, request_timeout=4, idle_timeout=30),
                 query_timeout=4, client_budget=0)
    yield live
    live.stop()


def test_200_slow_connections_do_not_block_anyone_and_are_closed_at_the_deadline(server: LiveServer) -> None:
    port = int(server.url.rsplit(":", 1)[1])
    slow: list[socket.socket] = []
    for i in range(200):
        sock = socket.create_connection(("127.0.0.1", port), timeout=5)
        sock.sendall(b"GET /?x=" + str(i).encode())  # a partial request line
        slow.append(sock)
    stop = threading.Event()

    def trickle() -> None:  # one byte per connection per second, never a whole request
        for _ in range(12):
            if stop.wait(1.0):
                return
            for sock in slow:
                with contextlib.suppress(OSError):
                    sock.send(b"1")

    feeder = threading.Thread(target=trickle, daemon=True)
    feeder.start()
    try:
        time.sleep(0.5)
        for path in ("/", sparql("ASK {}"), "/map/data.json"):
            started = time.perf_counter()
            status, _, _ = request(server.url, path, timeout=10)
            assert status == 200 and time.perf_counter() - started < 2.0, path
        # The request deadline (4 s) and a cleanup pass later, every trickling connection is closed.
        time.sleep(4 + 2)
        closed = 0
        for sock in slow:
            sock.settimeout(2)
            try:
                closed += sock.recv(1) == b""
            except (ConnectionResetError, TimeoutError, OSError):
                closed += 1
        assert closed == len(slow)
    finally:
        stop.set()
        feeder.join()
        for sock in slow:
            sock.close()


def test_two_heavy_clients_starve_neither_pages_nor_cheap_queries(server: LiveServer) -> None:
    stop = threading.Event()
    heavy: list[int] = []

    def attacker(source: str) -> None:
        while not stop.is_set():
            status, _, _ = request(server.url, sparql(HEAVY), source=source)
            heavy.append(status)

    attackers = [threading.Thread(target=attacker, args=(f"127.0.0.{n}",), daemon=True) for n in (2, 3)]
    for thread in attackers:
        thread.start()
    time.sleep(1.5)  # both heavy queries running
    cheap, pages = [], []
    try:
        for _ in range(20):
            started = time.perf_counter()
            status, body, _ = request(server.url, sparql(CHEAP), source="127.0.0.4")
            cheap.append((status, time.perf_counter() - started))
            started = time.perf_counter()
            status, _, _ = request(server.url, "/queries", source="127.0.0.5")
            pages.append((status, time.perf_counter() - started))
    finally:
        stop.set()
        for thread in attackers:
            thread.join(30)
    assert all(status == 200 for status, _ in cheap), cheap
    assert all(status == 200 for status, _ in pages), pages
    assert statistics.quantiles([s for _, s in cheap], n=20)[-1] < 1.5, cheap  # p95
    assert statistics.quantiles([s for _, s in pages], n=20)[-1] < 1.5, pages
    assert heavy and set(heavy) <= {200, 429, 503}, heavy


def test_a_timeout_and_a_full_house_say_when_to_come_back(built: Path) -> None:
    live = serve(built, Limits(page_threads=2, sparql_threads=4), query_timeout=1, client_budget=0)
    try:
        status, body, headers = request(live.url, sparql(ENDLESS), source="127.0.0.2",
                                         headers={"Accept": "application/json"})
        assert status == 503 and json.loads(body)["error"] == "QueryTimeout"
        assert int(headers["Retry-After"]) >= 1
    finally:
        live.stop()


def test_a_long_query_may_not_take_the_last_worker(built: Path) -> None:
    """Three workers: two long queries run; a third long one is stopped at 1 s, cheap ones go on.

    The long queries are ENDLESS (stopped at the time limit), not HEAVY: on a fast machine
    HEAVY ends before it counts as long, and nothing would be crowded out.
    """
    live = serve(built, Limits(page_threads=2, sparql_threads=8), query_timeout=6, client_budget=0)
    try:
        with ThreadPoolExecutor(3) as pool:
            futures = [pool.submit(request, live.url, sparql(ENDLESS + f" # {n}"), f"127.0.0.{n}")
                       for n in (2, 3, 4)]
            time.sleep(2.0)
            status, _, _ = request(live.url, sparql(CHEAP), source="127.0.0.9")
            assert status == 200
            results = [f.result() for f in futures]
        codes = sorted(r[0] for r in results)
        assert codes.count(503) >= 1, codes
        crowded = [json.loads(r[1]) for r in results if r[0] == 503 and b"already running" in r[1]]
        assert crowded and int(next(r[2] for r in results if r[0] == 503)["Retry-After"]) >= 1
    finally:
        live.stop()


def test_a_heavy_client_is_charged_the_time_its_queries_ran_not_the_time_they_waited(built: Path) -> None:
    live = serve(built, Limits(page_threads=2, sparql_threads=8), query_timeout=5, client_budget=3)
    try:
        status, _, _ = request(live.url, sparql(HEAVY), source="127.0.0.2")
        endpoint = live.app.extensions["vdk_endpoint"]
        charged = sum(seconds for _, seconds in endpoint.budget._spent["127.0.0.2"])
        # At most the time limit (5 s) and the kill after it, with room for a loaded machine.
        assert 0.5 < charged <= 7.0 and status in (200, 503)
        # A cheap client that only waited behind it is charged its own short run, a fraction of that.
        request(live.url, sparql(CHEAP), source="127.0.0.3")
        assert sum(seconds for _, seconds in endpoint.budget._spent["127.0.0.3"]) < max(0.5, charged / 3)
    finally:
        live.stop()
