"""The materialised aggregates (vdk_graph/aggregates, docs/decisions/0011) never change an answer.

Every materialised formulation of a named query gives exactly the rows of its original
formulation — on the shipped data (``data/``, built as ``vdk-graph build`` does) and on a
synthetic ecosystem — and in the same order, up to rows the query's ORDER BY leaves tied.
Stale aggregates are never read: after an import that changes what they count, the queries
take their original formulations until the aggregates are counted again. ``find-by-name``
narrowed by the name index gives the rows of the query without it, whatever the text.

Each comparison also requires that the materialised formulation really ran and that it
found rows, so an empty answer on both sides, or a silent fall-back to the original,
cannot make a test pass.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from tests.aggregates_fixtures import (
    BASE,
    MATERIALISED,
    check_all,
    order_keys,
    participation_file,
    rows,
    run,
    synthetic_store,
)
from tests.factories import DATA, app_for
from vdk_graph import aggregates, queries
from vdk_graph.aggregates import freshness, write_aggregates
from vdk_graph.cli import main
from vdk_graph.config import Settings
from vdk_graph.curation.build import build
from vdk_graph.errors import ParameterError
from vdk_graph.importers.base import ImportContext, run_import
from vdk_graph.importers.rdf import RdfImporter
from vdk_graph.queries import name_index
from vdk_graph.store import EmbeddedStore, MemoryStore, Store

#: Texts for find-by-name: plain, short, regex and SPARQL metacharacters, quotes, FTS5 syntax, unicode.
HOSTILE = ["film", "a", "e", "ab", "studio", "aarhus", "University", "ANIMATION", " ", "  ", "a b", ".*",
           "(", ")", "[a-z]+", "\\", "\\n", "$", "^", "|", "?", "*", "+", '"', "'", '"film"', "it's",
           "%", "_", "NEAR", "film OR games", "AND", "-", "æ", "ø", "Å", "ü", "é", "ß", "İ", "Σ",
           "’", "🎮", "\u00a0", "\t", "{", "}", "<", ">", "#", "x" * 40, "ÆØÅ", "københavn"]


@pytest.fixture(scope="module")
def shipped() -> Iterator[MemoryStore]:
    store = MemoryStore()
    report = build(store, Settings(store="memory:", data_dir=DATA), clean=True)
    assert report.aggregates is not None and report.aggregates.triples > 0
    yield store
    store.close()


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    store = EmbeddedStore(tmp_path_factory.mktemp("synthetic") / "store")
    yield synthetic_store(store)
    store.close()


def test_every_materialised_formulation_gives_the_original_rows_on_the_shipped_data(
        shipped: MemoryStore) -> None:
    counted = check_all(shipped)
    empty = [name for name, n in counted.items() if n == 0 and name != "organisations-bridging-communities"]
    assert not empty, f"nothing to compare on the shipped data for {empty}"


def test_every_materialised_formulation_gives_the_original_rows_on_a_synthetic_store(
        synthetic: Store) -> None:
    counted = check_all(synthetic)
    assert all(counted[name] > 0 for name in MATERIALISED), counted


def test_the_materialised_formulations_cover_the_slow_questions() -> None:
    assert {"best-connected-organisations", "collaborating-pairs", "knowledge-reaches-companies",
            "topic-cooccurrence"} <= set(MATERIALISED)


def test_the_aggregates_graph_is_left_out_of_sources_and_describes_itself(shipped: MemoryStore) -> None:
    graph = aggregates.aggregates_graph(BASE)
    listed = [row[0] for row in rows(queries.get("sources").run(shipped))]
    assert f"<{graph}>" not in listed
    assert freshness.recorded(shipped)[0] == graph
    assert aggregates.current(shipped) == frozenset(aggregates.FAMILIES)


def test_after_an_import_the_originals_run_until_the_aggregates_are_counted_again(tmp_path: Path) -> None:
    store = synthetic_store(EmbeddedStore(tmp_path / "store"), orgs=120, seed=5)
    try:
        pairs = queries.get("collaborating-pairs")
        assert pairs.materialised is not None
        before = rows(pairs.run(store))
        assert pairs.bind({}, store) == pairs.bind({}, store) != pairs.bind({}, store, original=True)

        context = ImportContext.for_store(store, Settings(store=str(tmp_path / "store")), trusted=True)
        run_import(store, RdfImporter(), [participation_file(tmp_path, store)], context)

        # Stale: participation changed, so the queries reading it take their original formulation …
        assert "participation" not in aggregates.current(store)
        assert "topics" not in aggregates.current(store)
        for name in MATERIALISED:
            named = queries.get(name)
            assert named.materialised is not None
            if named.materialised.reads & {"participation", "topics", "communities"}:
                assert named.bind({}, store) == named.bind({}, store, original=True), name
        after = rows(pairs.run(store))
        assert after != before  # the new pair is counted
        # … which is right, where the stale aggregates would not be.
        stale_text = pairs.materialised.sparql
        from vdk_graph import queries as q

        stale = rows(q.sparql.run(store, q.values.inject(stale_text, pairs.terms({}, store))))
        assert Counter(stale) != Counter(after)

        # Refreshed: counted again, the materialised formulations run and agree with the originals.
        report = write_aggregates(store, BASE)
        assert "participation" in report.families
        assert aggregates.current(store) == frozenset(aggregates.FAMILIES)
        assert rows(pairs.run(store)) == after or Counter(rows(pairs.run(store))) == Counter(after)
        check_all(store)
    finally:
        store.close()


def test_a_new_process_trusts_the_marker_only_for_its_data_version(tmp_path: Path) -> None:
    store = synthetic_store(EmbeddedStore(tmp_path / "store"), orgs=60, seed=2)
    try:
        version = store.data_version()
        assert freshness.read_marker(store, version) == frozenset(aggregates.FAMILIES)
        assert freshness.read_marker(store, version + "-other") is None
        with store.transaction() as tx:
            x, p = ox.NamedNode("https://example.org/x"), ox.NamedNode("https://example.org/p")
            tx.replace_graph("https://w3id.org/vdk/id/graph/test/extra", [ox.Triple(x, p, ox.Literal("y"))])
        assert freshness.read_marker(store, store.data_version()) is None
        # The extra graph changes the sizes of the sources, not participation.
        assert aggregates.current(store) == frozenset(aggregates.FAMILIES) - {"graph-sizes"}
    finally:
        store.close()


def test_counting_again_with_nothing_changed_writes_nothing(tmp_path: Path) -> None:
    store = synthetic_store(EmbeddedStore(tmp_path / "store"), orgs=60, seed=4)
    try:
        version = store.data_version()
        report = write_aggregates(store, BASE)
        assert report.families == [] and report.unchanged and "already current" in report.summary()
        assert store.data_version() == version
    finally:
        store.close()


def test_the_aggregates_command_counts_them_and_an_import_into_a_small_store_counts_them_again(
        tmp_path: Path) -> None:
    folder = tmp_path / "store"
    synthetic_store(EmbeddedStore(folder), orgs=60, seed=6).close()
    runner = CliRunner()
    result = runner.invoke(main, ["--store", str(folder), "aggregates"])
    assert result.exit_code == 0, result.output
    assert "already current" in result.output
    result = runner.invoke(main, ["--store", str(folder), "aggregates", "--force"])
    assert result.exit_code == 0, result.output
    assert "triples written" in result.output
    store = EmbeddedStore(folder)
    path = participation_file(tmp_path, store)
    assert aggregates.data_within(store, aggregates.AUTO_COUNT_LIMIT)  # small: counted with the import
    store.close()
    result = runner.invoke(main, ["--store", str(folder), "import", "rdf", "--no-shacl", str(path)])
    assert result.exit_code == 0, result.output
    assert "aggregates (participation" in result.output
    store = EmbeddedStore(folder)
    try:
        assert aggregates.current(store) == frozenset(aggregates.FAMILIES)
    finally:
        store.close()


# find-by-name and the name index


def _find(store: Store, text: str, *, narrowed: bool) -> list[tuple[str, ...]] | str:
    named = queries.get("find-by-name")
    try:
        bound = named.bind({"text": text}, store, narrowed=narrowed)
    except ParameterError as exc:
        return f"ParameterError: {exc}"
    plain = named.bind({"text": text}, store, narrowed=False)
    assert ("VALUES ?entity" in bound) == (narrowed and bound != plain)
    return run(store, bound)[1]


def _same_found(store: Store, text: str) -> None:
    narrowed, plain = _find(store, text, narrowed=True), _find(store, text, narrowed=False)
    if isinstance(plain, str) or isinstance(narrowed, str):
        assert narrowed == plain
        return
    named = queries.get("find-by-name")
    assert Counter(narrowed) == Counter(plain), (
        f"{text!r}: only narrowed {sorted(set(narrowed) - set(plain))[:3]}, "
        f"only plain {sorted(set(plain) - set(narrowed))[:3]}")
    variables = ["entity", "entityLabel", "kind"]
    assert order_keys(named, variables, narrowed) == order_keys(named, variables, plain)


@pytest.mark.parametrize("text", HOSTILE)
def test_find_by_name_narrowed_gives_the_rows_of_the_plain_query_on_the_shipped_data(
        shipped: MemoryStore, text: str) -> None:
    _same_found(shipped, text)


@pytest.mark.parametrize("text", HOSTILE)
def test_find_by_name_narrowed_gives_the_rows_of_the_plain_query_on_a_synthetic_store(
        synthetic: Store, text: str) -> None:
    _same_found(synthetic, text)


def test_find_by_name_is_narrowed_and_finds_something(synthetic: Store, shipped: MemoryStore) -> None:
    for store in (synthetic, shipped):
        bound = queries.get("find-by-name").bind({"text": "a"}, store)
        assert "VALUES ?entity" in bound
        found = _find(store, "a", narrowed=True)
        assert isinstance(found, list) and len(found) == 500 or store is shipped and found


def test_the_empty_text_is_refused_or_answered_alike(shipped: MemoryStore) -> None:
    _same_found(shipped, "")


def test_the_name_index_keeps_every_entity_that_can_be_among_the_first_rows() -> None:
    index = name_index.NameIndex([(f"https://example.org/{i}", label) for i, label in enumerate(
        ["b film", "a film", "z film", "c film", "a film two"])] + [("https://example.org/1", "zz film")])
    # Entity 1 has labels "a film" and "zz film": whichever the query samples, it can be first.
    assert "https://example.org/1" in index.candidates("film", 1)
    assert index.candidates("FILM", 10) == sorted({f"https://example.org/{i}" for i in range(5)})
    assert index.candidates("nothing", 10) == []
    assert index.matching('"') == [] and index.matching("") != []


# The web app shows the text that ran


def test_a_named_query_page_and_its_json_show_the_formulation_that_ran(shipped: MemoryStore) -> None:
    app = app_for(shipped, Settings(store="memory:", data_dir=DATA))
    client = app.test_client()
    page = client.get("/queries/collaborating-pairs?min_projects=1")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "vdk:tieRank" in html  # the materialised formulation, in "The SPARQL"
    twin = client.get("/queries/collaborating-pairs.json?min_projects=1").get_json()
    assert "vdk:tieRank" in twin["query"]["sparql"] and twin["rows"]
    found = client.get("/queries/find-by-name.json?text=film").get_json()
    assert "VALUES ?entity" in found["query"]["sparql"] and found["rows"]
    # a first page with no parameter reads only the places within the endpoint's row cap (and one more)
    reaches = client.get("/queries/knowledge-reaches-companies.json").get_json()
    assert "FILTER(?rank <= 10001)" in reaches["query"]["sparql"] and reaches["rows"]
    described = client.get("/queries.json").get_json()["queries"]
    pairs = next(q for q in described if q["name"] == "collaborating-pairs")
    assert "vdk:tieRank" in pairs["example"] and "vdk:tieRank" not in pairs["sparql"]
