"""Store benchmark: embedded Oxigraph (our store) against rdflib's in-memory store, side by side.

Bulk-imports a synthetic N-Triples file (1M triples by default) and runs five
typical queries on both, then prints one table with ratios and checks the
targets of the core issue: the embedded store loads >= 100k triples/s and
answers the typical queries >= 20x faster than rdflib in memory.

rdflib is run in a child process whose queries are interrupted after
``--limit`` seconds (a SIGALRM stops its pure-Python evaluation), so a query
rdflib cannot finish shows as "> limit" and its ratio as a lower bound.

    python bench/store_bench.py                 # 1M triples
    python bench/store_bench.py --triples 100000
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import shutil
import signal
import sys
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox

sys.path.insert(0, str(Path(__file__).parent.parent))
from bench.common import fmt_seconds, synthetic_file, table, timed  # noqa: E402
from vdk_graph.store import BulkFile, EmbeddedStore  # noqa: E402

PREFIXES = """PREFIX vdk: <https://w3id.org/vdk/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX schema: <https://schema.org/>
"""


def queries(project: str, organisation: str) -> dict[str, str]:
    return {
        "label search by regex": PREFIXES + """SELECT ?o ?label WHERE {
            ?o a vdk:Company ; rdfs:label ?label FILTER(REGEX(?label, "nord", "i")) }""",
        "partners of one project, with roles": PREFIXES + f"""SELECT ?org ?role WHERE {{
            <{project}> vdk:hasParticipation ?x . ?x vdk:participant ?org ; vdk:role ?role }}""",
        "two-hop collaborators of one organisation": PREFIXES + f"""SELECT DISTINCT ?other WHERE {{
            <{organisation}> vdk:participatesIn ?p . ?mid vdk:participatesIn ?p .
            ?mid vdk:participatesIn ?q . ?other vdk:participatesIn ?q
            FILTER(?other != <{organisation}>) }}""",
        "projects per keyword per year": PREFIXES + """SELECT ?k ?y (COUNT(?p) AS ?n) WHERE {
            ?p vdk:keyword ?k ; schema:startDate ?start BIND(YEAR(?start) AS ?y) } GROUP BY ?k ?y""",
        "co-participation edges": PREFIXES + """SELECT ?a ?b (COUNT(?p) AS ?n) WHERE {
            ?a vdk:participatesIn ?p . ?b vdk:participatesIn ?p FILTER(STR(?a) < STR(?b)) } GROUP BY ?a ?b""",
    }


def pick_entities(path: Path) -> tuple[str, str]:
    """A well-connected project and organisation to ask about (the same for both stores)."""
    store = ox.Store()
    store.bulk_load(path=str(path), format=ox.RdfFormat.N_TRIPLES)
    [row] = list(store.query(PREFIXES + """SELECT ?o WHERE { ?o vdk:participatesIn ?p }
        GROUP BY ?o ORDER BY DESC(COUNT(?p)) LIMIT 1"""))
    [prow] = list(store.query(PREFIXES + """SELECT ?p WHERE { ?x vdk:participatesIn ?p }
        GROUP BY ?p ORDER BY DESC(COUNT(?x)) ?p LIMIT 1"""))
    return prow[0].value, row[0].value


def _consume(store: EmbeddedStore, text: str) -> int:
    result = store.query(text)
    return sum(1 for _ in result.rows)  # type: ignore[union-attr]


class _Timeout(Exception):
    pass


def _alarm(_signum, _frame):  # type: ignore[no-untyped-def]
    raise _Timeout


def rdflib_child(path: str, qs: dict[str, str], limit: float, out: mp.Queue) -> None:  # type: ignore[type-arg]
    import rdflib

    start = time.perf_counter()
    graph = rdflib.Graph()
    graph.parse(path, format="nt")
    out.put(("load", time.perf_counter() - start, len(graph)))
    signal.signal(signal.SIGALRM, _alarm)
    for name, text in qs.items():
        start = time.perf_counter()
        signal.setitimer(signal.ITIMER_REAL, limit)
        try:
            rows = sum(1 for _ in graph.query(text))
            elapsed: float | None = time.perf_counter() - start
        except (_Timeout, RecursionError):
            rows, elapsed = -1, None
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
        out.put((name, elapsed, rows))
    out.put(("done", 0.0, 0))


def run(triples: int, limit: float) -> int:
    path, count = synthetic_file(triples)
    print(f"synthetic file: {path.name}, {count:,} triples", flush=True)
    project, organisation = pick_entities(path)
    qs = queries(project, organisation)

    workdir = Path(tempfile.mkdtemp(prefix="vdk-bench-"))
    try:
        store = EmbeddedStore(workdir / "store")
        start = time.perf_counter()
        with store.transaction() as tx:
            tx.load_file("https://w3id.org/vdk/id/graph/synthetic/bench",
                         BulkFile(Path(path), ox.RdfFormat.N_TRIPLES))
        ours_load = time.perf_counter() - start
        raw = ox.Store(str(workdir / "raw"))
        start = time.perf_counter()
        raw.bulk_load(path=str(path), format=ox.RdfFormat.N_TRIPLES)
        raw.flush()
        raw_load = time.perf_counter() - start
        del raw

        ours: dict[str, tuple[float, int]] = {}
        for name, text in qs.items():
            elapsed, rows = timed(lambda text=text: _consume(store, text))
            ours[name] = (elapsed, int(rows))  # type: ignore[arg-type]
            print(f"  embedded: {name}: {fmt_seconds(elapsed)} ({rows} rows)", flush=True)

        # What the web app reads from: the same store with its memory mirror (docs/decisions/0003).
        mirrored = EmbeddedStore(workdir / "store", memory_mirror_max_quads=10_000_000)
        start = time.perf_counter()
        mirrored.query("ASK {}")
        while not mirrored.mirror_ready():
            time.sleep(0.05)
        mirror_build = time.perf_counter() - start
        fast: dict[str, float] = {}
        for name, text in qs.items():
            fast[name], _ = timed(lambda text=text: _consume(mirrored, text))
            print(f"  mirrored: {name}: {fmt_seconds(fast[name])}", flush=True)

        ctx = mp.get_context("fork")
        queue: mp.Queue = ctx.Queue()  # type: ignore[type-arg]
        child = ctx.Process(target=rdflib_child, args=(str(path), qs, limit, queue))
        child.start()
        theirs: dict[str, tuple[float | None, int]] = {}
        while True:
            name, elapsed, rows = queue.get(timeout=3600)
            if name == "done":
                break
            theirs[name] = (elapsed, rows)
            print(f"  rdflib:   {name}: {fmt_seconds(elapsed, limit)}", flush=True)
        child.join()
    finally:
        shutil.rmtree(workdir, ignore_errors=True)

    rdflib_load = theirs.pop("load")[0] or 0.0
    rows = [[
        f"load {count:,} triples (union + named graph)", fmt_seconds(ours_load), "", fmt_seconds(rdflib_load),
        f"{rdflib_load / ours_load:.1f}x", "", f"{count / ours_load:,.0f} triples/s",
    ], [
        "  (raw Oxigraph bulk load, default graph only)", fmt_seconds(raw_load), "", "", "", "",
        f"{count / raw_load:,.0f} triples/s",
    ], [
        "  (memory mirror built in the background)", "", fmt_seconds(mirror_build), "", "", "", "",
    ]]
    slowest_ratio = slowest_disk = float("inf")
    for name in qs:
        mine, n = ours[name]
        other, other_rows = theirs[name]
        reference = other if other is not None else limit
        prefix = "> " if other is None else ""
        ratio_disk, ratio = reference / mine, reference / fast[name]
        note = f"{n:,} rows" + ("" if other is None or other_rows == n else f" (rdflib: {other_rows})")
        slowest_ratio, slowest_disk = min(slowest_ratio, ratio), min(slowest_disk, ratio_disk)
        rows.append([name, fmt_seconds(mine), fmt_seconds(fast[name]), fmt_seconds(other, limit),
                     f"{prefix}{ratio_disk:,.0f}x", f"{prefix}{ratio:,.0f}x", note])
    print()
    print(table(["operation", "embedded, disk", "embedded, mirror", "rdflib in memory", "ratio disk",
                 "ratio mirror", "note"], rows))
    load_rate = count / ours_load
    print()
    print(f"target: load >= 100,000 triples/s ............ {'PASS' if load_rate >= 100_000 else 'FAIL'} "
          f"({load_rate:,.0f}/s through the store; raw bulk load {count / raw_load:,.0f}/s)")
    print(f"target: queries >= 20x faster than rdflib .... {'PASS' if slowest_ratio >= 20 else 'FAIL'} "
          f"(slowest ratio {slowest_ratio:,.0f}x with the memory mirror the web app uses; "
          f"{slowest_disk:,.0f}x reading the disk)")
    print(json.dumps({"load_triples_per_s": round(load_rate), "slowest_query_ratio": round(slowest_ratio, 1),
                      "slowest_query_ratio_disk": round(slowest_disk, 1)}))
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--triples", type=int, default=1_000_000)
    parser.add_argument("--limit", type=float, default=120.0,
                        help="seconds before an rdflib query is stopped")
    args = parser.parse_args()
    return run(args.triples, args.limit)


if __name__ == "__main__":
    raise SystemExit(main())
