"""A per-client budget of query time: one client cannot keep every worker busy for everyone else.

The time limit stops one expensive query; it does not stop a client that sends
them one after another, each running just under the limit, and so holds every
worker. Public endpoints answer that with a budget of processing time per client
and window (Wikidata: 60 s of processing per minute, then 429 with Retry-After).
This is the same rule: each client's queries are charged the seconds they ran,
over a sliding window; a client over its budget gets 429 and a ``Retry-After``
saying when enough of it has expired. A charge is known only when a query ends,
so a client could still start one query per worker at once: it may also run
only ``concurrency`` queries at a time (the endpoint allows half its workers),
so at least one worker stays free for everybody else.

What is charged is the time the query *ran* in a worker (the executor's
:class:`~vdk_graph.endpoint.limits.Meter`), not the time it waited for one:
charging the wait punished the clients who queued behind an attacker (issue 10:
an attacker rotating addresses got no 429 while six patient clients got 188).
The same charges say which clients are :meth:`heavy` (one of their queries ran
``heavy_after`` seconds or more lately): the executor keeps its reserve worker
from them.

The client is whatever the web layer names it (the remote address; behind a
reverse proxy, the visitor's: see ``webapp/proxies.py``). Memory is bounded: at
most ``max_clients`` clients are remembered, the least recently seen forgotten
first.
"""

from __future__ import annotations

import math
import threading
import time
from collections import OrderedDict, defaultdict, deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from vdk_graph.endpoint.limits import Meter
from vdk_graph.endpoint.protocol import ProtocolError

#: Seconds over which a client's query time is summed.
WINDOW = 60.0


class ClientBudget:
    """Seconds of query time each client may use per :data:`WINDOW` (``seconds <= 0``: no budget), and
    how many of its queries may run at once (``concurrency <= 0``: no cap)."""

    def __init__(
        self,
        seconds: float,
        *,
        concurrency: int = 0,
        window: float = WINDOW,
        max_clients: int = 10_000,
        heavy_after: float = 1.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.seconds = seconds
        self.heavy_after = heavy_after
        self.concurrency = concurrency
        self.window = window
        self.max_clients = max_clients
        self.clock = clock
        self._spent: OrderedDict[str, deque[tuple[float, float]]] = OrderedDict()
        self._running: defaultdict[str, int] = defaultdict(int)
        self._lock = threading.Lock()

    @contextmanager
    def running(self, client: str) -> Iterator[Meter]:
        """Admit one query of ``client`` (or raise 429); charge it what the yielded meter reads at the end."""
        self.check(client)
        with self._lock:
            if 0 < self.concurrency <= self._running[client]:
                raise ProtocolError(
                    f"this client already has {self._running[client]} queries running, the most one client "
                    "may run at once; send the next when one has answered",
                    429,
                    {"Retry-After": "1"},
                )
            self._running[client] += 1
        meter = Meter()
        try:
            yield meter
        finally:
            with self._lock:
                self._running[client] -= 1
                if not self._running[client]:
                    del self._running[client]
            self.charge(client, meter.seconds)

    def heavy(self, client: str) -> bool:
        """Whether one of ``client``'s queries in the window ran ``heavy_after`` seconds or more."""
        with self._lock:
            charges = self._expire(client, self.clock())
            return any(seconds >= self.heavy_after for _, seconds in charges)

    @property
    def enabled(self) -> bool:
        return self.seconds > 0

    def check(self, client: str) -> None:
        """Raise a 429 :class:`ProtocolError` if ``client`` has used up its budget."""
        if not self.enabled:
            return
        now = self.clock()
        with self._lock:
            charges = self._expire(client, now)
            used = sum(seconds for _, seconds in charges)
            if used < self.seconds:
                return
            # Wait until the oldest charges have expired far enough to bring it under the budget.
            freed, wait = used, self.window
            for at, seconds in charges:
                freed -= seconds
                if freed < self.seconds:
                    wait = at + self.window - now
                    break
        retry = max(1, math.ceil(wait))
        raise ProtocolError(
            f"this client used {used:.1f} s of query time in the last {self.window:g} s, the most one "
            f"client may use; try again in {retry} s, or run heavy queries on your own copy of the data "
            "(vdk-graph export, then vdk-graph query)",
            429,
            {"Retry-After": str(retry)},
        )

    def charge(self, client: str, seconds: float) -> None:
        """Record that a query of ``client`` ran for ``seconds`` (remembered even without a budget: see
        :meth:`heavy`)."""
        now = self.clock()
        with self._lock:
            self._expire(client, now).append((now, seconds))
            self._spent.move_to_end(client)
            while len(self._spent) > self.max_clients:
                self._spent.popitem(last=False)

    def _expire(self, client: str, now: float) -> deque[tuple[float, float]]:
        charges = self._spent.setdefault(client, deque())
        while charges and charges[0][0] <= now - self.window:
            charges.popleft()
        return charges
