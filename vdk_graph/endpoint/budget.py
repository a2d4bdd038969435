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

The client is whatever the web layer names it (the remote address). Behind a
reverse proxy, set ``trusted_proxies`` (``VDK_TRUSTED_PROXIES``): the app then
takes the visitor's address from ``X-Forwarded-For`` (werkzeug's ``ProxyFix``),
not the proxy's. Memory is bounded: at most ``max_clients``
clients are remembered, the least recently seen forgotten first.
"""

from __future__ import annotations

import math
import threading
import time
from collections import OrderedDict, defaultdict, deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager

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
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.seconds = seconds
        self.concurrency = concurrency
        self.window = window
        self.max_clients = max_clients
        self.clock = clock
        self._spent: OrderedDict[str, deque[tuple[float, float]]] = OrderedDict()
        self._running: defaultdict[str, int] = defaultdict(int)
        self._lock = threading.Lock()

    @contextmanager
    def running(self, client: str) -> Iterator[None]:
        """Admit one query of ``client`` (or raise 429), and charge it the time it ran when it ends."""
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
        started = self.clock()
        try:
            yield
        finally:
            with self._lock:
                self._running[client] -= 1
                if not self._running[client]:
                    del self._running[client]
            self.charge(client, self.clock() - started)

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
        """Record that a query of ``client`` ran for ``seconds``."""
        if not self.enabled:
            return
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
