"""The one derived-view mechanism: once per data version and key, one thread, bounded waits."""

from __future__ import annotations

import threading
import time

import pyoxigraph as ox
import pytest

from vdk_graph.derived import Derived, NotReady
from vdk_graph.store import MemoryStore

TRIPLE = ox.Triple(ox.NamedNode("http://s"), ox.NamedNode("http://p"), ox.Literal("o"))


def change(store: MemoryStore, n: int) -> None:
    with store.transaction() as tx:
        tx.replace_graph(f"http://g/{n}", [TRIPLE])


def test_computed_once_per_data_version_and_key() -> None:
    calls: list[tuple[str, ...]] = []
    view: Derived[int] = Derived("count", lambda s, *key: calls.append(key) or len(calls))
    store = MemoryStore()
    assert view.get(store, "a") == 1 and view.get(store, "a") == 1 and view.get(store, "b") == 2
    change(store, 1)
    assert view.get(store, "a") == 3
    assert calls == [("a",), ("b",), ("a",)]


def test_callers_that_arrive_during_a_computation_share_it() -> None:
    started, release, calls = threading.Event(), threading.Event(), []

    def slow(store: MemoryStore) -> str:
        calls.append(1)
        started.set()
        release.wait(5)
        return "done"

    view: Derived[str] = Derived("slow", slow)
    store = MemoryStore()
    results: list[str] = []
    threads = [threading.Thread(target=lambda: results.append(view.get(store))) for _ in range(5)]
    for thread in threads:
        thread.start()
    started.wait(5)
    release.set()
    for thread in threads:
        thread.join(5)
    assert results == ["done"] * 5 and calls == [1]


def test_a_bounded_wait_raises_not_ready_then_serves_the_finished_value() -> None:
    release = threading.Event()
    view: Derived[str] = Derived("bounded", lambda s: release.wait(5) and "ready")
    store = MemoryStore()
    started = time.perf_counter()
    with pytest.raises(NotReady) as caught:
        view.get(store, wait=0.2)
    assert time.perf_counter() - started < 1.5
    assert caught.value.http_status == 503 and int(caught.value.headers["Retry-After"]) >= 1
    release.set()
    assert view.get(store, wait=5) == "ready"


def test_stale_serves_the_previous_version_while_the_new_one_is_computed() -> None:
    gate = threading.Event()
    gate.set()
    view: Derived[int] = Derived("stale", lambda s: gate.wait(5) and len(list(s.graph_sizes())))
    store = MemoryStore()
    change(store, 1)
    assert view.get(store) == 1
    gate.clear()
    change(store, 2)
    assert view.get(store, wait=0.1, stale=True) == 1  # the old figure, at once
    gate.set()
    assert view.get(store, wait=5) == 2


def test_an_error_reaches_every_caller_and_is_retried_next_time() -> None:
    attempts: list[int] = []

    def flaky(store: MemoryStore) -> str:
        attempts.append(1)
        if len(attempts) == 1:
            raise ValueError("first time")
        return "second time"

    view: Derived[str] = Derived("flaky", flaky)
    store = MemoryStore()
    with pytest.raises(ValueError, match="first time"):
        view.get(store)
    assert view.get(store) == "second time"


def test_keys_per_store_are_bounded_least_recently_used_first() -> None:
    calls: list[str] = []
    view: Derived[str] = Derived("bounded keys", lambda s, k: calls.append(k) or k, keys=2)
    store = MemoryStore()
    for key in ("a", "b", "a", "c", "a", "b"):
        view.get(store, key)
    assert calls == ["a", "b", "c", "b"]  # "b" was dropped when "c" came; "a" stayed in use
