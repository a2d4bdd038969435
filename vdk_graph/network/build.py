"""Reading the store into the projection: whole, or (:class:`Rows` restricted to some nodes) a part of it.

The same queries serve both, so that an update (:mod:`vdk_graph.network.update`) computes
what a full read would for the nodes it looks at again. Where several statements compete
for one value (two cities, two roles in a project, two grants between the same two) the
choice depends on the values, never on the order the store returns rows in, and the
graph comes out in sorted order (:func:`canonical`): the projection is a function of the
data alone.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

import networkx as nx
import pyoxigraph as ox

from vdk_graph.kinds import ORGANISATION_KINDS, OTHER_KINDS, PARTICIPATION, ROLE_RELATION, node_kind
from vdk_graph.network.ecosystem import Ecosystem
from vdk_graph.network.money import add_money
from vdk_graph.network.rows import Rows, add_edge
from vdk_graph.place_choice import most_precise
from vdk_graph.store.base import Store

NODE_CLASSES = " ".join(f"<{c}>" for c in sorted({iri for iri, _ in ORGANISATION_KINDS} | set(OTHER_KINDS)))


def node_kinds(rows: Rows) -> dict[str, str]:
    """Each node's kind, from its classes (the nodes of the projection are the things of these kinds)."""
    types: dict[str, set[str]] = defaultdict(set)
    query = f"SELECT DISTINCT ?s ?type WHERE {{ VALUES ?type {{ {NODE_CLASSES} }} ?s a ?type }}"
    for row in rows(query, "s"):
        types[row["s"]].add(row["type"])
    return {node: kind for node, node_types in types.items() if (kind := node_kind(node_types))}


def build_ecosystem(store: Store) -> Ecosystem:
    """Read the store into the typed network (prefer :func:`ecosystem`, which caches)."""
    version = store.data_version()
    graph = nx.MultiDiGraph()
    rows = Rows(store)
    for node, kind in node_kinds(rows).items():
        graph.add_node(node, kind=kind, topics=set(), years=set(), programmes=set())
    fill(rows, graph)
    _spread_to_organisations(graph)
    finish(graph)
    return Ecosystem(canonical(graph), version)


def fill(rows: Rows, graph: nx.MultiDiGraph) -> None:
    """Labels, places, every kind of edge, topics, programmes and years of the nodes in ``graph``."""
    _add_labels(rows, graph)
    _add_places(rows, graph)
    _add_participation(rows, graph)
    add_money(rows, graph)
    _add_memberships_and_positions(rows, graph)
    _add_structure(rows, graph)
    _add_topics_and_programmes(rows, graph)
    _add_years(rows, graph)
    _add_closing(rows, graph)


def finish(graph: nx.MultiDiGraph, nodes: Iterable[str] | None = None) -> None:
    """Topics and programmes sorted, years as the first and the last (of ``nodes``, default all)."""
    for node in graph if nodes is None else nodes:
        data = graph.nodes[node]
        data["topics"] = sorted(data["topics"])
        data["programmes"] = sorted(data["programmes"])
        years = sorted(data.pop("years"))
        data["first_year"], data["last_year"] = (years[0], years[-1]) if years else (None, None)


def canonical(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """The graph with its nodes and edges in sorted order.

    The order of a networkx graph is the order things were added, and what is computed
    from it follows it (Louvain's communities, which of two equally short paths is found,
    sums of floats). Sorted, the projection depends on the data alone, however it was
    made: read whole or updated from a write (:mod:`vdk_graph.network_update`).
    """
    return sorted_graph(graph.nodes(data=True), graph.edges(keys=True, data=True))


def sorted_graph(nodes: Iterable[tuple[str, dict[str, Any]]],
                 edges: Iterable[tuple[str, str, Any, dict[str, Any]]]) -> nx.MultiDiGraph:
    """A graph of these nodes and edges, their data dictionaries taken as they are, in sorted order.

    What ``add_nodes_from`` and ``add_edges_from`` make of the sorted lists, made directly
    (three times quicker at 200,000 edges): each edge's key dictionary is shared by its
    source's successors and its target's predecessors, as networkx shares it.
    """
    graph = nx.MultiDiGraph()
    node = dict(sorted(nodes, key=lambda item: item[0]))
    succ: dict[str, dict[str, dict[Any, dict[str, Any]]]] = {n: {} for n in node}
    pred: dict[str, dict[str, dict[Any, dict[str, Any]]]] = {n: {} for n in node}
    for u, v, key, data in sorted(edges, key=lambda e: (e[0], e[1], e[2])):
        keys = succ[u].get(v)
        if keys is None:
            keys = succ[u][v] = pred[v][u] = {}
        keys[key] = data
    graph._node, graph._succ, graph._adj, graph._pred = node, succ, succ, pred
    return graph


def _add_labels(rows: Rows, graph: nx.MultiDiGraph) -> None:
    """Each node's name per language, by the rule entity pages and search use (entity_facts.label_rank).

    A label tagged with the language wins; an untagged one serves both; among several, the one
    most sources state, then the shortest.
    """
    query = """SELECT ?s ?label (COUNT(DISTINCT ?g) AS ?sources) WHERE {
            GRAPH ?g { ?s rdfs:label ?label } } GROUP BY ?s ?label"""
    if rows.values is None:
        found = rows.store.select(query).rows
    else:
        found = rows.store.select(query.replace("WHERE {", f"WHERE {{ VALUES ?s {{ {rows.values} }}", 1)).rows
    best: dict[tuple[str, str], tuple[int, int, int, str]] = {}
    for s, label, sources in found:
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


def _add_places(rows: Rows, graph: nx.MultiDiGraph) -> None:
    """The place (and its region) an organisation is based in: of several, the most precise by the
    rule matchmaking uses too (:mod:`vdk_graph.place_choice`), named by its first English or untagged
    name (none: no city shown, rather than a less precise place); the region is the first (by IRI)
    that holds that place."""
    names: dict[str, set[str]] = defaultdict(set)
    regions: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    cities: set[str] = set()
    based: dict[str, set[str]] = defaultdict(set)
    found = rows("""SELECT ?s ?city ?cityLabel ?isCity ?region ?regionLabel WHERE {
            ?s vdk:basedIn ?city .
            OPTIONAL { ?city rdfs:label ?cityLabel FILTER(LANG(?cityLabel) IN ("", "en")) }
            OPTIONAL { ?city a vdk:City . BIND(1 AS ?isCity) }
            OPTIONAL { ?city vdk:locatedIn ?region . ?region a vdk:Region
                       OPTIONAL { ?region rdfs:label ?regionLabel FILTER(LANG(?regionLabel) IN ("", "en")) } }
            }""", "s")
    for row in found:
        if row["s"] not in graph:
            continue
        place = row["city"]
        based[row["s"]].add(place)
        if row.get("cityLabel"):
            names[place].add(row["cityLabel"])
        if row.get("isCity"):
            cities.add(place)
        if row.get("region"):
            labels = regions[place][row["region"]]
            if row.get("regionLabel"):
                labels.add(row["regionLabel"])
    for node, places in based.items():
        place = most_precise(places, cities, regions)
        if names.get(place):
            graph.nodes[node]["city"] = min(names[place])
        region_names = regions[place][min(regions[place])] if place in regions else set()
        if region_names:
            graph.nodes[node]["region"] = min(region_names)


#: Of several roles an agent has in one project, the edge shows the first of these.
ROLE_RANK = {"lead": 0, "partner": 1, "participant": 2}


def _add_participation(rows: Rows, graph: nx.MultiDiGraph) -> None:
    roles: dict[tuple[str, str], str] = {}
    found = rows("""SELECT ?agent ?project ?role WHERE {
            ?project vdk:hasParticipation ?x . ?x vdk:participant ?agent ; vdk:role ?role }""",
                 "agent", "project", variants={"agent": """SELECT ?agent ?project ?role WHERE {
            ?x vdk:participant ?agent ; vdk:role ?role . ?project vdk:hasParticipation ?x }"""})
    for row in found:
        relation = ROLE_RELATION.get(row["role"], "participant")
        key = (row["agent"], row["project"])
        if key not in roles or ROLE_RANK[relation] < ROLE_RANK[roles[key]]:
            roles[key] = relation
    ends = ("agent", "project")
    for row in rows("SELECT ?agent ?project WHERE { ?agent vdk:participatesIn ?project }", *ends):
        roles.setdefault((row["agent"], row["project"]), "participant")
    for row in rows("SELECT ?agent ?project WHERE { ?project vdk:hasLeadPartner ?agent }", *ends):
        roles[(row["agent"], row["project"])] = "lead"
    for (agent, project), relation in roles.items():
        add_edge(graph, agent, project, relation)


def _memberships(by_cluster: bool) -> str:
    chain = "?m vdk:cluster ?cluster . ?org vdk:hasMembership ?m" if by_cluster else \
        "?org vdk:hasMembership ?m . ?m vdk:cluster ?cluster"
    mark = "«cluster»" if by_cluster else "«org»"
    return f"""SELECT DISTINCT ?org ?cluster WHERE {{ {{ {mark} ?org vdk:memberOf ?cluster }}
            UNION {{ {mark} {chain} }} UNION {{ {mark} ?cluster vdk:hasMember ?org }} }}"""


def _positions(by_org: bool) -> str:
    chain = "?p vdk:positionIn ?org . ?person vdk:holdsPosition ?p" if by_org else \
        "?person vdk:holdsPosition ?p . ?p vdk:positionIn ?org"
    mark = "«org»" if by_org else "«person»"
    return f"""SELECT DISTINCT ?person ?org WHERE {{ {{ {mark} ?person vdk:affiliatedWith ?org }}
            UNION {{ {mark} {chain} }} }}"""


def _add_memberships_and_positions(rows: Rows, graph: nx.MultiDiGraph) -> None:
    for row in rows(_memberships(False), "org", "cluster", variants={"cluster": _memberships(True)}):
        add_edge(graph, row["org"], row["cluster"], "member")
    for row in rows(_positions(False), "person", "org", variants={"org": _positions(True)}):
        add_edge(graph, row["person"], row["org"], "position")


#: How organisations are made of one another: (relation, SPARQL pattern binding ?source and ?target).
STRUCTURE: tuple[tuple[str, str], ...] = (
    ("part", "?source vdk:subOrganisationOf ?target"),
    ("founder", "?target vdk:foundedBy ?source"),
    ("owner", "?target vdk:ownedBy ?source"),
    ("formed", "?source vdk:formedFrom ?target"),
)


def _add_structure(rows: Rows, graph: nx.MultiDiGraph) -> None:
    """Part of, founded by, owned by, formed from: ties that are not projects but link the ecosystem."""
    for relation, pattern in STRUCTURE:
        for row in rows(f"SELECT DISTINCT ?source ?target WHERE {{ {pattern} }}", "source", "target"):
            add_edge(graph, row["source"], row["target"], relation)


#: The predicates that give a thing a topic, and a programme (their objects' nodes are its topics …).
TOPIC_PATH, PROGRAMME_PATH = "vdk:keyword|vdk:researchArea|vdk:hasTopic|vdk:field", "vdk:partOfProgramme"


def _add_topics_and_programmes(rows: Rows, graph: nx.MultiDiGraph) -> None:
    for row in rows(f"SELECT DISTINCT ?s ?topic WHERE {{ ?s {TOPIC_PATH} ?topic }}", "s", "topic"):
        if row["s"] in graph and row["topic"] in graph:
            graph.nodes[row["s"]]["topics"].add(row["topic"])
            add_edge(graph, row["s"], row["topic"], "topic")
    query = f"SELECT DISTINCT ?s ?programme WHERE {{ ?s {PROGRAMME_PATH} ?programme }}"
    programmes = rows(query, "s", "programme")
    for row in programmes:
        if row["s"] in graph and row["programme"] in graph:
            graph.nodes[row["s"]]["programmes"].add(row["programme"])
            add_edge(graph, row["s"], row["programme"], "programme")


def _add_years(rows: Rows, graph: nx.MultiDiGraph) -> None:
    for row in rows("""SELECT ?p ?start ?end ?startYear ?endYear WHERE {
            ?p a vdk:Project .
            OPTIONAL { ?p schema:startDate ?start } OPTIONAL { ?p schema:endDate ?end }
            OPTIONAL { ?p vdk:startYear ?startYear } OPTIONAL { ?p vdk:endYear ?endYear } }""", "p"):
        if row["p"] not in graph:
            continue
        first = _year(row.get("start")) or _year(row.get("startYear"))
        last = _year(row.get("end")) or _year(row.get("endYear")) or first
        if first:
            graph.nodes[row["p"]]["years"].update(range(first, (last or first) + 1))


def _add_closing(rows: Rows, graph: nx.MultiDiGraph) -> None:
    """An organisation's closing year (``closed``; the earliest where sources differ): it keeps its
    history in the projection, and matchmaking no longer suggests it."""
    for row in rows("SELECT ?s ?year WHERE { ?s vdk:closingYear ?year }", "s"):
        year = _year(row.get("year"))
        if row["s"] in graph and year:
            data = graph.nodes[row["s"]]
            data["closed"] = min(year, data.get("closed") or year)


def _spread_to_organisations(graph: nx.MultiDiGraph, agents: Iterable[str] | None = None) -> None:
    """Organisations inherit the topics, years and programmes of the projects they take part in.

    ``agents``: only these take them (an update spreads to the agents it looks at again).
    """
    edges = graph.edges(data=True) if agents is None else graph.out_edges(list(agents), data=True)
    for source, target, data in edges:
        if data["relation"] in PARTICIPATION:
            project = graph.nodes[target]
            agent = graph.nodes[source]
            agent["topics"].update(project["topics"])
            agent["years"].update(project["years"])
            agent["programmes"].update(project["programmes"])


def _year(value: Any) -> int | None:
    if value is None:
        return None
    if hasattr(value, "year"):
        return int(value.year)
    text = str(value)[:4]
    return int(text) if text.isdigit() else None
