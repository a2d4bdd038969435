"""Entity pages: every IRI minted under the base is served at /id/…, as HTML, as JSON, or as RDF.

Content negotiation follows Linked Data practice: browsers get the grouped HTML
page; ``Accept: text/turtle`` (JSON-LD, N-Triples, RDF/XML) gets the entity's
statements; ``application/json`` gets the JSON twin of the HTML page. Suffixes
(``.ttl``, ``.jsonld``, ``.nt``, ``.rdf``, ``.json``) choose without headers.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, current_app, jsonify, render_template, url_for

from vdk_graph import entity, network
from vdk_graph.entity.focus import FocusMap, column_layout, focus_map
from vdk_graph.errors import NotFound
from vdk_graph.results import GRAPH_FORMATS, write_graph
from webapp.entity_strings import ENTITY_STRINGS
from webapp.filters import href
from webapp.i18n import current_lang, register_strings, t
from webapp.negotiation import ALTERNATES, link_header, negotiate, split_suffix
from webapp.params import accepts
from webapp.state import settings, store

bp = Blueprint("entity", __name__)

LINKS = ALTERNATES


def _not_found(iri: str) -> NotFound:
    return NotFound(t("entity.not_found", iri=iri))


@bp.get("/id/<path:key>")
@accepts()
def show(key: str) -> Response:
    key, fmt = split_suffix(key)
    iri = settings().base_iri + key
    fmt = fmt or negotiate()
    if fmt in GRAPH_FORMATS:
        if not entity.exists(store(), iri):
            raise _not_found(iri)
        body = write_graph(entity.describe_rdf(store(), iri), fmt)
        response = Response(body, mimetype=GRAPH_FORMATS[fmt][0])
    else:
        page = entity.describe(store(), iri, current_lang(), settings().base_iri)
        if page is None:
            raise _not_found(iri)
        if fmt == "json":
            response = jsonify(_json(page))
        else:
            focus = _focus(iri)
            html = render_template("entity.html", e=page, focus=focus, map_url=_map_url(iri),
                                   focus_narrow=column_layout(focus) if focus else None,
                                   links=LINKS, sources={s.number: s for s in page.sources})
            response = Response(html, mimetype="text/html")
            response.headers["Link"] = link_header(href(iri))
    response.headers["Vary"] = "Accept"
    return response


def _json(page: entity.EntityPage) -> dict[str, Any]:
    """The grouped page as data, with the group and column titles in the page's language."""
    data = page.as_json()
    data["lang"] = current_lang()
    for group in data["groups"]:
        group["title"] = t(f"entity.group.{group['key']}")
        group["column_titles"] = [t(f"entity.col.{c}") for c in group["columns"]]
        if "note" in group:
            group["note_text"] = t(f"entity.note.{group['note']}")
    return data


def _focus(iri: str) -> FocusMap | None:
    lang = current_lang()
    eco = network.ecosystem(store())
    return focus_map(eco, iri, lang, labels=lambda iris: entity.labels(store(), iris, lang))


def _map_url(iri: str) -> str | None:
    """The full map focused on this entity, when the app has a map page."""
    if "map.index" not in current_app.view_functions:
        return None
    return url_for("map.index", focus=iri, hops=1)


register_strings(*ENTITY_STRINGS)
