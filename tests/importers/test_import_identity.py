"""A source is not its file name: an import of another file with a colliding name never replaces or
removes the graphs of the first (it goes beside them, or takes them with --replace, loudly); nor does
remove-source."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.store_fixtures import dump
from tests.table_fixtures import BASE, SRC, TableEnv, write_csv
from vdk_graph.cli import main
from vdk_graph.config import Settings
from vdk_graph.curation.build import build
from vdk_graph.curation.sources import list_sources, remove_sources
from vdk_graph.errors import AmbiguousName, NotFound
from vdk_graph.importers.base import ImportContext, run_import
from vdk_graph.importers.identity import file_identity
from vdk_graph.importers.rdf import RdfImporter
from vdk_graph.ontology import ONTOLOGY_GRAPH
from vdk_graph.store import MemoryStore

OTHER = "https://example.org/other"
HEADER = ["name", "kind", "source_url"]
TURTLE = """@prefix vdk: <https://w3id.org/vdk/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
<https://w3id.org/vdk/id/organisation/{name}> a vdk:Company ; rdfs:label "{name}" .
"""


@pytest.fixture
def curated(table_env: TableEnv) -> TableEnv:
    """``organisations.csv`` in the data folder, citing two sources: two graphs."""
    rows = (["Studio A", "company", SRC], ["Studio B", "company", OTHER])
    table_env.load(table_env.csv("organisations.csv", HEADER, *rows))
    return table_env


def stranger(tmp_path: Path, *rows: list[str]) -> Path:
    """Another ``organisations.csv``, outside the data folder."""
    folder = tmp_path / "downloads"
    folder.mkdir(exist_ok=True)
    return write_csv(folder / "organisations.csv", HEADER, *(rows or (["Studio X", "company", SRC],)))


def source_graphs(store: MemoryStore) -> dict[str, int]:
    """The store's graphs but the ontology, which the first import into an empty store loads too."""
    return {g: n for g, n in store.graph_sizes().items() if g != ONTOLOGY_GRAPH}


def curated_graphs(env: TableEnv) -> dict[str, int]:
    return {g: n for g, n in env.store.graph_sizes().items() if "/graph/table/organisations/" in g}


# --------------------------------------------------------------------------- spreadsheets


def test_another_file_with_the_same_name_goes_beside_the_curated_graphs_and_says_so(
    curated: TableEnv, tmp_path: Path
) -> None:
    before = dump(curated.store)
    kept = curated_graphs(curated)
    assert len(kept) == 2
    report = curated.load(stranger(tmp_path))
    after = source_graphs(curated.store)
    assert {g: after[g] for g in kept} == kept
    assert set(before) <= set(dump(curated.store))  # nothing of the curated file went
    [new] = [g for g in after if g not in kept]
    assert re.fullmatch(rf"{BASE}graph/table/organisations-[0-9a-f]{{8}}/example-org-page-[0-9a-f]{{6}}", new)
    summary = report.summary()
    assert f"holds 2 graphs ({sum(kept.values()):,} triples) of another source, organisations.csv" in summary
    assert "went to <" in summary and "--replace" in summary
    assert report.removed == 0 and not report.removed_graphs


def test_the_other_file_imported_again_replaces_only_its_own_graph(curated: TableEnv, tmp_path: Path) -> None:
    path = stranger(tmp_path)
    curated.load(path)
    first = curated.store.graph_sizes()
    stranger(tmp_path, ["Studio Y", "company", OTHER])  # now cites another page: its old graph goes
    report = curated.load(path)
    after = curated.store.graph_sizes()
    assert {g for g in after if "/organisations/" in g} == {g for g in first if "/organisations/" in g}
    assert len([g for g in after if "/organisations-" in g]) == 1 and report.removed_graphs
    assert "remove 1 graph (" in report.summary() and "no longer cites" in report.summary()


def test_replace_takes_the_name_and_the_summary_says_loudly_what_goes(
    curated: TableEnv, tmp_path: Path
) -> None:
    kept = curated_graphs(curated)
    preview = curated.load(stranger(tmp_path), dry_run=True, replace=True)
    assert curated_graphs(curated) == kept
    expected = f"2 graphs ({sum(kept.values()):,} triples) of another source, organisations.csv"
    assert f"WARNING: --replace would replace or remove {expected}" in preview.summary()
    report = curated.load(stranger(tmp_path), replace=True)
    assert f"WARNING: --replace replaced or removed {expected}" in report.summary()
    assert len(curated_graphs(curated)) == 1 and len(source_graphs(curated.store)) == 1
    assert not curated.select('SELECT ?o WHERE { ?o rdfs:label "Studio B" }')
    assert curated.select('SELECT ?o WHERE { ?o rdfs:label "Studio X" }')


def test_the_curated_file_again_replaces_its_graphs_and_says_how_many(curated: TableEnv) -> None:
    kept = curated_graphs(curated)
    report = curated.load(curated.folder / "organisations.csv", dry_run=True)
    triples = sum(kept.values())
    assert f"would replace 2 graphs ({triples:,} triples) imported before from the same source" in (
        report.summary()
    )
    assert not report.collisions


def test_graphs_written_before_files_were_recorded_count_as_the_data_folders(
    curated: TableEnv, tmp_path: Path
) -> None:
    """An old store (no vdk:sourceFile) keeps re-importing its curated files; a stranger still goes beside."""
    with curated.store.transaction() as tx:
        for graph in curated_graphs(curated):
            triples = curated.store.graph_triples(graph)
            tx.replace_graph(graph, [t for t in triples if not t.predicate.value.endswith("#sourceFile")])
    kept = curated_graphs(curated)
    beside = curated.load(stranger(tmp_path))
    assert beside.collisions and set(curated_graphs(curated)) == set(kept)
    assert "another source, an older table import" in beside.summary()
    report = curated.load(curated.folder / "organisations.csv")
    assert not report.collisions and set(curated_graphs(curated)) == set(kept)


def test_two_files_of_one_name_in_one_import_get_a_graph_family_each(
    table_env: TableEnv, tmp_path: Path
) -> None:
    mine = table_env.csv("organisations.csv", HEADER, ["Studio A", "company", SRC])
    report = table_env.load(mine, stranger(tmp_path, ["Studio X", "company", SRC]))
    graphs = [c.graph for c in report.changes]
    assert len(graphs) == 2 and len({g.rsplit("/", 2)[1] for g in graphs}) == 2


# --------------------------------------------------------------------------- RDF files


def rdf(store: MemoryStore, path: Path, settings: Settings, **context: object):  # type: ignore[no-untyped-def]
    ctx = ImportContext.for_store(store, settings, **context)
    return run_import(store, RdfImporter(), [path], ctx)


def turtle(folder: Path, name: str, org: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(TURTLE.format(name=org), encoding="utf-8")
    return path


def test_an_unrelated_turtle_file_does_not_replace_the_curated_graph_of_its_name(tmp_path: Path) -> None:
    settings = Settings(store="memory:", data_dir=tmp_path / "data")
    store = MemoryStore()
    rdf(store, turtle(tmp_path / "data" / "sources", "ufm-klynger.ttl", "Curated"), settings, source_url=SRC)
    curated = f"{BASE}graph/rdf/ufm-klynger"
    before = store.graph_sizes()[curated]
    report = rdf(store, turtle(tmp_path / "elsewhere", "ufm-klynger.ttl", "Stranger"), settings)
    assert store.graph_sizes()[curated] == before and len(source_graphs(store)) == 2
    assert f"sources/ufm-klynger.ttl ({SRC})" in report.summary()
    # The same public URL is the same source: that replaces it (and says so).
    same = rdf(store, turtle(tmp_path / "elsewhere", "ufm-klynger.ttl", "Stranger"), settings, source_url=SRC)
    assert not same.collisions and "replace 1 graph" in same.summary()
    stranger_there = f'ASK {{ GRAPH <{curated}> {{ ?o ?p "Stranger" }} }}'
    assert store.query(stranger_there).value  # type: ignore[union-attr]


def test_every_empty_ttl_gets_its_own_graph_and_the_same_one_the_same(tmp_path: Path) -> None:
    settings = Settings(store="memory:", data_dir=tmp_path / "data")
    store = MemoryStore()
    first, second = turtle(tmp_path / "a", "empty.ttl", "A"), turtle(tmp_path / "b", "empty.ttl", "B")
    rdf(store, first, settings)
    rdf(store, second, settings)
    assert len(source_graphs(store)) == 2
    again = rdf(store, second, settings)
    assert len(source_graphs(store)) == 2 and again.collisions and again.changes[0].existed
    files = {e.file for e in list_sources(store) if e.graph != ONTOLOGY_GRAPH}
    assert files == {file_identity(first, settings.data_dir)[0], file_identity(second, settings.data_dir)[0]}
    assert all(f.startswith("empty.ttl#") and str(tmp_path) not in f for f in files)  # no private path


def test_a_manifest_url_corrected_is_still_the_same_file_and_the_build_replaces_it(tmp_path: Path) -> None:
    data = tmp_path / "data"
    turtle(data / "sources", "x.ttl", "X")
    manifest = data / "manifest.toml"
    entry = f'[[source]]\nfile = "sources/x.ttl"\nimporter = "rdf"\nurl = "{SRC}"\n'
    manifest.write_text(entry, encoding="utf-8")
    settings = Settings(store="memory:", data_dir=data)
    store = MemoryStore()
    build(store, settings, metrics=False, aggregates=False)
    rdf(store, turtle(tmp_path / "elsewhere", "x.ttl", "Stranger"), settings)  # beside it
    manifest.write_text(manifest.read_text(encoding="utf-8").replace(SRC, OTHER), encoding="utf-8")
    report = build(store, settings, metrics=False, aggregates=False)
    assert not report.collisions
    graphs = {e.graph: e for e in list_sources(store)}
    assert graphs[f"{BASE}graph/rdf/x"].source_url == OTHER and len(graphs) == 3  # ontology, x, stranger


# --------------------------------------------------------------------------- remove-source


def test_remove_source_by_a_colliding_file_name_refuses_and_by_path_removes_only_that_file(
    curated: TableEnv, tmp_path: Path
) -> None:
    other = stranger(tmp_path)
    curated.load(other)
    before = curated.store.graph_sizes()
    ambiguous = "names files of 2 sources: .*organisations.csv#[0-9a-f]+ \\(1 graph\\)"
    with pytest.raises(AmbiguousName, match=ambiguous):
        remove_sources(curated.store, ["organisations.csv"], data_dir=curated.folder)
    assert curated.store.graph_sizes() == before
    removed = remove_sources(curated.store, [str(other)], data_dir=curated.folder)
    assert len(removed) == 1 and set(curated_graphs(curated)) == {g for g in before if "/organisations/" in g}
    # A file that was never imported names nothing, even though its name matches.
    unrelated = write_csv(tmp_path / "organisations.csv", HEADER, ["Studio Z", "company", SRC])
    with pytest.raises(NotFound, match="no graph was imported from .*name one of those"):
        remove_sources(curated.store, [str(unrelated)], data_dir=curated.folder)
    assert len(remove_sources(curated.store, ["organisations.csv"], data_dir=curated.folder)) == 2


# --------------------------------------------------------------------------- the command line


def test_the_commands_say_where_an_import_went_and_replace_only_when_asked(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    rows = (["Studio A", "company", SRC], ["Studio B", "company", OTHER])
    write_csv(data / "organisations.csv", HEADER, *rows)
    base = ["--store", str(tmp_path / "store"), "--data-dir", str(data)]
    runner = CliRunner()
    assert runner.invoke(main, [*base, "import", "table", str(data / "organisations.csv")]).exit_code == 0
    other = stranger(tmp_path)
    dry = runner.invoke(main, [*base, "import", "table", "--dry-run", "--replace", str(other)])
    assert dry.exit_code == 0, dry.output
    assert "WARNING: --replace would replace or remove 2 graphs (" in dry.output
    assert "  remove <" in dry.output
    beside = runner.invoke(main, [*base, "import", "table", str(other)])
    assert beside.exit_code == 0 and "holds 2 graphs" in beside.output and "went to <" in beside.output
    listed = runner.invoke(main, [*base, "sources"])
    assert "4 named graphs" in listed.output  # organisations.csv twice, the stranger, the ontology
    ambiguous = runner.invoke(main, [*base, "remove-source", "--yes", "organisations.csv"])
    assert ambiguous.exit_code == 1 and "names files of 2 sources" in ambiguous.output
    assert "Traceback" not in ambiguous.output
    assert "--replace" in runner.invoke(main, ["import", "rdf", "--help"]).output


def test_a_build_finding_its_name_taken_by_another_source_goes_beside_it_and_says_so(tmp_path: Path) -> None:
    data = tmp_path / "data"
    turtle(data / "sources", "x.ttl", "Curated")
    entry = f'[[source]]\nfile = "sources/x.ttl"\nimporter = "rdf"\nurl = "{SRC}"\n'
    (data / "manifest.toml").write_text(entry, encoding="utf-8")
    settings = Settings(store="memory:", data_dir=data)
    store = MemoryStore()
    rdf(store, turtle(tmp_path / "elsewhere", "x.ttl", "Stranger"), settings)  # took the name first
    taken = f"{BASE}graph/rdf/x"
    before = sorted(store.graph_triples(taken), key=str)
    report = build(store, settings, metrics=False, aggregates=False)
    assert sorted(store.graph_triples(taken), key=str) == before
    [collision] = report.collisions
    assert collision.wanted == taken and re.fullmatch(rf"{taken}-[0-9a-f]{{8}}", collision.placed)
    stranger_file = file_identity(tmp_path / "elsewhere" / "x.ttl", data)[0]
    assert stranger_file in report.summary() and collision.placed in report.summary()
    # the next build finds its own graph again
    again = build(store, settings, metrics=False, aggregates=False)
    assert [c.placed for c in again.collisions] == [collision.placed]
    assert len(store.graph_sizes()) == 3
