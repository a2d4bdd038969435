"""Export the store (all named graphs, or one) as Turtle, N-Triples, N-Quads, TriG, JSON-LD or RDF/XML.

Dataset formats (N-Quads, TriG) keep every fact in its named graph, so an
export can be imported elsewhere with its provenance. Graph formats write the
union default graph, or the one named graph asked for.
"""

from __future__ import annotations

from typing import BinaryIO

import pyoxigraph as ox

from vdk_graph.errors import NotFound
from vdk_graph.namespaces import PREFIXES
from vdk_graph.results import DATASET_FORMATS, GraphResult
from vdk_graph.store.base import Store


def export(store: Store, fmt: str, out: BinaryIO, graph: str | None = None) -> int:
    """Write the export to ``out``; returns the number of triples or quads written."""
    media, rdf_format = DATASET_FORMATS[fmt]
    if graph is not None and graph not in store.graph_sizes():
        raise NotFound(f"the store has no named graph <{graph}>; 'vdk-graph stats' lists them")
    items: list[ox.Triple] | list[ox.Quad]
    if rdf_format.supports_datasets:
        graphs = [graph] if graph else sorted(store.graph_sizes())
        items = [
            ox.Quad(t.subject, t.predicate, t.object, ox.NamedNode(g))
            for g in graphs
            for t in store.graph_triples(g)
        ]
    elif graph:
        items = list(store.graph_triples(graph))
    else:
        result = store.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")
        assert isinstance(result, GraphResult)
        items = list(result.triples)
    with_prefixes = rdf_format in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG, ox.RdfFormat.RDF_XML)
    prefixes = PREFIXES if with_prefixes else None
    ox.serialize(items, out, format=rdf_format, prefixes=prefixes)
    return len(items)
