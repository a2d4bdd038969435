"""A view of the map as the page receives it: nodes, edges, options, legend, totals, facets and its SPARQL."""

from __future__ import annotations

from typing import Any

from vdk_graph.mapview.choices import facets
from vdk_graph.mapview.query import MapQuery
from vdk_graph.mapview.sparql import view_sparql
from vdk_graph.mapview.view import map_view
from vdk_graph.network import ecosystem
from vdk_graph.store.base import Store


def map_data(store: Store, query: MapQuery) -> dict[str, Any]:
    """The JSON of a view of ``store``: nodes, edges, options, legend, totals, facets and its SPARQL."""
    eco = ecosystem(store)
    data = map_view(eco, query).as_json()
    data["facets"] = facets(eco, query.lang)
    data["sparql"] = view_sparql(query)
    return data
