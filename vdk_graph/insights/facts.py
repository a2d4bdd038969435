"""The rows every insight page counts, read once per data version from four named queries.

The insight pages do not each run SPARQL of their own: they share the answers of
``money-flows``, ``exchange-rates``, ``participations-by-year`` and
``organisation-places`` (``vdk_graph/queries/``), read here into small typed
records, with the labels of every IRI in them in one language. Filtering and
counting is plain Python over these records (:mod:`.money`, :mod:`.years`,
:mod:`.places`), so a page with other filters costs no query, and the same rows
are what an analyst sees on each query's own page.

Money is read as the data states it (``docs/decisions/0010-insight-pages.md``):
``vdk:amount`` is a total; ``vdk:annualAmount`` is per year and makes a total
only with a known period; a currency is converted to DKK only with an exchange
rate recorded in the data (:class:`Rates`), never with one made up here.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

import pyoxigraph as ox

from vdk_graph import queries
from vdk_graph.queries.labels import LABEL_PROPERTIES, MAX_IRIS, label_map
from vdk_graph.results import SelectResult
from vdk_graph.store.base import Store
from vdk_graph.texts import preference

#: The named queries the insight pages are built from, in the order they are read.
QUERIES = ("money-flows", "exchange-rates", "participations-by-year", "organisation-places")
#: Years outside this range are typing errors in a source, not history: they are left off the timelines.
YEARS = range(1900, 2101)


def _year(value: Any) -> int | None:
    """A year from a result cell (an integer, a date or a text starting with four digits)."""
    if value is None:
        return None
    if isinstance(value, dt.date):
        year = value.year
    else:
        try:
            year = int(str(value)[:4])
        except ValueError:
            return None
    return year if year in YEARS else None


def _decimal(value: Any) -> Decimal | None:
    if value is None:
        return None
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


@dataclass(frozen=True)
class Grant:
    """One grant, with every funder, programme, recipient and project the data gives it."""

    iri: str
    funders: tuple[str, ...] = ()
    programmes: tuple[str, ...] = ()
    recipients: tuple[str, ...] = ()
    projects: tuple[str, ...] = ()
    #: The lead partners of its projects: where the money goes when the data names no recipient.
    leads: tuple[str, ...] = ()
    first_year: int | None = None
    last_year: int | None = None
    #: ``vdk:amount``: the whole grant, in its currency.
    amount: Decimal | None = None
    #: ``vdk:annualAmount``: per year of its period.
    annual: Decimal | None = None
    currency: str | None = None
    #: Its projects' topics, with every broader topic (so XR holds the VR projects' money).
    topics: frozenset[str] = frozenset()

    @property
    def total(self) -> Decimal | None:
        """The whole grant: its amount, or its annual amount times the years of a known period."""
        if self.amount is not None:
            return self.amount
        if self.annual is not None and self.first_year is not None and self.last_year is not None:
            return self.annual * (self.last_year - self.first_year + 1)
        return None

    def yearly(self) -> dict[int, Decimal]:
        """Money per year: a one-off amount in its first year, an annual one in each year of the period."""
        if self.amount is not None:
            return {self.first_year: self.amount} if self.first_year is not None else {}
        total = self.total
        if total is None or self.first_year is None or self.last_year is None:
            return {}
        assert self.annual is not None
        return {year: self.annual for year in range(self.first_year, self.last_year + 1)}


@dataclass(frozen=True)
class Participation:
    organisation: str
    project: str
    first_year: int | None
    last_year: int | None


@dataclass(frozen=True)
class Seat:
    """Where an organisation is based: the place, and the city, region and country it lies in."""

    organisation: str
    seat: str | None = None
    city: str | None = None
    region: str | None = None
    country: str | None = None


@dataclass(frozen=True)
class Rate:
    """Danish kroner for one unit of a currency, as a source states it, for the years it holds."""

    currency: str
    dkk: Decimal
    valid_from: int | None = None
    valid_through: int | None = None
    source: str | None = None
    iri: str | None = None

    def holds(self, year: int | None) -> bool:
        if year is None:
            return self.valid_from is None and self.valid_through is None
        return (self.valid_from is None or self.valid_from <= year) and \
            (self.valid_through is None or year <= self.valid_through)

    @property
    def span(self) -> int:
        """How many years it holds for (an open end counts as very many): the narrowest rate wins."""
        if self.valid_from is None or self.valid_through is None:
            return 10_000
        return self.valid_through - self.valid_from


@dataclass(frozen=True)
class Rates:
    """The exchange rates recorded in the data; amounts in other currencies stay apart."""

    rates: tuple[Rate, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.rates)

    def rate(self, currency: str | None, year: int | None) -> Rate | None:
        """The rate for ``currency`` in ``year`` (an undated amount only with an undated rate).

        Of several, the one holding for the fewest years wins (a rate for 2021 beats one for 2020–2024),
        then the latest start.
        """
        found = [r for r in self.rates if r.currency == currency and r.holds(year)]
        if not found:
            return None
        return min(found, key=lambda r: (r.span, -(r.valid_from or 0)))

    def to_dkk(self, amount: Decimal, currency: str | None, year: int | None) -> Decimal | None:
        """``amount`` in DKK, or None when the data records no rate for that currency and year."""
        if currency == "DKK":
            return amount
        rate = self.rate(currency, year)
        return None if rate is None else amount * rate.dkk

    def grant_in_dkk(self, grant: Grant) -> Decimal | None:
        """A grant's whole amount in DKK: each year's money at that year's rate (None if any is missing)."""
        total = grant.total
        if total is None:
            return None
        if grant.currency == "DKK":
            return total
        yearly = grant.yearly()
        if not yearly:  # undated: only an undated rate converts it
            return self.to_dkk(total, grant.currency, None)
        converted = [self.to_dkk(amount, grant.currency, year) for year, amount in yearly.items()]
        if any(c is None for c in converted):
            return None
        return sum((c for c in converted if c is not None), Decimal(0))


@dataclass(frozen=True)
class Facts:
    """Everything the insight pages count, for one data version and language."""

    grants: tuple[Grant, ...]
    participations: tuple[Participation, ...]
    seats: tuple[Seat, ...]
    rates: Rates
    #: IRI → label in ``lang`` (else untagged, else the other language).
    labels: dict[str, str] = field(default_factory=dict)
    lang: str = "en"

    def label(self, iri: str | None) -> str | None:
        if iri is None:
            return None
        return self.labels.get(iri) or iri.rstrip("/").rsplit("/", 1)[-1]


def _rows(store: Store, name: str) -> Iterator[dict[str, Any]]:
    yield from queries.get(name).run(store).dicts()


def read_grants(rows: Iterable[dict[str, Any]]) -> tuple[Grant, ...]:
    """One :class:`Grant` per grant IRI from the rows of ``money-flows`` (a row per funder, recipient …)."""
    parts: dict[str, dict[str, Any]] = {}
    for row in rows:
        grant = parts.setdefault(row["grant"], defaultdict(set))
        for column, key in (("funder", "funders"), ("programme", "programmes"), ("recipient", "recipients"),
                            ("project", "projects"), ("lead", "leads")):
            if row.get(column):
                grant[key].add(str(row[column]))
        grant["topics"].update(str(row.get("topics") or "").split())
        for column in ("from", "to", "amount", "annualAmount", "currency"):
            if row.get(column) is not None:
                grant[column].add(row[column])
    grants = []
    for iri, grant in parts.items():
        def one(column: str, pick: Any = min, values: dict[str, Any] = grant) -> Any:
            found = values.get(column)
            return pick(found) if found else None

        currency = one("currency")
        grants.append(Grant(
            iri=iri,
            funders=tuple(sorted(grant["funders"])), programmes=tuple(sorted(grant["programmes"])),
            recipients=tuple(sorted(grant["recipients"])), projects=tuple(sorted(grant["projects"])),
            leads=tuple(sorted(grant["leads"])),
            first_year=_year(one("from")), last_year=_year(one("to", max)),
            # Two amounts for one grant would be a data error; the larger is kept, as the grants query sorts.
            amount=_decimal(one("amount", max)), annual=_decimal(one("annualAmount", max)),
            currency=str(currency).upper() if currency else None,
            topics=frozenset(t for t in grant["topics"] if t),
        ))
    return tuple(sorted(grants, key=lambda g: (g.first_year is None, g.first_year or 0, g.iri)))


def read_rates(rows: Iterable[dict[str, Any]]) -> Rates:
    rates = []
    for row in rows:
        dkk = _decimal(row.get("dkk"))
        if dkk is None or dkk <= 0 or not row.get("currency"):
            continue
        rates.append(Rate(str(row["currency"]).upper(), dkk, _year(row.get("validFrom")),
                          _year(row.get("validThrough")), row.get("source"), row.get("rate")))
    return Rates(tuple(rates))


def read_participations(rows: Iterable[dict[str, Any]]) -> tuple[Participation, ...]:
    found = {(str(r["organisation"]), str(r["project"]), _year(r.get("from")), _year(r.get("to")))
             for r in rows if r.get("organisation") and r.get("project")}
    return tuple(Participation(*p) for p in sorted(found, key=lambda p: (p[1], p[0])))


def read_seats(rows: Iterable[dict[str, Any]]) -> tuple[Seat, ...]:
    seats: dict[tuple[str, str | None], Seat] = {}
    for row in rows:
        key = (str(row["organisation"]), row.get("seat"))
        if key not in seats:  # a place in two regions (a data error) counts in the first
            seats[key] = Seat(key[0], row.get("seat"), row.get("city"), row.get("region"), row.get("country"))
    return tuple(seats.values())


def _labels(store: Store, iris: Iterable[str], lang: str) -> dict[str, str]:
    """Labels for any number of IRIs, ranked as ``label_map`` ranks them.

    ``label_map`` asks about the IRIs in a ``VALUES`` block, which is quick for a page's few hundred but
    took 35 s for the 10,000 of a synthetic ecosystem of 5,000 organisations; past :data:`MAX_IRIS` it is
    quicker to read every label once (one pass over three properties) and keep the ones wanted.
    """
    wanted = set(iris)
    if len(wanted) <= MAX_IRIS:
        return label_map(store, wanted, lang)
    rank = preference(lang)
    best: dict[str, tuple[tuple[int, int], str]] = {}
    for order, prop in enumerate(LABEL_PROPERTIES):
        result = store.query(f"SELECT ?s ?label WHERE {{ ?s <{prop}> ?label FILTER(isLiteral(?label)) }}")
        assert isinstance(result, SelectResult)
        for subject, label in result.rows:
            if not isinstance(subject, ox.NamedNode) or subject.value not in wanted \
                    or not isinstance(label, ox.Literal):
                continue
            score = (order, rank.get(label.language or "", 3))
            if subject.value not in best or score < best[subject.value][0]:
                best[subject.value] = (score, label.value)
    return {iri: label for iri, (_, label) in best.items()}


def read(store: Store, lang: str = "en") -> Facts:
    """The facts of the insight pages from ``store``, labelled in ``lang`` (four queries and the labels)."""
    grants = read_grants(_rows(store, "money-flows"))
    rates = read_rates(_rows(store, "exchange-rates"))
    participations = read_participations(_rows(store, "participations-by-year"))
    seats = read_seats(_rows(store, "organisation-places"))
    iris: set[str] = set()
    for g in grants:
        iris.update((g.iri, *g.funders, *g.programmes, *g.recipients, *g.projects, *g.leads, *g.topics))
    for p in participations:
        iris.update((p.organisation, p.project))
    for s in seats:
        iris.update(i for i in (s.organisation, s.seat, s.city, s.region, s.country) if i)
    return Facts(grants, participations, seats, rates, _labels(store, iris, lang), lang)


__all__ = ["QUERIES", "Facts", "Grant", "Participation", "Rate", "Rates", "Seat", "read"]
