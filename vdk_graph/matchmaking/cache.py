"""The expensive measures, computed once per data change and never on a request path.

Decision (``docs/decisions/0004-network-measures.md``):

* The measures (:func:`~vdk_graph.matchmaking.structure.compute_structure`) are
  keyed by the *fingerprint* of the collaboration network, not by the store's data
  version: an import that changes no collaboration, or the metrics graph itself
  being written, keeps them.
* :func:`structure_for` answers at once. In order: the measures in memory for this
  network; else the ones in the store's metrics graph when they were computed
  from this very network (``vdk-graph metrics`` writes them; loading is a query);
  else, for a small network (≤ :data:`INLINE_EDGES` collaborations, well under a
  second), it computes them inline; else it starts *one* background thread and
  answers with the previous measures (status ``stale``) or none (``computing``),
  and the page says so and refreshes. Only a web request passes ``wait=False``;
  the CLI waits.
* ``vdk-graph metrics`` computes them explicitly and writes them to the store, so
  a server that starts later loads them instead of computing.
"""

from __future__ import annotations

import threading
import weakref
from dataclasses import dataclass, field

from vdk_graph.matchmaking.index import MatchIndex, match_index
from vdk_graph.matchmaking.structure import Structure, compute_structure
from vdk_graph.store.base import Store

#: Collaboration networks up to this many edges are measured inline (exact betweenness there takes < 1 s).
INLINE_EDGES = 3000

READY, STALE, COMPUTING = "ready", "stale", "computing"


@dataclass
class StructureState:
    """The measures to show and whether they describe the current data."""

    index: MatchIndex
    structure: Structure | None
    status: str

    @property
    def ready(self) -> bool:
        return self.status == READY


@dataclass
class _Entry:
    lock: threading.Lock = field(default_factory=threading.Lock)
    structure: Structure | None = None
    #: Fingerprint whose stored metrics graph was already looked for (once is enough).
    looked_in_store: str | None = None
    #: Fingerprint being computed in the background, and the thread doing it.
    computing: str | None = None
    thread: threading.Thread | None = None
    error: BaseException | None = None


#: Per store object (weakly: a closed and collected store takes its measures with it).
_entries: weakref.WeakKeyDictionary[Store, _Entry] = weakref.WeakKeyDictionary()
_entries_lock = threading.Lock()


def _entry(store: Store) -> _Entry:
    with _entries_lock:
        entry = _entries.get(store)
        if entry is None:
            entry = _entries[store] = _Entry()
        return entry


def remember(store: Store, structure: Structure) -> None:
    """Keep ``structure`` as the store's measures (used by ``write_metrics``)."""
    entry = _entry(store)
    with entry.lock:
        entry.structure = structure


def structure_for(store: Store, *, wait: bool = True) -> StructureState:
    """The measures of the store's current collaboration network (see the module docstring)."""
    from vdk_graph.matchmaking.metrics import load_structure

    index = match_index(store)
    fingerprint = index.fingerprint
    entry = _entry(store)
    with entry.lock:
        if entry.structure is not None and entry.structure.fingerprint == fingerprint:
            return StructureState(index, entry.structure, READY)
        if entry.looked_in_store != fingerprint:
            entry.looked_in_store = fingerprint
            stored = load_structure(store, index)
            if stored is not None:
                entry.structure = stored
                return StructureState(index, stored, READY)
        if wait or index.collab.number_of_edges() <= INLINE_EDGES:
            entry.structure = compute_structure(index)
            return StructureState(index, entry.structure, READY)
        if entry.computing != fingerprint:
            entry.computing = fingerprint
            entry.thread = threading.Thread(target=_compute, args=(entry, index), daemon=True,
                                            name="vdk-network-measures")
            entry.thread.start()
        previous = entry.structure
    return StructureState(index, previous, STALE if previous is not None else COMPUTING)


def _compute(entry: _Entry, index: MatchIndex) -> None:
    try:
        structure = compute_structure(index)
    except Exception as exc:  # kept for the next request to see; the thread still reports it
        with entry.lock:
            entry.error, entry.computing = exc, None
        raise
    with entry.lock:
        if entry.computing == structure.fingerprint:
            entry.structure, entry.computing, entry.error = structure, None, None


def wait_for_background(store: Store, timeout: float | None = None) -> None:
    """Join the background computation of ``store``, if one runs (for tests and benchmarks)."""
    thread = _entry(store).thread
    if thread is not None:
        thread.join(timeout)
