"""The network map: /map (the page), its JSON twin, a table, an embed, exports, and vis-network from pyvis.

Thin: every route reads the view from the query string
(:meth:`vdk_graph.mapview.MapQuery.from_args`), asks :mod:`vdk_graph.mapview`
for it and renders. The page draws with ``static/dist/map.js``, bundled from
``frontend/src/map/`` (no inline script: the data it needs sits in
``<script type="application/json">`` blocks);
vis-network's files are served from the installed pyvis package, so nothing is
loaded from the internet. ``standalone_html`` is the offline file of
``vdk-graph map --out``.
"""

from __future__ import annotations

import base64
import datetime as dt
import gzip
import hashlib
import json
import threading
from typing import Any
from urllib.parse import urlencode

from flask import Blueprint, Flask, Response, current_app, render_template, request, url_for

from vdk_graph import mapview
from vdk_graph.errors import NotFound
from vdk_graph.mapview import export
from vdk_graph.mapview import picture as mapview_picture
from vdk_graph.mapview.assets import VIS_VERSION, inline_script, script_json, vis_path, vis_text
from vdk_graph.network import RELATIONS, ecosystem
from webapp.i18n import current_lang, register_strings, t
from webapp.map_strings import MAP_STRINGS, SCRIPT_KEYS
from webapp.params import accepts
from webapp.state import settings, store

bp = Blueprint("map", __name__)
NAV = (10, "Map", "Kort", "map.index")
register_strings(*MAP_STRINGS)

MAX_FOUND = 10
YEAR_MAX = 31_536_000
#: Encoded data.json bodies kept (per data version and view).
BODIES = 32
_bodies: dict[tuple[Any, ...], bytes] = {}
_bodies_lock = threading.Lock()


#: The query string of a map view (MapQuery.from_args reads these).
MAP_PARAMS = ("kind", "topic", "programme", "region", "from", "to", "focus", "hops", "max", "size")


def _query(**overrides: Any) -> mapview.MapQuery:
    query = mapview.MapQuery.from_args(request.args, lang=current_lang())
    return query.with_(**overrides) if overrides else query


def _args(query: mapview.MapQuery, **extra: str) -> str:
    args = query.to_args()
    args += list(extra.items())
    return urlencode(args)


def _workbench() -> str:
    """Where "run it" sends the SPARQL: the workbench at /query when the app has one, else the endpoint."""
    for rule in current_app.url_map.iter_rules():
        if rule.rule == "/query" and "GET" in (rule.methods or ()):
            return "/query?q="
    return url_for("sparql.query") + "?query=" if "sparql.query" in current_app.view_functions else ""


def _config(query: mapview.MapQuery, *, static: bool = False, embed: bool = False) -> dict[str, Any]:
    """What map.js needs besides the data: strings in the page's language, URLs, and the view's arguments."""
    base = settings().base_iri
    return {
        "lang": query.lang,
        "static": static,
        "embed": embed,
        "strings": {key: t(f"map.{key}") for key in SCRIPT_KEYS},
        "base": base,
        "pages": base if static else "/id/",
        "urls": {} if static else {
            "page": url_for("map.index"), "data": url_for("map.data"), "find": url_for("map.find"),
            "table": url_for("map.table"), "embed": url_for("map.embed"), "gexf": url_for("map.export_gexf"),
            "graphml": url_for("map.export_graphml"), "standalone": url_for("map.standalone"),
            "svg": url_for("map.picture"), "xlsx": url_for("map.export_xlsx"),
            "nodes": url_for("map.export_table", part="nodes"),
            "edges": url_for("map.export_table", part="edges"),
            "sparql": _workbench(),
        },
        "default_kinds": list(mapview.DEFAULT_KINDS),
    }


def _focus_label(query: mapview.MapQuery) -> str | None:
    eco = ecosystem(store())
    if query.focus and query.focus in eco.graph:
        return eco.label(query.focus, query.lang)
    return query.focus


def _page(template: str, query: mapview.MapQuery, **context: Any) -> Response:
    eco = ecosystem(store())
    html = render_template(template, query=query, facets=mapview.facets(eco, query.lang),
                           config_json=script_json(_config(query, embed=template == "map_embed.html")),
                           kinds=mapview.DEFAULT_KINDS, relations=RELATIONS, size_by=mapview.SIZE_BY,
                           max_choices=(250, 500, 1000, 2000, 5000), args=_args(query),
                           vis_css=url_for("map.vendor", version=VIS_VERSION, name="vis-network.css"),
                           vis_js=url_for("map.vendor", version=VIS_VERSION, name="vis-network.min.js"),
                           focus_label=_focus_label(query), **context)
    return Response(html, mimetype="text/html")


@bp.get("/map")
@accepts(*MAP_PARAMS)
def index() -> Response:
    return _page("map.html", _query())


@bp.get("/map/embed")
@accepts(*MAP_PARAMS)
def embed() -> Response:
    return _page("map_embed.html", _query())


@bp.get("/map/data.json")
@accepts(*MAP_PARAMS)
def data() -> Response:
    """The view as JSON (gzip when the client takes it: a thousand nodes are a couple of megabytes of text).

    The encoded bodies of recent views are kept per data version, so a popular
    view costs one dictionary look-up.
    """
    query = _query()
    zipped = "gzip" in request.headers.get("Accept-Encoding", "")
    key = (id(store()), ecosystem(store()).version, query.key(), zipped)
    body = _bodies.get(key)
    if body is None:
        data = mapview.map_data(store(), query)
        body = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()
        if zipped:
            body = gzip.compress(body, compresslevel=5)
        with _bodies_lock:
            _bodies[key] = body
            while len(_bodies) > BODIES:
                _bodies.pop(next(iter(_bodies)))
    response = Response(body, mimetype="application/json")
    if zipped:
        response.headers["Content-Encoding"] = "gzip"
    response.headers["Vary"] = "Accept-Encoding, Cookie, Accept-Language"
    return response


@bp.get("/map/find.json")
@accepts("q")
def find() -> Response:
    text = request.args.get("q", "")[:200]
    hits = mapview.find_nodes(ecosystem(store()), text, current_lang(), MAX_FOUND)
    return _json({"query": text, "hits": hits})


@bp.get("/map/table")
@accepts(*MAP_PARAMS)
def table() -> Response:
    query = _query()
    view = mapview.map_view(ecosystem(store()), query)
    labels = {n["id"]: n["label"] for n in view.nodes}
    html = render_template("map_table.html", query=query, view=view, labels=labels, args=_args(query),
                           kinds=mapview.DEFAULT_KINDS)
    return Response(html, mimetype="text/html")


def _export(fmt: str) -> Response:
    query = _query()
    view = mapview.map_view(ecosystem(store()), query)
    body = mapview.to_gexf(view) if fmt == "gexf" else mapview.to_graphml(view)
    response = Response(body, mimetype=mapview.MEDIA_TYPES[fmt])
    response.headers["Content-Disposition"] = f'attachment; filename="vdk-map.{fmt}"'
    return response


@bp.get("/map/export.gexf")
@accepts(*MAP_PARAMS)
def export_gexf() -> Response:
    return _export("gexf")


@bp.get("/map/export.graphml")
@accepts(*MAP_PARAMS)
def export_graphml() -> Response:
    return _export("graphml")


@bp.get("/map/export.<any('nodes', 'edges'):part>.csv")
@accepts(*MAP_PARAMS, "bom")
def export_table(part: str) -> Response:
    """The view's nodes or links as a table (the columns Kumu, Graph Commons and Flourish read)."""
    view = mapview.map_view(ecosystem(store()), _query())
    nodes, edges = export.tables(view)
    rows, columns = (nodes, export.NODE_COLUMNS) if part == "nodes" else (edges, export.EDGE_COLUMNS)
    body = export.to_csv(rows, columns)
    response = Response(body, mimetype="text/csv")
    response.headers["Content-Disposition"] = f'attachment; filename="vdk-map-{part}.csv"'
    return response


@bp.get("/map/export.xlsx")
@accepts(*MAP_PARAMS)
def export_xlsx() -> Response:
    view = mapview.map_view(ecosystem(store()), _query())
    response = Response(export.to_xlsx(view), mimetype=export.MEDIA_TYPES["xlsx"])
    response.headers["Content-Disposition"] = 'attachment; filename="vdk-map.xlsx"'
    return response


@bp.get("/map/picture.svg")
@accepts(*MAP_PARAMS)
def picture() -> Response:
    """The view as a picture with names, legend, title and source line (the PNG download draws it at 2×)."""
    view = mapview.map_view(ecosystem(store()), _query())
    source = t("map.picture.source", url=request.host_url.rstrip("/") + url_for("map.index"),
               date=dt.date.today().isoformat())
    body = mapview_picture.poster(view, title=t("map.picture.title"), source=source)
    response = Response(body, mimetype="image/svg+xml")
    response.headers["Content-Disposition"] = 'inline; filename="vdk-map.svg"'
    return response


@bp.get("/map/standalone.html")
@accepts(*MAP_PARAMS)
def standalone() -> Response:
    response = Response(render_standalone(_query()), mimetype="text/html")
    response.headers["Content-Disposition"] = 'attachment; filename="vdk-map.html"'
    return response


@bp.get("/vendor/vis-network/<version>/<name>")
@accepts()
def vendor(version: str, name: str) -> Response:
    """vis-network's JavaScript and CSS, read from the installed pyvis package (cached for a year)."""
    kinds = {"vis-network.min.js": "js", "vis-network.css": "css"}
    if version != VIS_VERSION or name not in kinds:
        raise NotFound(f"no vendor file {version}/{name}; this app serves vis-network {VIS_VERSION}")
    path = vis_path(kinds[name])
    response = Response(path.read_bytes(),
                        mimetype="text/javascript" if kinds[name] == "js" else "text/css")
    response.headers["Cache-Control"] = f"public, max-age={YEAR_MAX}, immutable"
    return response


def _json(data: Any) -> Response:
    return Response(json.dumps(data, ensure_ascii=False), mimetype="application/json")


# --------------------------------------------------------------------------- the offline file


def _static_text(name: str) -> str:
    path = current_app.static_folder
    assert path is not None
    with open(f"{path}/{name}", encoding="utf-8") as handle:
        return handle.read()


def _hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def render_standalone(query: mapview.MapQuery) -> str:
    """One HTML file with vis-network, our script and style and the view's data inlined; it loads nothing.

    Its Content-Security-Policy (a meta tag) allows exactly the inlined scripts
    and styles, by hash, and no network at all: opened from disk it cannot
    reach out, and data in it cannot run.
    """
    data = mapview.map_data(store(), query)
    scripts = [inline_script(vis_text("js")), inline_script(_static_text("dist/map.js"))]
    styles = [vis_text("css"), _static_text("style.css"), _static_text("map.css")]
    script_src = " ".join(_hash(s) for s in scripts)
    style_src = " ".join(_hash(s) for s in styles)
    csp = ("default-src 'none'; img-src data: blob:; base-uri 'none'; form-action 'none'; "
           f"script-src {script_src}; style-src {style_src}")
    return render_template(
        "map_standalone.html", query=query, csp=csp, scripts=scripts, styles=styles,
        data_json=script_json(data), config_json=script_json(_config(query, static=True)),
        made=dt.date.today().isoformat(), facets=data["facets"], relations=RELATIONS)


def standalone_html(app: Flask, args: list[tuple[str, str]]) -> str:
    """The offline file for a view given as query-string pairs (what ``vdk-graph map --out`` writes)."""
    with app.test_request_context("/map/standalone.html", query_string=args):
        return render_standalone(_query())


__all__ = ["bp", "render_standalone", "standalone_html"]
