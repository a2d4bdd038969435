"""What the endpoint says about itself: a SPARQL Service Description with a VoID description of the data.

``GET /sparql`` with no query answers with this graph
(https://www.w3.org/TR/sparql11-service-description/), and so does
``/.well-known/void`` (https://www.w3.org/TR/void/#well-known): tools like
YASGUI read it to learn the formats, and people read it to learn what is in the
graph before they write a query — how many triples, which named graphs (one per
source, with the public URL it was read from), which classes and properties and
how often, and what limits apply to their queries.

The statistics take a few queries over the whole store, so they are computed
once per data version (the store's token that changes on every import).
"""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox

from vdk_graph.derived import Derived, NotReady
from vdk_graph.endpoint.protocol import GRAPH_TYPES, RESULT_TYPES
from vdk_graph.namespaces import PREFIXES, VDK_NS
from vdk_graph.results import GraphResult
from vdk_graph.sparql.shape import MAX_DEPTH
from vdk_graph.store import Store

SD = "http://www.w3.org/ns/sparql-service-description#"
VOID = "http://rdfs.org/ns/void#"
FORMATS = "http://www.w3.org/ns/formats/"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
DCTERMS = "http://purl.org/dc/terms/"
XSD = "http://www.w3.org/2001/XMLSchema#"

#: Our format names -> the W3C's IRIs for them (https://www.w3.org/ns/formats/).
FORMAT_IRIS = {
    "json": "SPARQL_Results_JSON",
    "xml": "SPARQL_Results_XML",
    "csv": "SPARQL_Results_CSV",
    "tsv": "SPARQL_Results_TSV",
    "turtle": "Turtle",
    "nt": "N-Triples",
    "jsonld": "JSON-LD",
    "rdfxml": "RDF_XML",
}
DESCRIPTION_PREFIXES = {"sd": SD, "void": VOID, "formats": FORMATS, **PREFIXES}


@dataclass(frozen=True)
class Limits:
    """The limits every query on the endpoint runs under."""

    timeout: float
    max_rows: int
    max_request_bytes: int
    #: "process": queries are stopped at the limit; "thread": abandoned, not stopped (``memory:``).
    mode: str = "process"
    #: Seconds of query time one client may use per minute (0: no budget).
    client_budget: float = 0.0
    #: Megabytes one query may use (0: no limit).
    query_memory: int = 0
    #: Bytes one answer may have.
    max_answer_bytes: int = 0
    #: Seconds a query may wait for a worker.
    queue_wait: float = 0.0
    #: What keeps the query workers off the network, in one sentence.
    confinement: str = ""

    def sentence(self) -> str:
        stop = (
            "is stopped"
            if self.mode == "process"
            else "is abandoned (the in-memory store cannot stop it; it finishes in the background)"
        )
        return (
            f"Read-only and offline: SPARQL Update, LOAD and SERVICE are refused. A query that runs longer "
            f"than {self.timeout:g} s {stop} and the client gets a 503; results are cut after "
            f"{self.max_rows:,} rows (the response says so: header X-VDK-Truncated and, in JSON, the key "
            f"vdk:truncated); request bodies may hold up to {self.max_request_bytes:,} bytes. The default "
            "graph is the union of all named graphs."
            + (
                f" Each client may use {self.client_budget:g} s of query time per minute and run queries "
                "on at most half the workers at once; beyond that it gets a 429 with Retry-After."
                if self.client_budget > 0
                else ""
            )
            + (
                f" A query that needs more than {self.query_memory:,} MB of memory is stopped (503)."
                if self.query_memory > 0
                else ""
            )
            + (
                f" An answer may hold up to {self.max_answer_bytes:,} bytes (a larger one gets 413)."
                if self.max_answer_bytes > 0
                else ""
            )
            + (
                f" A query waits at most {self.queue_wait:g} s for a free worker (then 503, Retry-After); "
                "one worker is kept for queries that finish within a second."
                if self.queue_wait > 0
                else ""
            )
            + f" Queries nested deeper than {MAX_DEPTH} levels are refused (400)."
            + (f" {self.confinement[0].upper()}{self.confinement[1:]}." if self.confinement else "")
        )


@dataclass(frozen=True)
class Statistics:
    triples: int
    subjects: int
    graphs: tuple[tuple[str, int, tuple[str, ...]], ...]  # (graph, triples, sources)
    classes: tuple[tuple[str, int], ...]
    properties: tuple[tuple[str, int], ...]


def statistics(store: Store) -> Statistics:
    """The store's VoID numbers, computed once per data version."""
    return STATISTICS.get(store)


def _int(term: object) -> int:
    return int(term.value) if isinstance(term, ox.Literal) else 0


def _compute(store: Store) -> Statistics:
    sizes = store.graph_sizes()
    sources: dict[str, list[str]] = {}
    rows = store.select("SELECT ?g ?src WHERE { GRAPH ?g { ?g prov:wasDerivedFrom ?src } }").rows
    for g, src in rows:
        if isinstance(g, ox.NamedNode) and isinstance(src, ox.NamedNode):
            sources.setdefault(g.value, []).append(src.value)
    counted = list(store.select("SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s ?p ?o }").rows)
    [(subjects,)] = counted or [(None,)]
    classes = store.select(
        "SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?c FILTER(isIRI(?c)) } "
        "GROUP BY ?c ORDER BY DESC(?n) ?c"
    ).rows
    properties = store.select(
        "SELECT ?p (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?p ORDER BY DESC(?n) ?p"
    ).rows
    return Statistics(
        triples=store.triple_count(),
        subjects=_int(subjects),
        graphs=tuple((g, n, tuple(sorted(sources.get(g, [])))) for g, n in sorted(sizes.items())),
        classes=tuple((c.value, _int(n)) for c, n in classes if isinstance(c, ox.NamedNode)),
        properties=tuple((p.value, _int(n)) for p, n in properties if isinstance(p, ox.NamedNode)),
    )


#: What the data may be used under: CC BY 4.0 (README, "Licence").
DATA_LICENCE = "https://creativecommons.org/licenses/by/4.0/"
FOAF = "http://xmlns.com/foaf/0.1/"


def describe(
    store: Store, endpoint: str, limits: Limits, title: str = "vdk-graph SPARQL endpoint",
    base_iri: str = "https://w3id.org/vdk/id/", wait: float | None = None,
) -> GraphResult:
    """The service description of ``endpoint`` (its absolute URL) serving ``store``, as triples.

    ``wait``: seconds to wait for the VoID statistics of the current data (None: until counted).
    Past it the last ones counted are given, or, before any were, the description without them
    (VoID makes them optional; a client asking at start must not wait a minute at 10M triples).
    """
    try:
        stats: Statistics | None = STATISTICS.get(store, wait=wait, stale=True)
    except NotReady:
        stats = None
    triples: list[ox.Triple] = []

    def add(s: ox.NamedNode | ox.BlankNode, p: str, o: ox.NamedNode | ox.BlankNode | ox.Literal) -> None:
        triples.append(ox.Triple(s, ox.NamedNode(p), o))

    def a(s: ox.NamedNode | ox.BlankNode, cls: str) -> None:
        triples.append(ox.Triple(s, RDF_TYPE, ox.NamedNode(cls)))

    def count(n: int) -> ox.Literal:
        return ox.Literal(str(n), datatype=ox.NamedNode(XSD + "integer"))

    service = ox.NamedNode(endpoint)
    dataset = ox.NamedNode(endpoint + "#dataset")
    default = ox.NamedNode(endpoint + "#default-graph")
    a(service, SD + "Service")
    add(service, SD + "endpoint", service)
    add(service, SD + "supportedLanguage", ox.NamedNode(SD + "SPARQL11Query"))
    for media in RESULT_TYPES + GRAPH_TYPES:
        add(service, SD + "resultFormat", ox.NamedNode(FORMATS + FORMAT_IRIS[media.name]))
    add(service, SD + "feature", ox.NamedNode(SD + "UnionDefaultGraph"))
    add(service, SD + "defaultEntailmentRegime", ox.NamedNode("http://www.w3.org/ns/entailment/Simple"))
    add(service, DCTERMS + "title", ox.Literal(title))
    add(service, RDFS + "comment", ox.Literal(limits.sentence(), language="en"))
    add(service, SD + "defaultDataset", dataset)

    a(dataset, SD + "Dataset")
    a(dataset, VOID + "Dataset")
    add(
        dataset,
        DCTERMS + "title",
        ox.Literal("The Danish digital visual industry around the cluster Vision Denmark", language="en"),
    )
    add(dataset, VOID + "sparqlEndpoint", service)
    site = endpoint.rsplit("/sparql", 1)[0] + "/" if endpoint.rstrip("/").endswith("/sparql") else None
    if site:  # the app's own dumps and ontology, beside its endpoint
        for dump in ("vdk.nq.gz", "vdk.ttl.gz"):
            add(dataset, VOID + "dataDump", ox.NamedNode(f"{site}data/{dump}"))
        add(dataset, FOAF + "homepage", ox.NamedNode(site))
    add(dataset, DCTERMS + "license", ox.NamedNode(DATA_LICENCE))
    add(dataset, VOID + "vocabulary", ox.NamedNode(VDK_NS.rstrip("#")))
    add(dataset, VOID + "uriSpace", ox.Literal(base_iri))
    add(dataset, SD + "defaultGraph", default)
    a(default, SD + "Graph")
    add(
        default,
        RDFS + "comment",
        ox.Literal("The union of all named graphs (each fact once).", language="en"),
    )
    if stats is None:
        add(dataset, RDFS + "comment", ox.Literal(
            "The statistics (triples, classes, properties, graphs) are being counted: ask again in a "
            "moment.", language="en"))
        return GraphResult(triples)
    add(dataset, VOID + "triples", count(stats.triples))
    add(dataset, VOID + "distinctSubjects", count(stats.subjects))
    add(dataset, VOID + "classes", count(len(stats.classes)))
    add(dataset, VOID + "properties", count(len(stats.properties)))
    add(default, VOID + "triples", count(stats.triples))

    for graph, size, graph_sources in stats.graphs:
        named, description, name = ox.BlankNode(), ox.BlankNode(), ox.NamedNode(graph)
        add(dataset, SD + "namedGraph", named)
        a(named, SD + "NamedGraph")
        add(named, SD + "name", name)
        add(named, SD + "graph", description)
        a(description, SD + "Graph")
        add(description, VOID + "triples", count(size))
        add(dataset, VOID + "subset", name)
        a(name, VOID + "Dataset")
        add(name, VOID + "triples", count(size))
        for source in graph_sources:
            add(name, DCTERMS + "source", ox.NamedNode(source))
    for cls, n in stats.classes:
        partition = ox.BlankNode()
        add(dataset, VOID + "classPartition", partition)
        add(partition, VOID + "class", ox.NamedNode(cls))
        add(partition, VOID + "entities", count(n))
    for prop, n in stats.properties:
        partition = ox.BlankNode()
        add(dataset, VOID + "propertyPartition", partition)
        add(partition, VOID + "property", ox.NamedNode(prop))
        add(partition, VOID + "triples", count(n))
    return GraphResult(triples)


#: The VoID numbers of the store's current data (the service description and /.well-known/void).
# Warmed with the other views: at ten million triples they take a minute to count.
STATISTICS: Derived[Statistics] = Derived("VoID statistics", _compute, keys=1, warm=((),))
