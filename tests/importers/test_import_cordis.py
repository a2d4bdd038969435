"""The CORDIS importer: the project and organization tables as CORDIS publishes them (CSV, zip, JSON, XLSX).

The fixtures in ``tests/fixtures/cordis/`` are laid out exactly like CORDIS's bulk files: ``;``
between fields, every field in double quotes, an objective that runs over two lines, a decimal
comma in one (older H2020-style) row, capitalised legal names, postal districts after city names.
"""

from __future__ import annotations

import json
import shutil
import zipfile
from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from vdk_graph.cli import main
from vdk_graph.config import Settings
from vdk_graph.errors import ImportFailed
from vdk_graph.importers.base import ImportContext, run_import
from vdk_graph.importers.cordis import CordisImporter, city_name, readable
from vdk_graph.importers.cordis.read import read_tables
from vdk_graph.ontology import ONTOLOGY_GRAPH
from vdk_graph.results import SelectResult
from vdk_graph.store import MemoryStore, Store
from vdk_graph.vocab import RDF, RDFS

FIXTURES = Path(__file__).parent.parent / "fixtures" / "cordis"
PROJECTS, ORGANIZATIONS = FIXTURES / "project.csv", FIXTURES / "organization.csv"
SETTINGS = Settings(store="memory:")
BASE = "https://w3id.org/vdk/id/"
PIXHARB = f"{BASE}project/pixel-harbour-virtual-production-for-small-film-markets"
PREFIX = """PREFIX vdk: <https://w3id.org/vdk/ontology#> PREFIX schema: <https://schema.org/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#> PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX org: <http://www.w3.org/ns/org#>
"""


def rows(store: Store, sparql: str) -> list[dict]:
    result = store.query(PREFIX + sparql)
    assert isinstance(result, SelectResult)
    return list(result.dicts())


def do_import(store: Store, *paths: Path, url: str | None = None):  # type: ignore[no-untyped-def]
    context = ImportContext.for_store(store, SETTINGS, source_url=url)
    return run_import(store, CordisImporter(), list(paths), context)


@pytest.fixture
def store() -> MemoryStore:
    return MemoryStore()


def participants(store: Store, project: str = PIXHARB) -> dict[str, str]:
    found = rows(
        store,
        f"""SELECT ?name ?role WHERE {{ <{project}> vdk:hasParticipation ?p .
        ?p vdk:participant/rdfs:label ?name ; vdk:role ?role }}""",
    )
    return {r["name"]: r["role"].rsplit("#", 1)[1] for r in found}


def test_each_project_is_a_graph_with_its_participants_roles_and_places(store: MemoryStore) -> None:
    report = do_import(store, PROJECTS, ORGANIZATIONS)
    graphs = sorted(c.graph for c in report.changes)
    assert f"{BASE}graph/cordis/101000001" in graphs and f"{BASE}graph/cordis/101000002" in graphs
    assert participants(store) == {
        "Cooperativa de Formacao e Animacao Cultural Crl": "LeadPartner",
        "Aarhus Universitet": "ProjectPartner",
        "Filmby Aarhus": "ProjectPartner",
        "Cine-Regio": "AssociatedPartner",
    }
    [project] = rows(
        store,
        f"""SELECT ?acronym ?start ?end ?programme ?objective WHERE {{ <{PIXHARB}>
        vdk:acronym ?acronym ; schema:startDate ?start ; schema:endDate ?end ;
        vdk:partOfProgramme/rdfs:label ?programme ; dcterms:description ?objective }}""",
    )
    assert (project["acronym"], str(project["start"]), str(project["end"])) == (
        "PIXHARB",
        "2023-03-01",
        "2026-02-28",
    )
    assert project["programme"] == "Horizon Europe"
    assert (
        project["objective"] == "Pixel Harbour tests virtual production with film studios in small markets."
    )
    places = {
        r["name"]: (r["city"], r["country"])
        for r in rows(
            store,
            """SELECT ?name ?city ?country WHERE {
        ?o rdfs:label ?name ; vdk:basedIn ?c . ?c rdfs:label ?city ; vdk:locatedIn/rdfs:label ?country }""",
        )
    }
    assert places["Aarhus Universitet"] == ("Aarhus", "Denmark")  # "AARHUS C": the postal district dropped
    assert places["Klovn Studio ApS"] == ("Copenhagen", "Denmark")  # "KOBENHAVN S"
    assert places["Cine-Regio"] == ("Brussels", "Belgium")
    kinds = {r["name"] for r in rows(store, "SELECT ?name WHERE { ?o a vdk:Company ; rdfs:label ?name }")}
    assert kinds == {"Klovn Studio ApS"}


def test_eu_contributions_are_one_grant_per_partner_and_add_up_to_the_budget(store: MemoryStore) -> None:
    do_import(store, PROJECTS, ORGANIZATIONS)
    grants = rows(
        store,
        f"""SELECT ?to ?amount ?currency ?start WHERE {{ ?g a vdk:Grant ; vdk:grantFor <{PIXHARB}> ;
        vdk:recipient/rdfs:label ?to ; vdk:amount ?amount ; vdk:currency ?currency ; vdk:annual false ;
        vdk:awardedBy/rdfs:label "European Union" ; schema:startDate ?start }}""",
    )
    assert {r["to"]: Decimal(str(r["amount"])) for r in grants} == {
        "Cooperativa de Formacao e Animacao Cultural Crl": Decimal("1200000"),
        "Aarhus Universitet": Decimal("450000.25"),
        "Filmby Aarhus": Decimal("300000"),
    }  # the associated partner gets nothing, and so no grant
    assert {r["currency"] for r in grants} == {"EUR"} and {str(r["start"]) for r in grants} == {"2023-03-01"}
    [budget] = rows(
        store,
        f"""SELECT ?amount WHERE {{ ?b a vdk:Budget ; vdk:budgetFor <{PIXHARB}> ;
        vdk:amount ?amount ; vdk:providedBy/rdfs:label "European Union" }}""",
    )
    assert Decimal(str(budget["amount"])) == Decimal("3999875")
    # the older decimal comma: "450000,5"
    [klovn] = rows(
        store,
        "SELECT ?amount WHERE { ?g a vdk:Grant ; vdk:recipient/rdfs:label 'Klovn Studio ApS' ; "
        "vdk:amount ?amount }",
    )
    assert Decimal(str(klovn["amount"])) == Decimal("450000.5")


def test_a_capitalised_legal_name_finds_the_organisation_other_sources_made(store: MemoryStore) -> None:
    au = ox.NamedNode(f"{BASE}organisation/aarhus-universitet")
    with store.transaction() as tx:
        tx.replace_graph(
            "https://example.org/g/au",
            [
                ox.Triple(
                    au, ox.NamedNode(str(RDF.type)), ox.NamedNode("https://w3id.org/vdk/ontology#University")
                ),
                ox.Triple(au, ox.NamedNode(str(RDFS.label)), ox.Literal("Aarhus Universitet")),
            ],
        )
    do_import(store, PROJECTS, ORGANIZATIONS)
    found = rows(
        store,
        """SELECT DISTINCT ?o WHERE { ?o rdfs:label|skos:altLabel ?n
        FILTER(LCASE(STR(?n)) = "aarhus universitet") }""",
    )
    assert found == [{"o": f"{BASE}organisation/aarhus-universitet"}]
    # a new organisation is named readably, CORDIS's own capitals kept as an alias
    assert rows(
        store, """SELECT ?o WHERE { ?o rdfs:label "Klovn Studio ApS" ; skos:altLabel "KLOVN STUDIO APS" }"""
    )


def test_every_projects_graph_cites_its_cordis_page_unless_a_url_is_given(store: MemoryStore) -> None:
    do_import(store, PROJECTS, ORGANIZATIONS)
    sources = {
        r["g"]: r["src"]
        for r in rows(
            store,
            """SELECT ?g ?src WHERE { GRAPH ?g {
        ?g prov:wasDerivedFrom ?src ; vdk:importer "cordis" } }""",
        )
    }
    assert sources[f"{BASE}graph/cordis/101000001"] == "https://cordis.europa.eu/project/id/101000001"
    other = MemoryStore()
    do_import(other, PROJECTS, ORGANIZATIONS, url="https://data.europa.eu/example/cordis")
    assert {
        r["src"]
        for r in rows(
            other,
            """SELECT DISTINCT ?src WHERE { GRAPH ?g {
        ?g prov:wasDerivedFrom ?src ; vdk:importer "cordis" } }""",
        )
    } == {"https://data.europa.eu/example/cordis"}


def test_the_zip_json_and_xlsx_forms_give_the_same_graphs(store: MemoryStore, tmp_path: Path) -> None:
    do_import(store, PROJECTS, ORGANIZATIONS)
    expected = participants(store)
    archive = tmp_path / "cordis-HORIZONprojects-csv.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.write(PROJECTS, "project.csv")
        zf.write(ORGANIZATIONS, "organization.csv")
    from_zip = MemoryStore()
    do_import(from_zip, archive)
    assert participants(from_zip) == expected
    as_json = MemoryStore()
    paths = []
    for table in read_tables(PROJECTS) + read_tables(ORGANIZATIONS):
        path = tmp_path / f"{table.kind}.json"
        path.write_text(json.dumps([row for _, row in table.rows]), encoding="utf-8")
        paths.append(path)
    do_import(as_json, *paths)
    assert participants(as_json) == expected
    from openpyxl import Workbook

    as_xlsx = MemoryStore()
    xlsx_paths = []
    for table in read_tables(PROJECTS) + read_tables(ORGANIZATIONS):
        book = Workbook()
        sheet = book.active
        header = list(table.rows[0][1])
        sheet.append(header)
        for _, row in table.rows:
            sheet.append([row[h] for h in header])
        path = tmp_path / f"{table.kind}.xlsx"
        book.save(path)
        xlsx_paths.append(path)
    do_import(as_xlsx, *xlsx_paths)
    assert participants(as_xlsx) == expected


def test_an_organization_table_alone_needs_its_projects_in_the_store(store: MemoryStore) -> None:
    with pytest.raises(ImportFailed) as failed:
        do_import(store, ORGANIZATIONS)
    assert any(p.field == "projectID" and "101000001" in p.message for p in failed.value.problems)
    assert not store.graph_sizes()
    do_import(store, PROJECTS)
    assert participants(store) == {}
    do_import(store, ORGANIZATIONS)
    assert len(participants(store)) == 4


def test_a_bad_row_is_reported_with_its_line_and_column_and_nothing_is_written(
    store: MemoryStore, tmp_path: Path
) -> None:
    bad = tmp_path / "organization.csv"
    text = ORGANIZATIONS.read_text(encoding="utf-8").replace('"associatedPartner"', '"sponsor"')
    bad.write_text(text.replace('"450000.25";"450000.25"', '"lots";"lots"'), encoding="utf-8")
    with pytest.raises(ImportFailed) as failed:
        do_import(store, PROJECTS, bad)
    found = {(p.line, p.field) for p in failed.value.problems}
    assert (3, "ecContribution") in found and (5, "role") in found
    assert not store.graph_sizes()


def test_a_table_that_is_not_cordis_is_refused_with_what_was_expected(tmp_path: Path) -> None:
    other = tmp_path / "people.csv"
    other.write_text("name;organisation\nA;B\n", encoding="utf-8")
    with pytest.raises(ImportFailed) as failed:
        read_tables(other)
    assert "neither CORDIS's project table nor its organization table" in failed.value.problems[0].message
    missing = tmp_path / "project.csv"
    missing.write_text('"id";"acronym";"ecMaxContribution"\n"1";"X";"2"\n', encoding="utf-8")
    with pytest.raises(ImportFailed) as failed:
        read_tables(missing)
    assert "'title'" in failed.value.problems[0].message


def test_a_fresh_store_gets_the_ontology_with_the_first_import(store: MemoryStore) -> None:
    do_import(store, PROJECTS, ORGANIZATIONS)
    assert ONTOLOGY_GRAPH in store.graph_sizes()
    companies = rows(store, "SELECT ?o WHERE { ?o a/rdfs:subClassOf* org:Organization ; a vdk:Company }")
    assert len(companies) == 1


def test_names_and_cities_are_made_readable() -> None:
    assert readable("IT-UNIVERSITETET I KOBENHAVN") == "It-Universitetet i Kobenhavn"
    assert readable("Zaizan BV") == "Zaizan BV"
    assert city_name("AARHUS C") == "Aarhus" and city_name("KOBENHAVN K") == "Copenhagen"
    assert city_name("GENT") == "Gent" and city_name("  ") is None


def test_the_command_line_imports_and_dry_runs(tmp_path: Path) -> None:
    store = tmp_path / "store"
    runner = CliRunner()
    dry = runner.invoke(
        main,
        ["--store", str(store), "import", "cordis", "--dry-run", str(PROJECTS), str(ORGANIZATIONS)],
        catch_exceptions=False,
    )
    assert dry.exit_code == 0, dry.output
    assert "new <https://w3id.org/vdk/id/graph/cordis/101000001>" in dry.output
    bad = tmp_path / "x.csv"
    shutil.copy(ORGANIZATIONS, bad)
    failed = runner.invoke(main, ["--store", str(store), "import", "cordis", str(bad)])
    assert failed.exit_code == 1 and "projectID" in failed.output
