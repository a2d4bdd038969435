"""Every page answers within a time limit: a page that cannot be made in time is a quick 503.

On a 1M-triple store the home page took 8–12 s, and eight visitors at once
held every thread of the server (issue 10). Pages are now made on a pool of
their own, at most ``workers`` at a time, and the server thread that took the
request waits at most ``seconds`` for its page:

* made in time: sent as usual;
* not made in time: 503 with ``Retry-After`` at once; the page is finished in
  the background, so whatever it computes once per data version (the derived
  views of :mod:`vdk_graph.derived`) is ready for the retry;
* every page worker busy for a second: 503 with ``Retry-After``.

SPARQL requests (``/sparql``, the named queries' pages) are not made here:
their own executor bounds them, with a hard stop (``vdk_graph/endpoint``).
Static files are not either: they take microseconds.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from typing import Any

from webapp.errors import error_body
from webapp.negotiation import wsgi_error_format
from webapp.server import is_sparql

StartResponse = Callable[..., Any]
#: Seconds a request waits for a free page worker before it is told to come back.
SLOT_WAIT = 1.0


class PageDeadline:
    """WSGI middleware: make each page on a bounded pool and wait for it at most ``seconds``."""

    def __init__(self, app: Any, seconds: float, workers: int = 8) -> None:
        self.app = app
        self.seconds = seconds
        self.workers = workers
        self._pool = ThreadPoolExecutor(workers, thread_name_prefix="vdk-page")
        self._slots = threading.BoundedSemaphore(workers)

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        path = environ.get("PATH_INFO") or "/"
        if is_sparql(path) or path.startswith("/static/"):
            return self.app(environ, start_response)
        json = wsgi_error_format(path, environ.get("HTTP_ACCEPT")) == "json"
        if not self._slots.acquire(timeout=SLOT_WAIT):
            return _unavailable(start_response, "every page worker is busy; try again in a moment", 2, json)
        try:
            future: Future[tuple[str, list[tuple[str, str]], list[bytes]]] = self._pool.submit(
                self._make, environ
            )
        except RuntimeError:  # the pool is shut down: the server is stopping
            self._slots.release()
            raise
        try:
            status, headers, body = future.result(timeout=self.seconds)
        except FutureTimeout:
            return _unavailable(
                start_response,
                f"this page took longer than {self.seconds:g} s to make; it is being finished in the "
                "background, so try again in a moment",
                max(2, int(self.seconds)),
                json,
            )
        start_response(status, headers)
        return body

    def _make(self, environ: dict[str, Any]) -> tuple[str, list[tuple[str, str]], list[bytes]]:
        """Run the app for one request to the end, in a page worker; its status, headers and body."""
        answer: dict[str, Any] = {}

        def capture(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Callable[..., None]:
            answer["status"], answer["headers"] = status, headers
            return lambda data: answer.setdefault("written", []).append(data)

        try:
            iterable = self.app(environ, capture)
            try:
                body = [*answer.get("written", []), *iterable]
            finally:
                close = getattr(iterable, "close", None)
                if close is not None:
                    close()
            return answer["status"], answer["headers"], body
        finally:
            self._slots.release()

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)


def _unavailable(start_response: StartResponse, message: str, retry_after: int, json: bool) -> list[bytes]:
    """The 503, as JSON to JSON clients (the shape of every error body of the app), else as text."""
    if json:
        body, media = error_body("json", 503, "Busy", message)
    else:
        body, media = error_body("text", 503, "Service Unavailable", message)
    start_response(
        "503 Service Unavailable",
        [
            ("Content-Type", media),
            ("Content-Length", str(len(body))),
            ("Retry-After", str(retry_after)),
            ("Cache-Control", "no-store"),
        ],
    )
    return [body]
