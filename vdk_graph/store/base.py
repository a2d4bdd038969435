"""The one store interface every backend implements.

Reads are SPARQL queries whose default graph is the union of all named graphs
(the contract the whole project relies on). Writes happen only inside a
:meth:`Store.transaction`, which either publishes every change or none, so an
import that fails (or is killed) leaves the store as it was.
"""

from __future__ import annotations

import datetime as dt
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, TypeAlias

import pyoxigraph as ox

from vdk_graph.namespaces import with_used_prefixes
from vdk_graph.results import QueryResult, SelectResult
from vdk_graph.terms import graph_to_triples

if TYPE_CHECKING:
    from rdflib import Graph  # imported where used: rdflib is slow to import, and most commands need none

    from vdk_graph.store.changes import Change

TripleSource: TypeAlias = "Graph | Iterable[ox.Triple]"


@dataclass(frozen=True)
class BulkFile:
    """A file of triples the store's bulk loader can read as it is, and a few triples to add to it.

    A trusted import of a big file hands this to :meth:`Transaction.load_file` instead of
    a million parsed triples: the engine parses it (several times faster than Python
    iterating over it, and without holding it in memory). Iterating over it parses
    the file, so wherever triples are expected (a diff, a re-import) it still works.
    """

    path: Path
    format: ox.RdfFormat
    #: Added to the graph after the file (the import's provenance of the file).
    extra: tuple[ox.Triple, ...] = ()

    def __iter__(self) -> Iterator[ox.Triple]:
        parsed = ox.parse(path=str(self.path), format=self.format, without_named_graphs=True,
                          rename_blank_nodes=True)
        yield from (q.triple for q in parsed)
        yield from self.extra


@dataclass(frozen=True)
class GraphChange:
    """What one write did to one named graph."""

    graph: str
    added: int
    removed: int
    existed: bool


@dataclass(frozen=True)
class Capabilities:
    """What a backend can do, for the callers that must treat backends differently.

    Callers ask these (``store.capabilities.remote``) rather than the store's class, so a
    new backend says what it is in one place (:mod:`vdk_graph.store.registry`).
    """

    #: Queries run on a pyoxigraph store in this process (:meth:`Store.native`), whose own
    #: result writers the endpoint can use.
    native: bool = False
    #: The data lives in files on this machine.
    local_files: bool = False
    #: The data lives on a server reached over the network: queries leave this machine, and
    #: that server answers in its own dialect.
    remote: bool = False
    #: Processes that run queries over this store can be kept off the network (a remote
    #: store's workers must reach its server).
    confinable: bool = True
    #: Another process can open the same data from :meth:`Store.reopen_spec` (not ``memory:``).
    shared: bool = False


class Transaction(ABC):
    """Writes collected here become visible together when the transaction ends without error."""

    @abstractmethod
    def replace_graph(self, graph: str, triples: TripleSource) -> GraphChange:
        """Make ``graph`` hold exactly ``triples`` (and keep the union default graph in step)."""

    @abstractmethod
    def remove_graph(self, graph: str) -> GraphChange:
        """Remove ``graph`` and every triple only it held."""

    def load_file(self, graph: str, file: BulkFile) -> GraphChange:
        """Replace ``graph`` with the triples of a file; backends override this with a bulk path.

        Blank nodes get fresh identifiers, as the bulk loader gives them: ``_:b0`` in two
        files are two nodes, not one node shared by both graphs.
        """
        return self.replace_graph(graph, list(file))


class Store(ABC):
    """A dataset of named graphs, queried with SPARQL 1.1."""

    #: Short backend name shown by ``vdk-graph stats`` and the service description.
    kind: str = "store"
    location: str = ""
    capabilities: ClassVar[Capabilities] = Capabilities()

    @abstractmethod
    def query(
        self,
        sparql: str,
        *,
        default_graphs: list[str] | None = None,
        named_graphs: list[str] | None = None,
    ) -> QueryResult:
        """Run a SPARQL query.

        Without ``default_graphs`` the default graph is the (set) union of all named
        graphs; without ``named_graphs`` every named graph is there for ``GRAPH``. An
        empty list means none, as in the SPARQL protocol. Naming several default graphs
        merges them as a bag in Oxigraph 0.5 (see docs/decisions/0002).
        """

    @abstractmethod
    def transaction(self) -> AbstractContextManager[Transaction]:
        """A write transaction; raises :class:`~vdk_graph.errors.StoreBusyError` if another is running."""

    @abstractmethod
    def data_version(self) -> str:
        """A token that changes whenever the data does: the key for caches of derived views."""

    def cache_folder(self) -> Path | None:
        """A folder beside the data for files derived from it (dumps …); None for stores with no folder."""
        return None

    def touched_between(self, old: str, new: str) -> Change | None:
        """The IRIs the writes from data version ``old`` to ``new`` touched; None when unknown.

        Derived views update themselves from it instead of rebuilding (:mod:`vdk_graph.store.changes`).
        A store that keeps no log of its writes (a remote server) never knows.
        """
        return None

    def subjects_touched_since(self, old: str, limit: int) -> frozenset[str] | None:
        """The subjects the writes since data version ``old`` touched; None when unknown or more than
        ``limit`` (a view then reads everything again: as cheap as reading that many subjects)."""
        change = self.touched_between(old, self.data_version())
        return None if change is None or len(change.subjects) > limit else change.subjects

    def modified(self) -> dt.datetime | None:
        """When the data last changed, if the backend knows (HTTP ``Last-Modified``); None if not."""
        return None

    def select(
        self,
        sparql: str,
        *,
        default_graphs: list[str] | None = None,
        named_graphs: list[str] | None = None,
    ) -> SelectResult:
        """Run a SELECT the library wrote and return its rows (``.rows``, ``.dicts()``, ``.tuples()``).

        The project's prefixes it uses (``vdk:``, ``rdfs:``, ``schema:`` …, from
        :data:`vdk_graph.namespaces.PREFIXES`) are declared for it, so library queries
        carry no PREFIX blocks of their own. A query that is not a SELECT is a bug in the
        caller: :class:`TypeError`. Users' queries go through :func:`vdk_graph.sparql.run`.
        """
        result = self.query(with_used_prefixes(sparql), default_graphs=default_graphs,
                            named_graphs=named_graphs)
        if not isinstance(result, SelectResult):
            raise TypeError(f"Store.select() runs SELECT queries; this one gave {type(result).__name__}")
        return result

    def graph_sizes(self) -> dict[str, int]:
        """Named graphs and their triple counts."""
        result = self.select("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
        return {row[0].value: int(row[1].value) for row in result.rows if row[0] is not None}  # type: ignore[union-attr]

    def graph_names(self) -> set[str]:
        """The named graphs that hold triples: :meth:`graph_sizes`'s keys, without counting them.

        Counting reads every quad (2.7 s at a million triples); an engine in this process
        lists its graphs from an index and looks one quad up in each.
        """
        engine = self.native()
        if engine is None:
            return set(self.graph_sizes())
        return {g.value for g in engine.named_graphs() if isinstance(g, ox.NamedNode)
                and next(engine.quads_for_pattern(None, None, None, g), None) is not None}

    def graph_triples(self, graph: str) -> Iterator[ox.Triple]:
        """The triples of one named graph."""
        result = self.query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")
        yield from result.triples  # type: ignore[union-attr]

    def triple_count(self) -> int:
        """Distinct triples in the union of all graphs."""
        for row in self.select("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").rows:
            return int(row[0].value)  # type: ignore[union-attr]
        return 0

    def exists(self) -> bool:
        """Whether there is a store here yet (only a folder can be one still to be written)."""
        return True

    def reopen_spec(self) -> str | None:
        """The ``--store`` value with which another process opens this same data (None: it cannot)."""
        return None

    def native(self) -> ox.Store | None:
        """The pyoxigraph store queries run on (for its own result writers); None for a remote store."""
        return None

    def wait_for_mirror(self, timeout: float | None = None) -> bool:
        """Wait for an in-memory copy to answer queries; whether one does (only embedded stores make one)."""
        return False

    def close(self) -> None:  # noqa: B027 - optional hook
        """Release files and connections."""

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def describe(self) -> str:
        return f"{self.kind} store at {self.location}" if self.location else f"{self.kind} store"


def as_triples(triples: TripleSource) -> list[ox.Triple]:
    from rdflib import Graph

    if isinstance(triples, Graph):
        return graph_to_triples(triples)
    return [t.triple if isinstance(t, ox.Quad) else t for t in triples]


def canonical_triples(triples: TripleSource) -> set[ox.Triple]:
    """The triples as Oxigraph stores them, so they compare equal to what a query gives back.

    Oxigraph keeps typed literals in canonical form and language tags in lower case
    (``"1500000.00"^^xsd:decimal`` is read back as ``"1500000"``, ``en-GB`` as
    ``en-gb``); diffing the caller's spelling against the stored one would report
    changes on every re-import of unchanged data.
    """
    scratch = ox.Store()
    scratch.extend(ox.Quad(t.subject, t.predicate, t.object) for t in as_triples(triples))
    return {q.triple for q in scratch}
