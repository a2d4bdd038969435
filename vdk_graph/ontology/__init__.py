"""Where the ontology and the SHACL shapes live, and the ontology parsed once.

``ontology/vdk.ttl`` is the single source of the vocabulary and
``ontology/shapes.ttl`` the contract the data keeps. A source checkout (and an
editable install) reads them from ``ontology/`` next to the package; a wheel
carries the same folder as ``vdk_graph/_ontology`` (pyproject force-includes
it), so both layouts work without configuration.

Modules: this one (where ``vdk.ttl`` and ``shapes.ttl`` live, parsed once) and :mod:`.doc`
(every class and property with its labels, for ``/ontology``).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any, NoReturn

from rdflib import Graph

import vdk_graph
from vdk_graph.errors import ConfigError
from vdk_graph.namespaces import ONTOLOGY_IRI

#: The named graph the ontology is stored in (``vdk-graph build`` writes it there).
ONTOLOGY_GRAPH: str = ONTOLOGY_IRI

ONTOLOGY_FILE = "vdk.ttl"
SHAPES_FILE = "shapes.ttl"


def _candidate_dirs() -> list[Path]:
    package = Path(vdk_graph.__file__).parent
    return [package.parent / "ontology", package / "_ontology"]


def _locate(name: str) -> Path:
    # The checkout folder wins so that editing ontology/*.ttl takes effect at once;
    # we test for the file, not the folder, because site-packages/ontology may belong to someone else.
    candidates = [folder / name for folder in _candidate_dirs()]
    for candidate in candidates:
        if candidate.is_file():
            return candidate
    raise ConfigError(
        f"the ontology file {name} is missing (looked for {' and '.join(map(str, candidates))}); "
        "reinstall vdk-graph"
    )


def ontology_path() -> Path:
    """The ontology file, ``vdk.ttl``."""
    return _locate(ONTOLOGY_FILE)


def shapes_path() -> Path:
    """The SHACL shapes file, ``shapes.ttl``."""
    return _locate(SHAPES_FILE)


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


__all__ = [
    "ONTOLOGY_FILE", "ONTOLOGY_GRAPH", "SHAPES_FILE", "ReadOnlyGraph", "load_ontology", "ontology_path",
    "read_only_turtle", "shapes_path",
]
