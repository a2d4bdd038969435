"""Formula injection: a cell such as =HYPERLINK("http://…","click") imported from a spreadsheet must never
come back as a formula in a CSV or TSV download. Every writer, every path: one rule
(results.spreadsheet_cell)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from tests.endpoint_fixtures import AppFactory
from tests.table_fixtures import SRC, write_csv
from vdk_graph.cli import main
from vdk_graph.results import SelectResult, spreadsheet_cell, write_select
from vdk_graph.store import Store

XSD = "http://www.w3.org/2001/XMLSchema#"
LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
EVIL = '=HYPERLINK("http://evil.example/","click")'
CLUSTER = ox.NamedNode("https://w3id.org/vdk/id/organisation/evil")


def integer(text: str) -> ox.Literal:
    return ox.Literal(text, datatype=ox.NamedNode(XSD + "integer"))


@pytest.mark.parametrize(
    ("text", "term", "cell"),
    [
        (EVIL, ox.Literal(EVIL), "'" + EVIL),
        ("+1+1", ox.Literal("+1+1"), "'+1+1"),
        ("@SUM(A1)", ox.Literal("@SUM(A1)", language="en"), "'@SUM(A1)"),
        ("\tx", ox.Literal("\tx"), "'\tx"),
        ("\rx", ox.Literal("\rx"), "'\rx"),
        ("-3", ox.Literal("-3"), "'-3"),  # a plain string: nothing says it is a number
        ("-3", integer("-3"), "-3"),  # a typed number is data
        ("-1.5E3", ox.Literal("-1.5E3", datatype=ox.NamedNode(XSD + "double")), "-1.5E3"),
        ("-2+3+cmd|'/C calc'!A0", integer("-2+3+cmd|'/C calc'!A0"), "'-2+3+cmd|'/C calc'!A0"),  # ill-typed
        ("Havblik Games", ox.Literal("Havblik Games"), "Havblik Games"),
        ("", ox.Literal(""), ""),
    ],
)
def test_the_rule(text: str, term: ox.Literal, cell: str) -> None:
    assert spreadsheet_cell(text, term) == cell


def rows(*values: ox.Literal | ox.NamedNode) -> SelectResult:
    return SelectResult(["v"], [(v,) for v in values])


def test_the_csv_and_tsv_writers_neutralise_every_formula_cell_and_keep_numbers() -> None:
    result = [EVIL, "-3", "x"]
    terms = [ox.Literal(EVIL), integer("-3"), ox.Literal("x")]
    text = "".join(write_select(rows(*terms), "csv"))
    assert [r[0] for r in csv.reader(io.StringIO(text))][1:] == ["'" + EVIL, *result[1:]]
    tsv = "".join(write_select(rows(*terms, ox.Literal("=1+1", language="da")), "tsv")).splitlines()
    assert tsv[1] == '"\'' + EVIL.replace('"', '\\"') + '"'
    assert tsv[2] == "-3" and tsv[4] == '"\'=1+1"@da'
    assert not any(line.lstrip('"').startswith(("=", "+", "@")) for line in tsv)


def evil_cluster(store: Store) -> None:
    """A cluster organisation named like a formula, as a spreadsheet import would write it."""
    cluster = ox.NamedNode("https://w3id.org/vdk/ontology#ClusterOrganisation")
    rdf_type = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    with store.transaction() as tx:
        tx.replace_graph("https://example.org/graph/evil", [
            ox.Triple(CLUSTER, rdf_type, cluster),
            ox.Triple(CLUSTER, LABEL, ox.Literal(EVIL)),
            ox.Triple(CLUSTER, ox.NamedNode("https://example.org/n"), integer("-3")),
        ])


LABELS = "SELECT ?l WHERE { ?s rdfs:label ?l }"
QUERIES = {
    "capped": LABELS,  # the endpoint appends LIMIT cap+1 and runs it natively
    "bounded": LABELS + " LIMIT 10",  # run natively as it is
    "general": LABELS + " VALUES ?x { 1 }",  # no LIMIT can follow VALUES: the general path
}


@pytest.mark.parametrize("kind", ["memory", "embedded"])
@pytest.mark.parametrize("path", list(QUERIES))
@pytest.mark.parametrize("fmt", ["csv", "tsv"])
def test_sparql_downloads_never_start_a_cell_with_a_formula(
    sparql_app: AppFactory, kind: str, path: str, fmt: str
) -> None:
    client = sparql_app(kind, fill=evil_cluster).test_client()
    response = client.get("/sparql", query_string={"query": QUERIES[path], "format": fmt})
    assert response.status_code == 200, response.get_data(as_text=True)
    body = response.get_data(as_text=True)
    expected = "'" + EVIL if fmt == "csv" else '"\'' + EVIL.replace('"', '\\"') + '"'
    cells = [row[0] for row in csv.reader(io.StringIO(body), delimiter="," if fmt == "csv" else "\t",
                                          quoting=csv.QUOTE_MINIMAL if fmt == "csv" else csv.QUOTE_NONE)]
    assert cells[1:] == [expected], body


def test_numbers_stay_numbers_in_sparql_csv(sparql_app: AppFactory) -> None:
    client = sparql_app("memory", fill=evil_cluster).test_client()
    query = "SELECT ?n WHERE { ?s <https://example.org/n> ?n } LIMIT 5"
    body = client.get("/sparql", query_string={"query": query, "format": "csv"}).get_data(as_text=True)
    assert body.splitlines() == ["n", "-3"]


def test_a_named_query_csv_neutralises_formulas(sparql_app: AppFactory) -> None:
    client = sparql_app("memory", fill=evil_cluster).test_client()
    response = client.get("/queries/cluster-organisations.csv")
    assert response.status_code == 200
    records = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    assert [r["clusterLabel"] for r in records] == ["'" + EVIL]


def test_query_format_csv_and_tsv_from_an_imported_spreadsheet(tmp_path: Path) -> None:
    """End to end: the formula arrives in a spreadsheet cell and leaves the command line neutralised."""
    sheet = write_csv(tmp_path / "organisations.csv", ["name", "kind", "source_url"], [EVIL, "company", SRC])
    base = ["--store", str(tmp_path / "store"), "--data-dir", str(tmp_path)]
    runner = CliRunner()
    assert runner.invoke(main, [*base, "import", "table", str(sheet)]).exit_code == 0
    query = 'SELECT ?l WHERE { ?o a vdk:Company ; rdfs:label ?l FILTER(CONTAINS(?l, "HYPERLINK")) }'
    as_csv = runner.invoke(main, [*base, "query", "--format", "csv", query])
    assert as_csv.exit_code == 0, as_csv.output
    assert list(csv.reader(io.StringIO(as_csv.stdout)))[1:] == [["'" + EVIL]]
    as_tsv = runner.invoke(main, [*base, "query", "--format", "tsv", query])
    assert as_tsv.stdout.splitlines()[1].startswith("\"'=HYPERLINK")


def test_the_duplicates_csv_neutralises_names_and_still_merges(tmp_path: Path) -> None:
    from vdk_graph.names import name_key

    assert name_key(spreadsheet_cell(EVIL)) == name_key(EVIL)  # alias rows still find the organisation
    sheet = write_csv(
        tmp_path / "organisations.csv", ["name", "kind", "source_url"],
        ["=Havblik Games Studio", "company", SRC], ["@Havblik Game Studio", "company", SRC],
    )
    base = ["--store", str(tmp_path / "store"), "--data-dir", str(tmp_path)]
    runner = CliRunner()
    assert runner.invoke(main, [*base, "import", "table", str(sheet)]).exit_code == 0
    result = runner.invoke(main, [*base, "duplicates", "--format", "csv"])
    assert result.exit_code == 0, result.output
    cells = [cell for row in csv.reader(io.StringIO(result.stdout)) for cell in row]
    assert cells and not any(cell.startswith(("=", "+", "-", "@")) for cell in cells), cells
