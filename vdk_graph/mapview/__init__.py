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
* :mod:`~vdk_graph.mapview.facets` — the choices the controls offer;
* :mod:`~vdk_graph.mapview.find` — names to nodes, for the search box;
* :mod:`~vdk_graph.mapview.sparql` — the SPARQL behind a view;
* :mod:`~vdk_graph.mapview.export` — GEXF and GraphML;
* :mod:`~vdk_graph.mapview.assets` — vis-network's files from the installed pyvis, and safe inline JSON.
"""

from __future__ import annotations

from typing import Any

from vdk_graph.mapview.export import MEDIA_TYPES, to_gexf, to_graphml
from vdk_graph.mapview.facets import facets
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
from vdk_graph.mapview.view import PHYSICS_MAX, MapView, build_view, clear_caches, map_view
from vdk_graph.network import ecosystem
from vdk_graph.store.base import Store


def map_data(store: Store, query: MapQuery) -> dict[str, Any]:
    """The JSON of a view of ``store``: nodes, edges, options, legend, totals, facets and its SPARQL."""
    eco = ecosystem(store)
    data = map_view(eco, query).as_json()
    data["facets"] = facets(eco, query.lang)
    data["sparql"] = view_sparql(query)
    return data


__all__ = [
    "DEFAULT_KINDS", "DEFAULT_MAX_NODES", "MAX_HOPS", "MAX_NODES_LIMIT", "MEDIA_TYPES", "PHYSICS_MAX",
    "SIZE_BY", "MapQuery", "MapView", "build_view", "clear_caches", "facets", "find_nodes", "map_data",
    "map_view", "to_gexf", "to_graphml", "view_sparql",
]
