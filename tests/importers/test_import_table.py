"""The spreadsheet importer, and the promises every importer keeps (validate first, every problem, atomic,
re-import replaces, dry run, context for SHACL class checks)."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import Workbook

from tests.store_fixtures import dump
from tests.table_fixtures import BASE, SRC, TableEnv
from vdk_graph.cli import main
from vdk_graph.config import Settings
from vdk_graph.errors import ImportFailed
from vdk_graph.importers import base
from vdk_graph.importers.base import ImportContext, run_import
from vdk_graph.importers.rdf import RdfImporter
from vdk_graph.importers.table import TableImporter
from vdk_graph.importers.table import values as v
from vdk_graph.importers.table.schema import KINDS, columns
from vdk_graph.ontology import ONTOLOGY_GRAPH
from vdk_graph.store import EmbeddedStore

EXAMPLES = Path(__file__).resolve().parent.parent.parent / "data" / "examples"
DOCS = Path(__file__).resolve().parent.parent.parent / "docs" / "tables.md"
TURTLE_PREFIXES = """@prefix vdk: <https://w3id.org/vdk/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> ."""
ORG_HEADER = [
    "name",
    "kind",
    "aliases",
    "city",
    "region",
    "country",
    "website",
    "cvr",
    "founded",
    "fields",
    "description_da",
    "source_url",
    "retrieved",
    "note",
]


def org_row(name: str, kind: str = "company", source: str = SRC, **cells: str) -> list[str]:
    values = {"name": name, "kind": kind, "source_url": source, "retrieved": "2026-11-29", **cells}
    return [values.get(h, "") for h in ORG_HEADER]


def problems_of(
    failure: pytest.ExceptionInfo[ImportFailed],
) -> list[tuple[str | None, int | None, str | None]]:
    return [(p.file, p.line, p.field) for p in failure.value.problems if p.severity == "error"]


# --------------------------------------------------------------------------- a good file


def test_an_organisation_row_becomes_typed_placed_and_sourced_facts(table_env: TableEnv) -> None:
    path = table_env.csv(
        "organisations.csv",
        ORG_HEADER,
        org_row(
            "Havblik Games ApS",
            "virksomhed; investor",
            aliases="Havblik; HBG",
            city="Aarhus",
            region="Region Midtjylland",
            country="Denmark",
            website="https://www.havblik.example.org/",
            cvr="DK-12 34 56 78",
            founded="2016",
            fields="games; XR",
            description_da="Et spilstudie.",
        ),
    )
    report = table_env.load(path)
    assert report.added > 20 and not report.warnings
    # The first import into a fresh store also loads the ontology, in its own graph.
    [graph] = [g for g in table_env.store.graph_sizes() if g != ONTOLOGY_GRAPH]
    assert re.fullmatch(rf"{BASE}graph/table/organisations/example-org-page-[0-9a-f]{{6}}", graph)
    org = f"<{BASE}organisation/havblik-games>"
    [row] = table_env.select(f"""SELECT ?label ?cvr ?site ?year ?city ?region ?country ?desc WHERE {{
        {org} a vdk:Company, vdk:Investor ; rdfs:label ?label ; vdk:cvr ?cvr ; vdk:website ?site ;
          vdk:foundingYear ?year ; vdk:basedIn ?city ; dcterms:description ?desc .
        ?city a vdk:City ; vdk:locatedIn ?region . ?region a vdk:Region ; vdk:locatedIn ?country .
        ?country a vdk:Country }}""")
    assert (row["label"], row["cvr"], row["site"]) == (
        "Havblik Games ApS",
        "12345678",
        "https://www.havblik.example.org/",
    )
    assert str(row["year"]) == "2016" and row["desc"] == "Et spilstudie."
    assert row["city"] == f"{BASE}place/aarhus" and row["country"] == f"{BASE}place/denmark"
    aliases = {r["a"] for r in table_env.select(f"SELECT ?a WHERE {{ {org} skos:altLabel ?a }}")}
    assert aliases == {"Havblik", "HBG"}
    [source] = table_env.select(f"""SELECT ?src ?day ?importer WHERE {{ GRAPH <{graph}> {{
        <{graph}> prov:wasDerivedFrom ?src ; vdk:importer ?importer . ?src vdk:retrieved ?day }} }}""")
    assert source == {"src": SRC, "day": dt.date(2026, 11, 29), "importer": "table"}


def test_a_closed_organisation_gets_its_closing_year_and_keeps_its_other_facts(table_env: TableEnv) -> None:
    path = table_env.csv("organisations-closed.csv", ["name", "kind", "closed", "founded", "source_url"],
                         ["Lukket Film", "company", "2025", "1990", SRC])
    table_env.load(path)
    lukket = f"<{BASE}organisation/lukket-film>"
    [row] = table_env.select(f"""SELECT ?closed ?founded WHERE {{
        {lukket} a vdk:Company ; vdk:closingYear ?closed ; vdk:foundingYear ?founded }}""")
    assert (str(row["closed"]), str(row["founded"])) == ("2025", "1990")
    [kind] = table_env.select(f"SELECT (DATATYPE(?y) AS ?t) WHERE {{ <{BASE}organisation/lukket-film> "
                              "vdk:closingYear ?y }")
    assert kind["t"] == "http://www.w3.org/2001/XMLSchema#gYear"


def test_the_examples_of_every_kind_import_cleanly_and_say_what_they_show(table_env: TableEnv) -> None:
    files = sorted(EXAMPLES.glob("*-example.*"))
    assert {f.name.split("-example")[0] for f in files} >= {*KINDS, "ecosystem"}
    report = table_env.load(*files)
    assert not report.warnings, [str(w) for w in report.warnings]
    # "SIS" in participations is the acronym of "Spil i skolen" from projects (a later file).
    assert table_env.select(f"""SELECT ?o WHERE {{
        <{BASE}project/spil-i-skolen> vdk:hasParticipation/vdk:participant ?o
        FILTER(?o = <{BASE}organisation/kystby-kommune>) }}""")
    grants = {
        (int(Decimal(str(r["a"]))), r["c"], r.get("annual"))
        for r in table_env.select(
            """SELECT ?a ?c ?annual WHERE { ?g a vdk:Grant ; vdk:amount|vdk:annualAmount ?a ; vdk:currency ?c
               OPTIONAL { ?g vdk:annual ?annual } }"""
        )
    }
    assert grants == {(1_500_000, "DKK", None), (9_200_000, "DKK", True)}
    # An amount per year is never a vdk:amount, so a sum of vdk:amount adds one-off amounts only.
    assert not table_env.select("SELECT ?g WHERE { ?g vdk:annual true ; vdk:amount ?a }")
    [investment] = (
        table_env.select("""SELECT ?stake ?date WHERE { ?i vdk:investee ?t ; vdk:stakePercent ?stake ;
        dcterms:date ?date FILTER(CONTAINS(STR(?t), "havblik")) }""")
    )
    assert (Decimal(str(investment["stake"])), str(investment["date"])) == (Decimal("25.5"), "2019-06")
    [excel] = table_env.select("""SELECT ?stake ?date WHERE { ?i vdk:investee ?t ; vdk:stakePercent ?stake ;
        dcterms:date ?date FILTER(CONTAINS(STR(?t), "boelgetop")) }""")
    assert (Decimal(str(excel["stake"])), excel["date"]) == (Decimal(10), dt.date(2022, 3, 15))
    assert table_env.select(f"""SELECT ?p WHERE {{ <{BASE}person/maja-eksempel> vdk:holdsPosition ?p .
        ?p vdk:positionRole vdk:ChiefExecutive ; vdk:jobTitle "adm. direktør"@da ;
           vdk:startYear "2016"^^xsd:gYear }}""")


def test_the_documented_columns_are_the_columns_the_importer_reads() -> None:
    documented: dict[str, set[str]] = {}
    kind = None
    for line in DOCS.read_text(encoding="utf-8").splitlines():
        heading = re.match(r"^### (\w+)", line)
        if heading:
            kind = heading.group(1)
            documented[kind] = set()
        elif kind and line.startswith("| `"):
            documented[kind].update(re.findall(r"`(\w+)`", line.split("|")[1]))
    assert set(documented) == set(KINDS)
    for name, columns_of_kind in documented.items():
        assert columns_of_kind | {"source_url", "retrieved", "note"} == set(columns(name)), name


# --------------------------------------------------------------------------- every problem, nothing written


def test_every_bad_cell_and_column_is_reported_with_row_and_field_and_nothing_is_written(
    table_env: TableEnv,
) -> None:
    good = table_env.csv("organisations.csv", ORG_HEADER, org_row("Fine Studio"))
    bad_orgs = table_env.csv(
        "organisations-bad.csv",
        ["name", "kind", "founded", "cvr", "webside", "closed", "source_url"],
        ["Studio A", "spaceship", "19xx", "1234", "x", "soon", SRC],
        ["", "company", "1990", "", "", "", SRC],
        ["Studio B", "company", "", "", "", "", "not a url"],
    )
    grants = table_env.csv(
        "grants.csv",
        ["funder", "amount", "currency", "start", "end", "source_url"],
        ["Fund", "9,2 mio.", "", "2024", "2020", SRC],
        ["Fund", "5 mio. kr.", "EUR", "31-02-2020", "", SRC],
    )
    parts = table_env.csv(
        "participations.csv",
        ["project", "participant", "participant_type", "role", "source_url"],
        ["P", "Org", "", "boss", SRC],
        ["P", "Ann", "person", "coordinator", SRC],
    )
    with pytest.raises(ImportFailed) as failure:
        table_env.load(good, bad_orgs, grants, parts)
    found = problems_of(failure)
    expected = [
        ("organisations-bad.csv", 1, "webside"),  # unknown column (with a suggestion)
        ("organisations-bad.csv", 2, "kind"),
        ("organisations-bad.csv", 2, "founded"),
        ("organisations-bad.csv", 2, "cvr"),
        ("organisations-bad.csv", 2, "closed"),
        ("organisations-bad.csv", 3, "name"),  # a required cell left empty
        ("organisations-bad.csv", 4, "source_url"),
        ("grants.csv", 2, "currency"),
        ("grants.csv", 2, "start"),  # no currency; start after end
        ("grants.csv", 3, "currency"),
        ("grants.csv", 3, "start"),  # kr. against EUR; no 31 February
        ("participations.csv", 2, "role"),
        ("participations.csv", 3, "role"),
    ]
    assert sorted(found, key=str) == sorted(expected, key=str)
    messages = "\n".join(str(p) for p in failure.value.problems)
    assert "'webside'" in messages and "'website'?" in messages
    assert "'19xx' is not a year (expected a year like 1988)" in messages
    assert "organisations-bad.csv, line 2, field 'founded'" in messages
    assert table_env.store.graph_sizes() == {}


@pytest.mark.parametrize(
    ("header", "message"),
    [
        (["name", "source_url"], "the required column 'kind' is missing"),
        (["name", "kind"], "the required column 'source_url' is missing (or give --source-url"),
        (["name", "kind", "kind", "source_url"], "the column 'kind' appears twice"),
    ],
)
def test_header_problems_name_the_column(table_env: TableEnv, header: list[str], message: str) -> None:
    path = table_env.csv("organisations.csv", header, ["Studio"] + [""] * (len(header) - 1))
    with pytest.raises(ImportFailed, match=re.escape(message)):
        table_env.load(path)


def test_a_file_whose_kind_cannot_be_told_is_refused_with_the_hint(table_env: TableEnv) -> None:
    path = table_env.csv("liste.csv", ["name", "source_url"], ["Studio", SRC])
    with pytest.raises(ImportFailed, match="--kind"):
        table_env.load(path)


def test_the_kind_comes_from_the_option_the_name_or_the_header(table_env: TableEnv) -> None:
    header = ["organisation", "cluster", "source_url"]
    by_header = table_env.csv("liste.csv", header, ["A/S Eksempel", "Klyngen", SRC])
    by_option = table_env.csv("andet.csv", ["name", "kind", "source_url"], ["Klyngen", "klynge", SRC])
    table_env.load(by_option, kind="organisations")
    table_env.load(by_header)
    assert table_env.select(
        "SELECT ?m WHERE { ?m a vdk:ClusterMembership ; vdk:cluster ?c . ?c a vdk:ClusterOrganisation }"
    )


def test_a_row_with_more_cells_than_the_header_is_an_error_and_blank_rows_are_skipped(
    table_env: TableEnv,
) -> None:
    path = table_env.folder / "organisations.csv"
    path.write_text(f"name,kind,source_url\nA,company,{SRC}\n,,\n\nB,company,{SRC},extra\n", encoding="utf-8")
    with pytest.raises(ImportFailed) as failure:
        table_env.load(path)
    assert problems_of(failure) == [("organisations.csv", 5, None)]


def test_a_failure_in_one_file_writes_nothing_of_the_others(table_env: TableEnv) -> None:
    good = table_env.csv("organisations.csv", ORG_HEADER, org_row("Fine Studio"))
    bad = table_env.csv("projects.csv", ["title", "start", "source_url"], ["P", "soon", SRC])
    with pytest.raises(ImportFailed):
        table_env.load(good, bad)
    assert table_env.store.graph_sizes() == {}


# --------------------------------------------------------------------------- formats


def test_a_semicolon_file_in_windows_1252_with_danish_numbers(table_env: TableEnv) -> None:
    path = table_env.csv(
        "investeringer.csv",
        ["investor", "investee", "amount", "currency", "date", "stake", "source_url"],
        ["Nørre Invest", "Ærø Spil", "2,5 mio. kr.", "", "05.03.2019", "12,5 %", SRC],
        delimiter=";",
        encoding="cp1252",
    )
    table_env.load(path)
    [row] = (
        table_env.select(f"""SELECT ?a ?c ?d ?s WHERE {{ ?i vdk:investor <{BASE}organisation/noerre-invest> ;
        vdk:investee <{BASE}organisation/aeroe-spil> ; vdk:amount ?a ; vdk:currency ?c ; dcterms:date ?d ;
        vdk:stakePercent ?s }}""")
    )
    assert (Decimal(str(row["a"])), row["c"], row["d"], Decimal(str(row["s"]))) == (
        Decimal(2_500_000),
        "DKK",
        dt.date(2019, 3, 5),
        Decimal("12.5"),
    )


def test_a_workbook_reads_every_sheet_named_for_a_kind_and_names_the_sheet_in_problems(
    table_env: TableEnv,
) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "organisations"
    sheet.append(["name", "kind", "founded", "source_url"])
    sheet.append(["Mørkeskov Universitet", "universitet", 1966, SRC])
    projects = workbook.create_sheet("projects")
    projects.append(["title", "start", "end", "lead", "source_url"])
    projects.append(
        ["Lys i realtid", dt.datetime(2023, 1, 1), dt.date(2025, 6, 30), "Mørkeskov Universitet", SRC]
    )
    workbook.create_sheet("notes").append(["anything", "goes"])
    path = table_env.folder / "book.xlsx"
    workbook.save(path)
    table_env.load(path)
    university = f"<{BASE}organisation/moerkeskov-universitet>"
    assert table_env.select(f"""SELECT ?p WHERE {{
        ?p a vdk:Project ; schema:startDate "2023-01-01"^^xsd:date ; schema:endDate "2025-06-30"^^xsd:date ;
           vdk:hasLeadPartner {university} .
        {university} a vdk:University ; vdk:foundingYear "1966"^^xsd:gYear }}""")
    projects.append(["Skygger", "i morgen", "", "", SRC])
    workbook.save(path)
    with pytest.raises(ImportFailed) as failure:
        table_env.load(path)
    assert problems_of(failure) == [("book.xlsx, sheet 'projects'", 3, "start")]


def test_a_file_that_is_no_spreadsheet_is_refused(table_env: TableEnv) -> None:
    old = table_env.folder / "organisations.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0 old excel")
    fake = table_env.folder / "grants.xlsx"
    fake.write_text("not a zip")
    with pytest.raises(ImportFailed) as failure:
        table_env.load(old, fake)
    text = str(failure.value)
    assert "save it as .xlsx or .csv" in text and "not an XLSX workbook" in text


# --------------------------------------------------------------------------- warnings that keep data honest


def test_a_month_in_a_period_is_kept_as_its_year_with_a_warning_and_an_ambiguous_comma_is_flagged(
    table_env: TableEnv,
) -> None:
    path = table_env.csv(
        "grants.csv",
        ["funder", "amount", "currency", "start", "source_url"],
        ["Fond", "1,500", "DKK", "2015-06", SRC],
    )
    report = table_env.load(path)
    assert {w.field for w in report.warnings} == {"start", "amount"}
    assert table_env.select('SELECT ?g WHERE { ?g vdk:startYear "2015"^^xsd:gYear ; vdk:amount 1.5 }')


def test_an_unknown_project_is_created_from_its_title_with_a_warning(table_env: TableEnv) -> None:
    path = table_env.csv(
        "participations.csv", ["project", "participant", "source_url"], ["Ukendt Projekt", "Org", SRC]
    )
    report = table_env.load(path)
    [warning] = report.warnings
    assert warning.field == "project" and "not a known project" in warning.message
    assert table_env.select(
        f'SELECT ?t WHERE {{ <{BASE}project/ukendt-projekt> dcterms:title "Ukendt Projekt" }}'
    )


# --------------------------------------------------------------------------- re-import, dry run


def test_re_importing_replaces_changed_rows_and_removes_sources_no_longer_cited(table_env: TableEnv) -> None:
    other = "https://example.org/other"
    rows = [org_row("Studio A", founded="2001"), org_row("Studio B", source=other)]
    path = table_env.csv("organisations.csv", ORG_HEADER, *rows)
    table_env.load(path)

    def sources() -> dict[str, int]:  # the store's graphs but the ontology's
        return {g: n for g, n in table_env.store.graph_sizes().items() if g != ONTOLOGY_GRAPH}

    before = sources()
    assert len(before) == 2

    def content() -> set[str]:  # what the graphs state, but when they were imported
        return {f"{t} <{g}>" for g in before for t in table_env.store.graph_triples(g)
                if "generatedAtTime" not in str(t.predicate)}

    stated = content()
    again = table_env.load(path)
    # Only the import time may change (when the second import falls in a later second).
    assert all(c.added == c.removed <= 1 for c in again.changes), again.changes
    assert sources() == before and content() == stated
    table_env.csv("organisations.csv", ORG_HEADER, org_row("Studio A", founded="2002"))
    preview = table_env.load(path, dry_run=True)
    assert len(preview.removed_graphs) == 1 and sources() == before
    report = table_env.load(path)
    assert report.removed_graphs == preview.removed_graphs and "1 removed" in report.summary()
    assert len(sources()) == 1
    years = table_env.select("SELECT ?y WHERE { ?o vdk:foundingYear ?y }")
    assert [str(r["y"]) for r in years] == ["2002"]
    assert not table_env.select('SELECT ?o WHERE { ?o rdfs:label "Studio B" }')


def test_the_cli_imports_a_table_with_a_dry_run_and_a_source_url_for_the_whole_file(tmp_path: Path) -> None:
    path = tmp_path / "organisations.csv"
    path.write_text("name,kind\nStudio,company\n", encoding="utf-8")
    store = str(tmp_path / "store")
    runner = CliRunner()
    args = ["--store", store, "--data-dir", str(tmp_path), "import", "table"]
    refused = runner.invoke(main, [*args, str(path)])
    assert refused.exit_code == 1 and "source_url" in refused.output
    dry = runner.invoke(
        main, [*args, "--dry-run", "--source-url", SRC, "--retrieved", "2026-11-29", str(path)]
    )
    assert dry.exit_code == 0 and "would change: 1 new" in dry.output and "  new <" in dry.output
    done = runner.invoke(main, [*args, "--source-url", SRC, str(path)])
    assert done.exit_code == 0 and "changed: 1 new" in done.output
    help_text = runner.invoke(main, ["import", "table", "--help"]).output
    assert "Example" in help_text and "--kind" in help_text and "--no-shacl" in help_text


# --------------------------------------------------------------------------- SHACL with context


def test_a_graph_may_point_at_things_another_graph_types(table_env: TableEnv) -> None:
    """A graph names a project and an organisation that only the store (or another file) types."""
    projects = table_env.csv("projects.csv", ["title", "source_url"], ["Fælles Projekt", SRC])
    table_env.load(projects)
    turtle = table_env.folder / "partner.ttl"
    turtle.write_text(
        f"""{TURTLE_PREFIXES}
<{BASE}participation/x> a vdk:Participation ; rdfs:label "x" ; vdk:role vdk:ProjectPartner ;
    vdk:participant <{BASE}organisation/kun-i-lageret> .
<{BASE}project/faelles-projekt> vdk:hasParticipation <{BASE}participation/x> .
""",
        encoding="utf-8",
    )
    orgs = table_env.folder / "orgs.ttl"
    orgs.write_text(
        f"""{TURTLE_PREFIXES}
<{BASE}organisation/kun-i-lageret> a vdk:Company ; rdfs:label "Kun i lageret" .
""",
        encoding="utf-8",
    )
    context = ImportContext.for_store(table_env.store, table_env.settings)
    with pytest.raises(ImportFailed) as failure:  # alone, the participant is typed nowhere
        run_import(table_env.store, RdfImporter(), [turtle], context)
    [problem] = failure.value.problems
    assert problem.file == "partner.ttl" and "vdk:Organisation or a vdk:Person" in problem.message
    run_import(
        table_env.store, RdfImporter(), [turtle, orgs], context
    )  # typed by the other file of the import
    # ... and typed by the store, when the file comes again alone:
    run_import(
        table_env.store, RdfImporter(), [turtle], ImportContext.for_store(table_env.store, table_env.settings)
    )


def test_the_context_comes_only_from_graphs_the_import_does_not_replace(table_env: TableEnv) -> None:
    turtle = table_env.folder / "both.ttl"
    turtle.write_text(
        f"""{TURTLE_PREFIXES}
<{BASE}organisation/o> a vdk:Company ; rdfs:label "O" .
<{BASE}membership/m> a vdk:ClusterMembership ; rdfs:label "m" ; vdk:cluster <{BASE}organisation/c> .
<{BASE}organisation/o> vdk:hasMembership <{BASE}membership/m> .
<{BASE}organisation/c> a vdk:ClusterOrganisation ; rdfs:label "C" .
""",
        encoding="utf-8",
    )
    context = ImportContext.for_store(table_env.store, table_env.settings)
    run_import(table_env.store, RdfImporter(), [turtle], context)
    # The new version drops the cluster's type: the old version in the store must not vouch for it.
    turtle.write_text(
        turtle.read_text().replace(
            '<https://w3id.org/vdk/id/organisation/c> a vdk:ClusterOrganisation ; rdfs:label "C" .', ""
        ),
        encoding="utf-8",
    )
    with pytest.raises(ImportFailed, match="vdk:ClusterOrganisation"):
        run_import(
            table_env.store,
            RdfImporter(),
            [turtle],
            ImportContext.for_store(table_env.store, table_env.settings),
        )


# --------------------------------------------------------------------------- reading single cells


@pytest.mark.parametrize(
    ("written", "value", "currency"),
    [
        ("9200000", 9_200_000, None),
        ("9.200.000", 9_200_000, None),
        ("9 200 000", 9_200_000, None),
        ("9,2 mio.", 9_200_000, None),
        ("5,7 mia.", 5_700_000_000, None),
        ("1.5 million", 1_500_000, None),
        ("11.150.006 kr.", 11_150_006, "DKK"),
        ("€ 2,5 mio.", 2_500_000, "EUR"),
        ("100 t.", 100_000, None),
        ("USD 10 million", 10_000_000, "USD"),
        (665232.0, 665_232, None),
    ],
)
def test_amounts_in_danish_and_english_writing(
    written: str | float, value: int, currency: str | None
) -> None:
    amount = v.read_amount(written)
    assert (amount.value, amount.currency) == (Decimal(value), currency)


@pytest.mark.parametrize("written", ["abc", "-5", "ca. 5 mio.", "5 mio. kroner og lidt"])
def test_what_is_not_an_amount(written: str) -> None:
    with pytest.raises(v.CellError):
        v.read_amount(written)


@pytest.mark.parametrize(
    ("written", "literal"),
    [
        ("2020-05-27", "2020-05-27"),
        ("27-05-2020", "2020-05-27"),
        ("27.05.2020", "2020-05-27"),
        ("27/05/2020", "2020-05-27"),
        ("2020-05", "2020-05"),
        ("2020", "2020"),
        (dt.date(2020, 5, 27), "2020-05-27"),
        (2020, "2020"),
    ],
)
def test_dates_keep_only_what_is_given(written: str | dt.date | int, literal: str) -> None:
    assert str(v.read_date(written).literal()) == literal


@pytest.mark.parametrize("written", ["31-02-2020", "2020-13", "19xx", "0999", "next year"])
def test_what_is_not_a_date(written: str) -> None:
    with pytest.raises(v.CellError):
        v.read_date(written)


def test_controlled_words_in_danish_and_english() -> None:
    from vdk_graph.vocab import VDK

    assert v.read_kinds("videninstitution; Fond") == [VDK.KnowledgeInstitution, VDK.FundingBody]
    assert v.read_position_role("adm. direktør") == VDK.ChiefExecutive
    assert v.read_position_role("Formand") == VDK.BoardChair
    assert v.read_org_role("Projektpartner") == "partner" and v.read_org_role("leder") == "lead"
    assert v.read_person_role("projektleder") == "leader"
    assert v.read_status("igangværende") == VDK.Active
    assert v.read_boolean("ja") is True and v.read_boolean("0") is False
    assert v.read_percent("40,5%") == Decimal("40.5")
    with pytest.raises(v.CellError):
        v.read_percent("140 %")
    with pytest.raises(v.CellError, match="not a role"):
        v.read_org_role("boss")


# --------------------------------------------------------------------------- the trusted bulk path


def test_a_trusted_load_skips_shacl_but_not_syntax_or_safety(table_env: TableEnv) -> None:
    unlabelled = table_env.folder / "bulk.nt"
    unlabelled.write_text(
        f"<{BASE}organisation/x> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "
        "<https://w3id.org/vdk/ontology#Company> .\n",
        encoding="utf-8",
    )
    checked = ImportContext.for_store(table_env.store, table_env.settings)
    with pytest.raises(ImportFailed, match="label"):
        run_import(table_env.store, RdfImporter(), [unlabelled], checked)
    trusted = ImportContext.for_store(table_env.store, table_env.settings, trusted=True)
    run_import(table_env.store, RdfImporter(), [unlabelled], trusted)
    assert table_env.select(f"SELECT ?g WHERE {{ GRAPH ?g {{ <{BASE}organisation/x> a vdk:Company }} }}")
    broken = table_env.folder / "broken.nt"
    broken.write_text("<a> <b> .\n", encoding="utf-8")
    imports = table_env.folder / "imports.nt"
    imports.write_text("<http://x> <http://www.w3.org/2002/07/owl#imports> <http://example.org/o> .\n")
    with pytest.raises(ImportFailed) as failure:
        run_import(table_env.store, RdfImporter(), [broken, imports], trusted)
    assert {p.file for p in failure.value.problems} == {"broken.nt", "imports.nt"}
    cells = table_env.csv("organisations.csv", ["name", "kind", "source_url"], ["X", "spaceship", SRC])
    with pytest.raises(ImportFailed, match="spaceship"):
        table_env.load(cells, trusted=True)


def test_a_big_new_graph_through_the_bulk_loader_is_the_same_as_through_a_diff(
    tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    path = EXAMPLES / "organisations-example.csv"
    settings = Settings(store="memory:", data_dir=tmp_path)
    now = dt.datetime(2026, 11, 29, tzinfo=dt.UTC)
    dumps = []
    for threshold in (10**9, 1):
        monkeypatch.setattr(base, "BULK_TRIPLES", threshold)
        store = EmbeddedStore(tmp_path / f"store-{threshold}")
        run_import(store, TableImporter(), [path], ImportContext.for_store(store, settings, now=now))
        again = run_import(store, TableImporter(), [path], ImportContext.for_store(store, settings, now=now))
        assert again.added == again.removed == 0
        # The ontology, loaded with the first import, is left out: its blank nodes differ from store to store.
        dumps.append([line for line in dump(store) if f"<{ONTOLOGY_GRAPH}>" not in line and "_:" not in line])
        store.close()
    assert dumps[0] == dumps[1] and len(dumps[0]) > 100
