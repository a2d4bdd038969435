"""What views the process is computing, so that work for other processes can wait until it computes none.

An updated view's file (:meth:`vdk_graph.derived.Derived._save_apart`) is for other processes;
the views being computed are what this process's visitors wait for, and the two share one
interpreter.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

#: Seconds an updated value's file waits at most for the process's computations to finish, and
#: for how long none must have run (a warmer computes one view after another, with gaps between).
QUIET_WAIT, QUIET_FOR = 30.0, 0.5


class Activity:
    """How many values this process is computing (:meth:`Derived._run`), to wait until it computes none.

    An updated value's file is for other processes; the values being computed are what this
    process's visitors wait for (the measures, after an import at 1M: ~2 s of CPU that the
    index file's writer, running alongside, doubled — the two share one interpreter).
    """

    def __init__(self) -> None:
        self._running = 0
        self._started = 0
        self._hurry = False
        self._changed = threading.Condition()

    def __enter__(self) -> None:
        with self._changed:
            self._running += 1
            self._started += 1
            self._changed.notify_all()

    def __exit__(self, *_: object) -> None:
        with self._changed:
            self._running -= 1
            self._changed.notify_all()

    def wait_quiet(self, give_up: Callable[[], bool], timeout: float, quiet_for: float) -> None:
        """Until nothing has been computed for ``quiet_for`` seconds, ``give_up()`` is true (asked whenever
        a computation starts or ends), or ``timeout`` seconds passed."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while not (self._hurry or give_up()):
                left = deadline - time.monotonic()
                if left <= 0:
                    return
                if self._running:
                    self._changed.wait_for(lambda: self._running == 0 or self._hurry or give_up(), left)
                    continue
                started = self._started
                self._changed.wait(min(quiet_for, left))
                if self._running == 0 and self._started == started:
                    return

    def hurry(self) -> None:
        """Let every wait end now (the interpreter is ending)."""
        with self._changed:
            self._hurry = True
            self._changed.notify_all()


#: The process's one account (views are computed by many threads).
ACTIVITY = Activity()
