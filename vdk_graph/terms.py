"""Conversions between rdflib terms (parsers, SHACL, owlready2 bridging) and pyoxigraph terms (the store).

rdflib is where we build and check graphs; pyoxigraph is where they live and are
queried. Crossing the boundary goes through these few functions only.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox

if TYPE_CHECKING:  # rdflib is imported where it is used: `vdk-graph --help` must not pay for it
    from rdflib import Graph
    from rdflib.term import Node

XSD = "http://www.w3.org/2001/XMLSchema#"
RDF_LANGSTRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"

OxTerm = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple


def to_ox(term: Node) -> OxTerm:
    """An rdflib term as a pyoxigraph term."""
    from rdflib import BNode, Literal, URIRef

    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(_bnode_id(str(term)))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"cannot store {term!r} ({type(term).__name__}) in the graph")


def from_ox(term: OxTerm) -> Node:
    """A pyoxigraph term as an rdflib term."""
    from rdflib import BNode, Literal, URIRef

    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        if datatype == XSD + "string":
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(datatype))
    raise TypeError(f"cannot convert {term!r} to rdflib")


def graph_to_triples(graph: Graph) -> list[ox.Triple]:
    """All triples of an rdflib graph as pyoxigraph triples."""
    return [ox.Triple(to_ox(s), to_ox(p), to_ox(o)) for s, p, o in graph]  # type: ignore[arg-type]


def triples_to_graph(triples: Iterable[ox.Triple | ox.Quad], graph: Graph | None = None) -> Graph:
    """pyoxigraph triples (or quads, graph name ignored) added to an rdflib graph."""
    from rdflib import Graph

    out = graph if graph is not None else Graph()
    for t in triples:
        out.add((from_ox(t.subject), from_ox(t.predicate), from_ox(t.object)))
    return out


def to_python(term: OxTerm | None) -> Any:
    """A plain Python value for a result cell: IRIs and strings as str, numbers, booleans and dates typed."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode | ox.BlankNode):
        return term.value
    if isinstance(term, ox.Literal):
        datatype = term.datatype.value
        value = term.value
        try:
            if datatype in _INTEGER_TYPES:
                return int(value)
            if datatype == XSD + "decimal":
                return Decimal(value)
            if datatype in (XSD + "double", XSD + "float"):
                return float(value)
            if datatype == XSD + "boolean":
                return value in ("true", "1")
            if datatype == XSD + "date":
                return _dt.date.fromisoformat(value)
            if datatype == XSD + "dateTime":
                return _dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return value
        return value
    return str(term)


def iter_rows(solutions: Any, width: int) -> Iterator[tuple[OxTerm | None, ...]]:
    for solution in solutions:
        yield tuple(solution[i] for i in range(width))


def _bnode_id(value: str) -> str:
    # pyoxigraph blank-node ids must be valid N-Triples labels.
    return "".join(ch if ch.isalnum() or ch in "_-" else "_" for ch in value) or "b"


_INTEGER_TYPES = {
    XSD + t
    for t in (
        "integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger",
        "negativeInteger", "nonPositiveInteger", "unsignedInt", "unsignedLong", "unsignedShort",
        "unsignedByte", "gYear",
    )
}
