"""A small made-up ecosystem whose money, years and places are counted by hand in the insight tests.

Five organisations in four places (Aarhus and Copenhagen and Odense in three
Danish regions, Malmö in Sweden with no region) and one nowhere; four projects
(one undated); six grants covering every rule of ``vdk_graph.insights``: one
under a programme, one two funders gave together (in EUR), one without a
recipient (its money goes to its project's lead), one given per year (DKK
100,000 a year for 2020–2022), one without an amount, one in SEK (named like a
spreadsheet formula). ``RATES_TTL`` adds a source stating an EUR rate for
2021–2022 (none for SEK). Never real data.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from flask import Flask
from rdflib import Graph

from tests.factories import store_from_turtle
from vdk_graph.config import Settings
from vdk_graph.ontology import ONTOLOGY_GRAPH, load_ontology
from vdk_graph.store import MemoryStore
from webapp import create_app

ID = "https://w3id.org/vdk/id/"
GRAPH, RATES_GRAPH = ID + "graph/test/insights", ID + "graph/test/insight-rates"
SOURCE, RATES_SOURCE = "https://example.org/insights", "https://example.org/eur-rates"
ORG = ID + "organisation/"
F1, F2, A, B, C, D, E = (ORG + k for k in ("filmfonden", "eu", "studio-a", "studio-b", "uni-c", "lab-d",
                                           "loner-e"))
P1, P2, P3, P4 = (ID + "project/" + k for k in ("p1", "p2", "p3", "p4"))
G = ID + "grant/"
PROGRAMME = ID + "programme/p"
XR, VR, GAMES = (ID + "topic/" + k for k in ("xr", "vr", "games"))
MIDT, HOVEDSTADEN, SYD, SWEDEN = (ID + "place/" + k for k in ("midt", "hovedstaden", "syd", "sweden"))
AARHUS, COPENHAGEN, ODENSE, MALMO = (ID + "place/" + k for k in ("aarhus", "copenhagen", "odense", "malmo"))

PREFIXES = """
@prefix vdk: <https://w3id.org/vdk/ontology#> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> . @prefix schema: <https://schema.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> . @prefix prov: <http://www.w3.org/ns/prov#> .
@prefix o: <https://w3id.org/vdk/id/organisation/> . @prefix pl: <https://w3id.org/vdk/id/place/> .
@prefix t: <https://w3id.org/vdk/id/topic/> . @prefix p: <https://w3id.org/vdk/id/project/> .
@prefix g: <https://w3id.org/vdk/id/grant/> . @prefix pr: <https://w3id.org/vdk/id/programme/> .
"""

WORLD_TTL = PREFIXES + f"""
<{GRAPH}> a vdk:SourceGraph ; rdfs:label "Insight test source" ; prov:wasDerivedFrom <{SOURCE}> .
pl:denmark a vdk:Country ; rdfs:label "Denmark" .
pl:sweden a vdk:Country ; rdfs:label "Sweden" .
pl:midt a vdk:Region ; rdfs:label "Central Denmark Region" ; vdk:locatedIn pl:denmark .
pl:hovedstaden a vdk:Region ; rdfs:label "Capital Region of Denmark" ; vdk:locatedIn pl:denmark .
pl:syd a vdk:Region ; rdfs:label "Region of Southern Denmark" ; vdk:locatedIn pl:denmark .
pl:aarhus a vdk:City ; rdfs:label "Aarhus" ; vdk:locatedIn pl:midt .
pl:copenhagen a vdk:City ; rdfs:label "Copenhagen"@en , "København"@da ; vdk:locatedIn pl:hovedstaden .
pl:odense a vdk:City ; rdfs:label "Odense" ; vdk:locatedIn pl:syd .
pl:malmo a vdk:City ; rdfs:label "Malmö" ; vdk:locatedIn pl:sweden .
t:xr a vdk:Topic ; skos:prefLabel "XR" .
t:vr a vdk:Topic ; skos:prefLabel "VR" ; skos:broader t:xr .
t:games a vdk:Topic ; skos:prefLabel "Games"@en , "Spil"@da .
pr:p a vdk:FundingProgramme ; rdfs:label "Test Programme" .

o:filmfonden a vdk:FundingBody ; rdfs:label "Filmfonden" ; vdk:basedIn pl:aarhus .
o:eu a vdk:PublicAuthority ; rdfs:label "European Union" .
o:studio-a a vdk:Company ; rdfs:label "Studio A" ; vdk:basedIn pl:aarhus ;
    vdk:participatesIn p:p1 , p:p2 .
o:studio-b a vdk:Company ; rdfs:label "Studio B" ; vdk:basedIn pl:copenhagen ;
    vdk:participatesIn p:p1 , p:p3 .
o:uni-c a vdk:University ; rdfs:label "Uni C" ; vdk:basedIn pl:odense ; vdk:participatesIn p:p2 , p:p3 .
o:lab-d a vdk:Company ; rdfs:label "Lab D" ; vdk:basedIn pl:malmo ; vdk:participatesIn p:p3 .
o:loner-e a vdk:Company ; rdfs:label "Loner E" ; vdk:participatesIn p:p4 .

p:p1 a vdk:Project ; rdfs:label "Project One" ; schema:startDate "2019-03-01"^^xsd:date ;
    schema:endDate "2021-06-30"^^xsd:date ; vdk:keyword t:vr ; vdk:hasLeadPartner o:studio-a .
p:p2 a vdk:Project ; rdfs:label "Project Two" ; vdk:startYear "2021"^^xsd:gYear ;
    vdk:endYear "2022"^^xsd:gYear ; vdk:keyword t:games ; vdk:hasLeadPartner o:uni-c .
p:p3 a vdk:Project ; rdfs:label "Project Three" ; schema:startDate "2022-01-01"^^xsd:date ;
    vdk:keyword t:games ; vdk:hasLeadPartner o:lab-d .
p:p4 a vdk:Project ; rdfs:label "Project Four" .

g:g1 a vdk:Grant ; rdfs:label "Grant one" ; vdk:awardedBy o:filmfonden ; vdk:recipient o:studio-a ;
    vdk:partOfProgramme pr:p ; vdk:grantFor p:p1 ; vdk:amount 1000000 ; vdk:currency "DKK" ;
    schema:startDate "2019-05-01"^^xsd:date .
g:g2 a vdk:Grant ; rdfs:label "Grant two" ; vdk:awardedBy o:filmfonden , o:eu ; vdk:recipient o:uni-c ;
    vdk:grantFor p:p2 ; vdk:amount 500000 ; vdk:currency "EUR" ;
    vdk:startYear "2021"^^xsd:gYear ; vdk:endYear "2022"^^xsd:gYear .
g:g3 a vdk:Grant ; rdfs:label "Grant three" ; vdk:awardedBy o:eu ; vdk:grantFor p:p3 ;
    vdk:amount 200000 ; vdk:currency "EUR" ; schema:startDate "2022-02-01"^^xsd:date .
g:g4 a vdk:Grant ; rdfs:label "Grant four" ; vdk:awardedBy o:filmfonden ; vdk:recipient o:studio-b ;
    vdk:annualAmount 100000 ; vdk:currency "DKK" ; vdk:startYear "2020"^^xsd:gYear ;
    vdk:endYear "2022"^^xsd:gYear .
g:g5 a vdk:Grant ; rdfs:label "Grant five" ; vdk:awardedBy o:filmfonden ; vdk:recipient o:studio-a .
g:g6 a vdk:Grant ; rdfs:label '=HYPERLINK("https://example.org/six")' ; vdk:awardedBy o:eu ;
    vdk:recipient o:lab-d ; vdk:amount 50000 ; vdk:currency "sek" ; schema:startDate "2022-09-01"^^xsd:date .
"""

RATES_TTL = PREFIXES + f"""
<{RATES_GRAPH}> a vdk:SourceGraph ; rdfs:label "EUR rates" ; prov:wasDerivedFrom <{RATES_SOURCE}> .
<https://w3id.org/vdk/id/rate/eur-2021-2022> a schema:ExchangeRateSpecification ; schema:currency "EUR" ;
    schema:currentExchangeRate [ a schema:UnitPriceSpecification ; schema:price 7.45 ;
                                 schema:priceCurrency "DKK" ; schema:validFrom "2021-01-01"^^xsd:date ;
                                 schema:validThrough "2022-12-31"^^xsd:date ] .
"""


def insight_store(rates: bool = False) -> MemoryStore:
    """The made-up ecosystem, with the ontology (the classes of organisations) and, if asked, EUR rates."""
    graphs: dict[str, str | Graph] = {ONTOLOGY_GRAPH: load_ontology(), GRAPH: WORLD_TTL}
    if rates:
        graphs[RATES_GRAPH] = RATES_TTL
    return store_from_turtle(graphs)


@pytest.fixture(scope="module")
def insights_store() -> Iterator[MemoryStore]:
    store = insight_store()
    yield store
    store.close()


@pytest.fixture(scope="module")
def insights_rates_store() -> Iterator[MemoryStore]:
    store = insight_store(rates=True)
    yield store
    store.close()


@pytest.fixture(scope="module")
def insights_app(insights_store: MemoryStore) -> Flask:
    return create_app(Settings(store="memory:"), {"TESTING": True}, store=insights_store)


@pytest.fixture(scope="module")
def insights_rates_app(insights_rates_store: MemoryStore) -> Flask:
    return create_app(Settings(store="memory:"), {"TESTING": True}, store=insights_rates_store)
