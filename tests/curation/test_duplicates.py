"""``vdk-graph duplicates``: likely duplicates that were not merged, scored, ready for the alias file."""

from __future__ import annotations

import csv
import io

from click.testing import CliRunner

from tests.table_fixtures import SRC, TableEnv
from vdk_graph.cli import main
from vdk_graph.curation import duplicates as dup
from vdk_graph.curation.duplicates import DuplicateFinder, OrgRecord, similarity
from vdk_graph.names import name_key
from vdk_graph.synth import generate


def score(a: str, b: str) -> float:
    return similarity(name_key(a), name_key(b))


def test_scores_rank_real_look_alikes_above_different_organisations_with_shared_words() -> None:
    likely = [
        ("Den Vestdanske Filmpulje", "Vestdansk Filmpulje"),
        ("Interactive Denmark", "Interactive Danmark"),
        ("Nordisk Film Games", "Nordisk Games"),
        ("Det Danske Filminstitut", "Danish Film Institute"),
        ("Viborg Kommune", "Viborg Kommunes"),
    ]
    unlikely = [
        ("Aarhus Universitet", "Aalborg Universitet"),
        ("Nyborg Kommune", "Viborg Kommune"),
        ("Danish Sound Cluster", "Danish Sound Network"),
        ("Copenhagen Film Fund", "Copenhagen Film Festival"),
    ]
    assert min(score(a, b) for a, b in likely) >= dup.MIN_SCORE
    assert max(score(a, b) for a, b in unlikely) < dup.MIN_SCORE
    assert score("Nordisk Games", "Nordisk Film Games") > score(
        "Vision Denmark", "Vision Denmark Creative Business Alliance"
    )


def test_shared_identifiers_score_100_and_confirmed_or_related_pairs_are_not_listed() -> None:
    records = [
        OrgRecord("x:1", ("Nordisk Film Games",), graphs=3),
        OrgRecord("x:2", ("Nordisk Games",)),
        OrgRecord("x:3", ("Sybo",), cvr=("12345678",)),
        OrgRecord("x:4", ("Kiloo Games",), cvr=("12 34 56 78",)),
        OrgRecord("x:5", ("Nyborg Kommune",)),
        OrgRecord("x:6", ("Viborg Kommune",)),
        OrgRecord("x:7", ("Filmby Aarhus",), websites=("https://filmbyaarhus.dk/",)),
        OrgRecord("x:8", ("Filmbyen",), websites=("http://www.filmbyaarhus.dk",)),
        OrgRecord("x:9", ("Danish Sound Network",)),
        OrgRecord("x:10", ("Sound Network",)),
        OrgRecord("x:11", ("Interactive Denmark", "Interactive DK")),
        OrgRecord("x:12", ("Interactive Danmark",)),
    ]
    finder = DuplicateFinder(
        records,
        # confirmed different under one name of each: not listed under any of their names
        different={frozenset(("interactive dk", "interactive danmark"))},
        related={frozenset(("x:9", "x:10"))},
    )
    found = {(d.keep.iri, d.merge.iri): (round(d.score), d.reason) for d in finder.find()}
    assert found[("x:1", "x:2")][0] == 92  # the better-attested node is the one to keep
    assert found[("x:3", "x:4")] == (100, "same CVR 12345678")
    assert found[("x:7", "x:8")] == (100, "same website filmbyaarhus.dk")
    assert not {
        ("x:5", "x:6"),
        ("x:6", "x:5"),
        ("x:9", "x:10"),
        ("x:10", "x:9"),
        ("x:11", "x:12"),
        ("x:12", "x:11"),
    } & set(found)


def test_blocking_compares_few_of_all_pairs_and_still_finds_the_typo(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    ecosystem = generate(3_000, seed=5)
    records = [OrgRecord(o.iri, (o.name,)) for o in ecosystem.orgs]
    records.append(OrgRecord("x:typo", (records[0].names[0].replace(" ", "  ").upper() + " ApS",)))
    records.append(OrgRecord("x:swap", (" ".join(reversed(records[1].names[0].split())),)))
    compared = 0
    real = dup.process.extract

    def counted(query, choices, **kwargs):  # type: ignore[no-untyped-def]
        nonlocal compared
        compared += len(choices)
        return real(query, choices, **kwargs)

    monkeypatch.setattr(dup.process, "extract", counted)
    found = {frozenset((d.keep.iri, d.merge.iri)) for d in DuplicateFinder(records).find()}
    n = len(records)
    assert compared < n * (n - 1) / 20  # two sifts per pair at most, and only within blocks
    assert frozenset((records[0].iri, "x:typo")) in found
    assert frozenset((records[1].iri, "x:swap")) in found
    assert len(found) == 2  # serial numbers keep the synthetic names apart


def test_the_csv_rows_are_alias_file_rows_that_merge_on_the_next_import(table_env: TableEnv) -> None:
    path = table_env.csv(
        "organisations.csv",
        ["name", "kind", "source_url"],
        ["Den Vestdanske Filmpulje", "fund", SRC],
        ["Vestdansk Filmpulje", "fund", SRC],
        ["Aarhus Universitet", "university", SRC],
        ["Aalborg Universitet", "university", SRC],
    )
    store = str(table_env.folder / "store")
    runner = CliRunner()
    # The CLI reads the alias file of its data folder.
    base = ["--store", store, "--data-dir", str(table_env.folder)]
    assert runner.invoke(main, [*base, "import", "table", str(path)]).exit_code == 0
    table = runner.invoke(main, [*base, "duplicates"])
    assert table.exit_code == 0 and "Vestdansk Filmpulje" in table.output and "Aalborg" not in table.output
    rows = runner.invoke(main, [*base, "duplicates", "--format", "csv"]).output
    [row] = list(csv.DictReader(io.StringIO("name,same_as,different_from,note\n" + rows)))
    assert {row["name"], row["same_as"]} == {"Den Vestdanske Filmpulje", "Vestdansk Filmpulje"}
    table_env.aliases(rows.strip())
    assert runner.invoke(main, [*base, "import", "table", str(path)]).exit_code == 0
    after = runner.invoke(main, [*base, "duplicates", "--format", "json"])
    assert after.exit_code == 0 and "Filmpulje" not in after.output
    help_text = runner.invoke(main, ["duplicates", "--help"]).output
    assert "Example" in help_text
