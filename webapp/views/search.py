"""Search by name: /search?q=… (HTML) and /search.json?q=… (its JSON twin), with kind facets.

The work is :func:`vdk_graph.search.search`; this view reads the query string,
the ``kind`` facet and the page number, and renders.
"""

from __future__ import annotations

import re

from flask import Blueprint, Response, jsonify, render_template, request

from vdk_graph import search as searching
from vdk_graph.errors import VdkError
from vdk_graph.texts import Texts
from webapp.filters import href
from webapp.i18n import current_lang, register_strings
from webapp.pages import with_twins
from webapp.params import accepts
from webapp.state import settings, store

bp = Blueprint("search", __name__)
NAV = (30, "Search", "Søg", "search.index")

PER_PAGE = 20
MAX_QUERY = 200
_KIND = re.compile(r"[A-Za-z]{1,60}")


def _result() -> searching.SearchResult | None:
    query = request.args.get("q", "").strip()[:MAX_QUERY]
    kind = request.args.get("kind") or None
    if kind is not None and not _KIND.fullmatch(kind):
        raise VdkError(f"kind must be the name of a class such as Company or Project, not {kind!r}")
    try:
        page = max(1, int(request.args.get("page", "1")))
    except ValueError:
        raise VdkError("page must be a whole number, such as 2") from None
    if not query:
        return None
    return searching.search(store(), query, settings().base_iri, kind=kind, lang=current_lang(),
                            limit=PER_PAGE, offset=(page - 1) * PER_PAGE)


@with_twins(bp, "/search", "json")
@accepts("q", "kind", "page")
def index(fmt: str) -> Response:
    result = _result()
    if fmt == "json":
        if result is None:
            return jsonify({"query": "", "total": 0, "hits": [], "facets": []})
        data = result.as_dict()
        for hit in data["hits"]:  # type: ignore[attr-defined]
            hit["page"] = href(hit["iri"])
        return jsonify(data)
    pages = -(-result.total // PER_PAGE) if result else 0
    html = render_template("search.html", result=result, q=request.args.get("q", "").strip()[:MAX_QUERY],
                           kind=request.args.get("kind"), per_page=PER_PAGE, pages=pages)
    return Response(html, mimetype="text/html")


register_strings(Texts((
    ("title", "Search", "Søg"),
    ("intro",
     "Find organisations, projects, programmes, people, places and topics by name, alias or acronym. Typos "
     "are forgiven, and Danish letters may be spelt out (Aarhus, Vaekstfonden).",
     "Find organisationer, projekter, programmer, personer, steder og emner efter navn, alias eller "
     "akronym. Stavefejl tilgives, og danske bogstaver kan skrives ud (Aarhus, Vaekstfonden)."),
    ("results", "{n} results for “{q}”", "{n} resultater for “{q}”"),
    ("results.one", "1 result for “{q}”", "1 resultat for “{q}”"),
    ("none", "Nothing found for “{q}”. Try part of the name, or another spelling.",
     "Intet fundet for “{q}”. Prøv en del af navnet eller en anden stavemåde."),
    ("kinds", "Kinds", "Arter"),
    ("all", "All kinds", "Alle arter"),
    ("matched", "found as “{name}”", "fundet som “{name}”"),
    ("how.exact", "exact name", "præcist navn"),
    ("how.prefix", "name begins so", "navnet begynder sådan"),
    ("how.words", "words match", "ordene passer"),
    ("how.fuzzy", "similar spelling", "lignende stavemåde"),
    ("prev", "Previous", "Forrige"),
    ("next", "Next", "Næste"),
    ("page", "Page {n} of {of}", "Side {n} af {of}"),
), prefix="search."))
