"""The checks: each a list of what falls short of one rule (with its full count), for a curator to fix.

Organisations without kind, place or links, projects without dates or with fewer
than two participants, grants without amount or period, statuses the dates
contradict, suspected duplicates, sources whose read date is a placeholder.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from vdk_graph.curation.duplicates import find_duplicates
from vdk_graph.curation.quality.figures import PLACEHOLDER_READ_DATES
from vdk_graph.curation.quality.patterns import LINKED_ORGANISATIONS, ORG, SPECIFIC_KIND, WHEN
from vdk_graph.curation.quality.strings import TEXTS
from vdk_graph.ontology import ONTOLOGY_GRAPH
from vdk_graph.store.base import Store

#: How many items each check lists (the count is always the full one).
DEFAULT_LIMIT = 200


@dataclass(frozen=True)
class Item:
    """One thing a check lists: its IRI (or a pair of them), its label and what is missing."""

    iri: str
    label: str
    detail: str | None = None
    other: str | None = None
    other_label: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if v is not None}


@dataclass
class Check:
    """A list of what falls short of one rule, with its full count (its title: the strings' ``check.KEY``)."""

    key: str
    count: int
    items: list[Item] = field(default_factory=list)

    def title(self, lang: str | None) -> str:
        return TEXTS(f"check.{self.key}", lang)

    def as_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "title": TEXTS.by_lang(f"check.{self.key}"),
            "count": self.count,
            "items": [i.as_dict() for i in self.items],
        }


_CHECKS: tuple[tuple[str, str], ...] = (
    # key (its title is the strings' check.KEY), the things that fall short
    ("organisations-without-kind", f"{ORG} FILTER NOT EXISTS {{ {SPECIFIC_KIND} }}"),
    ("organisations-without-place", f"{ORG} FILTER NOT EXISTS {{ ?o vdk:basedIn ?place }}"),
    ("organisations-without-links", f"{ORG} MINUS {LINKED_ORGANISATIONS}"),
    ("projects-without-dates", f"?o a vdk:Project FILTER NOT EXISTS {{ ?o {WHEN} ?when }}"),
    (
        "projects-with-fewer-than-two-participants",
        "?o a vdk:Project FILTER NOT EXISTS { { SELECT ?o (COUNT(DISTINCT ?who) AS ?n) WHERE { "
        "?o vdk:hasParticipation/vdk:participant ?who } GROUP BY ?o } FILTER(?n >= 2) }",
    ),
    ("grants-without-amount", "?o a vdk:Grant FILTER NOT EXISTS { ?o vdk:amount|vdk:annualAmount ?a }"),
    ("grants-without-period", f"?o a vdk:Grant FILTER NOT EXISTS {{ ?o {WHEN} ?when }}"),
    (
        # a source says it closed, another has it start a project later: one of them is wrong or out of date
        "organisations-active-after-closing",
        f"{ORG} ?o vdk:closingYear ?closed FILTER EXISTS {{ ?o vdk:participatesIn ?p . "
        "{ ?p schema:startDate ?d BIND(YEAR(?d) AS ?y) } "
        "UNION { ?p vdk:startYear ?s BIND(xsd:integer(STR(?s)) AS ?y) } "
        "FILTER(?y > xsd:integer(STR(?closed))) }",
    ),
)


def _listing(store: Store, pattern: str, limit: int) -> tuple[int, list[Item]]:
    [[total]] = list(store.select(f"SELECT (COUNT(DISTINCT ?o) AS ?n) WHERE {{ {pattern} }}").tuples())
    rows = list(store.select(
        f"""SELECT ?o (SAMPLE(?l) AS ?label) WHERE {{ {pattern}
        OPTIONAL {{ ?o rdfs:label|dcterms:title ?l }} }} GROUP BY ?o ORDER BY LCASE(STR(SAMPLE(?l))) ?o
        LIMIT {int(limit)}"""
    ).tuples())
    return int(total or 0), [Item(str(o), str(label) if label is not None else str(o)) for o, label in rows]


def checks(
    store: Store,
    *,
    limit: int = DEFAULT_LIMIT,
    today: dt.date | None = None,
    placeholder_dates: Iterable[dt.date] = PLACEHOLDER_READ_DATES,
    different: Iterable[frozenset[str]] = (),
) -> list[Check]:
    """The lists of what to fix, ``limit`` items each (the counts are complete).

    ``different``: pairs of names a curator confirmed as distinct (``different_from`` rows of
    ``data/aliases.csv``, see :func:`confirmed_different`); they are not suspected duplicates.
    """
    found: list[Check] = []
    for key, pattern in _CHECKS:
        total, items = _listing(store, pattern, limit)
        found.append(Check(key, total, items))
    found.append(_outdated_statuses(store, today or dt.date.today(), limit))
    found.append(_duplicates(store, limit, different))
    found.append(_placeholder_sources(store, frozenset(placeholder_dates), limit))
    return found


def _outdated_statuses(store: Store, today: dt.date, limit: int) -> Check:
    """Projects still "active" or "planned" after their end, or "finished" before their start."""
    rows = list(store.select(
        f"""SELECT ?o (SAMPLE(?l) AS ?label) ?status ?from ?to WHERE {{
        ?o a vdk:Project ; vdk:status ?status .
        OPTIONAL {{ ?o schema:startDate ?sd }} OPTIONAL {{ ?o vdk:startYear ?sy }}
        OPTIONAL {{ ?o schema:endDate ?ed }} OPTIONAL {{ ?o vdk:endYear ?ey }}
        BIND(COALESCE(?sd, xsd:date(CONCAT(STR(?sy), "-01-01"))) AS ?from)
        BIND(COALESCE(?ed, xsd:date(CONCAT(STR(?ey), "-12-31"))) AS ?to)
        FILTER(((?status IN (vdk:Active, vdk:Planned)) && BOUND(?to) && ?to < "{today.isoformat()}"^^xsd:date)
            || (?status = vdk:Planned && BOUND(?from) && ?from < "{today.isoformat()}"^^xsd:date)
            || (?status = vdk:Finished && BOUND(?from) && ?from > "{today.isoformat()}"^^xsd:date))
        OPTIONAL {{ ?o rdfs:label ?l }}
    }} GROUP BY ?o ?status ?from ?to ORDER BY ?o"""
    ).tuples())
    items = [
        Item(str(o), str(label or o), f"{str(status).rsplit('#', 1)[-1]}: {start or '?'} – {end or '?'}")
        for o, label, status, start, end in rows
    ]
    return Check("statuses-contradicting-dates", len(items), items[:limit])


def _duplicates(store: Store, limit: int, different: Iterable[frozenset[str]] = ()) -> Check:
    found = find_duplicates(store, different=different)
    items = [
        Item(d.merge.iri, d.merge.label, f"{d.reason}, score {d.score:.0f}", d.keep.iri, d.keep.label)
        for d in found
    ]
    return Check("suspected-duplicates", len(items), items[:limit])


def _placeholder_sources(store: Store, placeholders: frozenset[dt.date], limit: int) -> Check:
    rows = list(store.select(
        """SELECT ?g ?src ?r WHERE { GRAPH ?g { ?g a vdk:SourceGraph ;
        prov:wasDerivedFrom ?src OPTIONAL { ?src vdk:retrieved ?r } } } ORDER BY ?src ?g"""
    ).tuples())
    items: dict[str, Item] = {}
    for graph, source, read in rows:
        if str(graph) == ONTOLOGY_GRAPH:
            continue
        day = read if isinstance(read, dt.date) else None
        if day is None or day in placeholders:
            detail = f"read {day.isoformat()} (a placeholder)" if day else "no read date"
            items.setdefault(str(graph), Item(str(graph), str(source), detail))
    listed = sorted(items.values(), key=lambda i: (i.label, i.iri))
    return Check("sources-with-placeholder-read-dates", len(listed), listed[:limit])
