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

Each worker is a fresh interpreter (see :class:`_Worker`); it ends itself when
the server goes away, even if the server was killed.

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

import gc
import logging
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import weakref
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any, Protocol

from vdk_graph.endpoint import sandbox
from vdk_graph.endpoint.worker import (
    MEMORY_ENV,
    SANDBOX_ENV,
    Answer,
    Job,
    StoreSpec,
    answer,
    from_wire,
    too_large,
)
from vdk_graph.errors import Busy, QueryTimeout, StoreError
from vdk_graph.store import Store

log = logging.getLogger(__name__)

#: Seconds a new worker may take to import and open the store before we give up on it.
START_TIMEOUT = 60.0
#: Seconds a request may wait for a free worker before it is told to come back (503, Retry-After).
QUEUE_WAIT = 5.0
#: Seconds after which a running query counts as long (and may not take the last worker).
LONG_AFTER = 1.0


def default_workers() -> int:
    """One worker per core plus one, three at least (one of them kept for short queries), four at most."""
    return max(3, min(4, (os.cpu_count() or 2) + 1))


@dataclass
class Meter:
    """How long a query ran in a worker: what its client's budget is charged."""

    seconds: float = 0.0


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



def timed_out(timeout: float, soft: bool = False) -> QueryTimeout:
    ended = (
        "was abandoned (this in-memory store cannot stop it: it finishes in the background)"
        if soft
        else "was stopped"
    )
    text = (
        f"the query ran longer than the time limit of {timeout:g} s and {ended}. Make it more "
        "selective (narrower patterns, a LIMIT, fewer OPTIONALs), or run it on your own copy of "
        "the data with 'vdk-graph query', which has no limit"
    )
    return QueryTimeout(text, retry_after=timeout)


def busy(workers: int, waited: float) -> Busy:
    return Busy(
        f"all {workers} query workers stayed busy for {waited:g} s; try again in a moment",
        retry_after=max(1.0, waited),
    )


def crowded(long_running: int, long_after: float) -> Busy:
    return Busy(
        f"the server is already running {long_running} queries that take longer than {long_after:g} s, "
        "the most it runs at once (one worker is kept for short queries); this one was stopped after "
        f"{long_after:g} s. Try again in a moment, or make it more selective",
        retry_after=5,
    )


# --------------------------------------------------------------------------- processes


class _Worker:
    """One worker process and the socket to it.

    Started as ``python -m vdk_graph.endpoint`` rather than with
    :mod:`multiprocessing`'s spawn or forkserver, which re-import the server's
    main script in every child (breaking scripts without a ``__main__`` guard),
    or fork, which is unsafe in a threaded server. A fresh interpreter costs
    ~0.5 s, paid at start and after a kill only.
    """

    def __init__(self, spec: StoreSpec, memory_mb: int = 0, confine: bool = False) -> None:
        ours, theirs = socket.socketpair()
        args = [spec.kind, spec.location, *([spec.update_url] if spec.update_url else [])]
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(p for p in sys.path if p)  # import vdk_graph as we do
        env[MEMORY_ENV] = str(memory_mb)
        env[SANDBOX_ENV] = "1" if confine else "0"
        env["RUST_BACKTRACE"] = "0"  # a query over its memory limit aborts the worker: one line, not a page
        with theirs:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "vdk_graph.endpoint", str(theirs.fileno()), *args],
                pass_fds=[theirs.fileno()],
                stdin=subprocess.DEVNULL,
                env=env,
                close_fds=True,
            )
        self.conn = Connection(ours.detach())
        self.ready = False
        self.failure: Exception | None = None

    def wait_ready(self, timeout: float) -> None:
        """Wait for the worker's hello; raises (every time, once failed) if it could not open the store."""
        if self.ready:
            return
        if self.failure is None:
            try:
                if not self.conn.poll(timeout):
                    raise StoreError(f"a query worker did not start within {timeout:g} s")
                status, payload = self.conn.recv()
            except (EOFError, OSError):
                raise StoreError("a query worker ended while starting; see the server log") from None
            if status == "ready":
                self.ready = True
                return
            self.failure = from_wire(payload)
        raise self.failure

    def died_of_memory(self) -> bool:
        """Whether the process ended by aborting (Rust's answer to a failed allocation) or was OOM-killed."""
        try:
            code = self.process.wait(2)
        except subprocess.TimeoutExpired:
            return False
        return code in (-signal.SIGABRT, -signal.SIGKILL, 134, 137)

    def kill(self) -> None:
        try:
            self.process.kill()
            self.process.wait(5)
        except (OSError, subprocess.TimeoutExpired):
            pass
        self.conn.close()


class ProcessExecutor:
    """A fixed number of worker processes, each answering one query at a time (see the module's doc)."""

    mode = "process"

    def __init__(
        self,
        spec: StoreSpec,
        timeout: float,
        workers: int,
        memory_mb: int = 0,
        *,
        queue_wait: float = QUEUE_WAIT,
        long_after: float = LONG_AFTER,
    ) -> None:
        self.spec, self.timeout, self.workers, self.memory_mb = spec, timeout, workers, memory_mb
        self.queue_wait, self.long_after = queue_wait, long_after
        #: Workers kept for short queries: long ones and heavy clients may not take these.
        self.reserve = 1 if workers >= 2 else 0
        self.confinement = spec.confinement()
        self._idle: list[_Worker] = []
        self._cond = threading.Condition()
        self._live: set[_Worker] = set()
        self._long = 0
        self._started = self._closed = False
        # Kills the workers when the executor is collected, and at interpreter exit at the latest.
        self._finalizer = weakref.finalize(self, _kill_all, self._live)

    def start(self) -> None:
        """Start the workers (idempotent; the first query does it if nobody did)."""
        with self._cond:
            if self._started:
                return
            if self._closed:
                raise StoreError("the SPARQL endpoint is shutting down")
            for _ in range(self.workers):
                self._idle.append(self._spawn())
            self._started = True

    def _spawn(self) -> _Worker:
        worker = _Worker(self.spec, self.memory_mb, self.confinement.active)
        self._live.add(worker)
        return worker

    def _acquire(self, heavy: bool) -> _Worker:
        """An idle worker, waiting at most ``queue_wait``; a heavy client leaves the reserve alone."""
        need = self.reserve + 1 if heavy else 1
        deadline = time.monotonic() + self.queue_wait
        with self._cond:
            while len(self._idle) < need:
                remaining = deadline - time.monotonic()
                if remaining <= 0 or self._closed:
                    raise busy(self.workers, self.queue_wait)
                self._cond.wait(remaining)
            return self._idle.pop()

    def run(self, job: Job, *, heavy: bool = False, meter: Meter | None = None) -> Answer:
        self.start()
        worker = self._acquire(heavy)
        healthy = False
        sent = time.monotonic()
        try:
            worker.wait_ready(START_TIMEOUT)
            worker.conn.send(job)
            sent = time.monotonic()
            if not self._wait(worker):
                raise timed_out(self.timeout)
            status, payload = worker.conn.recv()
            healthy = True
        except (EOFError, OSError) as exc:
            if self.memory_mb and worker.died_of_memory():
                raise too_large(self.memory_mb) from None
            raise StoreError(
                f"the query worker ended unexpectedly ({type(exc).__name__}); "
                "the query may need more memory than the server has"
            ) from None
        finally:
            if meter is not None:
                meter.seconds = time.monotonic() - sent
            self._release(worker, healthy)
        if status == "ok":
            done: Answer = payload
            return done
        if status == "error":
            raise from_wire(payload)
        log.error("a query worker failed on %r:\n%s", job.request.query, payload)
        raise StoreError("the query failed inside vdk-graph (a bug; the server log has the details)")

    def _wait(self, worker: _Worker) -> bool:
        """Wait for the answer within the time limit; stop a long query that would crowd out short ones."""
        first = min(self.long_after, self.timeout)
        if worker.conn.poll(first):
            return True
        if first >= self.timeout:
            return False
        with self._cond:
            if self._long >= self.workers - self.reserve:
                raise crowded(self._long, self.long_after)
            self._long += 1
        try:
            return worker.conn.poll(self.timeout - first)
        finally:
            with self._cond:
                self._long -= 1

    def _release(self, worker: _Worker, healthy: bool) -> None:
        if healthy:
            with self._cond:
                self._idle.append(worker)
                self._cond.notify()
            return
        worker.kill()
        with self._cond:
            self._live.discard(worker)
            if self._closed:
                return
            fresh = self._spawn()
        # Admitted once it has started, so requests meanwhile go to the workers already running.
        threading.Thread(target=self._admit, args=(fresh,), name="vdk-sparql-admit", daemon=True).start()

    def _admit(self, worker: _Worker) -> None:
        try:
            worker.wait_ready(START_TIMEOUT)
        except Exception:  # noqa: BLE001 - the request that takes it gets the same error
            if not self._closed:
                log.warning("a replacement query worker failed to start", exc_info=True)
        with self._cond:
            self._idle.append(worker)
            self._cond.notify()

    def wait_ready(self, timeout: float = START_TIMEOUT) -> None:
        """Start the workers and wait until each has opened the store (``serve`` does it at start)."""
        self.start()
        for worker in list(self._live):
            worker.wait_ready(timeout)

    def pids(self) -> list[int]:
        """The worker processes' ids (for tests and the service description)."""
        return [w.process.pid for w in list(self._live)]

    def close(self) -> None:
        with self._cond:
            self._closed = True
            _kill_all(self._live)
            self._cond.notify_all()


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


def _kill_all(workers: set[_Worker]) -> None:
    for worker in list(workers):
        worker.kill()
    workers.clear()


# --------------------------------------------------------------------------- threads (memory: only)


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


__all__ = [
    "Executor",
    "Meter",
    "ProcessExecutor",
    "ThreadExecutor",
    "default_workers",
    "executor_for",
    "timed_out",
]
