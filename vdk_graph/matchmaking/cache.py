"""The expensive measures, computed once per collaboration network, kept on disk, never on a request path.

Decisions (``docs/decisions/0004-network-measures.md``, ``0013-derived-data-on-disk.md``):

* The measures (:func:`~vdk_graph.matchmaking.structure.compute_structure`) are the
  :class:`~vdk_graph.derived.Derived` view :data:`MEASURES`, kept on disk beside the
  store as JSON (:class:`MeasuresFile`). They depend on the collaboration network
  only, so a file stays current across data versions as long as the network's
  *fingerprint* is the same: an import that changes no collaboration, or the
  metrics graph itself being written, keeps them (that much of a warm-up is incremental).
* Computing them, in order: the measures of the previous data version when the
  network is the same; else the ones in the store's metrics graph when they were
  computed from this very network (``vdk-graph metrics`` writes them; loading is a
  query); else igraph's (:mod:`vdk_graph.measures`).
* :func:`structure_for` answers at once. The CLI waits (``wait=True``); a web request
  does not: for a small network (≤ :data:`INLINE_EDGES` collaborations, well under a
  second) it computes inline, else the computation runs in one background thread
  and the request gets the previous measures (status ``stale``) or none
  (``computing``), and the page says so and refreshes.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from vdk_graph.derived import Derived, NotReady
from vdk_graph.derived.disk import DamagedFile, DiskCodec, Manifest
from vdk_graph.matchmaking.index import MatchIndex, match_index
from vdk_graph.matchmaking.structure import Community, Structure, compute_structure
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


class MeasuresFile(DiskCodec[Structure]):
    """The measures as one JSON document (they are read whole: brokers and communities rank everyone)."""

    name = "network-measures"
    format = "vdk-network-measures/1"
    suffix = ".json"

    def write(self, value: Structure, path: Path) -> dict[str, str]:
        text = json.dumps(_plain(value), ensure_ascii=False, separators=(",", ":"))
        path.write_text(text, encoding="utf-8")
        return {"fingerprint": value.fingerprint}

    def read(self, path: Path, manifest: Manifest, store: Store) -> Structure:
        structure = _structure(json.loads(path.read_text(encoding="utf-8")))
        if structure.fingerprint != manifest.facts.get("fingerprint"):
            raise DamagedFile(f"{path} describes another network than its manifest says")
        return structure

    def current(self, manifest: Manifest, store: Store, version: str) -> bool:
        """Stamped with this data version, or measured on the same collaboration network."""
        if manifest.data_version == version:
            return True
        return manifest.facts.get("fingerprint") == match_index(store).fingerprint


def _plain(s: Structure) -> dict[str, Any]:
    return {
        "fingerprint": s.fingerprint, "degree": s.degree, "betweenness": s.betweenness,
        "participation": s.participation, "community_of": s.community_of,
        "communities": [[c.number, c.members, c.topics, c.labels] for c in s.communities],
        "samples": s.samples, "seed": s.seed, "seconds": s.seconds, "computed_at": s.computed_at.isoformat(),
    }


def _structure(data: dict[str, Any]) -> Structure:
    communities = [Community(int(number), list(members), [(str(t), float(v)) for t, v in topics],
                             dict(labels)) for number, members, topics, labels in data["communities"]]
    return Structure(
        fingerprint=str(data["fingerprint"]), degree=dict(data["degree"]),
        betweenness=dict(data["betweenness"]),
        participation=dict(data["participation"]), community_of=dict(data["community_of"]),
        communities=communities, samples=int(data["samples"]), seed=int(data["seed"]),
        seconds=float(data["seconds"]), computed_at=dt.datetime.fromisoformat(data["computed_at"]),
    )


def _compute(store: Store) -> Structure:
    from vdk_graph.matchmaking.metrics import load_structure

    index = match_index(store)
    previous = MEASURES.latest(store)
    if previous is not None and previous.fingerprint == index.fingerprint:
        return previous
    stored = load_structure(store, index)
    if stored is not None:
        return stored
    return compute_structure(index)


#: Once per collaboration network (see the module's doc), kept on disk beside the store; served as soon
#: as computed, the file written apart (at 1M after an import: ~0.5 s, and the collector it set off).
MEASURES: Derived[Structure] = Derived("network measures", _compute, keys=1, codec=MeasuresFile(),
                                       write_apart=True)


def remember(store: Store, structure: Structure) -> None:
    """Keep ``structure`` as the store's measures (``write_metrics`` computed them itself)."""
    MEASURES.put(store, structure)


def structure_for(store: Store, *, wait: bool = True) -> StructureState:
    """The measures of the store's current collaboration network (see the module docstring)."""
    index = match_index(store)
    inline = wait or index.collab.number_of_edges() <= INLINE_EDGES
    try:
        structure = MEASURES.get(store, wait=None if inline else 0.0, stale=True)
    except NotReady:
        return StructureState(index, None, COMPUTING)
    return StructureState(index, structure, READY if structure.fingerprint == index.fingerprint else STALE)


def wait_for_background(store: Store, timeout: float | None = None) -> None:
    """Wait for the measures being computed in the background, if they are (for tests and benchmarks)."""
    with contextlib.suppress(NotReady):
        MEASURES.get(store, wait=timeout if timeout is not None else 3600.0)
