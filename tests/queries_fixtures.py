"""The test graph of the named queries, and an app over it.

``query_graph`` holds what every named query needs to find something: the curated
data (``data/``, built as ``vdk-graph build`` does, ontology included), a small
synthetic ecosystem (grants, investments, clusters, places, topics), the Pure
fixture with people in project roles, one synthetic person holding a position and
one synthetic exchange rate (the curated data records none).
``named_params`` gives, for each query with required parameters, values that the
test graph answers (found by asking it, not written in by hand).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from flask import Flask
from rdflib import Graph

from vdk_graph import synth
from vdk_graph.config import Settings
from vdk_graph.curation.build import build
from vdk_graph.importers.base import ImportContext, run_import
from vdk_graph.importers.pure import PureImporter
from vdk_graph.results import SelectResult
from vdk_graph.store import MemoryStore, Store
from vdk_graph.synth.rdf import provenance_triples, triples
from vdk_graph.vocab import RDF, RDFS, VDK, XSD
from webapp import create_app

ROOT = Path(__file__).parent.parent
DATA = ROOT / "data"
PEOPLE_PAGE = Path(__file__).parent / "fixtures" / "pure" / "english_people.txt"
SYNTH_ORGS, SYNTH_SEED = 60, 3
POSITION_GRAPH = "https://w3id.org/vdk/id/graph/test/positions"
RATE_GRAPH = "https://w3id.org/vdk/id/graph/test/rates"
#: A made-up rate (flagged synthetic), as a source would state one: schema.org's ExchangeRateSpecification.
RATE_TTL = f"""
@prefix schema: <https://schema.org/> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix prov: <http://www.w3.org/ns/prov#> . @prefix vdk: <https://w3id.org/vdk/ontology#> .
<{RATE_GRAPH}> a vdk:SourceGraph ; prov:wasDerivedFrom <https://example.org/test/rates> .
<https://w3id.org/vdk/id/synthetic/rate/eur> a schema:ExchangeRateSpecification ; schema:currency "EUR" ;
    vdk:synthetic true ;
    schema:currentExchangeRate [ schema:price 7.45 ; schema:priceCurrency "DKK" ;
                                 schema:validFrom "2020-01-01"^^xsd:date ] .
"""

#: For each named query with required parameters: a SPARQL query whose first row gives values for them.
PROBES = {
    "project-partners": "SELECT ?project WHERE { ?project vdk:hasParticipation/vdk:participant ?o } LIMIT 1",
    "organisation-projects": "SELECT ?organisation WHERE { ?organisation vdk:participatesIn ?p } LIMIT 1",
    "organisation-partners": """SELECT ?organisation WHERE {
        ?organisation vdk:participatesIn ?p . ?other vdk:participatesIn ?p FILTER(?other != ?organisation)
    } LIMIT 1""",
    "organisation-funders": "SELECT ?organisation WHERE { ?g vdk:recipient ?organisation } LIMIT 1",
    "fact-provenance": "SELECT ?subject WHERE { GRAPH ?g { ?subject vdk:participatesIn ?p } } LIMIT 1",
    "find-by-name": 'SELECT ("film" AS ?text) WHERE {}',
    # The shipped data has no Aarhus *company* in a cluster project of 2021-2024 (Filmby Aarhus and
    # Aarhus University are there): ask for every kind.
    "cluster-project-participants-in-city": 'SELECT ("Aarhus" AS ?city) (vdk:Organisation AS ?kind) WHERE {}',
}


def _node(term: object) -> ox.NamedNode:
    return ox.NamedNode(str(term))


def position_triples(organisation: str) -> list[ox.Triple]:
    """One synthetic person, director of ``organisation`` (synth makes no people with positions)."""
    person = ox.NamedNode("https://w3id.org/vdk/id/synthetic/person/test-director")
    position = ox.NamedNode("https://w3id.org/vdk/id/synthetic/position/test-director")
    return [
        ox.Triple(person, _node(RDF.type), _node(VDK.Person)),
        ox.Triple(person, _node(RDFS.label), ox.Literal("Test Director (synthetic)")),
        ox.Triple(person, _node(VDK.holdsPosition), position),
        ox.Triple(person, _node(VDK.synthetic), ox.Literal("true", datatype=_node(XSD.boolean))),
        ox.Triple(position, _node(RDF.type), _node(VDK.Position)),
        ox.Triple(position, _node(VDK.holder), person),
        ox.Triple(position, _node(VDK.positionIn), ox.NamedNode(organisation)),
        ox.Triple(position, _node(VDK.positionRole), _node(VDK.Director)),
        ox.Triple(position, _node(VDK.jobTitle), ox.Literal("direktør", language="da")),
        ox.Triple(position, _node(VDK.startYear), ox.Literal("2019", datatype=_node(XSD.gYear))),
    ]


def fill_query_graph(store: Store) -> None:
    settings = Settings(store="memory:", data_dir=DATA)
    build(store, settings)
    add_to_built(store)


def add_to_built(store: Store) -> None:
    """What the named queries' test graph holds beside the built data (synthetic ecosystem, people)."""
    settings = Settings(store="memory:", data_dir=DATA)
    ecosystem = synth.generate(SYNTH_ORGS, seed=SYNTH_SEED)
    with store.transaction() as tx:
        tx.replace_graph(ecosystem.graph_iri, provenance_triples(ecosystem) + list(triples(ecosystem)))
        tx.replace_graph(POSITION_GRAPH, position_triples(ecosystem.orgs[0].iri))
        tx.replace_graph(RATE_GRAPH, Graph().parse(data=RATE_TTL, format="turtle"))
    context = ImportContext.for_store(store, settings, source_url="https://example.org/test/english-people")
    run_import(store, PureImporter(), [PEOPLE_PAGE], context)


@pytest.fixture(scope="session")
def query_graph() -> Iterator[MemoryStore]:
    """The named queries' test graph (built once per session; tests only read it)."""
    store = MemoryStore()
    fill_query_graph(store)
    yield store
    store.close()


def probe(store: Store, name: str) -> dict[str, str]:
    """Parameter values for the named query ``name`` that the graph has answers for."""
    if name not in PROBES:
        return {}
    result = store.query("PREFIX vdk: <https://w3id.org/vdk/ontology#>\n" + PROBES[name])
    assert isinstance(result, SelectResult)
    row = next(iter(result.rows), None)
    assert row is not None, f"the test graph has nothing for the probe of {name}"
    return {var: term.value for var, term in zip(result.variables, row, strict=True)}  # type: ignore[union-attr]


@pytest.fixture(scope="session")
def named_params(query_graph: MemoryStore) -> dict[str, dict[str, str]]:
    from vdk_graph import queries

    return {q.name: probe(query_graph, q.name) for q in queries.load_all()}


@pytest.fixture(scope="module")
def queries_app(query_graph: MemoryStore) -> Flask:
    return create_app(Settings(store="memory:", data_dir=DATA), {"TESTING": True}, store=query_graph)
