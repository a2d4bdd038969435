"""Worker processes that are killed at the time limit: the executor of every store another process can open.

Each worker is a fresh interpreter (``python -m vdk_graph.endpoint``) that opens
the store read-only and answers one query at a time over a socket; the parent
waits at most the time limit, SIGKILLs a worker that overran and starts a fresh
one in its place. One worker is kept for short queries (see
:mod:`vdk_graph.endpoint.executor` for the capacity rules).
"""

from __future__ import annotations

import logging
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import weakref
from multiprocessing.connection import Connection

from vdk_graph.endpoint.limits import LONG_AFTER, QUEUE_WAIT, START_TIMEOUT, Meter, busy, crowded, timed_out
from vdk_graph.endpoint.worker import (
    MEMORY_ENV,
    SANDBOX_ENV,
    Answer,
    Job,
    StoreSpec,
    from_wire,
    too_large,
)
from vdk_graph.errors import StoreError

log = logging.getLogger(__name__)


class WorkerProcess:
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
        self._idle: list[WorkerProcess] = []
        self._cond = threading.Condition()
        self._live: set[WorkerProcess] = set()
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

    def _spawn(self) -> WorkerProcess:
        worker = WorkerProcess(self.spec, self.memory_mb, self.confinement.active)
        self._live.add(worker)
        return worker

    def _acquire(self, heavy: bool) -> WorkerProcess:
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

    def _wait(self, worker: WorkerProcess) -> bool:
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

    def _release(self, worker: WorkerProcess, healthy: bool) -> None:
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

    def _admit(self, worker: WorkerProcess) -> None:
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


def _kill_all(workers: set[WorkerProcess]) -> None:
    for worker in list(workers):
        worker.kill()
    workers.clear()
