"""The terms the workbench completes: every class, property and controlled value of the ontology,
with its labels and definition, plus the terms of other vocabularies the data uses.

Read from ``ontology/vdk.ttl`` (the single source of the vocabulary), so a new class
is offered in the editor the moment it is added there.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from rdflib import OWL, RDF, RDFS, SKOS, Graph, URIRef

from vdk_graph.namespaces import PREFIXES, VDK_NS
from vdk_graph.ontology import load_ontology

#: Terms of other vocabularies that the data uses, with what they hold here.
COMMON_TERMS: dict[str, tuple[str, str]] = {
    "rdf:type": ("property", "the class of a thing (also written 'a')"),
    "rdfs:label": ("property", "the name of a thing"),
    "rdfs:comment": ("property", "a note on a thing"),
    "rdfs:subClassOf": ("property", "a broader class"),
    "rdfs:subPropertyOf": ("property", "a broader property"),
    "skos:prefLabel": ("property", "the preferred name of a topic or controlled value"),
    "skos:altLabel": ("property", "another name (aliases of organisations)"),
    "skos:definition": ("property", "what a term means"),
    "dcterms:title": ("property", "the title of a project or source"),
    "dcterms:description": ("property", "a description"),
    "dcterms:date": ("property", "the date of an investment or event"),
    "dcterms:identifier": ("property", "an identifier"),
    "dcterms:creator": ("property", "the software that wrote a source graph"),
    "dcterms:relation": ("property", "a related thing"),
    "schema:startDate": ("property", "the day something started (xsd:date)"),
    "schema:endDate": ("property", "the day something ended (xsd:date)"),
    "prov:wasDerivedFrom": ("property", "the public source a named graph was read from"),
    "prov:generatedAtTime": ("property", "when a named graph was imported"),
    "owl:Class": ("class", "a class of the ontology"),
    "owl:ObjectProperty": ("class", "a property linking two things"),
    "owl:DatatypeProperty": ("class", "a property with a literal value"),
}


def _prefixed(iri: str) -> str | None:
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace) and len(iri) > len(namespace):
            return f"{prefix}:{iri[len(namespace):]}"
    return None


def _texts(graph: Graph, subject: URIRef, predicate: URIRef) -> dict[str, str]:
    out: dict[str, str] = {}
    for value in graph.objects(subject, predicate):
        out.setdefault(getattr(value, "language", None) or "", str(value))
    return out


def _kind(graph: Graph, subject: URIRef) -> str:
    types = set(graph.objects(subject, RDF.type))
    if OWL.Class in types:
        return "class"
    if types & {OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty, RDF.Property}:
        return "property"
    return "individual"


@cache
def terms() -> tuple[dict[str, Any], ...]:
    """Every term to offer: ``name`` (prefixed), ``iri``, ``kind``; ``label``, ``definition`` by language."""
    graph = load_ontology()
    out: list[dict[str, Any]] = []
    seen: set[str] = set()
    for subject in sorted(set(graph.subjects(RDF.type, None)), key=str):
        if not isinstance(subject, URIRef) or not str(subject).startswith(VDK_NS):
            continue
        name = _prefixed(str(subject))
        if name is None or name in seen:
            continue
        seen.add(name)
        out.append({
            "name": name, "iri": str(subject), "kind": _kind(graph, subject),
            "label": _texts(graph, subject, RDFS.label),
            "definition": _texts(graph, subject, SKOS.definition),
        })
    for name, (kind, note) in COMMON_TERMS.items():
        prefix, local = name.split(":")
        out.append({"name": name, "iri": PREFIXES[prefix] + local, "kind": kind,
                    "label": {}, "definition": {"en": note}})
    return tuple(out)


def for_language(lang: str) -> list[dict[str, str]]:
    """The terms with one label and definition each, in ``lang`` where the ontology has it."""
    def pick(texts: dict[str, str]) -> str:
        return texts.get(lang) or texts.get("en") or texts.get("") or ""

    return [{"name": t["name"], "iri": t["iri"], "kind": t["kind"], "label": pick(t["label"]),
             "definition": pick(t["definition"])} for t in terms()]
