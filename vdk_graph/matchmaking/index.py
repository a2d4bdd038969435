"""What matchmaking knows about every organisation, read once per data change.

Suggestions must answer in milliseconds, so everything that does not depend on
the question is computed here, once per ``store.data_version()``: each
organisation's kinds, its *own* fields apart from the keywords of its projects
(a reason must not present a project keyword as what an organisation does),
projects and their years, how active it has been lately and how many partners it
has, existing ties of every sort (:mod:`~vdk_graph.matchmaking.ties`), funders,
programmes, place, and the TF-IDF vectors of its texts, plus the inverted
indexes (topic → organisations, programme → organisations …) that let a signal
touch only the organisations that can score. Built on the network projection
(:func:`vdk_graph.network.ecosystem`), with three extra reads of the store:
texts, places with their IRIs, and every class of each organisation (the
projection keeps one kind; "a company that invests" needs both).

The index is a :class:`~vdk_graph.derived.Derived` view kept on disk
(:mod:`~vdk_graph.matchmaking.index_file`): a new process reads the few
organisations a question touches from the file instead of rebuilding it all. Its
fields are therefore typed as read-only mappings: in memory they are dicts, read
from disk they are :class:`~vdk_graph.derived.sqlite_maps.LazyMap` s, and the signals
cannot tell them apart.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import threading
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any, Protocol

import pyoxigraph as ox

from vdk_graph.derived import Derived
from vdk_graph.kinds import ORGANISATION_KINDS
from vdk_graph.matchmaking.text import TextIndex, name_terms
from vdk_graph.matchmaking.ties import build_ties
from vdk_graph.namespaces import VDK_NS
from vdk_graph.results import SelectResult
from vdk_graph.store.base import Store
from vdk_graph.texts import other_lang

if TYPE_CHECKING:  # networkx is imported where a network is built: reading the index from disk needs none
    from vdk_graph.network import Ecosystem

PARTICIPATION = ("lead", "partner", "participant")
#: "Recently active" means taking part in a project running in the last this many years (the as-of
#: year included): long enough to see most organisations that are active, short enough to mean now.
ACTIVE_YEARS = 3
#: Kinds that are a role an organisation can have besides being something else: a games studio
#: that invests is first a company (and "a company that invests"), not "an investor".
ROLES = {"investor": "invests"}
_PREFIXES = f"""PREFIX vdk: <{VDK_NS}>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX dcterms: <http://purl.org/dc/terms/>
"""


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
        digest = hashlib.sha1()
        for org in sorted(self.orgs):
            digest.update(f"{org}\t{self.kind[org]}\t{','.join(sorted(self.topics[org]))}\n".encode())
        edges = ((min(u, v), max(u, v), d.get("weight", 1)) for u, v, d in self.collab.edges(data=True))
        for a, b, w in sorted(edges):
            digest.update(f"{a}\t{b}\t{w}\n".encode())
        return digest.hexdigest()

    @cached_property
    def path_graph(self) -> Any:
        """The typed network without topic nodes (:func:`build_path_graph`); read from disk, an
        :class:`~vdk_graph.matchmaking.graphs.AdjacencyGraph` of its own file."""
        with self._lock:
            return build_path_graph(self.eco)  # type: ignore[arg-type]  # in memory, eco is a projection


def build_path_graph(eco: Ecosystem) -> Any:
    """The typed network without topic nodes, undirected, each edge keeping its typed relations.

    Topics would connect everyone to everyone in two steps and explain nothing, so
    paths go through projects, programmes, funders, clusters and people only.
    """
    import networkx as nx

    graph = nx.Graph()
    for node, data in eco.graph.nodes(data=True):
        if data.get("kind") != "topic":
            graph.add_node(node)
    for source, target, data in eco.graph.edges(data=True):
        if source in graph and target in graph:
            if graph.has_edge(source, target):
                graph[source][target]["relations"].append((source, data["relation"], target))
            else:
                graph.add_edge(source, target, relations=[(source, data["relation"], target)])
    return graph


# --------------------------------------------------------------------------- building


def _select(store: Store, sparql: str) -> list[dict[str, Any]]:
    result = store.query(_PREFIXES + sparql)
    assert isinstance(result, SelectResult)
    return list(result.dicts())


def read_texts(store: Store) -> dict[str, list[str]]:
    """Titles, descriptions and layman's descriptions of everything that has them, by subject."""
    texts: dict[str, list[str]] = defaultdict(list)
    for row in _select(store, """SELECT ?s ?text WHERE { ?s dcterms:title|dcterms:description|dcterms:abstract
                                                           |vdk:laymansDescription|vdk:shortTitle ?text }"""):
        texts[row["s"]].append(str(row["text"]))
    return texts


def read_places(store: Store) -> dict[str, tuple[Place, Place | None]]:
    """Each organisation's city (what it is vdk:basedIn) and the region holding it, with IRIs and labels."""
    labels = _labels(store, "?x vdk:basedIn ?s . ?s rdfs:label ?label")
    regions: dict[str, str] = {}
    for row in _select(store, """SELECT DISTINCT ?city ?region WHERE {
            ?x vdk:basedIn ?city . ?city vdk:locatedIn ?region . ?region a vdk:Region }"""):
        regions.setdefault(row["city"], row["region"])
    region_labels = _labels(store, "?s a vdk:Region ; rdfs:label ?label") if regions else {}
    out: dict[str, tuple[Place, Place | None]] = {}
    for row in _select(store, "SELECT ?org ?place WHERE { ?org vdk:basedIn ?place }"):
        city = Place(row["place"], tuple(sorted(set(labels.get(row["place"], [])))))
        region_iri = regions.get(row["place"])
        in_region = (Place(region_iri, tuple(sorted(set(region_labels.get(region_iri, [])))))
                     if region_iri else None)
        out.setdefault(row["org"], (city, in_region))
    return out


def _labels(store: Store, pattern: str) -> dict[str, list[tuple[str, str]]]:
    """``?s``'s labels with language tags ('' for none), from a pattern binding ``?s`` and ``?label``."""
    result = store.query(_PREFIXES + f"SELECT ?s ?label WHERE {{ {pattern} }}")
    assert isinstance(result, SelectResult)
    labels: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for subject, label in result.rows:
        if isinstance(subject, ox.NamedNode) and isinstance(label, ox.Literal):
            labels[subject.value].append((label.language or "", label.value))
    return labels


def read_kinds(store: Store) -> dict[str, set[str]]:
    """Every organisation class of each organisation (the projection keeps only the most specific one)."""
    values = " ".join(f"<{iri}>" for iri, _ in ORGANISATION_KINDS)
    classes: dict[str, set[str]] = defaultdict(set)
    for row in _select(store, f"SELECT DISTINCT ?s ?type WHERE {{ VALUES ?type {{ {values} }} ?s a ?type }}"):
        classes[row["s"]].add(row["type"])
    return classes


def _kinds_of(classes: set[str], fallback: str) -> tuple[str, frozenset[str], frozenset[str]]:
    """(kind, every kind, roles) of an organisation with these classes; see :data:`ROLES`."""
    found = [kind for iri, kind in ORGANISATION_KINDS if iri in classes]
    kinds = list(dict.fromkeys(found)) or [fallback]
    if len(kinds) > 1 and kinds[-1] == "organisation":
        kinds.pop()  # vdk:Organisation is what every organisation also is
    main = next((k for k in kinds if k not in ROLES), kinds[0])
    roles = frozenset(ROLES[k] for k in kinds if k in ROLES and k != main)
    return main, frozenset(kinds), roles


def build_index(eco: Ecosystem, texts: dict[str, list[str]] | None = None,
                places: dict[str, tuple[Place, Place | None]] | None = None,
                classes: dict[str, set[str]] | None = None) -> MatchIndex:
    """The index of one projection (``texts``, ``places``, ``classes`` as :func:`read_texts`,
    :func:`read_places`, :func:`read_kinds` give)."""
    graph = eco.graph
    collab = eco.collaboration()
    orgs = sorted(collab.nodes)
    classes = classes or {}
    kind, kinds, roles = {}, {}, {}
    for o in orgs:
        kind[o], kinds[o], roles[o] = _kinds_of(classes.get(o, set()), str(collab.nodes[o].get("kind")
                                                                            or "organisation"))
    topics = {o: frozenset(collab.nodes[o].get("topics") or ()) for o in orgs}
    programmes = {o: frozenset(collab.nodes[o].get("programmes") or ()) for o in orgs}
    projects: dict[str, list[str]] = defaultdict(list)
    project_funders: dict[str, set[str]] = defaultdict(set)
    funders: dict[str, set[str]] = defaultdict(set)
    own: dict[str, set[str]] = defaultdict(set)
    investing: set[str] = set()
    for source, target, data in graph.edges(data=True):
        relation = data["relation"]
        if relation in PARTICIPATION and source in kind:
            projects[source].append(target)
        elif relation == "funds":
            if target in kind:
                funders[target].add(source)
            elif graph.nodes[target].get("kind") == "project":
                project_funders[target].add(source)
        elif relation == "topic" and source in kind:
            own[source].add(target)
        elif relation == "invests" and source in kind:
            investing.add(source)
    for o in investing:
        if kind[o] != "investor":
            roles[o] = roles[o] | {"invests"}
    years: dict[str, tuple[int, int]] = {}
    for org, own_projects in projects.items():
        own_projects.sort()
        for project in own_projects:
            funders[org] |= project_funders.get(project, set())
            data = graph.nodes[project]
            if data.get("first_year"):
                years[project] = (int(data["first_year"]), int(data.get("last_year") or data["first_year"]))
    fundees: dict[str, set[str]] = defaultdict(set)
    for org, funding in funders.items():
        funding.discard(org)
        for funder in funding:
            if funder in kind:
                fundees[funder].add(org)
    ties = build_ties(graph, collab, funders)
    relations = {o: set(ties.get(o, ())) for o in orgs}
    project_topics = {o: frozenset(sorted({t for p in projects.get(o, ())
                                           for t in graph.nodes[p].get("topics") or ()})) for o in orgs}
    own_topics = {o: frozenset(sorted(own.get(o, ()))) for o in orgs}
    project_orgs = _inverted((o, projects.get(o, ())) for o in orgs)
    topic_projects = _inverted((p, graph.nodes[p].get("topics") or ()) for p in sorted(project_orgs))

    n = len(orgs) or 1
    topic_orgs = _inverted(topics.items())
    topic_idf = {t: math.log((1 + n) / (1 + len(members))) + 1.0 for t, members in topic_orgs.items()}
    topic_norm = {o: math.sqrt(sum(topic_idf[t] ** 2 for t in topics[o])) for o in orgs}
    own_topic_orgs = _inverted(own_topics.items())
    own_idf = {t: math.log((1 + n) / (1 + len(members))) + 1.0 for t, members in own_topic_orgs.items()}
    own_norm = {o: math.sqrt(sum(own_idf[t] ** 2 for t in own_topics[o])) for o in orgs}
    programme_orgs = _inverted(programmes.items())
    tie_weight = {key: 1.0 / math.log(2 + len(members)) for key, members in programme_orgs.items()}
    tie_weight.update({f: 1.0 / math.log(2 + len(members)) for f, members in fundees.items()})

    starts = [first for first, _ in years.values()]
    now = min(max(starts), dt.date.today().year) if starts else None
    recent: dict[str, list[str]] = {}
    if now is not None:
        since = now - ACTIVE_YEARS + 1
        for org, own_projects in projects.items():
            running = [p for p in own_projects if p in years and years[p][1] >= since and years[p][0] <= now]
            if running:
                recent[org] = running

    places = places or {}
    city = {o: places[o][0] for o in orgs if o in places}
    region = {o: r for o in orgs if o in places and (r := places[o][1]) is not None}
    texts = texts or {}
    documents = {p: " ".join(texts.get(p) or [eco.label(p)]) for org in orgs for p in projects.get(org, ())}
    documents.update({f"org:{o}": " ".join(texts[o]) for o in orgs if texts.get(o)})
    groups = {o: [*projects.get(o, ()), *([f"org:{o}"] if texts.get(o) else [])] for o in orgs}
    names = [eco.label(node, lang) for node, data in graph.nodes(data=True)
             if data.get("kind") not in ("topic", "project") for lang in ("en", "da")]
    names += [label for place in [*city.values(), *region.values()] for _, label in place.labels]
    topic_words = [eco.label(t, lang) for t in topic_orgs for lang in ("en", "da")]
    return MatchIndex(
        eco=eco, collab=collab, orgs=orgs, kind=kind, topics=topics, topic_idf=topic_idf,
        topic_orgs=topic_orgs, topic_norm=topic_norm, projects=dict(projects), relations=relations,
        funders=_sorted_sets(funders), fundees=_sorted_sets(fundees), programmes=programmes,
        programme_orgs=programme_orgs,
        tie_weight=tie_weight, city=city, region=region,
        city_orgs=_inverted((o, [p.iri]) for o, p in city.items()),
        region_orgs=_inverted((o, [p.iri]) for o, p in region.items()),
        kind_orgs=_inverted((o, sorted(ks)) for o, ks in kinds.items()),
        text=TextIndex.build(documents, groups, ignore=name_terms(names, topic_words)),
        transitions=_transitions(collab),
        kinds=_sorted_sets(kinds), roles=_sorted_sets(roles), own_topics=own_topics,
        own_topic_orgs=own_topic_orgs, own_topic_idf=own_idf,
        own_topic_norm=own_norm, project_topics=project_topics, ties=ties, years=years, now=now,
        recent=recent, degree={o: len(collab.adj[o]) for o in orgs},
        popularity={o: math.log1p(len(collab.adj[o])) for o in orgs if collab.adj[o]},
        activity={o: math.log1p(len(running)) for o, running in recent.items()},
        topic_projects=topic_projects, project_orgs=project_orgs,
    )


def _sorted_sets(sets: Mapping[str, Any]) -> dict[str, Any]:
    """Each set (or frozenset) built again by inserting its items in sorted order.

    A set iterates in an order that depends on how it was built; one built from the
    sorted items depends on its items alone (and the process's hash seed), so the same
    set read back from the index's file iterates exactly as this one: the signals add
    floats in that order, and it decides ties.
    """
    return {key: type(values)(sorted(values)) for key, values in sets.items()}


def _transitions(collab: Any) -> dict[str, list[tuple[str, float]]]:
    """Each node's neighbours with the chance a weighted random walk steps there (plain lists: fast)."""
    out = {}
    for node, neighbours in collab.adj.items():
        total = sum(d.get("weight", 1) for d in neighbours.values())
        if total:
            out[node] = [(other, d.get("weight", 1) / total) for other, d in neighbours.items()]
    return out


def _inverted(items: Iterable[tuple[str, Iterable[str]]]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = defaultdict(list)
    for org, keys in items:
        for key in sorted(keys):
            out[key].append(org)
    return dict(out)


# --------------------------------------------------------------------------- the derived view


def _compute(store: Store) -> MatchIndex:
    from vdk_graph.network import ecosystem

    return build_index(ecosystem(store), read_texts(store), read_places(store), read_kinds(store))


def _codec() -> Any:
    from vdk_graph.matchmaking.index_file import IndexFile

    return IndexFile()


#: Once per data version, kept on disk beside the store (:mod:`~vdk_graph.matchmaking.index_file`).
MATCH_INDEX: Derived[MatchIndex] = Derived("matchmaking index", lambda store: _compute(store), keys=1,
                                           warm=((),), codec=_codec)


def match_index(store: Store) -> MatchIndex:
    """The index of ``store``: from memory, else from its file when that is current, else built (and kept)."""
    return MATCH_INDEX.get(store)
