"""The offline map: one HTML file that opens from disk and loads nothing (``vdk-graph map --out``).

The library's share of it: the view's data, vis-network (from the installed pyvis)
and the map's own script and styles inlined, and the Content-Security-Policy that
allows exactly those inlined scripts and styles, by hash, and no network at all:
opened from disk the file cannot reach out, and data in it cannot run. The page's
markup is the web app's template (``map_standalone.html``, with the pieces it
shares with ``/map``), filled from an :class:`OfflineMap` by
:func:`webapp.offline_map.render_offline_map` — the same function for the command
and for ``/map/standalone.html``, with no Flask app in between.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from vdk_graph.mapview.assets import inline_script, vis_text
from vdk_graph.mapview.data import map_data
from vdk_graph.mapview.query import MapQuery
from vdk_graph.store.base import Store


@dataclass(frozen=True)
class OfflineMap:
    """What the offline page holds: the view's data, the inlined scripts and styles, and its policy."""

    query: MapQuery
    data: dict[str, Any]
    scripts: list[str]
    styles: list[str]
    csp: str
    #: The day the file was made (it says so, since it never updates).
    made: str


def offline_map(store: Store, query: MapQuery, *, script: str, styles: Sequence[str]) -> OfflineMap:
    """The offline view ``query`` of the store, with the map's ``script`` and ``styles`` (their text)."""
    scripts = [inline_script(vis_text("js")), inline_script(script)]
    inlined = [vis_text("css"), *styles]
    script_src = " ".join(_hash(s) for s in scripts)
    style_src = " ".join(_hash(s) for s in inlined)
    csp = ("default-src 'none'; img-src data: blob:; base-uri 'none'; form-action 'none'; "
           f"script-src {script_src}; style-src {style_src}")
    return OfflineMap(query, map_data(store, query), scripts, inlined, csp, dt.date.today().isoformat())


def _hash(text: str) -> str:
    """The CSP source that allows exactly this inline script or style."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


__all__ = ["OfflineMap", "offline_map"]
