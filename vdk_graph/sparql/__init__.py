"""Running SPARQL the way users write it: the project's prefixes pre-declared, errors placed in *their* text.

Users (CLI, workbench, Python) may use ``vdk:``, ``schema:``, ``org:`` … without
declaring them. We prepend the declarations they did not write, and move the
line numbers of syntax errors back so they point into the query as typed.

Modules: this one (run a query with the project's prefixes, errors placed in the user's
text), :mod:`.shape` (how deeply a query may nest); the results it gives are
:mod:`vdk_graph.results` (below the store, which returns them).
"""

from __future__ import annotations

import re

from vdk_graph.errors import QueryError
from vdk_graph.namespaces import PREFIXES
from vdk_graph.results import QueryResult
from vdk_graph.sparql.shape import check_nesting
from vdk_graph.store.base import Store

_DECLARED = re.compile(r"\bPREFIX\s+([A-Za-z][\w.-]*)?:", re.IGNORECASE)


def with_prefixes(sparql: str, prefixes: dict[str, str] | None = None) -> tuple[str, int]:
    """The query with the missing prefix declarations prepended, and how many lines were added."""
    declared = {m.group(1) or "" for m in _DECLARED.finditer(sparql)}
    missing = [(p, ns) for p, ns in (prefixes or PREFIXES).items() if p not in declared]
    if not missing:
        return sparql, 0
    header = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in missing)
    return header + sparql, len(missing)


def run(
    store: Store,
    sparql: str,
    *,
    default_graphs: list[str] | None = None,
    named_graphs: list[str] | None = None,
) -> QueryResult:
    """Run a user's query on a store with the project prefixes available (and nesting bounded)."""
    check_nesting(sparql)  # a query nested thousands deep crashes the engine: refuse it with a message
    text, added = with_prefixes(sparql)
    try:
        return store.query(text, default_graphs=default_graphs, named_graphs=named_graphs)
    except QueryError as exc:
        raise shift_error(exc, added) from None


def shift_error(exc: QueryError, lines: int) -> QueryError:
    """The same error with its line counted in the user's text rather than ours."""
    if exc.line is None or not lines:
        return exc
    line = max(1, exc.line - lines)
    message = f"SPARQL syntax error at line {line}, column {exc.column}: {exc.detail}"
    return type(exc)(message, line, exc.column, exc.detail)
