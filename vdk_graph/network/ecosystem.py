"""The projection's value: :class:`Ecosystem` (the typed network and what is computed from it) and its
collaboration network."""

from __future__ import annotations

import threading
from collections import OrderedDict, defaultdict
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import Any, TypeVar, cast

import networkx as nx

from vdk_graph.kinds import ORGANISATION_KIND_NAMES, PARTICIPATION
from vdk_graph.texts import other_lang

T = TypeVar("T")


@dataclass
class Ecosystem:
    """The projected network and what it was computed from."""

    graph: nx.MultiDiGraph
    version: str
    _collaboration: nx.Graph | None = field(default=None, repr=False)
    _memos: dict[str, OrderedDict[Hashable, Any]] = field(default_factory=dict, repr=False, compare=False)
    _memo_lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)
    #: The projection this one was updated from (:mod:`.update`), until its collaboration network is made
    #: from that one's (:mod:`.changed`); then dropped, so that projections do not hold each other.
    _previous: Ecosystem | None = field(default=None, repr=False, compare=False)

    def memo(self, name: str, key: Hashable, compute: Callable[[], T], size: int = 1) -> T:
        """A value computed from this projection (a map view, the map's choices …), kept with it.

        The projection is itself a derived view (one per data version): what is computed
        from it lives and dies with it, so no other cache needs to know the data version.
        The last ``size`` values per ``name`` are kept; two threads asking at once may both
        compute (the values are equal), which is cheaper than a lock held while drawing.
        """
        with self._memo_lock:
            kept = self._memos.setdefault(name, OrderedDict())
            if key in kept:
                kept.move_to_end(key)
                return cast(T, kept[key])
        value = compute()
        with self._memo_lock:
            kept[key] = value
            while len(kept) > size:
                kept.popitem(last=False)
        return value

    def forget_memos(self) -> None:
        """Drop what :meth:`memo` kept (benchmarks measure cold views this way)."""
        with self._memo_lock:
            self._memos.clear()

    def nodes_of(self, *kinds: str) -> list[str]:
        wanted = set(kinds)
        return [n for n, d in self.graph.nodes(data=True) if d.get("kind") in wanted]

    def organisations(self) -> list[str]:
        return self.nodes_of(*ORGANISATION_KIND_NAMES)

    def __contains__(self, node: object) -> bool:
        return node in self.graph

    def kind_of(self, node: str) -> str:
        """The node's kind ('' when it has none)."""
        return str(self.graph.nodes[node].get("kind", ""))

    def label(self, node: str, lang: str = "en") -> str:
        data = self.graph.nodes[node]
        found = data.get(f"label_{lang}") or data.get(f"label_{other_lang(lang)}")
        return str(found or node.rsplit("/", 1)[-1])

    def collaboration(self) -> nx.Graph:
        """Organisations linked by shared projects.

        Edge ``weight`` = number of projects, ``projects`` = their IRIs.
        """
        if self._collaboration is None:
            previous, self._previous = self._previous, None
            if previous is not None and previous._collaboration is not None:
                from vdk_graph.network.changed import changed_nodes, updated_collaboration

                old = previous.graph
                changed = self.memo("changed since", previous.version, lambda: changed_nodes(old, self.graph))
                self._collaboration = updated_collaboration(old, previous._collaboration, self.graph, changed)
            else:
                self._collaboration = collaboration_graph(self.graph)
        return self._collaboration


def collaboration_graph(graph: nx.MultiDiGraph) -> nx.Graph:
    collab = nx.Graph()
    participants: dict[str, set[str]] = defaultdict(set)
    for source, target, data in graph.edges(data=True):
        if data["relation"] in PARTICIPATION and graph.nodes[source].get("kind") in ORGANISATION_KIND_NAMES:
            participants[target].add(source)
    for node, data in graph.nodes(data=True):
        if data.get("kind") in ORGANISATION_KIND_NAMES:
            collab.add_node(node, **data)
    adj = collab._adj  # what add_edge does, without its checks (200,000 edges at 1M: half the time)
    for project, orgs in participants.items():
        members = sorted(orgs)
        for i, a in enumerate(members):
            for b in members[i + 1:]:
                data = adj[a].get(b)
                if data is not None:
                    data["weight"] += 1
                    data["projects"].append(project)
                else:
                    adj[a][b] = adj[b][a] = {"weight": 1, "projects": [project]}
    return collab
