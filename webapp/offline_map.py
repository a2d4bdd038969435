"""The offline map file, rendered without a Flask app: ``vdk-graph map --out`` and ``/map/standalone.html``.

:func:`vdk_graph.mapview.offline.offline_map` gives the data, the inlined assets and the
Content-Security-Policy; this fills the page's template (``map_standalone.html`` and the
pieces it shares with ``/map``) with them, in a plain Jinja environment over this
package's templates, with the map's strings in the view's language and its script and
styles read from this package's static files (``static/dist/map.js``, bundled by
``frontend/``). The command writes a file without building the app; the web view
calls the same function.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape

from vdk_graph.mapview.assets import script_json
from vdk_graph.mapview.offline import offline_map
from vdk_graph.mapview.query import DEFAULT_KINDS, MapQuery
from vdk_graph.network import RELATIONS
from vdk_graph.store.base import Store
from webapp.i18n import register_strings, t
from webapp.map_strings import MAP_STRINGS, SCRIPT_KEYS

HERE = Path(__file__).parent
register_strings(*MAP_STRINGS)


def script_config(query: MapQuery, base: str, *, urls: dict[str, str] | None = None,
                  embed: bool = False) -> dict[str, Any]:
    """What map.js needs besides the data: strings in the view's language, URLs (none offline), the view."""
    static = urls is None
    return {
        "lang": query.lang,
        "static": static,
        "embed": embed,
        "strings": {key: t(f"map.{key}", lang=query.lang) for key in SCRIPT_KEYS},
        "base": base,
        "pages": base if static else "/id/",
        "urls": urls or {},
        "default_kinds": list(DEFAULT_KINDS),
    }


def render_offline_map(store: Store, query: MapQuery, base: str) -> str:
    """One HTML file with vis-network, the map's script and style and the view's data inlined."""
    page = offline_map(store, query, script=_static("dist/map.js"),
                       styles=[_static("style.css"), _static("map.css")])
    env = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=select_autoescape(["html"]))
    env.globals["t"] = lambda key, default=None, **values: t(key, default, lang=query.lang, **values)
    return env.get_template("map_standalone.html").render(
        query=query, csp=page.csp, scripts=page.scripts, styles=page.styles,
        data_json=script_json(page.data), config_json=script_json(script_config(query, base)),
        made=page.made, facets=page.data["facets"], relations=RELATIONS,
    )


def _static(name: str) -> str:
    return (HERE / "static" / name).read_text(encoding="utf-8")


__all__ = ["render_offline_map", "script_config"]
