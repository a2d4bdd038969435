"""The current view for other tools: Gephi (GEXF, GraphML), Kumu, Graph Commons and Flourish (tables).

* **GEXF** (Gephi) with colours, sizes, positions and **time spells**: a node
  is drawn from the first year it is active to the last (``start``/``end``), a
  link from the year it appears, so Gephi's timeline plays the ecosystem's
  growth. What is not known is left out (Gephi read ``0`` as the year 0).
* **GraphML**, the same graph for yEd, Cytoscape and networkx.
* **Tables**: one of nodes and one of links, as CSV or one XLSX workbook with
  both sheets. Their column names are the ones those tools look for:
  Kumu's *Elements* (``Label``, ``Type``) and *Connections* (``From``, ``To``,
  ``Type``), Graph Commons' (``Node Type``/``Name``; ``From Name``, ``Edge``,
  ``To Name``), Flourish's network template (``ID``; ``Source``, ``Target``,
  ``Value``). Each names its nodes by label and by IRI.
"""

from __future__ import annotations

import csv
import io
from typing import Any

import networkx as nx

from vdk_graph.mapview.style import KINDS, kind_label, relation_label
from vdk_graph.mapview.view import MapView
from vdk_graph.results import spreadsheet_cell

MEDIA_TYPES = {
    "gexf": "application/gexf+xml",
    "graphml": "application/graphml+xml",
    "csv": "text/csv",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
NODE_COLUMNS = ("ID", "Label", "Type", "Node Type", "Name", "Region", "City", "First year", "Last year",
                "Links", "Size", "Colour")
EDGE_COLUMNS = ("From", "To", "Type", "Edge", "From Name", "To Name", "Source", "Target", "Value",
                "From ID", "To ID", "Year")


def _rgb(colour: str) -> dict[str, float]:
    value = colour.lstrip("#")
    return {"r": int(value[0:2], 16), "g": int(value[2:4], 16), "b": int(value[4:6], 16), "a": 1.0}


def to_gexf(view: MapView) -> bytes:
    """GEXF 1.2 with Gephi's viz attributes (colour, size, position) and time spells in years."""
    graph = view.graph()
    dynamic = False
    appears = {n["id"]: n.get("appears") for n in view.nodes}
    for node, data in graph.nodes(data=True):
        data["viz"] = {"color": _rgb(data["colour"]), "size": float(data["size"]),
                       "position": {"x": float(data["x"]), "y": -float(data["y"]), "z": 0.0}}
        start = data.get("first_year") or appears.get(node)
        if start:  # from its first year (or its first link's); to its last, when one is known
            data["start"] = int(start)
            if data.get("last_year"):
                data["end"] = int(data["last_year"])
            dynamic = True
    years = {edge_key(e): e.get("year") for e in view.edges}
    for a, b, key, data in graph.edges(keys=True, data=True):
        year = years.get((a, b, key))
        if year:
            data["start"] = int(year)
            dynamic = True
    if dynamic:
        graph.graph["mode"] = "dynamic"
        graph.graph["timeformat"] = "integer"  # years
    out = io.BytesIO()
    nx.write_gexf(graph, out, encoding="utf-8", prettyprint=True, version="1.2draft")
    return out.getvalue()


def edge_key(edge: dict[str, Any]) -> tuple[str, str, str]:
    return edge["from"], edge["to"], edge["relation"]


def to_graphml(view: MapView) -> bytes:
    out = io.BytesIO()
    nx.write_graphml(view.graph(), out, encoding="utf-8", prettyprint=True, named_key_ids=True)
    return out.getvalue()


def tables(view: MapView) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    """The view's nodes and links as rows of :data:`NODE_COLUMNS` and :data:`EDGE_COLUMNS`."""
    lang = view.query.lang
    labels = {n["id"]: n["label"] for n in view.nodes}
    nodes = []
    for n in view.nodes:
        kind = kind_label(n["kind"], lang)
        nodes.append((n["id"], n["label"], kind, kind, n["label"], n.get("region") or "", n.get("city") or "",
                      n.get("first_year") or "", n.get("last_year") or "", n.get("links", n.get("degree", 0)),
                      round(float(n["size"]), 1), KINDS.get(n["kind"], KINDS["organisation"]).colour))
    edges = []
    for e in view.edges:
        a, b = labels.get(e["from"], e["from"]), labels.get(e["to"], e["to"])
        relation = relation_label(e["relation"], lang)
        edges.append((a, b, relation, relation, a, b, e["from"], e["to"], e.get("strength", 1),
                      e["from"], e["to"], e.get("year") or ""))
    return nodes, edges


def to_csv(rows: list[tuple[Any, ...]], columns: tuple[str, ...]) -> bytes:
    """One table as CSV (cells that a spreadsheet would run as formulas neutralised, as everywhere)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    writer.writerows([spreadsheet_cell(str(v)) if isinstance(v, str) else v for v in row] for row in rows)
    return out.getvalue().encode("utf-8")


def to_xlsx(view: MapView) -> bytes:
    """One workbook, two sheets: *Elements* (nodes) and *Connections* (links), as Kumu imports them."""
    from openpyxl import Workbook

    nodes, edges = tables(view)
    book = Workbook(write_only=True)
    for title, columns, rows in (("Elements", NODE_COLUMNS, nodes), ("Connections", EDGE_COLUMNS, edges)):
        sheet = book.create_sheet(title)
        sheet.append(list(columns))
        for row in rows:
            sheet.append([spreadsheet_cell(v) if isinstance(v, str) else v for v in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


__all__ = [
    "EDGE_COLUMNS", "MEDIA_TYPES", "NODE_COLUMNS", "tables", "to_csv", "to_gexf", "to_graphml", "to_xlsx",
]
