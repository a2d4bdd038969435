"""A small, made-up ecosystem for the entity page, search and language tests (never real data).

Two named graphs, each derived from its own (example.org) source, so that a test
can tell which source a fact was cited from. It has one of everything an entity
page groups: an organisation with a city and region, projects with roles and
dates, partners, a grant, an investment, a membership, a person with a position,
a topic, a programme, an indicator, an unusual property ("other facts"), an
organisation whose *name is an XSS attempt* and whose website is a
``javascript:`` URL, and names spelt the Danish way (Århus, Vækstfonden, Ærø).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.factories import app_for, store_from_turtle
from vdk_graph.store import MemoryStore

ID = "https://w3id.org/vdk/id/"
GRAPH_A, GRAPH_B = ID + "graph/test/a", ID + "graph/test/b"
SOURCE_A, SOURCE_B = "https://example.org/source-a", "https://example.org/source-b"
XSS = "<img src=x onerror=alert(1)>"

PREFIXES = """
@prefix vdk: <https://w3id.org/vdk/ontology#> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> . @prefix dcterms: <http://purl.org/dc/terms/> .
@prefix schema: <https://schema.org/> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix o: <https://w3id.org/vdk/id/organisation/> . @prefix pl: <https://w3id.org/vdk/id/place/> .
@prefix t: <https://w3id.org/vdk/id/topic/> . @prefix pr: <https://w3id.org/vdk/id/programme/> .
@prefix p: <https://w3id.org/vdk/id/project/> . @prefix x: <https://w3id.org/vdk/id/participation/> .
@prefix g: <https://w3id.org/vdk/id/grant/> . @prefix i: <https://w3id.org/vdk/id/investment/> .
@prefix m: <https://w3id.org/vdk/id/membership/> . @prefix pe: <https://w3id.org/vdk/id/person/> .
@prefix pos: <https://w3id.org/vdk/id/position/> . @prefix ind: <https://w3id.org/vdk/id/indicator/> .
"""

GRAPH_A_TTL = PREFIXES + f"""
<{GRAPH_A}> a vdk:SourceGraph ; rdfs:label "Test source A" ; prov:wasDerivedFrom <{SOURCE_A}> ;
    prov:generatedAtTime "2026-11-02T10:00:00Z"^^xsd:dateTime ; vdk:importer "rdf" .
<{SOURCE_A}> a vdk:Source ; rdfs:label "Source A page" ; vdk:retrieved "2026-11-01"^^xsd:date .

o:nordlys a vdk:Company ; rdfs:label "Nordlys Studio"@en , "Nordlys Studiet"@da ; skos:altLabel "NLS" ;
    vdk:basedIn pl:aarhus ; vdk:website <https://nordlys.example/> ; vdk:cvr "12345678" ;
    vdk:foundingYear "2011"^^xsd:gYear ; vdk:field t:xr ; vdk:hasMembership m:nordlys-vdk ;
    schema:slogan "Light in the north"@en ;
    vdk:participatesIn p:immersive .
o:uni a vdk:University ; rdfs:label "Aarhus University"@en , "Aarhus Universitet"@da ;
    vdk:basedIn pl:aarhus ; vdk:participatesIn p:immersive .
o:fund a vdk:FundingBody ; rdfs:label "Vækstfonden" .
o:vc a vdk:Investor ; rdfs:label "Nordic Capital Partners" .
o:vdk a vdk:ClusterOrganisation ; rdfs:label "Vision Denmark" .
o:isle a vdk:Company ; rdfs:label "Ærø Film" ; vdk:basedIn pl:aeroe ; vdk:closingYear "2023"^^xsd:gYear .
o:kbh a vdk:Company ; rdfs:label "København Games" .
pl:aarhus a vdk:City ; rdfs:label "Aarhus"@en , "Århus"@da ; vdk:locatedIn pl:midt .
pl:midt a vdk:Region ; rdfs:label "Region Midtjylland" .
pl:aeroe a vdk:City ; rdfs:label "Ærø" .
t:xr a vdk:Topic ; skos:prefLabel "Extended reality"@en , "Udvidet virkelighed"@da ; skos:altLabel "XR" .
pr:innovation a vdk:FundingProgramme ; rdfs:label "Innovationskraft" .

p:immersive a vdk:Project ; rdfs:label "Immersive Learning"@en ; dcterms:title "Immersive Learning"@en ;
    vdk:acronym "IMLE" ; vdk:shortTitle "IL 2020"@en ;
    schema:startDate "2020-05-27"^^xsd:date ; schema:endDate "2022-12-31"^^xsd:date ;
    vdk:status vdk:Finished ;
    vdk:keyword t:xr ; vdk:partOfProgramme pr:innovation ; vdk:laymansDescription "Læring med VR."@da ;
    vdk:hasParticipation x:immersive-nordlys , x:immersive-uni ; vdk:hasLeadPartner o:nordlys ;
    vdk:hasIndicator ind:immersive-jobs .
x:immersive-nordlys a vdk:Participation ; rdfs:label "Nordlys in Immersive Learning (lead)"@en ;
    vdk:participant o:nordlys ; vdk:role vdk:LeadPartner .
x:immersive-uni a vdk:Participation ; rdfs:label "Aarhus University in Immersive Learning (partner)"@en ;
    vdk:participant o:uni ; vdk:role vdk:ProjectPartner .
ind:immersive-jobs a vdk:KeyFinding ; rdfs:label "The project created 25 jobs."@en ;
    vdk:measure "new jobs"@en ;
    vdk:changeValue 25 ; vdk:unit "jobs" ; vdk:period "P2Y"^^xsd:duration ;
    vdk:sourceText "The project created 25 jobs."@en .
i:vc-nordlys a vdk:Investment ; rdfs:label "Nordic Capital Partners in Nordlys Studio" ;
    vdk:investor o:vc ; vdk:investee o:nordlys ; vdk:amount 2500000.5 ; vdk:currency "DKK" ;
    dcterms:date "2021-03-15"^^xsd:date ; vdk:stakePercent 20.5 .
m:nordlys-vdk a vdk:ClusterMembership ; rdfs:label "Nordlys Studio in Vision Denmark" ;
    vdk:cluster o:vdk ; schema:startDate "2019-01-01"^^xsd:date .
pe:anna a vdk:Person ; rdfs:label "Anna Hansen" ; vdk:holdsPosition pos:anna-nordlys .
pos:anna-nordlys a vdk:Position ; rdfs:label "Anna Hansen at Nordlys Studio" ; vdk:holder pe:anna ;
    vdk:positionIn o:nordlys ; vdk:positionRole vdk:ChiefExecutive ; vdk:jobTitle "CEO" .
"""

GRAPH_B_TTL = PREFIXES + f"""
<{GRAPH_B}> a vdk:SourceGraph ; rdfs:label "Test source B" ; prov:wasDerivedFrom <{SOURCE_B}> ;
    prov:generatedAtTime "2026-11-03T10:00:00Z"^^xsd:dateTime ; vdk:importer "rdf" .
<{SOURCE_B}> a vdk:Source ; rdfs:label "Source B page" .

o:nordlys a vdk:Company ; rdfs:label "Nordlys Studio"@en ; vdk:participatesIn p:games .
o:uni vdk:participatesIn p:games .
p:games a vdk:Project ; rdfs:label "Games Lab" ; vdk:startYear "2023"^^xsd:gYear .
g:vf-immersive a vdk:Grant ; rdfs:label "Vækstfonden grant for Immersive Learning" ;
    vdk:awardedBy o:fund ; vdk:recipient o:nordlys ; vdk:grantFor p:immersive ;
    vdk:partOfProgramme pr:innovation ; vdk:amount 9200000 ; vdk:currency "DKK" ;
    schema:startDate "2020-06-01"^^xsd:date ; schema:endDate "2022-12-31"^^xsd:date .
o:evil a vdk:Company ; rdfs:label "{XSS}" ; vdk:website <javascript:alert(2)> ;
    vdk:participatesIn p:immersive .
"""


def entity_test_store() -> MemoryStore:
    return store_from_turtle({GRAPH_A: GRAPH_A_TTL, GRAPH_B: GRAPH_B_TTL})


@pytest.fixture(scope="module")
def entity_store() -> Iterator[MemoryStore]:
    store = entity_test_store()
    yield store
    store.close()


@pytest.fixture(scope="module")
def entity_app(entity_store: MemoryStore) -> Flask:
    return app_for(entity_store)


@pytest.fixture
def entity_client(entity_app: Flask) -> FlaskClient:
    return entity_app.test_client()
