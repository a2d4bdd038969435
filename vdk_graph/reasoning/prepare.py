"""Turning rdflib graphs into input HermiT accepts and owlready2 cannot be steered by.

HermiT refuses datatypes outside the OWL 2 datatype map and crashes on ill-typed
literals; owlready2 follows owl:imports online and imports Python modules named in
its own namespace. OWL has no unique-name assumption, and terms of vocabularies we
do not load only slow HermiT down. Each of those is dealt with here, before HermiT runs.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, XSD
from rdflib.term import Node

from vdk_graph.namespaces import VDK_NS
from vdk_graph.reasoning.names import literal, name

# The OWL 2 datatype map (OWL 2 Structural Specification, section 4): the only datatypes HermiT accepts.
OWL2_DATATYPES = frozenset(
    [str(XSD[t]) for t in (
        "decimal", "integer", "nonNegativeInteger", "nonPositiveInteger", "positiveInteger",
        "negativeInteger", "long", "int", "short", "byte", "unsignedLong", "unsignedInt",
        "unsignedShort", "unsignedByte", "double", "float", "string", "normalizedString", "token",
        "language", "Name", "NCName", "NMTOKEN", "boolean", "hexBinary", "base64Binary", "anyURI",
        "dateTime", "dateTimeStamp",
    )]
    + [str(OWL.real), str(OWL.rational), str(RDF.PlainLiteral), str(RDF.XMLLiteral), str(RDFS.Literal),
       str(RDF.langString)]
)
BUILTIN_NAMESPACES = (str(OWL), str(RDF), str(RDFS), str(XSD))
# Triples in owlready2's own namespace can make it import Python modules named in the data.
_OWLREADY_NS = "http://www.lesfleursdunormal.fr/static/_downloads/owlready_ontology.owl#"


@dataclass
class Prepared:
    data: Graph
    ontology: Graph
    #: Ill-typed literals: the data is inconsistent before any reasoning.
    problems: list[str]
    #: Values of functional properties we told HermiT are different things (see _unique_names).
    clashes: list[str]
    #: Literal triples as the data states them, for explaining a range clash.
    literals: list[tuple[Node, Node, Literal]]


def prepare(data: Graph, ontology: Graph) -> Prepared:
    """Copies of both graphs that HermiT can read, with nothing that makes owlready2 go online."""
    datatype_props = set(ontology.subjects(RDF.type, OWL.DatatypeProperty))
    leaves = _alignment_leaves(data, ontology)
    onto = Graph()
    for s, p, o in ontology:
        if _unsafe(p):
            continue
        if p == RDFS.range and s in datatype_props and str(o) not in OWL2_DATATYPES:
            continue  # xsd:gYear, xsd:date, xsd:duration ...: HermiT refuses them, and they type nothing
        if p in (RDFS.subClassOf, RDFS.subPropertyOf) and o in leaves:
            continue
        onto.add((s, p, o))
    out = Graph()
    problems: list[str] = []
    literals: list[tuple[Node, Node, Literal]] = []
    for s, p, o in data:
        if _unsafe(p) or (p == RDF.type and o == OWL.Ontology):
            continue  # a second ontology header would rename owlready2's data ontology
        if isinstance(o, Literal):
            if p not in datatype_props:
                continue  # labels, descriptions ...: annotations, which no OWL inference reads
            literals.append((s, p, o))
            if o.datatype is not None and str(o.datatype) not in OWL2_DATATYPES:
                # Dates, years and durations are outside the OWL 2 datatype map and irrelevant to the
                # types and shortcuts we infer: keep the triple (a domain may type its subject) as text.
                o = Literal(str(o))
            elif o.ill_typed:
                problems.append(f"{name(s)} {name(p)} {literal(o)}: not a valid {name(o.datatype)}")
                continue
            elif isinstance(o.toPython(), float) and not math.isfinite(o.toPython()):
                continue  # owlready2 writes NaN back as "None", which HermiT rejects
        out.add((s, p, o))
    clashes = _unique_names(out, ontology)
    return Prepared(out, onto, problems, clashes, literals)


def _alignment_leaves(data: Graph, ontology: Graph) -> set[Node]:
    """Terms of other vocabularies that are only ever the top of an alignment (vdk:Person ⊑ foaf:Person).

    We load none of those vocabularies, so such a term has no axioms: HermiT can conclude
    nothing from it that we emit, yet every extra class and property costs it a realisation
    pass (dropping them made it about 2.5 times faster on 5,000 triples). The types they
    give are added back from the ontology's own hierarchy in closure.new_triples.
    """
    candidates: set[Node] = {
        o for rel in (RDFS.subClassOf, RDFS.subPropertyOf) for o in ontology.objects(None, rel)
        if isinstance(o, URIRef) and not str(o).startswith((VDK_NS, *BUILTIN_NAMESPACES))
    }
    for graph in (ontology, data):
        candidates -= set(graph.subjects())
        for _, p, o in graph:
            if o in candidates and p not in (RDFS.subClassOf, RDFS.subPropertyOf, RDF.type):
                candidates.discard(o)  # used in an axiom (a restriction, a domain ...): keep it
    return candidates


def _unsafe(predicate: Node) -> bool:
    # owl:imports makes owlready2 download the imported ontology; owlready2's own terms can make it
    # import Python modules. Neither belongs in data we reason over.
    return predicate == OWL.imports or str(predicate).startswith(_OWLREADY_NS)


def _unique_names(data: Graph, ontology: Graph) -> list[str]:
    """Tell HermiT that two IRIs given to one functional property are two things.

    OWL has no unique-name assumption: a participation with roles vdk:LeadPartner and
    vdk:ProjectPartner makes HermiT merge the two roles, and then every project partner
    in the store becomes a lead partner. vdk-graph mints one IRI per thing, so two IRIs
    are two things; saying so (owl:differentFrom, only where it matters) turns that
    silent merge into an inconsistency we can name.
    """
    same = {frozenset((s, o)) for s, o in data.subject_objects(OWL.sameAs)}
    clashes = []
    for kind, forward in ((OWL.FunctionalProperty, True), (OWL.InverseFunctionalProperty, False)):
        for prop in ontology.subjects(RDF.type, kind):
            assert isinstance(prop, URIRef)
            values: dict[Node, set[URIRef]] = defaultdict(set)
            for s, o in data.subject_objects(prop):
                key, value = (s, o) if forward else (o, s)
                if isinstance(value, URIRef):
                    values[key].add(value)
            for key, found in values.items():
                distinct = sorted(found)
                pairs = [(a, b) for i, a in enumerate(distinct) for b in distinct[i + 1:]]
                pairs = [pair for pair in pairs if frozenset(pair) not in same]
                for a, b in pairs:
                    data.add((a, OWL.differentFrom, b))
                if pairs:
                    listed = ", ".join(name(v) for v in distinct)
                    which = "has" if forward else "is the value of"
                    clashes.append(f"{name(key)} {which} {len(distinct)} values for {name(prop)}, "
                                   f"which allows one: {listed}")
    return clashes
