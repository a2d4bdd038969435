"""What the aggregates are computed from, read in one pass, with a fingerprint per family.

Each *family* of aggregates depends on a few kinds of triples only, and its
fingerprint is a SHA-1 of exactly those (sorted), so a family is current
exactly when what it counts has not changed — not whenever any triple of the
store changed, and not merely because the metrics or the aggregates graph itself
was written (the same reasoning as the network measures' fingerprint, ADR 0004):

* ``participation`` — every ``?x vdk:participatesIn ?project`` (ties, partner,
  project and participant counts);
* ``topics`` — every ``?project a vdk:Project ; vdk:keyword|vdk:researchArea|vdk:hasTopic ?t``;
* ``graph-sizes`` — the size of every named graph that is not derived (the
  ``sources`` query's counts; derived graphs are counted live);
* ``communities`` — the participations and every ``?x vdk:community ?c``;
* ``reach`` — the participations and which participants are knowledge institutions and which
  companies (their classes under ``vdk:KnowledgeInstitution`` and ``vdk:Company``): a class
  changed is a reach changed, though no participation is.

Reading goes through SPARQL (``Store.query``), so every backend is read the same way.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

import pyoxigraph as ox

from vdk_graph.namespaces import VDK_NS
from vdk_graph.results import SelectResult
from vdk_graph.store.base import Store

#: Importers whose graphs are computed from the others (never counted as sources, never inputs).
DERIVED_IMPORTERS = ("metrics", "aggregates")
FAMILIES = ("participation", "topics", "graph-sizes", "communities", "reach")
#: What the aggregates graph holds, in which terms: part of every fingerprint, and raised whenever
#: :mod:`.compute` writes something else, so aggregates an older vdk-graph counted are not current.
FORMAT = 3

_PREFIX = f"PREFIX vdk: <{VDK_NS}>\n"
PARTICIPATION = _PREFIX + "SELECT ?x ?project WHERE { ?x vdk:participatesIn ?project }"
TOPICS = _PREFIX + """SELECT ?project ?topic WHERE {
  ?project a vdk:Project ; vdk:keyword|vdk:researchArea|vdk:hasTopic ?topic }"""
COMMUNITIES = _PREFIX + "SELECT ?x ?community WHERE { ?x vdk:community ?community }"
#: Which participants count as knowledge institutions and which as companies (knowledge-reaches-companies).
KINDS = _PREFIX + """PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?x ?role WHERE {
  { ?kind rdfs:subClassOf* vdk:KnowledgeInstitution . ?x a ?kind . BIND("institution" AS ?role) }
  UNION
  { ?kind rdfs:subClassOf* vdk:Company . ?x a ?kind . BIND("company" AS ?role) }
}"""
IMPORTERS = _PREFIX + "SELECT ?g ?importer WHERE { GRAPH ?g { ?g vdk:importer ?importer } }"

Term = ox.NamedNode | ox.BlankNode | ox.Literal


@dataclass
class Inputs:
    """The triples the aggregates count, grouped the way the counting needs them."""

    #: project → its participants (IRIs only: a blank node cannot be named from another graph).
    participants: dict[ox.NamedNode, set[ox.NamedNode]] = field(default_factory=dict)
    #: project → its topics (IRIs or literals).
    topics: dict[ox.NamedNode, set[ox.NamedNode | ox.Literal]] = field(default_factory=dict)
    #: participant → its communities.
    communities: dict[ox.NamedNode, set[ox.NamedNode]] = field(default_factory=dict)
    #: participant → its roles for ``reach``: "institution", "company" or both.
    roles: dict[ox.NamedNode, set[ox.Literal]] = field(default_factory=dict)
    #: source graph → triples (derived graphs left out).
    sizes: dict[str, int] = field(default_factory=dict)
    #: the derived graphs (metrics, aggregates) in the store.
    derived: set[str] = field(default_factory=set)
    fingerprints: dict[str, str] = field(default_factory=dict)


def _rows(store: Store, sparql: str) -> Iterable[tuple[object, ...]]:
    result = store.query(sparql)
    assert isinstance(result, SelectResult)
    return result.rows


def _digest(lines: Iterable[str]) -> str:
    sha = hashlib.sha1(f"aggregates format {FORMAT}\n".encode())
    for line in sorted(lines):
        sha.update(line.encode("utf-8"))
        sha.update(b"\n")
    return sha.hexdigest()


def derived_graphs(store: Store) -> set[str]:
    """The graphs that describe themselves as computed by a derived importer (metrics, aggregates)."""
    return {g.value for g, importer in _rows(store, IMPORTERS)  # type: ignore[attr-defined]
            if isinstance(importer, ox.Literal) and importer.value in DERIVED_IMPORTERS}


def _grouped(store: Store, sparql: str, key: int, values: type | tuple[type, ...],
             ) -> tuple[list[str], dict[ox.NamedNode, set]]:
    """The rows as fingerprint lines (both terms, in the query's order), and grouped: column ``key``'s
    IRI → the set of the other column's terms of the types ``values`` (a blank node cannot be named
    from another graph)."""
    lines = []
    grouped: defaultdict[ox.NamedNode, set] = defaultdict(set)
    for row in _rows(store, sparql):
        lines.append(f"{row[0]} {row[1]}")
        k, v = row[key], row[1 - key]
        if isinstance(k, ox.NamedNode) and isinstance(v, values):
            grouped[k].add(v)
    return lines, dict(grouped)


def read(store: Store, families: Iterable[str] = FAMILIES) -> Inputs:
    """The inputs of the given families, and their fingerprints."""
    wanted = set(families)
    inputs = Inputs()
    if wanted & {"participation", "communities", "reach"}:
        lines, inputs.participants = _grouped(store, PARTICIPATION, 1, ox.NamedNode)
        inputs.fingerprints["participation"] = _digest(lines)
    if "topics" in wanted:
        lines, inputs.topics = _grouped(store, TOPICS, 0, (ox.NamedNode, ox.Literal))
        inputs.fingerprints["topics"] = _digest(lines)
    if "communities" in wanted:
        lines, inputs.communities = _grouped(store, COMMUNITIES, 0, ox.NamedNode)
        inputs.fingerprints["communities"] = _digest([inputs.fingerprints["participation"], *lines])
    if "reach" in wanted:
        lines, inputs.roles = _grouped(store, KINDS, 0, ox.Literal)
        inputs.fingerprints["reach"] = _digest([inputs.fingerprints["participation"], *lines])
    if "graph-sizes" in wanted:
        inputs.derived = derived_graphs(store)
        inputs.sizes = {g: n for g, n in store.graph_sizes().items() if g not in inputs.derived}
        inputs.fingerprints["graph-sizes"] = _digest(f"{g} {n}" for g, n in inputs.sizes.items())
    return inputs


def fingerprints(store: Store, families: Iterable[str] = FAMILIES) -> dict[str, str]:
    """The current fingerprint of each of ``families`` (what a freshness check compares)."""
    return read(store, families).fingerprints
