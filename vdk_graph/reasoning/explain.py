"""Saying why the data contradicts the ontology: HermiT only answers "inconsistent", so we look ourselves.

The reasons are best effort: things typed with two disjoint classes (stated, or
given by a domain or range) and literals that the range of their property rules out.
Values of functional properties come from preparation (prepare._unique_names).
"""

from __future__ import annotations

from collections import defaultdict

from rdflib import Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS, XSD
from rdflib.term import Node

from vdk_graph.reasoning.closure import hierarchy
from vdk_graph.reasoning.names import literal, name
from vdk_graph.reasoning.prepare import OWL2_DATATYPES, Prepared

_MAX_REASONS = 20

# Enough of the XSD type hierarchy to say whether a literal fits a data property's range.
_DATATYPE_PARENTS = {
    **{str(XSD[t]): str(XSD.integer) for t in ("nonNegativeInteger", "nonPositiveInteger", "long")},
    str(XSD.positiveInteger): str(XSD.nonNegativeInteger), str(XSD.unsignedLong): str(XSD.nonNegativeInteger),
    str(XSD.negativeInteger): str(XSD.nonPositiveInteger), str(XSD.int): str(XSD.long),
    str(XSD.short): str(XSD.int), str(XSD.byte): str(XSD.short), str(XSD.unsignedInt): str(XSD.unsignedLong),
    str(XSD.unsignedShort): str(XSD.unsignedInt), str(XSD.unsignedByte): str(XSD.unsignedShort),
    str(XSD.integer): str(XSD.decimal), str(XSD.decimal): str(OWL.rational), str(OWL.rational): str(OWL.real),
    str(XSD.normalizedString): str(XSD.string), str(XSD.token): str(XSD.normalizedString),
    str(XSD.language): str(XSD.token), str(XSD.Name): str(XSD.token), str(XSD.NMTOKEN): str(XSD.token),
    str(XSD.NCName): str(XSD.Name), str(XSD.dateTimeStamp): str(XSD.dateTime),
    str(XSD.string): str(RDF.PlainLiteral), str(RDF.langString): str(RDF.PlainLiteral),
}


def disjoint_clashes(data: Graph, ontology: Graph) -> list[str]:
    """Individuals whose stated, domain- and range-given types include two disjoint classes."""
    h = hierarchy(ontology)
    domains, ranges = defaultdict(set), defaultdict(set)
    for p, c in ontology.subject_objects(RDFS.domain):
        domains[p].add(c)
    for p, c in ontology.subject_objects(RDFS.range):
        ranges[p].add(c)

    types: dict[Node, dict[Node, str]] = defaultdict(dict)

    def note(thing: Node, cls: Node, why: str) -> None:
        for k in [cls, *h.class_supers[cls]]:
            types[thing].setdefault(k, why if k == cls else f"{why}, a kind of {name(k)}")

    for s, p, o in data:
        if p == RDF.type:
            note(s, o, "stated")
            continue
        for q in {p} | h.prop_supers[p]:
            for c in domains[q]:
                note(s, c, f"as subject of {name(p)}")
            if not isinstance(o, Literal):
                for c in ranges[q]:
                    note(o, c, f"as value of {name(p)}")
                for r in h.inverses[q]:
                    for c in domains[r]:
                        note(o, c, f"as value of {name(p)}")
                    for c in ranges[r]:
                        note(s, c, f"as subject of {name(p)}")

    groups = [list(Collection(ontology, m)) for n in ontology.subjects(RDF.type, OWL.AllDisjointClasses)
              for m in ontology.objects(n, OWL.members)]
    groups += [[a, b] for a, b in ontology.subject_objects(OWL.disjointWith)]
    found = []
    for thing in sorted(types, key=str):
        for group in groups:
            hit = [c for c in group if c in types[thing]]
            if len(hit) > 1:
                parts = " and ".join(f"{name(c)} ({types[thing][c]})" for c in hit)
                found.append(f"{name(thing)} is both {parts}, which the ontology says cannot overlap")
    return found


def range_clashes(prepared: Prepared) -> list[str]:
    """Literals whose datatype (or language tag) the range of their data property rules out."""
    ranges = {
        p: str(r) for p, r in prepared.ontology.subject_objects(RDFS.range) if str(r) in OWL2_DATATYPES
    }
    found = []
    for s, p, lit in prepared.literals:
        wanted = ranges.get(p)
        if wanted is None or wanted == str(RDFS.Literal):
            continue
        have = str(RDF.langString) if lit.language else str(lit.datatype or XSD.string)
        chain = [have]
        while chain[-1] in _DATATYPE_PARENTS:
            chain.append(_DATATYPE_PARENTS[chain[-1]])
        if wanted not in chain:
            why = " (a language tag makes it rdf:langString)" if lit.language else ""
            wants = name(URIRef(wanted))
            found.append(f"{name(s)} {name(p)} {literal(lit)}: the ontology wants {wants} values{why}")
    return found


def explanation(reasons: list[str], found: str) -> str:
    """The message for an inconsistent dataset: what was found, and the first reasons we could name."""
    head = f"the data contradicts the ontology ({found})"
    if not reasons:
        return (
            f"{head}. vdk-graph could not narrow it down: look for things typed with two disjoint "
            "classes (a person that is also an organisation) or values of the wrong datatype."
        )
    shown = [f"  - {r}" for r in reasons[:_MAX_REASONS]]
    if len(reasons) > _MAX_REASONS:
        shown.append(f"  ... and {len(reasons) - _MAX_REASONS} more")
    return "\n".join([f"{head}:", *shown])
