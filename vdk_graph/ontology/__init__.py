"""Where the ontology and the SHACL shapes live, and the ontology parsed once.

``ontology/vdk.ttl`` is the single source of the vocabulary and
``ontology/shapes.ttl`` the contract the data keeps. A source checkout (and an
editable install) reads them from ``ontology/`` next to the package; a wheel
carries the same folder as ``vdk_graph/_ontology`` (pyproject force-includes
it), so both layouts work without configuration.

Modules: this one (where ``vdk.ttl`` and ``shapes.ttl`` live, and the terms' labels, read without
rdflib), :mod:`.graph` (the ontology parsed once with rdflib, shared read-only; its names load on
first use) and :mod:`.doc` (every class and property with its labels, for ``/ontology``).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import vdk_graph
from vdk_graph.errors import ConfigError
from vdk_graph.lazy import exports
from vdk_graph.namespaces import ONTOLOGY_IRI

if TYPE_CHECKING:
    from vdk_graph.ontology.graph import ReadOnlyGraph, load_ontology, read_only_turtle

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


@cache
def term_labels(lang: str = "en") -> dict[str, str]:
    """Labels of the ontology's terms (classes, properties, controlled values) in one language.

    Read from the ontology file, so they work whatever the store holds (the kinds table's names,
    the home page's counts, the entity pages' property names). Parsed with pyoxigraph, not rdflib:
    a command that only needs a kind's name ("a company") loads no graph library.
    """
    import pyoxigraph as ox

    labels: dict[str, str] = {}
    label_property = ox.NamedNode(_LABEL_IRI)
    with ontology_path().open("rb") as data:
        for quad in ox.parse(data, ox.RdfFormat.TURTLE):
            label = quad.object
            if (quad.predicate == label_property and isinstance(quad.subject, ox.NamedNode)
                    and isinstance(label, ox.Literal) and label.language == lang):
                labels[quad.subject.value] = label.value
    return labels


_LABEL_IRI = "http://www.w3.org/2000/01/rdf-schema#label"


__getattr__ = exports(__name__, {
    "ReadOnlyGraph": "graph", "load_ontology": "graph", "read_only_turtle": "graph",
})


__all__ = [
    "ONTOLOGY_FILE", "ONTOLOGY_GRAPH", "SHAPES_FILE", "ReadOnlyGraph", "load_ontology", "ontology_path",
    "read_only_turtle", "shapes_path", "term_labels",
]
