"""Ties that are not projects — part of, founded, owns, formed from, has member — are links of the network.

The Animation Workshop is part of VIA University College; Vision Denmark was
founded by studios and formed from older networks; Nordisk Film owns Nordisk
Film Games. A visitor expects to see those on the map, and a matchmaker expects
"how are A and B connected?" to use them. (Made-up names below; never real data.)
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from rdflib import Graph

from vdk_graph.mapview import MapQuery, build_view, view_sparql
from vdk_graph.matchmaking.paths import connect
from vdk_graph.network import build_ecosystem
from vdk_graph.results import SelectResult
from vdk_graph.store import MemoryStore

ID = "https://w3id.org/vdk/id/"
ORG = ID + "organisation/"
TTL = f"""
@prefix vdk: <https://w3id.org/vdk/ontology#> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix o: <{ORG}> . @prefix pe: <{ID}person/> . @prefix p: <{ID}project/> .
o:school a vdk:UniversityCollege ; rdfs:label "Big College" .
o:workshop a vdk:KnowledgeInstitution ; rdfs:label "Animation Workshop" ; vdk:subOrganisationOf o:school .
o:cluster a vdk:ClusterOrganisation ; rdfs:label "The Cluster" ; vdk:foundedBy o:studio , pe:founder ;
    vdk:formedFrom o:old-network ; vdk:hasMember o:games .
o:old-network a vdk:Organisation ; rdfs:label "Old Network" .
o:studio a vdk:Company ; rdfs:label "Big Studio" .
o:games a vdk:Company ; rdfs:label "Studio Games" ; vdk:ownedBy o:studio .
pe:founder a vdk:Person ; rdfs:label "A Founder" .
p:film a vdk:Project ; rdfs:label "Film project" ; vdk:hasLeadPartner o:workshop .
o:games vdk:participatesIn p:film .
"""


@pytest.fixture(scope="module")
def store() -> Iterator[MemoryStore]:
    s = MemoryStore()
    with s.transaction() as tx:
        tx.replace_graph(ID + "graph/test/structure", Graph().parse(data=TTL, format="turtle"))
    yield s
    s.close()


def test_structural_ties_are_typed_edges_in_the_reading_direction(store: MemoryStore) -> None:
    g = build_ecosystem(store).graph
    edges = {(s.rsplit("/", 1)[1], t.rsplit("/", 1)[1], k) for s, t, k in g.edges(keys=True)}
    assert {
        ("workshop", "school", "part"),
        ("studio", "cluster", "founder"),
        ("founder", "cluster", "founder"),
        ("studio", "games", "owner"),
        ("cluster", "old-network", "formed"),
        ("games", "cluster", "member"),  # from the cluster's vdk:hasMember
    } <= edges


def test_they_do_not_count_as_collaborations(store: MemoryStore) -> None:
    collab = build_ecosystem(store).collaboration()
    assert set(collab.edges()) == {(ORG + "workshop", ORG + "games")} or set(collab.edges()) == {
        (ORG + "games", ORG + "workshop")
    }


def test_the_map_draws_them_with_a_legend_and_show_sparql_finds_them(store: MemoryStore) -> None:
    eco = build_ecosystem(store)
    query = MapQuery(kinds=("company", "knowledge", "cluster", "organisation", "person", "project"))
    view = build_view(eco, query)
    relations = {e["relation"] for e in view.as_json()["edges"]}
    assert {"part", "founder", "owner", "formed", "member"} <= relations
    legend = view.as_json()["legend"]
    assert "part of" in str(legend) and "owns" in str(legend)
    result = store.query(view_sparql(query))
    assert isinstance(result, SelectResult)
    pairs = {(row["source"], row["target"]) for row in result.dicts()}
    missing = {(e["from"], e["to"]) for e in view.edges} - pairs
    assert not missing, f"the SPARQL misses links the map shows: {missing}"


def test_a_connection_goes_through_part_of_and_names_it(store: MemoryStore) -> None:
    [best, *_] = connect(store, ORG + "school", ORG + "studio", k=3, lang="en").paths
    phrases = [hop.phrase for hop in best.hops]
    # Big College ←part of— Animation Workshop —leads→ Film project
    #   ←takes part in— Studio Games ←owns— Big Studio
    assert "part of" in phrases and "owns" in phrases
    assert len(best.hops) == 4
