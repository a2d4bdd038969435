"""Map benchmark: the time to build and serve the map's data for 1k, 5k and 20k nodes of synthetic data.

For each size a synthetic ecosystem (vdk_graph.synth, cached under
bench/output/) is loaded into an in-memory store, and the table shows:

* projection — the store read into the typed networkx network (once per data version);
* view cold — ``map_data`` of the default view (top 1,000 nodes, server layout) with empty caches;
* view warm — the same view again (from the cache);
* JSON — the view serialised, and its size plain and gzipped;
* HTTP cold / warm — ``GET /map/data.json`` through Flask's test client (gzip), first and second time;
* page — ``GET /map`` (the HTML with its controls);
* focus — a 2-hop focus view around the best connected organisation, cold;
* PageRank / betweenness — the default view sized by those measures, cold.

    python bench/map_bench.py                      # 1k, 5k and 20k nodes
    python bench/map_bench.py --nodes 1000 5000
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from pathlib import Path

import pyoxigraph as ox

sys.path.insert(0, str(Path(__file__).parent.parent))
from bench.common import fmt_seconds, synthetic_file, table  # noqa: E402
from vdk_graph import mapview, network, synth  # noqa: E402
from vdk_graph.config import Settings  # noqa: E402
from vdk_graph.mapview import MapQuery  # noqa: E402
from vdk_graph.store import BulkFile, MemoryStore  # noqa: E402
from webapp import create_app  # noqa: E402

#: Nodes per synthetic organisation (organisations, their projects, topics and programmes), measured.
NODES_PER_ORG = 2.37


def once(fn):  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def load(nodes: int) -> tuple[MemoryStore, int]:
    orgs = max(synth.MIN_ORGS, round(nodes / NODES_PER_ORG))
    path, triples = synthetic_file(round(orgs * synth.TRIPLES_PER_ORG))
    store = MemoryStore()
    with store.transaction() as tx:
        tx.load_file("https://w3id.org/vdk/id/graph/synthetic/map-bench",
                     BulkFile(Path(path), ox.RdfFormat.N_TRIPLES))
    return store, triples


def run_size(nodes: int) -> list[str]:
    store, triples = load(nodes)
    projection, eco = once(lambda: network.ecosystem(store))
    app = create_app(Settings(store="memory:"), {"TESTING": True}, store=store)
    client = app.test_client()
    query = MapQuery()
    eco.forget_memos()
    cold, data = once(lambda: mapview.map_data(store, query))
    warm, _ = once(lambda: mapview.map_data(store, query))
    serialise, body = once(lambda: json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode())
    zipped = len(gzip.compress(body, compresslevel=5))
    eco.forget_memos()
    gz = {"Accept-Encoding": "gzip"}
    http_cold, response = once(lambda: client.get("/map/data.json?lang=en", headers=gz))
    assert response.status_code == 200, response.data[:300]
    http_warm, _ = once(lambda: client.get("/map/data.json?lang=en", headers=gz))
    page, response = once(lambda: client.get("/map?lang=en"))
    assert response.status_code == 200
    hub = max(eco.organisations(), key=eco.graph.degree)
    eco.forget_memos()
    focus, focused = once(lambda: mapview.map_data(store, MapQuery(focus=hub, hops=2)))
    eco.forget_memos()
    pagerank, _ = once(lambda: mapview.map_data(store, MapQuery(size_by="pagerank")))
    eco.forget_memos()
    betweenness, _ = once(lambda: mapview.map_data(store, MapQuery(size_by="betweenness")))
    totals = data["totals"]
    return [
        f"{totals['nodes']:,}", f"{totals['edges']:,}", f"{triples:,}",
        f"{totals['shown_nodes']:,} / {totals['shown_edges']:,}",
        fmt_seconds(projection), fmt_seconds(cold), fmt_seconds(warm),
        f"{fmt_seconds(serialise)}, {len(body) / 1e6:.1f} MB ({zipped / 1e6:.2f} MB gz)",
        fmt_seconds(http_cold), fmt_seconds(http_warm), fmt_seconds(page),
        f"{fmt_seconds(focus)} ({focused['totals']['shown_nodes']:,} nodes)",
        fmt_seconds(pagerank), fmt_seconds(betweenness),
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--nodes", type=int, nargs="+", default=[1000, 5000, 20000])
    args = parser.parse_args()
    headers = ["nodes", "edges", "triples", "shown nodes / edges", "projection", "view cold", "view warm",
               "JSON", "HTTP cold", "HTTP warm", "GET /map", "focus 2 hops", "PageRank", "betweenness"]
    rows = []
    for nodes in args.nodes:
        print(f"… {nodes:,} nodes", file=sys.stderr)
        rows.append(run_size(nodes))
    print(table(headers, rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
