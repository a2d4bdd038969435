"""SHACL validation: does the data keep the contract in ``ontology/shapes.ttl``?

Importers validate every graph they plan before writing anything, and
``vdk-graph validate`` checks a store or files. Both get a
:class:`ValidationReport` whose problems are ordinary :class:`~vdk_graph.errors.Problem`
objects, so the CLI and the web app show SHACL results exactly like parser errors:
a sentence from the shape's ``sh:message`` with the focus node and the offending
value, the property path as the field, and "error" or "warning".

pySHACL runs without inference and without advanced features; the ontology is
mixed into a copy of the data graph so that ``sh:targetClass`` and ``sh:class``
follow ``rdfs:subClassOf`` (a vdk:University is a vdk:Organisation). Nothing is
ever fetched from the network: every input is an in-memory graph and
``owl:imports`` are not followed.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache

from pyshacl import validate as pyshacl_validate
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS
from rdflib.term import Node

from vdk_graph.errors import Problem, Severity, ValidationFailed
from vdk_graph.namespaces import PREFIXES
from vdk_graph.ontology import ReadOnlyGraph, load_ontology, shapes_path
from vdk_graph.results import GraphResult
from vdk_graph.store.base import Store
from vdk_graph.terms import triples_to_graph
from vdk_graph.vocab import SH

#: Values longer than this are shortened in messages (a source sentence can be a paragraph).
MAX_VALUE_CHARS = 80

#: pySHACL is not thread-safe: every run resets its logger's handlers and touches the shared shapes graph.
_PYSHACL_LOCK = threading.Lock()

_SEVERITIES: dict[Node, Severity] = {SH.Violation: "error", SH.Warning: "warning", SH.Info: "warning"}


@dataclass
class ValidationReport:
    """What SHACL found in one graph: problems sorted by focus node, path and message."""

    conforms: bool
    problems: list[Problem] = field(default_factory=list)
    #: Triples of the data checked (the ontology mixed in for the check is not counted).
    checked_triples: int = 0

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    def raise_for_errors(self) -> None:
        """Raise :class:`ValidationFailed` when there is at least one error (warnings pass)."""
        errors = self.errors
        if errors:
            plural = "s" if len(errors) != 1 else ""
            raise ValidationFailed(
                f"the data breaks the SHACL shapes in {len(errors)} place{plural}", problems=errors
            )


# --------------------------------------------------------------------------- shapes and ontology


@cache
def _shapes_for_pyshacl() -> Graph:
    # pySHACL adds two system triples (owl:Class rdfs:subClassOf rdfs:Class ...) to the shapes
    # graph it is given, so it gets a writable graph; adding them again on later runs is a no-op.
    return Graph().parse(shapes_path(), format="turtle")


@cache
def shapes_graph() -> Graph:
    """The SHACL shapes, parsed once per process and shared read-only."""
    return ReadOnlyGraph(_shapes_for_pyshacl())


@cache
def ontology_graph() -> Graph:
    """What of the ontology is mixed into the data for validation (cached, read-only).

    The shapes need the class hierarchy (``sh:targetClass`` and ``sh:class`` follow
    ``rdfs:subClassOf``) and the types of named terms (``vdk:Director`` is a
    ``vdk:PositionRole``), nothing else. pySHACL copies what it mixes in on every run, and the
    ontology's OWL restrictions and lists are blank-node structures it clones one by one:
    mixing the whole ontology made each validation about three times slower for nothing.
    """
    ontology = load_ontology()
    kept = Graph()
    for s, p, o in ontology.triples((None, None, None)):
        if isinstance(s, URIRef) and isinstance(o, URIRef) and p in (RDFS.subClassOf, RDF.type):
            kept.add((s, p, o))
    return ReadOnlyGraph(kept)


# --------------------------------------------------------------------------- running pySHACL


def validate_graph(data: Graph, *, source: str | None = None) -> ValidationReport:
    """Check ``data`` against the shapes; ``source`` (a file name) goes into each problem's ``file``.

    ``data`` is not changed: pySHACL mixes the ontology into a copy of it.
    """
    return _validate(data, source=source, own_copy=False)


def validate_store(store: Store, graph: str | None = None) -> ValidationReport:
    """Check the whole store (its union default graph) or one named graph of it."""
    if graph is None:
        result = store.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")
        assert isinstance(result, GraphResult)
        data = triples_to_graph(result.triples)
        source = store.describe()
    else:
        data = triples_to_graph(store.graph_triples(graph))
        source = f"<{graph}>"
    # The graph was built for this check alone, so the ontology may go straight into it:
    # on a whole store that saves pySHACL a copy of every triple.
    return _validate(data, source=source, own_copy=True)


def _validate(data: Graph, *, source: str | None, own_copy: bool) -> ValidationReport:
    _quiet_pyshacl()
    checked = len(data)
    with _PYSHACL_LOCK:
        conforms, report, text = pyshacl_validate(
            data,
            shacl_graph=_shapes_for_pyshacl(),
            ont_graph=ontology_graph(),
            inference="none",
            advanced=False,
            inplace=own_copy,
            allow_warnings=True,
            allow_infos=True,
            abort_on_first=False,
            do_owl_imports=False,
        )
    if not isinstance(report, Graph):
        # pySHACL reports broken shapes this way: a bug in shapes.ttl, not in the user's data.
        raise RuntimeError(f"SHACL validation could not run: {text}")
    problems = problems_from_report(report, source=source)
    conforms = bool(conforms) and not any(p.severity == "error" for p in problems)
    return ValidationReport(conforms=conforms, problems=problems, checked_triples=checked)


@cache
def _quiet_pyshacl() -> None:
    """Keep pySHACL's INFO chatter out of the user's terminal (it adds a stderr handler on every call).

    A filter on the logger survives the handler reset pySHACL does per call; errors still get through.
    """
    logging.getLogger("pyshacl-validate").addFilter(lambda record: record.levelno >= logging.ERROR)


# --------------------------------------------------------------------------- report graph → problems


def problems_from_report(report: Graph, *, source: str | None = None) -> list[Problem]:
    """Turn a SHACL validation report graph into sorted, de-duplicated problems."""
    keyed: dict[tuple[str, str, str, str], Problem] = {}
    for result in report.subjects(RDF.type, SH.ValidationResult):
        focus = report.value(result, SH.focusNode)
        path_node = report.value(result, SH.resultPath)
        value = report.value(result, SH.value)
        severity: Severity = _SEVERITIES.get(report.value(result, SH.resultSeverity), "error")  # type: ignore[arg-type]
        path = render_path(report, path_node) if path_node is not None else None
        message = _message(report, result, path)
        focus_text = render_term(focus) if focus is not None else "(no focus node)"
        text = f"{focus_text}: {message}"
        if value is not None and value != focus:
            text += f" (found {render_term(value)})"
        key = (focus_text, path or "", text, severity)
        keyed[key] = Problem(text, file=source, field=path, severity=severity)
    return [keyed[key] for key in sorted(keyed)]


def _message(report: Graph, result: Node, path: str | None) -> str:
    messages = [m for m in report.objects(result, SH.resultMessage) if isinstance(m, Literal)]
    english = [m for m in messages if m.language in (None, "en")] or messages
    if english:
        return str(sorted(english)[0])
    component = report.value(result, SH.sourceConstraintComponent)
    return _fallback_message(component, path)


#: Sentences for results whose shape has no sh:message (every shape in shapes.ttl has one).
_COMPONENT_SENTENCES = {
    "MinCount": "a required value is missing",
    "MaxCount": "there are more values than allowed",
    "Datatype": "a value has the wrong datatype",
    "NodeKind": "a value is the wrong kind of node (IRI, blank node or literal)",
    "Class": "a value is not an instance of the expected class",
    "In": "a value is not one of the allowed values",
    "HasValue": "a required value is missing",
    "Pattern": "a value does not match the expected pattern",
    "MinInclusive": "a value is too small",
    "MaxInclusive": "a value is too large",
    "MinExclusive": "a value is too small",
    "MaxExclusive": "a value is too large",
    "MinLength": "a value is too short",
    "MaxLength": "a value is too long",
    "LessThan": "a value is not less than the value it is compared with",
    "LessThanOrEquals": "a value is greater than the value it is compared with",
    "Or": "a value matches none of the allowed alternatives",
    "And": "a value does not match all the required shapes",
    "Not": "a value matches a shape it must not match",
    "Xone": "a value does not match exactly one of the alternatives",
    "Node": "a value does not have the required shape",
    "QualifiedMaxCount": "too many values have the described shape",
    "QualifiedMinCount": "too few values have the described shape",
    "Closed": "a property is not allowed here",
    "Equals": "values differ from those they must equal",
    "Disjoint": "values overlap with those they must differ from",
    "UniqueLang": "two values share a language tag",
    "LanguageIn": "a value has a language tag that is not allowed",
}


def _fallback_message(component: Node | None, path: str | None) -> str:
    name = str(component).rsplit("#", 1)[-1].removesuffix("ConstraintComponent") if component else ""
    sentence = _COMPONENT_SENTENCES.get(name, f"the constraint sh:{name or 'unknown'} is not met")
    return f"{sentence} ({path})" if path else sentence


# --------------------------------------------------------------------------- rendering terms and paths


def render_term(term: Node) -> str:
    """An IRI as ``prefix:name`` when a project prefix fits, else ``<iri>``; literals as in Turtle."""
    if isinstance(term, URIRef):
        text = str(term)
        for prefix, namespace in PREFIXES.items():
            local = text[len(namespace):]
            if text.startswith(namespace) and local and _is_local_name(local):
                return f"{prefix}:{local}"
        return f"<{text}>"
    if isinstance(term, BNode):
        return f"_:{term}"
    if isinstance(term, Literal):
        lexical = str(term)
        if len(lexical) > MAX_VALUE_CHARS:
            lexical = lexical[: MAX_VALUE_CHARS - 1] + "…"
        quoted = '"' + lexical.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'
        if term.language:
            return f"{quoted}@{term.language}"
        if term.datatype is not None and str(term.datatype) != str(_XSD_STRING):
            return f"{quoted}^^{render_term(term.datatype)}"
        return quoted
    return str(term)


_XSD_STRING = URIRef("http://www.w3.org/2001/XMLSchema#string")


def _is_local_name(local: str) -> bool:
    return all(ch.isalnum() or ch in "_-." for ch in local) and not local.endswith(".")


def render_path(graph: Graph, path: Node) -> str:
    """A SHACL property path in SPARQL syntax: ``dcterms:title``, ``^vdk:hasParticipation``, ``a/b``."""
    if isinstance(path, URIRef):
        return render_term(path)
    inverse = graph.value(path, SH.inversePath)
    if inverse is not None:
        return "^" + _grouped(graph, inverse)
    alternatives = graph.value(path, SH.alternativePath)
    if alternatives is not None:
        return "|".join(_grouped(graph, p) for p in _items(graph, alternatives))
    for predicate, suffix in ((SH.zeroOrMorePath, "*"), (SH.oneOrMorePath, "+"), (SH.zeroOrOnePath, "?")):
        inner = graph.value(path, predicate)
        if inner is not None:
            return _grouped(graph, inner) + suffix
    if graph.value(path, RDF.first) is not None:
        return "/".join(_grouped(graph, p) for p in _items(graph, path))
    return render_term(path)


def _grouped(graph: Graph, path: Node) -> str:
    text = render_path(graph, path)
    return text if isinstance(path, URIRef) else f"({text})"


def _items(graph: Graph, head: Node) -> Iterable[Node]:
    return list(Collection(graph, head))


__all__ = [
    "ValidationReport", "ontology_graph", "problems_from_report", "render_path", "render_term",
    "shapes_graph", "validate_graph", "validate_store",
]
