"""How reasoning messages show terms: short enough to read, exact enough to search for."""

from __future__ import annotations

from rdflib import Literal, URIRef
from rdflib.term import Node

from vdk_graph.namespaces import PREFIXES


def name(term: Node | None) -> str:
    """A prefixed name for vocabulary terms, the full IRI (which a user can search for) otherwise."""
    text = str(term)
    for prefix, namespace in PREFIXES.items():
        if text.startswith(namespace) and "/" not in text[len(namespace):]:
            return f"{prefix}:{text[len(namespace):]}"
    return f"<{text}>" if isinstance(term, URIRef) else text


def literal(lit: Literal) -> str:
    # Not Literal.n3(), which warns about the very ill-typed numbers we are reporting.
    if lit.language:
        return f'"{lit}"@{lit.language}'
    return f'"{lit}"^^{name(lit.datatype)}' if lit.datatype else f'"{lit}"'
