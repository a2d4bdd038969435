"""A query result as a table for people: labelled IRIs, plain JSON values, and label columns folded away.

The web pages get their rows from the SPARQL endpoint (which applies the time
limit and the row cap) as SPARQL JSON; :func:`from_results_json` reads that
back into terms. Queries return a ``?xLabel`` column next to an IRI column
``?x`` so that CSV users get names; in HTML the IRI cell already shows the
label as a link, so :meth:`Table.shown` leaves the label column out.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import pyoxigraph as ox

from vdk_graph.terms import OxTerm, to_python

NUMERIC = {f"http://www.w3.org/2001/XMLSchema#{t}" for t in (
    "integer", "decimal", "double", "float", "int", "long", "short", "nonNegativeInteger", "positiveInteger",
)}


@dataclass
class Table:
    columns: list[str]
    rows: list[tuple[OxTerm | None, ...]]
    truncated: bool = False
    #: IRI → label in the page's language, for the IRIs in ``rows``.
    labels: dict[str, str] = field(default_factory=dict)

    def iris(self) -> list[str]:
        seen: dict[str, None] = {}
        for row in self.rows:
            for term in row:
                if isinstance(term, ox.NamedNode):
                    seen.setdefault(term.value)
        return list(seen)

    def shown(self) -> list[int]:
        """Indexes of the columns an HTML table shows: ``xLabel`` is left out when ``x`` holds IRIs."""
        iri_columns = {name for i, name in enumerate(self.columns)
                       if any(isinstance(row[i], ox.NamedNode) for row in self.rows)}
        return [i for i, name in enumerate(self.columns)
                if not (name.endswith("Label") and name[: -len("Label")] in iri_columns)]

    def json_rows(self) -> list[dict[str, Any]]:
        """Rows as objects of JSON values: numbers as numbers, booleans as booleans, the rest as text."""
        return [{name: json_value(term) for name, term in zip(self.columns, row, strict=True)
                 if term is not None} for row in self.rows]


def json_value(term: OxTerm) -> Any:
    value = to_python(term)
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, bool | int | float | str):
        return value
    return str(value)


def is_numeric(term: OxTerm | None) -> bool:
    return isinstance(term, ox.Literal) and term.datatype.value in NUMERIC


def from_results_json(body: bytes, truncated: bool = False) -> Table:
    """A table from SPARQL 1.1 JSON results (what the endpoint answers).

    A cut answer carries ``vdk:truncated`` and ``vdk:rowLimit`` after its bindings, which
    pyoxigraph's strict reader refuses: they are taken off first (``truncated`` says it).
    """
    if truncated and b'"vdk:truncated"' in body[-200:]:
        data = json.loads(body)
        data.pop("vdk:truncated", None)
        data.pop("vdk:rowLimit", None)
        body = json.dumps(data).encode("utf-8")
    solutions = ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON)
    if isinstance(solutions, ox.QueryBoolean):
        return Table(["result"], [(ox.Literal(str(bool(solutions)).lower(),
                                              datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#boolean")),)])
    columns = [v.value for v in solutions.variables]
    rows = [tuple(solution[i] for i in range(len(columns))) for solution in solutions]
    return Table(columns, rows, truncated)
