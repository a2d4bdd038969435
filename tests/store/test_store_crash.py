"""``kill -9`` a writer at the worst moments: the embedded store must open with exactly the data it had.

A child process opens the store, starts a transaction and signals (through a
file) how far it got; the parent then SIGKILLs it, opens the store afresh and
compares the whole content with what it was before. Afterwards a new write must
work: the kernel dropped the dead writer's ``flock``, and the next writer clears
what it left behind.
"""

from __future__ import annotations

import signal
from pathlib import Path

import pytest

from tests.store_fixtures import EX, dump, graph, start_child, triple, wait_for
from vdk_graph.store import EmbeddedStore

BIG_TRIPLES = 200_000
BIG = graph("big")

CHILD = """
    import sys, time
    from pathlib import Path
    import pyoxigraph as ox
    from vdk_graph.store import BulkFile, EmbeddedStore

    root, progress, stage, big = sys.argv[1:5]

    def hold(where):
        Path(progress).write_text(where)
        time.sleep(600)  # until the parent kills us

    if stage == "before-publish":  # the new generation is renamed into place; the pointer not yet swapped
        EmbeddedStore._publish = lambda self, name: hold(stage)
    if stage == "before-prune":  # the pointer is swapped; old generations not yet removed
        EmbeddedStore._remove_old = lambda self, keep: hold(stage)

    with EmbeddedStore(root).transaction() as tx:
        tx.replace_graph("http://example.org/graph/one", [])
        tx.replace_graph("http://example.org/graph/child", [
            ox.Triple(ox.NamedNode("http://example.org/child"), ox.NamedNode("http://example.org/wrote"),
                      ox.Literal("uncommitted")),
        ])
        if stage == "during-load":
            Path(progress).write_text("loading")
            tx.load_file("http://example.org/graph/big", BulkFile(Path(big), ox.RdfFormat.N_TRIPLES))
            hold("loaded")
    Path(progress).write_text("committed")
"""


@pytest.fixture(scope="module")
def big_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """~200k generated triples (about 12 MB of N-Triples): a load that takes seconds, so it can be cut."""
    path = tmp_path_factory.mktemp("crash") / "big.nt"
    with path.open("w", encoding="utf-8") as out:
        for i in range(BIG_TRIPLES):
            out.write(f'<{EX}org/{i // 10}> <{EX}p{i % 10}> "value {i} – æøå" .\n')
    return path


def work_size(root: Path) -> int:
    """Bytes written so far into the unfinished generation."""
    return sum(f.stat().st_size for tmp in root.glob("gen-*.tmp") for f in tmp.rglob("*") if f.is_file())


def leftovers(root: Path) -> list[str]:
    """What a killed writer may leave: its ``*.tmp`` copy, or a generation newer than the pointer."""
    current = (root / "generation").read_text().strip() if (root / "generation").exists() else "gen-00000000"
    return sorted(p.name for p in root.glob("gen-*") if p.name.endswith(".tmp") or p.name > current)


def kill_child_at(root: Path, stage: str, big: Path, tmp_path: Path) -> str:
    """Run the child up to ``stage``, SIGKILL it there, and say where it was."""
    progress, log = tmp_path / "progress", tmp_path / "child.log"
    child = start_child(CHILD, str(root), str(progress), stage, str(big), log=log)
    try:
        wanted = "loading" if stage == "during-load" else stage
        wait_for(lambda: progress.exists() and progress.read_text() == wanted, f"the child to reach {stage}",
                 child=child, log=log)
        if stage == "during-load":  # let the bulk loader write a good part of the data first
            wait_for(lambda: work_size(root) > 4_000_000, "the bulk load to get going", child=child, log=log)
        where = progress.read_text()
        child.send_signal(signal.SIGKILL)
        assert child.wait(timeout=30) == -signal.SIGKILL
        return where
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()


def previous_data(root: Path) -> EmbeddedStore:
    store = EmbeddedStore(root)
    with store.transaction() as tx:
        tx.replace_graph(graph("one"), [triple("filmby", "name", "Filmby Aarhus"), triple("x", "y", "z")])
        tx.replace_graph(graph("two"), [triple("x", "y", "z")])
    return store


@pytest.mark.parametrize("stage", ["during-load", "before-publish"])
def test_a_writer_killed_before_publishing_changed_nothing(
    tmp_path: Path, big_file: Path, stage: str
) -> None:
    root = tmp_path / "store"
    reader = previous_data(root)
    before, version, sizes = dump(reader), reader.data_version(), reader.graph_sizes()

    where = kill_child_at(root, stage, big_file, tmp_path)
    assert where == ("loading" if stage == "during-load" else stage)
    assert leftovers(root), "the killed writer should have left its unfinished generation behind"

    reader_after = EmbeddedStore(root)
    assert dump(reader_after) == before
    assert reader_after.data_version() == version
    assert dump(reader) == before  # a reader that was open all along is unaffected too

    with reader_after.transaction() as tx:  # the lock died with the child; its leftovers are cleared
        tx.replace_graph(graph("three"), [triple("after", "the", "crash")])
    assert leftovers(root) == []
    assert len(list(root.glob("gen-*"))) <= 2
    assert reader.graph_sizes() == {**sizes, graph("three"): 1}
    reader.close()
    reader_after.close()


def test_a_first_write_killed_before_publishing_leaves_an_empty_store(tmp_path: Path, big_file: Path) -> None:
    root = tmp_path / "store"
    kill_child_at(root, "before-publish", big_file, tmp_path)
    assert leftovers(root) == ["gen-00000001"]
    store = EmbeddedStore(root)
    assert dump(store) == []
    with store.transaction() as tx:
        tx.replace_graph(graph("one"), [triple("a", "b", "c")])
    assert store.graph_sizes() == {graph("one"): 1}
    assert leftovers(root) == []
    store.close()


def test_a_writer_killed_after_publication_has_committed(tmp_path: Path, big_file: Path) -> None:
    root = tmp_path / "store"
    reader = previous_data(root)
    for _ in range(2):  # two more generations, so there is an old one left to prune
        with reader.transaction() as tx:
            tx.replace_graph(graph("two"), [triple("x", "y", "z")])
    kill_child_at(root, "before-prune", big_file, tmp_path)
    assert reader.graph_sizes() == {graph("two"): 1, graph("child"): 1}
    assert len(list(root.glob("gen-*"))) == 3  # pruning never ran
    with reader.transaction() as tx:
        tx.remove_graph(graph("child"))
    assert len(list(root.glob("gen-*"))) == 2
    assert reader.graph_sizes() == {graph("two"): 1}
    reader.close()
