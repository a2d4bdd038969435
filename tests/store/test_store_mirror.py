"""The embedded store's memory mirror: same answers, faster, never stale."""

from __future__ import annotations

import time
from pathlib import Path

import pyoxigraph as ox

from vdk_graph.results import SelectResult
from vdk_graph.store import EmbeddedStore

EX = "http://example.org/"


def write(store: EmbeddedStore, graph: str, *names: str) -> None:
    triples = [ox.Triple(ox.NamedNode(EX + n), ox.NamedNode(EX + "p"), ox.Literal(n)) for n in names]
    with store.transaction() as tx:
        tx.replace_graph(EX + graph, triples)


def labels(store: EmbeddedStore) -> list[str]:
    result = store.query(f"SELECT ?o WHERE {{ ?s <{EX}p> ?o }} ORDER BY ?o")
    assert isinstance(result, SelectResult)
    return [row[0].value for row in result.rows]  # type: ignore[union-attr]


def wait_for_mirror(store: EmbeddedStore, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while not store.mirror_ready():
        assert time.monotonic() < deadline, "the memory mirror was not built in time"
        time.sleep(0.02)


def test_queries_move_to_the_mirror_and_give_the_same_answers(tmp_path: Path) -> None:
    writer = EmbeddedStore(tmp_path / "s")
    write(writer, "g1", "a", "b")
    write(writer, "g2", "b", "c")
    reader = EmbeddedStore(tmp_path / "s", memory_mirror_max_quads=1000)
    on_disk = labels(reader)
    wait_for_mirror(reader)
    assert labels(reader) == on_disk == ["a", "b", "c"]
    sizes = reader.graph_sizes()
    assert sizes == {EX + "g1": 2, EX + "g2": 2}


def test_new_data_is_visible_at_once_and_the_mirror_follows(tmp_path: Path) -> None:
    writer = EmbeddedStore(tmp_path / "s")
    write(writer, "g1", "a")
    reader = EmbeddedStore(tmp_path / "s", memory_mirror_max_quads=1000)
    labels(reader)
    wait_for_mirror(reader)
    write(writer, "g1", "a", "z")
    assert labels(reader) == ["a", "z"]  # read from disk while the new mirror is built
    wait_for_mirror(reader)
    assert labels(reader) == ["a", "z"]


def test_stores_over_the_limit_are_read_from_disk(tmp_path: Path) -> None:
    writer = EmbeddedStore(tmp_path / "s")
    write(writer, "g1", *[f"n{i}" for i in range(50)])
    reader = EmbeddedStore(tmp_path / "s", memory_mirror_max_quads=10)
    assert len(labels(reader)) == 50
    time.sleep(0.3)
    assert not reader.mirror_ready()
    assert len(labels(reader)) == 50


def test_one_shot_readers_have_no_mirror(tmp_path: Path) -> None:
    writer = EmbeddedStore(tmp_path / "s")
    write(writer, "g1", "a")
    reader = EmbeddedStore(tmp_path / "s")
    assert labels(reader) == ["a"] and not reader.mirror_ready()
