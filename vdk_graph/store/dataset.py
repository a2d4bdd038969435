"""The dataset of one query, with several default graphs merged as a *set* (the RDF merge).

SPARQL says the default graph of ``FROM <a> FROM <b>`` (or of two
``default-graph-uri`` parameters) is the RDF merge of ``a`` and ``b``: a
triple both state is there once. Oxigraph 0.5 merges them as a bag, so a
``COUNT`` over two graphs counted every shared triple twice (issue 10: 8,528
instead of 6,724), and a vdk-graph ``KnowledgeGraph`` pointed at another
vdk-graph endpoint saw 32 projects instead of 18. The same bug is why the
union default graph is materialised (docs/decisions/0002).

So before a query reaches Oxigraph, :func:`resolve` makes its dataset
explicit (pyoxigraph's ``default_graph`` argument overrides ``FROM``, as the
protocol's parameters do) and, when the default graph names two graphs or
more, hands Oxigraph one graph that holds their set merge:

* all the store's graphs (what a client that lists every graph means): the
  store's own default graph, which *is* their materialised set union;
* any other choice: a throwaway in-memory store with the merge as its default
  graph (and the named graphs the query may see, as named graphs), built for
  this query, up to :data:`MERGE_LIMIT` quads — past that, a clear error.

``FROM`` clauses are read by :mod:`vdk_graph.store.from_clauses` (SPARQL's
tokens, no parser), only for queries whose text holds the word ``FROM`` at all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pyoxigraph as ox

from vdk_graph.errors import QueryError
from vdk_graph.store.from_clauses import dataset_clauses

#: The most quads a merged dataset may hold (it is built in memory for one query).
MERGE_LIMIT = 2_000_000
#: Graph names that are the store's own bookkeeping, never data (see store/remote.py).
RESERVED = "urn:vdk-graph:"

_FROM = re.compile(r"(?<![?$:])\bFROM\b", re.IGNORECASE)

GraphName = ox.NamedNode | ox.DefaultGraph


@dataclass(frozen=True)
class Dataset:
    """The pyoxigraph store to ask and the ``default_graph``/``named_graphs`` arguments to ask it with."""

    store: ox.Store
    default_graph: list[GraphName] | None
    named_graphs: list[ox.NamedNode] | None


def resolve(
    store: ox.Store, sparql: str, default_graphs: list[str] | None, named_graphs: list[str] | None
) -> Dataset:
    """The dataset to run ``sparql`` on: the protocol's graphs, else its FROM clauses, merged as a set."""
    if default_graphs is None and named_graphs is None:
        declared = declared_dataset(sparql)
        if declared is not None:
            default_graphs, named_graphs = declared
    named = [ox.NamedNode(g) for g in named_graphs] if named_graphs is not None else None
    if default_graphs is None:
        return Dataset(store, None, named)
    distinct = list(dict.fromkeys(default_graphs))
    if len(distinct) < 2:
        return Dataset(store, [ox.NamedNode(g) for g in distinct], named)
    if set(distinct) >= _data_graphs(store):
        return Dataset(store, [ox.DefaultGraph()], named)  # the materialised set union of every graph
    return _merged(store, distinct, named_graphs)


def declared_dataset(sparql: str) -> tuple[list[str], list[str]] | None:
    """The graphs of a query's ``FROM`` and ``FROM NAMED`` clauses, or None if it declares none."""
    if not _FROM.search(sparql):
        return None
    return dataset_clauses(sparql)


def _data_graphs(store: ox.Store) -> set[str]:
    names = (g.value for g in store.named_graphs() if isinstance(g, ox.NamedNode))
    return {name for name in names if not name.startswith(RESERVED)}


def _merged(store: ox.Store, defaults: list[str], named: list[str] | None) -> Dataset:
    """A throwaway store: the set merge of ``defaults`` as its default graph, ``named`` as named graphs."""
    merged = ox.Store()
    count = 0

    def copy(graph: str, into: ox.NamedNode | ox.DefaultGraph) -> None:
        nonlocal count
        quads = []
        for quad in store.quads_for_pattern(None, None, None, ox.NamedNode(graph)):
            quads.append(ox.Quad(quad.subject, quad.predicate, quad.object, into))
            count += 1
            if count > MERGE_LIMIT:
                raise QueryError(
                    f"the graphs this query names as its default graph hold more than {MERGE_LIMIT:,} "
                    "triples, the most that are merged for one query; name fewer graphs, or query the "
                    "union of all graphs (no FROM) with GRAPH ?g and FILTER(?g IN (…))"
                )
        merged.extend(quads)

    for graph in defaults:
        copy(graph, ox.DefaultGraph())
    for graph in dict.fromkeys(named or []):
        copy(graph, ox.NamedNode(graph))
    return Dataset(
        merged,
        [ox.DefaultGraph()],
        [ox.NamedNode(g) for g in dict.fromkeys(named)] if named is not None else [],
    )
