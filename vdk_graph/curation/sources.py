"""The sources in the store: list them, and remove one (``vdk-graph sources``, ``vdk-graph remove-source``).

Every import writes one named graph per source that describes itself
(:mod:`vdk_graph.importers.provenance`), so the list of sources is a query over those
descriptions, joined with the graphs' triple counts. Graphs that carry no
description (written by other tools) are listed too, with what is known.

A source can be named for removal by its graph IRI, by the public URL it was
derived from (every graph citing that URL goes), or by the file it was
imported from. Every graph records that file (``vdk:sourceFile``: its path
under the data folder, else its absolute path; see
:mod:`vdk_graph.importers.identity`), so two files of the same name are two
sources: an existing file removes only the graphs imported from *it*, and a
bare file name only when one source has that name (else the error lists them).
Graphs written before files were recorded are found by the file name in their
IRI (``{base}graph/<importer>/<file stem>``), as before. The ontology graph is
not a source: removing it would leave the queries without class labels and
hierarchy, so that needs ``force``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from pathlib import Path, PurePath
from typing import Any

import pyoxigraph as ox

from vdk_graph.errors import AmbiguousName, NotFound, VdkError
from vdk_graph.importers.identity import file_identity
from vdk_graph.names import slug
from vdk_graph.ontology import ONTOLOGY_GRAPH
from vdk_graph.store.base import GraphChange, Store
from vdk_graph.terms import to_python


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
    #: The file it was imported from (under the data folder, else absolute); None if not recorded.
    file: str | None = None

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["imported"] = self.imported.isoformat() if self.imported else None
        data["retrieved"] = self.retrieved.isoformat() if self.retrieved else None
        return data


class ProtectedGraph(VdkError):
    """The graph asked for is not a source (the ontology) and is kept unless forced."""

    http_status = 403


_DESCRIPTIONS = """
SELECT ?g (SAMPLE(?l) AS ?label) (SAMPLE(?i) AS ?importer) (SAMPLE(?s) AS ?source)
       (MAX(?t) AS ?imported) (MAX(?r) AS ?retrieved) (SAMPLE(?f) AS ?file)
WHERE {{ GRAPH ?g {{ ?g a vdk:SourceGraph
  OPTIONAL {{ ?g rdfs:label ?l }} OPTIONAL {{ ?g vdk:importer ?i }} OPTIONAL {{ ?g vdk:sourceFile ?f }}
  OPTIONAL {{ ?g prov:wasDerivedFrom ?s OPTIONAL {{ ?s vdk:retrieved ?r }} }}
  OPTIONAL {{ ?g prov:generatedAtTime ?t }} }} }}
GROUP BY ?g
"""


def list_sources(store: Store) -> list[SourceEntry]:
    """Every named graph with its label, importer, source URL, import time and triple count, by graph IRI.

    The aggregates graph is left out: it is counted from the others (``vdk-graph aggregates``,
    docs/decisions/0011), never imported or removed as a source.
    """
    sizes = store.graph_sizes()
    result = store.select(_DESCRIPTIONS)
    described: dict[str, SourceEntry] = {}
    for graph, label, importer, source, imported, retrieved, file in result.rows:
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
            file=file.value if isinstance(file, ox.Literal) else None,
        )
    return [described.get(g) or SourceEntry(g, n) for g, n in sorted(sizes.items())
            if g not in described or described[g].importer != "aggregates"]


def find_sources(store: Store, target: str, data_dir: Path | None = None) -> list[SourceEntry]:
    """The graphs a target names: a graph IRI, a source URL, or a file (see the module docstring).

    ``data_dir`` is the data folder, under which graphs record their files by relative path.
    """
    entries = list_sources(store)
    exact = [e for e in entries if e.graph == target]
    if exact:
        return exact
    by_url = [e for e in entries if e.source_url == target]
    if by_url:
        return by_url
    by_file = _by_file(entries, target, Path("data") if data_dir is None else data_dir)
    if by_file:
        return by_file
    raise NotFound(
        f"no named graph, source URL or imported file matches {target!r}; "
        "'vdk-graph sources' lists what the store holds"
    )


def _by_file(entries: list[SourceEntry], target: str, data_dir: Path) -> list[SourceEntry]:
    """The graphs imported from the file ``target`` names (see the module docstring)."""
    if not target.strip():
        return []
    path = Path(target)
    stem = slug(PurePath(target).stem)
    if path.is_file():
        recorded, curated = file_identity(path, data_dir)
        found = [e for e in entries if e.file == recorded]
        # Graphs from before files were recorded came from the data folder's files.
        found += [e for e in entries if e.file is None and curated and _file_stem(e.graph) == stem]
        if not found and any(_same_name(e, target) for e in entries):
            others = sorted({e.file or e.graph for e in entries if _same_name(e, target)})
            raise NotFound(
                f"no graph was imported from {recorded}; graphs from other files named {path.name} "
                f"are from {', '.join(others)}: name one of those (or a graph IRI, or a source URL)"
            )
        return found
    exact = [e for e in entries if e.file == target]
    if exact and PurePath(target).name != target:  # a path as listed; a bare name may be several files'
        return exact
    found = [e for e in entries if _same_name(e, target)]
    sources = sorted({e.file or "" for e in found})
    if len(sources) > 1:
        counts = [
            f"{s or 'graphs imported before files were recorded'} ({_plural(found, s)})" for s in sources
        ]
        raise AmbiguousName(
            f"{target!r} names files of {len(sources)} sources: {'; '.join(counts)}. "
            "Name the one to remove by its path as listed (or a graph IRI, or a source URL); "
            "'vdk-graph sources --format json' shows each graph's file",
            candidates=[(e.graph, e.label or "") for e in found],
        )
    return found


def _plural(found: list[SourceEntry], file: str) -> str:
    count = sum(1 for e in found if (e.file or "") == file)
    return f"{count} graph{'s' if count != 1 else ''}"


def _same_name(entry: SourceEntry, target: str) -> bool:
    """Whether the graph came from a file with the file name of ``target``."""
    name = PurePath(target).name
    if entry.file is not None:
        return PurePath(entry.file.split("#", 1)[0]).name == name  # "partners.ttl#<hash>" too
    stem = slug(PurePath(target).stem)
    return bool(stem) and _file_stem(entry.graph) == stem


def remove_sources(
    store: Store,
    targets: list[str],
    *,
    force: bool = False,
    dry_run: bool = False,
    data_dir: Path | None = None,
) -> list[GraphChange]:
    """Remove every graph the targets name, in one transaction (nothing if any target matches nothing)."""
    chosen: dict[str, SourceEntry] = {}
    for target in targets:
        for entry in find_sources(store, target, data_dir):
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
