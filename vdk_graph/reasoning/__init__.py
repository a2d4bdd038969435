"""``vdk-graph reason``: OWL 2 reasoning with HermiT (through owlready2), written to a named graph of its own.

The importers state what the sources say: n-ary nodes for participations,
memberships, investments, grants and positions. The ontology's property chains,
inverses, domains and ranges turn those into the shortcuts analysts query
(``vdk:hasParticipant``, ``vdk:memberOf``, ``vdk:investsIn`` ...), and HermiT also
checks that the data does not contradict the ontology (a person who is also an
organisation). The inferred triples go into ``{base}graph/inferred`` because they
are derived, not sourced: ``reason`` replaces that graph wholesale and every
other graph keeps a true provenance.

The public API is here; the steps live in modules of their own:
``prepare`` (graphs into HermiT input) → ``hermit`` (Java and owlready2) →
``closure`` (what the answer adds) or ``explain`` (why the data is inconsistent).
HermiT is Java; ``hermit`` is the only part of vdk-graph that needs a Java runtime.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterable
from dataclasses import dataclass

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, XSD

from vdk_graph import __version__
from vdk_graph.iris import Minter
from vdk_graph.ontology import ONTOLOGY_GRAPH, load_ontology
from vdk_graph.reasoning.closure import new_triples
from vdk_graph.reasoning.explain import disjoint_clashes, explanation, range_clashes
from vdk_graph.reasoning.hermit import NO_JAVA_MESSAGE, java_executable, require_java, run_hermit
from vdk_graph.reasoning.prepare import prepare
from vdk_graph.store.base import Store
from vdk_graph.terms import triples_to_graph
from vdk_graph.vocab import VDK

__all__ = [
    "INFERRED_GRAPH_NAME",
    "NO_JAVA_MESSAGE",
    "Inference",
    "ReasoningReport",
    "infer",
    "java_executable",
    "reason_store",
]

#: The inferred graph is ``Minter(base_iri).graph(INFERRED_GRAPH_NAME)``.
INFERRED_GRAPH_NAME = "inferred"


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


def infer(data: Graph, ontology: Graph, *, memory_mb: int | None = None) -> Inference:
    """Check ``data`` against ``ontology`` with HermiT and return the triples it entails that neither states.

    ``memory_mb`` is Java's heap (owlready2's default is 2000 MB). Raises
    :class:`ReasonerUnavailable` when there is no Java or Java fails.
    """
    java = require_java()
    started = time.perf_counter()
    prepared = prepare(data, ontology)
    if prepared.problems:  # an ill-typed literal makes OWL data inconsistent, and would crash HermiT
        why = explanation(prepared.problems, "it has values that are not valid for their datatype")
        return Inference(False, Graph(), why, time.perf_counter() - started)
    additions = run_hermit(prepared, java, memory_mb)
    if additions is None:
        reasons = [*prepared.clashes, *disjoint_clashes(data, ontology), *range_clashes(prepared)]
        why = explanation(reasons, "HermiT found it inconsistent")
        return Inference(False, Graph(), why, time.perf_counter() - started)
    inferred = new_triples(data, ontology, prepared, additions)
    return Inference(True, inferred, None, time.perf_counter() - started)


def reason_store(store: Store, base_iri: str, *, memory_mb: int | None = None) -> ReasoningReport:
    """Reason over every graph of the store and replace ``{base}graph/inferred`` with the result.

    The ontology comes from its graph in the store when the store has one (so reasoning
    matches what queries see), otherwise from the ontology file. An inconsistent store
    is left exactly as it was.
    """
    started = time.perf_counter()
    require_java()  # before reading a possibly large store
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
        why = (
            f"{result.explanation}\n"
            "Nothing was written to the store: fix the data and run 'vdk-graph reason' again."
        )
        return ReasoningReport(False, 0, str(graph), why, time.perf_counter() - started)
    out = Graph()
    out += result.inferred
    _describe(out, graph, [*graphs, ONTOLOGY_GRAPH])
    with store.transaction() as tx:
        tx.replace_graph(str(graph), out)
    return ReasoningReport(True, len(result.inferred), str(graph), None, time.perf_counter() - started)


def _describe(graph: Graph, iri: URIRef, read: Iterable[str]) -> None:
    """The inferred graph's own provenance, in the shape every other graph's has (importers.provenance)."""
    graph.add((iri, RDF.type, VDK.SourceGraph))
    graph.add((iri, RDFS.label, Literal("Inferred by HermiT", lang="en")))
    for source in sorted(set(read)):
        graph.add((iri, PROV.wasDerivedFrom, URIRef(source)))
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    graph.add((iri, PROV.generatedAtTime, Literal(now.isoformat(), datatype=XSD.dateTime)))
    graph.add((iri, VDK.importer, Literal("reason")))
    graph.add((iri, DCTERMS.creator, Literal(f"vdk-graph {__version__}")))
