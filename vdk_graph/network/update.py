"""The projection updated from what a write touched, instead of read again whole (issue 17).

Reading a million triples into the projection takes 10–20 s; an import of one project
touches a few nodes. The store notes the IRIs each write touched
(:meth:`~vdk_graph.store.base.Store.touched_between`); from them this module finds every
node of the projection whose attributes or edges may differ, reads the part of the
graph about those nodes with the very queries a full read runs (:class:`~.build.Rows`
restricted to them), and joins it with the rest of the previous projection. The result
is the projection a full read gives, node for node, edge for edge, in the same order
(``tests/network/test_network_update.py`` compares them after random imports and
removals). Which nodes to look at again (:func:`nodes_to_read`):

* the nodes touched, and nodes that are new or gone;
* the nodes a touched thing that is not a node links (a participation, a grant, a
  membership … touched as a subject: its project and its participant), and for a
  touched place, the organisations based in it or in a city in it;
* when a node appeared, vanished or changed kind: whatever names it as a topic or a
  programme (those lists hold nodes only);
* the agents of every project looked at again (they inherit its topics and years).

When the store does not know what changed, or too many nodes would be read again
(:data:`MAX_NODES`; past that a full read is about as quick), it returns None and the
projection is read whole.
"""

from __future__ import annotations

import logging
from typing import Any

import networkx as nx

from vdk_graph.network.build import (
    PARTICIPATION,
    PROGRAMME_PATH,
    TOPIC_PATH,
    Rows,
    _spread_to_organisations,
    fill,
    finish,
    node_kinds,
    sorted_graph,
)
from vdk_graph.network.ecosystem import Ecosystem
from vdk_graph.store.base import Store
from vdk_graph.store.changes import Change

log = logging.getLogger(__name__)

#: Past this many nodes to read again, the projection is read whole.
MAX_NODES = 3000


def updated_ecosystem(store: Store, previous: Ecosystem) -> Ecosystem | None:
    """The projection of the store's data now, from ``previous``; None when it must be read whole."""
    version = store.data_version()
    change = store.touched_between(previous.version, version)
    if change is None or len(change.iris) > MAX_NODES:
        return None
    old = previous.graph
    kinds = node_kinds(Rows(store, change.iris))
    nodes = nodes_to_read(store, old, change, kinds)
    if nodes is None:
        return None
    graph = _read_part(store, old, nodes)
    log.info("network projection updated: %d nodes read again", len(nodes))
    return Ecosystem(_joined(old, graph, nodes), version)


def nodes_to_read(store: Store, old: nx.MultiDiGraph, change: Change, kinds: dict[str, str],
                  ) -> set[str] | None:
    """Every node whose attributes or edges may differ from ``old`` (see the module's doc); None: too many."""
    touched = change.iris
    nodes = {n for n in touched if n in old or n in kinds}
    links = sorted(n for n in change.subjects if n not in nodes)
    if links:
        values = " ".join(f"<{n}>" for n in links)
        for row in store.select(f"""SELECT DISTINCT ?n WHERE {{ VALUES ?x {{ {values} }}
                {{ ?x ?p ?n }} UNION {{ ?n ?p ?x }} UNION {{ ?n vdk:basedIn ?city . ?city vdk:locatedIn ?x }}
                FILTER(isIRI(?n)) }}""").dicts():
            if row["n"] in old or row["n"] in kinds:
                nodes.add(row["n"])
    changed = sorted(n for n in nodes & touched
                     if (old.nodes[n].get("kind") if n in old else None) != kinds.get(n))
    if changed:
        values = " ".join(f"<{n}>" for n in changed)
        for row in store.select(f"""SELECT DISTINCT ?s WHERE {{ VALUES ?t {{ {values} }}
                ?s {TOPIC_PATH}|{PROGRAMME_PATH} ?t }}""").dicts():
            nodes.add(row["s"])
    if len(nodes) > MAX_NODES:
        return None
    # Agents inherit their projects' topics, years and programmes: before the write and after it.
    agents = {a for n in nodes if n in old for a, _, relation in old.in_edges(n, data="relation")
              if relation in PARTICIPATION}
    restricted = Rows(store, nodes)
    agents.update(row["agent"] for row in restricted(
        "SELECT ?agent ?project WHERE { ?agent vdk:participatesIn ?project }", "project"))
    agents.update(row["agent"] for row in restricted("""SELECT ?agent ?project WHERE {
        ?project vdk:hasParticipation ?x . ?x vdk:participant ?agent }""", "project"))
    agents.update(row["agent"] for row in restricted(
        "SELECT ?agent ?project WHERE { ?project vdk:hasLeadPartner ?agent }", "project"))
    nodes.update(a for a in agents if a in old or a in kinds)
    return nodes if len(nodes) <= MAX_NODES else None


def _read_part(store: Store, old: nx.MultiDiGraph, nodes: set[str]) -> nx.MultiDiGraph:
    """The part of the projection about ``nodes``: theirs attributes final, and every edge touching them.

    Every other node of the old projection stands in with its final attributes (as sets again),
    so that the edges to it are drawn and what the nodes read again inherit from their projects is
    what a full read gives; those stand-ins are dropped when the part is joined.
    """
    fresh = node_kinds(Rows(store, nodes))
    graph = nx.MultiDiGraph()
    for node, data in old.nodes(data=True):
        if node not in nodes:
            years = {y for y in (data.get("first_year"), data.get("last_year")) if y is not None}
            graph.add_node(node, kind=data["kind"], topics=set(data["topics"]), years=years,
                           programmes=set(data["programmes"]))
    for node in sorted(nodes):
        if node in fresh:  # else gone, or no node (any more)
            graph.add_node(node, kind=fresh[node], topics=set(), years=set(), programmes=set())
    fill(Rows(store, nodes), graph)
    present = [n for n in nodes if n in graph]
    _spread_to_organisations(graph, present)
    finish(graph, present)
    return graph


def _joined(old: nx.MultiDiGraph, part: nx.MultiDiGraph, nodes: set[str]) -> nx.MultiDiGraph:
    """The old projection without ``nodes``, and the part read again about them, in sorted order."""
    kept = [(n, d) for n, d in old.nodes(data=True) if n not in nodes]
    edges: list[tuple[str, str, Any, dict[str, Any]]] = [(u, v, k, dict(d)) for u, v, k, d in
                                                         old.edges(keys=True, data=True)
                                                         if u not in nodes and v not in nodes]
    edges += [(u, v, k, d) for u, v, k, d in part.edges(keys=True, data=True) if u in nodes or v in nodes]
    return sorted_graph([*kept, *((n, part.nodes[n]) for n in nodes if n in part)], edges)
