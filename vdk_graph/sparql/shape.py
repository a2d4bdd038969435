"""How deeply a SPARQL query may nest before any engine sees it.

Measured on pyoxigraph 0.5.13 (issue 10): its parser recurses once per level,
so ~3,000 nested groups (a 12 KB query) overflow the stack and kill the
process with SIGSEGV — a worker on the endpoint, the whole server with the
``memory:`` store, the CLI with exit code 139 and nothing on stderr. Nested
collections ``((…))`` and blank-node property lists ``[ :p [ :p … ] ]`` are
worse: parse time grows with the fourth power of the depth (1.9 s at 100
levels, 15 s at 150). Real queries nest a dozen levels at most; the limit
below leaves room for generated ones and keeps every parse in milliseconds.

The count must never be *lower* than the engine's, or a hostile spelling
gets a deep query past it (a ``}`` hidden in what we take for a comment but
the engine reads as code lowers our count). So the lexer follows the SPARQL
grammar for strings (short and long, both quotes, ``\\`` escapes), comments
(to the first CR or LF), IRIs and the ``\\`` escapes of local names, and
where the grammar itself is ambiguous to a lexer it takes the higher count:

* ``<`` starts an IRI or is "less than" (``?a<?b``), which only a parser can
  tell. An IRI with ``://`` in it cannot be read as an expression (``//``
  is no operator), so it is skipped; any other ``<…>`` is counted both ways
  (its opening brackets count, its closing ones do not), and if it holds a
  ``#`` or ``'`` — a comment or a string in the other reading — every
  opening bracket after it counts and no closing one does.

Run on the text the engine will read: after ``\\u`` escapes are decoded
(:func:`vdk_graph.endpoint.safety.prepare` does that for the endpoint).
"""

from __future__ import annotations

import re

from vdk_graph.errors import QueryError

#: Deepest nesting of ``{ ( [`` a query may have.
MAX_DEPTH = 64

_TOKEN = re.compile(
    r"""
      (?P<comment>\#[^\r\n]*)
    | (?P<string>
          \"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
        | '''(?:[^'\\]|\\.|'(?!''))*'''
        | "(?:[^"\\\r\n]|\\.)*"
        | '(?:[^'\\\r\n]|\\.)*'
      )
    | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
    | (?P<escape>\\.)
    | (?P<open>[{(\[])
    | (?P<close>[})\]])
    """,
    re.VERBOSE | re.DOTALL,
)
_OPENERS = re.compile(r"[{(\[]")


def nesting(query: str, limit: int = MAX_DEPTH) -> tuple[int, int]:
    """An upper bound of how deeply ``query`` nests, and the offset where it first goes past ``limit``
    (or where it is deepest, if it never does)."""
    depth = deepest = where = 0
    over = -1

    def reach(level: int, at: int) -> None:
        nonlocal deepest, where, over
        if level > deepest:
            deepest, where = level, at
        if level > limit and over < 0:
            over = at

    for match in _TOKEN.finditer(query):
        kind = match.lastgroup
        if kind == "open":
            depth += 1
            reach(depth, match.start())
        elif kind == "close":
            depth = max(0, depth - 1)
        elif kind == "iri":
            token = match.group()
            if "://" in token:
                continue
            if "#" in token or "'" in token:
                reach(depth + len(_OPENERS.findall(query, match.start())), match.start())
                break
            opened = len(_OPENERS.findall(token))
            reach(depth + opened, match.start())
            depth += opened
    return deepest, over if over >= 0 else where


def check_nesting(query: str, max_depth: int = MAX_DEPTH) -> None:
    """Raise :class:`QueryError` (400) for a query nested deeper than ``max_depth``."""
    depth, offset = nesting(query, max_depth)
    if depth > max_depth:
        line = query.count("\n", 0, offset) + 1
        column = offset - (query.rfind("\n", 0, offset) + 1) + 1
        raise QueryError(
            f"SPARQL query too deep at line {line}, column {column}: it nests {depth} levels "
            f"(braces, parentheses and brackets), more than the {max_depth} allowed, and engines crash "
            "or stall on such queries. Flatten it: a UNION or VALUES instead of nested groups, a "
            "property path instead of nested blank nodes",
            line,
            column,
        )
