"""What the embedded and the in-memory backends share: queries and transactions over a pyoxigraph Store.

The union default graph is *materialised*: every write keeps the store's own
default graph equal to the set union of its named graphs. Oxigraph 0.5's
``use_default_graph_as_union`` yields a triple once per graph holding it, so a
fact stated by two sources counted twice in ``COUNT``/``SUM`` (oxigraph issue
#1919, fixed after 0.5). See docs/decisions/0002-union-default-graph.md.
"""

from __future__ import annotations

import mmap
import re
from collections.abc import Iterator

import pyoxigraph as ox

from vdk_graph.errors import QueryError
from vdk_graph.results import AskResult, GraphResult, QueryResult, SelectResult
from vdk_graph.store import changes
from vdk_graph.store.base import BulkFile, GraphChange, Transaction, TripleSource, canonical_triples
from vdk_graph.store.dataset import resolve
from vdk_graph.store.threadbound import release_stranded, thread_bound
from vdk_graph.terms import iter_rows

_POSITION = re.compile(r"^(?:error at )?(\d+):(\d+):?\s*")


def native_query(
    store: ox.Store,
    sparql: str,
    default_graphs: list[str] | None = None,
    named_graphs: list[str] | None = None,
) -> ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples:
    """Run a query on a pyoxigraph store: pyoxigraph's own result, its errors as QueryError.

    The dataset (protocol graphs, else FROM clauses) is resolved first, so that several default
    graphs are merged as a set (store/dataset.py). An empty list is an empty default graph, as in
    the SPARQL protocol (not the union).
    """
    dataset = resolve(store, sparql, default_graphs, named_graphs)
    kwargs: dict[str, object] = {}
    if dataset.default_graph is not None:
        kwargs["default_graph"] = dataset.default_graph
    if dataset.named_graphs is not None:
        kwargs["named_graphs"] = dataset.named_graphs
    try:
        return dataset.store.query(sparql, **kwargs)  # type: ignore[arg-type]
    except SyntaxError as exc:
        raise syntax_error(exc) from None
    except (ValueError, OSError) as exc:
        raise QueryError(f"the query could not be run: {exc}") from None


def run_query(
    store: ox.Store,
    sparql: str,
    default_graphs: list[str] | None = None,
    named_graphs: list[str] | None = None,
) -> QueryResult:
    """Run a query on a pyoxigraph store, translating its result and its errors."""
    release_stranded()
    raw: object = native_query(store, sparql, default_graphs, named_graphs)
    try:
        if isinstance(raw, ox.QuerySolutions):
            variables = [v.value for v in raw.variables]
            return SelectResult(variables, iter_rows(thread_bound(raw), len(variables)))
        if isinstance(raw, ox.QueryBoolean):
            return AskResult(bool(raw))
        assert isinstance(raw, ox.QueryTriples)
        return GraphResult(thread_bound(raw))
    finally:
        # This call's frame may outlive it: any library's exception cycle below (pyparsing's, which
        # declared_dataset used until it read FROM by tokens) holds the frames of its callers, and a
        # garbage collection on another thread would then drop the raw result there. Only
        # thread_bound may hold it.
        raw = None  # noqa: F841 - cleared on purpose


def _count_in(store: ox.Store, graph: ox.NamedNode) -> int:
    """The triples in ``graph``; the engine's answer never sits in a local (see run_query)."""
    count = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH {graph} {{ ?s ?p ?o }} }}"
    return int(next(iter(store.query(count)))[0].value)  # type: ignore[arg-type]


def syntax_error(exc: SyntaxError | str, where: str = "") -> QueryError:
    """A QueryError with line and column taken from Oxigraph's message (``error at 3:14: ...``).

    ``where`` (e.g. "the SPARQL server at …") prefixes the message; an Oxigraph server
    reports syntax errors in the same words as pyoxigraph.
    """
    message = str(exc)
    prefix = f"{where}: " if where else ""
    match = _POSITION.search(message)
    if match:
        line, column = int(match.group(1)), int(match.group(2))
        detail = message[match.end():]
        text = f"{prefix}SPARQL syntax error at line {line}, column {column}: {detail}"
        return QueryError(text, line, column, detail)
    return QueryError(f"{prefix}SPARQL syntax error: {message}", detail=message)


class OxigraphTransaction(Transaction):
    """Writes into one pyoxigraph store that nobody else reads until the transaction is published."""

    def __init__(self, store: ox.Store) -> None:
        self._store: ox.Store | None = store
        #: What the writes touched (the store's change log keeps it with the version they publish).
        self.touched = changes.Touched()
        #: Triples this transaction added to or removed from named graphs: how large a write it was
        #: (the embedded store compacts a large one before publishing it).
        self.changed = 0

    @property
    def store(self) -> ox.Store:
        if self._store is None:
            raise RuntimeError("this transaction has ended; open a new one with store.transaction()")
        return self._store

    def close(self) -> None:
        self._store = None

    def _named(self, graph: str) -> set[ox.Triple]:
        return {q.triple for q in self.store.quads_for_pattern(None, None, None, ox.NamedNode(graph))}

    def replace_graph(self, graph: str, triples: TripleSource) -> GraphChange:
        store = self.store
        name = ox.NamedNode(graph)
        new = canonical_triples(triples)
        old = self._named(graph)
        existed = bool(old) or store.contains_named_graph(name)
        added, removed = new - old, old - new
        self.touched.add(added)
        self.touched.add(removed)
        store.add_graph(name)
        for t in removed:
            store.remove(ox.Quad(t.subject, t.predicate, t.object, name))
        store.extend([ox.Quad(t.subject, t.predicate, t.object, name) for t in added])
        store.extend([ox.Quad(t.subject, t.predicate, t.object) for t in added])
        self._prune_union(removed)
        self.changed += len(added) + len(removed)
        return GraphChange(graph, len(added), len(removed), existed)

    def remove_graph(self, graph: str) -> GraphChange:
        """Remove the graph, and from the union each of its triples no other graph states.

        Both happen in the engine (one SPARQL update, then the graph dropped): pruning the union
        triple by triple from Python took ~0.2 ms a triple, a minute for a graph of 300,000.
        """
        store = self.store
        name = ox.NamedNode(graph)
        old = _count_in(store, name)
        existed = bool(old) or store.contains_named_graph(name)
        if old > changes.TOUCHED_LIMIT:
            self.touched.unknown()
        else:
            self.touched.add(self._named(graph))
        if existed:
            store.update(f"""DELETE {{ ?s ?p ?o }} WHERE {{
                GRAPH {name} {{ ?s ?p ?o }}
                FILTER NOT EXISTS {{ GRAPH ?other {{ ?s ?p ?o }} FILTER(?other != {name}) }}
            }}""")
            store.remove_graph(name)
        self.changed += old
        return GraphChange(graph, 0, old, existed)

    def load_file(self, graph: str, file: BulkFile) -> GraphChange:
        """Bulk-load a triples file into a new graph and the union.

        A file that cannot hold blank nodes is bulk-loaded twice, into the named graph and
        into the default graph: the engine parses it each time, which costs ~1.4x one load
        where feeding each parsed triple through Python twice costs ~2.5x (bench/store_bench.py).
        Blank nodes rule that out (each load names them afresh, so the two graphs would hold
        different nodes); such a file is parsed once and each triple written to both graphs.
        """
        store = self.store
        name = ox.NamedNode(graph)
        existed = store.contains_named_graph(name)
        if existed and next(store.quads_for_pattern(None, None, None, name), None):
            return super().load_file(graph, file)
        if may_hold_blank_nodes(file):
            triples = (q.triple for q in ox.parse(path=str(file.path), format=file.format,
                                                  without_named_graphs=True, rename_blank_nodes=True))
            store.bulk_extend(_twice(triples, name))
        else:
            store.bulk_load(path=str(file.path), format=file.format, to_graph=name)
            store.bulk_load(path=str(file.path), format=file.format)
        store.extend(_twice(iter(file.extra), name))
        added = _count_in(store, name)
        if added > changes.TOUCHED_LIMIT:
            self.touched.unknown()
        else:
            self.touched.add(self._named(graph))
        self.changed += added
        return GraphChange(graph, added, 0, existed)

    def _prune_union(self, triples: set[ox.Triple]) -> None:
        store = self.store
        for t in triples:
            still_stated = any(
                not isinstance(q.graph_name, ox.DefaultGraph)
                for q in store.quads_for_pattern(t.subject, t.predicate, t.object, None)
            )
            if not still_stated:
                store.remove(ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()))


#: Bytes that may start a blank node, by format; other formats are always read as if they might.
_BLANK_MARKS: dict[ox.RdfFormat, tuple[bytes, ...]] = {
    ox.RdfFormat.N_TRIPLES: (b"_:",),
    ox.RdfFormat.TURTLE: (b"_:", b"[", b"("),
}


def may_hold_blank_nodes(file: BulkFile) -> bool:
    """False only when the file certainly has no blank node (a mark inside a literal says "maybe")."""
    marks = _BLANK_MARKS.get(file.format)
    if marks is None:
        return True
    if file.path.stat().st_size == 0:
        return False
    with file.path.open("rb") as handle, mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as data:
        return any(data.find(mark) != -1 for mark in marks)


def _twice(triples: Iterator[ox.Triple], graph: ox.NamedNode) -> Iterator[ox.Quad]:
    """Each triple as a quad of ``graph`` and of the (materialised union) default graph."""
    for t in triples:
        yield ox.Quad(t.subject, t.predicate, t.object, graph)
        yield ox.Quad(t.subject, t.predicate, t.object)
