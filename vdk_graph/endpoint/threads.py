"""Queries in daemon threads of the server's own process: the executor for ``memory:``, with a soft limit.

A ``memory:`` store lives in this process only, so no worker process can open it.
A Python thread cannot be killed: at the time limit the client gets its 503 on
time, and the query is abandoned to finish in the background (the service
description says so).
"""

from __future__ import annotations

import gc
import threading
import time
from typing import Any

from vdk_graph.endpoint import sandbox
from vdk_graph.endpoint.limits import QUEUE_WAIT, START_TIMEOUT, Meter, busy, timed_out
from vdk_graph.endpoint.worker import Answer, Job, answer
from vdk_graph.store import Store


class ThreadExecutor:
    """Queries in daemon threads of this process: a soft limit, for stores no other process can open."""

    mode = "thread"

    def __init__(self, store: Store, timeout: float, workers: int, queue_wait: float = QUEUE_WAIT) -> None:
        self.store, self.timeout, self.workers, self.queue_wait = store, timeout, workers, queue_wait
        self._slots = threading.BoundedSemaphore(workers)
        self.confinement = sandbox.status()
        # rdflib's parser takes ~1 s to import and build: in the background now, not in a first query.
        threading.Thread(target=_warm_parser, name="vdk-parser-warm", daemon=True).start()

    def run(self, job: Job, *, heavy: bool = False, meter: Meter | None = None) -> Answer:
        if not self._slots.acquire(timeout=self.queue_wait):
            raise busy(self.workers, self.queue_wait)
        started = time.monotonic()
        box: dict[str, Any] = {}
        done = threading.Event()

        def work() -> None:
            try:
                if self.confinement.active:
                    sandbox.confine()  # this thread only, and it ends with the query
                box["answer"] = answer(self.store, job)
            except BaseException as exc:  # noqa: BLE001 - handed to the waiting request thread
                box["error"] = _detached(exc)  # its frames hold query results of this thread
            finally:
                # pyoxigraph results must be dropped by the thread that made them: collect any cycle
                # that still holds one here, before a collection in another thread finds it.
                gc.collect(1)
                self._slots.release()
                done.set()

        threading.Thread(target=work, name="vdk-sparql-query", daemon=True).start()
        finished = done.wait(self.timeout)
        if meter is not None:
            meter.seconds = time.monotonic() - started
        if not finished:
            raise timed_out(self.timeout, soft=True)
        if "error" in box:
            raise box["error"]
        result: Answer = box["answer"]
        return result

    def wait_ready(self, timeout: float = START_TIMEOUT) -> None:
        pass  # threads start per query

    def close(self) -> None:
        pass


def _detached(exc: BaseException) -> BaseException:
    """``exc`` without the tracebacks of it and of the exceptions it was raised from (their frames)."""
    seen: set[int] = set()
    link: BaseException | None = exc
    while link is not None and id(link) not in seen:
        seen.add(id(link))
        link.__traceback__ = None
        link = link.__cause__ or link.__context__
    return exc


def _warm_parser() -> None:
    from vdk_graph.endpoint import safety

    safety.check("ASK { ?service ?p ?o }", strict=True)
