"""A map view as the page receives it: vis-network nodes and edges built with pyvis, legend, totals, facets.

pyvis builds the network: we fill ``Network.nodes`` / ``Network.edges``
directly and take its options from ``get_network_data()`` — never
``Network.from_nx``, which took 12 s for 1,000 nodes here — and never its HTML
template, which loads Bootstrap from a CDN and puts titles in as raw HTML. Our
page (``webapp/templates/map.html``) draws it.

Everything from the data is plain text in the JSON: labels, tooltips
(``title``, which vis-network 9 shows with ``innerText``) and facts. Positions
come from :mod:`vdk_graph.mapview.layout`; views are cached per data version,
so the second visitor of a view pays nothing.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

import networkx as nx
from pyvis.network import Network

from vdk_graph.derived.gc_pause import paused_gc
from vdk_graph.mapview.layout import layout
from vdk_graph.mapview.query import MapQuery
from vdk_graph.mapview.select import Selection, select, whole
from vdk_graph.mapview.strings import TEXTS
from vdk_graph.mapview.style import (
    KINDS,
    MAX_SIZE,
    MIN_SIZE,
    RELATION_STYLES,
    kind_label,
    legend,
    node_style,
    relation_label,
)
from vdk_graph.names import fold
from vdk_graph.network import NODE_KINDS, RELATIONS, Ecosystem
from vdk_graph.texts import other_lang

#: Above this many nodes the page starts with physics off and uses the server's positions as they are.
PHYSICS_MAX = 300
#: Topic and programme names listed in a tooltip at most.
LISTED = 4


@dataclass
class MapView:
    """One view of the map, ready to be sent as JSON or exported."""

    query: MapQuery
    nodes: list[dict[str, Any]]
    edges: list[dict[str, Any]]
    options: dict[str, Any]
    totals: dict[str, int]
    physics: bool
    version: str
    legend: dict[str, Any] = field(default_factory=dict)
    years: tuple[int, int] | None = None

    def as_json(self) -> dict[str, Any]:
        return {
            "query": dict(self.query.to_args()),
            "lang": self.query.lang,
            "focus": self.query.focus,
            "hops": self.query.hops if self.query.focus else None,
            "totals": self.totals,
            "physics": self.physics,
            "years": list(self.years) if self.years else None,
            "legend": self.legend,
            "options": self.options,
            "nodes": self.nodes,
            "edges": self.edges,
            "version": self.version,
        }

    def graph(self) -> nx.MultiDiGraph:
        """The view as a networkx graph with plain attributes (for GEXF and GraphML)."""
        graph = nx.MultiDiGraph()
        for node in self.nodes:
            # What is not known is left out, never written as 0 (Gephi read first_year=0 as the year 0).
            known = {key: node[key] for key in ("region", "city", "first_year", "last_year") if node.get(key)}
            graph.add_node(node["id"], label=node["label"], kind=node["kind"], x=node["x"], y=node["y"],
                           size=node["size"], colour=KINDS[node["kind"]].colour, score=node["score"],
                           degree=node["degree"], **known)
        for edge in self.edges:
            graph.add_edge(edge["from"], edge["to"], key=edge["relation"], relation=edge["relation"],
                           label=edge["title"], weight=edge["strength"])
        return graph


# --------------------------------------------------------------------------- building


def build_view(eco: Ecosystem, query: MapQuery) -> MapView:
    """The view of ``eco`` that ``query`` asks for (prefer :func:`map_view`, which caches)."""
    chosen = selection(eco, query)
    positions = _positions(eco, chosen)
    lang = query.lang
    top = max(chosen.scores.values(), default=0.0)
    nodes = [_node(eco, n, chosen, positions[n], top, lang) for n in chosen.nodes]
    edges = [_edge(eco, a, b, relation, data, lang) for a, b, relation, data in chosen.edges]
    _first_appearances(nodes, edges)
    physics = len(nodes) <= PHYSICS_MAX
    years = [y for n in nodes for y in (n["first_year"], n["last_year"]) if y]
    shown_kinds = [k for k in NODE_KINDS if k in set(query.kinds) | {n["kind"] for n in nodes}]
    return MapView(
        query=query, nodes=nodes, edges=edges, options=_options(nodes, edges, physics), physics=physics,
        version=eco.version,
        totals={"nodes": eco.graph.number_of_nodes(), "edges": whole(eco).edges,
                "matching_nodes": chosen.matching_nodes, "matching_edges": chosen.matching_edges,
                "shown_nodes": len(nodes), "shown_edges": len(edges),
                "hidden_nodes": chosen.matching_nodes - len(nodes),
                "hidden_edges": chosen.matching_edges - len(edges)},
        legend=legend(lang, shown_kinds, sorted({e["relation"] for e in edges}, key=_relation_order)),
        years=(min(years), max(years)) if years else None,
    )


def _relation_order(relation: str) -> int:
    return RELATIONS.index(relation) if relation in RELATIONS else len(RELATIONS)


def selection(eco: Ecosystem, query: MapQuery) -> Selection:
    """What the view shows, kept by every part of the query but its language (which changes only the
    words): the warmer draws the default view in English and Danish, and at 1M choosing its nodes took
    ~0.9 s each time. Few are kept: a selection holds a score for every node that matched."""
    key = query.with_(lang="en").key()
    return eco.memo("map selections", key, lambda: select(eco, query), size=SELECTIONS_KEPT)


def _positions(eco: Ecosystem, chosen: Selection) -> dict[str, tuple[float, float]]:
    """Server-side layout of the shown nodes and edges, kept by node set (language does not change it)."""
    key = (hash(tuple(sorted(chosen.nodes))), len(chosen.edges))

    def lay_out() -> dict[str, tuple[float, float]]:
        simple = nx.Graph()
        simple.add_nodes_from(chosen.nodes)
        simple.add_edges_from((a, b) for a, b, _, _ in chosen.edges)
        return layout(simple)

    return eco.memo("map layouts", key, lay_out, size=VIEWS_KEPT)


def _node(eco: Ecosystem, node: str, chosen: Selection, position: tuple[float, float], top: float,
          lang: str) -> dict[str, Any]:
    data = eco.graph.nodes[node]
    kind = str(data.get("kind", "organisation"))
    label = eco.label(node, lang)
    other = eco.label(node, other_lang(lang))
    score = chosen.scores.get(node, 0.0)
    size = MIN_SIZE + (MAX_SIZE - MIN_SIZE) * ((score / top) ** 0.5 if top > 0 else 0.0)
    topics = [eco.label(t, lang) for t in data.get("topics", ()) if t in eco.graph]
    programmes = [eco.label(p, lang) for p in data.get("programmes", ()) if p in eco.graph]
    facts = _facts(data, kind, lang, topics, programmes, chosen.degree.get(node, 0))
    return {
        "id": node, "label": label, "group": kind, "kind": kind,
        "title": "\n".join([label, *(f"{k}: {v}" for k, v in facts)]),
        "x": position[0], "y": position[1], "size": round(size, 1), "score": round(score, 6),
        "degree": eco.graph.degree(node), "links": chosen.degree.get(node, 0),
        "search": fold(label if other == label else f"{label} {other}"),
        "other_label": other if other != label else None,
        "region": data.get("region"), "city": data.get("city"),
        "first_year": data.get("first_year"), "last_year": data.get("last_year"),
        "distance": chosen.distance.get(node), "facts": [[k, v] for k, v in facts],
    }


def fact_name(key: str, lang: str) -> str:
    """The name of one of a node's facts ("Links in this view")."""
    return TEXTS(f"fact.{key}", lang)


def _facts(data: dict[str, Any], kind: str, lang: str, topics: list[str], programmes: list[str],
           links: int) -> list[tuple[str, str]]:
    facts = [(fact_name("kind", lang), kind_label(kind, lang))]
    place = ", ".join(str(data[k]) for k in ("city", "region") if data.get(k))
    if place:
        facts.append((fact_name("place", lang), place))
    first, last = data.get("first_year"), data.get("last_year")
    if first:
        facts.append((fact_name("years", lang), str(first) if first == last else f"{first}–{last}"))
    facts.append((fact_name("links", lang), str(links)))
    for key, names in (("topics", topics), ("programmes", programmes)):
        if names:
            more = len(names) - LISTED
            listed = ", ".join(sorted(names)[:LISTED]) + (f" (+{more})" if more > 0 else "")
            facts.append((fact_name(key, lang), listed))
    return facts


def _edge(eco: Ecosystem, a: str, b: str, relation: str, data: dict[str, Any], lang: str) -> dict[str, Any]:
    title = relation_label(relation, lang)
    if data.get("amount") is not None:
        amount = f"{data['amount']:,.0f}".replace(",", TEXTS("thousands", lang))
        title += f" · {amount} {data.get('currency') or ''}".rstrip()
    strength = RELATION_STYLES[relation].strength if relation in RELATION_STYLES else 1.0
    return {"from": a, "to": b, "relation": relation, "title": title,
            "strength": strength, "year": _edge_year(eco, a, b)}


def _edge_year(eco: Ecosystem, a: str, b: str) -> int | None:
    """When a link appears: its project's first year, else the later of its ends' first years."""
    nodes = eco.graph.nodes
    for end in (a, b):
        if nodes[end].get("kind") == "project" and nodes[end].get("first_year"):
            return int(nodes[end]["first_year"])
    years = [nodes[e]["first_year"] for e in (a, b) if nodes[e].get("first_year")]
    return int(max(years)) if years else None


def _first_appearances(nodes: list[dict[str, Any]], edges: list[dict[str, Any]]) -> None:
    """``appears``: the year "over time" shows a node from (its own first year, else its first link's)."""
    earliest: dict[str, int] = {}
    for edge in edges:
        if edge["year"] is not None:
            for end in (edge["from"], edge["to"]):
                earliest[end] = min(earliest.get(end, edge["year"]), edge["year"])
    for node in nodes:
        node["appears"] = node["first_year"] or earliest.get(node["id"])


def _options(nodes: list[dict[str, Any]], edges: list[dict[str, Any]], physics: bool) -> dict[str, Any]:
    """vis-network options, set through pyvis (its Network holds the nodes and edges, filled directly)."""
    net = Network(directed=True, height="100%", width="100%", cdn_resources="local")
    net.nodes, net.edges = nodes, edges
    net.toggle_physics(physics)
    net.toggle_stabilization(physics)
    net.toggle_hide_edges_on_drag(len(edges) > 2000)
    if physics:
        net.force_atlas_2based(gravity=-40, central_gravity=0.005, spring_length=90, spring_strength=0.05,
                               damping=0.6, overlap=0.2)
        net.set_edge_smooth("continuous")
    else:
        net.options.edges.smooth.enabled = False
    *_, options_json = net.get_network_data()
    options: dict[str, Any] = json.loads(options_json)
    options.setdefault("physics", {}).setdefault("stabilization", {}).update(
        {"enabled": physics, "iterations": 120, "fit": True})
    options["edges"]["color"] = {"inherit": False}
    options["interaction"].update({"hover": True, "tooltipDelay": 150, "navigationButtons": False,
                                   "keyboard": {"enabled": True, "bindToWindow": False},
                                   "hideEdgesOnZoom": len(edges) > 2000})
    options["layout"] = {"improvedLayout": False, "randomSeed": 7}
    options["groups"] = {kind: node_style(kind) for kind in NODE_KINDS}
    options["nodes"] = {"font": {"size": 12, "face": "system-ui, sans-serif", "strokeWidth": 3,
                                 "strokeColor": "#ffffff"},
                        "borderWidth": 1, "borderWidthSelected": 3, "widthConstraint": {"maximum": 180}}
    return options


# --------------------------------------------------------------------------- kept with the projection

#: Views kept per network projection (each a few hundred kB; the map asks for few at a time).
VIEWS_KEPT = 64
#: Selections kept per projection (:func:`selection`): one view's, for its other language.
SELECTIONS_KEPT = 4


def map_view(eco: Ecosystem, query: MapQuery) -> MapView:
    """The view, kept with the projection it was drawn from (``Ecosystem.memo``)."""
    return eco.memo("map views", query.key(), lambda: _built(eco, query), size=VIEWS_KEPT)


def _built(eco: Ecosystem, query: MapQuery) -> MapView:
    """:func:`build_view` with the cyclic collector paused: the first view of a projection makes a set of
    neighbours per node (``select.whole``), which at 1M set it walking the whole process."""
    with paused_gc():
        return build_view(eco, query)


__all__ = ["MapView", "PHYSICS_MAX", "VIEWS_KEPT", "build_view", "fact_name", "map_view", "selection"]
