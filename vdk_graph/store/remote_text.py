"""What the remote store reads from a query's text without parsing it: its form, its own dataset, its LIMIT.

The remote store sends the user's text as it is (the server parses it), but it must
know three things first: which media types to ask for (by query form), whether to
add the store's dataset (not when the query names its own with FROM), and whether
an answer that stops at the server's row limit was cut or asked for (the query's own
LIMIT). Strings, IRIs and comments are blanked out first, so a ``"FROM"`` in a
literal or ``<http://x/limit>`` never counts.
"""

from __future__ import annotations

import re

_STRIP = re.compile(
    r'"""(?:.|\n)*?"""|\'\'\'(?:.|\n)*?\'\'\'|"(?:\\.|[^"\\\n])*"|\'(?:\\.|[^\'\\\n])*\'|<[^<>\s]*>|#[^\n]*'
)
# The keyword, not a variable (?from), a prefixed name (ex:from) or a prefix (from:x).
_FROM = re.compile(r"(?<![\w?$:.-])FROM(?![\w:.-])", re.IGNORECASE)
# The query's own LIMIT, at its very end (with or without an OFFSET on either side).
_LIMIT = re.compile(r"(?<![\w?$:.-])LIMIT\s+(\d+)(?:\s+OFFSET\s+\d+)?\s*$", re.IGNORECASE)
_FORM = re.compile(r"^\s*(?:(?:PREFIX\s+[\w.-]*:|BASE)\s*)*([A-Za-z]+)", re.IGNORECASE)


def declares_dataset(sparql: str) -> bool:
    """Whether a query names its own dataset with FROM / FROM NAMED (outside strings, IRIs and comments)."""
    return bool(_FROM.search(_STRIP.sub(" ", sparql)))


def own_limit(sparql: str) -> int | None:
    """The LIMIT at the end of a query (outside strings, IRIs and comments), if it has one."""
    match = _LIMIT.search(_STRIP.sub(" ", sparql).rstrip())
    return int(match.group(1)) if match else None


def query_form(sparql: str) -> str:
    """SELECT, ASK, CONSTRUCT or DESCRIBE (upper case; "" if the text does not say)."""
    match = _FORM.match(_STRIP.sub(" ", sparql))
    return match.group(1).upper() if match else ""
