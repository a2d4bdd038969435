"""The overview a visitor sees first: what kinds of things the graph holds, and its projects."""

from __future__ import annotations

from dataclasses import dataclass

from vdk_graph.results import SelectResult
from vdk_graph.stats import term_labels
from vdk_graph.store.base import Store

PROJECTS_QUERY = """
PREFIX vdk: <https://w3id.org/vdk/ontology#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX schema: <https://schema.org/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
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
    result = store.query(PROJECTS_QUERY.replace("?lang", f'"{lang}"'))
    assert isinstance(result, SelectResult)
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


__all__ = ["ProjectRow", "projects"]
