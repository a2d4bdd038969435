"""A still picture of a map view: an SVG for the home page's first screen, light enough to load at once.

The live map (vis-network) needs its script and a layout pass in the browser;
a visitor's first screen should show the ecosystem before any of that. The
view's server-side positions (:mod:`~vdk_graph.mapview.layout`) are scaled
into a fixed frame, nodes drawn in the map's colours (:mod:`~vdk_graph.mapview.style`),
the strongest links under them and the names of the best-connected few on
top. It carries no script and no link of its own (the page wraps it in one),
so it can sit inside a link without nesting interactive elements.
"""

from __future__ import annotations

from html import escape
from typing import Any

import networkx as nx

from vdk_graph.mapview.style import KINDS, MAX_SIZE, RELATION_STYLES, kind_label
from vdk_graph.mapview.view import MapView

#: The most links drawn (the strongest first): the picture stays small on a big view.
MAX_LINKS = 1500
#: Names written on the picture (the most connected nodes that have room).
NAMED = 10


def svg(view: MapView, *, title: str, description: str, width: int = 960, height: int = 600) -> str:
    """The view's main component as a standalone SVG element (role ``img``, titled and described).

    The live map lays out every piece, scattered islands included; a picture of that is
    mostly empty space, so this one lays out the connected whole that holds most of the
    ecosystem (networkx's spring layout, seeded: the same picture for the same data).
    """
    core = _core(view)
    nodes = [n for n in view.nodes if n["id"] in core]
    if not nodes:
        return ""
    positions = nx.spring_layout(core, seed=7, iterations=120, k=1.6 / max(1, len(core)) ** 0.5)
    margin = MAX_SIZE / 2 + 4
    xs, ys = [float(p[0]) for p in positions.values()], [float(p[1]) for p in positions.values()]
    span_x, span_y = (max(xs) - min(xs)) or 1.0, (max(ys) - min(ys)) or 1.0
    scale_x, scale_y = (width - 2 * margin) / span_x, (height - 2 * margin) / span_y
    at = {n: ((float(p[0]) - min(xs)) * scale_x + margin, (float(p[1]) - min(ys)) * scale_y + margin)
          for n, p in positions.items()}
    radius = {n["id"]: max(2.5, n["size"] * (0.4 if len(nodes) > 200 else 0.55)) for n in nodes}
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
        f'class="map-picture" aria-labelledby="map-picture-title map-picture-desc">',
        f'<title id="map-picture-title">{escape(title)}</title>',
        f'<desc id="map-picture-desc">{escape(description)}</desc>',
        '<g class="links" fill="none" stroke-linecap="round">',
    ]
    edges = sorted(view.edges, key=lambda e: -float(e.get("strength", 1.0)))[:MAX_LINKS]
    for edge in edges:
        a, b = at.get(edge["from"]), at.get(edge["to"])
        if a is None or b is None:
            continue
        style = RELATION_STYLES.get(edge.get("relation", ""), RELATION_STYLES["participant"])
        parts.append(
            f'<line x1="{a[0]:.0f}" y1="{a[1]:.0f}" x2="{b[0]:.0f}" y2="{b[1]:.0f}" '
            f'stroke="{style.colour}" stroke-width="{max(0.6, style.width * 0.6):.1f}" stroke-opacity=".55"/>'
        )
    parts.append('</g><g class="nodes" stroke="#fff" stroke-width="1">')
    for node in sorted(nodes, key=lambda n: n["size"]):  # the big ones on top
        x, y = at[node["id"]]
        colour = KINDS.get(node["kind"], KINDS["organisation"]).colour
        parts.append(f'<circle cx="{x:.0f}" cy="{y:.0f}" r="{radius[node["id"]]:.1f}" fill="{colour}"/>')
    parts.append('</g><g class="names" font-size="19" font-family="system-ui, sans-serif" fill="#1a202c" '
                 'stroke="#fff" stroke-width="4" paint-order="stroke" stroke-linejoin="round">')
    taken: list[tuple[float, float, float, float]] = []
    for node in _named(nodes):
        x, y = at[node["id"]]
        text = _short(node["label"])
        box_width = 10.5 * len(text)
        anchor = "end" if x > width * 0.6 else "start"
        dx = -radius[node["id"]] - 3 if anchor == "end" else radius[node["id"]] + 3
        left = x + dx - (box_width if anchor == "end" else 0)
        box = (left, y - 15, left + box_width, y + 7)
        if any(box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3] for b in taken):
            continue  # a name written over another helps nobody
        taken.append(box)
        parts.append(f'<text x="{x + dx:.0f}" y="{y + 5:.0f}" text-anchor="{anchor}">{escape(text)}</text>')
    parts.append("</g></svg>")
    return "".join(parts)


def poster(view: MapView, *, title: str, source: str, width: int = 1600, height: int = 1000,
           names: int = 30) -> str:
    """The view as drawn on the map (its own positions), with names, a title, the legend and a source line.

    What "download as a picture" gives: a standalone SVG that the browser turns into a PNG at
    twice its size, so it reads in a report or on a slide.
    """
    nodes = view.nodes
    if not nodes:
        return ""
    top, bottom = 70, 90  # room for the title above and the legend and source line below
    margin = MAX_SIZE / 2 + 8
    xs, ys = [float(n["x"]) for n in nodes], [float(n["y"]) for n in nodes]
    span_x, span_y = (max(xs) - min(xs)) or 1.0, (max(ys) - min(ys)) or 1.0
    scale = min((width - 2 * margin) / span_x, (height - top - bottom - 2 * margin) / span_y)
    off_x = (width - span_x * scale) / 2 - min(xs) * scale
    off_y = top + (height - top - bottom - span_y * scale) / 2 - min(ys) * scale
    at = {n["id"]: (float(n["x"]) * scale + off_x, float(n["y"]) * scale + off_y) for n in nodes}
    radius = {n["id"]: max(3.0, float(n["size"]) * 0.5) for n in nodes}
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" '
        f'height="{height}" role="img" aria-label="{escape(title)}" '
        'font-family="DejaVu Sans, Arial, sans-serif">',
        f'<rect width="{width}" height="{height}" fill="#ffffff"/>',
        f'<text x="{margin:.0f}" y="42" font-size="28" font-weight="700" fill="#1a202c">'
        f"{escape(title)}</text>",
        '<g fill="none" stroke-linecap="round">',
    ]
    for edge in view.edges:
        a, b = at.get(edge["from"]), at.get(edge["to"])
        if a is None or b is None:
            continue
        style = RELATION_STYLES.get(edge.get("relation", ""), RELATION_STYLES["participant"])
        dash = f' stroke-dasharray="{",".join(map(str, style.dashes))}"' if style.dashes else ""
        parts.append(f'<line x1="{a[0]:.1f}" y1="{a[1]:.1f}" x2="{b[0]:.1f}" y2="{b[1]:.1f}" '
                     f'stroke="{style.colour}" stroke-width="{style.width:.1f}" stroke-opacity=".6"{dash}/>')
    parts.append('</g><g stroke="#fff" stroke-width="1.5">')
    for node in sorted(nodes, key=lambda n: n["size"]):
        x, y = at[node["id"]]
        colour = KINDS.get(node["kind"], KINDS["organisation"]).colour
        parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{radius[node["id"]]:.1f}" fill="{colour}"/>')
    parts.append('</g><g font-size="15" fill="#1a202c" stroke="#fff" stroke-width="4" paint-order="stroke" '
                 'stroke-linejoin="round">')
    taken: list[tuple[float, float, float, float]] = []
    shown = sorted(nodes, key=lambda n: (-float(n.get("score") or 0), n["label"]))[:names]
    for node in shown:
        x, y = at[node["id"]]
        text = _short(node["label"], 34)
        left, right = x - 4.3 * len(text), x + 4.3 * len(text)
        box = (left, y + radius[node["id"]] + 2, right, y + radius[node["id"]] + 20)
        if any(box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3] for b in taken):
            continue
        taken.append(box)
        parts.append(f'<text x="{x:.1f}" y="{box[3] - 4:.1f}" text-anchor="middle">{escape(text)}</text>')
    parts.append("</g>")
    x, y = margin, height - bottom + 28
    parts.append('<g font-size="15" fill="#3d4756">')
    for item in legend(view, view.query.lang):
        parts.append(f'<circle cx="{x + 7:.0f}" cy="{y - 5:.0f}" r="7" fill="{item["colour"]}"/>'
                     f'<text x="{x + 20:.0f}" y="{y:.0f}">{escape(item["label"])}</text>')
        x += 34 + 8.6 * len(item["label"])
        if x > width - 200:
            x, y = margin, y + 24
    parts.append(f'</g><text x="{margin:.0f}" y="{height - 14}" font-size="14" fill="#5b6473">'
                 f"{escape(source)}</text></svg>")
    return "".join(parts)


def legend(view: MapView, lang: str) -> list[dict[str, Any]]:
    """The kinds the picture shows, in legend order, with their colour and how many it draws."""
    counts: dict[str, int] = {}
    for node in view.nodes:
        counts[node["kind"]] = counts.get(node["kind"], 0) + 1
    return [
        {"kind": kind, "label": kind_label(kind, lang), "colour": style.colour,
         "count": counts[kind]}
        for kind, style in KINDS.items() if kind in counts
    ]


def _core(view: MapView) -> nx.Graph:
    """The largest connected piece of the view, as an undirected graph."""
    graph = nx.Graph()
    graph.add_nodes_from(n["id"] for n in view.nodes)
    graph.add_edges_from((e["from"], e["to"]) for e in view.edges)
    if not graph:
        return graph
    return graph.subgraph(max(nx.connected_components(graph), key=len)).copy()


def _named(nodes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return sorted(nodes, key=lambda n: (-float(n.get("score") or 0), n["label"]))[:NAMED]


def _short(label: str, limit: int = 28) -> str:
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"


__all__ = ["legend", "poster", "svg"]
