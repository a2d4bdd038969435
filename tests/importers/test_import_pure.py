"""The Pure importer end to end: the seed record into a store, re-imports, failures, resolution."""

from __future__ import annotations

import datetime as dt
import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from vdk_graph.config import Settings
from vdk_graph.errors import ImportFailed
from vdk_graph.importers.base import ImportContext, run_import
from vdk_graph.importers.pure import PureImporter
from vdk_graph.results import SelectResult
from vdk_graph.store import MemoryStore, Store

SEED = Path(__file__).parent.parent.parent / "data" / "pure" / "vision-denmark-klyngeprogram-2021-2024.txt"
SETTINGS = Settings(store="memory:")
PREFIX = """PREFIX vdk: <https://w3id.org/vdk/ontology#> PREFIX schema: <https://schema.org/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#> PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
"""


def rows(store: Store, sparql: str) -> list[dict]:
    result = store.query(PREFIX + sparql)
    assert isinstance(result, SelectResult)
    return list(result.dicts())


def do_import(store: Store, *paths: Path, url: str | None = None):  # type: ignore[no-untyped-def]
    context = ImportContext.for_store(store, SETTINGS, source_url=url)
    return run_import(store, PureImporter(), list(paths), context)


def dump(store: Store) -> list[str]:
    return sorted(
        f"{t} <{g}>" for g in store.graph_sizes() for t in store.graph_triples(g)
    )


@pytest.fixture
def store() -> MemoryStore:
    return MemoryStore()


def test_the_seed_gives_its_project(store: MemoryStore) -> None:
    report = do_import(store, SEED)
    assert report.changes[0].added > 50 and not report.changes[0].existed
    [project] = rows(store, """SELECT ?p ?title ?acronym ?short ?status ?start ?end WHERE {
        ?p a vdk:Project ; dcterms:title ?title ; vdk:acronym ?acronym ; vdk:shortTitle ?short ;
           schema:startDate ?start ; schema:endDate ?end OPTIONAL { ?p vdk:status ?status } }""")
    assert project["title"].startswith("Vision Denmark klyngens deltagelse i klyngeprogrammet")
    assert project["acronym"] == "VDK"
    assert project["short"] == "VDK klynge 2021-24"
    assert str(project["start"]) == "2020-05-27" and str(project["end"]) == "2024-12-31"
    # The page says "Active", but the project ended in 2024, before it was read: the dates win.
    assert "status" not in project
    assert any("ended on 2024-12-31" in str(w) for w in report.warnings)


def test_a_status_that_the_dates_still_allow_is_kept(store: MemoryStore) -> None:
    context = ImportContext.for_store(store, SETTINGS, retrieved=dt.date(2024, 6, 1))
    run_import(store, PureImporter(), [SEED], context)
    assert rows(store, "SELECT ?s WHERE { ?p vdk:status ?s }") == [{"s": "https://w3id.org/vdk/ontology#Active"}]


def test_a_description_without_heading_and_keywords_above_the_fingerprint_are_imported(
    store: MemoryStore,
) -> None:
    """Two real UC Viden layouts: prose right under "Project Details", keyword bullets with no heading."""
    fixtures = SEED.parent.parent.parent / "tests" / "fixtures" / "pure"
    for name in ("details_without_headings.txt", "projektdetaljer_uden_overskrifter.txt"):
        report = do_import(store, fixtures / name)
        assert not [w for w in report.warnings if "no known heading" in str(w)], name
    descriptions = {r["t"]: r["d"] for r in rows(store, """SELECT ?t ?d WHERE {
        ?p dcterms:title ?t ; dcterms:description ?d }""")}
    assert descriptions["Spil i biblioteket"].startswith("Projektet afprøver brætspil")
    museum = next(d for t, d in descriptions.items() if t.startswith("Pixels at the Science Museum"))
    assert museum.startswith("In the autumn") and museum.endswith("Two freelance animators did the mapping.")
    keywords = {r["k"] for r in rows(store, """SELECT ?k WHERE { ?p vdk:keyword ?t . ?t a skos:Concept ;
        skos:prefLabel ?k }""")}
    assert {"children and youth", "Media, communication and languages", "spil", "børn og unge"} <= keywords
    assert not any("Explore the research topics" in k or "forskningsemnerne" in k for k in keywords)


def test_the_seed_gives_seven_participants_with_their_roles(store: MemoryStore) -> None:
    do_import(store, SEED)
    found = rows(store, """SELECT ?name ?role WHERE {
        ?p a vdk:Project ; vdk:hasParticipation ?part . ?part vdk:participant ?o ; vdk:role ?role .
        ?o rdfs:label ?name ; vdk:participatesIn ?p }""")
    roles = {r["name"]: r["role"].rsplit("#", 1)[1] for r in found}
    assert roles == {
        "Vision Denmark Creative Business Alliance": "LeadPartner",
        "Filmby Aarhus": "ProjectPartner",
        "FilmFyn": "ProjectPartner",
        "Producentforeningen": "ProjectPartner",
        "Den Vestdanske Filmpulje": "ProjectPartner",
        "Interactive Denmark": "ProjectPartner",
        "The Animation Workshop": "UnspecifiedRole",
    }
    [lead] = rows(store, "SELECT ?name WHERE { ?p vdk:hasLeadPartner ?o . ?o rdfs:label ?name }")
    assert lead["name"] == "Vision Denmark Creative Business Alliance"


def test_the_seed_gives_its_keyword_and_two_indicators(store: MemoryStore) -> None:
    do_import(store, SEED)
    [kw] = rows(store, """SELECT ?label WHERE {
        ?p vdk:keyword ?k . ?k a skos:Concept ; skos:prefLabel ?label }""")
    assert kw["label"] == "Media, communication and languages"
    indicators = rows(store, """SELECT ?text ?base ?target ?change ?unit ?period WHERE {
        ?p vdk:hasIndicator ?i . ?i vdk:sourceText ?text
        OPTIONAL { ?i vdk:baselineValue ?base } OPTIONAL { ?i vdk:targetValue ?target }
        OPTIONAL { ?i vdk:changeValue ?change } OPTIONAL { ?i vdk:unit ?unit }
        OPTIONAL { ?i vdk:period ?period } }""")
    by_text = {i["text"]: i for i in indicators}
    employees = by_text["2500 flere medarbejdere i dansk DVI over 5 år"]
    assert employees["change"] == Decimal(2500)
    assert employees["unit"] == "employees" and employees["period"] == "P5Y"
    revenue = by_text["Stigning fra 5,7 mia. kr. til 10 mia. kr. i årlig omsætning for dansk DVI"]
    assert revenue["base"] == Decimal("5700000000") and revenue["target"] == Decimal("10000000000")
    assert revenue["unit"] == "DKK"


def test_the_seed_graph_records_its_provenance(store: MemoryStore) -> None:
    url = "https://www.ucviden.dk/en/projects/vision-denmark-klyngens-deltagelse-i-klyngeprogrammet-innovations"
    do_import(store, SEED, url=url)
    [prov] = rows(store, """SELECT ?g ?src ?when ?importer WHERE { GRAPH ?g {
        ?g a vdk:SourceGraph ; prov:wasDerivedFrom ?src ; prov:generatedAtTime ?when ;
           vdk:importer ?importer FILTER(?importer = "pure") } }""")
    assert prov["src"] == url and prov["importer"] == "pure"
    # "where did this fact come from?" works with GRAPH
    [fact] = rows(store, """SELECT ?src WHERE {
        GRAPH ?g { ?p vdk:acronym "VDK" } ?g prov:wasDerivedFrom ?src }""")
    assert fact["src"] == url


def test_importing_the_seed_twice_leaves_the_triple_count_unchanged(store: MemoryStore) -> None:
    do_import(store, SEED)
    before = store.triple_count()
    report = do_import(store, SEED)
    assert store.triple_count() == before
    assert report.changes[0].existed


def test_a_failing_import_leaves_the_store_exactly_as_it_was(store: MemoryStore, tmp_path: Path) -> None:
    do_import(store, SEED)
    before = dump(store)
    good = tmp_path / "good.txt"
    shutil.copy(SEED, good)
    bad = tmp_path / "bad.txt"
    bad.write_text("Research output: Contribution to journal › Article\n\nSome article\n", encoding="utf-8")
    with pytest.raises(ImportFailed) as failure:
        do_import(store, good, bad)
    assert any(p.file == "bad.txt" for p in failure.value.problems)
    assert dump(store) == before


def test_one_organisation_named_on_two_pages_is_one_node(store: MemoryStore, tmp_path: Path) -> None:
    other = tmp_path / "other.txt"
    other.write_text(
        "Et andet projekt om animation\n\nProjektdetaljer\n\n"
        "Beskrivelse\n\nEt projekt om animation i Viborg.\n"
        "StatusAfsluttet\nEffektiv start/slut dato01/01/201931/12/2020\n\nSamarbejdspartnere\n\n"
        "  • Filmby Århus (leder)\n  • The Animation Workshop (Projektpartner)\n",
        encoding="utf-8",
    )
    do_import(store, SEED)
    do_import(store, other)
    found = rows(store, """SELECT ?o (COUNT(DISTINCT ?p) AS ?n) WHERE { ?o vdk:participatesIn ?p }
                            GROUP BY ?o HAVING (COUNT(DISTINCT ?p) > 1)""")
    shared = {r["o"].rsplit("/", 1)[1] for r in found}
    assert shared == {"filmby-aarhus", "animation-workshop"}


def test_a_page_that_is_not_a_project_is_refused_and_named(store: MemoryStore, tmp_path: Path) -> None:
    page = tmp_path / "output.txt"
    page.write_text("Research output: Contribution to journal › Article\n\nA study\n", encoding="utf-8")
    with pytest.raises(ImportFailed) as failure:
        do_import(store, page)
    assert "output.txt" in str(failure.value)
    assert store.graph_sizes() == {}


def test_a_binary_file_is_refused(store: MemoryStore, tmp_path: Path) -> None:
    page = tmp_path / "picture.txt"
    page.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    with pytest.raises(ImportFailed, match="binary"):
        do_import(store, page)
