"""Running queries where they can really be stopped: a small pool of worker processes.

Neither pyoxigraph nor rdflib has a query timeout, and a Python thread cannot be
killed: a three-pattern ``COUNT`` over a few hundred triples runs for minutes.
So each query runs in a worker *process*. The parent sends the job down a pipe
and waits at most the time limit; when it expires it SIGKILLs that worker,
starts a fresh one in its place and answers 503, while the other workers go on
serving. Workers live across requests (each keeps its store open), so a query
pays a pipe round trip, not a process start.

* Embedded store: each worker opens the current generation read-only, which
  docs/decisions/0001 makes safe next to a writer; killing a reader loses nothing.
* Remote store: each worker talks HTTP to the server; a killed worker drops its
  connection (the server may finish the query on its own: give it a timeout too).
* ``memory:``: the data lives in this process only, so queries run here in a
  daemon thread, with a *soft* limit: the client gets its 503 on time but the
  query runs on in the background until it ends. The service description says so.

Each worker is a fresh interpreter (see :class:`~.processes.WorkerProcess`); it ends
itself when the server goes away, even if the server was killed.

Modules: this one (the :class:`Executor` interface and :func:`executor_for`),
:mod:`.processes` (worker processes), :mod:`.threads` (``memory:``) and
:mod:`.limits` (time limit, queue wait, the long-query mark and their errors).

**Capacity under abuse** (issue 10). Two heavy clients used to hold both
workers and every request behind them waited up to 20 s. Now:

* a request waits at most ``queue_wait`` seconds (default 5) for a worker,
  then gets 503 with ``Retry-After``;
* one worker is kept for short queries: a query that has run ``long_after``
  seconds (default 1) counts as long, and at most ``workers - 1`` long queries
  run at once — one more is stopped at that mark with 503 and ``Retry-After``;
* a client whose recent queries ran long (:meth:`ClientBudget.heavy`) starts
  a query only while more than that reserve is idle, so it never takes the
  short queries' worker at all;
* what is charged to a client's budget is the time its query ran in the
  worker (:class:`Meter`), not the time it waited for one.
"""

from __future__ import annotations

from typing import Protocol

from vdk_graph.endpoint import sandbox
from vdk_graph.endpoint.limits import (
    LONG_AFTER,
    QUEUE_WAIT,
    START_TIMEOUT,
    Meter,
    default_workers,
    timed_out,
)
from vdk_graph.endpoint.processes import ProcessExecutor
from vdk_graph.endpoint.threads import ThreadExecutor
from vdk_graph.endpoint.worker import Answer, Job, StoreSpec
from vdk_graph.store import Store


class Executor(Protocol):
    #: "process" (hard time limit) or "thread" (soft: the query is abandoned, not stopped).
    mode: str
    timeout: float
    #: How many queries run at once.
    workers: int
    #: Whether the threads that run queries are kept off the network.
    confinement: sandbox.Confinement

    def run(self, job: Job, *, heavy: bool = False, meter: Meter | None = None) -> Answer:
        """Answer ``job``; ``heavy``: its client's queries ran long lately; ``meter`` gets the run time."""
        ...

    def wait_ready(self, timeout: float = START_TIMEOUT) -> None:
        """Start whatever runs queries and wait until it can (``serve`` calls it at start)."""
        ...

    def close(self) -> None: ...


def executor_for(
    store: Store,
    timeout: float,
    workers: int | None = None,
    memory_mb: int = 0,
    queue_wait: float = QUEUE_WAIT,
) -> Executor:
    """Worker processes for a store other processes can open; threads for ``memory:``.

    ``memory_mb`` caps each worker's heap, so one query cannot take the server's memory
    (threads share the server's: no cap there).
    """
    spec = StoreSpec.of(store)
    if spec is None:
        return ThreadExecutor(store, timeout, workers or default_workers(), queue_wait)
    return ProcessExecutor(spec, timeout, workers or default_workers(), memory_mb, queue_wait=queue_wait)


__all__ = [
    "LONG_AFTER",
    "QUEUE_WAIT",
    "START_TIMEOUT",
    "Executor",
    "Meter",
    "ProcessExecutor",
    "StoreSpec",
    "ThreadExecutor",
    "default_workers",
    "executor_for",
    "timed_out",
]
