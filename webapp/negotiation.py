"""Content negotiation: the one place the web app reads the ``Accept`` header.

Linked Data practice, as the entity pages have always done it: a browser gets
HTML; ``Accept: text/turtle`` (JSON-LD, N-Triples, RDF/XML) the statements;
``application/json`` the page's JSON twin; a suffix (``.ttl``, ``.jsonld``,
``.nt``, ``.rdf``, ``.json``) chooses without headers. HTML wins ties, since
browsers send ``*/*`` too. Errors (:func:`error_format`, :func:`endpoint_error_format`,
:func:`wsgi_error_format` for the page deadline, outside any request)
and the endpoint's "is this a browser?" (:func:`prefers`) are decided here too.
The SPARQL endpoint's *answers* have their own, protocol-driven negotiation
(``vdk_graph.endpoint.protocol``): their formats are result formats.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from flask import request

from vdk_graph.results import GRAPH_FORMATS

#: Suffix → format name.
SUFFIXES = {".ttl": "turtle", ".jsonld": "jsonld", ".nt": "nt", ".rdf": "rdfxml", ".json": "json"}
#: Media type → RDF format name.
MEDIA = {media: name for name, (media, _) in GRAPH_FORMATS.items()}
#: The RDF versions a page links to: (format, suffix, name for people).
ALTERNATES = (("turtle", ".ttl", "Turtle"), ("jsonld", ".jsonld", "JSON-LD"), ("nt", ".nt", "N-Triples"),
              ("rdfxml", ".rdf", "RDF/XML"))


def split_suffix(path: str) -> tuple[str, str | None]:
    """``organisation/x.ttl`` → (``organisation/x``, ``turtle``); no known suffix → (path, None)."""
    for suffix, name in SUFFIXES.items():
        if path.endswith(suffix):
            return path[: -len(suffix)], name
    return path, None


#: What a SPARQL client that reads errors as JSON asks for (the workbench sends the second).
JSON_ANSWERS = ("application/json", "application/sparql-results+json")


def preferred(offered: Sequence[str]) -> str | None:
    """The media type of ``offered`` the request rates best: quality, then specificity, then order."""
    return request.accept_mimetypes.best_match(offered)


def prefers(media: str, over: Iterable[str]) -> bool:
    """Whether the request's Accept header rates ``media`` strictly above each of ``over``."""
    accept = request.accept_mimetypes
    return all(accept[media] > accept[other] for other in over)


def negotiate(json: bool = True) -> str:
    """``html``, ``json`` (if offered) or an RDF format name, from the request's Accept header."""
    best = preferred(["text/html", *(["application/json"] if json else []), *MEDIA])
    if not best or best == "text/html" or not prefers(best, over=("text/html",)):
        return "html"
    return "json" if best == "application/json" else MEDIA[best]


def error_format() -> str:
    """How a page answers an error: ``json`` on a ``.json`` path or to a client preferring it; one line of
    ``text`` on a ``.csv`` path (a spreadsheet or a script reading a table, not a browser); else HTML."""
    if request.path.endswith(".json") or preferred(["text/html", "application/json"]) == "application/json":
        return "json"
    if request.path.endswith(".csv"):
        return "text"
    return "html"


def wsgi_error_format(path: str, accept: str | None) -> str:
    """How an answer made outside any request (the page deadline's 503) is written: ``json`` on a ``.json``
    path or when the client's first choice is a JSON type (JSON-LD included), else ``text``."""
    if path.endswith(".json") or "json" in (accept or "").split(",")[0]:
        return "json"
    return "text"


def endpoint_error_format() -> str:
    """How ``/sparql`` answers an error: HTML to a browser, text to a client preferring it, else JSON."""
    if prefers("text/html", over=JSON_ANSWERS):
        return "html"
    if prefers("text/plain", over=JSON_ANSWERS):
        return "text"
    return "json"


def link_header(base_url: str) -> str:
    """The ``Link`` header naming the RDF versions of a resource at ``base_url``."""
    return ", ".join(
        f'<{base_url}{suffix}>; rel="alternate"; type="{GRAPH_FORMATS[name][0]}"'
        for name, suffix, _ in ALTERNATES
    )
