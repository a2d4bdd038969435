"""The graphs a SPARQL query's ``FROM`` and ``FROM NAMED`` clauses name, read without a parser.

Why not rdflib's SPARQL parser, which this used to call: it is a pyparsing grammar that
takes tens of milliseconds on a long query, keeps module-global state (one parse at a
time, under a lock) and leaves exception cycles that hold the frames of its callers —
with them a raw pyoxigraph result, which a garbage collection on another thread then
dropped (the "unsendable" crash of issue 13's flaky tests). The dataset clauses sit in
a fixed place — after the prologue and the query form, before the ``WHERE`` group — so
reading them needs only SPARQL's tokens (comments, strings and IRIs skipped whole, so a
``FROM`` inside them is no clause) and the prologue's ``PREFIX`` and ``BASE``.

Text that does not read as a query is not ours to report: :func:`dataset_clauses` then
answers None and the engine gives its syntax error with line and column.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import urljoin

from vdk_graph.errors import QueryError

_PN_CHARS = r"\w\u00B7\u00C0-\U000EFFFF"
_PLX = r"%[0-9A-Fa-f]{2}|\\[_~.\-!$&'()*+,;=/?#@%]"
_LOCAL = rf"(?:[{_PN_CHARS}:]|{_PLX})(?:(?:[{_PN_CHARS}\-.:]|{_PLX})*(?:[{_PN_CHARS}\-:]|{_PLX}))?"
_PREFIX = rf"[A-Za-z\u00C0-\U000EFFFF](?:[{_PN_CHARS}\-.]*[{_PN_CHARS}\-])?"
_TOKEN = re.compile(
    "|".join(
        (
            r"(?P<space>\s+|\#[^\n\r]*)",
            # A string runs to its closing quote, else to the end of its line (short) or of the text
            # (long): a quote never starts a failed match, so hostile text is scanned once, not n times.
            r"(?P<string>'''(?:[^'\\]|\\(?:.|\Z)|'(?!''))*(?:'''|\Z)"
            r"|\"\"\"(?:[^\"\\]|\\(?:.|\Z)|\"(?!\"\"))*(?:\"\"\"|\Z)"
            r"|'(?:[^'\\\n\r]|\\(?:.|\Z))*(?:'|(?=[\n\r])|\Z)|\"(?:[^\"\\\n\r]|\\(?:.|\Z))*(?:\"|(?=[\n\r])|\Z))",
            r"(?P<iri><[^<>\"{}|^`\\\x00-\x20]*>)",
            rf"(?P<pname>(?P<prefix>{_PREFIX})?:(?P<local>{_LOCAL})?)",
            r"(?P<var>[?$][\w\u00B7\u00C0-\U000EFFFF]+)",
            # A word takes every character a prefix may hold, so a name that was no prefix is passed whole.
            rf"(?P<word>[A-Za-z_\u00C0-\U000EFFFF][{_PN_CHARS}\-.]*)",
            r"(?P<other>.)",
        )
    ),
    re.DOTALL,
)
_UNESCAPE = re.compile(r"\\(.)")


def dataset_clauses(sparql: str) -> tuple[list[str], list[str]] | None:
    """The IRIs of ``FROM`` and of ``FROM NAMED`` in order, or None when the query declares none.

    Prefixed names are expanded with the query's own ``PREFIX`` declarations (an undeclared
    prefix is a :class:`QueryError` naming it); relative IRIs are resolved against ``BASE``.
    """
    base, prefixes = "", {}
    defaults: list[str] = []
    named: list[str] = []
    depth, groups_before_where = 0, 1
    tokens = _tokens(sparql)
    for kind, text, _ in tokens:
        if kind == "other" and text == "{":
            if depth == 0 and groups_before_where == 0:
                break  # the WHERE group: no dataset clause after it
            depth += 1
            continue
        if kind == "other" and text == "}":
            depth -= 1
            if depth == 0:
                groups_before_where -= 1
            continue
        if depth or kind != "word":
            continue
        keyword = text.upper()
        if keyword == "CONSTRUCT":
            groups_before_where = 1  # its template comes before the dataset clauses
        elif keyword in {"SELECT", "ASK", "DESCRIBE"}:
            groups_before_where = 0
        elif keyword == "WHERE":
            break
        elif keyword == "BASE":
            iri = next(tokens, None)
            if iri is None or iri[0] != "iri":
                return None
            base = _resolved(iri[1][1:-1], base)
        elif keyword == "PREFIX":
            declared, iri = next(tokens, None), next(tokens, None)
            if declared is None or iri is None or declared[0] != "pname" or iri[0] != "iri":
                return None
            prefixes[declared[2].group("prefix") or ""] = _resolved(iri[1][1:-1], base)
        elif keyword == "FROM":
            graph = next(tokens, None)
            into = defaults
            if graph is not None and graph[0] == "word" and graph[1].upper() == "NAMED":
                graph, into = next(tokens, None), named
            name = _graph(graph, base, prefixes) if graph is not None else None
            if name is None:
                return None
            into.append(name)
    if not defaults and not named:
        return None
    return defaults, named


def _tokens(sparql: str) -> Iterator[tuple[str, str, re.Match[str]]]:
    """The query's tokens without spaces and comments: (kind, text, match)."""
    for match in _TOKEN.finditer(sparql):
        kind = match.lastgroup or "other"
        if kind == "space":
            continue
        yield kind, match.group(), match


def _graph(token: tuple[str, str, re.Match[str]], base: str, prefixes: dict[str, str]) -> str | None:
    """The graph a FROM names; None when what follows is no graph name (the engine says why)."""
    kind, text, match = token
    if kind == "iri":
        return _resolved(text[1:-1], base)
    if kind == "pname":
        prefix = match.group("prefix") or ""
        if prefix not in prefixes:
            raise QueryError(f"FROM uses the prefix '{prefix}:', which the query does not declare")
        return prefixes[prefix] + _UNESCAPE.sub(r"\1", match.group("local") or "")
    return None


def _resolved(iri: str, base: str) -> str:
    """``iri`` resolved against ``base`` when it is relative (no scheme)."""
    if base and ":" not in iri.split("/")[0]:
        return urljoin(base, iri)
    return iri
