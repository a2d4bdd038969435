"""What a public, read-only, offline endpoint never runs (SERVICE, updates, LOAD); what it hands the engine.

Found by experiment (issue 4): pyoxigraph executes ``SERVICE`` (also ``SERVICE
SILENT`` and nested in ``EXISTS``, sub-selects, ``OPTIONAL``), with no timeout,
so a query could make the server call any host. ``FROM``/``FROM NAMED`` and the
protocol's ``default-graph-uri``/``named-graph-uri`` are safe with pyoxigraph:
it only ever picks those graphs out of the store (a canary server in the tests
sees no request). rdflib *would* fetch ``FROM <http…>`` and read ``FROM <file:…>``,
but rdflib never evaluates a query here: it only parses.

**One text for the check and the engine** (issue 10). SPARQL decodes
``\\uXXXX``/``\\UXXXXXXXX`` escapes over the whole text before parsing
(§19.2); rdflib does, pyoxigraph 0.5.13 decodes them only inside strings and
IRIs. So ``"\\u0022\\u0022" SERVICE <…> {…} "\\u0022\\u0022\\u0022"`` was
one long string to a check that parsed with rdflib and a SERVICE call to the
engine. :func:`prepare` now decodes escapes once, as the grammar says, refuses
text in which the decoding leaves an escape (``\\u005Cu0041`` would be decoded
again by whichever reader comes next, differently), and returns the decoded
text: that text, and only it, is both checked and run. With no escape left,
rdflib's own pass is a no-op and pyoxigraph's string decoding is too.

How we decide, on that text:

1. **A pattern that needs no parser.** A SERVICE call is the keyword, maybe
   ``SILENT``, one IRI, prefixed name or variable, then ``{``, with only
   whitespace and comments between. :data:`_SERVICE_CALL` finds that shape
   anywhere — in strings and comments too, so no disagreement about where a
   string ends can hide one. Text such as ``"customer service"`` or ``?service``
   does not have the shape; text that has it inside a string is refused,
   which costs an honest user nothing they cannot rephrase.
2. **Parse and walk the algebra.** Any query that mentions the word ``service``
   (or every query, with ``strict=True``, used for remote stores, where the
   server's own dialect could hold other surprises) is parsed with rdflib's
   SPARQL 1.1 parser and translated to algebra, and the whole tree —
   expressions, sub-queries, ``EXISTS`` — is walked for ``ServiceGraphPattern``.
3. **Refuse what we cannot read.** A query rdflib cannot parse, but which step 2
   must see, is refused with rdflib's syntax error (line and column).

Before either, :func:`vdk_graph.sparql.shape.check_nesting` refuses queries
nested deeper than engines survive. Behind all of it, query workers cannot open
a network socket at all (:mod:`vdk_graph.endpoint.sandbox`), whatever this
module decides.

rdflib's parser is not thread-safe (rdflib issue #1282), so every parse holds
one process-wide lock; the endpoint runs queries in worker processes, so the
lock only serialises the threads of one process. Verdicts are cached per query
text (short texts only, so the cache stays small), so a workbench re-running a
query pays for the parse once.

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
from vdk_graph.namespaces import PREFIXES
from vdk_graph.sparql.shape import check_nesting

#: rdflib's SPARQL parser keeps state in module globals (rdflib issue #1282): one parse at a time.
PARSER_LOCK = threading.Lock()
_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_LEFTOVER = re.compile(r"\\[uU]")
_KEYWORD = "service"
#: Whitespace or a comment, as generously as any reader takes them (a comment ends at CR or LF).
_GAP = r"(?:\s|\#[^\r\n]*)*"
#: The shape of a SERVICE call: keyword, optional SILENT, one target token, then the group's ``{``.
#: Not after ``? $ : / # _ -``: there the word is part of a variable, a name, an IRI or a comment
#: (measured: the engine reads ``1SERVICE``, ``trueSERVICE``, ``"o"SERVICE``, ``.SERVICE`` as the keyword).
_SERVICE_CALL = re.compile(
    rf"(?<![?$:/#_\-])service{_GAP}(?:silent{_GAP})?[^\s{{}}]+{_GAP}\{{", re.IGNORECASE
)
#: Query texts longer than this are checked every time rather than cached (the cache holds texts).
_CACHE_TEXT = 20_000
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


def decoded(query: str) -> str:
    """The text with its escapes decoded once; :class:`QueryError` if an escape is left after that.

    A left-over ``\\u`` (from ``\\u005Cu0041``, or an escape of a surrogate) would be decoded
    a second time by whichever reader comes next, and read differently by each.
    """
    text = decode_escapes(query)
    left = _LEFTOVER.search(text)
    if left:
        line = text.count("\n", 0, left.start()) + 1
        column = left.start() - (text.rfind("\n", 0, left.start()) + 1) + 1
        raise QueryError(
            f"SPARQL syntax error at line {line}, column {column}: after \\u and \\U escapes are decoded "
            "(once, as SPARQL says) the text still holds one, or an escape of something that is not a "
            "character; write the character itself",
            line,
            column,
        )
    return text


def prepare(query: str, *, strict: bool = False) -> str:
    """The text to run: escapes decoded once, nesting bounded, SERVICE refused — checked as it will be run.

    Raises :class:`QueryRefused` (403) for SERVICE, :class:`QueryError` (400) for what cannot be read.
    """
    text = decoded(query)
    check_nesting(text)
    check(text, strict=strict)
    return text


def check(text: str, *, strict: bool = False) -> None:
    """Raise :class:`QueryRefused` for decoded text that uses SERVICE (or that we cannot read when we must).

    ``strict``: parse every query, not only those that mention the keyword (remote stores).
    Callers hand it :func:`prepare`'s text; raw text with escapes is decoded here first.
    """
    if _LEFTOVER.search(text):
        text = decoded(text)
    if _SERVICE_CALL.search(text):
        raise QueryRefused(SERVICE_REFUSED)
    if not strict and _KEYWORD not in text.casefold():
        return
    verdict = inspect(text) if len(text) <= _CACHE_TEXT else _inspect(text)
    if verdict.refused:
        raise QueryRefused(verdict.refused, verdict.line, verdict.column)
    if verdict.syntax:
        raise QueryError(verdict.syntax, verdict.line, verdict.column)


@lru_cache(maxsize=1024)
def inspect(query: str) -> Verdict:
    """:func:`_inspect`, remembered for short texts (at most 1,024 × 20 kB)."""
    return _inspect(query)


def _inspect(query: str) -> Verdict:
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
