"""Import speed against the engine: ``vdk-graph import rdf --no-shacl`` beside pyoxigraph's raw bulk loader.

Issue 14's target: a trusted import runs at ≥ 0.7× the speed of a raw
``Store.bulk_load`` of the same file into one named graph, with peak memory
≤ 1.5× the raw load's, and the union default graph keeps set semantics (its
triple count is the number of distinct triples, not one per graph).

Each round runs each in fresh child processes, one after the other (the
order alternates, so a noisy neighbour hurts both alike); the table gives the
median wall time, triples per second and peak resident memory of each, and
the ratios. Then one check of the result: the imported store's default graph
holds as many triples as its named graphs hold distinct ones.

    python bench/import_speed_bench.py                    # 1M triples, 3 rounds
    python bench/import_speed_bench.py --triples 100000 --rounds 5
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent.parent))
from bench.common import fmt_seconds, synthetic_file, table  # noqa: E402

RAW = """
import json, resource, sys, time
import pyoxigraph as ox
path, folder, where = sys.argv[1:4]
store = ox.Store(folder)
start = time.perf_counter()
graph = ox.NamedNode("https://example.org/g") if where == "named" else ox.DefaultGraph()
store.bulk_load(path=path, format=ox.RdfFormat.N_TRIPLES, to_graph=graph)
store.flush()
seconds = time.perf_counter() - start
print(json.dumps({"seconds": seconds, "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""

OURS = """
import json, resource, sys, time
from vdk_graph.cli import main
path, folder = sys.argv[1:3]
start = time.perf_counter()
try:
    main(["--store", folder, "import", "rdf", "--no-shacl", path], standalone_mode=False)
finally:
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": seconds, "rss_mb": peak}))
"""

COUNTS = """
import json, sys
from vdk_graph.store import EmbeddedStore
store = EmbeddedStore(sys.argv[1])
named = sum(store.graph_sizes().values())
distinct = store.query(
    "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } } }")
print(json.dumps({"union": store.triple_count(), "named": named,
                  "distinct": int(next(iter(distinct.rows))[0].value)}))
"""


def child(program: str, *args: str) -> dict[str, float]:
    run = subprocess.run([sys.executable, "-c", program, *args], capture_output=True, text=True, check=False)
    if run.returncode != 0:
        raise SystemExit(f"a benchmark child failed:\n{run.stderr}")
    return json.loads(run.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--triples", type=int, default=1_000_000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    path, triples = synthetic_file(args.triples)
    results: dict[str, list[dict[str, float]]] = {"raw": [], "default": [], "ours": []}
    with tempfile.TemporaryDirectory(prefix="vdk-import-speed-") as scratch:
        for round_ in range(args.rounds):
            order = ("raw", "default", "ours") if round_ % 2 == 0 else ("ours", "default", "raw")
            for name in order:
                folder = Path(scratch) / f"{name}-{round_}"
                extra = () if name == "ours" else ("named" if name == "raw" else "default",)
                results[name].append(child(OURS if name == "ours" else RAW, str(path), str(folder), *extra))
                print(f"  round {round_ + 1} {name}: {results[name][-1]['seconds']:.1f} s", file=sys.stderr)
                if not (name == "ours" and round_ == args.rounds - 1):
                    shutil.rmtree(folder)
        counts = child(COUNTS, str(Path(scratch) / f"ours-{args.rounds - 1}"))
    seconds = {name: statistics.median(r["seconds"] for r in rs) for name, rs in results.items()}
    memory = {name: statistics.median(r["rss_mb"] for r in rs) for name, rs in results.items()}
    rows = [
        [label, fmt_seconds(seconds[name]), f"{triples / seconds[name]:,.0f}", f"{memory[name]:,.0f} MB"]
        for name, label in (("raw", "pyoxigraph bulk_load into a named graph"),
                            ("default", "pyoxigraph bulk_load into the default graph"),
                            ("ours", "vdk-graph import rdf --no-shacl"))
    ]
    print(f"\nImport of {triples:,} synthetic triples (N-Triples), median of {args.rounds} rounds")
    print(table(["", "wall time", "triples/s", "peak memory"], rows))
    speed, mem = seconds["raw"] / seconds["ours"], memory["ours"] / memory["raw"]
    print(f"\nspeed: {speed:.2f}x raw (target >= 0.7x) {'MET' if speed >= 0.7 else 'NOT MET'}")
    print(f"memory: {mem:.2f}x raw (target <= 1.5x) {'MET' if mem <= 1.5 else 'NOT MET'}")
    both = seconds["raw"] + seconds["default"]
    print(f"the two loads a set-semantics union needs (ADR 0002), raw: {fmt_seconds(both)}, so at best "
          f"{seconds['raw'] / both:.2f}x raw; ours spends {fmt_seconds(seconds['ours'] - both)} besides them")
    union_ok = counts["union"] == counts["distinct"]
    print(f"union default graph: {counts['union']:,} triples, {counts['distinct']:,} distinct in "
          f"{counts['named']:,} named-graph triples: {'set semantics' if union_ok else 'WRONG'}")
    return 0 if union_ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
