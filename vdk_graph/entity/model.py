"""What an entity page shows: groups of rows of typed values, each value with its sources.

Plain dataclasses so that the HTML page and its JSON twin show the same thing;
formatting (dates, numbers, money in Danish or English) is left to the page.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from typing import Any

import pyoxigraph as ox

from vdk_graph.terms import OxTerm, to_python
from vdk_graph.texts import pick


@dataclass
class Value:
    """One value on a page: a link to a thing, a text, a number, money, a date or a period.

    ``type`` decides how it is shown: ref, url, text, number, money, date, datetime,
    year, period (``value`` = start, ``end`` = end), duration, percent, bool, term (a
    vocabulary term), property (a property's label, ``note="inverse"`` when it points here).
    """

    type: str
    value: Any = None
    label: str | None = None
    kind: str | None = None
    lang: str | None = None
    unit: str | None = None
    end: Any = None
    note: str | None = None
    sources: list[int] = field(default_factory=list)


@dataclass
class Row:
    cells: dict[str, list[Value]]
    sources: list[int] = field(default_factory=list)


@dataclass
class Group:
    """A table of one meaning: ``key`` names it (interface string ``entity.group.<key>``)."""

    key: str
    columns: list[str]
    rows: list[Row]
    style: str = "table"  # table | properties | tags
    note: str | None = None


@dataclass
class SourceRef:
    number: int
    graph: str
    url: str | None
    label: str | None
    retrieved: dt.date | None = None
    generated: dt.datetime | None = None
    importer: str | None = None


@dataclass
class EntityPage:
    iri: str
    label: str
    labels: dict[str, str]
    kind: str
    classes: list[Value]
    groups: list[Group]
    sources: list[SourceRef]
    truncated: bool = False
    network_kind: str | None = None

    def as_json(self) -> dict[str, Any]:
        return _jsonable(asdict(self))


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items() if v is not None and (k != "sources" or v)}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def literal_value(term: OxTerm) -> Value:
    """A literal as a typed value (dates as dates, numbers as numbers, texts with their language)."""
    if isinstance(term, ox.NamedNode):
        return Value("ref", term.value)
    if not isinstance(term, ox.Literal):
        return Value("text", str(term))
    datatype = term.datatype.value.rsplit("#", 1)[-1]
    python = to_python(term)
    if datatype == "gYear" and isinstance(python, int):
        return Value("year", python)
    if isinstance(python, dt.datetime):
        return Value("datetime", python)
    if isinstance(python, dt.date):
        return Value("date", python)
    if isinstance(python, bool):
        return Value("bool", python)
    if datatype in ("duration", "dayTimeDuration", "yearMonthDuration"):
        return Value("duration", term.value)
    if isinstance(python, int | float | Decimal):
        return Value("number", Decimal(str(python)))
    return Value("text", term.value, lang=term.language or None)


__all__ = ["EntityPage", "Group", "Row", "SourceRef", "Value", "literal_value", "pick"]
