"""What HermiT's answer adds: its types and links closed under the ontology's hierarchy, less what is stated.

HermiT names only the most specific facts; closing them here is sound OWL and cheap.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from rdflib import BNode, Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS
from rdflib.term import Node

from vdk_graph.namespaces import VDK_NS
from vdk_graph.reasoning.prepare import BUILTIN_NAMESPACES, Prepared
from vdk_graph.vocab import VDK

_NOT_EMITTED = frozenset({VDK.isLeadParticipation})  # the technical self-link of the rolification trick


@dataclass
class Hierarchy:
    """A schema's class and property hierarchy; a term missing from a mapping has nothing there."""

    #: Every named super-class of every named class, equivalent classes both ways.
    class_supers: defaultdict[Node, set[Node]]
    #: Every named super-property of every named property, equivalent properties both ways.
    prop_supers: defaultdict[Node, set[Node]]
    #: The owl:inverseOf partners of every property, both ways.
    inverses: defaultdict[Node, set[Node]]


def hierarchy(schema: Graph) -> Hierarchy:
    inverses: defaultdict[Node, set[Node]] = defaultdict(set)
    for p, q in schema.subject_objects(OWL.inverseOf):
        inverses[p].add(q)
        inverses[q].add(p)
    return Hierarchy(
        _supers(schema, (RDFS.subClassOf, OWL.equivalentClass)),
        _supers(schema, (RDFS.subPropertyOf, OWL.equivalentProperty)),
        inverses,
    )


def new_triples(data: Graph, ontology: Graph, prepared: Prepared, additions: Graph) -> Graph:
    """Close HermiT's answer and keep what is new: named types of data individuals and vdk: shortcuts.

    HermiT reports only the most specific types and, per property, only the pairs no
    sub-property already covers (``hasLeadPartner``, not also ``hasParticipant``), and
    owlready2 leaves out the inverse of a stated triple. So its answer is closed here under
    rdfs:subClassOf, rdfs:subPropertyOf and owl:inverseOf, which is sound OWL and cheap.
    """
    schema = ontology + additions  # the whole hierarchy, alignments included
    h = hierarchy(schema)
    object_props = {p for p in schema.subjects(RDF.type, OWL.ObjectProperty) if str(p).startswith(VDK_NS)}
    ontology_terms = set(ontology.subjects())
    facts = prepared.data + additions
    stated = data + ontology
    # Only classes the input names: OWLAPI types what it cannot parse as owlapi/error#Error1.
    named = {term for s, _, o in stated for term in (s, o) if isinstance(term, URIRef)}
    named -= {term for term in named if str(term).startswith(BUILTIN_NAMESPACES)}
    inferred = Graph()

    for s, c in facts.subject_objects(RDF.type):
        if isinstance(s, URIRef) and isinstance(c, URIRef) and s not in ontology_terms:
            for k in {c} | h.class_supers[c]:
                if k in named:
                    inferred.add((s, RDF.type, k))

    edges: set[tuple[Node, Node, Node]] = {
        (s, p, o) for s, p, o in facts if p in object_props and isinstance(o, URIRef | BNode)
    }
    frontier = list(edges)
    while frontier:
        s, p, o = frontier.pop()
        implied: list[tuple[Node, Node, Node]] = [(s, q, o) for q in h.prop_supers[p]]
        implied += [(o, q, s) for q in h.inverses[p]]
        for triple in implied:
            if triple[1] in object_props and triple not in edges:
                edges.add(triple)
                frontier.append(triple)
    for s, p, o in edges:
        if isinstance(s, URIRef) and isinstance(o, URIRef) and p not in _NOT_EMITTED:
            inferred.add((s, p, o))

    for triple in list(inferred):
        if triple in stated:
            inferred.remove(triple)
    return inferred


def _supers(schema: Graph, relations: Iterable[URIRef]) -> defaultdict[Node, set[Node]]:
    """Every named super-class (or super-property) of every named one, equivalents both ways."""
    direct: dict[Node, set[Node]] = defaultdict(set)
    for relation in relations:
        for a, b in schema.subject_objects(relation):
            if isinstance(a, URIRef) and isinstance(b, URIRef):
                direct[a].add(b)
                if relation != RDFS.subClassOf and relation != RDFS.subPropertyOf:
                    direct[b].add(a)
    closed: defaultdict[Node, set[Node]] = defaultdict(set)
    for start in list(direct):
        seen: set[Node] = set()
        todo = list(direct[start])
        while todo:
            node = todo.pop()
            if node not in seen:
                seen.add(node)
                todo.extend(direct.get(node, ()))
        seen.discard(start)
        closed[start] = seen
    return closed
