"""One error renderer for HTML and JSON: a VdkError becomes its HTTP status and its message."""

from __future__ import annotations

from flask import Flask, Response, jsonify, render_template, request
from werkzeug.exceptions import HTTPException

from vdk_graph.errors import AmbiguousName, QueryError, VdkError


def wants_json() -> bool:
    if request.path.endswith(".json"):
        return True
    best = request.accept_mimetypes.best_match(["text/html", "application/json"])
    return best == "application/json"


def render_error(status: int, title: str, message: str, extra: dict[str, object] | None = None) -> Response:
    if wants_json():
        body: dict[str, object] = {"error": title, "message": message, "status": status}
        body.update(extra or {})
        response = jsonify(body)
    else:
        page = render_template("error.html", status=status, title=title, message=message)
        response = Response(page, mimetype="text/html")
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
