"""Binding parameters into a query: a ``VALUES`` block at the top of its outermost ``WHERE`` group.

Why there: a ``VALUES`` block at the *end* of a query is joined after grouping,
so aggregates would be computed over everything and a parameter could not
narrow the work; inside the outermost group it is joined with the patterns (and
Oxigraph starts from it). Why ``VALUES`` and not text substitution: the values
are terms written out by pyoxigraph, so no user text is ever pasted into the
query, and an unset optional parameter is simply ``UNDEF``. The same text works
on every backend, the remote SPARQL server included.

To find the group we scan the query as tokens (comments, strings and IRIs are
skipped whole, so a ``{`` or ``WHERE`` inside them does not count).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

import pyoxigraph as ox

XSD = "http://www.w3.org/2001/XMLSchema#"

_TOKENS = re.compile(
    r'(?P<skip>#[^\n]*|"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\''
    r'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^<>"{}|^`\\\s]*>)'
    r"|(?P<where>\bWHERE\b)|(?P<open>\{)|(?P<close>\})",
    re.IGNORECASE,
)


def where_brace(sparql: str) -> int | None:
    """The offset just after the ``{`` that opens the outermost ``WHERE`` group, or None if there is none."""
    depth = 0
    seen_where = False
    for match in _TOKENS.finditer(sparql):
        kind = match.lastgroup
        if kind == "skip":
            continue
        if kind == "where" and depth == 0:
            seen_where = True
        elif kind == "open":
            if depth == 0 and seen_where:
                return match.end()
            depth += 1
        elif kind == "close":
            depth -= 1
    return None


def term_text(term: ox.NamedNode | ox.Literal | None) -> str:
    """SPARQL for a term, as short as is exact: numbers and booleans bare, the rest as pyoxigraph writes."""
    if term is None:
        return "UNDEF"
    if isinstance(term, ox.Literal) and not term.language:
        datatype = term.datatype.value
        if datatype == XSD + "integer" or datatype == XSD + "boolean":
            return term.value
        if datatype == XSD + "decimal":
            return term.value if "." in term.value else term.value + ".0"
    return str(term)  # N-Triples syntax: IRIs in <>, strings escaped, datatypes in full


def values_block(bindings: Mapping[str, ox.NamedNode | ox.Literal | None]) -> str:
    """``VALUES (?a ?b) { (<x> 2022) }`` for the bindings, in their order."""
    names = " ".join(f"?{name}" for name in bindings)
    terms = " ".join(term_text(term) for term in bindings.values())
    return f"VALUES ({names}) {{ ({terms}) }}"


def inject(sparql: str, bindings: Mapping[str, ox.NamedNode | ox.Literal | None]) -> str:
    """The query with ``bindings`` as a ``VALUES`` block at the top of its outermost ``WHERE`` group."""
    if not bindings:
        return sparql
    return _at_top(sparql, f"{values_block(bindings)}  # parameters")


def first_places(sparql: str, variable: str, cap: int) -> str:
    """The query keeping only rows whose ``?variable`` (a row's place in the whole answer, from 1) is at
    most ``cap + 1``: the first page of a reader showing ``cap`` rows, and one more to say rows were cut."""
    return _at_top(sparql, f"FILTER(?{variable} <= {cap + 1})  # the row cap's places and one more")


def _at_top(sparql: str, line: str) -> str:
    """``line`` (ending in a comment) put at the top of the query's outermost ``WHERE`` group."""
    at = where_brace(sparql)
    if at is None:
        raise ValueError("the query has no WHERE { … } group to bind parameters in")
    rest = sparql[at:]
    if not rest.startswith("\n"):
        rest = "\n" + rest  # the comment must not swallow the rest of the line
    return f"{sparql[:at]}\n  {line}{rest}"


def iri_values(var: str, iris: Iterable[str]) -> str:
    """``VALUES ?var { <a> <b> }`` for a set of IRIs (sorted: the same text, the same plan, every time);
    what the readers restricted to the subjects a write touched put in front of their patterns."""
    return f"VALUES ?{var} {{ " + " ".join(f"<{iri}>" for iri in sorted(set(iris))) + " }"
