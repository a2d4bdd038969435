"""The ontology as documentation: every class and property with its English and Danish labels and definitions.

What the ``/ontology`` page shows (and what a person reading the namespace
``https://w3id.org/vdk/ontology#`` should find): for each term its label and
definition in both languages, its place in the hierarchy, and for properties
their domain and range, read straight from ``ontology/vdk.ttl``, the single
source of the vocabulary.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from rdflib import OWL, RDF, RDFS, SKOS, Literal, URIRef
from rdflib.namespace import DCTERMS
from rdflib.term import Node

from vdk_graph.namespaces import VDK_NS
from vdk_graph.ontology import load_ontology


@dataclass(frozen=True)
class Term:
    """One class or property of the ontology."""

    iri: str
    kind: str  # "class" | "object property" | "datatype property" | "annotation property"
    labels: dict[str, str]
    definitions: dict[str, str]
    parents: tuple[str, ...] = ()
    domains: tuple[str, ...] = ()
    ranges: tuple[str, ...] = ()
    equivalents: tuple[str, ...] = field(default=())

    @property
    def local(self) -> str:
        return self.iri.removeprefix(VDK_NS)

    def label(self, lang: str) -> str:
        return self.labels.get(lang) or self.labels.get("en") or self.local

    def definition(self, lang: str) -> str:
        return self.definitions.get(lang) or self.definitions.get("en") or ""


@dataclass(frozen=True)
class OntologyDoc:
    title: dict[str, str]
    description: dict[str, str]
    version: str | None
    classes: tuple[Term, ...]
    properties: tuple[Term, ...]


_KINDS = (
    (OWL.Class, "class"),
    (OWL.ObjectProperty, "object property"),
    (OWL.DatatypeProperty, "datatype property"),
    (OWL.AnnotationProperty, "annotation property"),
)


def _texts(graph: object, subject: Node, *predicates: URIRef) -> dict[str, str]:
    found: dict[str, str] = {}
    for predicate in predicates:
        for value in graph.objects(subject, predicate):  # type: ignore[attr-defined]
            if isinstance(value, Literal):
                found.setdefault(value.language or "en", str(value))
    return found


def _iris(graph: object, subject: Node, predicate: URIRef) -> tuple[str, ...]:
    return tuple(sorted(str(o) for o in graph.objects(subject, predicate) if isinstance(o, URIRef)))  # type: ignore[attr-defined]


@cache
def serialized(which: str, fmt: str) -> bytes:
    """The ontology (``which="ontology"``) or the SHACL shapes (``"shapes"``) in an RDF format."""
    import pyoxigraph as ox

    from vdk_graph.ontology import ontology_path, shapes_path
    from vdk_graph.results import GRAPH_FORMATS
    from vdk_graph.vocab import PREFIXES

    path = ontology_path() if which == "ontology" else shapes_path()
    if fmt == "turtle":
        return path.read_bytes()  # as written, with its comments
    triples = [q.triple for q in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE)]
    rdf_format = GRAPH_FORMATS[fmt][1]
    prefixes = PREFIXES if rdf_format in (ox.RdfFormat.TURTLE, ox.RdfFormat.RDF_XML) else None
    return ox.serialize(triples, format=rdf_format, prefixes=prefixes) or b""


@cache
def document() -> OntologyDoc:
    """The ontology's terms in the vdk namespace, classes and properties, sorted by English label."""
    graph = load_ontology()
    terms: dict[str, Term] = {}
    for rdf_type, kind in _KINDS:
        for subject in graph.subjects(RDF.type, rdf_type):
            ours = isinstance(subject, URIRef) and str(subject).startswith(VDK_NS)
            if not ours or str(subject) in terms:
                continue
            parents = _iris(graph, subject, RDFS.subClassOf if kind == "class" else RDFS.subPropertyOf)
            terms[str(subject)] = Term(
                str(subject), kind,
                _texts(graph, subject, RDFS.label, SKOS.prefLabel),
                _texts(graph, subject, SKOS.definition, RDFS.comment),
                parents, _iris(graph, subject, RDFS.domain), _iris(graph, subject, RDFS.range),
                _iris(graph, subject, OWL.equivalentClass if kind == "class" else OWL.equivalentProperty),
            )
    ordered = sorted(terms.values(), key=lambda t: t.label("en").casefold())
    [ontology] = list(graph.subjects(RDF.type, OWL.Ontology))[:1] or [URIRef(VDK_NS)]
    version = next((str(v) for v in graph.objects(ontology, OWL.versionInfo)), None)
    return OntologyDoc(
        title=_texts(graph, ontology, DCTERMS.title, RDFS.label),
        description=_texts(graph, ontology, DCTERMS.description, RDFS.comment),
        version=version,
        classes=tuple(t for t in ordered if t.kind == "class"),
        properties=tuple(t for t in ordered if t.kind != "class"),
    )
