"""What a SPARQL server's answers mean: results read into the store's types, refusals turned into errors.

The media types asked for depend on the query form (Virtuoso answers a CONSTRUCT in
SPARQL JSON with ``?s ?p ?o`` if that comes first). A refusal becomes the error the
user can act on: a syntax error placed in their query, a time limit, an account to
give, or — for updates — what the failure may have left behind on a server that
applies a request operation by operation.
"""

from __future__ import annotations

import pyoxigraph as ox

from vdk_graph.errors import QueryError, QueryTimeout, RemoteStoreError, VdkError
from vdk_graph.results import AskResult, SelectResult
from vdk_graph.store.dialects import Dialect, dialect_for
from vdk_graph.store.oxigraph import syntax_error
from vdk_graph.store.remote_http import PASSWORD_ENV, USER_ENV, Refusal, Reply
from vdk_graph.store.remote_text import query_form
from vdk_graph.terms import iter_rows

ACCEPT = "application/sparql-results+json, application/n-triples;q=0.9, text/turtle;q=0.8"
#: By query form: Virtuoso answers a CONSTRUCT in SPARQL JSON (?s ?p ?o) if that comes first.
_ACCEPT_FOR = {
    "SELECT": "application/sparql-results+json",
    "ASK": "application/sparql-results+json",
    "CONSTRUCT": "application/n-triples, text/turtle;q=0.9",
    "DESCRIBE": "application/n-triples, text/turtle;q=0.9",
}
GRAPH_MEDIA = {
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "application/ld+json": ox.RdfFormat.JSON_LD,
}


def accept_for(sparql: str) -> str:
    """The ``Accept`` header for a query: the result formats of its form, or every one we read."""
    return _ACCEPT_FOR.get(query_form(sparql), ACCEPT)


def unreadable(url: str, exc: Exception) -> RemoteStoreError:
    return RemoteStoreError(f"the SPARQL server at {url} sent an unreadable result: {exc}")


def graph_triples(reply: Reply, url: str) -> list[ox.Triple]:
    """The triples of a CONSTRUCT or DESCRIBE answer (``reply.media`` is one of :data:`GRAPH_MEDIA`)."""
    try:
        return [q.triple for q in ox.parse(reply.body, format=GRAPH_MEDIA[reply.media])]
    except SyntaxError as exc:
        raise unreadable(url, exc) from None


def select_or_ask(reply: Reply, dialect: Dialect, url: str) -> SelectResult | AskResult:
    """A SELECT's rows or an ASK's answer, from SPARQL JSON results."""
    if reply.media == "application/sparql-results+json":
        try:
            parsed = ox.parse_query_results(dialect.fix_json_results(reply.body),
                                            format=ox.QueryResultsFormat.JSON)
        except SyntaxError as exc:
            raise unreadable(url, exc) from None
        if isinstance(parsed, ox.QueryBoolean):
            return AskResult(bool(parsed))
        variables = [v.value for v in parsed.variables]
        return SelectResult(variables, list(iter_rows(parsed, len(variables))))
    raise RemoteStoreError(
        f"the SPARQL server at {url} answered with {reply.media or 'no media type'}, "
        "which is not a SPARQL result format"
    )


def rows(reply: Reply, dialect: Dialect, url: str) -> SelectResult:
    """The rows of an answer to one of the store's own SELECTs."""
    result = select_or_ask(reply, dialect, url)
    if isinstance(result, AskResult):
        raise unreadable(url, ValueError("a boolean where rows were expected"))
    return result


def first_cell(result: SelectResult) -> str:
    """The value of the first cell of a one-row answer."""
    for row in result.rows:
        if isinstance(row[0], ox.Literal):
            return row[0].value
    raise ValueError("no value")


def query_refused(refusal: Refusal, server: str) -> VdkError:
    """The error for a query the server refused (``server``: its ``Server`` header, if known)."""
    detail = refusal.detail[:500]
    where = f"the SPARQL server at {refusal.url} rejected the query"
    dialect = dialect_for(refusal.headers.get("server", server))
    if refusal.status == 401:
        return RemoteStoreError(f"the SPARQL server at {refusal.url} asks for an account to query; "
                                f"give it in {USER_ENV} and {PASSWORD_ENV}")
    if "S1T00" in detail:
        return QueryTimeout(f"the SPARQL server at {refusal.url} stopped the query at its time limit: "
                            f"{detail.splitlines()[0]}")
    if dialect.is_query_fault(refusal.status, detail):
        if type(dialect) is Dialect:  # Oxigraph's words, which syntax_error reads
            return syntax_error(detail, where=where)
        line = dialect.query_error_line(detail)
        first = detail.split("\n\nSPARQL query:")[0].strip()
        return QueryError(f"{where}: {first}", line, None, first)
    return RemoteStoreError(f"the SPARQL server at {refusal.url} answered {refusal.status}: {detail}")


def update_lost(lost: RemoteStoreError, dialect: Dialect, staging: bool) -> RemoteStoreError:
    """The error for an update that got no answer: sent, maybe being applied, or not."""
    if staging:
        after = "It was a request that stages a large write: nothing visible changed"
    elif dialect.atomic_updates:
        after = "The server applies the write whole or not at all: see which with vdk-graph stats"
    else:
        after = (f"{dialect.name} may still be applying this write, operation by operation: "
                 "run the same import again once it is idle to be sure it is whole")
    return RemoteStoreError(f"{lost}. {after}")


def update_refused(refusal: Refusal, dialect: Dialect, staging: bool, has_user: bool,
                   applied_before: bool = False) -> RemoteStoreError:
    """The error for an update the server refused, with what it may have applied of it.

    ``applied_before``: the request was a later part of a publishing sent in parts, so even one the
    server could not parse (400) leaves the parts before it applied.
    """
    detail = refusal.detail[:500]
    if refusal.status in (401, 403):
        account = f"the account in {USER_ENV}" if has_user else "an anonymous client"
        return RemoteStoreError(
            f"the SPARQL server at {refusal.url} refused the update from {account} ({refusal.status}): "
            f"{detail or 'not allowed'}. Check {USER_ENV} and {PASSWORD_ENV}; the account needs "
            "the right to update (Virtuoso: SPARQL_UPDATE). Nothing was written"
        )
    partial = "" if dialect.atomic_updates or (refusal.status == 400 and not applied_before) else (
        f" {dialect.name} applies the operations of one request one by one, so part of this "
        "write may have been applied: run the same import again to finish it (the union graph is "
        "rebuilt on the next write)"
    )
    if staging:
        partial = (" It was one of the requests that stage a large write before it is published: "
                   "nothing visible changed, and the next write removes what was staged")
    return RemoteStoreError(
        f"the SPARQL server at {refusal.url} answered {refusal.status}: {detail}.{partial}"
    )
