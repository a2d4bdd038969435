"""What each kind of SPARQL server does its own way, recognised from what it says about itself.

A remote store learns its server's dialect from the ``Server`` header of the
first answer (:func:`dialect_for`), never from configuration. The generic
dialect is plain SPARQL 1.1 (Oxigraph server, Fuseki, GraphDB); Virtuoso's
differences were each found against Debian's ``virtuoso-opensource`` 7.2 and
are tested in ``tests/store/test_store_virtuoso.py``:

* updates go to ``/sparql-auth``, behind HTTP digest authentication;
* ``INSERT DATA`` refuses blank nodes ("not allowed in a constant clause"), and
  its parser gives up near 5,000 triples ("memory exhausted"); an
  ``INSERT { … } WHERE { }`` template takes blank nodes, but past ~1,000 triples
  its SQL is too long, and with two constant ``GRAPH`` blocks it answers 500
  after having written (``SR002 string_output_string``). So data goes in chunks,
  and blank nodes through templates whose graphs are variables bound by ``BIND``;
* ``"P5Y"^^xsd:duration`` is stored as ``"60"^^xsd:duration`` (months), or fails
  in ``INSERT DATA`` *while* the request runs, after its earlier operations were
  applied; so ``xsd:duration`` and ``xsd:yearMonthDuration`` literals are written
  under a stand-in datatype, ``<urn:vdk-graph:datatype:duration>``, and given
  back as themselves in every answer (a query that names ``xsd:duration`` itself
  does not find them);
* its own graphs (``virtrdf#``, ``ldp#``, ``http://localuriqaserver/sparql``,
  more with VADs) show up in ``GRAPH ?g``; ``GRAPH ?g { }`` answers one row with
  ``?g`` unbound, and ``SELECT DISTINCT ?g`` over every quad scans them all;
* blank nodes come back in JSON as ``nodeID://b10000`` and booleans as ``1``/``0``;
  an ASK may come back as a one-row SELECT of ``__ASK_RETVAL`` (seen from isql);
* an update request longer than 10 MB is refused ("The requested string session
  is longer than 10Mb"): large writes are staged in requests of their own
  (:mod:`vdk_graph.store.remote_update`);
* every result is cut at ``[SPARQL] ResultSetMaxRows`` rows (10,000 unless set):
  SELECT answers say so in ``X-SPARQL-MaxRows``, CONSTRUCT answers say nothing;
  a query stopped at ``MaxQueryExecutionTime`` sends what it had with
  ``X-SQL-State: S1TAT``.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit, urlunsplit

import pyoxigraph as ox

XSD = "http://www.w3.org/2001/XMLSchema#"
#: Datatypes a server mangles are stored under ``<STAND_IN + local name>`` and read back as themselves.
STAND_IN = "urn:vdk-graph:datatype:"
Row = tuple[ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple | None, ...]


class Dialect:
    """Plain SPARQL 1.1 Protocol and Update."""

    name = "SPARQL 1.1"
    #: Most triples one INSERT DATA operation may hold (0: no limit, one operation for everything).
    insert_chunk = 0
    #: Most triples one INSERT template (blank nodes) may hold.
    template_chunk = 0
    #: Most operations one update request may hold (0: no limit). A publishing request with more is
    #: sent as several, in order: only for a server that applies a request operation by operation
    #: anyway (``atomic_updates`` false), so splitting it guarantees no less.
    max_operations = 0
    #: Whether INSERT DATA takes blank nodes (otherwise they go through INSERT … WHERE templates).
    blank_nodes_in_data = True
    #: Lists every graph the server holds, in one column ``?g``.
    graphs_query = "SELECT DISTINCT ?g WHERE { GRAPH ?g { } }"
    #: A query whose one cell is the server's row limit (None: the server has no way to say).
    row_limit_query: str | None = None
    #: Whether one update request is applied whole or not at all.
    atomic_updates = True
    #: The longest update request the server takes, in bytes of text (0: no limit known).
    max_request_bytes = 0

    @staticmethod
    def recognises(server: str) -> bool:
        return True

    def update_url(self, query_url: str) -> str:
        """Where updates go unless given: ``…/query`` → ``…/update`` (Oxigraph, Fuseki), else the same URL."""
        parts = urlsplit(query_url)
        if parts.path.endswith("/query"):
            return urlunsplit(parts._replace(path=parts.path[: -len("/query")] + "/update"))
        return query_url

    def needs_credentials(self, update_url: str) -> bool:
        """Whether updates at ``update_url`` are refused to anonymous clients whatever the server's setup."""
        return False

    def is_system_graph(self, graph: str) -> bool:
        """Whether a graph is the server's own, not data (left out of the union and of ``GRAPH ?g``)."""
        return False

    def fix_json_results(self, body: bytes) -> bytes:
        """SPARQL JSON results as the W3C format has them."""
        return body

    def ask_value(self, variables: list[str], rows: list[Row]) -> bool | None:
        """The answer of an ASK that came back as a SELECT (None: this is not one)."""
        return None

    #: Datatypes (local names in XSD) the server cannot keep: written under a stand-in (:data:`STAND_IN`).
    stand_ins: frozenset[str] = frozenset()

    def encode(self, t: ox.Triple) -> ox.Triple:
        """The triple as it is written to this server (a mangled datatype under its stand-in)."""
        o = t.object
        if self.stand_ins and isinstance(o, ox.Literal) and o.datatype.value.startswith(XSD) \
                and o.datatype.value[len(XSD):] in self.stand_ins:
            stand_in = ox.Literal(o.value, datatype=ox.NamedNode(STAND_IN + o.datatype.value[len(XSD):]))
            return ox.Triple(t.subject, t.predicate, stand_in)
        return t

    def decode(self, t: ox.Triple) -> ox.Triple:
        """A triple as read from this server, with stand-in datatypes given back as themselves."""
        o = t.object
        if isinstance(o, ox.Literal) and o.datatype.value.startswith(STAND_IN):
            original = ox.Literal(o.value, datatype=ox.NamedNode(XSD + o.datatype.value[len(STAND_IN):]))
            return ox.Triple(t.subject, t.predicate, original)
        return t

    def query_error_line(self, detail: str) -> int | None:
        """The line of a syntax error in the server's own words (None: not given)."""
        return None

    def is_query_fault(self, status: int, detail: str) -> bool:
        """Whether an error answer blames the query (a 4xx for the client) rather than the server."""
        return status == 400

    def timed_out(self, headers: dict[str, str]) -> bool:
        """Whether the server stopped the query at its time limit and sent what it had."""
        return False


class Virtuoso(Dialect):
    """OpenLink Virtuoso 7 (``Server: Virtuoso/07.20.3229 (Linux) …``)."""

    name = "Virtuoso"
    insert_chunk = 2_000
    template_chunk = 400
    # Virtuoso compiles a whole request into one SQL text and refuses it past 10,000 lines ("SP031 …
    # The length of generated SQL text has exceeded 10000 lines"): a write of 900 one-triple graphs
    # did, 600 did not (about 1,800 and 1,200 operations: a DROP and an INSERT DATA block per graph).
    max_operations = 200
    blank_nodes_in_data = False
    # GRAPH ?g { } gives one unbound row, DISTINCT ?g reads every quad; a grouped count uses the G index.
    graphs_query = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
    row_limit_query = (
        "SELECT (bif:cfg_item_value(bif:virtuoso_ini_path(), 'SPARQL', 'ResultSetMaxRows') AS ?n) WHERE { }"
    )
    atomic_updates = False
    # "The requested string session is longer than 10Mb, thus it cannot be stored as a string"
    max_request_bytes = 10_000_000
    #: The graphs a fresh Virtuoso holds, and prefixes of those its VAD packages add.
    SYSTEM_GRAPHS = (
        "http://www.openlinksw.com/",
        "http://www.w3.org/ns/ldp#",
        "http://localuriqaserver/",
        "urn:activitystreams-owl:map",
        "urn:rules.skos",
        "virtrdf-label",
    )
    stand_ins = frozenset({"duration", "yearMonthDuration"})

    _BNODE = re.compile(rb'("type"\s*:\s*"bnode"\s*,\s*"value"\s*:\s*")nodeID://')
    _STAND_IN = re.compile(rb'("datatype"\s*:\s*")' + re.escape(STAND_IN.encode()) + rb'(\w+")')
    _BOOLEAN = re.compile(rb'("datatype"\s*:\s*"http://www\.w3\.org/2001/XMLSchema#boolean"\s*,\s*"value"\s*:\s*")'
                          rb'([01])"')
    _LINE = re.compile(r"SPARQL compiler, line (\d+):")
    _STATE = re.compile(r"Virtuoso (\w{5}) Error")

    @staticmethod
    def recognises(server: str) -> bool:
        return server.startswith("Virtuoso/")

    def update_url(self, query_url: str) -> str:
        """``/sparql`` → ``/sparql-auth``: the endpoint that asks for an account (HTTP digest)."""
        parts = urlsplit(query_url)
        if parts.path.rstrip("/").endswith("/sparql"):
            return urlunsplit(parts._replace(path=parts.path.rstrip("/") + "-auth"))
        return query_url

    def needs_credentials(self, update_url: str) -> bool:
        return urlsplit(update_url).path.endswith("-auth")

    def is_system_graph(self, graph: str) -> bool:
        return graph.startswith(self.SYSTEM_GRAPHS)

    def fix_json_results(self, body: bytes) -> bytes:
        # Safe on the raw text: inside a JSON string every quote is escaped, so these patterns,
        # made of unescaped quotes, only ever match the structure, never a value.
        body = self._BNODE.sub(rb"\1", body)
        body = self._STAND_IN.sub(rb"\1" + XSD.encode() + rb"\2", body)
        return self._BOOLEAN.sub(lambda m: m.group(1) + (b'true"' if m.group(2) == b"1" else b'false"'), body)

    def ask_value(self, variables: list[str], rows: list[Row]) -> bool | None:
        if [v.lower() for v in variables] != ["__ask_retval"] or len(rows) > 1:
            return None
        cell = rows[0][0] if rows else None
        if not isinstance(cell, ox.Literal):
            return False
        return cell.value not in ("0", "false")

    def query_error_line(self, detail: str) -> int | None:
        match = self._LINE.search(detail)
        return int(match.group(1)) if match and int(match.group(1)) > 0 else None

    def is_query_fault(self, status: int, detail: str) -> bool:
        # SQL states: 37000 the compiler, 42000 permissions, 22xxx data errors while running (the
        # query asked for something impossible, e.g. sorting past MaxSortedTopRows).
        match = self._STATE.search(detail)
        state = match.group(1) if match else ""
        return status == 400 or state.startswith(("37", "42", "22"))

    def timed_out(self, headers: dict[str, str]) -> bool:
        return headers.get("x-sql-state", "").upper() == "S1TAT"


DIALECTS: tuple[type[Dialect], ...] = (Virtuoso,)


def dialect_for(server: str) -> Dialect:
    """The dialect of a server that calls itself ``server`` (its ``Server`` header)."""
    for dialect in DIALECTS:
        if dialect.recognises(server):
            return dialect()
    return Dialect()
