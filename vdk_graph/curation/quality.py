"""How complete the graph is: coverage as counts, and what a curator should fix next, as lists.

``vdk-graph quality`` and the page ``/data`` (with ``/data.json``) show the same report: the
*figures* (how many organisations have a kind, a place, a link to another organisation; how
many projects have a start and at least two participants; how many grants have an amount
and a period; how many sources were read on a known day) and the *checks*, each a list of
the things that fall short: organisations without kind, place or links, projects without
dates or with fewer than two participants, grants without amount or period, statuses the
dates contradict, suspected duplicates, sources whose read date is a placeholder.

Every number is a SPARQL count over the store, so the report is true of whatever the store
holds (the shipped data, an import on top, a remote server). ``tests/curation/test_data_coverage.py``
holds the shipped data to the issue's figures with the same functions.
"""

from __future__ import annotations

import datetime as dt
import weakref
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from vdk_graph.curation.duplicates import find_duplicates
from vdk_graph.importers.resolution import ALIAS_FILE, load_aliases
from vdk_graph.ontology import ONTOLOGY_GRAPH
from vdk_graph.results import SelectResult
from vdk_graph.store.base import Store
from vdk_graph.terms import to_python
from vdk_graph.vocab import PREFIXES

#: Read dates that stand for "some day that month": the curated data says so of the sources first
#: collected in November 2026 (data/README.md), which carry 2026-11-01.
PLACEHOLDER_READ_DATES: frozenset[dt.date] = frozenset({dt.date(2026, 11, 1)})
#: How many items each check lists (the count is always the full one).
DEFAULT_LIMIT = 200
DENMARK = "https://w3id.org/vdk/id/place/denmark"

_PREFIXES = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())
_ORG = "?o a ?oc . ?oc rdfs:subClassOf* org:Organization ."
#: An organisation linked to another one (?x): a shared project, membership, grant, investment,
#: capital contribution or a structural relation (part of, founded by, owned by, formed from).
_LINKED = """
  { ?o vdk:participatesIn ?p . ?x vdk:participatesIn ?p }
  UNION { ?o vdk:memberOf|^vdk:memberOf|vdk:hasMember|^vdk:hasMember ?x }
  UNION { ?o vdk:fundedBy|^vdk:fundedBy|vdk:investsIn|^vdk:investsIn ?x }
  UNION { ?o vdk:contributesCapitalTo|^vdk:contributesCapitalTo ?x }
  UNION { ?grant vdk:awardedBy ?o ; vdk:recipient|vdk:grantFor/vdk:hasParticipation/vdk:participant ?x }
  UNION { ?grant vdk:awardedBy ?x ; vdk:recipient|vdk:grantFor/vdk:hasParticipation/vdk:participant ?o }
  UNION { ?o vdk:subOrganisationOf|^vdk:subOrganisationOf|vdk:foundedBy|^vdk:foundedBy
          |vdk:ownedBy|^vdk:ownedBy|vdk:formedFrom|^vdk:formedFrom ?x }
  FILTER(?x != ?o) ?x a ?xc . ?xc rdfs:subClassOf* org:Organization .
"""
_PARTICIPANTS = (
    "{ SELECT ?p (COUNT(DISTINCT ?who) AS ?n) WHERE { ?p vdk:hasParticipation/vdk:participant ?who } "
    "GROUP BY ?p }"
)
#: Any of the dates of a period.
_WHEN = "schema:startDate|vdk:startYear|schema:endDate|vdk:endYear"
_START = "{ ?p schema:startDate ?s } UNION { ?p vdk:startYear ?s }"
_SPECIFIC_KIND = """?o a ?k . ?k rdfs:subClassOf* org:Organization
  FILTER(?k NOT IN (vdk:Organisation, org:Organization, org:FormalOrganization))"""


@dataclass(frozen=True)
class Figure:
    """One coverage figure: ``count`` of ``total`` have the property."""

    key: str
    title: dict[str, str]
    count: int
    total: int

    @property
    def share(self) -> float:
        return self.count / self.total if self.total else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "title": self.title,
            "count": self.count,
            "total": self.total,
            "share": round(self.share, 4),
        }


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
    """A list of what falls short of one rule, with its full count."""

    key: str
    title: dict[str, str]
    count: int
    items: list[Item] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "title": self.title,
            "count": self.count,
            "items": [i.as_dict() for i in self.items],
        }


@dataclass
class QualityReport:
    figures: list[Figure]
    checks: list[Check]

    def figure(self, key: str) -> Figure:
        return next(f for f in self.figures if f.key == key)

    def check(self, key: str) -> Check:
        return next(c for c in self.checks if c.key == key)

    def as_dict(self) -> dict[str, Any]:
        return {"figures": [f.as_dict() for f in self.figures], "checks": [c.as_dict() for c in self.checks]}


# --------------------------------------------------------------------------- figures


_FIGURES: tuple[tuple[str, str, str, str, str], ...] = (
    # key, English, Danish, the things counted, the condition (empty: all of them)
    ("organisations", "Organisations", "Organisationer", _ORG, ""),
    (
        "organisations-with-kind",
        "Organisations with a kind",
        "Organisationer med en art",
        _ORG,
        f"FILTER EXISTS {{ {_SPECIFIC_KIND} }}",
    ),
    (
        "organisations-with-place",
        "Organisations with a place",
        "Organisationer med et sted",
        _ORG,
        "FILTER EXISTS { ?o vdk:basedIn ?place }",
    ),
    (
        "organisations-with-city-region-country",
        "Organisations in a city with its region and country",
        "Organisationer i en by med region og land",
        _ORG,
        "FILTER EXISTS { ?o vdk:basedIn ?c . ?c a vdk:City ; vdk:locatedIn ?r . ?r a vdk:Region ; "
        "vdk:locatedIn ?l . ?l a vdk:Country }",
    ),
    (
        "organisations-linked",
        "Organisations linked to another organisation",
        "Organisationer forbundet med en anden organisation",
        _ORG,
        f"FILTER EXISTS {{ {_LINKED} }}",
    ),
    (
        "organisations-with-cvr",
        "Organisations with a CVR number",
        "Organisationer med CVR-nummer",
        _ORG,
        "FILTER EXISTS { ?o vdk:cvr ?cvr }",
    ),
    (
        "dvi-organisations",
        "Organisations of the digital visual industry",
        "Organisationer i den digitale visuelle industri",
        _ORG,
        "FILTER EXISTS { ?o vdk:scope vdk:DigitalVisualIndustry }",
    ),
    (
        "danish-dvi-companies",
        "Danish companies of the digital visual industry",
        "Danske virksomheder i den digitale visuelle industri",
        _ORG,
        f"FILTER EXISTS {{ ?o a vdk:Company ; vdk:scope vdk:DigitalVisualIndustry ; "
        f"vdk:basedIn/vdk:locatedIn* <{DENMARK}> }}",
    ),
    ("projects", "Projects", "Projekter", "?p a vdk:Project .", ""),
    (
        "projects-with-start",
        "Projects with a start",
        "Projekter med en start",
        "?p a vdk:Project .",
        f"FILTER EXISTS {{ {_START} }}",
    ),
    (
        "projects-with-two-participants",
        "Projects with at least two participants",
        "Projekter med mindst to deltagere",
        "?p a vdk:Project .",
        f"FILTER EXISTS {{ {_PARTICIPANTS} FILTER(?n >= 2) }}",
    ),
    (
        "projects-with-start-and-two-participants",
        "Projects with a start and at least two participants",
        "Projekter med en start og mindst to deltagere",
        "?p a vdk:Project .",
        f"FILTER EXISTS {{ {_START} }} FILTER EXISTS {{ {_PARTICIPANTS} FILTER(?n >= 2) }}",
    ),
    ("grants", "Grants", "Bevillinger", "?p a vdk:Grant .", ""),
    (
        "grants-with-amount",
        "Grants with an amount",
        "Bevillinger med et beløb",
        "?p a vdk:Grant .",
        "FILTER EXISTS { ?p vdk:amount|vdk:annualAmount ?a }",
    ),
    (
        "grants-with-period",
        "Grants with a period (a start or an end)",
        "Bevillinger med en periode",
        "?p a vdk:Grant .",
        "FILTER EXISTS { ?p schema:startDate|vdk:startYear|schema:endDate|vdk:endYear ?when }",
    ),
    (
        "grants-saying-annual-or-not",
        "Grants with an amount that say whether it is annual",
        "Bevillinger med beløb, der siger, om det er årligt",
        "?p a vdk:Grant ; vdk:amount|vdk:annualAmount ?a .",
        "FILTER EXISTS { ?p vdk:annual ?annual }",
    ),
)


def _count(store: Store, things: str, condition: str, variable: str) -> int:
    rows = _select(store, f"SELECT (COUNT(DISTINCT ?{variable}) AS ?n) WHERE {{ {things} {condition} }}")
    return int(rows[0][0]) if rows and rows[0][0] is not None else 0


def figures(store: Store) -> list[Figure]:
    """The coverage figures; each total is the number of things of its kind."""
    found: list[Figure] = []
    for key, en, da, things, condition in _FIGURES:
        variable = "o" if things == _ORG else "p"
        total = _count(store, things, "", variable)
        count = _count(store, things, condition, variable) if condition else total
        found.append(Figure(key, {"en": en, "da": da}, count, total))
    sources = source_read_dates(store)
    known = [d for d in sources.values() if d is not None]
    placeholder = [d for d in known if d in PLACEHOLDER_READ_DATES]
    found.append(
        Figure(
            "sources-read-on-a-known-day",
            {"en": "Sources read on a known day", "da": "Kilder læst på en kendt dag"},
            len(known) - len(placeholder),
            len(sources),
        )
    )
    return found


def source_read_dates(store: Store) -> dict[str, dt.date | None]:
    """Each source graph (the ontology's aside) with the day its source was read, if recorded."""
    rows = _select(
        store,
        """SELECT ?g (MAX(?r) AS ?read) WHERE { GRAPH ?g { ?g a vdk:SourceGraph
        OPTIONAL { ?g prov:wasDerivedFrom/vdk:retrieved ?r } } } GROUP BY ?g""",
    )
    dates: dict[str, dt.date | None] = {}
    for graph, read in rows:
        if graph == ONTOLOGY_GRAPH:
            continue
        dates[str(graph)] = read if isinstance(read, dt.date) else None
    return dates


# --------------------------------------------------------------------------- checks


_CHECKS: tuple[tuple[str, str, str, str], ...] = (
    (
        "organisations-without-kind",
        "Organisations without a kind",
        "Organisationer uden art",
        f"{_ORG} FILTER NOT EXISTS {{ {_SPECIFIC_KIND} }}",
    ),
    (
        "organisations-without-place",
        "Organisations without a place",
        "Organisationer uden sted",
        f"{_ORG} FILTER NOT EXISTS {{ ?o vdk:basedIn ?place }}",
    ),
    (
        "organisations-without-links",
        "Organisations linked to no other organisation",
        "Organisationer uden forbindelse til en anden organisation",
        f"{_ORG} FILTER NOT EXISTS {{ {_LINKED} }}",
    ),
    (
        "projects-without-dates",
        "Projects without a start or an end",
        "Projekter uden start og slut",
        f"?o a vdk:Project FILTER NOT EXISTS {{ ?o {_WHEN} ?when }}",
    ),
    (
        "projects-with-fewer-than-two-participants",
        "Projects with fewer than two participants",
        "Projekter med færre end to deltagere",
        "?o a vdk:Project FILTER NOT EXISTS { { SELECT ?o (COUNT(DISTINCT ?who) AS ?n) WHERE { "
        "?o vdk:hasParticipation/vdk:participant ?who } GROUP BY ?o } FILTER(?n >= 2) }",
    ),
    (
        "grants-without-amount",
        "Grants without an amount",
        "Bevillinger uden beløb",
        "?o a vdk:Grant FILTER NOT EXISTS { ?o vdk:amount|vdk:annualAmount ?a }",
    ),
    (
        "grants-without-period",
        "Grants without a period",
        "Bevillinger uden periode",
        f"?o a vdk:Grant FILTER NOT EXISTS {{ ?o {_WHEN} ?when }}",
    ),
)


def _listing(store: Store, pattern: str, limit: int) -> tuple[int, list[Item]]:
    [[total]] = _select(store, f"SELECT (COUNT(DISTINCT ?o) AS ?n) WHERE {{ {pattern} }}")
    rows = _select(
        store,
        f"""SELECT ?o (SAMPLE(?l) AS ?label) WHERE {{ {pattern}
        OPTIONAL {{ ?o rdfs:label|dcterms:title ?l }} }} GROUP BY ?o ORDER BY LCASE(STR(SAMPLE(?l))) ?o
        LIMIT {int(limit)}""",
    )
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
    for key, en, da, pattern in _CHECKS:
        total, items = _listing(store, pattern, limit)
        found.append(Check(key, {"en": en, "da": da}, total, items))
    found.append(_outdated_statuses(store, today or dt.date.today(), limit))
    found.append(_duplicates(store, limit, different))
    found.append(_placeholder_sources(store, frozenset(placeholder_dates), limit))
    return found


def _outdated_statuses(store: Store, today: dt.date, limit: int) -> Check:
    """Projects still "active" or "planned" after their end, or "finished" before their start."""
    rows = _select(
        store,
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
    }} GROUP BY ?o ?status ?from ?to ORDER BY ?o""",
    )
    items = [
        Item(str(o), str(label or o), f"{str(status).rsplit('#', 1)[-1]}: {start or '?'} – {end or '?'}")
        for o, label, status, start, end in rows
    ]
    return Check(
        "statuses-contradicting-dates",
        {"en": "Project statuses the dates contradict", "da": "Projektstatusser, som datoerne modsiger"},
        len(items),
        items[:limit],
    )


def _duplicates(store: Store, limit: int, different: Iterable[frozenset[str]] = ()) -> Check:
    found = find_duplicates(store, different=different)
    items = [
        Item(d.merge.iri, d.merge.label, f"{d.reason}, score {d.score:.0f}", d.keep.iri, d.keep.label)
        for d in found
    ]
    return Check(
        "suspected-duplicates",
        {"en": "Suspected duplicates", "da": "Mulige dubletter"},
        len(items),
        items[:limit],
    )


def _placeholder_sources(store: Store, placeholders: frozenset[dt.date], limit: int) -> Check:
    rows = _select(
        store,
        """SELECT ?g ?src ?r WHERE { GRAPH ?g { ?g a vdk:SourceGraph ;
        prov:wasDerivedFrom ?src OPTIONAL { ?src vdk:retrieved ?r } } } ORDER BY ?src ?g""",
    )
    items: dict[str, Item] = {}
    for graph, source, read in rows:
        if str(graph) == ONTOLOGY_GRAPH:
            continue
        day = read if isinstance(read, dt.date) else None
        if day is None or day in placeholders:
            detail = f"read {day.isoformat()} (a placeholder)" if day else "no read date"
            items.setdefault(str(graph), Item(str(graph), str(source), detail))
    listed = sorted(items.values(), key=lambda i: (i.label, i.iri))
    return Check(
        "sources-with-placeholder-read-dates",
        {"en": "Sources without a known read date", "da": "Kilder uden kendt læsedato"},
        len(listed),
        listed[:limit],
    )


# --------------------------------------------------------------------------- the report


_CacheKey = tuple[str, frozenset[frozenset[str]]]
_CACHE: weakref.WeakKeyDictionary[Store, tuple[_CacheKey, int, QualityReport]] = weakref.WeakKeyDictionary()


def quality_report(
    store: Store,
    *,
    limit: int = DEFAULT_LIMIT,
    today: dt.date | None = None,
    different: Iterable[frozenset[str]] = (),
) -> QualityReport:
    """Figures and checks for the store; the same store at the same data version is answered from a cache."""
    version = store.data_version()
    pairs = frozenset(different)
    cached = _CACHE.get(store)
    if cached and cached[0] == (version, pairs) and cached[1] == limit and today is None:
        return cached[2]
    report = QualityReport(figures(store), checks(store, limit=limit, today=today, different=pairs))
    if today is None:
        _CACHE[store] = ((version, pairs), limit, report)
    return report


def confirmed_different(data_dir: Path) -> frozenset[frozenset[str]]:
    """The pairs of names ``data/aliases.csv`` marks as different organisations (none without the file)."""
    path = data_dir / ALIAS_FILE
    if not path.is_file():
        return frozenset()
    return frozenset(load_aliases(path).different)


def _select(store: Store, sparql: str) -> list[tuple[Any, ...]]:
    """Rows of plain Python values (IRIs and strings as str, dates as dates, numbers as numbers)."""
    result = store.query(_PREFIXES + sparql)
    assert isinstance(result, SelectResult)
    return [tuple(to_python(v) for v in row) for row in result.rows]
