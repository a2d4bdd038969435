"""What a visitor sees first: the ecosystem in figures and in a few stories, and the full inventory.

* :func:`front` — the home page: organisations by kind, projects, public money
  per currency, the years covered, the number of sources, and four stories,
  each the first rows of a named query (the newest projects, the largest
  grants, the best-connected organisations, those that bridge communities);
* :func:`projects` — every project, for the inventory page (``/data``).

Both read the whole graph: callers compute them once per data version
(``vdk_graph.derived``), never per request.
"""

from __future__ import annotations

from dataclasses import dataclass

from vdk_graph.ontology import term_labels
from vdk_graph.queries.tables import Table
from vdk_graph.store.base import Store

PROJECTS_QUERY = """
SELECT ?project (SAMPLE(?tl) AS ?titleInLang) (SAMPLE(?t) AS ?title) (SAMPLE(?a) AS ?acronym)
       (SAMPLE(?st) AS ?status)
       (MIN(?s) AS ?start) (MAX(?e) AS ?end)
       (GROUP_CONCAT(DISTINCT ?leadName; separator="; ") AS ?leads)
       (COUNT(DISTINCT ?partner) AS ?participants)
WHERE {
  ?project a vdk:Project .
  OPTIONAL { ?project dcterms:title ?t }
  OPTIONAL { ?project dcterms:title ?tl FILTER(LANG(?tl) = ?lang) }
  OPTIONAL { ?project vdk:acronym ?a }
  OPTIONAL { ?project vdk:status ?st }
  OPTIONAL { ?project schema:startDate ?s }
  OPTIONAL { ?project schema:endDate ?e }
  OPTIONAL { { SELECT ?project ?lead (MIN(?name) AS ?leadName) WHERE {
      ?project vdk:hasLeadPartner ?lead . ?lead rdfs:label ?name } GROUP BY ?project ?lead } }
  OPTIONAL { ?partner vdk:participatesIn ?project }
}
GROUP BY ?project
ORDER BY DESC(?start) ?title
"""


@dataclass
class ProjectRow:
    iri: str
    title: str
    acronym: str | None
    status: str | None
    start: object | None
    end: object | None
    leads: str | None
    participants: int


def projects(store: Store, lang: str = "en") -> list[ProjectRow]:
    """Every project with its title (in ``lang`` when it has one), acronym, status, period, leads and size."""
    if lang not in ("en", "da"):
        raise ValueError(f"language must be en or da, not {lang!r}")
    result = store.select(PROJECTS_QUERY.replace("?lang", f'"{lang}"'))
    labels = term_labels(lang)
    rows = []
    for row in result.dicts():
        rows.append(
            ProjectRow(
                iri=row["project"],
                title=row.get("titleInLang") or row.get("title") or row["project"],
                acronym=row.get("acronym"),
                status=labels.get(row["status"], row["status"]) if row.get("status") else None,
                start=row.get("start"),
                end=row.get("end"),
                leads=row.get("leads") or None,
                participants=int(row.get("participants", 0)),
            )
        )
    return rows


#: The organisation kinds the home page counts, in its order (the map's kinds; see vdk_graph.network).
FRONT_KINDS = ("company", "knowledge", "public", "fund", "investor", "cluster")
#: The stories on the home page: (named query, parameters, the columns a story shows).
STORIES: tuple[tuple[str, dict[str, str], tuple[str, ...]], ...] = (
    ("newest-projects", {}, ("project", "started", "leads", "participants")),
    ("largest-grants", {"currency": "DKK"}, ("grant", "amount", "recipientLabel")),
    ("best-connected-organisations", {}, ("organisation", "partners", "projects")),
    ("organisations-bridging-communities", {}, ("organisation", "betweenness", "otherCommunities")),
)
#: Rows of each story shown on the home page.
STORY_ROWS = 5

_MONEY = """
SELECT ?currency (SUM(?amount) AS ?total) (COUNT(DISTINCT ?grant) AS ?grants) WHERE {
  ?grant a vdk:Grant ; vdk:amount ?amount ; vdk:currency ?c .
  BIND(UCASE(STR(?c)) AS ?currency)
} GROUP BY ?currency ORDER BY DESC(?grants)
"""
_PROJECTS = """
SELECT (COUNT(DISTINCT ?project) AS ?projects) WHERE { ?project a vdk:Project }
"""
# Aggregates over rows where a year is unbound come out unbound in Oxigraph: only dated rows are counted.
_YEARS = """
SELECT (MIN(?from) AS ?first) (MAX(?to) AS ?last) WHERE {
  ?project a vdk:Project .
  OPTIONAL { ?project schema:startDate ?s } OPTIONAL { ?project vdk:startYear ?sy }
  OPTIONAL { ?project schema:endDate ?e } OPTIONAL { ?project vdk:endYear ?ey }
  BIND(COALESCE(YEAR(?s), xsd:integer(SUBSTR(STR(?sy), 1, 4))) AS ?from)
  BIND(COALESCE(YEAR(?e), xsd:integer(SUBSTR(STR(?ey), 1, 4)), ?from) AS ?to)
  FILTER(BOUND(?from) && BOUND(?to))
}
"""
_SOURCES = """
SELECT (COUNT(DISTINCT ?url) AS ?sources) WHERE {
  ?graph a vdk:SourceGraph ; prov:wasDerivedFrom ?url .
  FILTER NOT EXISTS { ?graph vdk:importer "metrics" }
}
"""


@dataclass(frozen=True)
class Story:
    """The first rows of a named query, told on the home page."""

    name: str
    params: dict[str, str]
    title: str
    description: str
    #: The query as run (parameters bound): what "show SPARQL" shows.
    sparql: str
    table: Table
    #: Rows the whole query has (the story shows the first few).
    total: int
    #: The columns the story shows (indexes into ``table.columns``).
    shown: tuple[int, ...] = ()


@dataclass(frozen=True)
class Front:
    """The home page's figures and stories, for one data version and language."""

    organisations: int
    kinds: list[tuple[str, int]]
    other_organisations: int
    projects: int
    money: list[tuple[str, float, int]]
    years: tuple[int, int] | None
    sources: int
    stories: list[Story]


def front(store: Store, organisation_kinds: dict[str, int], lang: str = "en") -> Front:
    """The figures and stories of the home page (``organisation_kinds``: organisations per map kind)."""
    from vdk_graph import queries
    from vdk_graph.queries.labels import label_map

    money = [
        (str(row["currency"]), float(row["total"]), int(row["grants"]))
        for row in store.select(_MONEY).dicts() if "currency" in row
    ]
    [project_count] = list(store.select(_PROJECTS).dicts()) or [{}]
    [span] = list(store.select(_YEARS).dicts()) or [{}]
    first, last = span.get("first"), span.get("last")
    [sources] = list(store.select(_SOURCES).dicts()) or [{"sources": 0}]
    stories = []
    for name, params, columns in STORIES:
        named = queries.get(name)
        text = named.bind(params, store)  # the formulation that runs is the one the page shows
        result = store.select(text)
        rows = list(result.rows)
        table = Table(result.variables, rows[:STORY_ROWS])
        table.labels = label_map(store, table.iris(), lang)
        shown = tuple(result.variables.index(c) for c in columns if c in result.variables)
        stories.append(Story(
            name, params, named.title_in(lang), named.description_in(lang), text,
            table, len(rows), shown,
        ))
    counted = [(kind, organisation_kinds.get(kind, 0)) for kind in FRONT_KINDS]
    total = sum(organisation_kinds.values())
    return Front(
        organisations=total,
        kinds=counted,
        other_organisations=total - sum(n for _, n in counted),
        projects=int(project_count.get("projects", 0)),
        money=money,
        years=(int(first), int(last)) if first is not None and last is not None else None,
        sources=int(sources.get("sources", 0)),
        stories=stories,
    )


__all__ = ["FRONT_KINDS", "STORIES", "Front", "ProjectRow", "Story", "front", "projects"]
