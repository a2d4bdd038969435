"""The network map: what the /map page, its JSON twin, the exports and ``vdk-graph map`` show.

From :func:`vdk_graph.network.ecosystem` (the typed networkx projection of the
store) a :class:`MapQuery` — kinds, topic, programme, region, years, focus and
hops, size measure, node limit, language — becomes a :class:`MapView`:
vis-network nodes and edges built with pyvis, positions laid out on the
server, legend and totals. The package, by concern:

* :mod:`~vdk_graph.mapview.query` — the parameters, read from and written to URLs;
* :mod:`~vdk_graph.mapview.select` — filters, focus, top N, edge thinning;
* :mod:`~vdk_graph.mapview.layout` — positions (networkx);
* :mod:`~vdk_graph.mapview.style` — colours, shapes, dashes and their names;
* :mod:`~vdk_graph.mapview.view` — the JSON the page receives (pyvis), cached per data version;
* :mod:`~vdk_graph.mapview.choices` — the choices the controls offer;
* :mod:`~vdk_graph.mapview.find` — names to nodes, for the search box;
* :mod:`~vdk_graph.mapview.sparql` — the SPARQL behind a view;
* :mod:`~vdk_graph.mapview.export` — GEXF and GraphML;
* :mod:`~vdk_graph.mapview.assets` — vis-network's files from the installed pyvis, and safe inline JSON;
* :mod:`~vdk_graph.mapview.picture` — still pictures of a view (the home page's, the PNG download's);
* :mod:`~vdk_graph.mapview.data` — a view's JSON with its facets and SPARQL (what /map/data.json sends);
* :mod:`~vdk_graph.mapview.offline` — the offline file's data, inlined assets and Content-Security-Policy.

Names load on first use (:mod:`vdk_graph.lazy`), so ``MapQuery`` does not import networkx.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from vdk_graph.lazy import exports

if TYPE_CHECKING:
    from vdk_graph.mapview.choices import facets
    from vdk_graph.mapview.data import map_data
    from vdk_graph.mapview.export import MEDIA_TYPES, to_gexf, to_graphml
    from vdk_graph.mapview.find import find_nodes
    from vdk_graph.mapview.query import (
        DEFAULT_KINDS,
        DEFAULT_MAX_NODES,
        MAX_HOPS,
        MAX_NODES_LIMIT,
        SIZE_BY,
        MapQuery,
    )
    from vdk_graph.mapview.sparql import view_sparql
    from vdk_graph.mapview.view import PHYSICS_MAX, MapView, build_view, map_view

__getattr__ = exports(__name__, {
    "map_data": "data", "MEDIA_TYPES": "export", "to_gexf": "export", "to_graphml": "export",
    "facets": "choices", "find_nodes": "find", "DEFAULT_KINDS": "query", "DEFAULT_MAX_NODES": "query",
    "MAX_HOPS": "query", "MAX_NODES_LIMIT": "query", "SIZE_BY": "query", "MapQuery": "query",
    "view_sparql": "sparql", "PHYSICS_MAX": "view", "MapView": "view", "build_view": "view",
    "map_view": "view",
})

__all__ = [
    "DEFAULT_KINDS", "DEFAULT_MAX_NODES", "MAX_HOPS", "MAX_NODES_LIMIT", "MEDIA_TYPES", "PHYSICS_MAX",
    "SIZE_BY", "MapQuery", "MapView", "build_view", "facets", "find_nodes",
    "map_data", "map_view", "to_gexf", "to_graphml", "view_sparql",
]
