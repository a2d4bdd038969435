"""The pipeline every importer shares: plan → validate → write once.

An importer only *plans*: it reads its files and returns, per source, the
named graph it wants the store to hold (facts plus provenance) and the
warnings it has. This module then checks every planned graph against the
SHACL shapes, collects every problem of every file, and writes nothing unless
there is no error at all — and then writes all graphs in one store
transaction. A dry run stops before writing and reports what would change.

Each graph is validated on its own, so that every problem is attributed to
the file that causes it; but a graph may rightly point at an organisation or
project that another graph types (one already in the store, or another file
of the same import). So each graph is checked together with a small context:
the ``rdf:type`` and ``rdfs:label`` of the IRIs it uses as objects without
typing them, taken from the other planned graphs and from the store's graphs
that this import does not replace. Problems about those context nodes
themselves are not reported against the graph.

An importer that writes several graphs per file (the table importer: one per
cited source) names their common IRI prefix as the plan's ``family``; a
re-import then also removes that file's graphs whose source is gone, so
nothing stale stays behind.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.namespace import RDF, RDFS
from rdflib.term import Node

from vdk_graph.config import Settings
from vdk_graph.errors import ImportFailed, Problem, StoreError, file_system_problem
from vdk_graph.importers.identity import Placement, SourceIdentity, file_identity
from vdk_graph.importers.report import ImportReport
from vdk_graph.iris import Minter
from vdk_graph.namespaces import PREFIXES, VDK_NS
from vdk_graph.resolution import ALIAS_FILE, NameIndex, OrganisationIndex, load_aliases
from vdk_graph.results import SelectResult
from vdk_graph.store.base import BulkFile, GraphChange, Store, Transaction, TripleSource, canonical_triples
from vdk_graph.terms import graph_to_triples, triples_to_graph

#: Inputs larger than this are refused before parsing (bytes), unless the import is a trusted bulk load.
MAX_INPUT_BYTES = 50_000_000
#: IRIs per store query when gathering the validation context.
_CONTEXT_BATCH = 500
#: A new graph at least this big is written with the store's bulk loader.
BULK_TRIPLES = 20_000

_Triple = tuple[Node, Node, Node]
#: ``progress(stage, item, done, total)``: stage is "reading", "checking" or "writing".
Progress = Callable[[str, str, int, int], None]


@dataclass
class PlannedGraph:
    """One named graph an import wants to write."""

    graph: URIRef
    #: The triples: an rdflib graph, or pyoxigraph triples for bulk loads.
    data: TripleSource
    source: str
    problems: list[Problem] = field(default_factory=list)
    #: IRI prefix of every graph the same input writes; store graphs under it that this import
    #: does not plan are removed (the input no longer cites their source).
    family: str | None = None

    def rdflib_graph(self) -> Graph:
        if isinstance(self.data, Graph):
            return self.data
        self.data = triples_to_graph(self.data, new_graph())
        return self.data


@dataclass
class ImportContext:
    """What importers need besides their input: IRI minting, known entities, provenance overrides."""

    settings: Settings
    index: OrganisationIndex
    now: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.UTC))
    #: Public URL the (single) input was read from; recorded as prov:wasDerivedFrom.
    source_url: str | None = None
    retrieved: dt.date | None = None
    #: Known projects (title, short title, acronym) and people, for importers that refer to them by name.
    projects: NameIndex = field(default_factory=NameIndex)
    people: NameIndex = field(default_factory=NameIndex)
    #: A trusted bulk load: no SHACL and no size limit (syntax and safety checks still run).
    trusted: bool = False
    #: Take graph names another source holds (``--replace``) instead of going beside them.
    replace: bool = False
    #: Which source holds each graph of the store; importers ask it for their graph names.
    #: :func:`run_import` (and the build) read it from the store before planning.
    placement: Placement = field(default_factory=Placement)

    @property
    def minter(self) -> Minter:
        return Minter(self.settings.base_iri)

    def identity(self, path: Path, importer: str) -> SourceIdentity:
        """The source an importer reads from ``path`` (with this context's ``--source-url``)."""
        file, curated = file_identity(path, self.settings.data_dir)
        return SourceIdentity(importer, file, self.source_url, curated)

    def place_in(self, store: Store | None) -> None:
        """Learn which source holds each graph of ``store`` (None: an empty one), before planning."""
        self.placement = (
            Placement.from_store(store, self.settings.base_iri, replace=self.replace)
            if store is not None
            else Placement(replace=self.replace)
        )

    @classmethod
    def for_store(cls, store: Store, settings: Settings, **kwargs: Any) -> ImportContext:
        """Known entities from the store, with the confirmed merges of the data folder's alias file on top."""
        index = OrganisationIndex.from_store(store)
        index.apply_aliases(load_aliases(settings.data_dir / ALIAS_FILE), Minter(settings.base_iri))
        return cls(
            settings=settings,
            index=index,
            projects=NameIndex.projects_in(store),
            people=NameIndex.people_in(store),
            **kwargs,
        )


class Importer(Protocol):
    name: str

    def plan(self, path: Path, context: ImportContext) -> list[PlannedGraph]:
        """Read one input; raise ImportFailed with every problem found, or return its graphs."""


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


def check_plans(
    plans: list[PlannedGraph],
    store: Store | None = None,
    *,
    shacl: bool = True,
    progress: Progress | None = None,
) -> list[Problem]:
    """SHACL (each graph with its context, see the module docstring) and consistency checks."""
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
    if not shacl:
        return problems
    context = ValidationContext(plans, store)
    for number, plan in enumerate(plans):
        if progress:
            progress("checking", plan.source, number, len(plans))
        problems.extend(context.validate(plan))
    if progress:
        progress("checking", "", len(plans), len(plans))
    return problems


class ValidationContext:
    """Types and labels of the things planned graphs point at, from the other plans and the store."""

    def __init__(self, plans: list[PlannedGraph], store: Store | None) -> None:
        self.plans = plans
        self.store = store
        self._needed: dict[URIRef, set[URIRef]] = {}
        self._known: dict[Node, set[_Triple]] = {}
        self._gathered = False

    def validate(self, plan: PlannedGraph) -> list[Problem]:
        from vdk_graph.validation import render_term, validate_graph  # pySHACL: only checked imports need it

        if not self._gathered:
            self._gather()
        data = plan.rdflib_graph()
        extra = {t for iri in self._needed.get(plan.graph, ()) for t in self._known.get(iri, ())}
        added = [t for t in extra if t not in data]
        for triple in added:
            data.add(triple)
        try:
            problems = validate_graph(data, source=plan.source).problems
        finally:
            for triple in added:
                data.remove(triple)
        # Nodes this graph does not type itself were not checked before the context typed them; what
        # their shapes require (a project's title ...) is the business of the graph that types them.
        typed_here = set(data.subjects(RDF.type, None))
        foreign = tuple(f"{render_term(iri)}: " for iri in {t[0] for t in added} if iri not in typed_here)
        return [p for p in problems if not p.message.startswith(foreign)] if foreign else problems

    def _gather(self) -> None:
        self._gathered = True
        typed_by_plans: dict[Node, set[_Triple]] = {}
        for plan in self.plans:
            data = plan.rdflib_graph()
            typed = set(data.subjects(RDF.type, None))
            needed = {
                o
                for p, o in data.predicate_objects()
                if isinstance(o, URIRef)
                and p != RDF.type
                and not str(o).startswith(VDK_NS)
                and o not in typed
            }
            self._needed[plan.graph] = needed
            for subject in typed:
                bucket = typed_by_plans.setdefault(subject, set())
                bucket.update((subject, RDF.type, c) for c in data.objects(subject, RDF.type))
                bucket.update((subject, RDFS.label, label) for label in data.objects(subject, RDFS.label))
        wanted = set().union(*self._needed.values()) if self._needed else set()
        for iri in wanted:
            if iri in typed_by_plans:
                self._known.setdefault(iri, set()).update(typed_by_plans[iri])
        if self.store is not None and wanted:
            self._from_store(sorted(wanted))

    def _from_store(self, iris: list[URIRef]) -> None:
        assert self.store is not None
        replaced = " ".join(f"<{p.graph}>" for p in self.plans)
        not_replaced = f"FILTER(?g NOT IN ({', '.join(replaced.split())}))" if replaced else ""
        for start in range(0, len(iris), _CONTEXT_BATCH):
            values = " ".join(f"<{iri}>" for iri in iris[start : start + _CONTEXT_BATCH])
            result = self.store.query(f"""
                SELECT ?s ?p ?o WHERE {{
                  VALUES ?s {{ {values} }}
                  VALUES ?p {{ <{RDF.type}> <{RDFS.label}> }}
                  GRAPH ?g {{ ?s ?p ?o }} {not_replaced} }}""")
            assert isinstance(result, SelectResult)
            graph = triples_to_graph(ox.Triple(*row) for row in result.rows)  # type: ignore[arg-type]
            for triple in graph:
                self._known.setdefault(triple[0], set()).add(triple)


def write_plans(
    tx: Transaction, store: Store, plans: list[PlannedGraph]
) -> tuple[list[GraphChange], list[str]]:
    """Replace every planned graph, and remove the stale members of each plan's family."""
    existing = store.graph_sizes()
    changes = [_write(tx, plan, str(plan.graph) in existing) for plan in plans]
    stale = stale_graphs(store, plans)
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


def bulk_syntax_problems(plans: Iterable[PlannedGraph]) -> list[Problem]:
    """The syntax errors of files left for the engine to read, found by reading them now.

    A bulk-loaded file is first parsed while it is written; when another input already
    fails, nothing is written, so without this the user would fix one file, run again and
    only then learn of the next.
    """
    problems: list[Problem] = []
    for plan in plans:
        if not isinstance(plan.data, BulkFile):
            continue
        try:
            for _ in plan.data:
                pass
        except SyntaxError as exc:
            problems.append(_syntax_problem(plan, plan.data, exc))
    return problems


def _syntax_problem(plan: PlannedGraph, file: BulkFile, exc: SyntaxError) -> Problem:
    return Problem(f"not valid {file.format.name}: {exc.msg}", file=plan.source, line=exc.lineno,
                   expected=f"a well-formed {file.format.name} document")


def _temporary_folder() -> str:
    try:
        return tempfile.gettempdir()
    except OSError:
        return "TMPDIR (no usable temporary folder)"


def stale_graphs(store: Store, plans: list[PlannedGraph]) -> list[str]:
    """Store graphs in a planned family that the import does not write again."""
    families = {p.family for p in plans if p.family}
    if not families:
        return []
    planned = {str(p.graph) for p in plans}
    return sorted(
        g for g in store.graph_sizes() if g not in planned and any(g.startswith(f) for f in families)
    )


def apply_plans(
    store: Store, plans: list[PlannedGraph], *, dry_run: bool = False
) -> tuple[list[GraphChange], list[str]]:
    """Write every planned graph in one transaction (or compute the change without writing)."""
    if dry_run:
        stale = stale_graphs(store, plans)
        sizes = store.graph_sizes()
        return [_diff(store, plan) for plan in plans] + [
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


def ontology_plan(minter: Minter, now: dt.datetime) -> PlannedGraph:
    """The ontology as a named graph of its own, with its provenance (the build's first graph)."""
    from vdk_graph.ontology import ONTOLOGY_GRAPH, load_ontology, ontology_path
    from vdk_graph.provenance import SourceInfo, describe_source

    data = new_graph()
    for triple in load_ontology():
        data.add(triple)
    graph = URIRef(ONTOLOGY_GRAPH)
    describe_source(
        data,
        minter,
        SourceInfo(graph=graph, label="vdk-graph ontology", importer="build", file_name=ontology_path().name),
        now,
    )
    return PlannedGraph(graph, data, ontology_path().name)


def _is_fresh(store: Store) -> bool:
    """No named graph yet: the import is the store's first (a store built by others keeps what it has)."""
    return not store.graph_sizes()


def new_graph() -> Graph:
    """An empty graph with the project prefixes (and only those: rdflib's defaults cost 0.3 ms a graph)."""
    graph = Graph(bind_namespaces="none")
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True)
    return graph


def _check_readable(path: Path, trusted: bool = False) -> Problem | None:
    if not path.exists():
        return Problem("no such file", file=str(path), expected="an existing file")
    if path.is_dir():
        return Problem("is a folder", file=str(path), expected="a file")
    size = path.stat().st_size
    if size > MAX_INPUT_BYTES and not trusted:
        return Problem(
            f"the file is {size:,} bytes, over the {MAX_INPUT_BYTES:,}-byte limit for a checked import",
            file=str(path),
            expected="a smaller file (split it), or a trusted bulk load with --no-shacl",
        )
    return None


def _diff(store: Store, plan: PlannedGraph) -> GraphChange:
    old = set(store.graph_triples(str(plan.graph)))
    new = canonical_triples(plan.data)
    existed = bool(old) or str(plan.graph) in store.graph_sizes()
    return GraphChange(str(plan.graph), len(new - old), len(old - new), existed)
