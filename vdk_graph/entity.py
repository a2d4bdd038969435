"""Everything the graph says about one entity, and where each statement came from.

Used by the entity pages (``/id/…``): facts are grouped by property, each value
carries its label, and each fact lists the named graphs (sources) stating it.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import pyoxigraph as ox

from vdk_graph.results import GraphResult, SelectResult
from vdk_graph.stats import term_labels
from vdk_graph.store.base import Store
from vdk_graph.terms import OxTerm

RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


@dataclass
class Value:
    term: OxTerm
    label: str | None
    graphs: list[str] = field(default_factory=list)


@dataclass
class Property:
    iri: str
    label: str
    values: list[Value] = field(default_factory=list)


@dataclass
class Source:
    graph: str
    derived_from: str | None
    label: str | None


@dataclass
class EntityDescription:
    iri: str
    label: str
    labels: dict[str, str]
    types: list[Value]
    outgoing: list[Property]
    incoming: list[Property]
    sources: dict[str, Source]


def _pick(labels: dict[str, str], lang: str) -> str | None:
    other = "da" if lang == "en" else "en"
    return labels.get(lang) or labels.get("") or labels.get(other) or next(iter(labels.values()), None)


def describe(store: Store, iri: str, lang: str = "en", limit: int = 500) -> EntityDescription | None:
    """The entity's statements (both directions), labelled in ``lang`` where the graph allows."""
    node = f"<{iri}>"
    out = store.query(
        f"""SELECT ?p ?o ?g ?ol WHERE {{ GRAPH ?g {{ {node} ?p ?o }}
              OPTIONAL {{ ?o <{RDFS_LABEL}> ?ol }} }} LIMIT {limit * 4}"""
    )
    inc = store.query(
        f"""SELECT ?p ?s ?g ?sl WHERE {{ GRAPH ?g {{ ?s ?p {node} }}
              OPTIONAL {{ ?s <{RDFS_LABEL}> ?sl }} }} LIMIT {limit * 4}"""
    )
    assert isinstance(out, SelectResult) and isinstance(inc, SelectResult)
    out_rows, in_rows = list(out.rows), list(inc.rows)
    if not out_rows and not in_rows:
        return None
    vocabulary = term_labels(lang)
    labels: dict[str, str] = {}
    outgoing = _group(out_rows, vocabulary, lang, labels_of_subject=labels)
    incoming = _group(in_rows, vocabulary, lang)
    types = next((p.values for p in outgoing if p.iri == RDF_TYPE), [])
    outgoing = [p for p in outgoing if p.iri not in (RDF_TYPE, RDFS_LABEL)]
    graphs = sorted({g for p in [*outgoing, *incoming] for v in p.values for g in v.graphs})
    return EntityDescription(
        iri=iri,
        label=_pick(labels, lang) or iri.rsplit("/", 1)[-1],
        labels=labels,
        types=types,
        outgoing=outgoing,
        incoming=incoming,
        sources=sources(store, graphs),
    )


def _group(rows: list, vocabulary: dict[str, str], lang: str,  # type: ignore[type-arg]
           labels_of_subject: dict[str, str] | None = None) -> list[Property]:
    by_property: dict[str, dict[OxTerm, dict[str, object]]] = defaultdict(dict)
    for predicate, value, graph, value_label in rows:
        if predicate.value == RDFS_LABEL and labels_of_subject is not None and isinstance(value, ox.Literal):
            labels_of_subject[value.language or ""] = value.value
        entry = by_property[predicate.value].setdefault(value, {"graphs": set(), "labels": {}})
        entry["graphs"].add(graph.value)  # type: ignore[union-attr]
        if isinstance(value_label, ox.Literal):
            entry["labels"][value_label.language or ""] = value_label.value  # type: ignore[index]
    properties = []
    for predicate, values in by_property.items():
        prop = Property(predicate, vocabulary.get(predicate, _local(predicate)))
        for term, entry in values.items():
            label = _pick(entry["labels"], lang) if entry["labels"] else None  # type: ignore[arg-type]
            if label is None and isinstance(term, ox.NamedNode):
                label = vocabulary.get(term.value)
            prop.values.append(Value(term, label, sorted(entry["graphs"])))  # type: ignore[arg-type]
        prop.values.sort(key=lambda v: (v.label or str(v.term)).casefold())
        properties.append(prop)
    properties.sort(key=lambda p: p.label.casefold())
    return properties


def sources(store: Store, graphs: list[str]) -> dict[str, Source]:
    """Where each named graph came from (its prov:wasDerivedFrom and that source's label)."""
    if not graphs:
        return {}
    values = " ".join(f"<{g}>" for g in graphs)
    result = store.query(
        f"""PREFIX prov: <http://www.w3.org/ns/prov#>
            SELECT ?g ?src ?label WHERE {{ VALUES ?g {{ {values} }}
              OPTIONAL {{ ?g prov:wasDerivedFrom ?src OPTIONAL {{ ?src <{RDFS_LABEL}> ?label }} }} }}"""
    )
    assert isinstance(result, SelectResult)
    found: dict[str, Source] = {}
    for g, src, label in result.rows:
        found.setdefault(g.value, Source(g.value, src.value if src else None, label.value if label else None))  # type: ignore[union-attr]
    return found


def describe_rdf(store: Store, iri: str) -> GraphResult:
    """The entity's own statements as RDF (what content negotiation serves)."""
    result = store.query(f"CONSTRUCT {{ <{iri}> ?p ?o }} WHERE {{ <{iri}> ?p ?o }}")
    assert isinstance(result, GraphResult)
    return result


def _local(iri: str) -> str:
    for sep in ("#", "/"):
        if sep in iri:
            iri = iri.rsplit(sep, 1)[-1]
    return iri
