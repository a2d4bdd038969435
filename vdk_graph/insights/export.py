"""The insight pages' data as plain values: JSON (the pages' ``.json`` twins and charts) and CSV rows.

Money is a number in its own currency; a figure in DKK is given only where the
data records a rate (``null`` otherwise), so a reader never mistakes a sum of
kroner and euros for one amount. Entities are IRIs with their labels beside
them; placeholders ("no programme named") and folded nodes have no IRI and no
label here: the page names them in its language.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from vdk_graph.insights.facts import Facts, Grant
from vdk_graph.insights.money import Diagram, MoneyFlows
from vdk_graph.insights.places import Area, Places
from vdk_graph.insights.years import Timeline

Row = list[Any]


def number(value: Decimal | int | None) -> int | float | None:
    """A JSON number: whole amounts as integers (exact), others as floats."""
    if value is None:
        return None
    if isinstance(value, int):
        return value
    return int(value) if value == value.to_integral_value() else float(value)


def _money(by_currency: dict[str, Decimal]) -> dict[str, int | float | None]:
    return {currency: number(amount) for currency, amount in sorted(by_currency.items())}


def _entities(iris: Iterable[str], facts: Facts) -> list[dict[str, str | None]]:
    return [{"iri": iri, "label": facts.label(iri)} for iri in iris]


def diagram_json(d: Diagram, facts: Facts) -> dict[str, Any]:
    return {
        "currency": d.currency, "converted": d.converted, "total": number(d.total), "grants": d.grants,
        "columns": list(d.columns),
        "nodes": [{
            "key": n.key, "column": n.column, "kind": n.kind, "entities": _entities(n.iris, facts),
            "label": " & ".join(facts.label(i) or i for i in n.iris) if n.iris else None,
            "amount": number(n.amount), "grants": len(n.grants), "folded": n.folded,
            "filter": {k: list(v) for k, v in n.filter().items()},
        } for n in d.nodes],
        "links": [{
            "from": link.source, "to": link.target, "amount": number(link.amount), "grants": len(link.grants),
            "filter": {k: list(v) for k, v in d.link_filter(link).items()},
        } for link in d.links],
    }


def grant_json(grant: Grant, dkk: Decimal | None, facts: Facts) -> dict[str, Any]:
    return {
        "grant": grant.iri, "label": facts.label(grant.iri),
        "funders": _entities(grant.funders, facts), "programmes": _entities(grant.programmes, facts),
        "recipients": _entities(grant.recipients, facts), "projects": _entities(grant.projects, facts),
        "from": grant.first_year, "to": grant.last_year, "amount": number(grant.amount),
        "annual_amount": number(grant.annual), "total": number(grant.total), "currency": grant.currency,
        "dkk": number(dkk), "topics": _entities(sorted(grant.topics), facts),
    }


def money_json(flows: MoneyFlows, facts: Facts) -> dict[str, Any]:
    return {
        "filter": flows.filter.args(),
        "has_rates": flows.has_rates,
        "rates": [{"currency": r.currency, "dkk": number(r.dkk), "valid_from": r.valid_from,
                   "valid_through": r.valid_through, "source": r.source} for r in facts.rates.rates],
        "totals": [{"currency": t.currency, "total": number(t.total), "grants": t.grants,
                    "dkk": number(t.dkk), "unconverted": t.unconverted} for t in flows.totals],
        "without_amount": flows.without_amount,
        "diagrams": [diagram_json(d, facts) for d in flows.diagrams],
        "by_year": [{"year": y.year, "money": _money(y.by_currency), "grants": y.grants, "dkk": number(y.dkk)}
                    for y in flows.by_year],
        "by_topic": [{"topic": t.topic, "label": facts.label(t.topic), "money": _money(t.by_currency),
                      "grants": t.grants, "dkk": number(t.dkk)} for t in flows.by_topic],
        "grants": [grant_json(line.grant, line.dkk, facts) for line in flows.grants],
    }


MONEY_COLUMNS = ["grant", "label", "funders", "programme", "recipients", "projects", "from", "to", "amount",
                 "annual_amount", "currency", "dkk"]


def money_rows(flows: MoneyFlows, facts: Facts) -> tuple[list[str], list[Row]]:
    """One row per grant (names of several funders and so on joined by "; ")."""

    def names(iris: Iterable[str]) -> str:
        return "; ".join(facts.label(i) or i for i in iris)

    return MONEY_COLUMNS, [
        [g.iri, facts.label(g.iri), names(g.funders), names(g.programmes), names(g.recipients),
         names(g.projects), g.first_year, g.last_year, g.total, g.annual, g.currency, line.dkk]
        for line in flows.grants for g in (line.grant,)]


def timeline_json(timeline: Timeline) -> dict[str, Any]:
    return {
        "currencies": timeline.currencies, "has_rates": timeline.has_rates,
        "undated_projects": timeline.undated_projects, "undated_grants": timeline.undated_grants,
        "years": [{
            "year": y.year, "projects_active": y.projects_active, "projects_started": y.projects_started,
            "organisations_active": y.organisations_active, "new_partners": y.new_partners,
            "returning_partners": y.returning_partners, "partnerships": y.partnerships,
            "new_partnerships": y.new_partnerships, "grants": y.grants, "money": _money(y.money),
            "dkk": number(y.money_dkk) if timeline.has_rates else None,
        } for y in timeline.years],
    }


TIMELINE_COLUMNS = ["year", "projects_active", "projects_started", "organisations_active", "new_partners",
                    "returning_partners", "partnerships", "new_partnerships", "grants"]


def timeline_rows(timeline: Timeline) -> tuple[list[str], list[Row]]:
    """One row per year, a money column per currency (and one in DKK when rates are recorded)."""
    columns = TIMELINE_COLUMNS + [f"money_{c}" for c in timeline.currencies]
    columns += ["money_in_dkk"] if timeline.has_rates else []
    rows = []
    for y in timeline.years:
        row: Row = [getattr(y, c) for c in TIMELINE_COLUMNS]
        row += [y.money.get(c) for c in timeline.currencies]
        row += [y.money_dkk] if timeline.has_rates else []
        rows.append(row)
    return columns, rows


def _area_json(area: Area, facts: Facts, has_rates: bool) -> dict[str, Any]:
    return {
        "iri": area.iri, "label": facts.label(area.iri), "level": area.level,
        "within": area.within, "within_label": facts.label(area.within),
        "organisations": len(area.organisations), "projects": len(area.projects), "grants": len(area.grants),
        "money": _money(area.money), "dkk": number(area.money_dkk) if has_rates else None,
    }


def places_json(places: Places, facts: Facts) -> dict[str, Any]:
    return {
        "organisations": places.organisations, "projects": places.projects, "currencies": places.currencies,
        "has_rates": places.has_rates,
        "areas": [_area_json(a, facts, places.has_rates) for a in places.areas],
        "municipalities": [_area_json(a, facts, places.has_rates) for a in places.municipalities],
    }


def places_rows(places: Places, facts: Facts) -> tuple[list[str], list[Row]]:
    """Regions (and countries, and "none") then municipalities: one row each, money per currency."""
    columns = ["level", "place", "label", "within", "organisations", "projects", "grants"]
    columns += [f"money_{c}" for c in places.currencies] + (["money_in_dkk"] if places.has_rates else [])
    rows = []
    for area in [*places.areas, *places.municipalities]:
        row: Row = [area.level, area.iri, facts.label(area.iri), facts.label(area.within),
                    len(area.organisations), len(area.projects), len(area.grants)]
        row += [area.money.get(c) for c in places.currencies]
        row += [area.money_dkk] if places.has_rates else []
        rows.append(row)
    return columns, rows


__all__ = ["MONEY_COLUMNS", "diagram_json", "money_json", "money_rows", "number", "places_json",
           "places_rows", "timeline_json", "timeline_rows"]
