"""A remote SPARQL 1.1 server (``sparql+http(s)://host/path``): Fuseki, GraphDB, Virtuoso, QLever, Oxigraph.

Reads use the SPARQL 1.1 Protocol. To keep the contract "the default graph is
the *set* union of the named graphs" on any server, every query that does not
name its own dataset is sent with an explicit RDF dataset (the protocol's
``default-graph-uri`` and ``named-graph-uri``): the store's named graphs as the
named graphs, and as the default graph one graph, ``<urn:vdk-graph:union>``,
in which every write keeps the union materialised. Listing the named graphs as
default graphs instead would be simpler, but servers merge such a list as a
bag: Oxigraph 0.5 counts a triple stated by two graphs twice (oxigraph#1919,
the same bug docs/decisions/0002-union-default-graph.md works around on disk).
A server that holds graphs but no union graph (filled by another tool) is still
read with the graph list, until vdk-graph first writes to it.

Graphs named ``urn:vdk-graph:…`` are the store's own bookkeeping (the union and
a version stamp); they are hidden from ``GRAPH ?g``, ``graph_sizes`` and writes.

Writes use SPARQL 1.1 Update: a whole transaction is sent as *one* update
request (drop the graphs it touched, one ``INSERT DATA`` with all their new
triples, bring the union graph up to date), which servers that run each
request in a transaction (Oxigraph, Fuseki, GraphDB) apply whole or not at all.
The update endpoint is the query URL with a final ``/query`` replaced by
``/update`` (Oxigraph, Fuseki), or the same URL, or the one given.
"""

from __future__ import annotations

import hashlib
import http.client
import re
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import urlencode, urlsplit

import pyoxigraph as ox

from vdk_graph.errors import ConfigError, RemoteStoreError, StoreError
from vdk_graph.results import AskResult, GraphResult, QueryResult, SelectResult
from vdk_graph.store.base import GraphChange, Store, Transaction, TripleSource, canonical_triples
from vdk_graph.store.oxigraph import syntax_error
from vdk_graph.terms import iter_rows

ACCEPT = "application/sparql-results+json, application/n-triples;q=0.9, text/turtle;q=0.8"
_GRAPH_MEDIA = {
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "application/ld+json": ox.RdfFormat.JSON_LD,
}
_STRIP = re.compile(
    r'"""(?:.|\n)*?"""|\'\'\'(?:.|\n)*?\'\'\'|"(?:\\.|[^"\\\n])*"|\'(?:\\.|[^\'\\\n])*\'|<[^<>\s]*>|#[^\n]*'
)
# The keyword, not a variable (?from), a prefixed name (ex:from) or a prefix (from:x).
_FROM = re.compile(r"(?<![\w?$:.-])FROM(?![\w:.-])", re.IGNORECASE)

#: Graph names the store keeps for itself.
RESERVED = "urn:vdk-graph:"
#: The materialised set union of the named graphs: the default graph of every query.
UNION_GRAPH = RESERVED + "union"
#: Holds a stamp that every transaction changes, for :meth:`RemoteStore.data_version`.
META_GRAPH = RESERVED + "meta"
_STAMP = RESERVED + "stamp"
#: Names no graph: an empty default graph or an empty set of named graphs in the protocol.
_NO_GRAPH = RESERVED + "no-graph"


def declares_dataset(sparql: str) -> bool:
    """Whether a query names its own dataset with FROM / FROM NAMED (outside strings, IRIs and comments)."""
    return bool(_FROM.search(_STRIP.sub(" ", sparql)))


class RemoteStore(Store):
    kind = "sparql"

    def __init__(self, spec: str, *, update_url: str | None = None, timeout: float = 60.0) -> None:
        url = spec[len("sparql+"):] if spec.startswith("sparql+") else spec
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise ConfigError(
                f"remote store {spec!r} is not a SPARQL endpoint URL; "
                "write it as sparql+http://host:port/path or sparql+https://…"
            )
        self.query_url = url
        if update_url:
            self.update_url = update_url
        elif parts.path.endswith("/query"):
            self.update_url = url[: url.rfind("/query")] + "/update"
        else:
            self.update_url = url
        self.location = url
        self.timeout = timeout
        self._graphs: tuple[float, list[str], bool] | None = None
        self._version: tuple[float, str] | None = None

    # ------------------------------------------------------------------ HTTP

    def _post(self, url: str, form: dict[str, object], accept: str) -> tuple[str, bytes]:
        body = urlencode(form, doseq=True).encode()
        request = urllib.request.Request(
            url,
            data=body,
            method="POST",
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Accept": accept,
                "User-Agent": "vdk-graph",
            },
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                return response.headers.get("Content-Type", ""), response.read()
        except urllib.error.HTTPError as exc:
            with exc:
                detail = exc.read().decode(errors="replace").strip()[:500]
            if exc.code == 400 and "query" in form:
                raise syntax_error(detail, where=f"the SPARQL server at {url} rejected the query") from None
            raise RemoteStoreError(f"the SPARQL server at {url} answered {exc.code}: {detail}") from None
        except (urllib.error.URLError, TimeoutError, ConnectionError, http.client.HTTPException) as exc:
            reason = getattr(exc, "reason", exc)
            raise RemoteStoreError(
                f"cannot reach the SPARQL server at {url} ({reason}); is it running, and is the URL right?"
            ) from None

    # ------------------------------------------------------------------ reading

    def _graph_state(self, max_age: float = 2.0) -> tuple[list[str], bool]:
        """The named graphs (bookkeeping ones left out), and whether the union graph exists."""
        now = time.monotonic()
        if self._graphs is None or now - self._graphs[0] > max_age:
            result = self._query({"query": "SELECT DISTINCT ?g WHERE { GRAPH ?g { } }"})
            assert isinstance(result, SelectResult)
            names = {row[0].value for row in result.rows if isinstance(row[0], ox.NamedNode)}
            graphs = sorted(g for g in names if not g.startswith(RESERVED))
            self._graphs = (now, graphs, UNION_GRAPH in names)
        return self._graphs[1], self._graphs[2]

    def named_graph_list(self, max_age: float = 2.0) -> list[str]:
        """The store's named graphs, as seen at most ``max_age`` seconds ago."""
        return self._graph_state(max_age)[0]

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
            graphs, has_union = self._graph_state()
            if default_graphs is None:
                default_graphs = [UNION_GRAPH] if has_union else graphs
            if named_graphs is None:
                named_graphs = graphs
        # The protocol has no way to say "no graphs": an empty list would mean "the server's dataset".
        form["default-graph-uri"] = default_graphs or [_NO_GRAPH]
        form["named-graph-uri"] = named_graphs or [_NO_GRAPH]
        return self._query(form)

    def _query(self, form: dict[str, object]) -> QueryResult:
        content_type, body = self._post(self.query_url, form, ACCEPT)
        media = content_type.split(";")[0].strip().lower()
        try:
            if media == "application/sparql-results+json":
                parsed = ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON)
                if isinstance(parsed, ox.QueryBoolean):
                    return AskResult(bool(parsed))
                variables = [v.value for v in parsed.variables]
                return SelectResult(variables, list(iter_rows(parsed, len(variables))))
            if media in _GRAPH_MEDIA:
                return GraphResult([q.triple for q in ox.parse(body, format=_GRAPH_MEDIA[media])])
        except SyntaxError as exc:
            raise RemoteStoreError(
                f"the SPARQL server at {self.query_url} sent an unreadable result: {exc}"
            ) from None
        raise RemoteStoreError(
            f"the SPARQL server at {self.query_url} answered with {media or 'no media type'}, "
            "which is not a SPARQL result format"
        )

    def data_version(self) -> str:
        """The stamp of the last vdk-graph transaction, with the graph sizes (for writes by other tools)."""
        now = time.monotonic()
        if self._version is None or now - self._version[0] > 2.0:
            stamp = self._query({
                "query": f"SELECT ?v WHERE {{ GRAPH <{META_GRAPH}> {{ <{META_GRAPH}> <{_STAMP}> ?v }} }}",
                "default-graph-uri": [_NO_GRAPH],
                "named-graph-uri": [META_GRAPH],
            })
            assert isinstance(stamp, SelectResult)
            stamps = sorted(str(row[0]) for row in stamp.rows)
            sizes = sorted(self.graph_sizes().items())
            self._version = (now, hashlib.sha1(repr((stamps, sizes)).encode()).hexdigest()[:16])
        return self._version[1]

    # ------------------------------------------------------------------ writing

    @contextmanager
    def transaction(self) -> Iterator[RemoteTransaction]:
        tx = RemoteTransaction(self)
        try:
            yield tx
            update = tx.update_request()
            if update:
                self._post(self.update_url, {"update": update}, "*/*")
        finally:
            tx.close()
            self._graphs = None
            self._version = None


class RemoteTransaction(Transaction):
    """Collects the final state of every graph it touches; sent as one update request when it ends.

    Reads inside the transaction (the counts in :class:`GraphChange`) see its own
    earlier writes, as in the embedded store.
    """

    def __init__(self, store: RemoteStore) -> None:
        self.store = store
        #: graph -> its triples when the transaction ends; ``None``: removed.
        self.pending: dict[str, set[ox.Triple] | None] = {}
        self._open = True

    def close(self) -> None:
        self._open = False

    def _check(self, graph: str) -> None:
        if not self._open:
            raise RuntimeError("this transaction has ended; open a new one with store.transaction()")
        ox.NamedNode(graph)  # a ValueError for what is not an IRI, as in the other backends
        if graph.startswith(RESERVED):
            raise StoreError(
                f"<{graph}> is a graph the store keeps for itself; give the data another graph name"
            )

    def _current(self, graph: str) -> tuple[set[ox.Triple], bool]:
        """The graph's triples as this transaction sees them, and whether the graph exists."""
        if graph in self.pending:
            triples = self.pending[graph]
            return set(triples or ()), triples is not None
        result = self.store.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", default_graphs=[graph],
                                  named_graphs=[])
        assert isinstance(result, GraphResult)
        old = set(result.triples)
        return old, bool(old) or graph in self.store.named_graph_list(max_age=0)

    def replace_graph(self, graph: str, triples: TripleSource) -> GraphChange:
        self._check(graph)
        new = canonical_triples(triples)
        old, existed = self._current(graph)
        self.pending[graph] = new
        return GraphChange(graph, len(new - old), len(old - new), existed)

    def remove_graph(self, graph: str) -> GraphChange:
        self._check(graph)
        old, existed = self._current(graph)
        self.pending[graph] = None
        return GraphChange(graph, 0, len(old), existed)

    def update_request(self) -> str:
        """The whole transaction as one SPARQL Update request ("" if it wrote nothing)."""
        if not self.pending:
            return ""
        touched = sorted(self.pending)
        filled = [g for g in touched if self.pending[g]]
        union = f"<{UNION_GRAPH}>"
        _, has_union = self.store._graph_state(max_age=0)
        ops: list[str] = []
        if has_union:
            # Out of the union: what the touched graphs held and no untouched graph states.
            touched_list = ", ".join(f"<{g}>" for g in touched)
            ops += [
                f"DELETE {{ GRAPH {union} {{ ?s ?p ?o }} }} WHERE {{ GRAPH <{g}> {{ ?s ?p ?o }} "
                f"FILTER NOT EXISTS {{ GRAPH ?other {{ ?s ?p ?o }} "
                f'FILTER (?other NOT IN ({touched_list}) && !STRSTARTS(STR(?other), "{RESERVED}")) }} }}'
                for g in touched
            ]
        ops += [f"DROP SILENT GRAPH <{g}>" for g in touched]
        ops += [f"CREATE SILENT GRAPH <{g}>" for g in touched if self.pending[g] == set()]
        if filled:
            # One INSERT DATA: a blank node may be shared by two graphs, which two operations cannot do.
            blocks = []
            for g in filled:
                triples = sorted(self.pending[g] or (), key=str)
                body = "\n".join(f"  {t.subject} {t.predicate} {t.object} ." for t in triples)
                blocks.append(f"GRAPH <{g}> {{\n{body}\n}}")
            ops.append("INSERT DATA {\n" + "\n".join(blocks) + "\n}")
        if has_union:
            ops += [f"INSERT {{ GRAPH {union} {{ ?s ?p ?o }} }} WHERE {{ GRAPH <{g}> {{ ?s ?p ?o }} }}"
                    for g in filled]
        else:
            ops.append(
                f"INSERT {{ GRAPH {union} {{ ?s ?p ?o }} }} WHERE {{ GRAPH ?g {{ ?s ?p ?o }} "
                f'FILTER (!STRSTARTS(STR(?g), "{RESERVED}")) }}'
            )
        ops.append(f"CREATE SILENT GRAPH {union}")
        ops.append(f"DROP SILENT GRAPH <{META_GRAPH}>")
        ops.append(f'INSERT DATA {{ GRAPH <{META_GRAPH}> {{ <{META_GRAPH}> <{_STAMP}> "{uuid.uuid4()}" }} }}')
        return " ;\n".join(ops)
