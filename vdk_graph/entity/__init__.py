"""Everything the graph says about one entity, grouped by what it means, with the source of every fact.

The entity pages (``/id/…``) and their JSON twins call :func:`describe`; content
negotiation calls :func:`describe_rdf`. The work is split by concern:

* :mod:`vdk_graph.entity.facts` reads the entity's neighbourhood (its statements,
  its relation nodes' statements, labels and dates of what it mentions), each
  statement with the named graphs stating it;
* :mod:`vdk_graph.entity.kinds` decides which groups a kind of entity shows
  (an organisation's projects with roles and dates, partners, grants,
  investments, memberships, people, topics …), built by
  :mod:`vdk_graph.entity.tables` and :mod:`vdk_graph.entity.groups`;
* every shown statement cites its sources (numbered; each resolves to the URL
  its graph was derived from), and whatever no group showed is listed under
  "other facts" — nothing is hidden.

Modules: :mod:`.facts` (the neighbourhood read with its sources), :mod:`.kinds` (which
groups each kind of entity shows), :mod:`.tables` and :mod:`.groups` (the groups built),
:mod:`.model` (the shapes a page renders), :mod:`.focus` (the small map around an entity).
"""

from __future__ import annotations

from vdk_graph.entity.facts import (
    LABEL_PROPERTIES,
    TYPE,
    Facts,
    describe_rdf,
    exists,
    gather,
    node,
    read_out,
    sources,
)
from vdk_graph.entity.groups import Builder, most_specific
from vdk_graph.entity.kinds import KIND_GROUPS, kind_of
from vdk_graph.entity.model import EntityPage, Group, Row, SourceRef, Value, pick
from vdk_graph.kinds import node_kind
from vdk_graph.store.base import Store

DEFAULT_BASE = "https://w3id.org/vdk/id/"


def describe(store: Store, iri: str, lang: str = "en", base: str = DEFAULT_BASE) -> EntityPage | None:
    """The page of ``iri`` in ``lang`` ("en" or "da"); None when the graph says nothing about it."""
    facts = gather(store, iri)
    if facts is None:
        return None
    b = Builder(facts, iri, lang, base)
    types = facts.types(iri)
    kind = kind_of(types)
    groups = [g for g in KIND_GROUPS[kind](b, store) if g is not None]
    other = b.other_facts()
    if other:
        groups.append(other)
    found = sources(store, sorted(b.numbers))
    cited = [
        _numbered(found.get(graph) or SourceRef(0, graph, None, None), number)
        for graph, number in sorted(b.numbers.items(), key=lambda item: item[1])
    ]
    labels = facts.labels(iri)
    return EntityPage(
        iri=iri,
        label=pick(labels, lang) or b.label(iri),
        labels=labels,
        kind=kind,
        classes=[b.ref(c) for c in most_specific(types)],
        groups=groups,
        sources=cited,
        truncated=facts.truncated,
        network_kind=node_kind(types),
    )


def labels(store: Store, iris: list[str], lang: str = "en") -> dict[str, str]:
    """The label of each IRI in ``lang`` (with the usual fallbacks), for links drawn elsewhere (focus map)."""
    facts = Facts()
    read_out(store, facts, iris, (TYPE, *LABEL_PROPERTIES))
    return {i: label for i in iris if (label := pick(facts.labels(i), lang))}


def _numbered(source: SourceRef, number: int) -> SourceRef:
    source.number = number
    return source


__all__ = [
    "EntityPage", "Group", "Row", "SourceRef", "Value", "describe", "describe_rdf", "exists", "labels",
    "node",
]
