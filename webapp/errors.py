"""One error renderer: a VdkError or HTTP error becomes its status and its message, as HTML, JSON or text.

Which of the three is :mod:`webapp.negotiation`'s question (:func:`~webapp.negotiation.error_format`
for pages: JSON on a ``.json`` path or to a client that prefers it, text on a ``.csv`` path, else HTML;
:func:`~webapp.negotiation.endpoint_error_format` for ``/sparql``, whose clients are
programs: JSON unless HTML or plain text is rated higher). Every body has the same
shape: ``{"error", "message", "status", …}`` in JSON, ``<status> <title>: <message>``
as text. The page deadline's 503 (:mod:`webapp.deadline`, outside any request) uses
:func:`error_body` too.
"""

from __future__ import annotations

import json

from flask import Flask, Response, render_template
from werkzeug.exceptions import HTTPException

from vdk_graph.errors import AmbiguousName, QueryError, VdkError
from webapp.negotiation import error_format


def error_body(fmt: str, status: int, title: str, message: str,
               extra: dict[str, object] | None = None) -> tuple[bytes, str]:
    """The body and content type of an error as JSON (``fmt="json"``) or one line of text (``"text"``)."""
    if fmt == "json":
        body: dict[str, object] = {"error": title, "message": message, "status": status}
        body.update(extra or {})
        return json.dumps(body).encode(), "application/json"
    line, column = (extra or {}).get("line"), (extra or {}).get("column")
    where = f" (line {line}, column {column})" if line is not None else ""
    return f"{status} {title}: {message}{where}\n".encode(), "text/plain; charset=utf-8"


def render_error(status: int, title: str, message: str, extra: dict[str, object] | None = None,
                 fmt: str | None = None) -> Response:
    """The error response; ``fmt`` ("html", "json", "text") defaults to what a page's client takes."""
    fmt = fmt or error_format()
    if fmt == "html":
        response = Response(render_template("error.html", status=status, title=title, message=message),
                            mimetype="text/html")
    else:
        body, content_type = error_body(fmt, status, title, message, extra)
        response = Response(body, content_type=content_type)
    response.status_code = status
    return response


def register_error_handlers(app: Flask) -> None:
    @app.errorhandler(VdkError)
    def vdk_error(exc: VdkError) -> Response:
        extra: dict[str, object] = {}
        if isinstance(exc, QueryError):
            extra = {"line": exc.line, "column": exc.column}
        elif isinstance(exc, AmbiguousName):  # the choice, so a client can ask again with an IRI
            extra = {"candidates": [{"iri": iri, "label": label} for iri, label in exc.candidates]}
        response = render_error(exc.http_status, type(exc).__name__, str(exc), extra)
        response.headers.update(exc.headers)
        return response

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException) -> Response:
        return render_error(exc.code or 500, exc.name, exc.description or exc.name)
