"""The production server: waitress, with its limits chosen on purpose and separate capacity for SPARQL.

Measured on 2 cores with waitress's defaults (issue 10):

* **100 slow connections** (a partial request line, then a byte every 10 s)
  blocked every page for as long as they lasted: waitress accepts at most
  ``connection_limit`` (100) connections, and a trickle of bytes keeps each
  one under ``channel_timeout`` (120 s) forever. Here the server accepts
  :attr:`Limits.connections` connections (1,000; the file-descriptor limit is
  raised to fit), closes one that has not sent a whole request within
  :attr:`Limits.request_timeout` seconds however busy it keeps the line
  (:class:`_DeadlineChannel`), and one idle for :attr:`Limits.idle_timeout`.
  Connections cost waitress no thread while they trickle; they only need to
  end. In public, put nginx in front as well (``deploy/nginx.conf``).
* **Two heavy SPARQL clients starved every page**: requests waiting for a
  query worker held the 8 threads that pages need too. Here requests are
  routed before they take a thread (:class:`_Lanes`): ``/sparql`` and the
  named queries' pages (which run SPARQL) have threads of their own,
  everything else has the rest, so no page ever waits behind a query.

Forwarding headers are left to the app (``webapp/proxies.py``), which believes
them only from the configured proxies.
"""

from __future__ import annotations

import resource
import time
from dataclasses import dataclass
from typing import Any

import waitress
from waitress.channel import HTTPChannel
from waitress.server import BaseWSGIServer
from waitress.task import ThreadedTaskDispatcher


@dataclass(frozen=True)
class Limits:
    """What the server accepts; every figure is stated in README, "Running it in public"."""

    #: Threads for pages (the map, entity pages, search, matchmaking …).
    page_threads: int = 8
    #: Threads for SPARQL: ``/sparql`` and the named queries' pages (each waits for a query worker).
    sparql_threads: int = 8
    #: Open connections at most (waitress's default is 100).
    connections: int = 1000
    #: Seconds within which a connection must have sent a whole request once it started one.
    request_timeout: float = 30.0
    #: Seconds a connection may stay idle between requests.
    idle_timeout: float = 30.0
    #: Seconds a page may take to make before the visitor gets a 503 (``webapp/deadline.py``).
    page_timeout: float = 10.0

    def describe(self) -> str:
        return (
            f"{self.page_threads} threads for pages and {self.sparql_threads} for SPARQL, at most "
            f"{self.connections:,} connections, {self.request_timeout:g} s to send a request, "
            f"{self.idle_timeout:g} s idle, {self.page_timeout:g} s to make a page"
        )


#: Paths whose requests run SPARQL and so take a SPARQL thread.
SPARQL_PATHS = ("/sparql", "/queries/")


def is_sparql(path: str) -> bool:
    return path == "/sparql" or path.startswith(SPARQL_PATHS)


class _Lanes:
    """A waitress task dispatcher with two thread pools, chosen by the request's path."""

    def __init__(self, limits: Limits) -> None:
        self.pages = ThreadedTaskDispatcher()
        self.pages.set_thread_count(limits.page_threads)
        self.sparql = ThreadedTaskDispatcher()
        self.sparql.set_thread_count(limits.sparql_threads)

    def add_task(self, task: Any) -> None:
        requests = getattr(task, "requests", None) or []
        path = getattr(requests[0], "path", "") if requests else ""
        (self.sparql if is_sparql(path or "") else self.pages).add_task(task)

    def set_thread_count(self, count: int) -> None:  # waitress calls it only without a dispatcher of ours
        pass

    def shutdown(self, cancel_pending: bool = True, timeout: int = 5) -> bool:
        pages = self.pages.shutdown(cancel_pending, timeout)
        sparql = self.sparql.shutdown(cancel_pending, timeout)
        return bool(pages and sparql)


class _DeadlineChannel(HTTPChannel):
    """A connection that must finish sending a request within ``request_timeout`` of starting it."""

    request_started: float | None = None

    def received(self, data: bytes) -> bool:
        busy_before = self.request is not None
        result: bool = super().received(data)
        if self.request is None:
            self.request_started = None  # nothing half-read: the deadline is off
        elif not busy_before or self.request_started is None:
            self.request_started = time.time()
        return result


def _with_deadlines(socket_map: dict[int, Any], request_timeout: float) -> None:
    """Make the listening sockets of ``socket_map`` close connections past the request deadline."""
    for one in list(socket_map.values()):
        if not isinstance(one, BaseWSGIServer):
            continue
        one.channel_class = _DeadlineChannel
        plain = one.maintenance

        def maintenance(now: float, plain: Any = plain, one: Any = one) -> None:
            plain(now)
            cutoff = now - request_timeout
            for channel in list(one.active_channels.values()):
                started = getattr(channel, "request_started", None)
                if started is not None and started < cutoff and not channel.requests:
                    channel.will_close = True

        one.maintenance = maintenance


def raise_file_limit(wanted: int) -> int:
    """Raise the soft limit of open files towards ``wanted`` (up to the hard limit); the new limit."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    target = wanted if hard == resource.RLIM_INFINITY else min(wanted, hard)
    if soft != resource.RLIM_INFINITY and soft < target:
        resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
        return target
    return soft


def create_server(
    app: Any, host: str, port: int, limits: Limits | None = None, ident: str = "vdk-graph"
) -> Any:
    """A waitress server for ``app`` with ``limits``; ``run()`` it, ``close()`` it."""
    from webapp.deadline import PageDeadline

    limits = limits or Limits()
    app = PageDeadline(app, limits.page_timeout, workers=limits.page_threads)
    room = raise_file_limit(limits.connections + 100)
    connections = max(10, min(limits.connections, room - 100))
    socket_map: dict[int, Any] = {}
    server = waitress.create_server(
        app,
        socket_map,
        host=host,
        port=port,
        ident=ident,
        _dispatcher=_Lanes(limits),
        connection_limit=connections,
        channel_timeout=int(limits.idle_timeout),
        cleanup_interval=max(1, int(min(limits.request_timeout, limits.idle_timeout) / 5)),
        clear_untrusted_proxy_headers=False,  # webapp/proxies.py decides, from the configured proxies
    )
    _with_deadlines(socket_map, limits.request_timeout)
    return server
