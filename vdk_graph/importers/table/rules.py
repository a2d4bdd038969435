"""One spreadsheet row, and the rules that span its cells (a currency for every amount, start before end ...).

A cell can be well formed and the row still wrong: an amount without a
currency, "kr." in the amount but EUR in the currency column, a start after
the end, a person given a lead organisation's role. These checks run on every
row before anything is planned, so they are reported together with the bad
cells, each with its row and column.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from vdk_graph.errors import Problem, Severity
from vdk_graph.importers.table import values as v
from vdk_graph.names import slug


@dataclass
class Row:
    """One spreadsheet row, its cells read into Python values (empty cells absent)."""

    kind: str
    location: str
    number: int
    values: dict[str, Any]
    source_url: str
    retrieved: dt.date | None = None
    #: Problems of this row: errors stop the import, warnings travel with its graph.
    problems: list[Problem] = field(default_factory=list)
    #: True when a cell or rule of the row is in error (the row is then never mapped).
    failed: bool = False

    def get(self, column: str, default: Any = None) -> Any:
        return self.values.get(column, default)

    def problem(
        self,
        message: str,
        column: str | None = None,
        expected: str | None = None,
        severity: Severity = "error",
    ) -> Problem:
        return Problem(
            message, file=self.location, line=self.number, field=column, expected=expected, severity=severity
        )

    def warn(self, message: str, column: str | None = None) -> None:
        self.problems.append(self.problem(message, column, severity="warning"))


def check_row(row: Row) -> None:
    """Add the row's cross-column problems to ``row.problems``."""
    _check_period(row, "start", "end")
    if row.kind in ("grants", "investments"):
        _check_money(row)
    if row.kind == "participations":
        _check_role(row)
    if row.kind == "organisations":
        _check_places(row)
    contribution = row.kind == "investments" and row.get("type") == "capital-contribution"
    if contribution and row.get("stake") is not None:
        row.problems.append(
            row.problem(
                "a capital contribution to a fund has no stake",
                "stake",
                "an empty cell, or type 'investment' for a share bought in a company",
            )
        )
    if row.kind == "people" and row.get("job_title_lang") and not row.get("job_title"):
        row.warn("job_title_lang is given without a job_title; it is ignored", "job_title_lang")


def _check_places(row: Row) -> None:
    """City, region and country must be three places: a place's IRI is minted from its name alone.

    A region named like its city ("Vienna", "Berlin") would otherwise become the city's own node,
    typed both, and lying in itself.
    """
    given = [(column, row.get(column)) for column in ("city", "region", "country") if row.get(column)]
    for (inner, name), (outer, other) in zip(given, given[1:], strict=False):
        if isinstance(name, str) and isinstance(other, str) and slug(name) == slug(other):
            row.problems.append(
                row.problem(
                    f"the {inner} and the {outer} are both named '{other}', so they would be one place",
                    outer,
                    f"a name of its own for the {outer}, e.g. '{other} (state)' or its official name, "
                    f"or an empty {outer} cell",
                )
            )


def _check_period(row: Row, start_column: str, end_column: str) -> None:
    start, end = row.get(start_column), row.get(end_column)
    if not isinstance(start, v.PartialDate) or not isinstance(end, v.PartialDate):
        return
    if start.is_day and end.is_day:
        wrong = (start.year, start.month, start.day) > (end.year, end.month, end.day)
    else:
        wrong = start.year > end.year
    if wrong:
        row.problems.append(
            row.problem(
                f"the start {start} is after the end {end}", start_column, "a start on or before the end"
            )
        )


def _check_money(row: Row) -> None:
    amount: v.Amount | None = row.get("amount")
    currency: str | None = row.get("currency")
    if amount is None:
        if currency:
            row.warn("a currency without an amount is ignored", "currency")
        return
    if amount.currency and currency and amount.currency != currency:
        row.problems.append(
            row.problem(
                f"the amount is written in {amount.currency} but the currency column says {currency}",
                "currency",
                f"the currency of the amount ({amount.currency}), or an amount without a currency sign",
            )
        )
    elif not amount.currency and not currency:
        row.problems.append(row.problem("an amount needs its currency", "currency", v.EXPECTED_CURRENCY))
    elif not currency:
        row.values["currency"] = amount.currency
    if amount.ambiguous:
        row.warn(
            f"read the amount as {amount.value} (Danish decimal comma); write it with a thousands dot "
            "(1.500) or without separators (1500) if one thousand five hundred was meant",
            "amount",
        )


def _check_role(row: Row) -> None:
    kind = row.get("participant_type", "organisation")
    written = row.get("role")
    if written is None:
        row.values["role"] = "unspecified"
        return
    try:
        row.values["role"] = v.read_person_role(written) if kind == "person" else v.read_org_role(written)
    except v.CellError as error:
        row.problems.append(row.problem(error.message, "role", error.expected))
