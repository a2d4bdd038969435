"""Which aggregate families are current for the store's data now: the question every fast query asks first.

A family is current when the fingerprint the aggregates graph records for it
(``dcterms:identifier "participation sha1:…"``) equals the fingerprint of the
store's data now (:mod:`.inputs`). Computing that reads the inputs again —
seconds at a million triples (12–23 s measured on a loaded 2-core machine) — so
the answer is kept, three ways:

* per data version in this process (a :class:`~vdk_graph.derived.Derived` view,
  which the web app's warmer computes after every import, before a visitor asks);
* in a marker file beside an embedded store (``derived/aggregates.json``: the data
  version and the families current at it), written by whoever wrote the aggregates
  or checked them — or, with none, by a command that changed a large store without
  counting them (:func:`vdk_graph.aggregates.after_change`) — so a command started
  later needs no check while the data is the same version. Data versions of an
  embedded store never repeat (generation and folder inode), so a marker can only be
  right or not apply, and one that says too little only makes a query slower;
* not at all for a store without a folder: each process checks once per version.

Anything unreadable — no aggregates graph, two of them, a damaged marker — means
"nothing current", and the named queries take their original formulations.
"""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path

import pyoxigraph as ox

from vdk_graph.aggregates import inputs
from vdk_graph.derived import Derived
from vdk_graph.namespaces import VDK_NS
from vdk_graph.results import SelectResult
from vdk_graph.store.base import Store

log = logging.getLogger(__name__)

MARKER = "aggregates.json"
IMPORTER = "aggregates"
STAMPED = f"""PREFIX vdk: <{VDK_NS}>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT ?g ?id WHERE {{
  GRAPH ?g {{ ?g vdk:importer "{IMPORTER}" OPTIONAL {{ ?g dcterms:identifier ?id }} }}
}}"""


def recorded(store: Store) -> tuple[str | None, dict[str, str]]:
    """The aggregates graph and the fingerprint it records per family; (None, {}) unless exactly one graph."""
    result = store.query(STAMPED)
    assert isinstance(result, SelectResult)
    graphs: set[str] = set()
    stamps: dict[str, str] = {}
    for graph, stamp in result.rows:
        if isinstance(graph, ox.NamedNode):
            graphs.add(graph.value)
        if isinstance(stamp, ox.Literal) and " sha1:" in stamp.value:
            family, digest = stamp.value.split(" sha1:", 1)
            stamps[family] = digest
    if len(graphs) != 1:
        return None, {}
    return graphs.pop(), stamps


def check(store: Store) -> frozenset[str]:
    """The families whose recorded fingerprint is the data's fingerprint now (reads the inputs)."""
    graph, stamps = recorded(store)
    if graph is None or not stamps:
        return frozenset()
    now = inputs.fingerprints(store, [f for f in inputs.FAMILIES if f in stamps])
    return frozenset(f for f, digest in stamps.items() if now.get(f) == digest)


def _marker_path(store: Store) -> Path | None:
    folder = store.cache_folder()
    return folder / MARKER if folder is not None else None


def read_marker(store: Store, version: str) -> frozenset[str] | None:
    """The families a marker says are current at ``version``; None when there is no marker for it."""
    path = _marker_path(store)
    if path is None:
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("data_version") != version:
        return None
    families = data.get("families")
    if not isinstance(families, list) or not all(isinstance(f, str) for f in families):
        return None
    return frozenset(families)


def write_marker(store: Store, version: str, families: frozenset[str]) -> None:
    """Record what is current at ``version`` (atomically; a store whose folder is read-only just has none)."""
    path = _marker_path(store)
    if path is None:
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        scratch = path.with_suffix(f".{os.getpid()}.tmp")
        scratch.write_text(json.dumps({"data_version": version, "families": sorted(families)}),
                           encoding="utf-8")
        os.replace(scratch, path)
    except OSError as exc:
        log.info("cannot record the aggregates' state beside the store (%s); each process checks anew", exc)


def _current(store: Store) -> frozenset[str]:
    version = store.data_version()
    marked = read_marker(store, version)
    if marked is not None:
        return marked
    found = check(store)
    if store.data_version() == version:
        write_marker(store, version, found)
    return found


#: The current families per store and data version (warmed by the web app's warmer after each import).
STATE: Derived[frozenset[str]] = Derived("aggregates' state", _current, keys=1, warm=((),))


def current(store: Store) -> frozenset[str]:
    """The aggregate families current for the store's data now (see the module docstring)."""
    return STATE.get(store)
