"""Entity pages: every IRI minted under the base is served at /id/…, as HTML or as RDF."""

from __future__ import annotations

from flask import Blueprint, Response, abort, render_template, request

from vdk_graph import entity
from vdk_graph.results import GRAPH_FORMATS, write_graph
from webapp.state import settings, store

bp = Blueprint("entity", __name__)

SUFFIXES = {".ttl": "turtle", ".jsonld": "jsonld", ".nt": "nt", ".rdf": "rdfxml"}
MEDIA = {media: name for name, (media, _) in GRAPH_FORMATS.items()}


@bp.get("/id/<path:key>")
def show(key: str) -> Response | str:
    fmt = None
    for suffix, name in SUFFIXES.items():
        if key.endswith(suffix):
            key, fmt = key[: -len(suffix)], name
            break
    iri = settings().base_iri + key
    if fmt is None:
        best = request.accept_mimetypes.best_match(["text/html", *MEDIA])
        if best and best != "text/html" and request.accept_mimetypes[best] > request.accept_mimetypes["text/html"]:
            fmt = MEDIA[best]
    if fmt:
        result = entity.describe_rdf(store(), iri)
        body = write_graph(result, fmt)
        if body.strip() in (b"", b"[]"):
            abort(404, description=f"no entity <{iri}> in the graph")
        return Response(body, mimetype=GRAPH_FORMATS[fmt][0], headers={"Vary": "Accept"})
    found = entity.describe(store(), iri)
    if found is None:
        abort(404, description=f"no entity <{iri}> in the graph")
    response = Response(render_template("entity.html", e=found, base=settings().base_iri), mimetype="text/html")
    response.headers["Vary"] = "Accept"
    return response
