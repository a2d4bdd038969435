"""Answering SELECT queries with Oxigraph's own result writers, the row cap kept exactly.

Writing a result in Python costs about as much as computing it for quick
queries (~10–20 µs a row with JSON, bench/endpoint_bench.py). pyoxigraph writes
SPARQL results JSON, XML, CSV and TSV natively, straight from its iterator,
without a Python object per term — but it writes *every* row, and the endpoint
must cut results at the row cap and say so. Two ways to keep the cap:

* **bounded**: the query's last line ends with ``LIMIT n`` (``n`` ≤ cap, an
  ``OFFSET`` may follow). A ``LIMIT`` that ends the text is the query's own (a
  sub-select's is followed by ``}``); a last line with ``#`` on it is left
  alone, as it may be a comment. Oxigraph writes the answer as it is.
* **capped**: any other SELECT gets ``LIMIT cap+1`` appended on a line of its
  own. SPARQL allows one top-level LIMIT, before any VALUES, so the appended
  text either means exactly "the first cap+1 rows of this query" or is a
  syntax error, and then the query takes the general path unchanged. Oxigraph
  writes JSON; if cap+1 rows came back, the last is dropped (read back with the
  C parser, written again with ``vdk:truncated``). XML is written in Python
  from the cap+1 rows.

CSV and TSV are always written in Python (:mod:`vdk_graph.results`), bounded
or not: spreadsheets open them, so every cell goes through the one rule
against formula injection (``results.spreadsheet_cell``), which Oxigraph's
writers do not apply.

CONSTRUCT, DESCRIBE, ASK and remote stores take the general path.

The pyoxigraph store under an embedded or in-memory store comes from
``Store.native()``; a remote store has none and takes the general path.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

import pyoxigraph as ox

from vdk_graph.endpoint.protocol import MediaType
from vdk_graph.errors import QueryError
from vdk_graph.results import SelectResult
from vdk_graph.sparql import shift_error, with_prefixes
from vdk_graph.store import Store
from vdk_graph.store.oxigraph import native_query
from vdk_graph.store.threadbound import thread_bound
from vdk_graph.terms import iter_rows

_LAST_LIMIT = re.compile(r"\bLIMIT\s+(\d+)(?:\s+OFFSET\s+\d+)?$", re.IGNORECASE)
_FORM = re.compile(
    r"^(?:\s+|\#[^\n]*(?:\n|$)|BASE\s*<[^>]*>|PREFIX\s+[^\s:]*:\s*<[^>]*>)*(SELECT|ASK|CONSTRUCT|DESCRIBE)\b",
    re.IGNORECASE,
)
FORMATS = {
    "json": ox.QueryResultsFormat.JSON,
    "xml": ox.QueryResultsFormat.XML,
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
}


#: Written in Python, never by Oxigraph: see the module docstring.
SPREADSHEET_FORMATS = ("csv", "tsv")


@dataclass(frozen=True)
class Plan:
    """The query text to give Oxigraph, and whether it may return one row more than the cap."""

    text: str
    may_exceed: bool


def bounded(query: str, max_rows: int) -> bool:
    """Whether the query's last line is ``… LIMIT n [OFFSET m]`` with ``n`` ≤ ``max_rows``."""
    lines = query.rstrip().splitlines()
    if not lines or "#" in lines[-1]:
        return False
    match = _LAST_LIMIT.search(lines[-1].rstrip())
    return match is not None and int(match.group(1)) <= max_rows


def plan(query: str, max_rows: int) -> Plan | None:
    """How to run ``query`` natively within the cap, or None for the general path."""
    if bounded(query, max_rows):
        return Plan(query, may_exceed=False)
    form = _FORM.match(query)
    if form and form.group(1).upper() == "SELECT":
        return Plan(f"{query}\nLIMIT {max_rows + 1}", may_exceed=True)
    return None


def oxigraph_store(store: Store) -> ox.Store | None:
    """The pyoxigraph store the embedded or in-memory backend reads (None for a remote store)."""
    return store.native()


def run(
    store: ox.Store, query: str, default_graphs: list[str] | None, named_graphs: list[str] | None
) -> ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples:
    """Run a user's query (project prefixes pre-declared) and return pyoxigraph's own result."""
    text, added = with_prefixes(query)
    try:
        return native_query(store, text, default_graphs, named_graphs)
    except QueryError as exc:
        raise shift_error(exc, added) from None


def write(
    solutions: ox.QuerySolutions, media: MediaType, plan: Plan, max_rows: int
) -> tuple[bytes, bool] | SelectResult:
    """The answer's bytes and whether rows were cut; or, for XML, CSV and TSV, the rows to write in Python."""
    if not plan.may_exceed and media.name not in SPREADSHEET_FORMATS:
        return solutions.serialize(format=FORMATS[media.name]) or b"", False
    if media.name in ("xml", *SPREADSHEET_FORMATS):
        variables = [v.value for v in solutions.variables]
        rows = iter_rows(thread_bound(solutions), len(variables))
        return SelectResult(variables, rows)  # cap+1 rows at most
    body = solutions.serialize(format=FORMATS[media.name]) or b""
    parsed = json.loads(body)
    bindings = parsed["results"]["bindings"]
    if len(bindings) <= max_rows:
        return body, False
    del bindings[max_rows:]
    parsed["vdk:truncated"], parsed["vdk:rowLimit"] = True, max_rows
    return json.dumps(parsed, ensure_ascii=False, separators=(",", ":")).encode("utf-8"), True
