"""The network measures as triples, in their own named graph, so analysts can use them in SPARQL.

``vdk-graph metrics`` computes them and replaces ``{base}graph/metrics``::

    <org> vdk:degree 12 ; vdk:betweenness 0.031 ; vdk:participationCoefficient 0.54 ;
          vdk:community <{base}graph/metrics/community/3> .
    <{base}graph/metrics/community/3> a vdk:Community ;
          rdfs:label "Virtual production · Motion capture · Animation"@en ; vdk:hasTopic <topic> .

The graph describes itself like every other (``vdk_graph.importers.provenance``): derived
from every graph it was computed from, when, by importer ``metrics``, the method
and parameters in ``dcterms:description``, and the fingerprint of the
collaboration network in ``dcterms:identifier``, so a process that starts later
can load the measures instead of recomputing them (:func:`load_structure`) when
the network has not changed since. ``vdk-graph build`` removes the graph with the
rest, so stale measures never outlive the data they describe.

    SELECT ?org ?b WHERE { ?org vdk:betweenness ?b } ORDER BY DESC(?b) LIMIT 10
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, XSD

from vdk_graph import __version__
from vdk_graph.iris import Minter
from vdk_graph.matchmaking.index import MatchIndex, match_index
from vdk_graph.matchmaking.structure import (
    DEFAULT_SEED,
    Community,
    Structure,
    community_name,
    compute_structure,
)
from vdk_graph.namespaces import VDK_NS
from vdk_graph.results import SelectResult
from vdk_graph.store.base import Store
from vdk_graph.vocab import VDK

METRICS_GRAPH_NAME = "metrics"
IMPORTER = "metrics"
FINGERPRINT_PREFIX = "collaboration-network sha1:"


def metrics_graph(base_iri: str) -> str:
    return str(Minter(base_iri).graph(METRICS_GRAPH_NAME))


def community_iri(base_iri: str, number: int) -> str:
    return str(Minter(base_iri).graph(METRICS_GRAPH_NAME, "community", str(number)))


def metrics_triples(index: MatchIndex, structure: Structure, base_iri: str, sources: list[str],
                    now: dt.datetime | None = None) -> Graph:
    """The measures of ``structure`` and the graph's own provenance, as an rdflib graph."""
    graph = Graph()
    g = URIRef(metrics_graph(base_iri))
    when = (now or dt.datetime.now(dt.UTC)).replace(microsecond=0)
    graph.add((g, RDF.type, VDK.SourceGraph))
    graph.add((g, RDFS.label, Literal("Network measures: degree, betweenness, communities", lang="en")))
    graph.add((g, RDFS.label, Literal("Netværksmål: grad, mellemlæggende centralitet, fællesskaber",
                                      lang="da")))
    for source in sorted(set(sources)):
        graph.add((g, PROV.wasDerivedFrom, URIRef(source)))
    graph.add((g, PROV.generatedAtTime, Literal(when.isoformat(), datatype=XSD.dateTime)))
    graph.add((g, VDK.importer, Literal(IMPORTER)))
    graph.add((g, DCTERMS.creator, Literal(f"vdk-graph {__version__}")))
    graph.add((g, DCTERMS.identifier, Literal(FINGERPRINT_PREFIX + structure.fingerprint)))
    graph.add((g, DCTERMS.description, Literal(
        f"Co-participation network of {len(index.orgs)} organisations. Betweenness centrality (normalised) "
        f"from {structure.samples} seeded sample sources (seed {structure.seed}); Louvain communities "
        f"(seed {structure.seed}, weight = shared projects) named after their most typical topics; "
        "participation coefficient over those communities.", lang="en")))
    for org in index.orgs:
        node = URIRef(org)
        graph.add((node, VDK.degree, Literal(structure.degree.get(org, 0), datatype=XSD.integer)))
        graph.add((node, VDK.betweenness, _decimal(structure.betweenness.get(org, 0.0))))
        if org in structure.participation:
            graph.add((node, VDK.participationCoefficient, _decimal(structure.participation[org])))
        if org in structure.community_of:
            graph.add((node, VDK.community, URIRef(community_iri(base_iri, structure.community_of[org]))))
    for community in structure.communities:
        node = URIRef(community_iri(base_iri, community.number))
        graph.add((node, RDF.type, VDK.Community))
        for lang, label in community.labels.items():
            graph.add((node, RDFS.label, Literal(label, lang=lang)))
        for topic, _ in community.topics:
            graph.add((node, VDK.hasTopic, URIRef(topic)))
    return graph


def _decimal(value: float) -> Literal:
    return Literal(f"{value:.6f}", datatype=XSD.decimal)


@dataclass
class MetricsReport:
    graph: str
    organisations: int
    communities: int
    triples: int
    samples: int
    seconds: float

    def summary(self) -> str:
        return (f"{self.organisations} organisations, {self.communities} communities (betweenness from "
                f"{self.samples} samples): {self.triples} triples written to <{self.graph}> "
                f"in {self.seconds:.1f} s")


def write_metrics(store: Store, base_iri: str, *, samples: int | None = None,
                  seed: int = DEFAULT_SEED) -> MetricsReport:
    """Replace the metrics graph with the measures of the current network.

    With the default ``samples`` and ``seed`` the measures are the derived view's (from
    memory or disk when current: :mod:`~vdk_graph.matchmaking.cache`), else they are
    computed with the ones given. The graph written changes the data version but nothing
    the projection or the matchmaking index reads (``tests/test_derived_files.py`` holds
    that), so their derived data is carried over to the new version instead of rebuilt.
    """
    from vdk_graph.matchmaking import cache
    from vdk_graph.matchmaking.index import MATCH_INDEX
    from vdk_graph.matchmaking.index_file import PATH_NETWORK
    from vdk_graph.network import ECOSYSTEM

    started = time.perf_counter()
    index = match_index(store)
    if samples is None and seed == DEFAULT_SEED:
        structure = cache.structure_for(store, wait=True).structure
        assert structure is not None  # waited for
    else:
        structure = compute_structure(index, samples=samples, seed=seed)
    target = metrics_graph(base_iri)
    sources = [g for g in store.graph_sizes() if g != target]
    triples = metrics_triples(index, structure, base_iri, sources)
    before = store.data_version()
    with store.transaction() as tx:
        tx.replace_graph(target, triples)
    after = store.data_version()
    for view in (ECOSYSTEM, MATCH_INDEX, PATH_NETWORK):
        view.carry_over(store, before, after)
    cache.remember(store, structure)
    return MetricsReport(target, len(index.orgs), len(structure.communities), len(triples), structure.samples,
                         time.perf_counter() - started)


def load_structure(store: Store, index: MatchIndex) -> Structure | None:
    """The measures stored in a metrics graph computed from this very network, if there is one."""
    prefixes = f"PREFIX vdk: <{VDK_NS}>\nPREFIX dcterms: <http://purl.org/dc/terms/>\n"
    found = store.query(prefixes + f"""SELECT ?g ?description WHERE {{ GRAPH ?g {{
        ?g vdk:importer "{IMPORTER}" ; dcterms:identifier "{FINGERPRINT_PREFIX}{index.fingerprint}" .
        OPTIONAL {{ ?g dcterms:description ?description }} }} }} LIMIT 1""")
    assert isinstance(found, SelectResult)
    rows = list(found.dicts())
    if not rows:
        return None
    graph = rows[0]["g"]
    result = store.query(prefixes + f"""SELECT ?org ?degree ?betweenness ?pc ?community WHERE {{
        GRAPH <{graph}> {{
            ?org vdk:degree ?degree . OPTIONAL {{ ?org vdk:betweenness ?betweenness }}
            OPTIONAL {{ ?org vdk:participationCoefficient ?pc }} OPTIONAL {{ ?org vdk:community ?community }}
        }} }}""")
    assert isinstance(result, SelectResult)
    degree: dict[str, int] = {}
    betweenness: dict[str, float] = {}
    participation: dict[str, float] = {}
    members: dict[str, list[str]] = {}
    for row in result.dicts():
        org = row["org"]
        degree[org] = int(row["degree"])
        betweenness[org] = float(row.get("betweenness") or 0.0)
        if row.get("pc") is not None:
            participation[org] = float(row["pc"])
        if row.get("community"):
            members.setdefault(row["community"], []).append(org)
    communities: list[Community] = []
    community_of: dict[str, int] = {}
    for iri, orgs in members.items():
        number = int(iri.rsplit("/", 1)[-1])
        orgs.sort(key=lambda o: (-degree.get(o, 0), o))
        topics, labels = community_name(index, orgs, number)
        communities.append(Community(number, orgs, topics, labels))
        community_of.update(dict.fromkeys(orgs, number))
    communities.sort(key=lambda c: c.number)
    description = str(rows[0].get("description") or "")
    samples, seed = _parameters(description, len(degree))
    return Structure(index.fingerprint, degree, betweenness, participation, community_of, communities,
                     samples=samples, seed=seed)


def _parameters(description: str, default_samples: int) -> tuple[int, int]:
    """Samples and seed back from the description's words ("from 200 seeded sample sources (seed 42)")."""
    import re

    samples = re.search(r"from (\d+) seeded sample", description)
    seed = re.search(r"\(seed (\d+)\)", description)
    return (int(samples.group(1)) if samples else default_samples,
            int(seed.group(1)) if seed else DEFAULT_SEED)
