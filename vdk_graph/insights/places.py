"""Where it happens: organisations, projects and money per region and per municipality.

Counted from where organisations are based (``organisation-places``), who takes
part in which project (``participations-by-year``) and the grants
(``money-flows``):

* an organisation counts where its seat is (one with seats in two places counts
  in both; the totals count it once);
* a project counts in every place one of its participants is based;
* a grant's money counts where its recipient is based, or, when the data names
  no recipient, where the lead of its project is (as ``public-money-by-region``
  does); money stays per currency, and in DKK only where a rate is recorded;
* the municipality is the city of the seat: the data takes each Danish city as
  the municipality of the same name (Wikipedia's list of municipalities, named
  after their administrative centres);
* organisations placed only in a country, or nowhere, are rows of their own, so
  every organisation is counted somewhere.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from vdk_graph.insights.facts import Facts
from vdk_graph.insights.money import money_flows


@dataclass
class Area:
    """A region, a municipality, a country seen only as a country, or "no place recorded" (``iri`` None)."""

    iri: str | None
    #: ``region``, ``municipality``, ``country`` (placed in a country but no region) or ``none``.
    level: str
    #: The region (or country) a municipality lies in.
    within: str | None = None
    organisations: set[str] = field(default_factory=set)
    projects: set[str] = field(default_factory=set)
    grants: set[str] = field(default_factory=set)
    money: dict[str, Decimal] = field(default_factory=lambda: defaultdict(Decimal))
    #: The money in DKK where every amount of it converts (None: some amount has no rate).
    money_dkk: Decimal | None = Decimal(0)


@dataclass(frozen=True)
class Places:
    #: Regions, then countries seen only as countries, then "no place recorded"; the busiest first in each.
    areas: list[Area]
    #: Municipalities (cities), the busiest first, each with the region it lies in.
    municipalities: list[Area]
    organisations: int
    projects: int
    #: Currencies of the money columns, most used first.
    currencies: list[str]
    has_rates: bool


def _busiest(area: Area) -> tuple[int, int, str]:
    return (-len(area.organisations), -len(area.projects), area.iri or "~")


def where(facts: Facts) -> Places:
    """Organisations, projects and money per region (or country) and per municipality."""
    areas: dict[tuple[str, str | None], Area] = {}
    cities: dict[str, Area] = {}
    places_of: dict[str, list[tuple[Area, Area | None]]] = defaultdict(list)
    for seat in facts.seats:
        key: tuple[str, str | None]
        if seat.region:
            key = ("region", seat.region)
        elif seat.country:
            key = ("country", seat.country)
        else:
            key = ("none", None)
        area = areas.setdefault(key, Area(key[1], key[0]))
        city = None
        if seat.city:
            city = cities.setdefault(seat.city, Area(seat.city, "municipality", seat.region or seat.country))
        places_of[seat.organisation].append((area, city))

    members: dict[str, set[str]] = defaultdict(set)
    for p in facts.participations:
        members[p.project].add(p.organisation)

    for organisation, places in places_of.items():
        for area, city in places:
            for target in (area, city):
                if target is not None:
                    target.organisations.add(organisation)
    for project, organisations in members.items():
        for organisation in organisations:
            for area, city in places_of.get(organisation, ()):
                for target in (area, city):
                    if target is not None:
                        target.projects.add(project)

    flows = money_flows(facts)
    for line in flows.grants:
        grant = line.grant
        total = grant.total
        if total is None or not grant.currency:
            continue
        receivers = grant.recipients or grant.leads
        targets: dict[int, Area] = {}
        for receiver in receivers:
            for area, city in places_of.get(receiver, [(areas.setdefault(("none", None), Area(None, "none")),
                                                         None)]):
                for target in (area, city):
                    if target is not None:
                        targets[id(target)] = target
        if not receivers:
            none = areas.setdefault(("none", None), Area(None, "none"))
            targets[id(none)] = none
        for target in targets.values():  # a grant to two places counts in each, once
            target.grants.add(grant.iri)
            target.money[grant.currency] += total
            if target.money_dkk is not None:
                target.money_dkk = None if line.dkk is None else target.money_dkk + line.dkk

    order = {"region": 0, "country": 1, "none": 2}
    ranked = sorted(areas.values(), key=lambda a: (order[a.level], *_busiest(a)))
    counted_projects = {p for a in ranked for p in a.projects}
    return Places(
        areas=ranked,
        municipalities=sorted(cities.values(), key=_busiest),
        organisations=len(places_of),
        projects=len(counted_projects),
        currencies=[t.currency for t in flows.totals],
        has_rates=flows.has_rates,
    )


__all__ = ["Area", "Places", "where"]
