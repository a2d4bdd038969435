"""The warmer builds the app's projections before a visitor asks, and again after each data change."""

from __future__ import annotations

import logging
import threading

import pytest
from rdflib import Graph

from tests.test_network import ID, TTL
from vdk_graph import network, search
from vdk_graph.config import Settings
from vdk_graph.matchmaking import index as match_index_module
from vdk_graph.matchmaking.index import match_index
from vdk_graph.store import MemoryStore, Store, open_store
from vdk_graph.warm import LOCAL_INTERVAL, REMOTE_INTERVAL, Warmer, warm

SETTINGS = Settings(store="memory:")
NEW_ORG = f"<{ID}organisation/new> a <https://w3id.org/vdk/ontology#Company> ; " \
          f"<http://www.w3.org/2000/01/rdf-schema#label> \"New\" ."


def filled() -> MemoryStore:
    store = MemoryStore()
    with store.transaction() as tx:
        tx.replace_graph(ID + "graph/test", Graph().parse(data=TTL, format="turtle"))
    return store


def change(store: Store) -> None:
    with store.transaction() as tx:
        tx.replace_graph(ID + "graph/more", Graph().parse(data=NEW_ORG, format="turtle"))


def test_after_warming_no_request_builds_a_projection(monkeypatch: pytest.MonkeyPatch) -> None:
    store = filled()
    took = warm(store, SETTINGS)
    assert {"network projection", "default map view", "search index", "matchmaking index"} <= set(took)

    def refuse(*_: object, **__: object) -> None:
        raise AssertionError("a projection was built on the request path")

    monkeypatch.setattr(network, "build_ecosystem", refuse)
    monkeypatch.setattr(search, "build_index", refuse)
    monkeypatch.setattr(match_index_module, "build_index", refuse)
    assert f"{ID}organisation/studio" in network.ecosystem(store).graph
    assert search.index(store, SETTINGS.base_iri).version == store.data_version()
    assert match_index(store).eco is network.ecosystem(store)


def test_a_failing_step_is_logged_and_the_others_still_run(caplog: pytest.LogCaptureFixture) -> None:
    ran: list[str] = []

    def broken(*_: object) -> None:
        raise RuntimeError("boom")

    steps = (("broken", broken), ("fine", lambda *_: ran.append("fine")))
    with caplog.at_level(logging.ERROR, logger="vdk_graph.warm"):
        took = warm(MemoryStore(), SETTINGS, steps)
    assert ran == ["fine"] and set(took) == {"fine"}
    assert "warming the broken failed" in caplog.text


def test_the_warmer_rewarms_when_the_data_changes_and_only_then() -> None:
    store = filled()
    seen: list[str] = []
    steps = (("record", lambda s, _: seen.append(s.data_version())),)
    warmer = Warmer(store, SETTINGS, interval=0.02, steps=steps)
    warmer.start()
    try:
        first = store.data_version()
        assert warmer.wait_for(first, timeout=10)
        change(store)
        second = store.data_version()
        assert second != first
        assert warmer.wait_for(second, timeout=10)
        threading.Event().wait(0.2)  # several more checks with no change
        assert seen == [first, second] and warmer.rounds == 2
    finally:
        warmer.stop()
        warmer.join(timeout=5)
    assert not warmer.is_alive()


def test_the_warmer_keeps_going_when_the_store_cannot_be_read_for_a_moment() -> None:
    store = filled()
    calls = {"n": 0}
    real = store.data_version

    def flaky() -> str:
        calls["n"] += 1
        if calls["n"] == 1:
            raise ConnectionError("remote store down")
        return real()

    store.data_version = flaky  # type: ignore[method-assign]
    warmer = Warmer(store, SETTINGS, interval=0.02, steps=(("noop", lambda *_: None),))
    warmer.start()
    try:
        assert warmer.wait_for(real(), timeout=10)
    finally:
        warmer.stop()
        warmer.join(timeout=5)


def test_a_remote_store_is_asked_for_its_version_less_often() -> None:
    assert Warmer(MemoryStore(), SETTINGS).interval == LOCAL_INTERVAL
    remote = open_store("sparql+http://127.0.0.1:7878/query")  # nothing is asked of it here
    assert Warmer(remote, SETTINGS).interval == REMOTE_INTERVAL > LOCAL_INTERVAL
