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
sources say, whichever importer wrote it.
"""

from __future__ import annotations

import threading
from collections import OrderedDict, defaultdict
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field
from typing import Any, TypeVar, cast

import networkx as nx
import pyoxigraph as ox

from vdk_graph.derived import Derived

# The kinds table (re-exported here, where the network's users have always found it).
from vdk_graph.kinds import (  # noqa: E402
    NODE_KINDS,
    ORGANISATION_KIND_NAMES,
    ORGANISATION_KINDS,
    OTHER_KINDS,
    RELATIONS,
    ROLE_RELATION,
    node_kind,
)
from vdk_graph.store.base import Store
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
            self._collaboration = collaboration_graph(self.graph)
        return self._collaboration


def collaboration_graph(graph: nx.MultiDiGraph) -> nx.Graph:
    collab = nx.Graph()
    participants: dict[str, set[str]] = defaultdict(set)
    for source, target, data in graph.edges(data=True):
        if data["relation"] in ("lead", "partner", "participant") and graph.nodes[source].get("kind") in (
            ORGANISATION_KIND_NAMES
        ):
            participants[target].add(source)
    for node, data in graph.nodes(data=True):
        if data.get("kind") in ORGANISATION_KIND_NAMES:
            collab.add_node(node, **data)
    for project, orgs in participants.items():
        members = sorted(orgs)
        for i, a in enumerate(members):
            for b in members[i + 1:]:
                if collab.has_edge(a, b):
                    collab[a][b]["weight"] += 1
                    collab[a][b]["projects"].append(project)
                else:
                    collab.add_edge(a, b, weight=1, projects=[project])
    return collab


# --------------------------------------------------------------------------- building




def build_ecosystem(store: Store) -> Ecosystem:
    """Read the store into the typed network (prefer :func:`ecosystem`, which caches)."""
    version = store.data_version()
    graph = nx.MultiDiGraph()
    node_classes = sorted({iri for iri, _ in ORGANISATION_KINDS} | set(OTHER_KINDS))
    values = " ".join(f"<{c}>" for c in node_classes)
    types: dict[str, set[str]] = defaultdict(set)
    typed = store.select(f"SELECT DISTINCT ?s ?type WHERE {{ VALUES ?type {{ {values} }} ?s a ?type }}")
    for row in typed.dicts():
        types[row["s"]].add(row["type"])
    for node, node_types in types.items():
        kind = node_kind(node_types)
        if kind:
            graph.add_node(node, kind=kind, topics=set(), years=set(), programmes=set())
    _add_labels(store, graph)
    _add_places(store, graph)
    _add_participation(store, graph)
    _add_money(store, graph)
    _add_memberships_and_positions(store, graph)
    _add_structure(store, graph)
    _add_topics_and_programmes(store, graph)
    _add_years(store, graph)
    _spread_to_organisations(graph)
    for _, data in graph.nodes(data=True):
        data["topics"] = sorted(data["topics"])
        data["programmes"] = sorted(data["programmes"])
        years = sorted(data.pop("years"))
        data["first_year"], data["last_year"] = (years[0], years[-1]) if years else (None, None)
    return Ecosystem(graph, version)


def _add_labels(store: Store, graph: nx.MultiDiGraph) -> None:
    """Each node's name per language, by the rule entity pages and search use (entity_facts.label_rank).

    A label tagged with the language wins; an untagged one serves both; among several, the one
    most sources state, then the shortest.
    """
    result = store.select(
        """SELECT ?s ?label (COUNT(DISTINCT ?g) AS ?sources) WHERE {
            GRAPH ?g { ?s rdfs:label ?label } } GROUP BY ?s ?label"""
    )
    best: dict[tuple[str, str], tuple[int, int, int, str]] = {}
    for s, label, sources in result.rows:
        if not isinstance(s, ox.NamedNode) or s.value not in graph or not isinstance(label, ox.Literal):
            continue
        lang = getattr(label, "language", None)
        for target in (lang,) if lang in ("en", "da") else ("en", "da"):
            rank = (0 if lang == target else 1, -int(sources.value), len(label.value), label.value)  # type: ignore[union-attr]
            key = (s.value, target)
            if key not in best or rank < best[key]:
                best[key] = rank
    for (node, lang), rank in best.items():
        graph.nodes[node][f"label_{lang}"] = rank[3]


def _add_places(store: Store, graph: nx.MultiDiGraph) -> None:
    rows = store.select("""SELECT ?s ?cityLabel ?regionLabel WHERE {
        ?s vdk:basedIn ?city . ?city rdfs:label ?cityLabel
        OPTIONAL { ?city vdk:locatedIn ?region . ?region a vdk:Region ; rdfs:label ?regionLabel } }""")
    for row in rows.dicts():
        if row["s"] in graph:
            data = graph.nodes[row["s"]]
            data.setdefault("city", row["cityLabel"])
            if row.get("regionLabel"):
                data.setdefault("region", row["regionLabel"])


def _add_edge(graph: nx.MultiDiGraph, source: str, target: str, relation: str, **attrs: Any) -> None:
    if source in graph and target in graph and source != target:
        graph.add_edge(source, target, key=relation, relation=relation, **attrs)


def _add_participation(store: Store, graph: nx.MultiDiGraph) -> None:
    roles: dict[tuple[str, str], str] = {}
    for row in store.select("""SELECT ?agent ?project ?role WHERE {
            ?project vdk:hasParticipation ?x . ?x vdk:participant ?agent ; vdk:role ?role }""").dicts():
        relation = ROLE_RELATION.get(row["role"], "participant")
        key = (row["agent"], row["project"])
        if roles.get(key) != "lead":
            roles[key] = relation
    for row in store.select("SELECT ?agent ?project WHERE { ?agent vdk:participatesIn ?project }").dicts():
        roles.setdefault((row["agent"], row["project"]), "participant")
    for row in store.select("SELECT ?agent ?project WHERE { ?project vdk:hasLeadPartner ?agent }").dicts():
        roles[(row["agent"], row["project"])] = "lead"
    for (agent, project), relation in roles.items():
        _add_edge(graph, agent, project, relation)


def _add_money(store: Store, graph: nx.MultiDiGraph) -> None:
    for row in store.select("""SELECT ?grant ?funder ?target ?amount ?currency WHERE {
            ?grant a vdk:Grant ; vdk:awardedBy ?funder .
            OPTIONAL { ?grant vdk:amount ?amount ; vdk:currency ?currency }
            { ?grant vdk:grantFor ?target } UNION
            { ?grant vdk:recipient ?target FILTER NOT EXISTS { ?grant vdk:grantFor ?p } } }""").dicts():
        _add_edge(graph, row["funder"], row["target"], "funds", grant=row["grant"],
                  amount=_number(row.get("amount")), currency=row.get("currency"))
    for row in store.select("SELECT ?thing ?funder WHERE { ?thing vdk:fundedBy ?funder }").dicts():
        if not graph.has_edge(row["funder"], row["thing"], key="funds"):
            _add_edge(graph, row["funder"], row["thing"], "funds")
    for row in store.select("""SELECT ?inv ?investor ?investee ?amount ?currency ?stake WHERE {
            ?inv a vdk:Investment ; vdk:investor ?investor ; vdk:investee ?investee .
            OPTIONAL { ?inv vdk:amount ?amount ; vdk:currency ?currency }
            OPTIONAL { ?inv vdk:stakePercent ?stake } }""").dicts():
        _add_edge(graph, row["investor"], row["investee"], "invests", investment=row["inv"],
                  amount=_number(row.get("amount")), currency=row.get("currency"),
                  stake=_number(row.get("stake")))
    for row in store.select("SELECT ?investor ?investee WHERE { ?investor vdk:investsIn ?investee }").dicts():
        if not graph.has_edge(row["investor"], row["investee"], key="invests"):
            _add_edge(graph, row["investor"], row["investee"], "invests")
    # Capital put into a fund by its owners funds it; it is not a venture deal ("invests").
    for row in store.select("""SELECT ?contributor ?fund WHERE {
            { ?c a vdk:CapitalContribution ; vdk:contributor ?contributor ; vdk:contributionTo ?fund }
            UNION { ?contributor vdk:contributesCapitalTo ?fund } }""").dicts():
        if not graph.has_edge(row["contributor"], row["fund"], key="funds"):
            _add_edge(graph, row["contributor"], row["fund"], "funds")


def _add_memberships_and_positions(store: Store, graph: nx.MultiDiGraph) -> None:
    for row in store.select("""SELECT DISTINCT ?org ?cluster WHERE {
            { ?org vdk:memberOf ?cluster } UNION { ?org vdk:hasMembership/vdk:cluster ?cluster }
            UNION { ?cluster vdk:hasMember ?org } }""").dicts():
        _add_edge(graph, row["org"], row["cluster"], "member")
    for row in store.select("""SELECT DISTINCT ?person ?org WHERE { { ?person vdk:affiliatedWith ?org }
            UNION { ?person vdk:holdsPosition/vdk:positionIn ?org } }""").dicts():
        _add_edge(graph, row["person"], row["org"], "position")


#: How organisations are made of one another: (relation, SPARQL pattern binding ?source and ?target).
STRUCTURE: tuple[tuple[str, str], ...] = (
    ("part", "?source vdk:subOrganisationOf ?target"),
    ("founder", "?target vdk:foundedBy ?source"),
    ("owner", "?target vdk:ownedBy ?source"),
    ("formed", "?source vdk:formedFrom ?target"),
)


def _add_structure(store: Store, graph: nx.MultiDiGraph) -> None:
    """Part of, founded by, owned by, formed from: ties that are not projects but link the ecosystem."""
    for relation, pattern in STRUCTURE:
        for row in store.select(f"SELECT DISTINCT ?source ?target WHERE {{ {pattern} }}").dicts():
            _add_edge(graph, row["source"], row["target"], relation)


def _add_topics_and_programmes(store: Store, graph: nx.MultiDiGraph) -> None:
    for row in store.select("""SELECT DISTINCT ?s ?topic WHERE {
            ?s vdk:keyword|vdk:researchArea|vdk:hasTopic|vdk:field ?topic }""").dicts():
        if row["s"] in graph and row["topic"] in graph:
            graph.nodes[row["s"]]["topics"].add(row["topic"])
            _add_edge(graph, row["s"], row["topic"], "topic")
    programmes = store.select("SELECT DISTINCT ?s ?programme WHERE { ?s vdk:partOfProgramme ?programme }")
    for row in programmes.dicts():
        if row["s"] in graph and row["programme"] in graph:
            graph.nodes[row["s"]]["programmes"].add(row["programme"])
            _add_edge(graph, row["s"], row["programme"], "programme")


def _add_years(store: Store, graph: nx.MultiDiGraph) -> None:
    for row in store.select("""SELECT ?p ?start ?end ?startYear ?endYear WHERE {
            ?p a vdk:Project .
            OPTIONAL { ?p schema:startDate ?start } OPTIONAL { ?p schema:endDate ?end }
            OPTIONAL { ?p vdk:startYear ?startYear } OPTIONAL { ?p vdk:endYear ?endYear } }""").dicts():
        if row["p"] not in graph:
            continue
        first = _year(row.get("start")) or _year(row.get("startYear"))
        last = _year(row.get("end")) or _year(row.get("endYear")) or first
        if first:
            graph.nodes[row["p"]]["years"].update(range(first, (last or first) + 1))


def _spread_to_organisations(graph: nx.MultiDiGraph) -> None:
    """Organisations inherit the topics, years and programmes of the projects they take part in."""
    for source, target, data in graph.edges(data=True):
        if data["relation"] in ("lead", "partner", "participant"):
            project = graph.nodes[target]
            agent = graph.nodes[source]
            agent["topics"].update(project["topics"])
            agent["years"].update(project["years"])
            agent["programmes"].update(project["programmes"])


def _number(value: Any) -> float | None:
    try:
        return float(value) if value is not None else None
    except (TypeError, ValueError):
        return None


def _year(value: Any) -> int | None:
    if value is None:
        return None
    if hasattr(value, "year"):
        return int(value.year)
    text = str(value)[:4]
    return int(text) if text.isdigit() else None


# --------------------------------------------------------------------------- the derived view

#: Once per data version and store, in memory only: the map and the entity pages need all of it, so a
#: file would have to be read back whole, and the commands that start often read the matchmaking
#: index's file instead, which needs no projection (docs/decisions/0013-derived-data-on-disk.md).
ECOSYSTEM: Derived[Ecosystem] = Derived("network projection", lambda store: build_ecosystem(store), keys=1)


def ecosystem(store: Store) -> Ecosystem:
    """The projection of ``store``, recomputed only when its data changed."""
    return ECOSYSTEM.get(store)


def subgraph(eco: Ecosystem, nodes: Iterable[str]) -> nx.MultiDiGraph:
    return eco.graph.subgraph(list(nodes)).copy()


__all__ = [
    "Ecosystem", "NODE_KINDS", "ORGANISATION_KINDS", "ORGANISATION_KIND_NAMES", "RELATIONS",
    "build_ecosystem", "collaboration_graph", "ecosystem", "subgraph",
]
