"""Network measures with networkx and with python-igraph, side by side at 100k, 1M and 10M triples.

Issue 17: networkx's sampled betweenness took 41–43 s on the collaboration network of
a 1M-triple ecosystem; :mod:`vdk_graph.measures` computes with igraph instead and keeps
networkx as the fallback. This prints, per size, each measure from both libraries
(each run in a child process, so a slow one can be stopped at ``--cap`` seconds and a
big graph's memory is given back), and how well they agree: modularity of the
communities each found, and the overlap of the 20 organisations ranked highest by
betweenness and by PageRank.

The graph is the synthetic ecosystem's collaboration network (organisations that share
a project, weighted by how many), the same graph :func:`vdk_graph.network.collaboration_graph`
projects from a store holding that ecosystem; it is built from the generator directly, so
10M triples need no 10M-triple store.

    python bench/measures_bench.py                       # 100k, 1M, 10M; networkx stopped at 300 s
    python bench/measures_bench.py --sizes 100k,1M --cap 120
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent.parent))
import networkx as nx  # noqa: E402

from bench.common import fmt_seconds, table  # noqa: E402
from vdk_graph import measures, synth  # noqa: E402

SAMPLES = 200
SEED = 42
SIZES = {"100k": 100_000, "1M": 1_000_000, "10M": 10_000_000}

#: Set in the parent before the children fork, so they share it without pickling.
GRAPH: nx.Graph | None = None


def collaboration(triples: int) -> nx.Graph:
    """The collaboration network of a synthetic ecosystem of about ``triples`` triples."""
    eco = synth.generate(synth.orgs_for_triples(triples), seed=7)
    graph = nx.Graph()
    graph.add_nodes_from(org.iri for org in eco.orgs)
    for project in eco.projects:
        partners = sorted(project.partners)
        for i, a in enumerate(partners):
            for b in partners[i + 1:]:
                if graph.has_edge(a, b):
                    graph[a][b]["weight"] += 1
                else:
                    graph.add_edge(a, b, weight=1)
    return graph


# Each task returns its result in a form a pipe can carry: top-20 sets and modularity, not whole maps.
def _top(values: dict[Any, float]) -> list[Any]:
    return sorted(values, key=lambda n: (-values[n], str(n)))[:20]


def nx_betweenness(g: nx.Graph) -> Any:
    return _top(nx.betweenness_centrality(g, k=min(SAMPLES, len(g)), seed=SEED, normalized=True))


def ig_betweenness(g: nx.Graph) -> Any:
    return _top(measures.betweenness(g, samples=SAMPLES, seed=SEED)[0])


def ig_betweenness_exact(g: nx.Graph) -> Any:
    return _top(measures.betweenness(g, samples=len(g), seed=SEED)[0])


def nx_louvain(g: nx.Graph) -> Any:
    parts = nx.community.louvain_communities(g, weight="weight", seed=SEED)
    return len(parts), measures.modularity(g, [set(p) for p in parts])


def ig_louvain(g: nx.Graph) -> Any:
    parts = measures.communities(g, seed=SEED)
    return len(parts), measures.modularity(g, parts)


def ig_leiden(g: nx.Graph) -> Any:
    parts = measures.communities(g, seed=SEED, method="leiden")
    return len(parts), measures.modularity(g, parts)


def nx_pagerank(g: nx.Graph) -> Any:
    return _top(dict(nx.pagerank(g, weight=None)))


def ig_pagerank(g: nx.Graph) -> Any:
    return _top(measures.pagerank(g))


def _child(task: Callable[[nx.Graph], Any], conn: Any) -> None:
    assert GRAPH is not None
    start = time.perf_counter()
    result = task(GRAPH)
    conn.send((time.perf_counter() - start, result))


def run(task: Callable[[nx.Graph], Any], cap: float) -> tuple[float | None, Any]:
    """Seconds and result of ``task`` on GRAPH in a forked child; (None, None) if stopped at ``cap``."""
    parent, child = mp.Pipe(duplex=False)
    process = mp.get_context("fork").Process(target=_child, args=(task, child))
    process.start()
    if parent.poll(cap):
        seconds, result = parent.recv()
        process.join()
        return seconds, result
    process.kill()
    process.join()
    return None, None


def overlap(a: Any, b: Any) -> str:
    return "—" if a is None or b is None else f"{len(set(a) & set(b))}/20"


def _communities(found: Any) -> str:
    return "—" if found is None else f"{found[0]} / {found[1]:.4f}"


def _ratio(slow: float | None, fast: float | None, cap: float) -> str:
    if fast is None:
        return "—"
    if slow is None:
        return f"> {cap / fast:.0f}×"
    return f"{slow / fast:.1f}×" if slow < 10 * fast else f"{slow / fast:.0f}×"


def _rows(size: str, shape: str, t: dict[str, float | None], r: dict[str, Any],
          cap: float) -> list[list[str]]:
    """The table's five rows for one size: seconds from each library, their ratio, their agreement."""
    s = lambda name: fmt_seconds(t[name], cap)  # noqa: E731
    return [
        [size, shape, f"betweenness, {SAMPLES} sampled sources", s("nx_btw"), s("ig_btw"),
         _ratio(t["nx_btw"], t["ig_btw"], cap), f"top 20 shared {overlap(r['nx_btw'], r['ig_btw'])}"],
        [size, "", "betweenness, exact (igraph)", "", s("ig_exact"), "",
         f"top 20 shared with sampled {overlap(r['ig_exact'], r['ig_btw'])}"],
        [size, "", "Louvain (communities / modularity)", s("nx_louvain"), s("ig_louvain"),
         _ratio(t["nx_louvain"], t["ig_louvain"], cap),
         f"nx {_communities(r['nx_louvain'])}; igraph {_communities(r['ig_louvain'])}"],
        [size, "", "Leiden, modularity (igraph)", "", s("ig_leiden"), "", _communities(r["ig_leiden"])],
        [size, "", "PageRank", s("nx_pr"), s("ig_pr"), _ratio(t["nx_pr"], t["ig_pr"], cap),
         f"top 20 shared {overlap(r['nx_pr'], r['ig_pr'])}"],
    ]


def main() -> None:
    global GRAPH
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="100k,1M,10M", help="comma-separated: 100k, 1M, 10M")
    parser.add_argument("--cap", type=float, default=300.0, help="stop a measure after this many seconds")
    args = parser.parse_args()
    if measures.backend() != "igraph":
        sys.exit("python-igraph is not installed: pip install igraph")
    warm = nx.path_graph(5)  # imports (scipy for PageRank, igraph) happen here, not in the timed children
    for task in (nx_pagerank, ig_pagerank, ig_louvain, ig_betweenness):
        task(warm)
    rows = []
    for size in args.sizes.split(","):
        start = time.perf_counter()
        GRAPH = collaboration(SIZES[size])
        built = time.perf_counter() - start
        n, m = GRAPH.number_of_nodes(), GRAPH.number_of_edges()
        print(f"{size}: {n:,} organisations, {m:,} collaboration edges (built in {built:.0f} s)", flush=True)
        results = {name: run(task, args.cap) for name, task in (
            ("nx_btw", nx_betweenness), ("ig_btw", ig_betweenness), ("ig_exact", ig_betweenness_exact),
            ("nx_louvain", nx_louvain), ("ig_louvain", ig_louvain), ("ig_leiden", ig_leiden),
            ("nx_pr", nx_pagerank), ("ig_pr", ig_pagerank),
        )}
        t = {name: seconds for name, (seconds, _) in results.items()}
        r = {name: result for name, (_, result) in results.items()}
        rows += _rows(size, f"{n:,} / {m:,}", t, r, args.cap)
        GRAPH = None
    print()
    headers = ["triples", "nodes / edges", "measure", "networkx", "igraph", "networkx ÷ igraph", "agreement"]
    print(table(headers, rows))


if __name__ == "__main__":
    main()
