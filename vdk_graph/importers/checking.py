"""Checking planned graphs before anything is written: SHACL with a context, consistency, syntax.

Each graph is validated on its own, so that every problem is attributed to
the file that causes it; but a graph may rightly point at an organisation or
project that another graph types (one already in the store, or another file
of the same import). So each graph is checked together with a small context:
the ``rdf:type`` and ``rdfs:label`` of the IRIs it uses as objects without
typing them, taken from the other planned graphs and from the store's graphs
that this import does not replace. Problems about those context nodes
themselves are not reported against the graph.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox
from rdflib import URIRef
from rdflib.namespace import RDF, RDFS
from rdflib.term import Node

from vdk_graph.errors import Problem
from vdk_graph.importers.plans import PlannedGraph, Progress
from vdk_graph.namespaces import VDK_NS
from vdk_graph.results import SelectResult
from vdk_graph.store.base import BulkFile, Store
from vdk_graph.terms import triples_to_graph

#: Inputs larger than this are refused before parsing (bytes), unless the import is a trusted bulk load.
MAX_INPUT_BYTES = 50_000_000
#: IRIs per store query when gathering the validation context.
_CONTEXT_BATCH = 500

_Triple = tuple[Node, Node, Node]


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
