"""Search and entity-page benchmark: how fast a visitor finds an organisation and opens its page.

Builds synthetic ecosystems of about 1k and 20k named entities (organisations,
projects, grants, investments, programmes, topics, places), loads each into an
in-memory store, and times: building the search index (once per data version),
single searches of each kind (exact name, prefix, Danish spelling, typo,
several words, with a kind filter), ``/search.json`` through the web app, and
an entity page (the grouped facts of the best connected organisation, HTML).
Target: searches answer in milliseconds at 20k entities.

    python bench/search_bench.py                  # 1k and 20k entities
    python bench/search_bench.py --entities 5000
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox

sys.path.insert(0, str(Path(__file__).parent.parent))
from bench.common import fmt_seconds, table, timed  # noqa: E402
from vdk_graph import entity, search, synth  # noqa: E402
from vdk_graph.config import Settings  # noqa: E402
from vdk_graph.store import BulkFile, MemoryStore  # noqa: E402
from webapp import create_app  # noqa: E402

BASE = synth.DEFAULT_BASE_IRI
#: Named entities the generator makes per organisation (measured: orgs, projects, grants … topics, places).
ENTITIES_PER_ORG = 2.9
SPELT_OUT = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "Æ": "Ae", "Ø": "Oe", "Å": "Aa"})


def synthetic_store(entities: int, seed: int = 7) -> tuple[MemoryStore, synth.SynthEcosystem]:
    orgs = max(synth.MIN_ORGS, round(entities / ENTITIES_PER_ORG))
    ecosystem = synth.generate(orgs, seed=seed)
    store = MemoryStore()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "synthetic.nt"
        synth.write(ecosystem, path, "nt")
        with store.transaction() as tx:
            tx.load_file(ecosystem.graph_iri, BulkFile(Path(path), ox.RdfFormat.N_TRIPLES))
    return store, ecosystem


def queries(index: search.SearchIndex) -> dict[str, tuple[str, str | None]]:
    """One query of each kind, made from real names in the index."""
    names = sorted((e.labels.get("") or next(iter(e.labels.values()), ""), e.kind) for e in index.entries
                   if e.kind.endswith("Company"))
    danish = next((n for n, _ in names if any(c in n for c in "æøåÆØÅ")), names[0][0])
    spelled = danish.translate(SPELT_OUT)
    name = names[len(names) // 2][0]
    typo = name[:3] + name[4:] if len(name) > 6 else name + "x"
    words = name.split()
    return {
        "exact name": (name, None),
        "prefix (4 letters)": (name[:4], None),
        "Danish letters spelt out": (spelled, None),
        "typo (a letter missing)": (typo, None),
        "one word of the name": (words[0], None),
        "a word every synthetic name has": ("synthetic", None),
        "with kind filter": (name[:4], "Company"),
    }


def measure(entities: int, repeat: int) -> tuple[list[list[str]], int]:
    start = time.perf_counter()
    store, _ = synthetic_store(entities)
    load = time.perf_counter() - start
    build, index = timed(lambda: search.build_index(store, BASE), repeat=1)
    assert isinstance(index, search.SearchIndex)
    rows = [[f"{len(index):,}", "load synthetic data into memory", fmt_seconds(load), ""],
            [f"{len(index):,}", "build the search index (once per data version)", fmt_seconds(build),
             f"{len(index.keys):,} names"]]
    for what, (query, kind) in queries(index).items():
        times, result = [], None
        for _ in range(repeat):
            t0 = time.perf_counter()
            result = index.search(query, kind=kind)
            times.append(time.perf_counter() - t0)
        assert isinstance(result, search.SearchResult)
        top = result.hits[0].label if result.hits else "-"
        rows.append([f"{len(index):,}", f"search: {what} «{query}»", fmt_seconds(statistics.median(times)),
                     f"{result.total} hits, first: {top[:28]}"])
    app = create_app(Settings(store="memory:", base_iri=BASE), {"TESTING": True}, store=store)
    client = app.test_client()
    search.index(store, BASE)  # warm: the app shares the cached index
    name = queries(index)["exact name"][0]
    served, _ = timed(lambda: client.get("/search.json", query_string={"q": name}), repeat=repeat)
    rows.append([f"{len(index):,}", "GET /search.json (through Flask)", fmt_seconds(served), ""])
    iri = _busiest_org(store)
    described, page = timed(lambda: entity.describe(store, iri, "en", BASE), repeat=repeat)
    assert page is not None, iri
    groups = {g.key: len(g.rows) for g in page.groups}  # type: ignore[attr-defined]
    rows.append([f"{len(index):,}", "entity page data: busiest organisation", fmt_seconds(described),
                 f"{groups.get('projects', 0)} projects, {groups.get('partners', 0)} partners"])
    html, _ = timed(lambda: client.get(iri.replace(BASE, "/id/")), repeat=repeat)
    rows.append([f"{len(index):,}", "GET its HTML page (incl. focus map)", fmt_seconds(html), ""])
    return rows, len(index)


def _busiest_org(store: MemoryStore) -> str:
    result = store.query("""SELECT ?o (COUNT(?p) AS ?n) WHERE {
        ?o <https://w3id.org/vdk/ontology#participatesIn> ?p } GROUP BY ?o ORDER BY DESC(?n) LIMIT 1""")
    [(org, _)] = list(result.rows)  # type: ignore[union-attr]
    return str(org.value)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--entities", type=int, action="append", help="named entities (repeatable)")
    parser.add_argument("--repeat", type=int, default=9, help="runs per timing (median)")
    args = parser.parse_args()
    rows: list[list[str]] = []
    for entities in args.entities or [1_000, 20_000]:
        measured, _ = measure(entities, args.repeat)
        rows.extend(measured)
    print(table(["entities", "what", "median time", "note"], rows))


if __name__ == "__main__":
    main()
