"""Aggregates of the collaboration network, materialised per data version in their own named graph.

The questions analysts ask most at scale — who collaborates with whom and how
often, who is best connected, which knowledge institutions reach which companies,
which topics go together — are joins of participation with itself, 10–70 s as
SPARQL at a million triples. ``{base}graph/aggregates`` holds their answers as
triples (what they mean: :mod:`.compute`), queryable like any other graph::

    SELECT ?a ?b ?n WHERE { ?tie vdk:between ?a, ?b ; vdk:sharedProjects ?n } ORDER BY DESC(?n) LIMIT 10

The graph describes itself like the network measures' graph (importer
``aggregates``, derived from every source graph, made when) and records, per
*family* of aggregates, the fingerprint of the data it was counted from
(:mod:`.inputs`). A named query with a materialised formulation runs it only
while the families it reads are current (:mod:`.freshness`), else its original
formulation: stale aggregates make a query slower, never wrong.
``vdk-graph build`` and ``vdk-graph derive`` count them (``derive`` first, before
the views stamped with the data version); ``vdk-graph aggregates`` does on demand.
``import``, ``remove-source``, ``reason`` and ``metrics`` count them only for a
small store (:func:`after_change`: counting costs minutes at a million triples,
several times the import); a larger one is left with stale aggregates until
``derive``. See docs/decisions/0011-materialised-aggregates.md.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from vdk_graph import __version__
from vdk_graph.aggregates import compute, freshness, inputs
from vdk_graph.aggregates.freshness import current
from vdk_graph.aggregates.inputs import DERIVED_IMPORTERS, FAMILIES
from vdk_graph.namespaces import VDK_NS
from vdk_graph.results import SelectResult
from vdk_graph.store.base import BulkFile, Store

GRAPH_NAME = "aggregates"
#: After a change, the aggregates are counted when the data (derived graphs aside) holds at most
#: this many triples: counting took 1.5 s at 10,000 and 3.4 s at 30,000 (medians of three, loaded
#: 2-core machine; 130–250 s at a million). A larger store leaves them to ``vdk-graph derive``.
AUTO_COUNT_LIMIT = 15_000
IMPORTER = freshness.IMPORTER
STAMP = "{family} sha1:{digest}"


def aggregates_graph(base_iri: str) -> str:
    """The aggregates graph's IRI under the project's base (``https://w3id.org/vdk/id/graph/aggregates``)."""
    # rdflib comes with it: imported when a write needs it, so a cheap query stays cheap (test_cli_startup)
    from vdk_graph.iris import Minter

    return str(Minter(base_iri).graph(GRAPH_NAME))


@dataclass
class AggregatesReport:
    graph: str
    triples: int
    seconds: float
    #: Families written (all of them, unless they were current already).
    families: list[str] = field(default_factory=list)
    #: Families that were current already (nothing was written when all were).
    unchanged: list[str] = field(default_factory=list)
    #: The data version the aggregates were written over, and the one their writing published
    #: (both None when nothing was written): the change from one to the other is theirs alone.
    parent_version: str | None = None
    version: str | None = None

    def summary(self) -> str:
        if not self.families:
            return f"aggregates: already current in <{self.graph}>"
        return (f"aggregates ({', '.join(self.families)}): {self.triples:,} triples written to "
                f"<{self.graph}> in {self.seconds:.1f} s")


def _description(graph: str, sources: Iterable[str], fingerprints: dict[str, str], now: dt.datetime,
                 ) -> Iterator[str]:
    """The graph's own provenance, as every derived graph gives it (see vdk_graph.matchmaking.metrics)."""
    g = f"<{graph}>"

    def text(value: str, lang: str | None = None) -> str:
        literal = ox.Literal(value, language=lang) if lang else ox.Literal(value)
        return str(literal)

    rdfs, prov, dcterms = ("http://www.w3.org/2000/01/rdf-schema#", "http://www.w3.org/ns/prov#",
                           "http://purl.org/dc/terms/")
    yield f"{g} <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{VDK_NS}SourceGraph> ."
    yield f"{g} <{rdfs}label> {text('Aggregates of the collaboration network', 'en')} ."
    yield f"{g} <{rdfs}label> {text('Aggregater af samarbejdsnetværket', 'da')} ."
    for source in sorted(set(sources)):
        yield f"{g} <{prov}wasDerivedFrom> <{source}> ."
    when = now.replace(microsecond=0).isoformat()
    yield f'{g} <{prov}generatedAtTime> "{when}"^^<http://www.w3.org/2001/XMLSchema#dateTime> .'
    yield f"{g} <{VDK_NS}importer> {text(IMPORTER)} ."
    yield f"{g} <{dcterms}creator> {text(f'vdk-graph {__version__}')} ."
    for family, digest in sorted(fingerprints.items()):
        yield f"{g} <{dcterms}identifier> {text(STAMP.format(family=family, digest=digest))} ."
    yield f"{g} <{dcterms}description> " + text(
        "Counted from the other graphs for the named queries: ties between participants sharing projects "
        "(vdk:between, vdk:sharedProjects, vdk:tieRank, vdk:tieFrom, vdk:tieTo), topic pairs (vdk:pairOf, "
        "vdk:cooccurrences), "
        "knowledge institutions reaching companies (vdk:reachFrom, vdk:reachTo, vdk:reachProjects), "
        "public money per topic and currency (vdk:moneyTopic, vdk:moneyCurrency, vdk:moneyTotal), "
        "the cluster organisations of every project (vdk:projectCluster), "
        "the year each organisation first took part in a project (vdk:firstParticipationYear), "
        "partner, project and participant counts, communities among partners, triples per source graph, "
        "the place of every project's and participant's IRI in text order (vdk:iriOrder) and of every "
        "participant's name and project's title in the engine's order (vdk:labelOrder, vdk:titleOrder), "
        "the place of rows in three named queries' answers (vdk:reachRank, vdk:newestRank, "
        "vdk:participationsPlace), every granted project's topics with the broader ones (vdk:projectTheme, "
        "vdk:projectTopics). "
        "Each dcterms:identifier is the SHA-1 of the data one family was counted from (and of the format "
        "it was counted in); a family whose data changed since is not used.",
        "en") + " ."


def write_aggregates(store: Store, base_iri: str, families: Iterable[str] = FAMILIES, *,
                     force: bool = False) -> AggregatesReport:
    """Count the aggregates and replace the aggregates graph with them, unless they are current already.

    Whether they are current is asked before any transaction starts (a transaction of an
    embedded store publishes a new data version even when it writes nothing, and every view
    derived from the data would be computed again). What is counted is what the transaction
    publishes: the inputs are read again inside it if another writer came in between, and no
    writer can come in while it holds the lock; the data version it publishes is then known to
    hold current aggregates (recorded beside an embedded store: :mod:`.freshness`).
    """
    started = time.perf_counter()
    graph = aggregates_graph(base_iri)
    wanted = [f for f in FAMILIES if f in set(families)]
    report = AggregatesReport(graph, 0, 0.0)
    version = store.data_version()
    found = inputs.read(store, wanted)
    recorded_graph, stamps = freshness.recorded(store)
    current = recorded_graph == graph and all(stamps.get(f) == found.fingerprints[f] for f in wanted)
    if current and not force:
        report.unchanged = wanted
        if set(wanted) == set(FAMILIES) and store.data_version() == version:
            freshness.write_marker(store, version, frozenset(wanted))  # a later process need not check
        report.seconds = time.perf_counter() - started
        return report
    with store.transaction() as tx:
        parent = store.data_version()  # no other writer can publish while the transaction holds the lock
        if parent != version:
            found = inputs.read(store, wanted)
        sources = found.sizes if found.sizes else {
            g: n for g, n in store.graph_sizes().items() if g not in inputs.derived_graphs(store)}
        folder = store.cache_folder()
        if folder is not None:
            folder.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(prefix="aggregates-", suffix=".nt",
                                        dir=str(folder) if folder is not None else None)
        path = Path(name)
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                for line in compute.lines(found, graph):
                    out.write(line + "\n")
                for line in _description(graph, sources, found.fingerprints, dt.datetime.now(dt.UTC)):
                    out.write(line + "\n")
            tx.remove_graph(graph)
            change = tx.load_file(graph, BulkFile(path, ox.RdfFormat.N_TRIPLES))
        finally:
            path.unlink(missing_ok=True)
    report.triples, report.families = change.added, wanted
    version = store.data_version()
    report.parent_version, report.version = parent, version
    freshness.write_marker(store, version, frozenset(wanted))
    report.seconds = time.perf_counter() - started
    return report


def data_within(store: Store, limit: int) -> bool:
    """Whether the store's data — every graph but the derived ones — holds at most ``limit`` triples.

    An embedded or memory store is counted graph by graph, stopping past ``limit``: a
    million-triple store answers in milliseconds, where counting every triple takes seconds.
    A server lists its graphs with their sizes (its own way: ``store/dialects.py``).
    """
    derived = inputs.derived_graphs(store)
    engine = store.native()
    if engine is None:
        return sum(n for g, n in store.graph_sizes().items() if g not in derived) <= limit
    left = limit
    for graph in engine.named_graphs():
        if not isinstance(graph, ox.NamedNode) or graph.value in derived:
            continue
        counted = store.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ SELECT ?s WHERE {{ GRAPH <{graph.value}> "
                              f"{{ ?s ?p ?o }} }} LIMIT {left + 1} }}")
        assert isinstance(counted, SelectResult)
        left -= next(int(row[0].value) for row in counted.rows)  # type: ignore[union-attr]
        if left < 0:
            return False
    return True


@dataclass
class AfterChange:
    """What became of the aggregates after a command changed the data."""

    #: What counting wrote (None: the store was too large to count them as part of the command).
    counted: AggregatesReport | None
    limit: int

    def summary(self) -> str:
        if self.counted is not None:
            return self.counted.summary()
        return (f"aggregates: stale (not counted for data over {self.limit:,} triples); the named queries "
                "take their original formulations, slower but the same rows, until 'vdk-graph derive' "
                "(or 'vdk-graph aggregates') counts them")


def after_change(store: Store, base_iri: str, *, limit: int | None = None) -> AfterChange:
    """After an import, a source removed, inferences or measures written: count the aggregates if it is cheap.

    A store of at most ``limit`` triples (default :data:`AUTO_COUNT_LIMIT`) has them counted
    (seconds). A larger one keeps its stale aggregates — the named queries take their original
    formulations, so nothing is wrong, only slower — and is recorded as having none current at
    this data version, so that no later process spends seconds finding that out (a version that
    already has a record, because the change published none, keeps it).
    """
    limit = AUTO_COUNT_LIMIT if limit is None else limit
    if data_within(store, limit):
        return AfterChange(write_aggregates(store, base_iri), limit)
    version = store.data_version()
    if freshness.read_marker(store, version) is None:
        freshness.write_marker(store, version, frozenset())
    return AfterChange(None, limit)


__all__ = ["AUTO_COUNT_LIMIT", "DERIVED_IMPORTERS", "FAMILIES", "AfterChange", "AggregatesReport",
           "after_change", "aggregates_graph", "current", "data_within", "write_aggregates"]
