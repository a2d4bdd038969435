"""Reading dates, numbers, amounts of money, currencies and percentages from spreadsheet cells.

Dates keep the precision the source gave (a day, a month, a year; never an
invented 1 January); amounts are read the Danish way ("9,2 mio.", "11.150.006
kr.") by the Pure importer's number reading, the project's one reading of
Danish numbers, with a warning where English would read the cell otherwise.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal

from rdflib import Literal
from rdflib.namespace import XSD

# The number reading of the Pure importer is the project's one reading of Danish numbers.
from vdk_graph.importers.pure.numbers import _currency, _multiplier_exponent, _tidy, _to_decimal
from vdk_graph.importers.table.cells import Cell, CellError, as_text


@dataclass(frozen=True)
class PartialDate:
    """A date as precise as the source gave it: a day, a month of a year, or a year."""

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def is_day(self) -> bool:
        return self.day is not None

    def literal(self) -> Literal:
        """xsd:date, xsd:gYearMonth or xsd:gYear: never an invented 1 January."""
        if self.day is not None and self.month is not None:
            return Literal(dt.date(self.year, self.month, self.day).isoformat(), datatype=XSD.date)
        if self.month is not None:
            return Literal(f"{self.year:04d}-{self.month:02d}", datatype=XSD.gYearMonth)
        return year_literal(self.year)

    def __str__(self) -> str:
        return str(self.literal())


EXPECTED_DATE = "a date like 2020-05-27 or 27-05-2020, a year-month like 2020-05, or a year like 2020"
EXPECTED_YEAR = "a year like 1988"
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_DANISH = re.compile(r"^(\d{1,2})[-./](\d{1,2})[-./](\d{4})$")
_YEAR_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
_YEAR = re.compile(r"^\d{4}$")


def year_literal(year: int) -> Literal:
    return Literal(f"{year:04d}", datatype=XSD.gYear)


def read_date(value: Cell) -> PartialDate:
    """ "2020-05-27", "27.05.2020", "2020-05", "2020" or an Excel date → a :class:`PartialDate`."""
    if isinstance(value, dt.datetime | dt.date):
        day = value.date() if isinstance(value, dt.datetime) else value
        return PartialDate(day.year, day.month, day.day)
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool) and float(value).is_integer():
        return PartialDate(_plausible_year(int(value), str(value)))
    text = as_text(value)
    for pattern, order in ((_ISO, "ymd"), (_DANISH, "dmy")):
        match = pattern.match(text)
        if match:
            parts = dict(zip(order, map(int, match.groups()), strict=True))
            try:
                day = dt.date(parts["y"], parts["m"], parts["d"])
            except ValueError:
                raise CellError(f"'{text}' is not a date that exists", EXPECTED_DATE) from None
            return PartialDate(day.year, day.month, day.day)
    match = _YEAR_MONTH.match(text)
    if match:
        year, month = int(match.group(1)), int(match.group(2))
        if not 1 <= month <= 12:
            raise CellError(f"'{text}' has no month {month}", EXPECTED_DATE)
        return PartialDate(_plausible_year(year, text), month)
    if _YEAR.match(text):
        return PartialDate(_plausible_year(int(text), text))
    raise CellError(f"'{text}' is not a date", EXPECTED_DATE)


def read_year(value: Cell) -> int:
    text = as_text(value)
    if not _YEAR.match(text):
        raise CellError(f"'{text}' is not a year", EXPECTED_YEAR)
    return _plausible_year(int(text), text)


def _plausible_year(year: int, written: str) -> int:
    if not 1000 <= year <= 2200:
        raise CellError(f"'{written}' is not a plausible year", EXPECTED_YEAR)
    return year


EXPECTED_AMOUNT = "an amount like 9200000, 9.200.000, 9,2 mio., 5,7 mia. or 11.150.006 kr."
EXPECTED_PERCENT = "a percentage between 0 and 100, like 40, 40 % or 40,5%"
EXPECTED_CURRENCY = "an ISO 4217 currency code such as DKK, EUR, USD or SEK"
_AMOUNT = re.compile(
    r"^(?P<before>dkk|eur|usd|sek|nok|gbp|kr\.?|€|\$)?\s*"
    r"(?P<number>\d[\d.,  ]*\d|\d)\s*"
    r"(?P<multiplier>mia\.?|milliarder|milliard|billions?|bn|mio\.?|millioner|millions?|mill\.|mn|"
    r"tusinde?|thousands?|t\.|k|m)?\s*"
    r"(?P<after>kr\.?|kroner|dkk|€|eur|euros?|\$|usd|dollars?|sek|nok|gbp)?\.?$",
    re.I,
)
#: "1,500" reads as 1.5 in Danish but as fifteen hundred in English: worth a warning.
_AMBIGUOUS_COMMA = re.compile(r"^\d{1,3},\d{3}$")


@dataclass(frozen=True)
class Amount:
    value: Decimal
    #: The currency written in the cell ("kr." → DKK), if any.
    currency: str | None = None
    #: Set when the reading relied on the Danish decimal comma in a number English would read otherwise.
    ambiguous: bool = False


def read_amount(value: Cell) -> Amount:
    """An amount of money in units (not thousands), with the currency written beside it, if any."""
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        number = _tidy(Decimal(str(value)))
        if number < 0:
            raise CellError(f"'{as_text(value)}' is negative", EXPECTED_AMOUNT)
        return Amount(number)
    text = as_text(value)
    match = _AMOUNT.match(text)
    if not match:
        raise CellError(f"'{text}' is not an amount", EXPECTED_AMOUNT)
    written = match.group("number").replace(" ", " ").strip()
    read = _to_decimal(written, "da")
    if read is None:
        raise CellError(f"'{text}' is not an amount", EXPECTED_AMOUNT)
    number = read
    multiplier = match.group("multiplier")
    if multiplier:
        number = _tidy(number * Decimal(10) ** _multiplier_exponent(multiplier.casefold().rstrip(".")))
    written_currency = match.group("before") or match.group("after")
    currency = _currency(written_currency) if written_currency else None
    return Amount(number, currency, bool(_AMBIGUOUS_COMMA.match(written.replace(" ", ""))))


def read_currency(value: Cell) -> str:
    """ "DKK", "eur", "kr." → an ISO 4217 code."""
    text = as_text(value)
    code = _currency(text) if text else ""
    if not re.fullmatch(r"[A-Z]{3}", code):
        raise CellError(f"'{text}' is not a currency", EXPECTED_CURRENCY)
    return code


def read_percent(value: Cell) -> Decimal:
    text = as_text(value)
    match = re.fullmatch(r"(\d+(?:[.,]\d+)?)\s*(?:%|pct\.?|procent|percent)?", text, re.I)
    if not match:
        raise CellError(f"'{text}' is not a percentage", EXPECTED_PERCENT)
    number = _tidy(Decimal(match.group(1).replace(",", ".")))
    if number > 100:
        raise CellError(f"'{text}' is more than 100 percent", EXPECTED_PERCENT)
    return number


def decimal_literal(value: Decimal) -> Literal:
    return Literal(str(_tidy(value)), datatype=XSD.decimal)
