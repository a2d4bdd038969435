"""What a public, read-only, offline endpoint must never run: SERVICE, updates, LOAD.

Found by experiment (issue 4): pyoxigraph executes ``SERVICE`` (also ``SERVICE
SILENT`` and nested in ``EXISTS``, sub-selects, ``OPTIONAL``), with no timeout,
so a query could make the server call any host. ``FROM``/``FROM NAMED`` and the
protocol's ``default-graph-uri``/``named-graph-uri`` are safe with pyoxigraph:
it only ever picks those graphs out of the store (a canary server in the tests
sees no request). rdflib *would* fetch ``FROM <http…>`` and read ``FROM <file:…>``,
but rdflib never evaluates a query here: it only parses.

How we decide, per query:

1. **Can the text hold the keyword at all?** SPARQL processes ``\\uXXXX`` and
   ``\\UXXXXXXXX`` escapes before parsing (rdflib does; pyoxigraph 0.5.13 does
   not, but a later release may), so ``\\u0053ERVICE`` *is* ``SERVICE``. We decode
   escapes until nothing changes and look, case-insensitively, for ``service``.
   If neither the text nor its decoded form contains it, no parser can find a
   SERVICE keyword in it, and the query goes to the store without the slow parse
   below. This is a sound filter (it never says "no" for a query that has the
   keyword), not the check itself: it only spares the ~30 ms that rdflib's
   pure-Python parser takes on every other query.
2. **Parse and walk the algebra.** Any query that mentions the word (or every
   query, with ``strict=True``, used for remote stores, where the server's own
   dialect could hold other surprises) is parsed with rdflib's SPARQL 1.1 parser
   and translated to algebra, and the whole tree — expressions, sub-queries,
   ``EXISTS`` — is walked for ``ServiceGraphPattern``. A ``SERVICE`` in a string
   or an IRI (``"customer service"``) is no pattern and passes.
3. **Refuse what we cannot read.** A query rdflib cannot parse, but which step 2
   must see, is refused with rdflib's syntax error (line and column): rare
   SPARQL 1.2 syntax that pyoxigraph would accept next to the word "service"
   cannot be proven safe, and refusing is safe.

rdflib's parser is not thread-safe (rdflib issue #1282), so every parse holds
one process-wide lock; the endpoint runs queries in worker processes, so the
lock only serialises the threads of one process. Verdicts are cached per query
text, so a workbench re-running a query pays for the parse once.

Updates never run through :meth:`Store.query` (pyoxigraph's query parser
rejects them); :func:`update_keyword` only gives them a clear 403 instead of a
syntax error.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from pyparsing import ParseBaseException, ParseResults
from rdflib.plugins.sparql.algebra import translateQuery
from rdflib.plugins.sparql.parser import parseQuery
from rdflib.plugins.sparql.parserutils import CompValue

from vdk_graph.endpoint.protocol import READ_ONLY
from vdk_graph.errors import QueryError, QueryRefused
from vdk_graph.vocab import PREFIXES

#: One lock for rdflib's SPARQL parser in this process (it keeps parse state in module globals).
PARSER_LOCK = threading.Lock()

_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_KEYWORD = "service"
_UPDATE = re.compile(
    r"^(?:\s+|\#[^\n]*(?:\n|$)|BASE\s*<[^>]*>|PREFIX\s+[^\s:]*:\s*<[^>]*>)*"
    r"(INSERT|DELETE|LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY|WITH)\b",
    re.IGNORECASE,
)
SERVICE_REFUSED = (
    "SERVICE is refused: this endpoint never calls other servers (federated queries would let "
    "anyone make it send requests anywhere). Query the other endpoint yourself and join the results, "
    "or load its data with 'vdk-graph import rdf'."
)


@dataclass(frozen=True)
class Verdict:
    """Why a query may not run (``None`` fields: it may)."""

    refused: str | None = None
    syntax: str | None = None
    line: int | None = None
    column: int | None = None


SAFE = Verdict()


def decode_escapes(text: str) -> str:
    """The text with SPARQL's ``\\u``/``\\U`` escapes decoded (one pass, as the grammar says)."""

    def replace(match: re.Match[str]) -> str:
        code = int(match.group(1) or match.group(2), 16)
        return chr(code) if code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else match.group(0)

    return _ESCAPE.sub(replace, text)


def may_mention_service(query: str) -> bool:
    """Whether any reading of the text (escapes decoded zero or more times) contains the word ``service``."""
    text = query
    for _ in range(8):
        if _KEYWORD in text.casefold():
            return True
        decoded = decode_escapes(text)
        if decoded == text:
            return False
        text = decoded
    return True  # escapes nested this deep: let the parser decide


def check(query: str, *, strict: bool = False) -> None:
    """Raise :class:`QueryRefused` for a query that uses SERVICE (or that we cannot read when we must).

    ``strict``: parse every query, not only those that mention the keyword (remote stores).
    """
    if not strict and not may_mention_service(query):
        return
    verdict = inspect(query)
    if verdict.refused:
        raise QueryRefused(verdict.refused, verdict.line, verdict.column)
    if verdict.syntax:
        raise QueryError(verdict.syntax, verdict.line, verdict.column)


@lru_cache(maxsize=2048)
def inspect(query: str) -> Verdict:
    """Parse with rdflib (under the lock), translate to algebra and look for SERVICE anywhere in it."""
    with PARSER_LOCK:
        try:
            parsed = parseQuery(query)
        except RecursionError:
            # rdflib's grammar recurses without end on a SERVICE inside a SERVICE.
            return Verdict(refused=SERVICE_REFUSED + " (This query nests too deeply to be checked.)")
        except ParseBaseException as exc:
            keyword = update_keyword(query)
            if keyword:
                return Verdict(refused=READ_ONLY.replace("Update", f"Update ({keyword})", 1))
            return Verdict(
                syntax=f"SPARQL syntax error at line {exc.lineno}, column {exc.col}: "
                f"{_pyparsing_message(exc)}",
                line=exc.lineno,
                column=exc.col,
            )
        tree: object = parsed
        try:
            tree = translateQuery(parsed, initNs=PREFIXES).algebra
        except Exception:  # noqa: BLE001 - semantic errors (unknown prefix ...) are the store's to report
            tree = parsed  # the parse tree holds every SERVICE too
    if any(node.name == "ServiceGraphPattern" for node in walk(tree)):
        return Verdict(refused=SERVICE_REFUSED)
    return SAFE


def walk(tree: object) -> Iterator[CompValue]:
    """Every algebra / parse-tree node under ``tree``: patterns, expressions, sub-queries, all of it."""
    stack, seen = [tree], set()
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, CompValue):
            yield node
            stack.extend(node.values())
        elif isinstance(node, dict):
            stack.extend(node.values())
        elif isinstance(node, list | tuple | set | frozenset | ParseResults):
            stack.extend(node)


def update_keyword(query: str) -> str | None:
    """The update operation a text starts with (after its prologue), e.g. ``INSERT`` or ``LOAD``."""
    match = _UPDATE.match(decode_escapes(query))
    return match.group(1).upper() if match else None


def _pyparsing_message(exc: ParseBaseException) -> str:
    found = exc.line[exc.col - 1 : exc.col + 19].strip() if exc.line else ""
    return f"cannot read the query from here ({found!r})" if found else "the query ends too early"
