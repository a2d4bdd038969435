"""A small, made-up ecosystem for the map tests (never real data), and a big one made in code.

Three projects in three periods (2015–16, 2021–23, 2023–24), two topics, a
programme, two regions, a grant, an investment, a membership and a person;
an organisation spelt the Danish way ("Filmby Århus") for the search; and two
organisations whose *names are attacks*: an ``<img onerror>`` and a
``</script>`` that would break out of an inline JSON block.
"""

from __future__ import annotations

from collections.abc import Iterator

import networkx as nx
import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.factories import store_from_turtle
from vdk_graph.config import Settings
from vdk_graph.network import Ecosystem
from vdk_graph.store import MemoryStore
from webapp import create_app

ID = "https://w3id.org/vdk/id/"
MAP_GRAPH = ID + "graph/test/map"
XSS = "<img src=x onerror=alert(1)>"
XSS_SCRIPT = "</script><script>alert(2)</script><!--"
FILMBY = ID + "organisation/filmby-aarhus"
NORDLYS = ID + "organisation/nordlys"
UNI = ID + "organisation/uni"
KBH = ID + "organisation/kbh"
FUND = ID + "organisation/fund"
VC = ID + "organisation/vc"
VDK = ID + "organisation/vdk"
EVIL = ID + "organisation/evil"
EVIL2 = ID + "organisation/evil-script"
ANNA = ID + "person/anna"
P_OLD, P_XR, P_FILM = ID + "project/old-games", ID + "project/xr-lab", ID + "project/film-futures"
T_XR, T_FILM = ID + "topic/xr", ID + "topic/film"
PROGRAMME = ID + "programme/innovationskraft"

MAP_TTL = f"""
@prefix vdk: <https://w3id.org/vdk/ontology#> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix schema: <https://schema.org/> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix o: <{ID}organisation/> . @prefix pl: <{ID}place/> . @prefix t: <{ID}topic/> .
@prefix pr: <{ID}programme/> . @prefix p: <{ID}project/> . @prefix x: <{ID}participation/> .
@prefix g: <{ID}grant/> . @prefix i: <{ID}investment/> . @prefix pe: <{ID}person/> .

o:filmby-aarhus a vdk:Municipality ; rdfs:label "Filmby Århus" ; vdk:basedIn pl:aarhus .
o:nordlys a vdk:Company ; rdfs:label "Nordlys Studio"@en , "Nordlys Studiet"@da ; vdk:basedIn pl:aarhus ;
    vdk:memberOf o:vdk .
o:uni a vdk:University ; rdfs:label "Aarhus University"@en , "Aarhus Universitet"@da ; vdk:basedIn pl:aarhus .
o:kbh a vdk:Company ; rdfs:label "København Games" ; vdk:basedIn pl:kbh .
o:fund a vdk:FundingBody ; rdfs:label "Vækstfonden" .
o:vc a vdk:Investor ; rdfs:label "Nordic Capital Partners" .
o:vdk a vdk:ClusterOrganisation ; rdfs:label "Vision Denmark" .
o:evil a vdk:Company ; rdfs:label "{XSS}" .
o:evil-script a vdk:Company ; rdfs:label "{XSS_SCRIPT}" .
pe:anna a vdk:Person ; rdfs:label "Anna Hansen" ; vdk:affiliatedWith o:nordlys .

pl:aarhus a vdk:City ; rdfs:label "Aarhus"@en , "Århus"@da ; vdk:locatedIn pl:midt .
pl:midt a vdk:Region ; rdfs:label "Region Midtjylland" .
pl:kbh a vdk:City ; rdfs:label "København" ; vdk:locatedIn pl:hovedstaden .
pl:hovedstaden a vdk:Region ; rdfs:label "Region Hovedstaden" .
t:xr a vdk:Topic ; rdfs:label "XR"@en , "Udvidet virkelighed"@da .
t:film a vdk:Topic ; rdfs:label "Film" .
pr:innovationskraft a vdk:FundingProgramme ; rdfs:label "Innovationskraft" .

p:old-games a vdk:Project ; rdfs:label "Old Games" ; schema:startDate "2015-03-01"^^xsd:date ;
    schema:endDate "2016-06-30"^^xsd:date ; vdk:hasLeadPartner o:kbh .
o:nordlys vdk:participatesIn p:old-games .
p:xr-lab a vdk:Project ; rdfs:label "XR Lab" ; schema:startDate "2021-01-01"^^xsd:date ;
    schema:endDate "2023-12-31"^^xsd:date ; vdk:keyword t:xr ; vdk:partOfProgramme pr:innovationskraft ;
    vdk:hasLeadPartner o:nordlys ; vdk:hasParticipation x:xr-uni .
x:xr-uni a vdk:Participation ; vdk:participant o:uni ; vdk:role vdk:ProjectPartner .
o:filmby-aarhus vdk:participatesIn p:xr-lab . o:evil vdk:participatesIn p:xr-lab .
o:evil-script vdk:participatesIn p:xr-lab .
p:film-futures a vdk:Project ; rdfs:label "Film Futures" ; schema:startDate "2023-02-01"^^xsd:date ;
    schema:endDate "2024-12-31"^^xsd:date ; vdk:keyword t:film ; vdk:hasLeadPartner o:filmby-aarhus .
o:uni vdk:participatesIn p:film-futures .
g:fund-xr a vdk:Grant ; rdfs:label "Grant for XR Lab" ; vdk:awardedBy o:fund ; vdk:grantFor p:xr-lab ;
    vdk:amount 1500000 ; vdk:currency "DKK" .
i:vc-nordlys a vdk:Investment ; rdfs:label "Nordic Capital Partners in Nordlys" ; vdk:investor o:vc ;
    vdk:investee o:nordlys ; vdk:amount 2500000 ; vdk:currency "DKK" .
"""


def map_test_store() -> MemoryStore:
    return store_from_turtle({MAP_GRAPH: MAP_TTL})


@pytest.fixture(scope="module")
def map_store() -> Iterator[MemoryStore]:
    store = map_test_store()
    yield store
    store.close()


@pytest.fixture(scope="module")
def map_app(map_store: MemoryStore) -> Flask:
    return create_app(Settings(store="memory:"), {"TESTING": True}, store=map_store)


@pytest.fixture
def map_client(map_app: Flask) -> FlaskClient:
    return map_app.test_client()


def big_ecosystem(companies: int, projects: int, per_project: int = 6, seed: int = 3) -> Ecosystem:
    """A network built in code (no store): ``companies`` organisations in ``projects`` projects, each with
    ``per_project`` partners chosen by a fixed pattern; company 0 is in every project (the hub)."""
    graph = nx.MultiDiGraph()
    for c in range(companies):
        graph.add_node(f"c{c}", kind="company", label_en=f"Company {c}", label_da=f"Virksomhed {c}",
                       topics=[], programmes=[], first_year=2010 + c % 10, last_year=2012 + c % 10)
    for p in range(projects):
        node = f"p{p}"
        graph.add_node(node, kind="project", label_en=f"Project {p}", label_da=f"Projekt {p}", topics=[],
                       programmes=[], first_year=2010 + p % 10, last_year=2011 + p % 10)
        members = {0} | {(p * seed + k * 7 + 1) % companies for k in range(per_project - 1)}
        for c in sorted(members):
            relation = "lead" if c == 0 else "partner"
            graph.add_edge(f"c{c}", node, key=relation, relation=relation)
    return Ecosystem(graph, version="big-test")
