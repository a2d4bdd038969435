"""The ontology parsed once with rdflib and shared read-only (stats, resolution, build, SHACL).

Apart from :mod:`vdk_graph.ontology` so that finding the files and reading the
terms' labels import no rdflib; these names load on first use from there.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any, NoReturn

from rdflib import Graph

from vdk_graph.ontology import ontology_path


class ReadOnlyGraph(Graph):
    """A view of a graph that refuses to change, so one cached parse can be shared without copies.

    Set operations (``+``, ``-``, ``*``, ``^``) return ordinary graphs: rdflib builds
    their result with ``type(self)()`` and falls back to ``Graph()`` on ``TypeError``,
    which the required ``source`` argument triggers. To change the triples, copy
    them first (``new = Graph(); new += graph``).
    """

    def __init__(self, source: Graph) -> None:
        super().__init__(
            store=source.store, identifier=source.identifier, namespace_manager=source.namespace_manager
        )

    def add(self, triple: Any) -> NoReturn:
        raise TypeError(_READ_ONLY)

    def addN(self, quads: Any) -> NoReturn:  # noqa: N802 - rdflib's name
        raise TypeError(_READ_ONLY)

    def remove(self, triple: Any) -> NoReturn:
        raise TypeError(_READ_ONLY)


_READ_ONLY = "this graph is shared and read-only; copy it first (new = Graph(); new += graph)"


def read_only_turtle(path: Path) -> ReadOnlyGraph:
    """Parse a Turtle file into a graph that cannot be changed afterwards."""
    return ReadOnlyGraph(Graph().parse(path, format="turtle"))


@cache
def load_ontology() -> Graph:
    """The ontology, parsed once per process and shared read-only (stats, resolution, build, SHACL)."""
    return read_only_turtle(ontology_path())


__all__ = ["ReadOnlyGraph", "load_ontology", "read_only_turtle"]
