"""The embedded store alone: restarts, one writer (in-process and across processes), readers, generations."""

from __future__ import annotations

import os
from pathlib import Path

import pyoxigraph as ox
import pytest

from tests.store.contract import (
    G1,
    G2,
    ONLY_ONE,
    ONLY_TWO,
    SHARED,
    assert_union_holds_the_same_blank_node,
    fill,
)
from tests.store_fixtures import (
    EX,
    dump,
    graph,
    run_child,
    start_child,
    triple,
    wait_for,
)
from vdk_graph.errors import ConfigError, StoreBusyError
from vdk_graph.store import BulkFile, EmbeddedStore

# =========================================================================== the embedded store alone


def write_some(store: EmbeddedStore) -> list[str]:
    fill(store, {G1: [SHARED, ONLY_ONE], G2: [SHARED, ONLY_TWO, triple("b", "c", ox.BlankNode("x"))]})
    return dump(store)


CHILD_DUMP = """
    import sys
    sys.path.insert(0, "tests")
    from tests.store_fixtures import dump
    from vdk_graph.store import EmbeddedStore
    store = EmbeddedStore(sys.argv[1])
    print("\\n".join(dump(store)))
    print("VERSION", store.data_version())
"""


def test_the_embedded_store_survives_a_restart(embedded_store: EmbeddedStore) -> None:
    before = write_some(embedded_store)
    version = embedded_store.data_version()
    embedded_store.close()
    child = run_child(CHILD_DUMP, str(embedded_store.root))
    assert child.returncode == 0, child.stderr
    *lines, last = child.stdout.splitlines()
    assert lines == before
    assert last == f"VERSION {version}"


CHILD_HOLDS_A_TRANSACTION = """
    import sys, time
    from pathlib import Path
    sys.path.insert(0, "tests")
    from tests.store_fixtures import triple
    from vdk_graph.store import EmbeddedStore
    store, ready, release = EmbeddedStore(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])
    with store.transaction() as tx:
        tx.replace_graph("http://example.org/graph/child", [triple("child", "wrote", "this")])
        ready.write_text("inside")
        while not release.exists():
            time.sleep(0.01)
    print("committed")
"""

CHILD_TRIES_TO_WRITE = """
    import sys
    from vdk_graph.errors import StoreBusyError
    from vdk_graph.store import EmbeddedStore
    try:
        with EmbeddedStore(sys.argv[1]).transaction():
            print("got the lock")
    except StoreBusyError as exc:
        print("busy:", exc)
"""


def assert_busy_message(message: str, pid: int) -> None:
    assert "being written by another process" in message
    assert f"pid {pid}" in message
    assert "Wait for it to finish and run the command again" in message


def test_a_second_writer_in_the_same_process_is_refused(embedded_store: EmbeddedStore) -> None:
    other = EmbeddedStore(embedded_store.root)
    with embedded_store.transaction() as tx:
        tx.replace_graph(G1, [SHARED])
        for second in (embedded_store, other):
            with pytest.raises(StoreBusyError) as caught, second.transaction():
                pass
            assert_busy_message(str(caught.value), os.getpid())
    assert other.graph_sizes() == {G1: 1}
    with other.transaction() as tx:  # the lock is free again
        tx.remove_graph(G1)
    assert embedded_store.graph_sizes() == {}


def test_a_second_writer_in_another_process_is_refused(embedded_store: EmbeddedStore, tmp_path: Path) -> None:
    ready, release, log = tmp_path / "ready", tmp_path / "release", tmp_path / "child.log"
    root = str(embedded_store.root)
    child = start_child(CHILD_HOLDS_A_TRANSACTION, root, str(ready), str(release), log=log)
    try:
        wait_for(ready.exists, "the child to open its transaction", child=child, log=log)
        with pytest.raises(StoreBusyError) as caught, embedded_store.transaction():
            pass
        assert_busy_message(str(caught.value), child.pid)
        assert embedded_store.graph_sizes() == {}  # nothing of the child's transaction shows yet
    finally:
        release.touch()
        assert child.wait(timeout=30) == 0, log.read_text()
    assert "committed" in log.read_text()
    assert embedded_store.graph_sizes() == {graph("child"): 1}

    # ... and the other way round: a child process is refused while this one writes.
    with embedded_store.transaction():
        refused = run_child(CHILD_TRIES_TO_WRITE, str(embedded_store.root))
    assert refused.returncode == 0, refused.stderr
    assert refused.stdout.startswith("busy:")
    assert_busy_message(refused.stdout, os.getpid())
    allowed = run_child(CHILD_TRIES_TO_WRITE, str(embedded_store.root))
    assert allowed.stdout.strip() == "got the lock", allowed.stderr


def test_a_reader_sees_commits_and_never_uncommitted_data(embedded_store: EmbeddedStore) -> None:
    reader = EmbeddedStore(embedded_store.root)
    assert reader.graph_sizes() == {}
    fill(embedded_store, {G1: [SHARED]})
    assert reader.graph_sizes() == {G1: 1}
    version = reader.data_version()
    with embedded_store.transaction() as tx:
        tx.replace_graph(G1, [SHARED, ONLY_ONE])
        tx.replace_graph(G2, [ONLY_TWO])
        assert reader.graph_sizes() == {G1: 1}
        assert reader.triple_count() == 1
        assert reader.data_version() == version
    assert reader.graph_sizes() == {G1: 2, G2: 1}
    assert reader.triple_count() == 3
    assert reader.data_version() != version
    reader.close()


def test_a_long_lived_reader_follows_every_generation(embedded_store: EmbeddedStore) -> None:
    """A long-lived reader (the web app) keeps one store object while imports publish generations."""
    reader = EmbeddedStore(embedded_store.root)
    for n in range(1, 5):
        fill(embedded_store, {G1: [triple(f"s{i}", "p", "o") for i in range(n)]})
        assert reader.graph_sizes() == {G1: n}
    reader.close()


def test_a_folder_with_foreign_files_is_refused(tmp_path: Path) -> None:
    foreign = tmp_path / "documents"
    foreign.mkdir()
    (foreign / "thesis.docx").write_bytes(b"not a store")
    with pytest.raises(ConfigError, match="not a vdk-graph store"):
        EmbeddedStore(foreign)
    a_file = tmp_path / "file.txt"
    a_file.write_text("x")
    with pytest.raises(ConfigError, match="is a file"):
        EmbeddedStore(a_file)
    empty = tmp_path / "empty"
    empty.mkdir()
    assert EmbeddedStore(empty).graph_sizes() == {}


def test_a_new_folder_is_created_on_the_first_write(tmp_path: Path) -> None:
    store = EmbeddedStore(tmp_path / "a" / "b")
    assert store.graph_sizes() == {}
    assert store.data_version() == "empty"
    assert not (tmp_path / "a").exists()
    fill(store, {G1: [SHARED]})
    assert store.graph_sizes() == {G1: 1}


def generations(root: Path) -> list[str]:
    return sorted(p.name for p in root.iterdir() if p.name.startswith("gen-"))


def test_old_generations_are_pruned(embedded_store: EmbeddedStore) -> None:
    reader = EmbeddedStore(embedded_store.root)
    for n in range(6):
        fill(embedded_store, {G1: [triple("s", "p", str(n))]})
        assert reader.graph_sizes() == {G1: 1}
        assert len(generations(embedded_store.root)) <= 2
    assert generations(embedded_store.root) == ["gen-00000005", "gen-00000006"]
    assert (embedded_store.root / "generation").read_text().strip() == "gen-00000006"
    with pytest.raises(RuntimeError), embedded_store.transaction() as tx:
        tx.replace_graph(G1, [])
        raise RuntimeError("rolled back")
    assert generations(embedded_store.root) == ["gen-00000005", "gen-00000006"]
    reader.close()


def test_a_bulk_load_is_one_generation(embedded_store: EmbeddedStore, tmp_path: Path) -> None:
    path = tmp_path / "big.nt"
    path.write_text("".join(f"<{EX}s{i}> <{EX}p> _:b{i} .\n" for i in range(2000)), encoding="utf-8")
    with embedded_store.transaction() as tx:
        tx.load_file(G1, BulkFile(path, ox.RdfFormat.N_TRIPLES))
    assert embedded_store.graph_sizes() == {G1: 2000}
    assert embedded_store.triple_count() == 2000
    assert_union_holds_the_same_blank_node(embedded_store, G1)
    assert generations(embedded_store.root) == ["gen-00000001"]


def test_a_large_write_is_compacted_before_it_is_published_and_a_small_one_is_not(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from vdk_graph.store import embedded

    compacted: list[int] = []
    real = embedded._compact

    def spy(store: ox.Store) -> None:
        compacted.append(sum(1 for _ in store.quads_for_pattern(None, None, None, ox.NamedNode(G1))))
        real(store)

    monkeypatch.setattr(embedded, "_compact", spy)
    monkeypatch.setattr(embedded, "COMPACT_AFTER", 30)
    store = EmbeddedStore(tmp_path / "store")
    many = BulkFile(tmp_path / "many.nt", ox.RdfFormat.N_TRIPLES)
    many.path.write_text("".join(f"<{EX}s{i}> <{EX}p> \"{i}\" .\n" for i in range(40)), encoding="utf-8")
    with store.transaction() as tx:
        tx.load_file(G1, many)
    assert compacted == [40]  # compacted, with every triple in it, before anyone could read it
    with store.transaction() as tx:
        tx.replace_graph(G2, [triple("a", "b", "c")])
    assert compacted == [40]  # one triple: left as it is
    with store.transaction() as tx:
        tx.remove_graph(G1)  # removing 40 triples is a large write too
    assert len(compacted) == 2
    assert store.graph_sizes() == {G2: 1}
    store.close()
