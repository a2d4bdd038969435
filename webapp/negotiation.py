"""Content negotiation for resources that are both a page and data: one helper for every such route.

Linked Data practice, as the entity pages have always done it: a browser gets
HTML; ``Accept: text/turtle`` (JSON-LD, N-Triples, RDF/XML) the statements;
``application/json`` the page's JSON twin; a suffix (``.ttl``, ``.jsonld``,
``.nt``, ``.rdf``, ``.json``) chooses without headers. HTML wins ties, since
browsers send ``*/*`` too. The SPARQL endpoint has its own, protocol-driven
negotiation (``vdk_graph.endpoint.protocol``): its formats are result formats.
"""

from __future__ import annotations

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


def negotiate(json: bool = True) -> str:
    """``html``, ``json`` (if offered) or an RDF format name, from the request's Accept header."""
    accept = request.accept_mimetypes
    offered = ["text/html", *(["application/json"] if json else []), *MEDIA]
    best = accept.best_match(offered)
    if not best or best == "text/html" or accept[best] <= accept["text/html"]:
        return "html"
    return "json" if best == "application/json" else MEDIA[best]


def link_header(base_url: str) -> str:
    """The ``Link`` header naming the RDF versions of a resource at ``base_url``."""
    return ", ".join(
        f'<{base_url}{suffix}>; rel="alternate"; type="{GRAPH_FORMATS[name][0]}"'
        for name, suffix, _ in ALTERNATES
    )
