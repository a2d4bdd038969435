"""The graph from Python: ``from vdk_graph import KnowledgeGraph``.

For notebooks and scripts: open the store the CLI and web app use (or any other),
ask SPARQL or a named query, and get rows as dicts of plain Python values, or a
pandas DataFrame. The project prefixes (``vdk:``, ``schema:`` …) need no
declaration, exactly as on the command line and in the workbench::

    from vdk_graph import KnowledgeGraph

    with KnowledgeGraph("./var/store") as kg:
        rows = kg.named("project-partners", project="VDK")
        df = kg.query_df("SELECT ?p ?title WHERE { ?p a vdk:Project ; dcterms:title ?title }")

Queries here have no time limit and no row cap: it is your own copy of the data.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from vdk_graph import queries, sparql
from vdk_graph.config import Settings
from vdk_graph.errors import MissingDependency
from vdk_graph.queries import NamedQuery
from vdk_graph.results import AskResult, GraphResult, QueryResult, SelectResult
from vdk_graph.store import Store, open_store
from vdk_graph.terms import to_python

if TYPE_CHECKING:
    import pandas


class KnowledgeGraph:
    """One store, queried from Python.

    Args:
        store: a store spec as ``--store`` takes it (``"./var/store"``, ``"memory:"``,
            ``"sparql+http://host:port/query"``), a :class:`~vdk_graph.config.Settings`,
            an open :class:`~vdk_graph.store.Store`, or None for the settings from the
            environment (``VDK_STORE``, else ``./var/store``).
        in_memory: for an embedded store, copy it into memory first (up to
            ``VDK_MEMORY_MIRROR`` quads) and answer from the copy: typical queries run
            3–5× faster, at the cost of the copy's memory and the time to make it (about
            40 s per million triples). Imports made meanwhile are picked up, copied again.
        create: make an empty store if the folder holds none. Without it a missing store
            raises :class:`~vdk_graph.errors.StoreNotFound` (saying how to build one), so that
            a mistyped path is not silently an empty graph.

    Raises:
        StoreNotFound: no store at the path, and ``create`` was not given.
        StoreDamaged: the store's files are damaged (they fail their checksums, or the
            database cannot open them).
    """

    def __init__(
        self, store: str | Settings | Store | None = None, *, in_memory: bool = False, create: bool = False
    ) -> None:
        self._owned = not isinstance(store, Store)
        if isinstance(store, Store):
            self._store = store
            self.settings = Settings.from_env()
        else:
            self.settings = store if isinstance(store, Settings) else Settings.from_env(store=store)
            mirror = self.settings.memory_mirror if in_memory else 0
            self._store = open_store(self.settings.store, memory_mirror_max_quads=mirror, create=create)
            if create and not self._store.exists():
                with self._store.transaction():
                    pass  # publishes an empty generation: the store now exists for every later open
        self.in_memory = in_memory and self._store.wait_for_mirror()

    @property
    def store(self) -> Store:
        """The underlying store, for what this class does not wrap (transactions, graph sizes …)."""
        return self._store

    # ------------------------------------------------------------------ SPARQL

    def run(self, query: str) -> QueryResult:
        """The raw result (:class:`SelectResult`, :class:`AskResult` or :class:`GraphResult`) of a query."""
        return sparql.run(self._store, query)

    def query(self, query: str) -> list[dict[str, Any]] | bool | list[tuple[Any, Any, Any]]:
        """Rows of a SELECT as dicts of Python values (unbound variables are left out).

        Literals become ``int``, ``Decimal``, ``float``, ``bool``, ``date``, ``datetime`` or
        ``str``; IRIs become ``str``. An ASK gives a ``bool``; a CONSTRUCT or DESCRIBE a list
        of ``(subject, predicate, object)`` tuples.
        """
        return _python(self.run(query))

    def query_df(self, query: str) -> pandas.DataFrame:
        """A SELECT's result as a pandas DataFrame, one column per variable, in the query's order."""
        result = self.run(query)
        if not isinstance(result, SelectResult):
            raise TypeError("query_df needs a SELECT query; use query() for ASK, CONSTRUCT and DESCRIBE")
        return _frame(result)

    # ------------------------------------------------------------------ named queries

    def named_queries(self) -> list[NamedQuery]:
        """The named queries (``vdk_graph/queries/*.rq``): names, titles, descriptions and parameters."""
        return queries.load_all()

    def named(self, name: str, **params: Any) -> list[dict[str, Any]]:
        """Rows of the named query ``name`` with ``params`` bound (organisations, projects by name or IRI)."""
        return list(queries.get(name).run(self._store, params).dicts())

    def named_df(self, name: str, **params: Any) -> pandas.DataFrame:
        """The named query ``name`` as a pandas DataFrame."""
        return _frame(queries.get(name).run(self._store, params))

    # ------------------------------------------------------------------ lifecycle

    def close(self) -> None:
        """Close the store if this object opened it (a store passed in stays open)."""
        if self._owned:
            self._store.close()

    def __enter__(self) -> KnowledgeGraph:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<KnowledgeGraph {self._store.describe()}{', in memory' if self.in_memory else ''}>"


def _python(result: QueryResult) -> list[dict[str, Any]] | bool | list[tuple[Any, Any, Any]]:
    if isinstance(result, AskResult):
        return result.value
    if isinstance(result, GraphResult):
        return [(to_python(t.subject), to_python(t.predicate), to_python(t.object)) for t in result.triples]
    return list(result.dicts())


def _frame(result: SelectResult) -> pandas.DataFrame:
    try:
        import pandas
    except ImportError:
        raise MissingDependency("DataFrames need pandas, which is not installed: pip install pandas "
                                "(or use query(), which gives rows as dicts)") from None
    rows: Iterator[list[Any]] = ([to_python(term) for term in row] for row in result.rows)
    return pandas.DataFrame(list(rows), columns=result.variables)
