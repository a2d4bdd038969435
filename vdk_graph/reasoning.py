"""``vdk-graph reason``: OWL 2 reasoning with HermiT (through owlready2), written to a named graph of its own.

The importers state what the sources say: n-ary nodes for participations,
memberships, investments, grants and positions. The ontology's property chains,
inverses, domains and ranges turn those into the shortcuts analysts query
(``vdk:hasParticipant``, ``vdk:memberOf``, ``vdk:investsIn`` ...), and HermiT also
checks that the data does not contradict the ontology (a person who is also an
organisation). The inferred triples go into ``{base}graph/inferred`` because they
are derived, not sourced: ``reason`` replaces that graph wholesale and every
other graph keeps a true provenance.

HermiT is Java; this module is the only part of vdk-graph that needs a Java
runtime, and it says so in one line when there is none.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import os
import shutil
import tempfile
import threading
import time
from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import owlready2
import owlready2.reasoning
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, XSD
from rdflib.term import Node

from vdk_graph import __version__
from vdk_graph.errors import ReasonerUnavailable
from vdk_graph.iris import Minter
from vdk_graph.ontology import ONTOLOGY_GRAPH, load_ontology
from vdk_graph.store.base import Store
from vdk_graph.terms import triples_to_graph
from vdk_graph.vocab import PREFIXES, VDK, VDK_NS

#: The inferred graph is ``Minter(base_iri).graph(INFERRED_GRAPH_NAME)``.
INFERRED_GRAPH_NAME = "inferred"

NO_JAVA_MESSAGE = (
    "Java was not found: 'vdk-graph reason' runs the HermiT reasoner, which needs a Java runtime "
    "(install one, e.g. 'apt-get install default-jre', or set JAVA_HOME). "
    "Nothing else in vdk-graph needs Java."
)

# The OWL 2 datatype map (OWL 2 Structural Specification, section 4): the only datatypes HermiT accepts.
_OWL2_DATATYPES = frozenset(
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
# Triples in owlready2's own namespace can make it import Python modules named in the data.
_OWLREADY_NS = "http://www.lesfleursdunormal.fr/static/_downloads/owlready_ontology.owl#"
# Names owlready2 gives the reasoner's inputs and output; .invalid can never resolve (RFC 2606).
_WORLD_BASE = "http://vdk-graph.invalid/reasoning/"
_BUILTIN_NAMESPACES = (str(OWL), str(RDF), str(RDFS), str(XSD))
_NOT_EMITTED = frozenset({VDK.isLeadParticipation})  # the technical self-link of the rolification trick
_MAX_REASONS = 20

# owlready2's Java settings are module globals; one reasoning run at a time keeps them ours.
_OWLREADY_LOCK = threading.Lock()


@dataclass
class Inference:
    """What HermiT concluded about one dataset."""

    consistent: bool
    #: Only triples not already in the data or the ontology (empty when inconsistent).
    inferred: Graph
    #: Why the data contradicts the ontology, when it does.
    explanation: str | None
    seconds: float


@dataclass
class ReasoningReport:
    """What ``reason_store`` did; the CLI prints it and exits 1 when ``consistent`` is false."""

    consistent: bool
    inferred_triples: int
    graph: str
    explanation: str | None
    seconds: float


def java_executable() -> str | None:
    """The Java runtime HermiT will run on, or None.

    A Java set in ``owlready2.JAVA_EXE`` wins (that is where owlready2 users set it),
    then ``$JAVA_HOME/bin/java`` (what our error message tells people to set), then ``java`` on the PATH.
    """
    configured = getattr(owlready2, "JAVA_EXE", None)
    if configured and configured != "java":
        return shutil.which(configured)
    java_home = os.environ.get("JAVA_HOME")
    if java_home:
        found = shutil.which(str(Path(java_home) / "bin" / "java"))
        if found:
            return found
    return shutil.which("java")


def infer(data: Graph, ontology: Graph, *, memory_mb: int | None = None) -> Inference:
    """Check ``data`` against ``ontology`` with HermiT and return the triples it entails that neither states.

    ``memory_mb`` is Java's heap (owlready2's default is 2000 MB). Raises
    :class:`ReasonerUnavailable` when there is no Java or Java fails.
    """
    java = java_executable()
    if java is None:
        raise ReasonerUnavailable(NO_JAVA_MESSAGE)
    started = time.perf_counter()
    prepared = _prepare(data, ontology)
    if prepared.problems:  # an ill-typed literal makes OWL data inconsistent, and would crash HermiT
        explanation = _explanation(prepared.problems, "it has values that are not valid for their datatype")
        return Inference(False, Graph(), explanation, time.perf_counter() - started)
    additions = _run_hermit(prepared, java, memory_mb)
    if additions is None:
        reasons = [*prepared.clashes, *_disjoint_clashes(data, ontology), *_range_clashes(prepared)]
        explanation = _explanation(reasons, "HermiT found it inconsistent")
        return Inference(False, Graph(), explanation, time.perf_counter() - started)
    inferred = _new_triples(data, ontology, prepared, additions)
    return Inference(True, inferred, None, time.perf_counter() - started)


def reason_store(store: Store, base_iri: str, *, memory_mb: int | None = None) -> ReasoningReport:
    """Reason over every graph of the store and replace ``{base}graph/inferred`` with the result.

    The ontology comes from its graph in the store when the store has one (so reasoning
    matches what queries see), otherwise from the ontology file. An inconsistent store
    is left exactly as it was.
    """
    started = time.perf_counter()
    if java_executable() is None:  # before reading a possibly large store
        raise ReasonerUnavailable(NO_JAVA_MESSAGE)
    graph = Minter(base_iri).graph(INFERRED_GRAPH_NAME)
    graphs = sorted(g for g in store.graph_sizes() if g != str(graph))
    if ONTOLOGY_GRAPH in graphs:
        ontology = triples_to_graph(store.graph_triples(ONTOLOGY_GRAPH))
    else:
        ontology = load_ontology()
    construct = (
        "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } "
        f"FILTER(?g != <{graph}> && ?g != <{ONTOLOGY_GRAPH}>) }}"
    )
    data = triples_to_graph(store.query(construct).triples)  # type: ignore[union-attr]
    result = infer(data, ontology, memory_mb=memory_mb)
    if not result.consistent:
        explanation = (
            f"{result.explanation}\n"
            "Nothing was written to the store: fix the data and run 'vdk-graph reason' again."
        )
        return ReasoningReport(False, 0, str(graph), explanation, time.perf_counter() - started)
    out = Graph()
    out += result.inferred
    _describe(out, graph, [*graphs, ONTOLOGY_GRAPH])
    with store.transaction() as tx:
        tx.replace_graph(str(graph), out)
    return ReasoningReport(True, len(result.inferred), str(graph), None, time.perf_counter() - started)


# --------------------------------------------------------------------------- preparing HermiT's input


@dataclass
class _Prepared:
    data: Graph
    ontology: Graph
    #: Ill-typed literals: the data is inconsistent before any reasoning.
    problems: list[str]
    #: Values of functional properties we told HermiT are different things (see _unique_names).
    clashes: list[str]
    #: Literal triples as the data states them, for explaining a range clash.
    literals: list[tuple[Node, Node, Literal]]


def _prepare(data: Graph, ontology: Graph) -> _Prepared:
    """Copies of both graphs that HermiT can read, with nothing that makes owlready2 go online."""
    datatype_props = set(ontology.subjects(RDF.type, OWL.DatatypeProperty))
    leaves = _alignment_leaves(data, ontology)
    onto = Graph()
    for s, p, o in ontology:
        if _unsafe(p):
            continue
        if p == RDFS.range and s in datatype_props and str(o) not in _OWL2_DATATYPES:
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
            if o.datatype is not None and str(o.datatype) not in _OWL2_DATATYPES:
                # Dates, years and durations are outside the OWL 2 datatype map and irrelevant to the
                # types and shortcuts we infer: keep the triple (a domain may type its subject) as text.
                o = Literal(str(o))
            elif o.ill_typed:
                problems.append(f"{_name(s)} {_name(p)} {_literal(o)}: not a valid {_name(o.datatype)}")
                continue
            elif isinstance(o.toPython(), float) and not math.isfinite(o.toPython()):
                continue  # owlready2 writes NaN back as "None", which HermiT rejects
        out.add((s, p, o))
    clashes = _unique_names(out, ontology)
    return _Prepared(out, onto, problems, clashes, literals)


def _alignment_leaves(data: Graph, ontology: Graph) -> set[Node]:
    """Terms of other vocabularies that are only ever the top of an alignment (vdk:Person ⊑ foaf:Person).

    We load none of those vocabularies, so such a term has no axioms: HermiT can conclude
    nothing from it that we emit, yet every extra class and property costs it a realisation
    pass (dropping them made it about 2.5 times faster on 5,000 triples). The types they
    give are added back from the ontology's own hierarchy in _new_triples.
    """
    candidates: set[Node] = {
        o for rel in (RDFS.subClassOf, RDFS.subPropertyOf) for o in ontology.objects(None, rel)
        if isinstance(o, URIRef) and not str(o).startswith((VDK_NS, *_BUILTIN_NAMESPACES))
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
                    listed = ", ".join(_name(v) for v in distinct)
                    which = "has" if forward else "is the value of"
                    clashes.append(f"{_name(key)} {which} {len(distinct)} values for {_name(prop)}, "
                                   f"which allows one: {listed}")
    return clashes


# --------------------------------------------------------------------------- running HermiT


def _run_hermit(prepared: _Prepared, java: str, memory_mb: int | None) -> Graph | None:
    """The triples HermiT adds (owlready2's reading of its output), or None when inconsistent."""
    with _OWLREADY_LOCK, tempfile.TemporaryDirectory(prefix="vdk-reason-") as tmp, _owlready_settings(
        java, memory_mb, tmp
    ):
        world = owlready2.World()  # a fresh in-memory quadstore; never owlready2's default world
        try:
            for name, graph in (("ontology", prepared.ontology), ("data", prepared.data)):
                path = Path(tmp) / f"{name}.nt"
                graph.serialize(path, format="nt", encoding="utf-8")
                # Loading from an open file (not an IRI) keeps owlready2 from looking anything up online.
                world.get_ontology(f"{_WORLD_BASE}{name}#").load(fileobj=path.open("rb"), format="ntriples")
            results = world.get_ontology(f"{_WORLD_BASE}inferred#")
            try:
                owlready2.sync_reasoner_hermit(
                    results, infer_property_values=True, debug=0, ignore_unsupported_datatypes=True
                )
            except owlready2.OwlReadyInconsistentOntologyError:
                return None
            except owlready2.OwlReadyJavaError as exc:
                raise ReasonerUnavailable(_java_failure(str(exc), memory_mb)) from None
            except OSError as exc:  # Java vanished or cannot be executed
                raise ReasonerUnavailable(f"could not start Java ({java}): {exc}") from None
            buffer = io.BytesIO()
            results.save(buffer, format="ntriples")
        finally:
            world.close()
    return Graph().parse(data=buffer.getvalue().decode("utf-8"), format="nt")


@contextmanager
def _owlready_settings(java: str, memory_mb: int | None, tmp: str) -> Iterator[None]:
    # owlready2 reads the Java path and heap from module globals, and writes HermiT's input to a
    # temporary file it does not remove when HermiT fails; pointing tempfile at our own folder
    # (removed afterwards) keeps inconsistent runs from leaving world-sized files in /tmp.
    saved = owlready2.JAVA_EXE, owlready2.reasoning.JAVA_MEMORY, tempfile.tempdir
    owlready2.JAVA_EXE = java
    if memory_mb is not None:
        owlready2.reasoning.JAVA_MEMORY = memory_mb
    tempfile.tempdir = tmp
    try:
        yield
    finally:
        owlready2.JAVA_EXE, owlready2.reasoning.JAVA_MEMORY, tempfile.tempdir = saved


def _java_failure(output: str, memory_mb: int | None) -> str:
    """One line out of a Java stack trace: the exception and its message."""
    lines = [line.strip() for line in output.splitlines()]
    useful = [
        line for line in lines
        if line and not line.startswith(("at ", "...", "Picked up ", "Java error message is"))
    ]
    first = next((i for i, line in enumerate(useful) if "Error" in line or "Exception" in line), 0)
    text = useful[first] if useful else "no error message"
    text = text.removeprefix('Exception in thread "main" ')
    if ": " not in text and first + 1 < len(useful):
        text = f"{text}: {useful[first + 1]}"
    heap = memory_mb or owlready2.reasoning.JAVA_MEMORY
    hint = f" (Java had {heap} MB; give it more)" if "OutOfMemory" in text or "heap" in text.lower() else ""
    return f"the HermiT reasoner (Java) failed: {text}{hint}"


# --------------------------------------------------------------------------- what HermiT's answer adds


def _new_triples(data: Graph, ontology: Graph, prepared: _Prepared, additions: Graph) -> Graph:
    """Close HermiT's answer and keep what is new: named types of data individuals and vdk: shortcuts.

    HermiT reports only the most specific types and, per property, only the pairs no
    sub-property already covers (``hasLeadPartner``, not also ``hasParticipant``), and
    owlready2 leaves out the inverse of a stated triple. So its answer is closed here under
    rdfs:subClassOf, rdfs:subPropertyOf and owl:inverseOf, which is sound OWL and cheap.
    """
    schema = ontology + additions  # the whole hierarchy, alignments included
    class_supers = _supers(schema, (RDFS.subClassOf, OWL.equivalentClass))
    prop_supers = _supers(schema, (RDFS.subPropertyOf, OWL.equivalentProperty))
    inverses: dict[Node, set[Node]] = defaultdict(set)
    for p, q in schema.subject_objects(OWL.inverseOf):
        inverses[p].add(q)
        inverses[q].add(p)
    object_props = {p for p in schema.subjects(RDF.type, OWL.ObjectProperty) if str(p).startswith(VDK_NS)}
    ontology_terms = set(ontology.subjects())
    facts = prepared.data + additions
    stated = data + ontology
    # Only classes the input names: OWLAPI types what it cannot parse as owlapi/error#Error1.
    named = {term for s, _, o in stated for term in (s, o) if isinstance(term, URIRef)}
    named -= {term for term in named if str(term).startswith(_BUILTIN_NAMESPACES)}
    inferred = Graph()

    for s, c in facts.subject_objects(RDF.type):
        if isinstance(s, URIRef) and isinstance(c, URIRef) and s not in ontology_terms:
            for k in {c} | class_supers[c]:
                if k in named:
                    inferred.add((s, RDF.type, k))

    edges: set[tuple[Node, Node, Node]] = {
        (s, p, o) for s, p, o in facts if p in object_props and isinstance(o, URIRef | BNode)
    }
    frontier = list(edges)
    while frontier:
        s, p, o = frontier.pop()
        implied: list[tuple[Node, Node, Node]] = [(s, q, o) for q in prop_supers[p]]
        implied += [(o, q, s) for q in inverses[p]]
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


def _supers(schema: Graph, relations: Iterable[URIRef]) -> dict[Node, set[Node]]:
    """Every named super-class (or super-property) of every named one, equivalents both ways."""
    direct: dict[Node, set[Node]] = defaultdict(set)
    for relation in relations:
        for a, b in schema.subject_objects(relation):
            if isinstance(a, URIRef) and isinstance(b, URIRef):
                direct[a].add(b)
                if relation != RDFS.subClassOf and relation != RDFS.subPropertyOf:
                    direct[b].add(a)
    closed: dict[Node, set[Node]] = defaultdict(set)
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


# --------------------------------------------------------------------------- explaining an inconsistency


def _disjoint_clashes(data: Graph, ontology: Graph) -> list[str]:
    """Individuals whose stated, domain- and range-given types include two disjoint classes."""
    class_supers = _supers(ontology, (RDFS.subClassOf, OWL.equivalentClass))
    prop_supers = _supers(ontology, (RDFS.subPropertyOf, OWL.equivalentProperty))
    inverses: dict[Node, set[Node]] = defaultdict(set)
    for p, q in ontology.subject_objects(OWL.inverseOf):
        inverses[p].add(q)
        inverses[q].add(p)
    domains, ranges = defaultdict(set), defaultdict(set)
    for p, c in ontology.subject_objects(RDFS.domain):
        domains[p].add(c)
    for p, c in ontology.subject_objects(RDFS.range):
        ranges[p].add(c)

    types: dict[Node, dict[Node, str]] = defaultdict(dict)

    def note(thing: Node, cls: Node, why: str) -> None:
        for k in [cls, *class_supers[cls]]:
            types[thing].setdefault(k, why if k == cls else f"{why}, a kind of {_name(k)}")

    for s, p, o in data:
        if p == RDF.type:
            note(s, o, "stated")
            continue
        for q in {p} | prop_supers[p]:
            for c in domains[q]:
                note(s, c, f"as subject of {_name(p)}")
            if not isinstance(o, Literal):
                for c in ranges[q]:
                    note(o, c, f"as value of {_name(p)}")
                for r in inverses[q]:
                    for c in domains[r]:
                        note(o, c, f"as value of {_name(p)}")
                    for c in ranges[r]:
                        note(s, c, f"as subject of {_name(p)}")

    groups = [list(Collection(ontology, m)) for n in ontology.subjects(RDF.type, OWL.AllDisjointClasses)
              for m in ontology.objects(n, OWL.members)]
    groups += [[a, b] for a, b in ontology.subject_objects(OWL.disjointWith)]
    found = []
    for thing in sorted(types, key=str):
        for group in groups:
            hit = [c for c in group if c in types[thing]]
            if len(hit) > 1:
                parts = " and ".join(f"{_name(c)} ({types[thing][c]})" for c in hit)
                found.append(f"{_name(thing)} is both {parts}, which the ontology says cannot overlap")
    return found


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


def _range_clashes(prepared: _Prepared) -> list[str]:
    """Literals whose datatype (or language tag) the range of their data property rules out."""
    ranges = {
        p: str(r) for p, r in prepared.ontology.subject_objects(RDFS.range) if str(r) in _OWL2_DATATYPES
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
            wants = _name(URIRef(wanted))
            found.append(f"{_name(s)} {_name(p)} {_literal(lit)}: the ontology wants {wants} values{why}")
    return found


def _explanation(reasons: list[str], found: str) -> str:
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


def _literal(lit: Literal) -> str:
    # Not Literal.n3(), which warns about the very ill-typed numbers we are reporting.
    if lit.language:
        return f'"{lit}"@{lit.language}'
    return f'"{lit}"^^{_name(lit.datatype)}' if lit.datatype else f'"{lit}"'


def _name(term: Node | None) -> str:
    """A prefixed name for vocabulary terms, the full IRI (which a user can search for) otherwise."""
    text = str(term)
    for prefix, namespace in PREFIXES.items():
        if text.startswith(namespace) and "/" not in text[len(namespace):]:
            return f"{prefix}:{text[len(namespace):]}"
    return f"<{text}>" if isinstance(term, URIRef) else text


# --------------------------------------------------------------------------- the inferred graph


def _describe(graph: Graph, iri: URIRef, read: Iterable[str]) -> None:
    """The inferred graph's own provenance, in the shape every other graph's has (vdk_graph.provenance)."""
    graph.add((iri, RDF.type, VDK.SourceGraph))
    graph.add((iri, RDFS.label, Literal("Inferred by HermiT", lang="en")))
    for source in sorted(set(read)):
        graph.add((iri, PROV.wasDerivedFrom, URIRef(source)))
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    graph.add((iri, PROV.generatedAtTime, Literal(now.isoformat(), datatype=XSD.dateTime)))
    graph.add((iri, VDK.importer, Literal("reason")))
    graph.add((iri, DCTERMS.creator, Literal(f"vdk-graph {__version__}")))

