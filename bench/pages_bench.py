"""Pages, warm: how long each typical page takes once its data version is computed, and how much it weighs.

    python bench/pages_bench.py                       # the shipped data, built in a temp folder
    python bench/pages_bench.py --store var/synthetic/1m-store   # an existing store (say 1M triples)

For each page: the first request (cold: derived views computed), then the
median and 95th percentile of ``--repeat`` warm requests, through the app
(Flask's test client, no network), with the body size. Targets (issues 14 and
16): the home page under 100 ms warm and 300 KB on the shipped data, and every
page under 1 s warm at 1M triples.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from vdk_graph.config import Settings  # noqa: E402
from vdk_graph.curation.build import build  # noqa: E402
from vdk_graph.store import open_store  # noqa: E402
from webapp import create_app  # noqa: E402

PAGES = [
    "/",
    "/index.json",
    "/?lang=da",
    "/data",
    "/map/data.json",
    "/search.json?q=animation",
    "/queries/newest-projects.json",
]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", help="an existing store (default: the shipped data, built in a temp dir)")
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--page", action="append", help="a path (repeatable; default: typical ones)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        location = args.store or str(Path(tmp) / "store")
        settings = Settings(store=location, data_dir=REPO / "data")
        store = open_store(location, create=not args.store)
        if not args.store:
            build(store, settings)
        client = create_app(settings, {"TESTING": True}, store=store).test_client()
        triples = store.triple_count()
        print(f"pages_bench: {store.describe()}, {triples:,} triples; warm = median of {args.repeat}")
        print(f"{'page':40}{'cold ms':>10}{'warm p50':>10}{'warm p95':>10}{'KB':>9}  status")
        for path in args.page or PAGES:
            started = time.perf_counter()
            response = client.get(path)
            while response.status_code == 503:  # computed in the background: come back, as a browser would
                time.sleep(0.5)
                response = client.get(path)
            cold = (time.perf_counter() - started) * 1000
            times = []
            for _ in range(args.repeat):
                started = time.perf_counter()
                response = client.get(path)
                times.append((time.perf_counter() - started) * 1000)
            p95 = statistics.quantiles(times, n=20)[-1] if len(times) > 1 else times[0]
            print(f"{path:40}{cold:>10.0f}{statistics.median(times):>10.1f}{p95:>10.1f}"
                  f"{len(response.data) / 1024:>9.0f}  {response.status_code}")
        store.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
