"""Warm-up after a small import, stage by stage: a fresh process against the web app's warmer.

Issue 17 asks for the warm-up after an import to take at most 10 s at 1M triples, the
network measures included, and to be incremental where an import touches a small part of
the graph. This copies a store (``--store``; never written), then:

1. a long-lived process (the web app's, in effect) warms every view for the store's data
   (:func:`vdk_graph.warm.warm`, then the views ``vdk-graph derive`` keeps on disk);
   and, once idle, computes in memory the matchmaking index it read from its file (the warmer's
   priming: :func:`vdk_graph.matchmaking.index_update.prime`; waited for here);
2. ``vdk-graph import rdf FILE`` runs in a process of its own (a curator's import);
3. the long-lived process warms again — the **incremental** column: what it can reuse of
   the previous data version, it does;
4. a fresh process warms the same data version from nothing, its files on disk removed —
   the **full** column: the rebuild the incremental one must equal.

Each stage is a step of the warmer or a view of ``derive`` (matchmaking index, measures,
path network: each counted apart from the projection it reads). The machine's load
(``uptime``) is printed before and after: on a shared machine times mean more side by side
than alone. Two totals: the **warm-up** (what the web app's warmer does: every view in memory,
the measures waited for — the web app serves the previous version's measures until they are
done) and **the files** ``derive`` keeps for other processes (the matchmaking index's is written
by a thread of its own from the moment it is computed, so that stage waits for what is left of it).

    python bench/warm_bench.py --store /tmp/1m-derived              # imports one project, two organisations
    python bench/warm_bench.py --store var/store --import small.ttl --keep /tmp/warm-copy
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

sys.path.insert(0, str(Path(__file__).parent.parent))
from bench.common import fmt_seconds, table  # noqa: E402

if TYPE_CHECKING:
    from vdk_graph.store import Store

HERE = Path(__file__).resolve()
#: The views of the library the warmer warms whatever serves (the web app registers more: ``--web-views``).
CORE_VIEWS = ("name index", "aggregates' state", "matchmaking index")


#: The totals under the table: every stage runs in the long-lived process's main thread, one after the other.
TOTALS = (
    ("warm-up: the web app's warmer, measures finished", "warm"),
    ("then the files for other processes (derive)", "derive"),
    ("total", "all"),
)


def sum_of(took: dict[str, float], part: str) -> float:
    """Seconds of the stages of ``part`` ("warm": what the web app's warmer does, the measures waited for;
    "derive": the files on disk; "all")."""
    stages = {k: v for k, v in took.items() if not k.startswith("CPU")}
    if part == "all":
        return sum(stages.values())
    return sum(v for k, v in stages.items() if k.startswith("derive:") == (part == "derive"))


def load() -> str:
    return "load average " + ", ".join(f"{x:.2f}" for x in os.getloadavg())


def stages(store: Store, web_views: bool) -> dict[str, float]:
    """Seconds per stage of a warm-up of the store's current data, in this process (as the web app's).

    ``store`` is the one object the process keeps (the views of a store object are kept with it).
    """
    from vdk_graph import derived, warm
    from vdk_graph.config import Settings
    from vdk_graph.matchmaking.cache import wait_for_background

    if web_views:
        from webapp import create_app

        create_app(store=store)  # registers the web app's views (home page, dumps …), which its warmer warms
    steps = tuple((name, step) for name, step in warm.STEPS if name != "derived views")
    took = warm.warm(store, Settings(), steps)
    started = time.perf_counter()
    wait_for_background(store)  # the warmer only starts the measures
    took["network measures (finished)"] = time.perf_counter() - started
    for view in derived.REGISTRY:  # the warmer's "derived views" step, view by view
        if view.warm_keys and (web_views or view.name in CORE_VIEWS):
            started = time.perf_counter()
            view.warm(store)
            took[f"view: {view.name}"] = time.perf_counter() - started
    for done in warm.derive(store):
        took[f"derive: {done.view}{'' if done.computed else ' (current)'}"] = done.seconds
    return took


def small_import(store_path: str, folder: Path) -> Path:
    """A file adding one project with two organisations of the store that have projects (15 triples)."""
    from vdk_graph.store import open_store

    store = open_store(store_path)
    query = "SELECT ?o WHERE {{ ?o vdk:participatesIn ?p }} LIMIT 1 OFFSET {}"
    orgs = [next(store.select(query.format(n)).dicts())["o"] for n in (1000, 5000)]
    store.close()
    project = f"https://w3id.org/vdk/id/project/warm-bench-{int(time.time())}"
    path = folder / "small-import.ttl"
    path.write_text("\n".join([
        "@prefix vdk: <https://w3id.org/vdk/ontology#> .",
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .",
        "@prefix dcterms: <http://purl.org/dc/terms/> .",
        f'<{project}> a vdk:Project ; rdfs:label "Warm-up bench"@en ; dcterms:title "Warm-up bench"@en .',
        *(f"<{org}> vdk:participatesIn <{project}> ." for org in orgs), ""]), encoding="utf-8")
    return path


def profiled(path: str) -> Callable[[], None]:
    """Profile this thread and every thread started from now on (the measures, the files' writers) into
    ``path`` (pstats); the function returned stops and writes."""
    import cProfile
    import pstats
    import threading

    main, others = cProfile.Profile(), []
    plain_run = threading.Thread.run

    def run(thread: threading.Thread) -> None:
        profile = cProfile.Profile()
        others.append(profile)
        profile.enable()
        try:
            plain_run(thread)
        finally:
            profile.disable()

    threading.Thread.run = run  # type: ignore[method-assign]
    main.enable()

    def stop() -> None:
        main.disable()
        threading.Thread.run = plain_run  # type: ignore[method-assign]
        pstats.Stats(main, *others).dump_stats(path)

    return stop


def child(args: argparse.Namespace) -> None:
    """The long-lived process: warm, wait for the import, warm again; the timings as JSON on stdout."""
    from vdk_graph.store import open_store

    store = open_store(args.child)
    before = stages(store, args.web_views)
    from vdk_graph.matchmaking.index_update import primed

    started = time.perf_counter()
    primed()  # the index read from its file, computed in memory once idle (the web app's warmer does so)
    before["matchmaking index computed in memory (idle, after the warm-up)"] = time.perf_counter() - started
    print(json.dumps({"phase": "warmed"}), flush=True)
    sys.stdin.readline()  # the parent imports meanwhile
    stop = profiled(args.profile) if args.profile else None
    cpu = time.process_time()
    after = stages(store, args.web_views)
    after["CPU of the process (user + system)"] = time.process_time() - cpu
    from vdk_graph import derived

    for view in derived.REGISTRY:  # how each view came to be, over both warm-ups (on stderr)
        if view.computed or view.loaded or view.updated:
            print(f"{view.name}: computed {view.computed}, read from disk {view.loaded}, "
                  f"updated {view.updated}", file=sys.stderr)
    if stop is not None:
        stop()
    print(json.dumps({"before": before, "after": after}), flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--store", required=True, help="store folder to copy (never written)")
    parser.add_argument("--import", dest="file", help="the small RDF file to import (default: one project "
                        "with two organisations of the store)")
    parser.add_argument("--keep", help="where to put the copy (default: a temporary folder, removed after)")
    parser.add_argument("--web-views", action="store_true",
                        help="warm the web app's views too (home page, insights, dumps: minutes at 1M)")
    parser.add_argument("--profile", help="write a cProfile of the warm-up after the import (every thread) "
                        "to this file (pstats; adds its own overhead)")
    parser.add_argument("--no-full", action="store_true", help="skip the full rebuild in a fresh process")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--fresh", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args)
        return
    if args.fresh:
        from vdk_graph.store import open_store

        print(json.dumps(stages(open_store(args.fresh), args.web_views)))
        return
    work = Path(args.keep or tempfile.mkdtemp(prefix="warm-bench-")) / "store"
    shutil.rmtree(work, ignore_errors=True)
    shutil.copytree(args.store, work)
    args.file = args.file or str(small_import(str(work), work.parent))
    print(f"load before: {load()}", flush=True)
    more = ["--web-views"] if args.web_views else []
    exe = [sys.executable, str(HERE), "--store", args.store, "--import", args.file, "--child", str(work),
           *more, *(["--profile", args.profile] if args.profile else [])]
    proc = subprocess.Popen(exe, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert proc.stdin is not None and proc.stdout is not None
    proc.stdout.readline()
    started = time.perf_counter()
    cli = Path(sys.executable).parent / "vdk-graph"
    subprocess.run([str(cli), "--store", str(work), "import", "rdf", args.file], check=True,
                   stdout=subprocess.DEVNULL)
    imported = time.perf_counter() - started
    proc.stdin.write("go\n")
    proc.stdin.flush()
    timings = json.loads(proc.stdout.readline())
    proc.wait()
    full: dict[str, float] = {}
    if not args.no_full:
        shutil.rmtree(work / "derived" / "views", ignore_errors=True)  # the full rebuild finds no file
        fresh = [sys.executable, str(HERE), "--store", args.store, "--fresh", str(work), *more]
        output = subprocess.run(fresh, check=True, capture_output=True, text=True).stdout
        full = json.loads(output.splitlines()[-1])
    print(f"load after: {load()}")
    after = timings["after"]
    names = list(dict.fromkeys([*full, *after]))
    rows = [[name, fmt_seconds(full.get(name)), fmt_seconds(after.get(name))] for name in names]
    for label, part in TOTALS:
        rows.append([label, fmt_seconds(sum_of(full, part)), fmt_seconds(sum_of(after, part))])
    print(f"import of {args.file}: {fmt_seconds(imported)} (its own process)")
    print(table(["stage", "full rebuild (fresh process)", "after the import (warmed process)"], rows))
    if not args.keep:
        shutil.rmtree(work.parent, ignore_errors=True)


if __name__ == "__main__":
    main()
