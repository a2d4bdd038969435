"""The matchmaking index's shape: :class:`MatchIndex`, its places, and the network it walks for paths.

What :mod:`~vdk_graph.matchmaking.index` builds once per data change and
:mod:`~vdk_graph.matchmaking.index_file` reads back from disk. Kept apart from the
building so that reading the index from its file (a new process answering one
question) imports neither networkx nor the store's reads: its fields are typed as
read-only mappings, dicts in memory and :class:`~vdk_graph.derived.sqlite_maps.LazyMap` s
from disk, and the signals cannot tell them apart.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any, Protocol

from vdk_graph.derived.gc_pause import paused_gc
from vdk_graph.matchmaking.text import TextIndex
from vdk_graph.texts import other_lang

if TYPE_CHECKING:  # networkx is imported where a network is built: reading the index from disk needs none
    from vdk_graph.network import Ecosystem

#: "Recently active" means taking part in a project running in the last this many years (the as-of
#: year included): long enough to see most organisations that are active, short enough to mean now.
ACTIVE_YEARS = 3


class Nodes(Protocol):
    """What the index asks of the network projection: its data version, and each node's label and kind."""

    @property
    def version(self) -> str: ...

    def __contains__(self, node: object) -> bool: ...

    def label(self, node: str, lang: str = "en") -> str: ...

    def kind_of(self, node: str) -> str: ...


@dataclass(frozen=True)
class Place:
    iri: str
    labels: tuple[tuple[str, str], ...]

    def label(self, lang: str = "en") -> str:
        found = dict(self.labels)
        return found.get(lang) or found.get("") or found.get(other_lang(lang)) or self.iri.rsplit("/", 1)[-1]


@dataclass(frozen=True)
class Inputs:
    """What the index was built from besides the projection (the reads of
    :mod:`~vdk_graph.matchmaking.index_reads`), kept by an index built in this process so that the
    next data version's index can read again only what a write touched."""

    texts: Mapping[str, list[str]]
    places: Mapping[str, tuple[Place, Place | None]]
    classes: Mapping[str, set[str]]


@dataclass
class MatchIndex:
    """The question-independent part of matchmaking (see the module docstring)."""

    #: The network projection (in memory, an :class:`~vdk_graph.network.Ecosystem`).
    eco: Nodes
    #: The collaboration network: a ``networkx.Graph``, or read from disk an
    #: :class:`~vdk_graph.matchmaking.graphs.AdjacencyGraph` (both give ``adj`` and ``in``).
    collab: Any
    orgs: Sequence[str]
    #: The kind matchmaking reasons with: the most specific class, a role (investor) only if nothing else.
    kind: Mapping[str, str]
    #: Every topic an organisation has: its own fields and the keywords of its projects.
    topics: Mapping[str, frozenset[str]]
    topic_idf: Mapping[str, float]
    topic_orgs: Mapping[str, list[str]]
    topic_norm: Mapping[str, float]
    projects: Mapping[str, list[str]]
    #: Every organisation an organisation is already tied to: co-participants, funders, investors, clusters.
    relations: Mapping[str, set[str]]
    #: Organisations that fund an organisation or one of its projects.
    funders: Mapping[str, set[str]]
    #: The inverse: who a funder has funded (directly or through a project).
    fundees: Mapping[str, set[str]]
    programmes: Mapping[str, frozenset[str]]
    programme_orgs: Mapping[str, list[str]]
    #: Rarity weight of a programme or funder: 1 / log(2 + organisations sharing it).
    tie_weight: Mapping[str, float]
    city: Mapping[str, Place]
    region: Mapping[str, Place]
    city_orgs: Mapping[str, list[str]]
    region_orgs: Mapping[str, list[str]]
    kind_orgs: Mapping[str, list[str]]
    text: TextIndex
    #: Random-walk steps of the collaboration network: node → [(neighbour, weight / node's total weight)].
    transitions: Mapping[str, list[tuple[str, float]]] = field(default_factory=dict)
    #: Every kind an organisation is (a games studio that invests: company and investor).
    kinds: Mapping[str, frozenset[str]] = field(default_factory=dict)
    #: Roles besides its kind ("invests"), from its classes and from investments it made.
    roles: Mapping[str, frozenset[str]] = field(default_factory=dict)
    #: Its own fields (vdk:field, research areas, topics stated of the organisation itself).
    own_topics: Mapping[str, frozenset[str]] = field(default_factory=dict)
    own_topic_orgs: Mapping[str, list[str]] = field(default_factory=dict)
    own_topic_idf: Mapping[str, float] = field(default_factory=dict)
    own_topic_norm: Mapping[str, float] = field(default_factory=dict)
    #: The keywords of its projects (inherited, not its own).
    project_topics: Mapping[str, frozenset[str]] = field(default_factory=dict)
    #: Organisation → other organisation → tie keys (see :mod:`~vdk_graph.matchmaking.ties`).
    ties: Mapping[str, dict[str, set[str]]] = field(default_factory=dict)
    #: Project → (first year, last year), for projects with a date.
    years: Mapping[str, tuple[int, int]] = field(default_factory=dict)
    #: The year the data is "as of": the latest project start, never after this calendar year.
    now: int | None = None
    #: Organisation → its projects running in the last :data:`ACTIVE_YEARS` years.
    recent: Mapping[str, list[str]] = field(default_factory=dict)
    #: Organisation → the year a source says it closed: it keeps its history, but is never a candidate.
    closed: Mapping[str, int] = field(default_factory=dict)
    #: Organisation → the number of distinct organisations it has shared a project with.
    degree: Mapping[str, int] = field(default_factory=dict)
    #: ``log(1 + degree)`` of every organisation with a partner (the popularity signal, precomputed).
    popularity: Mapping[str, float] = field(default_factory=dict)
    #: ``log(1 + recent projects)`` of every recently active organisation (the activity signal).
    activity: Mapping[str, float] = field(default_factory=dict)
    #: Topic → the projects with it as a keyword; project → its participating organisations.
    topic_projects: Mapping[str, list[str]] = field(default_factory=dict)
    project_orgs: Mapping[str, list[str]] = field(default_factory=dict)
    #: Candidate → the share of all organisations' lists it appears in (the ``exposure`` penalty):
    #: computed on first use (:meth:`exposures`) and kept in the index's file.
    exposure: Mapping[str, float] | None = None
    #: What it was built from (read from its file's ``input_*`` tables when it has them; else None).
    inputs: Inputs | None = field(default=None, repr=False, compare=False)
    #: Each organisation's row (:class:`~vdk_graph.matchmaking.index_rows.OrgRow`), kept in memory by an
    #: index built in this process for the next data version's update; not in the file (None when read).
    rows: Mapping[str, Any] | None = field(default=None, repr=False, compare=False)
    #: How many names of the projection's nodes hold each term (``index._named``), kept likewise.
    named: Mapping[str, int] | None = field(default=None, repr=False, compare=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @property
    def version(self) -> str:
        return self.eco.version

    def label(self, node: str, lang: str = "en") -> str:
        if node in self.eco:
            return self.eco.label(node, lang)
        return node.rsplit("/", 1)[-1]

    def node_kind(self, node: str) -> str:
        return self.eco.kind_of(node) if node in self.eco else ""

    def neighbours(self, org: str) -> set[str]:
        """Co-participants in projects (the collaboration graph's neighbours)."""
        return set(self.collab.adj[org]) if org in self.collab else set()

    def has_history(self, org: str) -> bool:
        """Whether anything is known of its work: a project. Without one, suggestions are a cold start."""
        return bool(self.projects.get(org))

    def exposures(self) -> Mapping[str, float]:
        """Each candidate's exposure (:func:`~vdk_graph.matchmaking.suggestions.exposure_of`), once."""
        if self.exposure is None:
            from vdk_graph.matchmaking.suggestions import exposure_of

            with self._lock:  # exposure_of never reads path_graph, the lock's other user
                if self.exposure is None:
                    self.exposure = exposure_of(self)
        return self.exposure

    @cached_property
    def unrelated(self) -> list[str]:
        """Organisations with no tie of any kind, in the order of :attr:`orgs` (the outreach list).

        Kept in the index's file, so that listing them does not read every organisation's ties.
        """
        return [o for o in self.orgs if not self.relations.get(o)]

    @property
    def active_since(self) -> int | None:
        """The first year that counts as recent (see :data:`ACTIVE_YEARS`)."""
        return None if self.now is None else self.now - ACTIVE_YEARS + 1

    def last_year(self, org: str) -> int | None:
        """The last year any of its dated projects ran."""
        return max((self.years[p][1] for p in self.projects.get(org, ()) if p in self.years), default=None)

    @cached_property
    def fingerprint(self) -> str:
        """A hash of what the structure measures depend on (collaboration edges, kinds, topics).

        Writing the metrics graph changes the store's data version but not this, so the
        expensive measures survive their own publication.
        """
        # One string hashed at once (the same digest as line by line), the edges read from the
        # adjacency itself: at 1M, hashing 194k edges one update at a time through networkx's
        # views took 4 s of CPU, paid by every warm-up (the measures ask whether they are current).
        kind, topics = self.kind, self.topics
        lines = [f"{org}\t{kind[org]}\t{','.join(sorted(topics[org]))}\n" for org in sorted(self.orgs)]
        adj = getattr(self.collab, "_adj", None) or self.collab.adj
        # Each edge once, as (min, max), in the order of sorting all (u, v, weight) triples: the nodes
        # sorted, then each node's larger neighbours (a pair occurs once, so the weight never decides).
        # Sorting per node compares short lists of strings, not 194k tuples: 2.1 → 0.6 s of CPU at 1M.
        for u in sorted(adj):
            neighbours = adj[u]
            lines.extend([f"{u}\t{v}\t{neighbours[v].get('weight', 1)}\n"
                          for v in sorted(v for v in neighbours if u <= v)])
        return hashlib.sha1("".join(lines).encode()).hexdigest()

    @cached_property
    def path_graph(self) -> Any:
        """The typed network without topic nodes (:func:`build_path_graph`); read from disk, an
        :class:`~vdk_graph.matchmaking.graphs.AdjacencyGraph` of its own file."""
        with self._lock:
            return build_path_graph(self.eco)  # type: ignore[arg-type]  # in memory, eco is a projection


def transition(neighbours: Mapping[str, Mapping[str, Any]]) -> list[tuple[str, float]]:
    """A node's random-walk steps to its neighbours: each with the share of the node's edge weight."""
    total = sum(d.get("weight", 1) for d in neighbours.values())
    return [(other, d.get("weight", 1) / total) for other, d in neighbours.items()]


def has_weight(neighbours: Mapping[str, Mapping[str, Any]]) -> bool:
    """Whether a node has transitions (those whose weights sum to 0 have none)."""
    return bool(sum(d.get("weight", 1) for d in neighbours.values()))


def build_path_graph(eco: Ecosystem) -> Any:
    """The typed network without topic nodes, undirected, each edge keeping its typed relations.

    Topics would connect everyone to everyone in two steps and explain nothing, so
    paths go through projects, programmes, funders, clusters and people only.
    """
    with paused_gc():  # hundreds of thousands of dictionaries and lists that all live on
        return _path_graph(eco)


def _path_graph(eco: Ecosystem) -> Any:
    import networkx as nx

    # The adjacency is filled directly, in the order ``add_node``/``add_edge`` over ``nodes(data=True)`` and
    # ``edges(data=True)`` would fill it (the order of the neighbours decides which shortest path is
    # found): at 1M that went through networkx's views and checks 2.5 million times, ~1.2 s of every
    # warm-up after an import (``tests/matchmaking/test_path_graph.py`` holds the two equal).
    adj: dict[str, dict[str, dict[str, Any]]] = {
        node: {} for node, data in eco.graph.nodes(data=True) if data.get("kind") != "topic"}
    for source, targets in eco.graph.adj.items():
        mine = adj.get(source)
        if mine is None:
            continue
        for target, keyed in targets.items():
            theirs = adj.get(target)
            if theirs is None:
                continue
            for data in keyed.values():
                edge = mine.get(target)
                if edge is None:
                    mine[target] = theirs[source] = {"relations": [(source, data["relation"], target)]}
                else:
                    edge["relations"].append((source, data["relation"], target))
    graph = nx.Graph()
    graph._node = {node: {} for node in adj}
    graph._adj = adj
    return graph
