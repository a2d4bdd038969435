"""The network projection: the RDF graph as a typed networkx graph, for the map, analytics and matchmaking.

SPARQL answers questions; networks answer "who is close to whom". This module
reads the store once per data change (keyed by ``store.data_version()``) into:

* :class:`Ecosystem` ``.graph`` — a ``networkx.MultiDiGraph`` of organisations,
  projects, programmes, people and topics, with typed edges (``relation``:
  lead, partner, participant, funds, invests, member, topic, programme,
  position) and node attributes (kind, labels in English and Danish, city,
  region, topics, years, programmes);
* :meth:`Ecosystem.collaboration` — organisations only, an undirected
  ``networkx.Graph`` whose edge weight is the number of shared projects (the
  co-participation network that matchmaking and the structure measures use).

Everything is computed from the union default graph, so it holds whatever the
sources say, whichever importer wrote it. After a small write the projection is
updated from the previous one rather than read again (:mod:`.update`; ADR 0013).

Modules: :mod:`.ecosystem` (the value), :mod:`.build` (reading the store, whole or a
part), :mod:`.update` (the previous projection updated from what a write touched).
"""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx

from vdk_graph.derived import Derived

# The kinds table (re-exported here, where the network's users have always found it).
from vdk_graph.kinds import (
    NODE_KINDS,
    ORGANISATION_KIND_NAMES,
    ORGANISATION_KINDS,
    OTHER_KINDS,
    RELATIONS,
)
from vdk_graph.network.build import build_ecosystem
from vdk_graph.network.ecosystem import Ecosystem, collaboration_graph
from vdk_graph.network.update import updated_ecosystem
from vdk_graph.store.base import Store

# --------------------------------------------------------------------------- the derived view

#: Once per data version and store, in memory only: the map and the entity pages need all of it, so a
#: file would have to be read back whole, and the commands that start often read the matchmaking
#: index's file instead, which needs no projection (docs/decisions/0013-derived-data-on-disk.md).
#: After a small write, updated from the previous data version's projection (:mod:`.update`).
ECOSYSTEM: Derived[Ecosystem] = Derived("network projection", lambda store: build_ecosystem(store), keys=1,
                                        update=updated_ecosystem)


def ecosystem(store: Store) -> Ecosystem:
    """The projection of ``store``, recomputed only when its data changed."""
    return ECOSYSTEM.get(store)


def subgraph(eco: Ecosystem, nodes: Iterable[str]) -> nx.MultiDiGraph:
    return eco.graph.subgraph(list(nodes)).copy()


__all__ = [
    "Ecosystem", "NODE_KINDS", "ORGANISATION_KINDS", "ORGANISATION_KIND_NAMES", "OTHER_KINDS", "RELATIONS",
    "build_ecosystem", "collaboration_graph", "ecosystem", "subgraph",
]
