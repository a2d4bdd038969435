"""Abuse: cheap-query throughput and p95 with and without attackers, side by side (issue 10 §5).

    python bench/abuse_bench.py                 # the shipped data, 15 s quiet then 15 s under attack
    python bench/abuse_bench.py --seconds 30 --store ./var/store   # an existing (bigger) store

A real ``vdk-graph serve`` runs in its own process over the store. Each phase
runs the same honest load — cheap SPARQL queries from one visitor, pages from
another — and the attack phase adds two heavy SPARQL clients (CPU-bound
queries, back to back, from addresses of their own), 100 slow connections
(a partial request, then one byte every 10 s) and a visitor hammering a page.
Every client binds its own loopback address, and only 127.0.0.1 is exempt
from the query budget, so each is a visitor of its own.

Target: the cheap queries' p95 under attack within 5× the quiet p95.
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
ONES = " ".join(str(i) for i in range(1, 41))
HEAVY = (
    f"SELECT (COUNT(*) AS ?n) WHERE {{ VALUES ?a {{ {ONES} }} VALUES ?b {{ {ONES} }} "
    f"VALUES ?c {{ {ONES} }} VALUES ?d {{ {ONES} }} FILTER(?a + ?b != ?c * ?d) }}"
)
CHEAP = "SELECT ?p ?t WHERE { ?p a vdk:Project ; dcterms:title ?t } LIMIT 10"


def get(port: int, path: str, source: str, timeout: float = 30) -> tuple[int, float]:
    started = time.perf_counter()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout, source_address=(source, 0))
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        response.read()
        return response.status, time.perf_counter() - started
    except OSError:
        return 0, time.perf_counter() - started
    finally:
        conn.close()


def sparql(query: str) -> str:
    return "/sparql?" + urllib.parse.urlencode({"query": query})


@dataclass
class Tally:
    times: list[float] = field(default_factory=list)
    statuses: dict[int, int] = field(default_factory=dict)

    def add(self, status: int, seconds: float) -> None:
        self.statuses[status] = self.statuses.get(status, 0) + 1
        if status == 200:
            self.times.append(seconds)

    def p(self, q: float) -> float:
        if len(self.times) < 2:
            return float("nan")
        return statistics.quantiles(self.times, n=100)[int(q) - 1]


def loop(stop: threading.Event, port: int, path: str, source: str, tally: Tally, pause: float = 0.0) -> None:
    while not stop.is_set():
        tally.add(*get(port, path, source))
        if pause:
            stop.wait(pause)


def slow_connections(stop: threading.Event, port: int, count: int) -> None:
    socks = []
    for i in range(count):
        with contextlib.suppress(OSError):
            sock = socket.create_connection(("127.0.0.1", port), timeout=5)
            sock.sendall(f"GET /?slow={i}".encode())
            socks.append(sock)
    while not stop.wait(10):
        for sock in socks:
            with contextlib.suppress(OSError):
                sock.send(b"1")
    for sock in socks:
        sock.close()


def phase(port: int, seconds: float, attack: bool) -> dict[str, Tally]:
    stop = threading.Event()
    tallies = {"cheap": Tally(), "page": Tally(), "heavy": Tally(), "hammer": Tally()}
    threads = [
        threading.Thread(target=loop, args=(stop, port, sparql(CHEAP), "127.0.0.2", tallies["cheap"], 0.02)),
        threading.Thread(target=loop, args=(stop, port, "/queries", "127.0.0.3", tallies["page"], 0.1)),
    ]
    if attack:
        threads += [
            threading.Thread(target=loop, args=(stop, port, sparql(HEAVY), f"127.0.0.{n}", tallies["heavy"]))
            for n in (10, 11)
        ]
        threads.append(threading.Thread(target=loop, args=(stop, port, "/map/data.json", "127.0.0.12",
                                                           tallies["hammer"])))
        threads.append(threading.Thread(target=slow_connections, args=(stop, port, 100)))
    for thread in threads:
        thread.daemon = True
        thread.start()
    time.sleep(seconds)
    stop.set()
    for thread in threads:
        thread.join(40)
    return tallies


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=15.0)
    parser.add_argument("--store", help="an existing store (default: the shipped data, built in a temp dir)")
    args = parser.parse_args()
    vdk = str(Path(sys.executable).parent / "vdk-graph")
    with tempfile.TemporaryDirectory() as tmp:
        store = args.store or str(Path(tmp) / "store")
        env = dict(os.environ, VDK_STORE=store, VDK_UNBUDGETED="127.0.0.1/32", PYTHONPATH=str(REPO))
        if not args.store:
            subprocess.run([vdk, "build"], env=env, cwd=REPO, check=True, capture_output=True)
        port = free_port()
        server = subprocess.Popen([vdk, "serve", "--port", str(port)], env=env, cwd=REPO,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            deadline = time.monotonic() + 120
            while get(port, "/search.json?q=a", "127.0.0.1", 2)[0] != 200:
                if time.monotonic() > deadline or server.poll() is not None:
                    print("the server did not start", file=sys.stderr)
                    return 1
                time.sleep(0.5)
            get(port, sparql(CHEAP), "127.0.0.1")
            quiet = phase(port, args.seconds, attack=False)
            attacked = phase(port, args.seconds, attack=True)
        finally:
            server.send_signal(signal.SIGINT)
            with contextlib.suppress(subprocess.TimeoutExpired):
                server.wait(20)
            if server.poll() is None:
                server.kill()
    report(quiet, attacked, args.seconds)
    ratio = attacked["cheap"].p(95) / quiet["cheap"].p(95)
    return 0 if ratio <= 5 else 1


def report(quiet: dict[str, Tally], attacked: dict[str, Tally], seconds: float) -> None:
    print(f"\nabuse_bench: {seconds:g} s per phase; cheap SPARQL from one visitor, pages from another")
    print(f"{'':34}{'quiet':>14}{'under attack':>16}{'ratio':>9}")

    def row(label: str, a: float, b: float, fmt: str = "{:.1f}") -> None:
        ratio = b / a if a and a == a and b == b else float("nan")
        print(f"{label:34}{fmt.format(a):>14}{fmt.format(b):>16}{ratio:>9.2f}")

    answered = (len(quiet["cheap"].times) / seconds, len(attacked["cheap"].times) / seconds)
    row("cheap queries answered (req/s)", *answered)
    row("cheap queries p50 (ms)", quiet["cheap"].p(50) * 1000, attacked["cheap"].p(50) * 1000)
    row("cheap queries p95 (ms)", quiet["cheap"].p(95) * 1000, attacked["cheap"].p(95) * 1000)
    row("pages p95 (ms)", quiet["page"].p(95) * 1000, attacked["page"].p(95) * 1000)
    for name in ("cheap", "page", "heavy", "hammer"):
        print(f"  {name:8} statuses  quiet {dict(sorted(quiet[name].statuses.items()))}"
              f"  attack {dict(sorted(attacked[name].statuses.items()))}")
    ratio = attacked["cheap"].p(95) / quiet["cheap"].p(95)
    verdict = "met" if ratio <= 5 else "NOT met"
    print(f"target: cheap p95 under attack within 5x the quiet p95: {verdict} ({ratio:.2f}x)")


if __name__ == "__main__":
    raise SystemExit(main())
