"""The namespaces and prefixes of the project, as plain strings: importable without rdflib.

``vdk_graph.vocab`` builds rdflib's typed namespaces on these; code that only
needs the IRIs (query text, result writers, the command line's start) takes
them from here, so ``vdk-graph --help`` does not pay for rdflib's import.
"""

from __future__ import annotations

import re

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


_DECLARED = re.compile(r"\bPREFIX\s+([A-Za-z][\w.-]*)?:", re.IGNORECASE)
_USED = {prefix: re.compile(rf"(?<![\w.:-]){re.escape(prefix)}:") for prefix in PREFIXES}


def declared_prefixes(sparql: str) -> set[str]:
    """The prefixes a query text declares itself (``""`` for the empty prefix)."""
    return {m.group(1) or "" for m in _DECLARED.finditer(sparql)}


def with_used_prefixes(sparql: str) -> str:
    """The query with declarations for the project's prefixes it uses but does not declare.

    The library's own queries write ``vdk:``, ``rdfs:``, ``schema:`` … without a PREFIX
    block of their own: :meth:`vdk_graph.store.base.Store.select` declares them here, from
    :data:`PREFIXES`, so the IRIs are written in one place. A text that uses none is sent
    as it is.
    """
    declared = declared_prefixes(sparql)
    used = [p for p, pattern in _USED.items() if p not in declared and pattern.search(sparql)]
    if not used:
        return sparql
    return "".join(f"PREFIX {p}: <{PREFIXES[p]}>\n" for p in used) + sparql
