"""The pipeline every importer shares: plan → validate → write once.

An importer only *plans*: it reads its files and returns, per source, the
named graph it wants the store to hold (facts plus provenance) and the
warnings it has. This module then checks every planned graph against the
SHACL shapes, collects every problem of every file, and writes nothing unless
there is no error at all — and then writes all graphs in one store
transaction. A dry run stops before writing and reports what would change.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from rdflib import Graph, URIRef

from vdk_graph.config import Settings
from vdk_graph.errors import ImportFailed, Problem
from vdk_graph.iris import Minter
from vdk_graph.resolution import OrganisationIndex
from vdk_graph.store.base import GraphChange, Store, canonical_triples
from vdk_graph.validation import validate_graph
from vdk_graph.vocab import PREFIXES

#: Inputs larger than this are refused before parsing (bytes); bulk RDF loads have their own path.
MAX_INPUT_BYTES = 50_000_000


@dataclass
class PlannedGraph:
    """One named graph an import wants to write."""

    graph: URIRef
    data: Graph
    source: str
    problems: list[Problem] = field(default_factory=list)


@dataclass
class ImportContext:
    """What importers need besides their input: IRI minting, known organisations, provenance overrides."""

    settings: Settings
    index: OrganisationIndex
    now: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.UTC))
    #: Public URL the (single) input was read from; recorded as prov:wasDerivedFrom.
    source_url: str | None = None
    retrieved: dt.date | None = None

    @property
    def minter(self) -> Minter:
        return Minter(self.settings.base_iri)

    @classmethod
    def for_store(cls, store: Store, settings: Settings, **kwargs: object) -> ImportContext:
        return cls(settings=settings, index=OrganisationIndex.from_store(store), **kwargs)  # type: ignore[arg-type]


class Importer(Protocol):
    name: str

    def plan(self, path: Path, context: ImportContext) -> list[PlannedGraph]:
        """Read one input; raise ImportFailed with every problem found, or return its graphs."""


@dataclass
class ImportReport:
    """What an import did (or, in a dry run, would do)."""

    changes: list[GraphChange]
    warnings: list[Problem]
    dry_run: bool = False

    @property
    def added(self) -> int:
        return sum(c.added for c in self.changes)

    @property
    def removed(self) -> int:
        return sum(c.removed for c in self.changes)

    def summary(self) -> str:
        new = sum(1 for c in self.changes if not c.existed)
        replaced = len(self.changes) - new
        verb = "would change" if self.dry_run else "changed"
        head = (
            f"{len(self.changes)} source graph{'s' if len(self.changes) != 1 else ''} {verb}: "
            f"{new} new, {replaced} replaced; {self.added} triples added, {self.removed} removed; "
            f"{len(self.warnings)} warning{'s' if len(self.warnings) != 1 else ''}"
        )
        return head


def plan_files(
    importer: Importer,
    paths: Iterable[Path],
    context: ImportContext,
    progress: Callable[[Path], None] | None = None,
) -> tuple[list[PlannedGraph], list[Problem]]:
    """Plan every file, collecting every problem instead of stopping at the first bad file."""
    plans: list[PlannedGraph] = []
    problems: list[Problem] = []
    for path in paths:
        if progress:
            progress(path)
        problem = _check_readable(path)
        if problem:
            problems.append(problem)
            continue
        try:
            planned = importer.plan(path, context)
        except ImportFailed as failure:
            problems.extend(failure.problems)
            continue
        for plan in planned:
            problems.extend(plan.problems)
        plans.extend(planned)
    return plans, problems


def check_plans(plans: list[PlannedGraph]) -> list[Problem]:
    """SHACL and consistency checks over everything an import plans to write."""
    problems: list[Problem] = []
    seen: dict[URIRef, str] = {}
    for plan in plans:
        if plan.graph in seen:
            problems.append(
                Problem(
                    f"two inputs write the same named graph <{plan.graph}> (also {seen[plan.graph]}); "
                    "import them separately or give them different names",
                    file=plan.source,
                )
            )
        seen[plan.graph] = plan.source
        report = validate_graph(plan.data, source=plan.source)
        problems.extend(report.problems)
    return problems


def apply_plans(store: Store, plans: list[PlannedGraph], *, dry_run: bool = False) -> list[GraphChange]:
    """Write every planned graph in one transaction (or compute the change without writing)."""
    if dry_run:
        return [_diff(store, plan) for plan in plans]
    with store.transaction() as tx:
        return [tx.replace_graph(str(plan.graph), plan.data) for plan in plans]


def run_import(
    store: Store,
    importer: Importer,
    paths: Iterable[Path],
    context: ImportContext,
    *,
    dry_run: bool = False,
    progress: Callable[[Path], None] | None = None,
) -> ImportReport:
    """Plan, check, and (unless a dry run, and only if nothing is wrong) write."""
    plans, problems = plan_files(importer, paths, context, progress)
    problems.extend(check_plans(plans))
    if any(p.severity == "error" for p in problems):
        raise ImportFailed(problems=problems)
    changes = apply_plans(store, plans, dry_run=dry_run)
    return ImportReport(changes, [p for p in problems if p.severity == "warning"], dry_run)


def new_graph() -> Graph:
    graph = Graph()
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True)
    return graph


def _check_readable(path: Path) -> Problem | None:
    if not path.exists():
        return Problem("no such file", file=str(path), expected="an existing file")
    if path.is_dir():
        return Problem("is a folder", file=str(path), expected="a file")
    size = path.stat().st_size
    if size > MAX_INPUT_BYTES:
        return Problem(
            f"the file is {size:,} bytes, over the {MAX_INPUT_BYTES:,}-byte limit for this importer",
            file=str(path),
            expected="a smaller file (split it, or use 'vdk-graph import rdf' for bulk N-Triples)",
        )
    return None


def _diff(store: Store, plan: PlannedGraph) -> GraphChange:
    old = set(store.graph_triples(str(plan.graph)))
    new = canonical_triples(plan.data)
    existed = bool(old) or str(plan.graph) in store.graph_sizes()
    return GraphChange(str(plan.graph), len(new - old), len(old - new), existed)
