"""A remote SPARQL 1.1 server (``sparql+http(s)://host/path``): Oxigraph, Fuseki, GraphDB, Virtuoso.

Reads use the SPARQL 1.1 Protocol. To keep the contract "the default graph is
the *set* union of the named graphs" on any server, every query that does not
name its own dataset is sent with an explicit RDF dataset (the protocol's
``default-graph-uri`` and ``named-graph-uri``): the store's named graphs as the
named graphs, and as the default graph one graph, ``<urn:vdk-graph:union>``,
in which every write keeps the union materialised. Listing the named graphs as
default graphs instead would be simpler, but servers merge such a list as a
bag: Oxigraph 0.5 and Virtuoso 7 count a triple stated by two graphs twice
(oxigraph#1919; docs/decisions/0002-union-default-graph.md).

Graphs named ``urn:vdk-graph:…`` are the store's own bookkeeping: the union, and
``<urn:vdk-graph:meta>`` with a version stamp and the list of the store's
graphs. That list, not ``GRAPH ?g``, says which graphs are data, so a server's
own graphs (Virtuoso's ``virtrdf#`` …) never enter the union, ``graph_sizes``
or a query's named graphs. A server filled by another tool, without that list,
is read with the graphs it lists (less the reserved ones and the server's own)
until vdk-graph first writes to it, and that write takes them in.

Writes use SPARQL 1.1 Update: a whole transaction is sent as *one* update
request, or, past the size a server takes (Virtuoso: 10 MB), as requests that
stage it and one that publishes it (:mod:`vdk_graph.store.remote_update`). The update endpoint is the one
given (``update_url=``, or ``VDK_STORE_UPDATE_URL``), else what the server's
dialect says: ``…/query`` → ``…/update`` (Oxigraph, Fuseki), Virtuoso's
``/sparql`` → ``/sparql-auth``, or the same URL. The account for it comes from
``VDK_STORE_USER`` / ``VDK_STORE_PASSWORD`` (:mod:`vdk_graph.store.remote_http`).

What differs between servers is in :mod:`vdk_graph.store.dialects`, chosen from
the ``Server`` header of the first answer. Beside this module: what a query's text
says (:mod:`~vdk_graph.store.remote_text`), how answers and refusals are read
(:mod:`~vdk_graph.store.remote_answers`), the bookkeeping graph as read
(:mod:`~vdk_graph.store.remote_book`) and the transaction
(:mod:`~vdk_graph.store.remote_transaction`).
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import urlsplit

import pyoxigraph as ox

from vdk_graph.errors import ConfigError, QueryTimeout, RemoteStoreError, VdkError
from vdk_graph.results import AskResult, GraphResult, QueryResult, SelectResult
from vdk_graph.store.base import Capabilities, Store
from vdk_graph.store.dialects import STAND_IN, Dialect, dialect_for
from vdk_graph.store.remote_answers import (
    GRAPH_MEDIA,
    accept_for,
    first_cell,
    graph_triples,
    query_refused,
    rows,
    select_or_ask,
    update_lost,
    update_refused,
)
from vdk_graph.store.remote_book import Book
from vdk_graph.store.remote_http import PASSWORD_ENV, USER_ENV, Client, Refusal, Reply
from vdk_graph.store.remote_text import declares_dataset, own_limit, query_form
from vdk_graph.store.remote_transaction import RemoteTransaction
from vdk_graph.store.remote_update import META_GRAPH, RESERVED, UNION_GRAPH, Plan, publish_requests

log = logging.getLogger(__name__)

__all__ = ["META_GRAPH", "RESERVED", "UNION_GRAPH", "RemoteStore", "RemoteTransaction", "declares_dataset"]

UPDATE_URL_ENV = "VDK_STORE_UPDATE_URL"
#: Seconds an update request may take (at least): a large import's publishing request on a busy
#: server takes minutes, and a write given up on may still be applied (Virtuoso: in part).
WRITE_TIMEOUT = 1800.0
#: Names no graph: an empty default graph or an empty set of named graphs in the protocol.
_NO_GRAPH = RESERVED + "no-graph"


class RemoteStore(Store):
    kind = "sparql"
    capabilities = Capabilities(remote=True, confinable=False, shared=True)

    def __init__(
        self,
        spec: str,
        *,
        update_url: str | None = None,
        user: str | None = None,
        password: str | None = None,
        timeout: float = 60.0,
    ) -> None:
        """A store on the SPARQL server at ``spec``.

        Args:
            update_url: where SPARQL Update goes (default: ``VDK_STORE_UPDATE_URL``, else what the
                server's dialect says).
            user, password: the account for updates, when the server asks for one (default:
                ``VDK_STORE_USER`` and ``VDK_STORE_PASSWORD``).
        """
        url = spec[len("sparql+"):] if spec.startswith("sparql+") else spec
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ConfigError(
                f"remote store {spec!r} is not a SPARQL endpoint URL; "
                "write it as sparql+http://host:port/path or sparql+https://…"
            )
        if parts.username is not None or parts.password is not None:
            raise ConfigError(
                f"the remote store URL {parts.hostname}… holds an account; give it in {USER_ENV} and "
                f"{PASSWORD_ENV} instead (the URL is shown in logs and on the service description)"
            )
        self.query_url = url
        self._update_url = update_url or os.environ.get(UPDATE_URL_ENV) or None
        self.location = url
        self.timeout = timeout
        user = user if user is not None else os.environ.get(USER_ENV) or None
        password = password if password is not None else os.environ.get(PASSWORD_ENV)
        urls = [url, *([self._update_url] if self._update_url else [])]
        self._client = Client(urls, user, password, timeout)
        self._dialect: Dialect | None = None
        self._row_limit: int | None = None
        self._state: tuple[float, Book] | None = None
        self._version: tuple[float, str] | None = None

    # ------------------------------------------------------------------ the server

    @property
    def dialect(self) -> Dialect:
        """The server's dialect, as its first answer named it (plain SPARQL 1.1 until it has answered)."""
        if self._dialect is None:
            if self._client.server is None:
                return Dialect()
            self._dialect = dialect_for(self._client.server)
        return self._dialect

    @property
    def update_url(self) -> str:
        """Where updates go: as given, else as the server's dialect says."""
        return self._update_url or self.dialect.update_url(self.query_url)

    def reopen_spec(self) -> str:
        return "sparql+" + self.query_url

    def describe(self) -> str:
        with contextlib.suppress(VdkError):  # a server that does not answer is still this one
            self._book()
        dialect = self.dialect.name if self._client.server is not None else "SPARQL"
        note = ""
        if self._state is not None and self._state[1].interrupted:
            note = " (a write was interrupted half-way; the next import repairs the union graph)"
        elif self._state is not None and self._state[1].staging:
            note = (" (a write that failed before it was published left staging graphs; "
                    "the next write drops them)")
        return f"{dialect} server at {self.location}{note}"

    def _post_query(self, form: dict[str, object]) -> Reply:
        sparql = str(form.get("query", ""))
        try:
            return self._client.post(self.query_url, form, accept_for(sparql), idempotent=True)
        except Refusal as refusal:
            raise query_refused(refusal, self._client.server or "") from None

    def _rows(self, reply: Reply) -> SelectResult:
        """The rows of an answer to one of the store's own SELECTs."""
        return rows(reply, self.dialect, self.query_url)

    def row_limit(self) -> int | None:
        """The most rows the server sends for one query, if it says (Virtuoso's ResultSetMaxRows)."""
        dialect = self.dialect
        if self._row_limit is None and dialect.row_limit_query:
            try:
                reply = self._post_query({"query": dialect.row_limit_query})
                self._row_limit = int(first_cell(self._rows(reply)))
            except (VdkError, ValueError, StopIteration, TypeError, AttributeError):
                self._row_limit = 0  # not allowed to ask: rely on what its answers say
        return self._row_limit or None

    # ------------------------------------------------------------------ reading

    def _book(self, max_age: float = 2.0) -> Book:
        """The store's bookkeeping as seen at most ``max_age`` seconds ago."""
        now = time.monotonic()
        if self._state is None or now - self._state[0] > max_age:
            reply = self._post_query({
                "query": f"SELECT ?p ?o WHERE {{ GRAPH <{META_GRAPH}> {{ <{META_GRAPH}> ?p ?o }} }}",
                "default-graph-uri": [_NO_GRAPH],
                "named-graph-uri": [META_GRAPH],
            })
            found = [(p.value, o) for p, o in self._rows(reply).rows
                    if isinstance(p, ox.NamedNode) and isinstance(o, ox.NamedNode | ox.Literal)]
            book = Book.read(found)
            if not book.managed:
                book = self._listed(book)
            if book.interrupted:
                log.warning("%s: a write was interrupted half-way; the next one rebuilds the union graph",
                            self.location)
            self._state = (now, book)
        return self._state[1]

    def _listed(self, book: Book) -> Book:
        """A store without a graph list (filled by another tool): the graphs the server lists."""
        dialect = self.dialect
        result = self._rows(self._post_query({"query": dialect.graphs_query}))
        names = {row[0].value for row in result.rows if isinstance(row[0], ox.NamedNode)}
        graphs = sorted(g for g in names if not g.startswith(RESERVED) and not dialect.is_system_graph(g))
        return Book(graphs=graphs, has_union=UNION_GRAPH in names, stamps=book.stamps, managed=False,
                     interrupted=book.interrupted, staging=book.staging)

    def named_graph_list(self, max_age: float = 2.0) -> list[str]:
        """The store's named graphs, as seen at most ``max_age`` seconds ago."""
        return list(self._book(max_age).graphs)

    def query(
        self,
        sparql: str,
        *,
        default_graphs: list[str] | None = None,
        named_graphs: list[str] | None = None,
    ) -> QueryResult:
        form: dict[str, object] = {"query": sparql}
        if default_graphs is None and named_graphs is None and declares_dataset(sparql):
            return self._query(form)
        if default_graphs is None or named_graphs is None:
            book = self._book()
            if default_graphs is None:
                default_graphs = [UNION_GRAPH] if book.has_union else book.graphs
            if named_graphs is None:
                named_graphs = book.graphs
        # The protocol has no way to say "no graphs": an empty list would mean "the server's dataset".
        form["default-graph-uri"] = default_graphs or [_NO_GRAPH]
        form["named-graph-uri"] = named_graphs or [_NO_GRAPH]
        return self._query(form)

    def _query(self, form: dict[str, object]) -> QueryResult:
        sparql = str(form["query"])
        reply = self._post_query(form)
        if self.dialect.timed_out(reply.headers):
            raise QueryTimeout(
                f"the SPARQL server at {self.query_url} stopped the query at its own time limit and sent "
                "what it had found so far, which is not the answer; make the query more selective, or "
                "raise the server's limit (Virtuoso: MaxQueryExecutionTime in virtuoso.ini)"
            )
        if reply.media in GRAPH_MEDIA:
            triples = graph_triples(reply, self.query_url)
            if STAND_IN.encode() in reply.body:
                triples = [self.dialect.decode(t) for t in triples]
            limit = self.row_limit() if len(triples) >= 1000 else None
            self._check_complete(len(triples), limit, sparql)
            return GraphResult(triples)
        result = select_or_ask(reply, self.dialect, self.query_url)
        if isinstance(result, AskResult):
            return result
        found = list(result.rows)
        if query_form(sparql) == "ASK":
            value = self.dialect.ask_value(result.variables, found)
            if value is not None:
                return AskResult(value)
        header = reply.headers.get("x-sparql-maxrows", "")
        self._check_complete(len(found), int(header) if header.isdigit() else None, sparql)
        return SelectResult(result.variables, found)

    def _check_complete(self, count: int, limit: int | None, sparql: str) -> None:
        """Refuse an answer the server cut at its row limit: a silently shortened list is a wrong answer."""
        if not limit or count < limit:
            return
        asked = own_limit(sparql)
        if asked is not None and asked <= limit:
            return
        raise RemoteStoreError(
            f"the SPARQL server at {self.query_url} stopped sending at {limit:,} rows, the most it sends "
            f"for one query, so this answer would be incomplete. Raise that limit above the largest answer "
            "you need (Virtuoso: ResultSetMaxRows in the [SPARQL] section of virtuoso.ini; see "
            "docs/deploy.md), or ask for fewer rows"
        )

    def graph_triples(self, graph: str) -> Iterator[ox.Triple]:
        yield from self.read_graph(graph)

    def read_graph(self, graph: str) -> set[ox.Triple]:
        """Every triple of one graph, in pages if the server cuts answers, and checked against its count."""
        dataset: dict[str, object] = {"default-graph-uri": [_NO_GRAPH], "named-graph-uri": [graph]}
        size = int(first_cell(self._rows(self._post_query({
            "query": f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}", **dataset}))))
        page = self.row_limit() if size >= 1000 else None
        select = f"SELECT ?s ?p ?o WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"
        triples: set[ox.Triple] = set()
        pages = [select] if not page or size < page else [
            f"{select} LIMIT {page} OFFSET {offset}" for offset in range(0, size, page)
        ]
        for text in pages:
            result = self.select(text, default_graphs=[_NO_GRAPH], named_graphs=[graph])
            triples.update(ox.Triple(*row) for row in result.rows)  # type: ignore[arg-type]
        if len(triples) != size:
            raise RemoteStoreError(
                f"read {len(triples):,} of the {size:,} triples of <{graph}> from the SPARQL server at "
                f"{self.query_url}: the graph changed while it was read (another writer?), or the server "
                "cut its answers short; try again"
            )
        return triples

    def data_version(self) -> str:
        """The stamp of the last vdk-graph transaction, with the graph sizes (for writes by other tools)."""
        now = time.monotonic()
        if self._version is None or now - self._version[0] > 2.0:
            book = self._book(max_age=0)
            sizes = sorted(self.graph_sizes().items())
            self._version = (now, hashlib.sha1(repr((book.stamps, sizes)).encode()).hexdigest()[:16])
        return self._version[1]

    # ------------------------------------------------------------------ writing

    @contextmanager
    def transaction(self) -> Iterator[RemoteTransaction]:
        tx = RemoteTransaction(self)
        try:
            yield tx
            planned = tx.planned()
            for staging in planned.staging:
                self._send_update(staging, staging=True)
            self._check_staged(planned)
            if planned.publish:
                for part, request in enumerate(publish_requests(tx.update_request(), self.dialect)):
                    self._send_update(request, applied_before=part > 0)
        finally:
            tx.close()
            self._state = None
            self._version = None

    def _check_staged(self, planned: Plan) -> None:
        """Refuse to publish staging graphs that do not hold what was sent (another writer dropped them?)."""
        for name, expected in planned.staged.items():
            held = int(first_cell(self._rows(self._post_query({
                "query": f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{name}> {{ ?s ?p ?o }} }}",
                "default-graph-uri": [_NO_GRAPH], "named-graph-uri": [name]}))))
            if held != expected:
                raise RemoteStoreError(
                    f"the SPARQL server at {self.query_url} holds {held:,} of the {expected:,} triples this "
                    f"write staged in <{name}>, so it was not published and nothing visible changed. Another "
                    "vdk-graph writing to the same server at the same time drops what a write stages: write "
                    "from one place at a time, and run the import again"
                )

    def _send_update(self, update: str, staging: bool = False, applied_before: bool = False) -> None:
        """Send one update request; ``applied_before``: earlier parts of the same publishing were applied."""
        url = self.update_url
        if self._client.user is None and self.dialect.needs_credentials(url):
            raise ConfigError(
                f"{self.dialect.name} takes updates at {url}, which asks for an account: set {USER_ENV} and "
                f"{PASSWORD_ENV} to one allowed to update (Virtuoso: granted SPARQL_UPDATE), or "
                f"{UPDATE_URL_ENV} if this server takes updates elsewhere. Nothing was written"
            )
        try:
            self._client.post(url, {"update": update}, "*/*", timeout=max(self.timeout, WRITE_TIMEOUT))
        except RemoteStoreError as lost:  # no answer: sent, maybe being applied, or not
            raise update_lost(lost, self.dialect, staging) from None
        except Refusal as refusal:
            raise update_refused(refusal, self.dialect, staging, self._client.user is not None,
                                 applied_before) from None
