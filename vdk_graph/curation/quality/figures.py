"""The coverage figures: how many organisations have a kind, a place, a link; projects a start, and so on.

Each figure is two SPARQL counts over the store (the things of a kind, and those
that meet the condition), so it is true of whatever the store holds.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from vdk_graph.curation.quality.patterns import (
    DENMARK,
    LINKED_ORGANISATIONS,
    ORG,
    PARTICIPANTS,
    SPECIFIC_KIND,
    START,
)
from vdk_graph.curation.quality.strings import TEXTS
from vdk_graph.ontology import ONTOLOGY_GRAPH
from vdk_graph.store.base import Store

#: Read dates that stand for "some day that month": the curated data says so of the sources first
#: collected in November 2026 (data/README.md), which carry 2026-11-01.
PLACEHOLDER_READ_DATES: frozenset[dt.date] = frozenset({dt.date(2026, 11, 1)})


@dataclass(frozen=True)
class Figure:
    """One coverage figure: ``count`` of ``total`` have it; its title is the strings' ``figure.KEY``."""

    key: str
    count: int
    total: int

    @property
    def share(self) -> float:
        return self.count / self.total if self.total else 0.0

    def title(self, lang: str | None) -> str:
        return TEXTS(f"figure.{self.key}", lang)

    def as_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "title": TEXTS.by_lang(f"figure.{self.key}"),
            "count": self.count,
            "total": self.total,
            "share": round(self.share, 4),
        }


_FIGURES: tuple[tuple[str, str, str], ...] = (
    # key (its title is the strings' figure.KEY), the things counted, the condition (empty: all of them)
    ("organisations", ORG, ""),
    ("organisations-with-kind", ORG, f"FILTER EXISTS {{ {SPECIFIC_KIND} }}"),
    ("organisations-with-place", ORG, "FILTER EXISTS { ?o vdk:basedIn ?place }"),
    (
        "organisations-with-city-region-country",
        ORG,
        "FILTER EXISTS { ?o vdk:basedIn ?c . ?c a vdk:City ; vdk:locatedIn ?r . ?r a vdk:Region ; "
        "vdk:locatedIn ?l . ?l a vdk:Country }",
    ),
    ("organisations-linked", ORG, LINKED_ORGANISATIONS),
    ("organisations-with-cvr", ORG, "FILTER EXISTS { ?o vdk:cvr ?cvr }"),
    ("dvi-organisations", ORG, "FILTER EXISTS { ?o vdk:scope vdk:DigitalVisualIndustry }"),
    (
        "danish-dvi-companies",
        ORG,
        f"FILTER EXISTS {{ ?o a vdk:Company ; vdk:scope vdk:DigitalVisualIndustry ; "
        f"vdk:basedIn/vdk:locatedIn* <{DENMARK}> }}",
    ),
    ("projects", "?p a vdk:Project .", ""),
    ("projects-with-start", "?p a vdk:Project .", f"FILTER EXISTS {{ {START} }}"),
    (
        "projects-with-two-participants",
        "?p a vdk:Project .",
        f"FILTER EXISTS {{ {PARTICIPANTS} FILTER(?n >= 2) }}",
    ),
    (
        "projects-with-start-and-two-participants",
        "?p a vdk:Project .",
        f"FILTER EXISTS {{ {START} }} FILTER EXISTS {{ {PARTICIPANTS} FILTER(?n >= 2) }}",
    ),
    ("grants", "?p a vdk:Grant .", ""),
    ("grants-with-amount", "?p a vdk:Grant .", "FILTER EXISTS { ?p vdk:amount|vdk:annualAmount ?a }"),
    (
        "grants-with-period",
        "?p a vdk:Grant .",
        "FILTER EXISTS { ?p schema:startDate|vdk:startYear|schema:endDate|vdk:endYear ?when }",
    ),
    (
        "grants-saying-annual-or-not",
        "?p a vdk:Grant ; vdk:amount|vdk:annualAmount ?a .",
        "FILTER EXISTS { ?p vdk:annual ?annual }",
    ),
)


def _count(store: Store, things: str, condition: str, variable: str) -> int:
    sparql = f"SELECT (COUNT(DISTINCT ?{variable}) AS ?n) WHERE {{ {things} {condition} }}"
    rows = list(store.select(sparql).tuples())
    return int(rows[0][0]) if rows and rows[0][0] is not None else 0


def figures(store: Store) -> list[Figure]:
    """The coverage figures; each total is the number of things of its kind."""
    found: list[Figure] = []
    for key, things, condition in _FIGURES:
        variable = "o" if things == ORG else "p"
        total = _count(store, things, "", variable)
        count = _count(store, things, condition, variable) if condition else total
        found.append(Figure(key, count, total))
    sources = source_read_dates(store)
    known = [d for d in sources.values() if d is not None]
    placeholder = [d for d in known if d in PLACEHOLDER_READ_DATES]
    found.append(Figure("sources-read-on-a-known-day", len(known) - len(placeholder), len(sources)))
    return found


def source_read_dates(store: Store) -> dict[str, dt.date | None]:
    """Each source graph (the ontology's aside) with the day its source was read, if recorded."""
    rows = list(store.select(
        """SELECT ?g (MAX(?r) AS ?read) WHERE { GRAPH ?g { ?g a vdk:SourceGraph
        OPTIONAL { ?g prov:wasDerivedFrom/vdk:retrieved ?r } } } GROUP BY ?g"""
    ).tuples())
    dates: dict[str, dt.date | None] = {}
    for graph, read in rows:
        if graph == ONTOLOGY_GRAPH:
            continue
        dates[str(graph)] = read if isinstance(read, dt.date) else None
    return dates
