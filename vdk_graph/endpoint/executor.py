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
"""

from __future__ import annotations

import logging
import math
import os
import queue
import signal
import socket
import subprocess
import sys
import threading
import weakref
from multiprocessing.connection import Connection
from typing import Any, Protocol

from vdk_graph.endpoint.protocol import ProtocolError
from vdk_graph.endpoint.worker import MEMORY_ENV, Answer, Job, StoreSpec, answer, from_wire, too_large
from vdk_graph.errors import QueryTimeout, StoreError
from vdk_graph.store import Store

log = logging.getLogger(__name__)

#: Seconds a new worker may take to import and open the store before we give up on it.
START_TIMEOUT = 60.0
#: Extra seconds a request may wait for a free worker beyond the time limit (a replacement starting).
START_GRACE = 10.0


def default_workers() -> int:
    return max(2, min(4, os.cpu_count() or 2))


class Executor(Protocol):
    #: "process" (hard time limit) or "thread" (soft: the query is abandoned, not stopped).
    mode: str
    timeout: float
    #: How many queries run at once.
    workers: int

    def run(self, job: Job) -> Answer: ...

    def close(self) -> None: ...


def executor_for(
    store: Store, timeout: float, workers: int | None = None, memory_mb: int = 0
) -> Executor:
    """Worker processes for a store other processes can open; threads for ``memory:``.

    ``memory_mb`` caps each worker's heap, so one query cannot take the server's memory
    (threads share the server's: no cap there).
    """
    spec = StoreSpec.of(store)
    if spec is None:
        return ThreadExecutor(store, timeout, workers or default_workers())
    return ProcessExecutor(spec, timeout, workers or default_workers(), memory_mb)



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
    return QueryTimeout(text)


def busy(workers: int, timeout: float) -> ProtocolError:
    return ProtocolError(
        f"all {workers} query workers stayed busy for {timeout:g} s; try again in a moment",
        503,
        {"Retry-After": str(math.ceil(timeout))},
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

    def __init__(self, spec: StoreSpec, memory_mb: int = 0) -> None:
        ours, theirs = socket.socketpair()
        args = [spec.kind, spec.location, *([spec.update_url] if spec.update_url else [])]
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(p for p in sys.path if p)  # import vdk_graph as we do
        env[MEMORY_ENV] = str(memory_mb)
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
    """A fixed number of worker processes, each answering one query at a time."""

    mode = "process"

    def __init__(self, spec: StoreSpec, timeout: float, workers: int, memory_mb: int = 0) -> None:
        self.spec, self.timeout, self.workers, self.memory_mb = spec, timeout, workers, memory_mb
        self._idle: queue.LifoQueue[_Worker] = queue.LifoQueue()
        self._lock = threading.Lock()
        self._live: set[_Worker] = set()
        self._started = self._closed = False
        # Kills the workers when the executor is collected, and at interpreter exit at the latest.
        self._finalizer = weakref.finalize(self, _kill_all, self._live)

    def start(self) -> None:
        """Start the workers (idempotent; the first query does it if nobody did)."""
        with self._lock:
            if self._started:
                return
            if self._closed:
                raise StoreError("the SPARQL endpoint is shutting down")
            for _ in range(self.workers):
                self._idle.put(self._spawn())
            self._started = True

    def _spawn(self) -> _Worker:
        worker = _Worker(self.spec, self.memory_mb)
        self._live.add(worker)
        return worker

    def run(self, job: Job) -> Answer:
        self.start()
        try:
            worker = self._idle.get(timeout=self.timeout + START_GRACE)
        except queue.Empty:
            raise busy(self.workers, self.timeout + START_GRACE) from None
        healthy = False
        try:
            worker.wait_ready(START_TIMEOUT)
            worker.conn.send(job)
            if not worker.conn.poll(self.timeout):
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
            self._release(worker, healthy)
        if status == "ok":
            done: Answer = payload
            return done
        if status == "error":
            raise from_wire(payload)
        log.error("a query worker failed on %r:\n%s", job.request.query, payload)
        raise StoreError("the query failed inside vdk-graph (a bug; the server log has the details)")

    def _release(self, worker: _Worker, healthy: bool) -> None:
        if healthy:
            self._idle.put(worker)
            return
        worker.kill()
        with self._lock:
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
        self._idle.put(worker)

    def pids(self) -> list[int]:
        """The worker processes' ids (for tests and the service description)."""
        return [w.process.pid for w in list(self._live)]

    def close(self) -> None:
        with self._lock:
            self._closed = True
            _kill_all(self._live)


def _kill_all(workers: set[_Worker]) -> None:
    for worker in list(workers):
        worker.kill()
    workers.clear()


# --------------------------------------------------------------------------- threads (memory: only)


class ThreadExecutor:
    """Queries in daemon threads of this process: a soft limit, for stores no other process can open."""

    mode = "thread"

    def __init__(self, store: Store, timeout: float, workers: int) -> None:
        self.store, self.timeout, self.workers = store, timeout, workers
        self._slots = threading.BoundedSemaphore(workers)

    def run(self, job: Job) -> Answer:
        if not self._slots.acquire(timeout=self.timeout):
            raise busy(self.workers, self.timeout)
        box: dict[str, Any] = {}
        done = threading.Event()

        def work() -> None:
            try:
                box["answer"] = answer(self.store, job)
            except BaseException as exc:  # noqa: BLE001 - handed to the waiting request thread
                box["error"] = exc.with_traceback(None)  # its frames hold query results of this thread
            finally:
                self._slots.release()
                done.set()

        threading.Thread(target=work, name="vdk-sparql-query", daemon=True).start()
        if not done.wait(self.timeout):
            raise timed_out(self.timeout, soft=True)
        if "error" in box:
            raise box["error"]
        result: Answer = box["answer"]
        return result

    def close(self) -> None:
        pass


__all__ = ["Executor", "ProcessExecutor", "ThreadExecutor", "default_workers", "executor_for", "timed_out"]
