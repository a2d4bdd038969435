"""Lazy pyoxigraph results dropped on another thread than their maker's are handed back, not reported.

Before store/threadbound.py, a half-read result collected by another thread's garbage
collector raised "PyQuerySolutions is unsendable, but is being dropped on another thread"
as an unraisable exception (seen as flaky browser tests under load).
"""

from __future__ import annotations

import gc
import queue
import sys
import threading
from typing import Any

import pyoxigraph as ox
import pytest

from vdk_graph.results import GraphResult, SelectResult
from vdk_graph.store.oxigraph import run_query
from vdk_graph.store.threadbound import release_stranded


def _store() -> ox.Store:
    store = ox.Store()
    ex = "http://example.org/"
    for i in range(5):
        store.add(ox.Quad(ox.NamedNode(f"{ex}s{i}"), ox.NamedNode(f"{ex}p"), ox.Literal(str(i)),
                          ox.NamedNode(f"{ex}g")))
    return store


@pytest.mark.parametrize("sparql", ["SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }",
                                    "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }"])
@pytest.mark.parametrize("read", [True, False], ids=["half-read", "unread"])
def test_a_result_dropped_on_another_thread_goes_back_to_its_maker(
        sparql: str, read: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    reported: list[Any] = []
    monkeypatch.setattr(sys, "unraisablehook", reported.append)
    store = _store()
    handed: queue.Queue[object] = queue.Queue()
    go_on = threading.Event()
    released: list[int] = []

    def maker() -> None:
        result = run_query(store, sparql)
        if read and isinstance(result, SelectResult):
            next(iter(result.rows))  # half read: the generator still holds pyoxigraph's iterator
        elif read:
            assert isinstance(result, GraphResult)
            next(iter(result.triples))
        handed.put(result)
        del result
        go_on.wait(10)
        released.append(release_stranded())

    thread = threading.Thread(target=maker)
    thread.start()
    result = handed.get(timeout=10)
    del result  # the last reference: finalised here, on the main thread
    gc.collect()
    go_on.set()
    thread.join(10)
    assert reported == [], [str(r.exc_value) for r in reported]
    assert released == [1]


def test_a_result_read_and_dropped_on_its_own_thread_is_simply_freed() -> None:
    result = run_query(_store(), "SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }")
    assert isinstance(result, SelectResult)
    assert len(list(result.rows)) == 5
    del result
    assert release_stranded() == 0


def test_a_frame_of_run_query_that_outlives_it_holds_no_result(monkeypatch: pytest.MonkeyPatch) -> None:
    """A library's exception cycle below run_query (pyparsing's) can keep run_query's frame alive."""
    from vdk_graph.store import oxigraph

    reported: list[Any] = []
    monkeypatch.setattr(sys, "unraisablehook", reported.append)
    frames: list[Any] = []
    native = oxigraph.native_query

    def keeping_the_caller(*args: Any) -> Any:
        frames.append(sys._getframe(1))  # what a traceback's frame chain would keep
        return native(*args)

    monkeypatch.setattr(oxigraph, "native_query", keeping_the_caller)
    store = _store()

    def maker() -> None:
        result = run_query(store, "SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }")
        assert isinstance(result, SelectResult)
        assert len(list(result.rows)) == 5

    thread = threading.Thread(target=maker)
    thread.start()
    thread.join(10)
    assert frames and frames[0].f_code.co_name == "run_query"
    frames.clear()  # the frame, and whatever it holds, dropped here on the main thread
    gc.collect()
    assert reported == [], [str(r.exc_value) for r in reported]
