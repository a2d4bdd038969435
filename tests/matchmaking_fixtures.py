"""Small hand-built ecosystems where the right matchmaking answer is obvious.

``match_store``: Nordlys Studio (a company in Aarhus) works with Filmby Aarhus and
Partner Pictures on an XR animation pilot. Aarhus Animation University works on XR
and animation too, with Filmby Aarhus, in the same programme, in the same city, and
is a knowledge institution: it must be the first suggestion. Copenhagen Games shares
only the partner Filmby Aarhus; Odense Media School is only complementary; West
Film Fund funds the university's lab; Lonely Pixels, Pixel North and Pixel South
have no collaborations at all.

``hubs_index``: the matchmaking index of a generated world with hubs and preferential attachment
(600 organisations, seed 5), where penalties on the usual suspects have something to spread.

``bridge_store``: two planted communities (games: A1–A4, film: B1–B4), each tightly
knit, and one university (Bridge University) that works with A1 and with B1 — the
only route between them.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import Graph

from vdk_graph.matchmaking import MatchIndex, match_index
from vdk_graph.store import EmbeddedStore, MemoryStore, Store
from vdk_graph.synth import hubs

ID = "https://w3id.org/vdk/id/"
ORG = ID + "organisation/"
PREFIXES = """
@prefix vdk: <https://w3id.org/vdk/ontology#> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix schema: <https://schema.org/> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix o: <https://w3id.org/vdk/id/organisation/> . @prefix pl: <https://w3id.org/vdk/id/place/> .
@prefix t: <https://w3id.org/vdk/id/topic/> . @prefix pr: <https://w3id.org/vdk/id/programme/> .
@prefix p: <https://w3id.org/vdk/id/project/> . @prefix x: <https://w3id.org/vdk/id/participation/> .
@prefix g: <https://w3id.org/vdk/id/grant/> .
"""

MATCH_TTL = PREFIXES + """
pl:aarhus a vdk:City ; rdfs:label "Aarhus" ; vdk:locatedIn pl:midt .
pl:odense a vdk:City ; rdfs:label "Odense" ; vdk:locatedIn pl:syd .
pl:cph a vdk:City ; rdfs:label "København"@da , "Copenhagen"@en ; vdk:locatedIn pl:hovedstaden .
pl:midt a vdk:Region ; rdfs:label "Region Midtjylland" .
pl:syd a vdk:Region ; rdfs:label "Region Syddanmark" .
pl:hovedstaden a vdk:Region ; rdfs:label "Region Hovedstaden" .
t:xr a vdk:Topic ; rdfs:label "XR"@en , "XR"@da .
t:animation a vdk:Topic ; rdfs:label "animation"@en , "animation"@da .
t:games a vdk:Topic ; rdfs:label "games"@en , "spil"@da .
pr:vdk a vdk:FundingProgramme ; rdfs:label "VDK cluster programme" .

o:studio a vdk:Company ; rdfs:label "Nordlys Studio" ; vdk:basedIn pl:aarhus .
o:uni a vdk:University ; rdfs:label "Aarhus Animation University"@en , "Aarhus Animationsuniversitet"@da ;
  vdk:basedIn pl:aarhus .
o:filmby a vdk:Company ; rdfs:label "Filmby Aarhus" ; vdk:basedIn pl:aarhus .
o:partner a vdk:Company ; rdfs:label "Partner Pictures" ; vdk:basedIn pl:odense .
o:gamesco a vdk:Company ; rdfs:label "Copenhagen Games" ; vdk:basedIn pl:cph .
o:school a vdk:KnowledgeInstitution ; rdfs:label "Odense Media School" ; vdk:basedIn pl:odense .
o:fund a vdk:FundingBody ; rdfs:label "West Film Fund" ; vdk:basedIn pl:odense .
o:lonely a vdk:Company ; rdfs:label "Lonely Pixels" ; vdk:field t:games .
o:pixel-north a vdk:Company ; rdfs:label "Pixel North" .
o:pixel-south a vdk:Company ; rdfs:label "Pixel South" .

p:pilot a vdk:Project ; rdfs:label "XR animation pilot"@en ; dcterms:title "XR animation pilot"@en ;
  dcterms:description "A real-time XR animation pipeline for museum visitors."@en ;
  schema:startDate "2021-01-01"^^xsd:date ; schema:endDate "2022-12-31"^^xsd:date ;
  vdk:keyword t:xr , t:animation ; vdk:partOfProgramme pr:vdk ;
  vdk:hasParticipation x:pilot-studio , x:pilot-filmby , x:pilot-partner .
x:pilot-studio a vdk:Participation ; rdfs:label "studio in pilot" ; vdk:participant o:studio ;
  vdk:role vdk:LeadPartner .
x:pilot-filmby a vdk:Participation ; rdfs:label "filmby in pilot" ; vdk:participant o:filmby ;
  vdk:role vdk:ProjectPartner .
x:pilot-partner a vdk:Participation ; rdfs:label "partner in pilot" ; vdk:participant o:partner ;
  vdk:role vdk:ProjectPartner .

p:lab a vdk:Project ; rdfs:label "Animation and XR research lab"@en ;
  dcterms:title "Animation and XR research lab"@en ;
  dcterms:description "Research on real-time animation pipelines and extended reality for museums."@en ;
  schema:startDate "2022-01-01"^^xsd:date ; schema:endDate "2023-12-31"^^xsd:date ;
  vdk:keyword t:xr , t:animation ; vdk:partOfProgramme pr:vdk ;
  vdk:hasParticipation x:lab-uni , x:lab-filmby .
x:lab-uni a vdk:Participation ; rdfs:label "uni in lab" ; vdk:participant o:uni ; vdk:role vdk:LeadPartner .
x:lab-filmby a vdk:Participation ; rdfs:label "filmby in lab" ; vdk:participant o:filmby ;
  vdk:role vdk:ProjectPartner .
g:lab a vdk:Grant ; rdfs:label "Grant for the lab" ; vdk:awardedBy o:fund ; vdk:grantFor p:lab ;
  vdk:recipient o:uni .

p:jam a vdk:Project ; rdfs:label "Copenhagen game jam"@en ; dcterms:title "Copenhagen game jam"@en ;
  dcterms:description "A game jam for indie games and esports."@en ;
  schema:startDate "2023-03-01"^^xsd:date ; schema:endDate "2023-03-31"^^xsd:date ;
  vdk:keyword t:games ; vdk:hasParticipation x:jam-games , x:jam-filmby .
x:jam-games a vdk:Participation ; rdfs:label "games in jam" ; vdk:participant o:gamesco ;
  vdk:role vdk:LeadPartner .
x:jam-filmby a vdk:Participation ; rdfs:label "filmby in jam" ; vdk:participant o:filmby ;
  vdk:role vdk:ProjectPartner .
"""


def _bridge_ttl() -> str:
    lines = [PREFIXES,
             "t:games a vdk:Topic ; rdfs:label \"games\"@en , \"spil\"@da .",
             "t:film a vdk:Topic ; rdfs:label \"film\"@en , \"film\"@da .",
             "t:tools a vdk:Topic ; rdfs:label \"tools\"@en , \"værktøjer\"@da .",
             "o:bridge a vdk:University ; rdfs:label \"Bridge University\" ."]
    for side in ("a", "b"):
        for i in range(1, 5):
            lines.append(f"o:{side}{i} a vdk:Company ; rdfs:label \"{side.upper()}{i} Studio\" .")
    projects = {
        "a-one": ("games", ["a1", "a2", "a3"]), "a-two": ("games", ["a2", "a3", "a4"]),
        "a-three": ("games", ["a1", "a4", "a3"]),
        "b-one": ("film", ["b1", "b2", "b3"]), "b-two": ("film", ["b2", "b3", "b4"]),
        "b-three": ("film", ["b1", "b4", "b2"]),
        "x-games": ("tools", ["bridge", "a1"]), "x-film": ("tools", ["bridge", "b1"]),
    }
    for name, (topic, members) in projects.items():
        lines.append(f"p:{name} a vdk:Project ; rdfs:label \"Project {name}\" ; vdk:keyword t:{topic} .")
        for m in members:
            lines.append(f"o:{m} vdk:participatesIn p:{name} .")
    return "\n".join(lines)


BRIDGE_TTL = _bridge_ttl()

#: ``ties_store``: a cluster founded by two companies, one of them owned by a games studio that invests
#: (a company *and* an investor), a university with a lab that is part of it, a school formed from an
#: older one, a member of the cluster, and two studios that share only a field with the cluster (a
#: newcomer each: no projects). Nothing here shares a project, so every tie is a tie of structure.
TIES_TTL = PREFIXES + """
pl:viborg a vdk:City ; rdfs:label "Viborg" ; vdk:locatedIn pl:midt .
pl:midt a vdk:Region ; rdfs:label "Region Midtjylland" .
t:games a vdk:Topic ; rdfs:label "games"@en , "spil"@da .
t:animation a vdk:Topic ; rdfs:label "animation"@en , "animation"@da .
o:cluster a vdk:ClusterOrganisation ; rdfs:label "Viborg Visual Cluster" ; vdk:basedIn pl:viborg ;
  vdk:field t:games , t:animation ; vdk:foundedBy o:founder-a , o:founder-b ; vdk:hasMember o:member .
o:founder-a a vdk:Company ; rdfs:label "Founder A Games" ; vdk:field t:games ; vdk:ownedBy o:owner .
o:founder-b a vdk:Company ; rdfs:label "Founder B Pictures" ; vdk:field t:animation .
o:owner a vdk:Company , vdk:Investor ; rdfs:label "Ghost Rock Games" ; vdk:field t:games .
o:lab a vdk:KnowledgeInstitution ; rdfs:label "Games Lab" ; vdk:subOrganisationOf o:cluster .
o:school a vdk:UniversityCollege ; rdfs:label "New School" ; vdk:formedFrom o:cluster .
o:member a vdk:Company ; rdfs:label "Member Studio" ; vdk:field t:games .
o:studio-1 a vdk:Company ; rdfs:label "Viborg Studio One" ; vdk:basedIn pl:viborg ; vdk:field t:animation .
o:studio-2 a vdk:Company ; rdfs:label "Viborg Studio Two" ; vdk:basedIn pl:viborg ; vdk:field t:animation .
"""


def load(store: Store, ttl: str, graph: str = ID + "graph/test") -> Store:
    with store.transaction() as tx:
        tx.replace_graph(graph, Graph().parse(data=ttl, format="turtle"))
    return store


@pytest.fixture(scope="module")
def match_store() -> Iterator[MemoryStore]:
    store = MemoryStore()
    load(store, MATCH_TTL)
    yield store
    store.close()


@pytest.fixture(scope="module")
def hubs_index() -> Iterator[MatchIndex]:
    eco = hubs.generate(600, seed=5, first_year=2010, last_year=2022)
    store = MemoryStore()
    with store.transaction() as tx:
        tx.replace_graph(eco.graph_iri, list(eco.triples()))
    yield match_index(store)
    store.close()


@pytest.fixture(scope="module")
def bridge_store() -> Iterator[MemoryStore]:
    store = MemoryStore()
    load(store, BRIDGE_TTL)
    yield store
    store.close()


@pytest.fixture(scope="module")
def ties_store() -> Iterator[MemoryStore]:
    store = MemoryStore()
    load(store, TIES_TTL)
    yield store
    store.close()


@pytest.fixture
def match_store_path(tmp_path: Path) -> Path:
    """The match ecosystem in an embedded store on disk, for the CLI (which opens the store by path).

    Written in three transactions so its generation name (the store's data version) is not the
    ``gen-00000001`` of most other tests' stores: the network cache is keyed by object id and data
    version, and a freed store's id can be reused.
    """
    path = tmp_path / "store"
    store = EmbeddedStore(path)
    for i in range(2):
        load(store, PREFIXES + f"<{ID}topic/filler-{i}> a <https://w3id.org/vdk/ontology#Topic> .",
             graph=f"{ID}graph/filler-{i}")
    load(store, MATCH_TTL)
    store.close()
    return path


def org(name: str) -> str:
    return ORG + name
