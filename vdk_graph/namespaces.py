"""The namespaces and prefixes of the project, as plain strings: importable without rdflib.

``vdk_graph.vocab`` builds rdflib's typed namespaces on these; code that only
needs the IRIs (query text, result writers, the command line's start) takes
them from here, so ``vdk-graph --help`` does not pay for rdflib's import.
"""

from __future__ import annotations

VDK_NS = "https://w3id.org/vdk/ontology#"
ONTOLOGY_IRI = "https://w3id.org/vdk/ontology"

#: Prefixes pre-declared for every query, shown in the workbench and used when serialising.
PREFIXES: dict[str, str] = {
    "vdk": VDK_NS,
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "org": "http://www.w3.org/ns/org#",
    "schema": "https://schema.org/",
    "prov": "http://www.w3.org/ns/prov#",
    "frapo": "http://purl.org/cerif/frapo/",
}
