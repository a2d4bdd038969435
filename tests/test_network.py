"""The network projection: kinds, typed edges, inherited attributes, the collaboration graph, caching."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph

from vdk_graph.network import build_ecosystem, ecosystem
from vdk_graph.store import MemoryStore

ID = "https://w3id.org/vdk/id/"
TTL = """
@prefix vdk: <https://w3id.org/vdk/ontology#> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix schema: <https://schema.org/> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix o: <https://w3id.org/vdk/id/organisation/> . @prefix pl: <https://w3id.org/vdk/id/place/> .
@prefix t: <https://w3id.org/vdk/id/topic/> . @prefix pr: <https://w3id.org/vdk/id/programme/> .
@prefix p: <https://w3id.org/vdk/id/project/> . @prefix x: <https://w3id.org/vdk/id/participation/> .
@prefix g: <https://w3id.org/vdk/id/grant/> . @prefix i: <https://w3id.org/vdk/id/investment/> .
o:studio a vdk:Company ; rdfs:label "Studio"@en , "Studiet"@da ; vdk:basedIn pl:viborg .
o:uni a vdk:University ; rdfs:label "Uni" .
o:fund a vdk:FundingBody ; rdfs:label "Fund" .
o:vc a vdk:Investor ; rdfs:label "VC" .
o:cluster a vdk:ClusterOrganisation ; rdfs:label "Cluster" .
pl:viborg a vdk:City ; rdfs:label "Viborg" ; vdk:locatedIn pl:midt .
pl:midt a vdk:Region ; rdfs:label "Region Midtjylland" .
t:xr a vdk:Topic ; rdfs:label "XR" .
pr:p a vdk:FundingProgramme ; rdfs:label "Programme" .
p:a a vdk:Project ; rdfs:label "A" ;
  schema:startDate "2020-05-01"^^xsd:date ; schema:endDate "2022-01-01"^^xsd:date ;
  vdk:keyword t:xr ; vdk:partOfProgramme pr:p ;
  vdk:hasParticipation x:a-studio , x:a-uni .
x:a-studio a vdk:Participation ; vdk:participant o:studio ; vdk:role vdk:LeadPartner .
x:a-uni a vdk:Participation ; vdk:participant o:uni ; vdk:role vdk:ProjectPartner .
p:b a vdk:Project ; rdfs:label "B" ; vdk:startYear "2023"^^xsd:gYear .
o:studio vdk:participatesIn p:b . o:uni vdk:participatesIn p:b .
g:g a vdk:Grant ; vdk:awardedBy o:fund ; vdk:grantFor p:a ; vdk:amount 100.0 ; vdk:currency "DKK" .
i:i a vdk:Investment ; vdk:investor o:vc ; vdk:investee o:studio ; vdk:stakePercent 20.0 .
o:studio vdk:memberOf o:cluster .
"""


@pytest.fixture(scope="module")
def store() -> MemoryStore:
    s = MemoryStore()
    with s.transaction() as tx:
        tx.replace_graph(ID + "graph/test", Graph().parse(data=TTL, format="turtle"))
    return s


def test_kinds_labels_and_places(store: MemoryStore) -> None:
    g = build_ecosystem(store).graph
    kinds = {n.rsplit("/", 1)[1]: d["kind"] for n, d in g.nodes(data=True)}
    assert kinds == {"studio": "company", "uni": "knowledge", "fund": "fund", "vc": "investor",
                     "cluster": "cluster", "xr": "topic", "p": "programme", "a": "project", "b": "project"}
    studio = g.nodes[ID + "organisation/studio"]
    assert (studio["label_en"], studio["label_da"]) == ("Studio", "Studiet")
    assert (studio["city"], studio["region"]) == ("Viborg", "Region Midtjylland")


def test_typed_edges(store: MemoryStore) -> None:
    g = build_ecosystem(store).graph
    relations = {(s.rsplit("/", 1)[1], t.rsplit("/", 1)[1], d["relation"]) for s, t, d in g.edges(data=True)}
    assert {("studio", "a", "lead"), ("uni", "a", "partner"), ("studio", "b", "participant"),
            ("fund", "a", "funds"), ("vc", "studio", "invests"), ("studio", "cluster", "member"),
            ("a", "xr", "topic"), ("a", "p", "programme")} <= relations
    assert g.edges[ID + "organisation/vc", ID + "organisation/studio", "invests"]["stake"] == 20.0


def test_organisations_inherit_topics_years_programmes(store: MemoryStore) -> None:
    g = build_ecosystem(store).graph
    uni = g.nodes[ID + "organisation/uni"]
    assert uni["topics"] == [ID + "topic/xr"] and uni["programmes"] == [ID + "programme/p"]
    assert (uni["first_year"], uni["last_year"]) == (2020, 2023)


def test_collaboration_graph_counts_shared_projects(store: MemoryStore) -> None:
    collab = build_ecosystem(store).collaboration()
    edge = collab.edges[ID + "organisation/studio", ID + "organisation/uni"]
    assert edge["weight"] == 2 and sorted(edge["projects"]) == [ID + "project/a", ID + "project/b"]
    assert ID + "project/a" not in collab


def test_the_projection_is_cached_until_the_data_changes(store: MemoryStore, tmp_path: Path) -> None:
    first = ecosystem(store)
    assert ecosystem(store) is first
    with store.transaction() as tx:
        tx.replace_graph(ID + "graph/more", Graph().parse(
            data=f'<{ID}organisation/new> a <https://w3id.org/vdk/ontology#Company> .', format="turtle"))
    again = ecosystem(store)
    assert again is not first and ID + "organisation/new" in again.graph


PLACES = """
@prefix vdk: <https://w3id.org/vdk/ontology#> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix o: <https://w3id.org/vdk/id/organisation/> . @prefix pl: <https://w3id.org/vdk/id/place/> .
@prefix p: <https://w3id.org/vdk/id/project/> .
pl:dk a vdk:Country ; rdfs:label "Denmark" .
pl:midt a vdk:Region ; rdfs:label "Central Denmark Region" ; vdk:locatedIn pl:dk .
pl:aarhus a vdk:City ; rdfs:label "Aarhus" ; vdk:locatedIn pl:midt .
pl:ans a vdk:City ; rdfs:label "Aabybro" .
pl:zz a vdk:City ; rdfs:label "Aalestrup" ; vdk:locatedIn pl:midt .
o:a a vdk:Company ; rdfs:label "A" ; vdk:basedIn pl:dk , pl:ans , pl:aarhus .
o:b a vdk:Company ; rdfs:label "B" ; vdk:basedIn pl:zz , pl:aarhus .
o:c a vdk:Company ; rdfs:label "C" ; vdk:basedIn pl:dk .
p:x a vdk:Project ; rdfs:label "X" . o:a vdk:participatesIn p:x . o:b vdk:participatesIn p:x .
o:c vdk:participatesIn p:x .
"""


@pytest.mark.parametrize("order", [1, -1])
def test_the_map_and_matchmaking_name_the_same_place(order: int) -> None:
    """Of several places: a city in a region, then by IRI — the same for the projection and the
    matchmaking index, whatever order the statements were written in."""
    from vdk_graph.matchmaking.index_reads import read_places
    from vdk_graph.terms import graph_to_triples

    triples = list(graph_to_triples(Graph().parse(data=PLACES, format="turtle")))[::order]
    s = MemoryStore()
    with s.transaction() as tx:
        tx.replace_graph(ID + "graph/places", triples)
    g = build_ecosystem(s).graph
    chosen = read_places(s)
    for name, city, region in (("a", "Aarhus", "Central Denmark Region"),
                               ("b", "Aarhus", "Central Denmark Region"), ("c", "Denmark", None)):
        node = g.nodes[ID + "organisation/" + name]
        assert (node.get("city"), node.get("region")) == (city, region), name
        place, in_region = chosen[ID + "organisation/" + name]
        assert (place.label(), in_region.label() if in_region else None) == (city, region), name
