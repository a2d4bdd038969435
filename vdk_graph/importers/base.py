"""The pipeline every importer shares: plan → validate → write once.

An importer only *plans*: it reads its files and returns, per source, the
named graph it wants the store to hold (facts plus provenance) and the
warnings it has. This module then checks every planned graph against the
SHACL shapes, collects every problem of every file, and writes nothing unless
there is no error at all — and then writes all graphs in one store
transaction. A dry run stops before writing and reports what would change.

The plan types live in :mod:`.plans`, the checks in :mod:`.checking`; this module
is the pipeline that runs them and writes (and re-exports their names, which every
importer imports from here).

An importer that writes several graphs per file (the table importer: one per
cited source) names their common IRI prefix as the plan's ``family``; a
re-import then also removes that file's graphs whose source is gone, so
nothing stale stays behind.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from vdk_graph.errors import ImportFailed, Problem, StoreError, file_system_problem
from vdk_graph.importers.checking import (
    MAX_INPUT_BYTES,
    ValidationContext,
    _check_readable,
    _syntax_problem,
    bulk_syntax_problems,
    check_plans,
)
from vdk_graph.importers.plans import (
    ImportContext,
    Importer,
    PlannedGraph,
    Progress,
    new_graph,
    ontology_plan,
)
from vdk_graph.importers.report import ImportReport
from vdk_graph.store.base import BulkFile, GraphChange, Store, Transaction, canonical_triples
from vdk_graph.terms import graph_to_triples

__all__ = [
    "BULK_TRIPLES", "MAX_INPUT_BYTES", "ImportContext", "Importer", "PlannedGraph", "Progress",
    "ValidationContext", "apply_plans", "bulk_syntax_problems", "check_plans", "new_graph",
    "ontology_plan", "plan_files", "prepare_all", "run_import", "stale_graphs", "write_plans",
]

#: A new graph at least this big is written with the store's bulk loader.
BULK_TRIPLES = 20_000


def plan_files(
    importer: Importer,
    paths: Iterable[Path],
    context: ImportContext,
    progress: Progress | None = None,
) -> tuple[list[PlannedGraph], list[Problem]]:
    """Plan every file, collecting every problem instead of stopping at the first bad file."""
    plans: list[PlannedGraph] = []
    problems: list[Problem] = []
    paths = list(paths)
    prepare_all(importer, paths, context)
    for number, path in enumerate(paths):
        if progress:
            progress("reading", path.name, number, len(paths))
        problem = _check_readable(path, context.trusted)
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
    if progress:
        progress("reading", "", len(paths), len(paths))
    return plans, problems

def prepare_all(importer: Importer, paths: list[Path], context: ImportContext) -> None:
    """Let an importer learn what all its inputs define before planning any (``prepare``, if it has one).

    A spreadsheet of grants may name a project that the projects sheet imported in the same
    run defines; without this the order of the files on the command line would decide.
    """
    prepare = getattr(importer, "prepare", None)
    if prepare is not None:
        prepare([p for p in paths if _check_readable(p, context.trusted) is None], context)

def write_plans(
    tx: Transaction, store: Store, plans: list[PlannedGraph]
) -> tuple[list[GraphChange], list[str]]:
    """Replace every planned graph, and remove the stale members of each plan's family."""
    existing = store.graph_names()
    changes = [_write(tx, plan, str(plan.graph) in existing) for plan in plans]
    stale = stale_graphs(existing, plans)
    changes.extend(tx.remove_graph(graph) for graph in stale)
    return changes, stale

def _write(tx: Transaction, plan: PlannedGraph, exists: bool) -> GraphChange:
    """A big new graph goes through the store's bulk loader; anything else is diffed against the store.

    Diffing costs little when most triples are already there (a re-import), but adding a
    million new triples one transaction write at a time is ten times slower than the bulk
    loader, which ``Transaction.load_file`` offers for new graphs.
    """
    if isinstance(plan.data, BulkFile):
        return _load(tx, plan, plan.data, exists)
    size = len(plan.data) if isinstance(plan.data, Graph | list) else 0
    if exists or size < BULK_TRIPLES:
        return tx.replace_graph(str(plan.graph), plan.data)
    triples = graph_to_triples(plan.data) if isinstance(plan.data, Graph) else plan.data
    folder: tempfile.TemporaryDirectory[str] | None = None
    try:
        folder = tempfile.TemporaryDirectory(prefix="vdk-import-")
        path = Path(folder.name) / "graph.nt"
        ox.serialize(triples, str(path), ox.RdfFormat.N_TRIPLES)
    except OSError as exc:  # a full (or missing) TMPDIR is not a failure of the store
        if folder is not None:
            folder.cleanup()
        what, _ = file_system_problem(exc)
        raise StoreError(
            f"could not write the temporary copy of <{plan.graph}> ({size:,} triples) for the bulk loader in "
            f"{_temporary_folder()}: {what}. Nothing was changed; free space there, or point TMPDIR at a "
            f"folder with room (TMPDIR=/bigger/tmp vdk-graph …), then run the command again"
        ) from None
    with folder:
        return tx.load_file(str(plan.graph), BulkFile(path, ox.RdfFormat.N_TRIPLES))

def _load(tx: Transaction, plan: PlannedGraph, file: BulkFile, exists: bool) -> GraphChange:
    """A file the engine reads itself: its syntax is first checked here, so errors name the input."""
    try:
        if exists:
            return tx.replace_graph(str(plan.graph), list(file))
        return tx.load_file(str(plan.graph), file)
    except SyntaxError as exc:
        raise ImportFailed(problems=[_syntax_problem(plan, file, exc)]) from None

def _temporary_folder() -> str:
    try:
        return tempfile.gettempdir()
    except OSError:
        return "TMPDIR (no usable temporary folder)"

def stale_graphs(existing: set[str], plans: list[PlannedGraph]) -> list[str]:
    """Graphs of the store (``existing``: its graph names) in a planned family that the import does not write
    again."""
    families = {p.family for p in plans if p.family}
    if not families:
        return []
    planned = {str(p.graph) for p in plans}
    return sorted(
        g for g in existing if g not in planned and any(g.startswith(f) for f in families)
    )

def apply_plans(
    store: Store, plans: list[PlannedGraph], *, dry_run: bool = False
) -> tuple[list[GraphChange], list[str]]:
    """Write every planned graph in one transaction (or compute the change without writing)."""
    if dry_run:
        sizes = store.graph_sizes()
        stale = stale_graphs(set(sizes), plans)
        return [_diff(store, plan, set(sizes)) for plan in plans] + [
            GraphChange(g, 0, sizes[g], True) for g in stale
        ], stale
    with store.transaction() as tx:
        return write_plans(tx, store, plans)

def run_import(
    store: Store,
    importer: Importer,
    paths: Iterable[Path],
    context: ImportContext,
    *,
    dry_run: bool = False,
    progress: Progress | None = None,
) -> ImportReport:
    """Plan, check, and (unless a dry run, and only if nothing is wrong) write."""
    context.place_in(store)
    plans, problems = plan_files(importer, paths, context, progress)
    ontology = None
    if plans and not dry_run and _is_fresh(store):
        # A fresh (empty) store gets the ontology too, so rdf:type/rdfs:subClassOf* queries see the classes;
        # it is the store's, not the import's, so the report does not count it as a source changed.
        ontology = ontology_plan(context.minter, context.now)
        plans.insert(0, ontology)
    problems.extend(check_plans(plans, store, shacl=not context.trusted, progress=progress))
    if any(p.severity == "error" for p in problems):
        problems.extend(bulk_syntax_problems(plans))
        raise ImportFailed(problems=problems)
    if progress:
        progress("writing", "", 0, 1)
    changes, stale = apply_plans(store, plans, dry_run=dry_run)
    if progress:
        progress("writing", "", 1, 1)
    if ontology is not None:
        changes = [c for c in changes if c.graph != str(ontology.graph)]
    warnings = [p for p in problems if p.severity == "warning"]
    placement = context.placement
    return ImportReport(changes, warnings, dry_run, stale, placement.collisions, placement.sizes)

def _is_fresh(store: Store) -> bool:
    """No named graph yet: the import is the store's first (a store built by others keeps what it has)."""
    return not store.graph_names()

def _diff(store: Store, plan: PlannedGraph, existing: set[str]) -> GraphChange:
    old = set(store.graph_triples(str(plan.graph)))
    new = canonical_triples(plan.data)
    existed = bool(old) or str(plan.graph) in existing
    return GraphChange(str(plan.graph), len(new - old), len(old - new), existed)
