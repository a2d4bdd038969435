"""``vdk-graph sources`` and ``vdk-graph remove-source``: what came from where, and taking it out again."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from tests.table_fixtures import SRC, TableEnv
from vdk_graph.cli import main
from vdk_graph.curation.sources import ProtectedGraph, list_sources, remove_sources
from vdk_graph.errors import NotFound
from vdk_graph.ontology import ONTOLOGY_GRAPH

OTHER = "https://example.org/other"


@pytest.fixture
def loaded(table_env: TableEnv) -> TableEnv:
    """Two sources in organisations.csv, one of them also cited by people.csv, plus an undescribed graph."""
    orgs = table_env.csv(
        "organisations.csv",
        ["name", "kind", "source_url", "retrieved"],
        ["Studio A", "company", SRC, "2026-11-01"],
        ["Studio B", "company", OTHER, "2026-11-02"],
    )
    people = table_env.csv("people.csv", ["name", "organisation", "source_url"], ["Ann", "Studio A", SRC])
    table_env.load(orgs, people)
    triple = ox.Triple(
        ox.NamedNode("https://example.org/s"), ox.NamedNode("https://example.org/p"), ox.Literal("o")
    )
    with table_env.store.transaction() as tx:
        tx.replace_graph("https://example.org/graph/loose", [triple])
        tx.replace_graph(ONTOLOGY_GRAPH, [triple])
    return table_env


def test_sources_lists_each_graph_with_its_label_importer_url_time_and_size(loaded: TableEnv) -> None:
    entries = {e.graph: e for e in list_sources(loaded.store)}
    tables = [e for e in entries.values() if e.importer == "table"]
    assert len(tables) == 3 and {e.source_url for e in tables} == {SRC, OTHER}
    first = next(e for e in tables if "organisations" in e.graph and e.source_url == SRC)
    assert first.triples == loaded.store.graph_sizes()[first.graph] > 5
    assert first.retrieved == dt.date(2026, 11, 1) and "organisations.csv" in (first.label or "")
    assert isinstance(first.imported, dt.datetime)
    assert set(entries) == set(loaded.store.graph_sizes())


def test_a_source_is_removed_by_graph_iri_url_or_file_name_in_one_transaction(loaded: TableEnv) -> None:
    graphs = {e.graph: e for e in list_sources(loaded.store)}
    by_url = [g for g, e in graphs.items() if e.source_url == SRC]
    assert len(by_url) == 2
    preview = remove_sources(loaded.store, [SRC], dry_run=True)
    assert {c.graph for c in preview} == set(by_url) and set(loaded.store.graph_sizes()) == set(graphs)
    removed = remove_sources(loaded.store, [SRC])
    assert {c.graph for c in removed} == set(by_url)
    assert not loaded.select('SELECT ?o WHERE { ?o rdfs:label "Ann" }')
    remaining = [g for g in loaded.store.graph_sizes() if "/graph/table/organisations/" in g]
    assert len(remaining) == 1
    remove_sources(loaded.store, ["organisations.csv"])
    assert not [g for g in loaded.store.graph_sizes() if "/graph/table/" in g]
    remove_sources(loaded.store, ["https://example.org/graph/loose"])
    assert set(loaded.store.graph_sizes()) == {ONTOLOGY_GRAPH}


def test_nothing_is_removed_when_a_target_matches_nothing_and_the_ontology_needs_force(
    loaded: TableEnv,
) -> None:
    before = loaded.store.graph_sizes()
    with pytest.raises(NotFound, match="vdk-graph sources"):
        remove_sources(loaded.store, [SRC, "https://example.org/never-imported"])
    with pytest.raises(ProtectedGraph, match="--force"):
        remove_sources(loaded.store, [ONTOLOGY_GRAPH, OTHER])
    assert loaded.store.graph_sizes() == before
    remove_sources(loaded.store, [ONTOLOGY_GRAPH], force=True)
    assert ONTOLOGY_GRAPH not in loaded.store.graph_sizes()


def test_the_commands_list_as_json_ask_before_removing_and_remove_with_yes(tmp_path: Path) -> None:
    orgs = tmp_path / "organisations.csv"
    orgs.write_text(
        f"name,kind,source_url\nStudio A,company,{SRC}\nStudio B,company,{OTHER}\n", encoding="utf-8"
    )
    runner = CliRunner()
    base = ["--store", str(tmp_path / "store"), "--data-dir", str(tmp_path)]
    assert runner.invoke(main, [*base, "import", "table", str(orgs)]).exit_code == 0
    # The first import into a fresh store also loaded the ontology, a graph of its own that is not a source.
    listed = [e for e in json.loads(runner.invoke(main, [*base, "sources", "--format", "json"]).output)
              if e["importer"] != "build"]
    assert {e["source_url"] for e in listed} == {SRC, OTHER} and all(e["importer"] == "table" for e in listed)
    table = runner.invoke(main, [*base, "sources"])
    assert table.exit_code == 0 and "3 named graphs" in table.output and SRC in table.output
    declined = runner.invoke(main, [*base, "remove-source", OTHER], input="n\n")
    assert (
        declined.exit_code == 1
        and len(json.loads(runner.invoke(main, [*base, "sources", "--format", "json"]).output)) == 3
    )
    done = runner.invoke(main, [*base, "remove-source", "--yes", OTHER])
    assert done.exit_code == 0 and "removed 1 named graph" in done.output
    missing = runner.invoke(main, [*base, "remove-source", "--yes", "nothing.csv"])
    assert missing.exit_code == 1 and "Error:" in missing.output
    for command in ("sources", "remove-source"):
        assert "Example" in runner.invoke(main, [command, "--help"]).output
