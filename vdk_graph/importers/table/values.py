"""Reading one spreadsheet cell: dates, numbers, amounts, yes/no, kinds, roles, identifiers.

Curators type cells by hand, in Danish or English, and Excel hands us some of
them already typed (dates, numbers, booleans). Each reader here takes the raw
cell and returns a clean Python value, or raises :class:`CellError` with what
was wrong *and* what was expected, so the importer can report every bad cell
with its row and column instead of guessing. Nothing here knows about RDF or
about rows; :mod:`~vdk_graph.importers.table.schema` says which reader each
column uses, and the allowed words are tables, so teaching the importer a new
word is a one-line edit. The column schema users read is ``docs/tables.md``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal

from rdflib import Literal, URIRef
from rdflib.namespace import XSD

# The number reading of the Pure importer is the project's one reading of Danish numbers.
from vdk_graph.importers.pure.numbers import _currency, _multiplier_exponent, _tidy, _to_decimal
from vdk_graph.importers.pure.vocabulary import ORG_ROLES, STATUSES, label_key, words
from vdk_graph.kinds import SPREADSHEET_WORDS
from vdk_graph.vocab import VDK

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


# --------------------------------------------------------------------------- dates


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


# --------------------------------------------------------------------------- numbers and money

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


# --------------------------------------------------------------------------- yes/no, text, identifiers

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


# --------------------------------------------------------------------------- controlled words


def _key(text: str) -> str:
    """Compare words case-blind, with '-', '_' and spaces alike."""
    return re.sub(r"[\s_-]+", " ", label_key(text))


def _words(table: dict[str, tuple[str, ...]]) -> dict[str, str]:
    return {_key(word): value for value, spellings in table.items() for word in (value, *spellings)}


#: The spreadsheet's words for kinds of organisation (the kinds table's) → class.
ORGANISATION_KINDS: dict[str, URIRef] = {word: VDK[cls] for word, cls, _ in SPREADSHEET_WORDS}
_KIND_WORDS = _words({word: words(spellings) for word, _, spellings in SPREADSHEET_WORDS})
EXPECTED_KIND = ", ".join(ORGANISATION_KINDS) + " (several with ';')"


def read_kinds(value: Cell) -> list[URIRef]:
    found: list[URIRef] = []
    for word in split_list(value):
        kind = _KIND_WORDS.get(_key(word))
        if kind is None:
            raise CellError(f"'{word}' is not a kind of organisation", EXPECTED_KIND)
        if ORGANISATION_KINDS[kind] not in found:
            found.append(ORGANISATION_KINDS[kind])
    if not found:
        raise CellError("no kind given", EXPECTED_KIND)
    return found


#: Roles of organisations in projects, keyed like the Pure importer's roles.
_ORG_ROLE_WORDS = _words(
    {
        "lead": (
            *words("leder|coordinator|koordinator|lead partner|ledende partner"),
            *(w for w, r in ORG_ROLES.items() if r == "lead"),
        ),
        "partner": (
            *words("projektpartner|project partner"),
            *(w for w, r in ORG_ROLES.items() if r == "partner"),
        ),
        "associated": words("associated|associated partner|associeret partner|associatedpartner"),
        "unspecified": words("uspecificeret|not stated|unknown|ukendt|participant|deltager"),
    }
)
_PERSON_ROLE_WORDS = _words(
    {
        "leader": words("projektleder|project leader|leder|lead|manager|project manager"),
        "participant": words("projektdeltager|project participant|deltager|member|medlem|partner"),
        "unspecified": words("uspecificeret|not stated|unknown|ukendt"),
    }
)
EXPECTED_ORG_ROLE = "lead, partner, associated or unspecified (leder, projektpartner, associeret partner)"
EXPECTED_PERSON_ROLE = "leader, participant or unspecified (projektleder, projektdeltager)"


def read_org_role(value: Cell) -> str:
    role = _ORG_ROLE_WORDS.get(_key(as_text(value)))
    if role is None:
        raise CellError(
            f"'{as_text(value)}' is not a role of an organisation in a project", EXPECTED_ORG_ROLE
        )
    return role


def read_person_role(value: Cell) -> str:
    role = _PERSON_ROLE_WORDS.get(_key(as_text(value)))
    if role is None:
        raise CellError(f"'{as_text(value)}' is not a role of a person in a project", EXPECTED_PERSON_ROLE)
    return role


POSITION_ROLES: dict[str, URIRef] = {
    "director": VDK.Director,
    "chief-executive": VDK.ChiefExecutive,
    "board-chair": VDK.BoardChair,
    "founder": VDK.Founder,
    "project-manager": VDK.ProjectManager,
    "executive": VDK.Executive,
}
_POSITION_WORDS = _words(
    {
        "director": words("direktør|direktoer|head|chef|leder"),
        "chief-executive": words(
            "ceo|adm. direktør|adm direktør|administrerende direktør|managing director|md"
        ),
        "board-chair": words("formand|bestyrelsesformand|chair|chairman|chairwoman|chairperson|board chair"),
        "founder": words("stifter|grundlægger|co-founder|medstifter|founding partner"),
        "project-manager": words("projektansvarlig|projektchef|project manager|projektleder"),
        "executive": words("ledende medarbejder|vice president|vp|koncerndirektør|executive director"),
    }
)
EXPECTED_POSITION_ROLE = ", ".join(POSITION_ROLES) + " (the source's own words go in job_title)"


def read_position_role(value: Cell) -> URIRef:
    role = _POSITION_WORDS.get(_key(as_text(value)))
    if role is None:
        raise CellError(
            f"'{as_text(value)}' is not a role of a person in an organisation", EXPECTED_POSITION_ROLE
        )
    return POSITION_ROLES[role]


PROJECT_STATUSES: dict[str, URIRef] = {
    "planned": VDK.Planned,
    "active": VDK.Active,
    "finished": VDK.Finished,
    "cancelled": VDK.Cancelled,
}
_STATUS_WORDS = {_key(word): status for word, status in STATUSES.items()} | {
    _key(s): s for s in PROJECT_STATUSES
}


def read_status(value: Cell) -> URIRef:
    status = _STATUS_WORDS.get(_key(as_text(value)))
    if status is None:
        raise CellError(
            f"'{as_text(value)}' is not a project status",
            "planned, active, finished or cancelled (planlagt, igangværende, afsluttet, aflyst)",
        )
    return PROJECT_STATUSES[status]


SCOPES: dict[str, URIRef] = {"dvi": VDK.DigitalVisualIndustry, "other": VDK.OtherIndustry}
_SCOPE_WORDS = _words(
    {
        "dvi": words("digital visual industry|digital visuel industri|den digitale visuelle industri"),
        "other": words("other industry|andet erhverv|andet|other"),
    }
)


def read_scope(value: Cell) -> URIRef:
    scope = _SCOPE_WORDS.get(_key(as_text(value)))
    if scope is None:
        raise CellError(
            f"'{as_text(value)}' is not a scope",
            "dvi (the digital visual industry) or other (another industry); empty for organisations of "
            "every industry",
        )
    return SCOPES[scope]


INVESTMENT_TYPES = ("investment", "capital-contribution")
_INVESTMENT_TYPE_WORDS = _words(
    {
        "investment": words("venture|venture investment|investering|kapitalinvestering"),
        "capital-contribution": words(
            "capital contribution|kapitalindskud|indskud|contribution|founding contribution"
        ),
    }
)


def read_investment_type(value: Cell) -> str:
    kind = _INVESTMENT_TYPE_WORDS.get(_key(as_text(value)))
    if kind is None:
        raise CellError(
            f"'{as_text(value)}' is not a type of investment",
            "investment (capital put into a company) or capital-contribution (capital put into a fund by "
            "its owners or founders)",
        )
    return kind


def read_participant_type(value: Cell) -> str:
    text = _key(as_text(value))
    if text in ("organisation", "organization", "org"):
        return "organisation"
    if text in ("person", "people", "personer"):
        return "person"
    raise CellError(f"'{as_text(value)}' is not a kind of participant", "organisation or person")


def decimal_literal(value: Decimal) -> Literal:
    return Literal(str(_tidy(value)), datatype=XSD.decimal)
