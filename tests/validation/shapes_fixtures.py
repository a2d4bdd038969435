"""The valid SHACL fixture and helpers: break one thing (Turtle to add, to remove), read the report."""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph

from vdk_graph.validation import (
    ValidationReport,
)
from vdk_graph.vocab import VDK_NS

FIXTURES = Path(__file__).parent.parent / "fixtures" / "shapes"
VALID = FIXTURES / "valid.ttl"
ID = "https://w3id.org/vdk/id/"

#: The prefixes of valid.ttl, for the Turtle snippets the tests add and remove.
TTL_PREFIXES = f"""
@prefix vdk:     <{VDK_NS}> .
@prefix project: <{ID}project/> .
@prefix part:    <{ID}participation/> .
@prefix o:       <{ID}organisation/> .
@prefix person:  <{ID}person/> .
@prefix pos:     <{ID}position/> .
@prefix grant:   <{ID}grant/> .
@prefix inv:     <{ID}investment/> .
@prefix mem:     <{ID}membership/> .
@prefix ind:     <{ID}indicator/> .
@prefix topic:   <{ID}topic/> .
@prefix place:   <{ID}place/> .
@prefix graph:   <{ID}graph/> .
@prefix budget:  <{ID}budget/> .
@prefix rdfs:    <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd:     <http://www.w3.org/2001/XMLSchema#> .
@prefix skos:    <http://www.w3.org/2004/02/skos/core#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix schema:  <https://schema.org/> .
@prefix prov:    <http://www.w3.org/ns/prov#> .
"""


# --------------------------------------------------------------------------- helpers


def dataset(add: str = "", remove: str = "") -> Graph:
    """The valid fixture with the triples of ``remove`` taken out and those of ``add`` put in."""
    data = Graph().parse(VALID, format="turtle")
    if remove:
        data -= Graph().parse(data=TTL_PREFIXES + remove, format="turtle")
    if add:
        data.parse(data=TTL_PREFIXES + add, format="turtle")
    return data


NAMESPACES = dict(Graph().parse(data=TTL_PREFIXES, format="turtle").namespaces())


def iri(curie: str) -> str:
    """``project:pixel-harbour`` → the full IRI, as messages show it."""
    prefix, local = curie.split(":", 1)
    return str(NAMESPACES[prefix]) + local


def failing_fields(report: ValidationReport) -> set[str | None]:
    return {p.field for p in report.errors}


def explain(report: ValidationReport) -> str:
    return "\n".join(str(p) for p in report.problems) or "(no problems)"
