"""``vdk-graph build``: the store from the curated sources in ``data/``.

``data/manifest.toml`` lists every source with its importer and public URL.
The build plans all of them (plus the ontology, which lives in its own named
graph so queries can follow rdfs:subClassOf and read class labels), checks
everything, and writes it in one transaction: a build that finds an error in
any source changes nothing.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from vdk_graph.config import Settings
from vdk_graph.errors import ConfigError, ImportFailed, Problem
from vdk_graph.importers.base import (
    ImportContext,
    Importer,
    PlannedGraph,
    check_plans,
    ontology_plan,
    prepare_all,
    write_plans,
)
from vdk_graph.importers.cordis import CordisImporter
from vdk_graph.importers.identity import Collision
from vdk_graph.importers.pure import PureImporter
from vdk_graph.importers.rdf import RdfImporter
from vdk_graph.importers.resolution import ALIAS_FILE, NameIndex, OrganisationIndex, load_aliases
from vdk_graph.importers.table import TableImporter
from vdk_graph.iris import Minter
from vdk_graph.store.base import GraphChange, Store

if TYPE_CHECKING:
    from vdk_graph.aggregates import AggregatesReport
    from vdk_graph.matchmaking.metrics import MetricsReport

IMPORTERS: dict[str, Importer] = {
    "pure": PureImporter(),
    "rdf": RdfImporter(),
    "table": TableImporter(),
    "cordis": CordisImporter(),
}


@dataclass(frozen=True)
class ManifestEntry:
    file: Path
    importer: str
    url: str | None = None
    title: str | None = None
    retrieved: dt.date | None = None


@dataclass
class BuildReport:
    changes: list[GraphChange] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    skipped: bool = False
    removed_graphs: list[str] = field(default_factory=list)
    #: Curated files whose graph names another source held (so they went beside it).
    collisions: list[Collision] = field(default_factory=list)
    #: The network measures written after the data (None: not computed).
    metrics: MetricsReport | None = None
    #: The aggregates counted after the data and the measures (None: not counted).
    aggregates: AggregatesReport | None = None

    def summary(self) -> str:
        if self.skipped:
            return "the store already holds data; nothing built (run 'vdk-graph build' to rebuild it)"
        added = sum(c.added for c in self.changes)
        return "".join(f"{c.message()}\n" for c in self.collisions) + (
            f"built {len(self.changes)} named graphs ({added} triples added"
            f"{f', {len(self.removed_graphs)} old graphs removed' if self.removed_graphs else ''}); "
            f"{len(self.warnings)} warning{'s' if len(self.warnings) != 1 else ''}"
        ) + (f"\nnetwork measures: {self.metrics.summary()}" if self.metrics else "") + (
            f"\n{self.aggregates.summary()}" if self.aggregates else "")


def load_manifest(data_dir: Path) -> list[ManifestEntry]:
    """Read ``data/manifest.toml``, checking every entry and naming the bad ones."""
    path = data_dir / "manifest.toml"
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"no {path}: the data folder needs a manifest.toml listing its sources") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path} is not valid TOML: {exc}") from None
    entries: list[ManifestEntry] = []
    problems: list[Problem] = []
    for number, item in enumerate(raw.get("source", []), 1):
        where = f"source #{number}"
        file, importer = item.get("file"), item.get("importer")
        if not file or not importer:
            problems.append(Problem(f"{where} needs 'file' and 'importer'", file=str(path)))
            continue
        if importer not in IMPORTERS:
            problems.append(
                Problem(
                    f"{where}: unknown importer {importer!r}",
                    file=str(path),
                    field="importer",
                    expected=" or ".join(sorted(IMPORTERS)),
                )
            )
            continue
        retrieved = item.get("retrieved")
        if retrieved is not None and not isinstance(retrieved, dt.date):
            problems.append(Problem(f"{where}: 'retrieved' must be a date like 2026-11-01", file=str(path)))
            continue
        entries.append(
            ManifestEntry(data_dir / file, importer, item.get("url"), item.get("title"), retrieved)
        )
    if problems:
        raise ImportFailed(problems=problems, summary=f"{path} has errors; nothing was built")
    return entries


def build(
    store: Store,
    settings: Settings,
    *,
    if_empty: bool = False,
    clean: bool = False,
    progress: Callable[[str], None] | None = None,
    metrics: bool = True,
    aggregates: bool = True,
) -> BuildReport:
    """Load ``data/`` (and the ontology) into the store; see the module docstring.

    ``metrics``: then compute the network measures into their own graph (``vdk-graph metrics``),
    so that SPARQL — and the home page's "who bridges communities" — can use them from the start.
    ``aggregates``: then count the aggregates the named queries' fast formulations read
    (``vdk-graph aggregates``, docs/decisions/0011), after the measures, whose communities they count.
    """
    if if_empty and store.graph_sizes():
        return BuildReport(skipped=True)
    entries = load_manifest(settings.data_dir)
    now = dt.datetime.now(dt.UTC)
    context = _context(store, settings, now, clean=clean)
    plans: list[PlannedGraph] = [ontology_plan(context.minter, now)]
    problems: list[Problem] = []
    for name, importer in IMPORTERS.items():
        prepare_all(importer, [e.file for e in entries if e.importer == name and e.file.is_file()], context)
    for entry in entries:
        if progress:
            progress(str(entry.file))
        if not entry.file.is_file():
            problems.append(
                Problem("the manifest lists this file but it does not exist", file=str(entry.file))
            )
            continue
        entry_context = replace(context, source_url=entry.url, retrieved=entry.retrieved)
        try:
            planned = IMPORTERS[entry.importer].plan(entry.file, entry_context)
        except ImportFailed as failure:
            problems.extend(failure.problems)
            continue
        for plan in planned:
            problems.extend(plan.problems)
        plans.extend(planned)
    # A clean build replaces everything, so only the plans themselves give context to each other.
    problems.extend(check_plans(plans, None if clean else store))
    if any(p.severity == "error" for p in problems):
        raise ImportFailed(problems=problems, summary="the data has errors; the store was not changed")
    report = BuildReport(
        warnings=[p for p in problems if p.severity == "warning"], collisions=context.placement.collisions
    )
    keep = {str(p.graph) for p in plans}
    with store.transaction() as tx:
        if clean:
            for graph in store.graph_sizes():
                if graph not in keep:
                    tx.remove_graph(graph)
                    report.removed_graphs.append(graph)
            report.changes = [tx.replace_graph(str(plan.graph), plan.data) for plan in plans]
        else:
            # A spreadsheet whose rows no longer cite a source loses that source's graph.
            report.changes, report.removed_graphs = write_plans(tx, store, plans)
    if metrics:
        from vdk_graph.matchmaking.metrics import write_metrics

        report.metrics = write_metrics(store, settings.base_iri)
    if aggregates:  # the views the measures made (the matchmaking index …) carried over to their version
        from vdk_graph.warm import count_aggregates

        report.aggregates = count_aggregates(store, settings.base_iri)
    return report


def _context(store: Store, settings: Settings, now: dt.datetime, *, clean: bool) -> ImportContext:
    """Known entities (none for a clean build), with the alias file's confirmed merges applied first."""
    minter = Minter(settings.base_iri)
    if clean:
        index, projects, people = OrganisationIndex(), NameIndex(), NameIndex()
    else:
        index, projects = OrganisationIndex.from_store(store), NameIndex.projects_in(store)
        people = NameIndex.people_in(store)
    index.apply_aliases(load_aliases(settings.data_dir / ALIAS_FILE), minter)
    context = ImportContext(settings=settings, index=index, now=now, projects=projects, people=people)
    context.place_in(None if clean else store)
    return context
