"""A spreadsheet cell as the curator typed it, and the cells read as they are: text, yes/no, identifiers.

:data:`Cell` is what a reader gets, :class:`CellError` what it raises (what was
wrong and what was expected), :func:`as_text` the cell as the curator sees it.
The readers of quantities (:mod:`.quantities`) and of controlled words
(:mod:`.words`) build on these; :mod:`.values` gathers them all.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from rdflib import URIRef

from vdk_graph.importers.pure.vocabulary import words

#: What a reader gets: text from a CSV, or whatever openpyxl typed the XLSX cell as.
Cell = str | int | float | bool | dt.date | dt.datetime | Decimal


class CellError(ValueError):
    """A cell that cannot be read; ``expected`` says what would have been right."""

    def __init__(self, message: str, expected: str) -> None:
        super().__init__(message)
        self.message = message
        self.expected = expected


def as_text(value: Cell) -> str:
    """The cell as the curator sees it (Excel numbers without a spurious '.0')."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return " ".join(str(value).split())


def split_list(value: Cell) -> list[str]:
    """ "a; b ;c" → ["a", "b", "c"]: lists inside a cell are separated by semicolons."""
    return [part.strip() for part in as_text(value).split(";") if part.strip()]


_YES = frozenset(words("yes|ja|true|sand|1|y|j|x"))
_NO = frozenset(words("no|nej|false|falsk|0|n"))
EXPECTED_BOOLEAN = "yes or no (ja/nej, true/false, 1/0)"


def read_boolean(value: Cell) -> bool:
    if isinstance(value, bool):
        return value
    text = as_text(value).casefold()
    if text in _YES:
        return True
    if text in _NO:
        return False
    raise CellError(f"'{as_text(value)}' is not yes or no", EXPECTED_BOOLEAN)


def read_text(value: Cell) -> str:
    return as_text(value)


#: Languages by name; any other two-letter ISO 639-1 code (sv, nb, de ...) is taken as it is written.
_LANGUAGES = {
    "dansk": "da", "danish": "da", "engelsk": "en", "english": "en", "svensk": "sv", "swedish": "sv",
    "norsk": "nb", "norwegian": "nb", "no": "nb", "tysk": "de", "german": "de", "fransk": "fr",
    "french": "fr",
}


def read_language(value: Cell) -> str:
    """A language tag: da and en, or another ISO 639-1 code for a title in a third language."""
    text = as_text(value).casefold()
    found = _LANGUAGES.get(text) or (text if re.fullmatch(r"[a-z]{2}", text) else None)
    if found is None:
        raise CellError(
            f"'{as_text(value)}' is not a language this importer knows",
            "da, en or another two-letter ISO 639-1 code (sv, nb, de ...)",
        )
    return found


def read_cvr(value: Cell) -> str:
    """ "DK-12345678", "12 34 56 78" → "12345678"."""
    text = as_text(value)
    digits = re.sub(r"^(?:dk|cvr)[\s:-]*", "", text, flags=re.I)
    digits = re.sub(r"[\s.-]", "", digits)
    if not re.fullmatch(r"\d{8}", digits):
        raise CellError(f"'{text}' is not a CVR number", "eight digits, such as 12345678")
    return digits


def read_url(value: Cell) -> str:
    text = as_text(value)
    if not re.fullmatch(r"https?://[^\s/?#]+\.[^\s/?#]+(?:[/?#]\S*)?", text, re.I):
        raise CellError(f"'{text}' is not a web address", "a URL starting with https:// or http://")
    return text


def read_iri(value: Cell) -> URIRef:
    return URIRef(read_url(value))
