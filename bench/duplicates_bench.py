"""Duplicate finding at scale: ``vdk-graph duplicates`` on 10,000 organisations must take seconds.

A synthetic ecosystem's organisations (names, kinds, places) go into a memory
store; then the whole command path is timed (SPARQL for names and
identifiers, blocking, rapidfuzz scoring), and the scoring alone. Blocking is
what keeps this near-linear: the table shows how many name pairs were scored
against all pairs.

    python bench/duplicates_bench.py                    # 10,000 organisations
    python bench/duplicates_bench.py --orgs 2000 10000 30000
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent.parent))
from bench.common import fmt_seconds, table  # noqa: E402
from vdk_graph import synth
from vdk_graph.curation import duplicates  # noqa: E402
from vdk_graph.store import MemoryStore  # noqa: E402
from vdk_graph.synth.rdf import triples  # noqa: E402


def run(orgs: int, seed: int) -> list[str]:
    ecosystem = synth.generate(orgs, seed=seed)
    iris = {o.iri for o in ecosystem.orgs}
    store = MemoryStore()
    with store.transaction() as tx:
        tx.replace_graph(
            "https://example.org/graph/bench",
            [t for t in triples(ecosystem) if t.subject.value in iris],
        )
    scored = 0
    real = duplicates.process.extract

    def counted(query, choices, **kwargs):  # type: ignore[no-untyped-def]
        nonlocal scored
        scored += len(choices)
        return real(query, choices, **kwargs)

    start = time.perf_counter()
    found = duplicates.find_duplicates(store)
    whole = time.perf_counter() - start
    records = duplicates.organisation_records(store)
    duplicates.process.extract = counted  # type: ignore[assignment]
    try:
        start = time.perf_counter()
        duplicates.DuplicateFinder(records).find()
        finder = time.perf_counter() - start
    finally:
        duplicates.process.extract = real  # type: ignore[assignment]
    pairs = len(records) * (len(records) - 1) // 2
    return [
        f"{len(records):,}",
        fmt_seconds(whole),
        fmt_seconds(finder),
        f"{scored // 2:,}",
        f"{pairs:,}",
        f"{len(found)}",
    ]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--orgs", type=int, nargs="+", default=[10_000])
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rows = [run(n, args.seed) for n in args.orgs]
    print(
        table(
            [
                "organisations",
                "duplicates (store → list)",
                "scoring alone",
                "name pairs sifted",
                "all pairs",
                "candidates ≥ 85",
            ],
            rows,
        )
    )


if __name__ == "__main__":
    main()
