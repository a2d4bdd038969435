"""The SPARQL 1.1 Protocol for queries: reading a request, and choosing the format of the answer.

A request is read into a :class:`QueryRequest` or refused with a
:class:`ProtocolError` carrying the status the W3C protocol tests expect
(https://www.w3.org/TR/sparql11-protocol/#query-operation and the tests in
w3c/rdf-tests ``sparql/sparql11/protocol/manifest.ttl``):

* ``GET`` with ``query=`` in the URL; ``POST`` with an
  ``application/x-www-form-urlencoded`` body; ``POST`` with an
  ``application/sparql-query`` body (dataset parameters then in the URL);
* one ``query``, never two (400); a request with no query at all is a request
  for the service description, unless it brought other protocol parameters (400);
* a POST body of another media type, or none, is 415; a charset other than
  UTF-8 is 415; bytes that are not UTF-8 are 400;
* SPARQL Update in any form (``update=``, ``application/sparql-update``) is 403:
  the endpoint is read-only;
* any method but GET, HEAD, POST and OPTIONS is 405.

Which media types we answer with is data (the tables below, each with its
spec), and content negotiation is a small pure function, so the web view stays
a thin skin and every rule is testable without a server.
"""

from __future__ import annotations

import http
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal
from urllib.parse import parse_qsl

import pyoxigraph as ox

from vdk_graph.errors import QueryRefused, VdkError

Kind = Literal["results", "graph"]


class ProtocolError(VdkError):
    """A request the SPARQL protocol does not allow, answered with its own HTTP status."""

    def __init__(self, message: str, status: int = 400, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.http_status = status
        self.headers = headers or {}

    @property
    def title(self) -> str:
        return http.HTTPStatus(self.http_status).phrase


# --------------------------------------------------------------------------- media types (data)


@dataclass(frozen=True)
class MediaType:
    """One answer format: its name (as ``format=`` takes it), media type, aliases clients send, spec.

    Aliases count only when a client names them exactly: ``text/*`` asks for CSV, not for
    N-Triples under its old name ``text/plain``.
    """

    name: str
    media_type: str
    spec: str
    aliases: tuple[str, ...] = ()


#: SELECT and ASK results, in the order we prefer them when a client accepts several.
RESULT_TYPES: tuple[MediaType, ...] = (
    MediaType(
        "json",
        "application/sparql-results+json",
        "https://www.w3.org/TR/sparql11-results-json/",
        ("application/json",),
    ),
    MediaType("xml", "application/sparql-results+xml", "https://www.w3.org/TR/rdf-sparql-XMLres/"),
    MediaType("csv", "text/csv", "https://www.w3.org/TR/sparql11-results-csv-tsv/"),
    MediaType("tsv", "text/tab-separated-values", "https://www.w3.org/TR/sparql11-results-csv-tsv/"),
)
#: CONSTRUCT and DESCRIBE results (and the service description), in order of preference.
GRAPH_TYPES: tuple[MediaType, ...] = (
    MediaType("turtle", "text/turtle", "https://www.w3.org/TR/turtle/", ("application/x-turtle",)),
    MediaType("nt", "application/n-triples", "https://www.w3.org/TR/n-triples/", ("text/plain",)),
    MediaType("jsonld", "application/ld+json", "https://www.w3.org/TR/json-ld11/", ("application/json",)),
    MediaType("rdfxml", "application/rdf+xml", "https://www.w3.org/TR/rdf-syntax-grammar/"),
)
TYPES: dict[Kind, tuple[MediaType, ...]] = {"results": RESULT_TYPES, "graph": GRAPH_TYPES}

#: Other spellings of format names that clients put in ``format=`` / ``output=`` (SPARQLWrapper, Virtuoso).
FORMAT_ALIASES: dict[str, str] = {
    "srj": "json",
    "sparql-results+json": "json",
    "srx": "xml",
    "sparql-results+xml": "xml",
    "ttl": "turtle",
    "n-triples": "nt",
    "ntriples": "nt",
    "json-ld": "jsonld",
    "rdf+xml": "rdfxml",
    "rdf": "rdfxml",
    "rdf/xml": "rdfxml",
}
#: ``format=json`` / ``format=xml`` on a CONSTRUCT mean its JSON and XML syntaxes (as Virtuoso reads them).
GRAPH_EQUIVALENTS: dict[str, str] = {"json": "jsonld", "xml": "rdfxml"}

FORM_TYPE = "application/x-www-form-urlencoded"
QUERY_TYPE = "application/sparql-query"
UPDATE_TYPE = "application/sparql-update"
ALLOWED_METHODS = ("GET", "HEAD", "POST", "OPTIONS")
#: Parameters that only SPARQL Update uses; any of them means someone tried to write.
UPDATE_PARAMETERS = ("update", "using-graph-uri", "using-named-graph-uri")
#: Parameters of a query request (without ``query`` they are a mistake, not a request for the description).
PROTOCOL_PARAMETERS = ("default-graph-uri", "named-graph-uri")
READ_ONLY = (
    "SPARQL Update is refused: this endpoint is read-only. "
    "Change the graph with 'vdk-graph import' on the server instead."
)


@dataclass(frozen=True)
class QueryRequest:
    """What a client asked: a query (``None``: the service description), its dataset and its formats."""

    query: str | None
    default_graphs: tuple[str, ...] | None = None
    named_graphs: tuple[str, ...] | None = None
    accept: str = ""
    format: str | None = None


Params = list[tuple[str, str]]


def read_request(
    method: str,
    content_type: str | None,
    url_params: Iterable[tuple[str, str]],
    body: bytes = b"",
    accept: str = "",
) -> QueryRequest:
    """Read one HTTP request to the endpoint, or raise :class:`ProtocolError` / :class:`QueryRefused`."""
    method = method.upper()
    params: Params = list(url_params)
    if method not in ALLOWED_METHODS or method == "OPTIONS":
        raise ProtocolError(
            f"method {method} is not allowed here; send the query with GET (query=…) or POST",
            405,
            {"Allow": ", ".join(ALLOWED_METHODS)},
        )
    media, charset = _media_type(content_type)
    direct: str | None = None
    if method == "POST" and (body or media):
        if media == UPDATE_TYPE:
            raise QueryRefused(READ_ONLY)
        if media not in (FORM_TYPE, QUERY_TYPE):
            given = f"media type {media}" if media else "no Content-Type"
            raise ProtocolError(
                f"a POST with {given} is not a SPARQL query; send Content-Type {FORM_TYPE} "
                f"(body query=…) or {QUERY_TYPE} (the query as the body)",
                415,
            )
        if charset and charset.replace("-", "").replace("_", "") != "utf8":
            raise ProtocolError(f"the body is declared as {charset}; SPARQL requests must be UTF-8", 415)
        text = _utf8(body)
        if media == FORM_TYPE:
            params += _form(text)
        else:
            direct = text
    if any(name in UPDATE_PARAMETERS for name, _ in params):
        raise QueryRefused(READ_ONLY)
    queries = [value for name, value in params if name == "query"]
    if direct is not None:
        queries.append(direct)
    if len(queries) > 1:
        raise ProtocolError(f"the request holds {len(queries)} queries; send exactly one query parameter")
    names = {name for name, _ in params}
    if not queries:
        if any(name in PROTOCOL_PARAMETERS for name in names) or method == "POST":
            raise ProtocolError(f"the request has no query; send it as query=… or as an {QUERY_TYPE} body")
        return QueryRequest(None, accept=accept, format=_format_param(params))
    query = queries[0].lstrip("\ufeff")
    if not query.strip():
        raise ProtocolError("the query is empty")
    return QueryRequest(
        query,
        default_graphs=_graphs(params, "default-graph-uri"),
        named_graphs=_graphs(params, "named-graph-uri"),
        accept=accept,
        format=_format_param(params),
    )


def _media_type(content_type: str | None) -> tuple[str, str | None]:
    if not content_type:
        return "", None
    main, _, rest = content_type.partition(";")
    charset = None
    for part in rest.split(";"):
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset":
            charset = value.strip().strip('"').lower()
    return main.strip().lower(), charset


def _utf8(body: bytes) -> str:
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ProtocolError(
            f"the body is not UTF-8 (byte {exc.start}); SPARQL requests must be UTF-8"
        ) from None


def _form(text: str) -> Params:
    try:
        return parse_qsl(text, keep_blank_values=True, encoding="utf-8", errors="strict")
    except (UnicodeDecodeError, ValueError) as exc:
        raise ProtocolError(f"the form body cannot be read: {exc}") from None


def _graphs(params: Params, name: str) -> tuple[str, ...] | None:
    values = [value for key, value in params if key == name]
    if not values:
        return None
    for value in values:
        try:
            ox.NamedNode(value)
        except ValueError:
            raise ProtocolError(f"{name} {value!r} is not an absolute IRI") from None
    return tuple(values)


def _format_param(params: Params) -> str | None:
    """The first recognised ``format=`` (or ``output=``) value; SPARQLWrapper sends both, some twice."""
    values = [v for k, v in params if k == "format"] or [v for k, v in params if k == "output"]
    if not values:
        return None
    for value in values:
        if format_name(value):
            return value
    raise ProtocolError(
        f"unknown format {values[0]!r}; use one of {', '.join(all_format_names())} (or a media type)"
    )


# --------------------------------------------------------------------------- content negotiation


def all_format_names() -> list[str]:
    return [t.name for t in RESULT_TYPES + GRAPH_TYPES]


def format_name(value: str) -> str | None:
    """A ``format=`` value as one of our format names (kind not yet known); None if we have no such format."""
    value = value.strip().lower()
    value = FORMAT_ALIASES.get(value, value)
    for media in RESULT_TYPES + GRAPH_TYPES:
        if value == media.name or value == media.media_type:
            return media.name
    return None


def format_for(value: str, kind: Kind) -> MediaType:
    """The format a ``format=`` value asks for, for a result of ``kind``; 400 if it does not fit."""
    name = format_name(value) or value
    if kind == "graph":
        name = GRAPH_EQUIVALENTS.get(name, name)
    for media in TYPES[kind]:
        if media.name == name:
            return media
    what = "SELECT and ASK" if kind == "results" else "CONSTRUCT and DESCRIBE"
    raise ProtocolError(
        f"format {value!r} does not fit this query: {what} answer as "
        + ", ".join(m.name for m in TYPES[kind]),
        406,
    )


_ACCEPT_ITEM = re.compile(r"^\s*([^\s;/]+)/([^\s;]+)\s*(.*)$")


def parse_accept(header: str) -> list[tuple[str, str, float]]:
    """``(type, subtype, q)`` for each media range of an Accept header; malformed ranges are skipped."""
    ranges = []
    for item in header.split(","):
        match = _ACCEPT_ITEM.match(item)
        if not match:
            continue
        q = 1.0
        for param in match.group(3).split(";"):
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    q = max(0.0, min(1.0, float(value)))
                except ValueError:
                    q = 0.0
        ranges.append((match.group(1).lower(), match.group(2).lower(), q))
    return ranges


def _quality(ranges: list[tuple[str, str, float]], media_type: str, exact: bool = False) -> float:
    """The q the most specific range gives ``media_type`` (RFC 9110 §12.5.1); ``exact``: no wildcards."""
    main, _, sub = media_type.partition("/")
    best_specificity, quality = -1, 0.0
    for r_main, r_sub, q in ranges:
        if r_main == main and r_sub == sub:
            specificity = 2
        elif exact:
            continue
        elif r_main == main and r_sub == "*":
            specificity = 1
        elif r_main == "*" and r_sub == "*":
            specificity = 0
        else:
            continue
        if specificity > best_specificity:
            best_specificity, quality = specificity, q
    return quality


def negotiate(accept: str, kind: Kind) -> MediaType | None:
    """The format to answer a result of ``kind`` with, given an Accept header; None if none is acceptable."""
    offered = TYPES[kind]
    if not accept.strip():
        return offered[0]
    ranges = parse_accept(accept)
    if not ranges:
        return offered[0]
    best, best_q = None, 0.0
    for media in offered:
        q = max(
            [_quality(ranges, media.media_type)] + [_quality(ranges, t, exact=True) for t in media.aliases]
        )
        if q > best_q:
            best, best_q = media, q
    return best


def choose(request: QueryRequest, kind: Kind) -> MediaType:
    """The answer format: ``format=`` wins over Accept; 406 when the client accepts nothing we can send."""
    if request.format:
        return format_for(request.format, kind)
    media = negotiate(request.accept, kind)
    if media is None:
        raise ProtocolError(
            f"cannot answer in any media type the request accepts ({request.accept}); "
            + ("SELECT and ASK" if kind == "results" else "CONSTRUCT and DESCRIBE")
            + " answer as "
            + ", ".join(m.media_type for m in TYPES[kind]),
            406,
        )
    return media


def acceptable(accept: str) -> bool:
    """Whether the client accepts at least one of our formats for some query form (else 406 at once)."""
    return any(negotiate(accept, kind) is not None for kind in TYPES)


def content_type(media: MediaType) -> str:
    """The Content-Type header for an answer in ``media``."""
    if media.media_type.startswith("text/"):
        return f"{media.media_type}; charset=utf-8"
    return media.media_type
