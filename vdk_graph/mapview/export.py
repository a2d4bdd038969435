"""The current view for Gephi and friends: GEXF (with colours, sizes and positions) and GraphML, via networkx.

Both carry exactly the nodes and edges the map shows, with their kind,
relation, label and the layout's positions, so Gephi opens the view as it was
on screen and can take the layout further.
"""

from __future__ import annotations

import io

import networkx as nx

from vdk_graph.mapview.view import MapView

MEDIA_TYPES = {"gexf": "application/gexf+xml", "graphml": "application/graphml+xml"}


def _rgb(colour: str) -> dict[str, float]:
    value = colour.lstrip("#")
    return {"r": int(value[0:2], 16), "g": int(value[2:4], 16), "b": int(value[4:6], 16), "a": 1.0}


def to_gexf(view: MapView) -> bytes:
    """GEXF 1.2 with Gephi's viz attributes (colour, size, position)."""
    graph = view.graph()
    for _, data in graph.nodes(data=True):
        data["viz"] = {"color": _rgb(data["colour"]), "size": float(data["size"]),
                       "position": {"x": float(data["x"]), "y": -float(data["y"]), "z": 0.0}}
    out = io.BytesIO()
    nx.write_gexf(graph, out, encoding="utf-8", prettyprint=True, version="1.2draft")
    return out.getvalue()


def to_graphml(view: MapView) -> bytes:
    out = io.BytesIO()
    nx.write_graphml(view.graph(), out, encoding="utf-8", prettyprint=True, named_key_ids=True)
    return out.getvalue()


__all__ = ["MEDIA_TYPES", "to_gexf", "to_graphml"]
