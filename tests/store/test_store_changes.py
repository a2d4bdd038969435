"""What each write touched (vdk_graph.store.changes): the IRIs views update themselves from, or "unknown"."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from tests.store_fixtures import EX, graph, iri, triple
from vdk_graph.store import BulkFile, EmbeddedStore, MemoryStore, Store
from vdk_graph.store import changes as changes_module
from vdk_graph.store.changes import Change, ChangeLog, FileChangeLog

G1, G2 = graph("one"), graph("two")


@pytest.fixture(params=["memory", "embedded"])
def local(request: pytest.FixtureRequest, tmp_path: Path) -> Store:
    return MemoryStore() if request.param == "memory" else EmbeddedStore(tmp_path / "store")


def test_each_write_notes_the_iris_it_touched_and_notes_chain(local: Store) -> None:
    start = local.data_version()
    with local.transaction() as tx:
        tx.replace_graph(G1, [triple("a", "knows", iri("b")), triple("a", "name", "A")])
    first = local.data_version()
    assert local.touched_between(start, first) == Change(frozenset({EX + "a"}), frozenset({EX + "b"}))
    with local.transaction() as tx:
        tx.replace_graph(G1, [triple("a", "knows", iri("c")), triple("a", "name", "A")])
    second = local.data_version()
    # replaced: what left (a knows b) and what came (a knows c); the unchanged name is not touched
    expected = Change(frozenset({EX + "a"}), frozenset({EX + "b", EX + "c"}))
    assert local.touched_between(first, second) == expected
    with local.transaction() as tx:
        tx.remove_graph(G1)
    third = local.data_version()
    assert local.touched_between(second, third).iris == {EX + "a", EX + "c"}  # type: ignore[union-attr]
    assert local.touched_between(start, third).iris == {EX + "a", EX + "b", EX + "c"}  # type: ignore[union-attr]
    assert local.touched_between(third, third) == Change()
    assert local.touched_between(third, start) is None  # not an ancestor
    assert local.touched_between("another store's version", third) is None


def test_a_bulk_load_notes_its_file_and_a_large_write_is_unknown(
        local: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "small.nt"
    path.write_text(f"<{EX}p> <{EX}partOf> <{EX}q> .\n", encoding="utf-8")
    before = local.data_version()
    with local.transaction() as tx:
        tx.load_file(G2, BulkFile(path, ox.RdfFormat.N_TRIPLES))
    assert local.touched_between(before, local.data_version()) == Change(frozenset({EX + "p"}),
                                                                         frozenset({EX + "q"}))

    monkeypatch.setattr(changes_module, "TOUCHED_LIMIT", 2)
    before = local.data_version()
    with local.transaction() as tx:
        tx.replace_graph(G1, [triple("a", "knows", iri(f"x{i}")) for i in range(3)])
    assert local.touched_between(before, local.data_version()) is None


def test_a_blank_node_makes_the_note_unknown(local: Store) -> None:
    before = local.data_version()
    with local.transaction() as tx:
        tx.replace_graph(G1, [ox.Triple(iri("a"), iri("knows"), ox.BlankNode())])
    assert local.touched_between(before, local.data_version()) is None


def test_an_unknown_note_on_the_way_makes_the_chain_unknown() -> None:
    log = ChangeLog()
    log.record("v0", "v1", Change(frozenset({"a"})))
    log.record("v1", "v2", None)
    log.record("v2", "v3", Change(frozenset({"b"})))
    assert log.touched_between("v2", "v3") == Change(frozenset({"b"}))
    assert log.touched_between("v0", "v1") == Change(frozenset({"a"}))
    assert log.touched_between("v0", "v3") is None


def test_the_file_log_survives_a_new_process_and_a_damaged_file_knows_nothing(tmp_path: Path) -> None:
    path = tmp_path / "derived" / "changes.json"
    FileChangeLog(path).record("v0", "v1", Change(frozenset({"a"}), frozenset({"b"})))
    assert FileChangeLog(path).touched_between("v0", "v1") == Change(frozenset({"a"}), frozenset({"b"}))
    path.write_text("{not json", encoding="utf-8")
    assert FileChangeLog(path).touched_between("v0", "v1") is None
    path.unlink()
    assert FileChangeLog(path).touched_between("v0", "v1") is None


def test_the_log_keeps_its_last_notes_only() -> None:
    log = ChangeLog()
    for i in range(changes_module.KEPT + 5):
        log.record(f"v{i}", f"v{i + 1}", Change(frozenset({f"n{i}"})))
    last = changes_module.KEPT + 5
    assert log.touched_between(f"v{last - 1}", f"v{last}") == Change(frozenset({f"n{last - 1}"}))
    assert log.touched_between("v0", f"v{last}") is None
