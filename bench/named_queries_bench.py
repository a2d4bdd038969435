"""Named-query benchmark: the latency of every named query on a 1M-triple synthetic graph.

The synthetic ecosystem (bench/common.py, cached under bench/output) is bulk-loaded
into the embedded store together with the ontology (as ``vdk-graph build`` does;
the knowledge-institution and organisation-kind queries follow rdfs:subClassOf).
Each query runs with its parameters bound as the web pages bind them, with
values that give the most work: the best-connected organisation and project.
One table: rows, the first (cold) run and the median of the next runs, on the
store on disk and, if the store has one, on its memory mirror (what the web app
reads from, docs/decisions/0003-memory-mirror.md). Queries near the endpoint's
default time limit (10 s) are flagged.

    python bench/named_queries_bench.py                 # 1M triples
    python bench/named_queries_bench.py --triples 100000
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox

sys.path.insert(0, str(Path(__file__).parent.parent))
from bench.common import fmt_seconds, synthetic_file, table, timed  # noqa: E402
from vdk_graph import queries, sparql  # noqa: E402
from vdk_graph.ontology import ONTOLOGY_GRAPH, load_ontology  # noqa: E402
from vdk_graph.results import SelectResult  # noqa: E402
from vdk_graph.store import BulkFile, EmbeddedStore, Store  # noqa: E402
from vdk_graph.terms import graph_to_triples  # noqa: E402

GRAPH = "https://w3id.org/vdk/id/graph/synthetic/bench"
TIME_LIMIT = 10.0
PREFIX = "PREFIX vdk: <https://w3id.org/vdk/ontology#>\n"
#: How to find the hardest value for each parameter that needs one (the same kind of probe as the tests use).
PROBES = {
    "project": "SELECT ?x WHERE { ?x vdk:hasParticipation ?p } GROUP BY ?x ORDER BY DESC(COUNT(?p)) ?x "
               "LIMIT 1",
    "organisation": "SELECT ?x WHERE { ?x vdk:participatesIn ?p } GROUP BY ?x ORDER BY DESC(COUNT(?p)) ?x "
                    "LIMIT 1",
    "subject": "SELECT ?x WHERE { ?x vdk:participatesIn ?p } GROUP BY ?x ORDER BY DESC(COUNT(?p)) ?x LIMIT 1",
    "text": 'SELECT ("studio" AS ?x) WHERE {}',
}
#: Queries whose organisation should be a grant recipient rather than the busiest participant.
RECIPIENT = "SELECT ?x WHERE { ?g vdk:recipient ?x } GROUP BY ?x ORDER BY DESC(COUNT(?g)) ?x LIMIT 1"


def first_value(store: Store, query: str) -> str:
    result = store.query(PREFIX + query)
    assert isinstance(result, SelectResult)
    row = next(iter(result.rows))
    return row[0].value  # type: ignore[union-attr]


def given_for(store: Store) -> dict[str, dict[str, str]]:
    """name → the parameters each named query gets: the hardest values (the busiest organisation …)."""
    values = {name: first_value(store, probe) for name, probe in PROBES.items()}
    recipient = first_value(store, RECIPIENT)
    out: dict[str, dict[str, str]] = {}
    for named in queries.load_all():
        given: dict[str, str] = {}
        for param in named.params:
            if param.required and param.default is None:
                if named.name == "organisation-funders":
                    given[param.name] = recipient
                else:
                    given[param.name] = values[param.type if param.type in values else param.name]
        out[named.name] = given
    return out


def bound_queries(store: Store) -> dict[str, tuple[str, str]]:
    """name → (bound query text, parameters shown) for every named query."""
    out: dict[str, tuple[str, str]] = {}
    for name, given in given_for(store).items():
        shown = ", ".join(f"{k}={v.rsplit('/', 1)[-1]}" for k, v in given.items())
        out[name] = (queries.get(name).bind(given, store), shown)
    return out


def consume(store: Store, text: str) -> int:
    result = sparql.run(store, text)
    assert isinstance(result, SelectResult)
    return sum(1 for _ in result.rows)


def measure(store: Store, text: str, repeat: int) -> tuple[float, float, int]:
    start = time.perf_counter()
    rows = consume(store, text)
    cold = time.perf_counter() - start
    warm, _ = timed(lambda: consume(store, text), repeat=repeat)
    return cold, warm, rows


def run(triples: int, repeat: int) -> int:
    path, count = synthetic_file(triples)
    print(f"synthetic file: {path.name}, {count:,} triples", flush=True)
    workdir = Path(tempfile.mkdtemp(prefix="vdk-named-bench-"))
    try:
        store = EmbeddedStore(workdir / "store")
        start = time.perf_counter()
        with store.transaction() as tx:
            tx.load_file(GRAPH, BulkFile(Path(path), ox.RdfFormat.N_TRIPLES))
            tx.replace_graph(ONTOLOGY_GRAPH, graph_to_triples(load_ontology()))
        print(f"loaded into the embedded store in {time.perf_counter() - start:.1f} s", flush=True)
        bound = bound_queries(store)

        mirrored: EmbeddedStore | None = None
        try:
            mirrored = EmbeddedStore(workdir / "store", memory_mirror_max_quads=10_000_000)
            mirrored.query("ASK {}")
            while not mirrored.mirror_ready():
                time.sleep(0.05)
        except (TypeError, AttributeError):  # a store without a memory mirror
            mirrored = None

        rows_out = []
        slow = []
        for name, (text, shown) in bound.items():
            cold, warm, rows = measure(store, text, repeat)
            cells = [name, shown or "—", f"{rows:,}", fmt_seconds(cold), fmt_seconds(warm)]
            if mirrored is not None:
                _, mirror_warm, _ = measure(mirrored, text, repeat)
                cells.append(fmt_seconds(mirror_warm))
            rows_out.append(cells)
            if max(cold, warm) > TIME_LIMIT / 2:
                slow.append(name)
            print(f"  {name}: {fmt_seconds(warm)} ({rows:,} rows)", flush=True)
        headers = ["named query", "parameters", "rows", "first run", f"median of {repeat}"]
        if mirrored is not None:
            headers.append("memory mirror")
        print()
        print(f"Named queries on {count:,} synthetic triples (embedded Oxigraph, ontology loaded)")
        print(table(headers, rows_out))
        if slow:
            print(f"\nover half the endpoint's default time limit ({TIME_LIMIT:g} s): {', '.join(slow)}")
        else:
            print("\nevery named query answers within half the endpoint's default time limit "
                  f"({TIME_LIMIT:g} s)")
        return 0
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--triples", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    return run(args.triples, args.repeat)


if __name__ == "__main__":
    sys.exit(main())
