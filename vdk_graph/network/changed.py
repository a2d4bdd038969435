"""What differs between two projections, and the collaboration network updated from the previous one.

The projection's update (:mod:`.update`) shares every node, and every node's edges, it did not
read again with the previous projection. So the nodes a write changed are found without going
through the graph's 630k edges (at 1M triples): those whose data or edges are not the very same
objects, compared by value (:func:`changed_nodes`). Who uses it: the collaboration network
(:func:`updated_collaboration`, here) and the matchmaking index
(:mod:`vdk_graph.matchmaking.index_update`), each computing again only what is about those nodes.

The collaboration network made here equals :func:`~.ecosystem.collaboration_graph` of the new
projection, node for node and edge for edge in the same order (``tests/test_network_update.py``),
because that order is a function of the data: a projection's nodes and each node's neighbours are
sorted (:mod:`.build`, :mod:`.update`), so a project is first met at its first participating
organisation, and an organisation's partners come in the order of the first project they share
(a project ranked by its first participant, then its IRI), partners in one project by IRI.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from vdk_graph.kinds import ORGANISATION_KIND_NAMES, PARTICIPATION

if TYPE_CHECKING:
    import networkx as nx


def changed_nodes(old: Any, new: Any) -> set[str]:
    """The nodes of two projections (MultiDiGraphs) whose data or edges differ, and those of one only.

    Most nodes are the same objects in both; the others (read again, or next to a node read
    again) are compared by value."""
    old_node, old_succ, old_pred = old._node, old._succ, old._pred
    new_succ, new_pred = new._succ, new._pred
    changed = {n for n, data in new._node.items()
               if _differ(old_node.get(n), data) or _differ(old_succ.get(n), new_succ[n])
               or _differ(old_pred.get(n), new_pred[n])}
    changed.update(n for n in old_node if n not in new._node)
    return changed


def _differ(old: Any, new: Any) -> bool:
    return old is not new and old != new


def _participants(graph: Any, project: str) -> list[str]:
    """The organisations taking part in ``project`` (a node of ``graph``), sorted."""
    nodes = graph._node
    return sorted({source for source, keyed in graph._pred[project].items()
                   if nodes[source].get("kind") in ORGANISATION_KIND_NAMES
                   and any(d["relation"] in PARTICIPATION for d in keyed.values())})


def _projects(graph: Any, org: str) -> list[str]:
    return [target for target, keyed in graph._succ[org].items()
            if any(d["relation"] in PARTICIPATION for d in keyed.values())]


def updated_collaboration(old: Any, old_collab: nx.Graph, new: Any, changed: set[str]) -> nx.Graph:
    """The collaboration network of projection ``new`` from ``old_collab``, that of ``old``, given the
    nodes that differ between them (:func:`changed_nodes`)."""
    # Organisations whose partners may differ: those taking part, before or after, in a project whose
    # organisations may differ (a changed node, or one a changed node takes part in).
    projects: set[str] = set()
    for node in changed:
        for graph in (old, new):
            if node in graph._node:
                projects.add(node)
                projects.update(_projects(graph, node))
    again: set[str] = {n for n in changed if new._node.get(n, {}).get("kind") in ORGANISATION_KIND_NAMES}
    members: dict[str, list[str]] = {}
    for project in projects:
        for graph in (old, new):
            if project in graph._node:
                again.update(_participants(graph, project))
        if project in new._node:
            members[project] = _participants(new, project)
    nodes = {n: (old_collab._node[n] if n not in changed and n in old_collab._node else dict(data))
             for n, data in new._node.items() if data.get("kind") in ORGANISATION_KIND_NAMES}
    again &= nodes.keys()
    edges: dict[tuple[str, str], dict[str, Any]] = {}
    fresh: dict[str, dict[str, dict[str, Any]]] = {}
    old_adj = old_collab._adj
    for org in sorted(again):
        mine = _projects(new, org)
        for p in mine:
            if p not in members:
                members[p] = _participants(new, p)
        partners: dict[str, dict[str, Any]] = {}
        for project in sorted(mine, key=lambda p: (members[p][0], p)):
            for other in members[project]:
                if other == org:
                    continue
                kept = None if other in again else old_adj.get(org, {}).get(other)
                if kept is not None:  # its projects did not change: nor did the pair's
                    partners[other] = kept
                    continue
                pair = (org, other) if org < other else (other, org)
                data = edges.get(pair)
                if data is None:
                    data = edges[pair] = {"weight": 0, "projects": []}
                if other not in partners:
                    partners[other] = data
                if org < other or other not in again:  # each shared project counted once
                    data["weight"] += 1
                    data["projects"].append(project)
        fresh[org] = partners
    import networkx as nx

    collab = nx.Graph()
    collab._node = nodes
    collab._adj = {n: fresh[n] if n in fresh else old_adj[n] for n in nodes}
    return collab
