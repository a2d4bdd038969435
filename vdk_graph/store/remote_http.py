"""HTTP for a remote SPARQL server: the protocol's POST forms, an account when the server asks for one.

Credentials come from the caller or the environment (``VDK_STORE_USER``,
``VDK_STORE_PASSWORD``), never from the store URL, which is shown in logs, in
``vdk-graph stats`` and in the service description. They are sent only when the
server asks (a 401 challenge): HTTP digest (Virtuoso's ``/sparql-auth``) or
Basic (Fuseki with Shiro); over plain ``http://`` Basic shows the password to
anyone on the path, so keep such a server on loopback or a private network, or
use ``https://``.
"""

from __future__ import annotations

import http.client
import io
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode, urlsplit

from vdk_graph.errors import RemoteStoreError

USER_ENV = "VDK_STORE_USER"
PASSWORD_ENV = "VDK_STORE_PASSWORD"

#: How long a read whose connection the server dropped keeps asking again (a server restarting rolls its
#: log forward first: Virtuoso took seconds for the tests' database), and the first wait between asks.
RETRY_WINDOW = 60.0
FIRST_RETRY_WAIT = 0.25

#: What a server that went away mid-answer, or is not back yet, looks like to urllib.
_DROPPED = (http.client.RemoteDisconnected, http.client.IncompleteRead, ConnectionResetError, BrokenPipeError)


@dataclass(frozen=True)
class Reply:
    """A successful answer: its media type, its headers (names in lower case) and its body."""

    media: str
    headers: dict[str, str]
    body: bytes


@dataclass
class Refusal(Exception):
    """The server answered with an error status.

    Not frozen: Python's own machinery sets attributes on exceptions in flight (contextlib assigns
    ``__traceback__`` when one passes through a ``@contextmanager``), which a frozen dataclass refuses
    with a FrozenInstanceError that hides the server's answer.
    """

    url: str
    status: int
    detail: str
    headers: dict[str, str]


class Client:
    """Posts forms to a SPARQL server and remembers what the server says it is."""

    def __init__(self, urls: list[str], user: str | None, password: str | None, timeout: float) -> None:
        self.timeout = timeout
        self.user = user
        #: The server's ``Server`` header, from its first answer ("" until then).
        self.server: str | None = None
        handlers: list[urllib.request.BaseHandler] = []
        if user:
            manager = urllib.request.HTTPPasswordMgrWithDefaultRealm()
            for url in urls:
                parts = urlsplit(url)
                manager.add_password(None, f"{parts.scheme}://{parts.netloc}/", user, password or "")
            handlers += [_Digest(manager), _Basic(manager)]
        self._opener = urllib.request.build_opener(*handlers)

    def post(self, url: str, form: dict[str, object], accept: str, timeout: float | None = None,
             *, idempotent: bool = False) -> Reply:
        """POST ``form``; raises :class:`Refusal` for an error status, RemoteStoreError if nobody answers.

        An ``idempotent`` request (a query) whose connection the server dropped before answering is asked
        again, with growing waits, for up to :data:`RETRY_WINDOW` seconds from the drop: a server restarted
        under its readers (by an operator, a supervisor, a watchdog) then costs them a pause, not an error
        page. A server that never answered is reported at once, and an update is never sent twice.
        """
        wait, deadline = FIRST_RETRY_WAIT, None
        while True:
            try:
                return self._post_once(url, form, accept, timeout)
            except _Gone as gone:
                if deadline is None and not gone.refused:  # dropped: the window opens now
                    deadline = time.monotonic() + min(timeout or self.timeout, RETRY_WINDOW)
                if not idempotent or deadline is None or time.monotonic() + wait > deadline:
                    raise gone.error from None
                time.sleep(wait)
                wait *= 2

    def _post_once(self, url: str, form: dict[str, object], accept: str, timeout: float | None) -> Reply:
        graphs = sum(len(v) for k, v in form.items() if k.endswith("graph-uri") and isinstance(v, list))
        _allow_headers(graphs + 100)
        request = urllib.request.Request(
            url,
            data=urlencode(form, doseq=True).encode(),
            method="POST",
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Accept": accept,
                "User-Agent": "vdk-graph",
            },
        )
        try:
            with self._opener.open(request, timeout=timeout or self.timeout) as response:
                headers = {k.lower(): v for k, v in response.headers.items()}
                self._heard(headers)
                media = headers.get("content-type", "").split(";")[0].strip().lower()
                return Reply(media, headers, response.read())
        except urllib.error.HTTPError as exc:
            with exc:
                headers = {k.lower(): v for k, v in (exc.headers or {}).items()}
                self._heard(headers)
                detail = exc.read().decode(errors="replace").strip()
            raise Refusal(url, exc.code, detail, headers) from None
        except (urllib.error.URLError, TimeoutError, ConnectionError, http.client.HTTPException) as exc:
            reason = getattr(exc, "reason", exc)
            error = RemoteStoreError(
                f"cannot reach the SPARQL server at {url} ({reason}); is it running, and is the URL right?")
            if isinstance(reason, (*_DROPPED, ConnectionRefusedError)):
                raise _Gone(error, refused=isinstance(reason, ConnectionRefusedError)) from None
            raise error from None

    def _heard(self, headers: dict[str, str]) -> None:
        if self.server is None and headers:
            self.server = headers.get("server", "")


class _Gone(Exception):
    """The server dropped the connection before answering, or refused it (``refused``): maybe restarting."""

    def __init__(self, error: RemoteStoreError, refused: bool) -> None:
        super().__init__(str(error))
        self.error, self.refused = error, refused


class _ClosesChallenge:
    """Reads and closes the 401 answer before asking again: urllib leaves its socket open (a leak
    per update, since every update to Virtuoso starts with a digest challenge)."""

    def http_error_401(self, req: urllib.request.Request, fp: Any, code: int, msg: str,
                       headers: Any) -> Any:
        body = fp.read()
        fp.close()
        return super().http_error_401(req, io.BytesIO(body), code, msg, headers)  # type: ignore[misc]


class _Digest(_ClosesChallenge, urllib.request.HTTPDigestAuthHandler):
    pass


class _Basic(_ClosesChallenge, urllib.request.HTTPBasicAuthHandler):
    pass


def _allow_headers(count: int) -> None:
    """Let answers carry ``count`` header lines: Virtuoso echoes every graph of the dataset in one.

    ``X-SPARQL-named-graph: <g>`` per named graph, so a store of 300 graphs gets 300 header
    lines, and ``http.client`` gives up at 100 ("got more than 100 headers"). Its limit is a
    module global, with no per-connection setting; it is only ever raised here, for answers
    from the server the store was configured with.
    """
    if count > http.client._MAXHEADERS:  # type: ignore[attr-defined]
        http.client._MAXHEADERS = count  # type: ignore[attr-defined]
