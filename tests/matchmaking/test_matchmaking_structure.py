"""Connection paths, brokers, communities, the outreach list, the metrics graph and the measures cache."""

from __future__ import annotations

import threading
from typing import Any

import pyoxigraph as ox
import pytest

from tests.matchmaking_fixtures import BRIDGE_TTL, ID, MATCH_TTL, load, org
from vdk_graph.errors import NotFound
from vdk_graph.matchmaking import cache, match_index
from vdk_graph.matchmaking.metrics import load_structure, metrics_graph, write_metrics
from vdk_graph.matchmaking.paths import connect, route, sketch
from vdk_graph.matchmaking.structure import brokers, community_views, compute_structure, outreach
from vdk_graph.results import SelectResult
from vdk_graph.store import MemoryStore


def rows(store: MemoryStore, sparql: str) -> list[dict[str, object]]:
    result = store.query("PREFIX vdk: <https://w3id.org/vdk/ontology#>\nPREFIX prov: <http://www.w3.org/ns/prov#>\n"
                         "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n" + sparql)
    assert isinstance(result, SelectResult)
    return list(result.dicts())


def test_paths_name_every_relation_in_its_direction(match_store: MemoryStore) -> None:
    result = connect(match_store, "Nordlys Studio", "Aarhus Animation University", k=3)
    first = result.paths[0]
    assert first.text() == (
        "Nordlys Studio —lead in→ XR animation pilot ←partner in— Filmby Aarhus "
        "—partner in→ Animation and XR research lab ←lead in— Aarhus Animation University")
    assert [(h.relation, h.forward) for h in first.hops] == [
        ("lead", True), ("partner", False), ("partner", True), ("lead", False)]
    assert [p.length for p in result.paths] == sorted(p.length for p in result.paths)
    assert any("—part of→ VDK cluster programme ←part of—" in p.text() for p in result.paths)
    assert all(h.phrase for p in result.paths for h in p.hops)
    danish = connect(match_store, org("studio"), org("uni"), k=1, lang="da").paths[0].text()
    assert "—leder af→ XR animation pilot ←partner i— Filmby Aarhus" in danish


def test_paths_avoid_topics_and_say_when_there_is_none(match_store: MemoryStore) -> None:
    # Lonely Pixels shares the topic "games" with the game jam, but a topic is no connection.
    assert connect(match_store, "Lonely Pixels", "Copenhagen Games").paths == []
    with pytest.raises(NotFound, match="same organisation"):
        connect(match_store, "Nordlys Studio", org("studio"))


def test_a_route_and_its_sketch_place_the_ends_apart(match_store: MemoryStore) -> None:
    path = route(match_index(match_store), org("studio"), org("gamesco"))
    assert path is not None and path.length == 4
    drawing = sketch([path])
    ends = [n for n in drawing.nodes if n["end"]]
    assert [n["iri"] for n in ends] == [org("studio"), org("gamesco")] and ends[0]["x"] < ends[1]["x"]
    assert len(drawing.edges) == 4 and {e["relation"] for e in drawing.edges} == {"lead", "partner"}


def test_two_planted_communities_are_found_and_named_after_their_topics(bridge_store: MemoryStore) -> None:
    index = match_index(bridge_store)
    structure = compute_structure(index)
    groups = {frozenset(c.members) for c in structure.communities}
    a_side = {org(f"a{i}") for i in range(1, 5)}
    b_side = {org(f"b{i}") for i in range(1, 5)}
    assert any(a_side <= g and not g & b_side for g in groups)
    assert any(b_side <= g and not g & a_side for g in groups)
    labels = {c.label("en").split(" · ")[0] for c in structure.communities}
    assert labels == {"games", "film"}
    danish = {c.label("da").split(" · ")[0] for c in structure.communities}
    assert danish == {"spil", "film"}
    views = community_views(index, structure)
    assert sum(v["size"] for v in views) == 9  # type: ignore[misc]


def test_the_bridge_is_the_top_broker(bridge_store: MemoryStore) -> None:
    index = match_index(bridge_store)
    structure = compute_structure(index)
    found = brokers(index, structure, top=5)
    assert found[0].iri == org("bridge")
    assert {b.label.split(" · ")[0] for b in found[0].bridges} == {"games", "film"}
    assert {p for b in found[0].bridges for p, _ in b.partners} == {org("a1"), org("b1")}
    assert found[0].participation == pytest.approx(0.5)
    # A2 works only inside its community: never a broker.
    assert org("a2") not in {b.iri for b in found}


def test_outreach_lists_the_organisations_nobody_works_with(match_store: MemoryStore) -> None:
    listed = [o["iri"] for o in outreach(match_index(match_store))]
    assert listed == [org("lonely"), org("school"), org("pixel-north"), org("pixel-south")]


def test_the_metrics_graph_is_written_with_provenance_and_queryable(bridge_store: MemoryStore) -> None:
    store = load(MemoryStore(), BRIDGE_TTL)
    report = write_metrics(store, ID, samples=50, seed=7)
    assert report.graph == ID + "graph/metrics" == metrics_graph(ID)
    [top] = rows(store, "SELECT ?org ?b WHERE { ?org vdk:betweenness ?b } ORDER BY DESC(?b) LIMIT 1")
    assert top["org"] == org("bridge") and float(top["b"]) > 0.5  # type: ignore[arg-type]
    [a1] = rows(store, f"SELECT ?d ?name WHERE {{ <{org('a1')}> vdk:degree ?d ; vdk:community ?c . "
                       "?c a vdk:Community ; rdfs:label ?name FILTER(LANG(?name) = 'en') }")
    assert int(a1["d"]) == 4 and str(a1["name"]).startswith("games")  # type: ignore[call-overload]
    [provenance] = rows(store, f"""SELECT ?importer ?time (COUNT(?src) AS ?sources) WHERE {{
        GRAPH <{report.graph}> {{ <{report.graph}> a vdk:SourceGraph ; vdk:importer ?importer ;
            prov:generatedAtTime ?time ; prov:wasDerivedFrom ?src }} }} GROUP BY ?importer ?time""")
    assert provenance["importer"] == "metrics" and int(provenance["sources"]) == 1  # type: ignore[call-overload]
    assert store.graph_sizes()[report.graph] == report.triples


def test_stored_measures_are_loaded_instead_of_recomputed(match_store: MemoryStore) -> None:
    store = load(MemoryStore(), MATCH_TTL)
    write_metrics(store, ID)
    index = match_index(store)
    loaded = load_structure(store, index)
    fresh = compute_structure(index)
    assert loaded is not None and loaded.fingerprint == fresh.fingerprint
    assert loaded.betweenness == pytest.approx(fresh.betweenness, abs=1e-6)
    assert [c.members for c in loaded.communities] == [c.members for c in fresh.communities]
    with store.transaction() as tx:  # a new collaboration: the stored measures no longer apply
        tx.replace_graph(ID + "graph/more", [ox.Triple(
            ox.NamedNode(org("lonely")), ox.NamedNode("https://w3id.org/vdk/ontology#participatesIn"),
            ox.NamedNode(ID + "project/jam"))])
    assert load_structure(store, match_index(store)) is None


def test_the_cache_computes_once_per_network_and_survives_its_own_publication() -> None:
    store = load(MemoryStore(), MATCH_TTL)
    first = cache.structure_for(store, wait=False)  # a small network: computed inline
    assert first.ready and first.structure is not None
    assert cache.structure_for(store).structure is first.structure
    write_metrics(store, ID)  # changes the data version, not the network
    again = cache.structure_for(store, wait=False)
    assert again.ready and again.structure is not None
    assert again.structure.fingerprint == first.structure.fingerprint


def test_a_large_network_is_measured_in_the_background(monkeypatch: pytest.MonkeyPatch) -> None:
    store = load(MemoryStore(), BRIDGE_TTL)
    monkeypatch.setattr(cache, "INLINE_EDGES", 0)
    # the measures of this small network take milliseconds: held until the test has seen them computing
    # (else a busy machine may pause the test until they are done)
    release = threading.Event()
    compute = cache.compute_structure

    def held(index: Any) -> Any:
        assert release.wait(30), "the test never let the measures finish"
        return compute(index)

    monkeypatch.setattr(cache, "compute_structure", held)
    state = cache.structure_for(store, wait=False)
    assert state.status == cache.COMPUTING and state.structure is None
    release.set()
    cache.wait_for_background(store, timeout=30)
    done = cache.structure_for(store, wait=False)
    assert done.ready and done.structure is not None and done.structure.communities
