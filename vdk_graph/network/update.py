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
from collections import defaultdict
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
)
from vdk_graph.network.ecosystem import Ecosystem
from vdk_graph.store.base import Store
from vdk_graph.store.changes import Change

log = logging.getLogger(__name__)

#: Past this many nodes to read again, the projection is read whole.
MAX_NODES = 3000


def updated_ecosystem(store: Store, previous: Ecosystem, since: str) -> Ecosystem | None:
    """The projection of the store's data now, from ``previous`` (of data version ``since``); None when
    it must be read whole."""
    version = store.data_version()
    change = store.touched_between(since, version)
    if change is None or len(change.iris) > MAX_NODES:
        return None
    old = previous.graph
    kinds = node_kinds(Rows(store, change.iris))
    nodes = nodes_to_read(store, old, change, kinds)
    if nodes is None:
        return None
    graph = _read_part(store, old, nodes)
    log.info("network projection updated: %d nodes read again", len(nodes))
    # The previous projection is kept for its collaboration network only when it has one made: so a
    # projection holds at most one other (that one dropped its own when it made its network).
    kept = previous if previous._collaboration is not None else None
    return Ecosystem(_joined(old, graph, nodes), version, _previous=kept)


def nodes_to_read(store: Store, old: nx.MultiDiGraph, change: Change, kinds: dict[str, str],
                  ) -> set[str] | None:
    """Every node whose attributes or edges may differ from ``old`` (see the module's doc); None: too many."""
    touched = change.iris
    nodes = {n for n in touched if n in old or n in kinds}
    links = sorted(n for n in change.subjects if n not in nodes)
    if links:
        values = "VALUES ?x { " + " ".join(f"<{n}>" for n in links) + " }"  # in each branch: see Rows
        for row in store.select(f"""SELECT DISTINCT ?n WHERE {{ {{ {values} ?x ?p ?n }} UNION
                {{ {values} ?n ?p ?x }} UNION {{ {values} ?city vdk:locatedIn ?x . ?n vdk:basedIn ?city }}
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


class _Part(nx.MultiDiGraph):
    """The part of the projection being read again; a node of the old one not read again stands in
    (with its final attributes, as sets again) the first time a query names it."""

    def __init__(self, old: nx.MultiDiGraph, again: set[str]) -> None:
        super().__init__()
        self.old, self.again = old, again

    def __contains__(self, node: object) -> bool:
        try:
            if node in self._node:
                return True
        except TypeError:  # networkx asks whether a list of nodes is one
            return False
        if node in self.again or node not in self.old:
            return False
        data = self.old.nodes[node]
        years = {y for y in (data.get("first_year"), data.get("last_year")) if y is not None}
        self.add_node(node, kind=data["kind"], topics=set(data["topics"]), years=years,
                      programmes=set(data["programmes"]))
        return True


def _read_part(store: Store, old: nx.MultiDiGraph, nodes: set[str]) -> nx.MultiDiGraph:
    """The part of the projection about ``nodes``: their attributes final, and every edge touching them.

    The nodes standing in for the rest let the edges to them be drawn and give what the nodes
    read again inherit from their projects as a full read gives it; they are dropped when the
    part is joined.
    """
    fresh = node_kinds(Rows(store, nodes))
    graph = _Part(old, nodes)
    for node in sorted(nodes):
        if node in fresh:  # else gone, or no node (any more)
            graph.add_node(node, kind=fresh[node], topics=set(), years=set(), programmes=set())
    fill(Rows(store, nodes), graph)
    present = [n for n in nodes if n in graph]
    _spread_to_organisations(graph, present)
    finish(graph, present)
    return graph


def _joined(old: nx.MultiDiGraph, part: nx.MultiDiGraph, nodes: set[str]) -> nx.MultiDiGraph:
    """The old projection without ``nodes``, and the part read again about them, in sorted order.

    Made as :func:`~.build.sorted_graph` makes a graph, without going through every edge: what
    touches none of ``nodes`` is shared with the old projection, which is sorted already
    (neither is changed once made; a node's neighbours are sorted again only where they changed).
    """
    fresh_succ: dict[str, dict[str, dict[Any, Any]]] = defaultdict(dict)
    fresh_pred: dict[str, dict[str, dict[Any, Any]]] = defaultdict(dict)
    for u, v, key, data in sorted(part.edges(keys=True, data=True), key=lambda e: (e[0], e[1], e[2])):
        if u in nodes or v in nodes:
            keys = fresh_succ[u].get(v)
            if keys is None:
                keys = fresh_succ[u][v] = fresh_pred[v][u] = {}
            keys[key] = data
    node = dict(sorted([*((n, d) for n, d in old._node.items() if n not in nodes),
                        *((n, part._node[n]) for n in nodes if n in part._node)], key=lambda item: item[0]))
    graph = nx.MultiDiGraph()
    graph._node = node
    graph._succ = graph._adj = _adjacency(node, old._succ, old._pred, fresh_succ, nodes)
    graph._pred = _adjacency(node, old._pred, old._succ, fresh_pred, nodes)
    return graph


def _adjacency(node: dict[str, Any], old: dict[str, dict[str, Any]], other: dict[str, dict[str, Any]],
               fresh: dict[str, dict[str, Any]], nodes: set[str]) -> dict[str, dict[str, Any]]:
    """Successors (or predecessors) of every node: the old ones where nothing changed, else made again."""
    changed = set(fresh) | {m for n in nodes if n in other for m in other[n]}
    out: dict[str, dict[str, Any]] = {}
    for n in node:
        if n not in changed and n not in nodes:
            out[n] = old[n]
            continue
        kept = {} if n in nodes else {m: keys for m, keys in old[n].items() if m not in nodes}
        kept.update(fresh.get(n, {}))
        out[n] = dict(sorted(kept.items(), key=lambda item: item[0]))
    return out
