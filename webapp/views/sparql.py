"""``/sparql``: the SPARQL 1.1 query endpoint and ``/.well-known/void``, a thin skin over vdk_graph.endpoint.

Errors go out as JSON (``{"error", "message", "status", "line", "column"}``) to
clients that take JSON — the workbench reads them to mark the line — as an HTML
page to browsers, and as one line of text to everything else. Every response
carries CORS headers so browser tools on other origins (YASGUI …) can query.
"""

from __future__ import annotations

import threading
from ipaddress import IPv4Network, IPv6Network

from flask import Blueprint, Flask, Response, current_app, redirect, request, url_for
from werkzeug.exceptions import RequestEntityTooLarge

from vdk_graph.config import in_networks, networks
from vdk_graph.endpoint import Answer, Endpoint, ProtocolError, read_request
from vdk_graph.errors import QueryError, VdkError
from webapp.errors import render_error
from webapp.negotiation import endpoint_error_format, prefers
from webapp.proxies import UNCONFIGURED
from webapp.state import settings

bp = Blueprint("sparql", __name__)

METHODS = ["GET", "POST", "OPTIONS", "PUT", "DELETE", "PATCH"]
EXPOSED = "X-VDK-Truncated, X-VDK-Row-Limit, Server-Timing, Retry-After"
_lock = threading.Lock()


def endpoint() -> Endpoint:
    """This app's endpoint, made on first use (its worker processes start with the first query)."""
    return endpoint_of(current_app)


def endpoint_of(app: Flask) -> Endpoint:
    """``app``'s endpoint, made if needed; a server calls it at start and waits for the workers."""
    found = app.extensions.get("vdk_endpoint")
    if found is None:
        with _lock:
            found = app.extensions.get("vdk_endpoint")
            if found is None:
                state = app.extensions["vdk"]
                found = Endpoint(state.store, state.settings, app.config.get("VDK_QUERY_WORKERS"))
                app.extensions["vdk_endpoint"] = found
    return found


@bp.route("/sparql/", methods=METHODS)
@bp.route("/sparql", methods=METHODS)  # registered first: url_for builds this one
def query() -> Response:
    if request.method == "OPTIONS":
        return _preflight()
    try:
        body = request.get_data(cache=False) if request.method == "POST" else b""
        parsed = read_request(
            request.method,
            request.headers.get("Content-Type"),
            request.args.items(multi=True),
            body,
            request.headers.get("Accept", ""),
        )
        if parsed.query is None:
            if _browser() and _workbench():
                return redirect(_workbench(), 303)  # type: ignore[arg-type,return-value]
            return _send(endpoint().describe(parsed, url_for("sparql.query", _external=True)))
        return _send(endpoint().query(parsed, client=client()))
    except RequestEntityTooLarge:
        limit = current_app.config.get("MAX_CONTENT_LENGTH") or 0
        return _error(
            ProtocolError(
                f"the request body is larger than the limit of {limit:,} bytes; send a shorter query", 413
            )
        )
    except VdkError as exc:
        return _error(exc)


@bp.get("/.well-known/void")
def void() -> Response:
    """The VoID description of the dataset (the same graph as the service description)."""
    try:
        parsed = read_request(
            "GET", None, request.args.items(multi=True), b"", request.headers.get("Accept", "")
        )
        return _send(endpoint().describe(parsed, url_for("sparql.query", _external=True)))
    except VdkError as exc:
        return _error(exc)


@bp.after_request
def cors(response: Response) -> Response:
    response.headers["Access-Control-Allow-Origin"] = "*"
    response.headers["Access-Control-Expose-Headers"] = EXPOSED
    response.vary.add("Accept")
    return response


def _preflight() -> Response:
    response = Response(status=204)
    response.headers["Access-Control-Allow-Methods"] = "GET, POST, OPTIONS"
    response.headers["Access-Control-Allow-Headers"] = (
        request.headers.get("Access-Control-Request-Headers") or "Content-Type, Accept"
    )
    response.headers["Access-Control-Max-Age"] = "86400"
    response.headers["Allow"] = "GET, HEAD, POST, OPTIONS"
    return response


def _send(answer: Answer) -> Response:
    response = Response(answer.body, status=200, content_type=answer.content_type)
    if answer.row_limit:
        response.headers["X-VDK-Truncated"] = "true" if answer.truncated else "false"
        response.headers["X-VDK-Row-Limit"] = str(answer.row_limit)
    response.headers["Server-Timing"] = f"query;dur={answer.seconds * 1000:.1f}"
    return response


def _error(exc: VdkError) -> Response:
    """HTML to a browser, text to a client that prefers it, else JSON (the workbench's contract).

    Every body names the line and column (null when the error is not in the query's text).
    """
    title = exc.title if isinstance(exc, ProtocolError) else type(exc).__name__
    position: dict[str, object] = {"line": None, "column": None}
    if isinstance(exc, QueryError):
        position = {"line": exc.line, "column": exc.column}
    response = render_error(exc.http_status, title, str(exc), position, endpoint_error_format())
    response.headers.update(getattr(exc, "headers", {}))
    return response


def client() -> str | None:
    """Whom a query is charged to: the visitor's address (``webapp/proxies.py`` finds it behind proxies).

    None, so no budget, for the addresses of VDK_UNBUDGETED (default: this machine itself, the
    operator's own tools and scripts) — unless the request came through a proxy nobody configured,
    which speaks for visitors, not for the operator.
    """
    address = request.remote_addr or "unknown"
    if not request.environ.get(UNCONFIGURED) and in_networks(address, _unbudgeted()):
        return None
    return address


def _unbudgeted() -> tuple[IPv4Network | IPv6Network, ...]:
    found = current_app.extensions.get("vdk_unbudgeted")
    if found is None:
        found = current_app.extensions["vdk_unbudgeted"] = networks(settings().unbudgeted, "VDK_UNBUDGETED")
    return found


def _browser() -> bool:
    return prefers("text/html", over=("text/turtle",)) and not request.args


def _workbench() -> str | None:
    """The query workbench's URL, if this app has one (another view provides it)."""
    for rule in current_app.url_map.iter_rules():
        if rule.rule == "/query" and "GET" in (rule.methods or ()):
            return url_for(rule.endpoint)
    return None
