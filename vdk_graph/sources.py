"""The sources in the store: list them, and remove one (``vdk-graph sources``, ``vdk-graph remove-source``).

Every import writes one named graph per source that describes itself
(:mod:`vdk_graph.provenance`), so the list of sources is a query over those
descriptions, joined with the graphs' triple counts. Graphs that carry no
description (written by other tools) are listed too, with what is known.

A source can be named for removal by its graph IRI, by the public URL it was
derived from (every graph citing that URL goes), or by the file it was
imported from: importers name their graphs ``{base}graph/<importer>/<file stem>``
(the table importer adds ``/<source>`` under it), so a file name finds them
without any extra bookkeeping. The ontology graph is not a source: removing it
would leave the queries without class labels and hierarchy, so that needs
``force``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from pathlib import PurePath
from typing import Any

import pyoxigraph as ox

from vdk_graph.errors import NotFound, VdkError
from vdk_graph.names import slug
from vdk_graph.ontology import ONTOLOGY_GRAPH
from vdk_graph.results import SelectResult
from vdk_graph.store.base import GraphChange, Store
from vdk_graph.terms import to_python
from vdk_graph.vocab import VDK_NS


@dataclass(frozen=True)
class SourceEntry:
    """One named graph and what it says about where it came from."""

    graph: str
    triples: int
    label: str | None = None
    importer: str | None = None
    source_url: str | None = None
    imported: dt.datetime | None = None
    retrieved: dt.date | None = None

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["imported"] = self.imported.isoformat() if self.imported else None
        data["retrieved"] = self.retrieved.isoformat() if self.retrieved else None
        return data


class ProtectedGraph(VdkError):
    """The graph asked for is not a source (the ontology) and is kept unless forced."""

    http_status = 403


_DESCRIPTIONS = f"""
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX vdk: <{VDK_NS}>
SELECT ?g (SAMPLE(?l) AS ?label) (SAMPLE(?i) AS ?importer) (SAMPLE(?s) AS ?source)
       (MAX(?t) AS ?imported) (MAX(?r) AS ?retrieved)
WHERE {{ GRAPH ?g {{ ?g a vdk:SourceGraph
  OPTIONAL {{ ?g rdfs:label ?l }} OPTIONAL {{ ?g vdk:importer ?i }}
  OPTIONAL {{ ?g prov:wasDerivedFrom ?s OPTIONAL {{ ?s vdk:retrieved ?r }} }}
  OPTIONAL {{ ?g prov:generatedAtTime ?t }} }} }}
GROUP BY ?g
"""


def list_sources(store: Store) -> list[SourceEntry]:
    """Every named graph with its label, importer, source URL, import time and triple count, by graph IRI."""
    sizes = store.graph_sizes()
    result = store.query(_DESCRIPTIONS)
    assert isinstance(result, SelectResult)
    described: dict[str, SourceEntry] = {}
    for graph, label, importer, source, imported, retrieved in result.rows:
        if not isinstance(graph, ox.NamedNode):
            continue
        described[graph.value] = SourceEntry(
            graph=graph.value,
            triples=sizes.get(graph.value, 0),
            label=to_python(label),
            importer=to_python(importer),
            source_url=source.value if isinstance(source, ox.NamedNode | ox.Literal) else None,
            imported=_datetime(to_python(imported)),
            retrieved=_date(to_python(retrieved)),
        )
    return [described.get(g) or SourceEntry(g, n) for g, n in sorted(sizes.items())]


def find_sources(store: Store, target: str) -> list[SourceEntry]:
    """The graphs a target names: a graph IRI, a source URL, or a file name (see the module docstring)."""
    entries = list_sources(store)
    exact = [e for e in entries if e.graph == target]
    if exact:
        return exact
    by_url = [e for e in entries if e.source_url == target]
    if by_url:
        return by_url
    stem = slug(PurePath(target).stem) if target.strip() else ""
    by_file = [e for e in entries if stem and _file_stem(e.graph) == stem]
    if by_file:
        return by_file
    raise NotFound(
        f"no named graph, source URL or imported file matches {target!r}; "
        "'vdk-graph sources' lists what the store holds"
    )


def remove_sources(
    store: Store, targets: list[str], *, force: bool = False, dry_run: bool = False
) -> list[GraphChange]:
    """Remove every graph the targets name, in one transaction (nothing if any target matches nothing)."""
    chosen: dict[str, SourceEntry] = {}
    for target in targets:
        for entry in find_sources(store, target):
            chosen[entry.graph] = entry
    if ONTOLOGY_GRAPH in chosen and not force:
        raise ProtectedGraph(
            f"<{ONTOLOGY_GRAPH}> is the ontology, not a source; removing it breaks class "
            "labels and hierarchy in every query (use --force if you mean it)"
        )
    if dry_run:
        return [GraphChange(g, 0, e.triples, True) for g, e in chosen.items()]
    with store.transaction() as tx:
        return [tx.remove_graph(graph) for graph in chosen]


def _file_stem(graph: str) -> str | None:
    """``…/graph/table/organisations/…`` → ``organisations``; None for graphs not named after a file."""
    marker = "/graph/"
    if marker not in graph:
        return None
    parts = graph.split(marker, 1)[1].split("/")
    return parts[1] if len(parts) >= 2 and parts[0] in ("table", "rdf", "pure") else None


def _datetime(value: object) -> dt.datetime | None:
    return value if isinstance(value, dt.datetime) else None


def _date(value: object) -> dt.date | None:
    return value if isinstance(value, dt.date) and not isinstance(value, dt.datetime) else None
