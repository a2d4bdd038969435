"""Who counts the aggregates (docs/decisions/0011): build and derive always, a change only on a small store.

An import into a larger store leaves them stale and says what counts them; the named
queries then take their original formulations and answer what the data says now.
``vdk-graph derive`` counts them first, then the views stamped with the data version,
so that none of those is left stale by the aggregates' own new version; views that read
nothing of the aggregates are carried over to it rather than computed again.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from tests.aggregates_fixtures import BASE, MATERIALISED, check_all, participation_file, rows, synthetic_store
from tests.factories import DATA
from vdk_graph import aggregates, synth, warm
from vdk_graph.aggregates import freshness
from vdk_graph.cli import main
from vdk_graph.matchmaking import cache
from vdk_graph.matchmaking.index import MATCH_INDEX, _compute
from vdk_graph.matchmaking.index_codecs import FIELDS
from vdk_graph.matchmaking.index_file import PATH_NETWORK
from vdk_graph.network import ECOSYSTEM, build_ecosystem
from vdk_graph.ontology import ONTOLOGY_GRAPH, load_ontology
from vdk_graph.queries import get
from vdk_graph.store import EmbeddedStore, MemoryStore
from vdk_graph.terms import graph_to_triples


def _invoke(folder: Path, *args: str) -> str:
    result = CliRunner().invoke(main, ["--store", str(folder), *args])
    assert result.exit_code == 0, result.output
    return result.output


def test_an_import_into_a_large_store_leaves_them_stale_and_derive_counts_them(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "store"
    store = synthetic_store(EmbeddedStore(folder), orgs=60, seed=6)
    pairs = get("collaborating-pairs")
    before = rows(pairs.run(store))
    path = participation_file(tmp_path, store)
    assert not aggregates.data_within(store, 1_000)  # 4,700 triples: "large" below
    store.close()
    monkeypatch.setattr(aggregates, "AUTO_COUNT_LIMIT", 1_000)

    output = _invoke(folder, "import", "rdf", "--no-shacl", str(path))
    assert "aggregates: stale" in output and "vdk-graph derive" in output
    assert "triples written" not in output  # not counted
    store = EmbeddedStore(folder)
    try:
        assert freshness.read_marker(store, store.data_version()) == frozenset()
        assert aggregates.current(store) == frozenset()
        for name in MATERIALISED:  # every named query takes its original formulation …
            named = get(name)
            assert named.bind({}, store) == named.bind({}, store, original=True), name
        after = rows(pairs.run(store))
        assert Counter(after) != Counter(before)  # … which counts the new pair
        assert pairs.materialised is not None
        stale = rows(store.query(pairs.materialised.sparql.replace("?min_projects", "1")))
        assert Counter(stale) != Counter(after)  # where the stale aggregates would not
    finally:
        store.close()

    output = _invoke(folder, "derive").splitlines()
    assert output[0].split()[:2] == ["aggregates", "computed"]  # counted first, then the views
    views = len(warm.disk_views())
    status = {line.split()[0]: line.split()[1] for line in output[1 + views:]}
    assert status == {"aggregates": "current", "match-index": "current", "network-measures": "current",
                      "path-network": "current"}, output  # none left stale by the aggregates' new version
    store = EmbeddedStore(folder)
    try:
        assert aggregates.current(store) == frozenset(aggregates.FAMILIES)
        assert pairs.bind({}, store) != pairs.bind({}, store, original=True)  # the materialised one runs …
        assert Counter(rows(pairs.run(store))) == Counter(after)  # … with the same rows
        check_all(store)
    finally:
        store.close()
    again = _invoke(folder, "derive").splitlines()[:1 + views]
    assert all("current, read" in line for line in again), again  # all current: nothing done


def test_derive_then_status_says_the_aggregates_are_current(tmp_path: Path) -> None:
    folder = tmp_path / "store"
    synthetic_store(EmbeddedStore(folder), orgs=60, seed=3).close()
    status = _invoke(folder, "derive", "--status")
    assert status.startswith("aggregates") and "current" in status.splitlines()[0]


def test_counting_the_aggregates_carries_the_views_that_do_not_read_them_over(tmp_path: Path) -> None:
    ecosystem = synth.generate(120, seed=8)
    store = EmbeddedStore(tmp_path / "store")
    with store.transaction() as tx:
        tx.replace_graph(ONTOLOGY_GRAPH, graph_to_triples(load_ontology()))
        tx.replace_graph(ecosystem.graph_iri, list(ecosystem.triples()))
    try:
        warm.derive(store)  # the views only, before any aggregates
        index, eco = MATCH_INDEX.get(store), ECOSYSTEM.get(store)
        computed = [view.computed for view in warm.carried_views()]

        report = warm.count_aggregates(store, BASE)
        assert report.families and report.version == store.data_version() != report.parent_version
        done = warm.derive(store, BASE)
        assert [d.view for d in done][0] == "aggregates" and not any(d.computed for d in done)
        assert [view.computed for view in warm.carried_views()] == computed  # carried, not computed
        assert MATCH_INDEX.get(store) is index and ECOSYSTEM.get(store) is eco

        # … and carried rightly: computed afresh from the store with its aggregates, they are the same.
        fresh = _compute(store)
        for name in FIELDS:
            if name != "exposure":
                assert getattr(fresh, name) == getattr(index, name), name
        assert fresh.fingerprint == index.fingerprint and fresh.collab.adj == index.collab.adj
        again = build_ecosystem(store)
        assert dict(again.graph.nodes(data=True)) == dict(eco.graph.nodes(data=True))
        assert sorted(again.graph.edges(keys=True, data="relation")) == sorted(
            eco.graph.edges(keys=True, data="relation"))
        assert cache.MEASURES.get(store).fingerprint == index.fingerprint
        assert PATH_NETWORK.get(store) is not None
    finally:
        store.close()


def test_another_writers_change_is_not_carried_over(tmp_path: Path) -> None:
    store = synthetic_store(EmbeddedStore(tmp_path / "store"), orgs=60, seed=5)
    try:
        warm.derive(store)
        old = store.data_version()
        with store.transaction() as tx:  # another writer, between the views and the counting
            x = ox.NamedNode("https://w3id.org/vdk/id/organisation/test-newcomer")
            tx.replace_graph("https://w3id.org/vdk/id/graph/test/newcomer", [
                ox.Triple(x, ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
                          ox.NamedNode("https://w3id.org/vdk/ontology#Company"))])
        computed = ECOSYSTEM.computed
        report = warm.count_aggregates(store, BASE)
        assert report.parent_version != old  # counted over the newcomer's version …
        assert "https://w3id.org/vdk/id/organisation/test-newcomer" in ECOSYSTEM.get(store).graph
        assert ECOSYSTEM.computed == computed + 1  # … so the old projection was not carried to it
    finally:
        store.close()


def test_the_size_bound_counts_the_data_and_leaves_the_derived_graphs_out() -> None:
    store = MemoryStore()
    ecosystem = synth.generate(40, seed=1)
    with store.transaction() as tx:
        tx.replace_graph(ecosystem.graph_iri, list(ecosystem.triples()))
    size = sum(store.graph_sizes().values())
    assert aggregates.data_within(store, size) and not aggregates.data_within(store, size - 1)
    aggregates.write_aggregates(store, BASE)
    assert sum(store.graph_sizes().values()) > size  # the aggregates graph is there …
    # … and not counted
    assert aggregates.data_within(store, size) and not aggregates.data_within(store, size - 1)


def test_a_change_that_published_nothing_keeps_what_was_recorded(tmp_path: Path) -> None:
    store = synthetic_store(EmbeddedStore(tmp_path / "store"), orgs=60, seed=7)
    try:
        version = store.data_version()
        outcome = aggregates.after_change(store, BASE, limit=10)
        assert outcome.counted is None and "stale" in outcome.summary()
        assert freshness.read_marker(store, version) == frozenset(aggregates.FAMILIES)
        assert aggregates.after_change(store, BASE).counted is not None  # small: counted (nothing to write)
    finally:
        store.close()


def test_build_counts_them(tmp_path: Path) -> None:
    folder = tmp_path / "store"
    output = _invoke(folder, "--data-dir", str(DATA), "build")
    assert "aggregates (participation" in output
    store = EmbeddedStore(folder)
    try:
        assert aggregates.current(store) == frozenset(aggregates.FAMILIES)
    finally:
        store.close()
