"""Derived views on disk: read while the data is unchanged, rebuilt when it changed, never trusted if damaged.

A toy view (a count of triples, kept as JSON) stands for the real ones; what is
counted is how often it was *computed*, never how long anything took.
"""

from __future__ import annotations

import json
import logging
import threading
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest

from tests.store_fixtures import run_child, start_child, wait_for
from vdk_graph.derived import Derived, NotReady
from vdk_graph.derived import disk as derived_disk
from vdk_graph.derived.disk import DamagedFile, DiskCodec, Manifest
from vdk_graph.store import EmbeddedStore, MemoryStore, RemoteStore, Store

P = ox.NamedNode("http://example.org/p")


class CountFile(DiskCodec[dict[str, Any]]):
    name = "triple-count"
    format = "test-count/1"
    suffix = ".json"

    def write(self, value: dict[str, Any], path: Path) -> dict[str, str]:
        path.write_text(json.dumps(value), encoding="utf-8")
        return {"triples": str(value["triples"])}

    def read(self, path: Path, manifest: Manifest, store: Store) -> dict[str, Any]:
        value = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(value, dict) or "triples" not in value:
            raise DamagedFile("not a count")
        return value


class RecordedFile(CountFile):
    """A count file that notes the thread that wrote each file."""

    def __init__(self) -> None:
        self.writers: list[threading.Thread] = []

    def write(self, value: dict[str, Any], path: Path) -> dict[str, str]:
        self.writers.append(threading.current_thread())
        return super().write(value, path)


def counting_view() -> tuple[Derived[dict[str, Any]], list[str]]:
    """A view with a disk form, and the data versions it was computed for."""
    computed: list[str] = []

    def compute(store: Store) -> dict[str, Any]:
        computed.append(store.data_version())
        return {"triples": store.triple_count()}

    return Derived("triple count", compute, keys=1, codec=CountFile()), computed


def add(store: Store, n: int) -> None:
    with store.transaction() as tx:
        tx.replace_graph(f"http://example.org/g{n}", [ox.Triple(ox.NamedNode(f"http://example.org/s{n}"), P,
                                                                ox.Literal(str(n)))])


@pytest.fixture
def path(tmp_path: Path) -> Path:
    store = EmbeddedStore(tmp_path / "store")
    add(store, 1)
    store.close()
    return tmp_path / "store"


def views(path: Path) -> Path:
    return path / "derived" / derived_disk.VIEWS


def test_a_new_process_reads_the_view_while_the_data_is_unchanged(path: Path) -> None:
    view, computed = counting_view()
    first = EmbeddedStore(path)
    assert view.get(first) == {"triples": 1} and len(computed) == 1
    manifest = derived_disk.read_manifest(views(path) / "triple-count.json")
    assert manifest is not None and manifest.data_version == first.data_version()
    assert manifest.facts == {"triples": "1"}
    second = EmbeddedStore(path)  # another store object: nothing in memory, as in a new process
    assert view.get(second) == {"triples": 1}
    assert len(computed) == 1 and view.loaded == 1


def test_a_change_of_the_data_rebuilds_the_view_and_removes_the_old_file(path: Path) -> None:
    view, computed = counting_view()
    store = EmbeddedStore(path)
    view.get(store)
    add(store, 2)
    assert view.get(EmbeddedStore(path)) == {"triples": 2}
    assert computed == [computed[0], store.data_version()]
    data_files = [p.name for p in views(path).iterdir() if p.suffix == ".json" and p.name.count(".") == 2]
    assert len(data_files) == 1  # the stale file went when the new one was published


def damage(folder: Path, how: str) -> None:
    manifest_path = folder / "triple-count.json"
    manifest = json.loads(manifest_path.read_text())
    data = folder / manifest["file"]
    if how == "truncated":
        data.write_bytes(data.read_bytes()[:5])
    elif how == "flipped byte":
        raw = bytearray(data.read_bytes())
        raw[-2] ^= 0x01  # same size, other content: {"triples": 1} becomes {"triples": 0}
        data.write_bytes(bytes(raw))
    elif how == "foreign manifest":
        manifest_path.write_text("<html>not a manifest</html>")
    elif how == "other format":
        manifest_path.write_text(json.dumps({**manifest, "format": "test-count/0"}))
    elif how == "escaping file name":
        manifest_path.write_text(json.dumps({**manifest, "file": "../../generation"}))
    elif how == "missing data file":
        data.unlink()
    else:
        raise AssertionError(how)


@pytest.mark.parametrize("how", ["truncated", "flipped byte", "foreign manifest", "other format",
                                 "escaping file name", "missing data file"])
def test_a_damaged_or_foreign_file_is_ignored_and_rebuilt(path: Path, how: str) -> None:
    view, computed = counting_view()
    view.get(EmbeddedStore(path))
    damage(views(path), how)
    assert view.get(EmbeddedStore(path)) == {"triples": 1}
    assert len(computed) == 2  # not read: computed again
    assert view.get(EmbeddedStore(path)) == {"triples": 1} and len(computed) == 2  # and written again


def test_a_folder_that_cannot_be_written_only_costs_the_next_process_a_computation(
        path: Path, caplog: pytest.LogCaptureFixture) -> None:
    (path / "derived").mkdir(exist_ok=True)  # the write that made the store noted its change there
    views(path).write_text("a file where the folder should be")
    view, computed = counting_view()
    with caplog.at_level(logging.WARNING, logger="vdk_graph.derived.disk"):
        assert view.get(EmbeddedStore(path)) == {"triples": 1}
        assert view.get(EmbeddedStore(path)) == {"triples": 1}
    assert len(computed) == 2


def test_memory_and_remote_stores_keep_views_in_memory_only(remote_store: RemoteStore) -> None:
    for store in (MemoryStore(), remote_store):
        assert store.cache_folder() is None and derived_disk.folder_of(store) is None
        view, computed = counting_view()
        add(store, 1)
        assert view.get(store) == view.get(store) == {"triples": 1}
        add(store, 2)
        assert view.get(store) == {"triples": 2} and len(computed) == 2


def test_carry_over_restamps_a_view_for_a_change_that_does_not_touch_it(path: Path) -> None:
    view, computed = counting_view()
    store = EmbeddedStore(path)
    view.get(store)
    before = store.data_version()
    add(store, 2)  # pretend this change is one the view does not read
    view.carry_over(store, before, store.data_version())
    assert view.get(EmbeddedStore(path)) == {"triples": 1} and len(computed) == 1


def test_status_and_clear(path: Path) -> None:
    view, _ = counting_view()
    store = EmbeddedStore(path)
    view.get(store)
    [entry] = derived_disk.status(store, [CountFile()])
    assert entry.current and entry.known and entry.bytes > 0
    add(store, 2)
    [entry] = derived_disk.status(store, [CountFile()])
    assert entry.known and not entry.current
    assert derived_disk.clear(store) == 2  # the manifest and its data file (the lock file stays)
    assert derived_disk.status(store, [CountFile()]) == []


SLOW_BUILDER = """
import sys, time, json
from pathlib import Path
sys.path.insert(0, sys.argv[3])
from test_derived_disk import CountFile
from vdk_graph.derived import Derived, NotReady
from vdk_graph.store import EmbeddedStore

def compute(store):
    with open(sys.argv[2], "a") as log:
        log.write("computed\\n")
    time.sleep(float(sys.argv[4]))
    return {"triples": store.triple_count()}

view = Derived("triple count", compute, keys=1, codec=CountFile())
print(json.dumps(view.get(EmbeddedStore(sys.argv[1]))))
"""


def test_two_processes_wanting_the_same_view_compute_it_once(path: Path, tmp_path: Path) -> None:
    log, tests = tmp_path / "computed.log", str(Path(__file__).parent)
    first = start_child(SLOW_BUILDER, str(path), str(log), tests, "1.5", log=tmp_path / "first.out")
    wait_for(lambda: log.exists(), "the first process to start computing", child=first,
             log=tmp_path / "first.out")
    second = run_child(SLOW_BUILDER, str(path), str(log), tests, "0", timeout=60)
    assert first.wait(60) == 0, (tmp_path / "first.out").read_text()
    assert second.returncode == 0, second.stderr
    assert json.loads(second.stdout) == {"triples": 1}
    assert log.read_text().splitlines() == ["computed"]  # the second waited for the first and read its file


def test_two_writers_that_miss_each_other_leave_one_good_file(path: Path) -> None:
    """Without the lock (it could not be had in time), both publish; the last rename wins, whole."""
    codec = CountFile()
    store = EmbeddedStore(path)
    version = store.data_version()
    derived_disk.save(codec, store, (), {"triples": 1, "writer": "a"}, version)
    derived_disk.save(codec, store, (), {"triples": 1, "writer": "b"}, version)
    assert derived_disk.load(codec, store, (), version) == {"triples": 1, "writer": "b"}


def test_an_updated_value_is_served_at_once_and_its_file_written_apart(path: Path) -> None:
    """The web app's warmer updates a view after a write; the command line then reads the file."""
    codec = RecordedFile()
    written = codec.writers

    def update(store: Store, previous: dict[str, Any], since: str) -> dict[str, Any]:
        return {"triples": store.triple_count(), "from": since}

    view = Derived("updated count", lambda store: {"triples": store.triple_count()}, keys=1, codec=codec,
                   update=update)
    store = EmbeddedStore(path)
    old = store.data_version()
    view.get(store)
    assert written == [threading.current_thread()]  # computed whole: written before it is served
    add(store, 2)
    assert view.get(store) == {"triples": 2, "from": old} and view.updated == 1
    view.saved()
    assert len(written) == 2 and written[1] is not threading.current_thread()
    manifest = derived_disk.read_manifest(views(path) / "triple-count.json")
    assert manifest is not None and manifest.data_version == store.data_version()
    assert view.get(EmbeddedStore(path)) == {"triples": 2, "from": old}  # another process reads the file


def test_an_updated_value_s_file_waits_until_the_process_computes_nothing_else(path: Path) -> None:
    """The files are for other processes; what this one computes (the measures) is what its visitors
    wait for, and both would share one interpreter."""
    codec = RecordedFile()
    release = threading.Event()
    files_when_computed: list[int] = []

    def slow(store: Store) -> int:
        release.wait(30)
        files_when_computed.append(len(codec.writers))
        return 1

    def count(store: Store, *_: Any) -> dict[str, Any]:
        return {"triples": store.triple_count()}

    view = Derived("updated count", count, keys=1, codec=codec, update=count)
    other = Derived("slow view", slow, keys=1)
    store = EmbeddedStore(path)
    view.get(store)
    add(store, 2)
    with pytest.raises(NotReady):
        other.get(store, wait=0.0)  # computing in the background, as the warmer starts the measures
    assert view.get(store) == {"triples": 2} and view.updated == 1
    view.saved(timeout=1.0)
    assert len(codec.writers) == 1  # the first file (computed whole); the updated one waits
    release.set()
    view.saved()
    assert files_when_computed == [1] and len(codec.writers) == 2
    manifest = derived_disk.read_manifest(views(path) / "triple-count.json")
    assert manifest is not None and manifest.data_version == store.data_version()


def test_a_view_computed_in_the_background_may_be_served_before_its_file_is_written(path: Path) -> None:
    codec = RecordedFile()
    view = Derived("apart count", lambda store: {"triples": store.triple_count()}, keys=1, codec=codec,
                   write_apart=True)
    store = EmbeddedStore(path)
    assert view.get(store) == {"triples": 1}
    assert codec.writers == [threading.current_thread()]  # computed in the foreground (a command): inline
    add(store, 2)
    assert view.get(store, wait=30.0) == {"triples": 2}
    view.saved()
    assert len(codec.writers) == 2 and codec.writers[1] is not threading.current_thread()
    assert view.get(EmbeddedStore(path)) == {"triples": 2} and view.computed == 2  # another process reads it
