"""Embedded Oxigraph, an Oxigraph server and Virtuoso, side by side: load, typical named queries, memory.

For each size (100k triples by default) a synthetic ecosystem (what
``vdk-graph synth --triples N -o file.nt`` writes) is imported the way
``vdk-graph import`` does it: into an embedded store, into an Oxigraph server
(``oxigraph serve``, from the ``oxigraph`` package) and into a Virtuoso (Debian's
``virtuoso-opensource``), both servers started here on 127.0.0.1 with their own
database folder and ports, and stopped at the end. Then a few typical named
queries run on each, warm (median of 3), through the library as the CLI and the
web app run them. Each side runs in a process of its own, so its peak memory is
its own; for the servers the server's and the client's are given apart (issue 14).

As a reference, the same file is also loaded by each engine's own bulk loader
(pyoxigraph ``bulk_load``; Virtuoso's ``ld_dir`` + ``rdf_loader_run`` from isql),
which is what the store's transactional import is measured against.

    python bench/virtuoso_bench.py                        # 100k
    python bench/virtuoso_bench.py --sizes 100000 1000000 # two sizes, one table

Machines here are shared and noisy: read the ratios, measured in one run.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import resource
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pyoxigraph as ox

sys.path.insert(0, str(Path(__file__).parent.parent))
from bench.common import fmt_seconds, synthetic_file, table  # noqa: E402
from vdk_graph import queries  # noqa: E402
from vdk_graph.results import SelectResult  # noqa: E402
from vdk_graph.store import BulkFile, EmbeddedStore, RemoteStore, Store  # noqa: E402

GRAPH = "https://w3id.org/vdk/id/graph/synthetic/bench"
VDK = "PREFIX vdk: <https://w3id.org/vdk/ontology#>\n"
#: Typical named queries, with a probe that finds parameter values the synthetic data answers.
TYPICAL = {
    "find-by-name": None,
    "organisation-partners": "SELECT ?organisation WHERE { ?organisation vdk:participatesIn ?p } "
                             "GROUP BY ?organisation ORDER BY DESC(COUNT(?p)) LIMIT 1",
    "project-partners": "SELECT ?project WHERE { ?o vdk:participatesIn ?project } "
                        "GROUP BY ?project ORDER BY DESC(COUNT(?o)) LIMIT 1",
    "organisations-by-place": None,
    "topic-cooccurrence": None,
    "collaborating-pairs": None,
}
FIXED = {"find-by-name": {"text": "nord"}}
#: Virtuoso's [SPARQL] ResultSetMaxRows here: past every answer the bench asks for (docs/deploy.md).
ROW_LIMIT = 50_000_000


# --------------------------------------------------------------------------- Virtuoso


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def virtuoso(folder: Path, data_dir: Path, memory_gb: float) -> Iterator[dict[str, Any]]:
    """Virtuoso on free ports of 127.0.0.1, with ``memory_gb`` of buffers; yields how to reach it."""
    binary = shutil.which("virtuoso-t")
    if binary is None:
        raise SystemExit("virtuoso-t is not installed (Debian: apt-get install virtuoso-opensource)")
    sql_port, http_port = _free_port(), _free_port()
    buffers = int(memory_gb * 85_000)  # Virtuoso's rule: 85,000 buffers (8 kB) per GB given to it
    config = folder / "virtuoso.ini"
    config.write_text(textwrap.dedent(f"""\
        [Database]
        DatabaseFile = {folder}/virtuoso.db
        ErrorLogFile = {folder}/virtuoso.log
        LockFile = {folder}/virtuoso.lck
        TransactionFile = {folder}/virtuoso.trx
        xa_persistent_file = {folder}/virtuoso.pxa
        Striping = 0
        TempStorage = TempDatabase
        [TempDatabase]
        DatabaseFile = {folder}/virtuoso-temp.db
        TransactionFile = {folder}/virtuoso-temp.trx
        Striping = 0
        [Parameters]
        ServerPort = 127.0.0.1:{sql_port}
        DisableUnixSocket = 1
        CheckpointInterval = 60
        DirsAllowed = {folder}, {data_dir}
        NumberOfBuffers = {buffers}
        MaxDirtyBuffers = {buffers * 3 // 4}
        ThreadsPerQuery = 2
        [HTTPServer]
        ServerPort = 127.0.0.1:{http_port}
        ServerRoot = {folder}
        ServerThreads = 10
        EnabledDavVSP = 0
        Charset = UTF-8
        [SPARQL]
        ResultSetMaxRows = {ROW_LIMIT}
        MaxQueryExecutionTime = 3600
        [Plugins]
        """), encoding="utf-8")
    log = (folder / "server.log").open("wb")
    server = subprocess.Popen([binary, "+foreground", "+configfile", str(config)], cwd=folder,
                              stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{http_port}/sparql"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                with urllib.request.urlopen(url + "?query=" + urllib.parse.quote("ASK {}"), timeout=1) as r:
                    r.read()
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise SystemExit(f"Virtuoso did not start; see {folder}/virtuoso.log") from None
                time.sleep(0.3)
        password, admin = secrets.token_hex(12), secrets.token_hex(12)
        isql = shutil.which("isql-vt") or "isql-vt"

        def sql(statement: str, password: str = "dba") -> None:
            done = subprocess.run([isql, f"127.0.0.1:{sql_port}", "dba", password, f"exec={statement}"],
                                  capture_output=True, text=True, timeout=7200)
            if done.returncode != 0 or "*** Error" in done.stdout:
                raise SystemExit(f"isql: {statement[:80]}: {done.stdout[-600:]}{done.stderr[-300:]}")

        sql(f"DB.DBA.USER_CREATE('bench', '{password}'); GRANT SPARQL_UPDATE TO \"bench\"; "
            f"DB.DBA.USER_CHANGE_PASSWORD('dba', 'dba', '{admin}');")
        yield {"url": "sparql+" + url, "user": "bench", "password": password, "pid": server.pid,
               "sql": lambda statement: sql(statement, admin)}
    finally:
        server.terminate()
        try:
            server.wait(timeout=120)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()


@contextmanager
def oxigraph_server(folder: Path) -> Iterator[dict[str, Any]]:
    """``oxigraph serve`` on a free port of 127.0.0.1; yields how to reach it."""
    binary = Path(sys.executable).parent / "oxigraph"
    if not binary.exists():
        raise SystemExit(f"no Oxigraph server at {binary}: pip install oxigraph")
    port = _free_port()
    log = (folder / "server.log").open("wb")
    server = subprocess.Popen([str(binary), "serve", "--location", str(folder / "data"),
                               "--bind", f"127.0.0.1:{port}"], stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/query"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(url + "?query=" + urllib.parse.quote("ASK {}"), timeout=1) as r:
                    r.read()
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise SystemExit(f"the Oxigraph server did not start; see {folder}/server.log") from None
                time.sleep(0.1)
        yield {"url": "sparql+" + url, "user": None, "password": None, "pid": server.pid}
    finally:
        server.terminate()
        server.wait(timeout=60)
        log.close()


def peak_rss_mb(pid: int) -> float:
    """The peak resident memory of a running process (VmHWM), in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


# --------------------------------------------------------------------------- one side


def params_for(store: Store) -> dict[str, dict[str, str]]:
    found: dict[str, dict[str, str]] = {}
    for name, probe in TYPICAL.items():
        if probe is None:
            found[name] = FIXED.get(name, {})
            continue
        result = store.query(VDK + probe)
        assert isinstance(result, SelectResult)
        row = next(iter(result.rows))
        found[name] = {v: t.value for v, t in zip(result.variables, row, strict=True)}  # type: ignore[union-attr]
    return found


def run_queries(store: Store, params: dict[str, dict[str, str]]) -> dict[str, tuple[float, int]]:
    timings = {}
    for name in TYPICAL:
        query = queries.get(name)
        rows = sum(1 for _ in query.run(store, params[name]).rows)  # type: ignore[union-attr]  # warm-up
        times = []
        for _ in range(3):
            start = time.perf_counter()
            rows = sum(1 for _ in query.run(store, params[name]).rows)  # type: ignore[union-attr]
            times.append(time.perf_counter() - start)
        timings[name] = (statistics.median(times), rows)
    return timings


def side(kind: str, path: str, where: dict[str, Any], out: Any) -> None:
    """Load ``path`` the way vdk-graph import does, then time the queries; in a child process."""
    try:
        if kind == "embedded":
            store: Store = EmbeddedStore(where["folder"])
        else:  # the Oxigraph server or Virtuoso
            store = RemoteStore(where["url"], user=where["user"], password=where["password"], timeout=7200)
        start = time.perf_counter()
        with store.transaction() as tx:
            tx.load_file(GRAPH, BulkFile(Path(path), ox.RdfFormat.N_TRIPLES))
        load = time.perf_counter() - start
        sizes = store.graph_sizes()
        params = params_for(store) if kind == "embedded" else where["params"]
        timings = run_queries(store, params)
        mirror: dict[str, tuple[float, int]] = {}
        if kind == "embedded":
            mirrored = EmbeddedStore(where["folder"], memory_mirror_max_quads=100_000_000)
            if mirrored.wait_for_mirror(timeout=3600):
                mirror = run_queries(mirrored, params)
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        out.put({"load": load, "queries": timings, "mirror": mirror, "params": params, "peak_mb": peak,
                 "sizes": sizes})
    except BaseException as exc:  # noqa: BLE001 - reported by the parent
        out.put({"error": f"{type(exc).__name__}: {exc}"[:2000]})


def in_child(kind: str, path: Path, where: dict[str, Any]) -> dict[str, Any]:
    ctx = mp.get_context("fork")
    queue: mp.Queue[dict[str, Any]] = ctx.Queue()
    child = ctx.Process(target=side, args=(kind, str(path), where, queue))
    child.start()
    result = queue.get(timeout=4 * 3600)
    child.join()
    if "error" in result:
        raise SystemExit(f"{kind}: {result['error']}")
    return result


def raw_loads(path: Path, folder: Path, server: dict[str, Any]) -> tuple[float, float]:
    """Each engine's own bulk loader on the same file (a reference; no union, no transaction)."""
    raw = ox.Store(str(folder / "raw-oxigraph"))
    start = time.perf_counter()
    raw.bulk_load(path=str(path), format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(GRAPH + "/raw"))
    raw.flush()
    oxigraph = time.perf_counter() - start
    del raw
    start = time.perf_counter()
    server["sql"](f"ld_dir('{path.parent}', '{path.name}', '{GRAPH}/raw'); rdf_loader_run(); checkpoint;")
    return oxigraph, time.perf_counter() - start


# --------------------------------------------------------------------------- the table

SIDES = ("embedded", "Oxigraph server", "Virtuoso")


def ratio(embedded: float, other: float) -> str:
    return f"{other / embedded:.1f}x" if embedded > 0 else ""


def measure(triples: int, memory_gb: float) -> list[list[str]]:
    path, count = synthetic_file(triples)
    print(f"\n{count:,} triples: {path.name}", flush=True)
    work = Path(tempfile.mkdtemp(prefix="vdk-virtuoso-bench-"))
    results: dict[str, dict[str, Any]] = {}
    server_peak: dict[str, float] = {}
    try:
        results["embedded"] = in_child("embedded", path, {"folder": str(work / "embedded")})
        print(f"  embedded: loaded in {fmt_seconds(results['embedded']['load'])}", flush=True)
        params = results["embedded"]["params"]
        (work / "oxigraph").mkdir()
        with oxigraph_server(work / "oxigraph") as server:
            results["Oxigraph server"] = in_child("remote", path, {**server, "params": params})
            server_peak["Oxigraph server"] = peak_rss_mb(server["pid"])
        print(f"  Oxigraph server: loaded in {fmt_seconds(results['Oxigraph server']['load'])}", flush=True)
        (work / "virtuoso").mkdir()
        with virtuoso(work / "virtuoso", path.parent, memory_gb) as server:
            results["Virtuoso"] = in_child("remote", path, {**server, "sql": None, "params": params})
            print(f"  Virtuoso: loaded in {fmt_seconds(results['Virtuoso']['load'])}", flush=True)
            server_peak["Virtuoso"] = peak_rss_mb(server["pid"])
            raw_ox, raw_virtuoso = raw_loads(path, work, server)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    mine = results["embedded"]
    for side_name in SIDES[1:]:
        if results[side_name]["sizes"] != mine["sizes"]:
            raise SystemExit(f"{side_name} holds {results[side_name]['sizes']}, "
                             f"the embedded store {mine['sizes']}")
    load = [results[name]["load"] for name in SIDES]
    rows = [
        [f"{count:,}: import", *map(fmt_seconds, load),
         " / ".join(f"{count / t:,.0f}" for t in load) + " triples/s"],
        [f"{count:,}: engine's own bulk loader", fmt_seconds(raw_ox), "", fmt_seconds(raw_virtuoso),
         "pyoxigraph bulk_load; Virtuoso ld_dir + rdf_loader_run"],
    ]
    for name, (seconds, n) in mine["queries"].items():
        cells = [fmt_seconds(seconds)]
        notes = [f"{n:,} rows"]
        for other in SIDES[1:]:
            other_seconds, other_n = results[other]["queries"][name]
            cells.append(fmt_seconds(other_seconds))
            if other_n != n:
                notes.append(f"{other}: {other_n:,}")
        fast = mine["mirror"].get(name, (0.0, 0))[0]
        if fast:
            notes.append(f"embedded from its memory mirror {fmt_seconds(fast)}")
        rows.append([f"{count:,}: {name}", *cells, "; ".join(notes)])
    rows.append([f"{count:,}: peak memory", f"{mine['peak_mb']:,.0f} MB",
                 *(f"{server_peak[name]:,.0f} MB server + {results[name]['peak_mb']:,.0f} MB client"
                   for name in SIDES[1:]),
                 "embedded: the one process that loads and queries"])
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000])
    parser.add_argument("--memory", type=float, default=2.0, help="GB of buffers for Virtuoso (default 2)")
    args = parser.parse_args()
    rows: list[list[str]] = []
    for size in args.sizes:
        started = time.perf_counter()
        rows += measure(size, args.memory)
        print(f"  ({size:,} measured in {time.perf_counter() - started:,.0f} s)", flush=True)
        print(table(["operation", *SIDES, "note"], rows), flush=True)
    return 0


if __name__ == "__main__":
    os.environ.setdefault("RUST_BACKTRACE", "0")
    sys.exit(main())
