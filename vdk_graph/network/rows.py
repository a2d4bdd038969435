"""The rows of the projection's queries, all of them or those about some nodes, and how an edge is drawn."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

import networkx as nx

from vdk_graph.store.base import Store


class Rows:
    """The rows of the projection's queries: all of them, or (``nodes``) only those about some nodes.

    The same queries build the whole projection and update a part of it
    (:mod:`vdk_graph.network.update`): restricted, each query runs once per variable that
    names a node, with ``VALUES`` on it, and the rows are merged. The ``VALUES`` goes where
    the query marks ``«var»`` (inside each branch of a ``UNION``: Oxigraph joins a ``VALUES``
    outside it only after reading every branch whole), else at the start; ``variants`` give
    the query with the variable's pattern first, where Oxigraph would otherwise scan.
    """

    def __init__(self, store: Store, nodes: Iterable[str] | None = None) -> None:
        self.store = store
        self.values = None if nodes is None else _values(nodes)

    def __call__(self, sparql: str, *variables: str, variants: dict[str, str] | None = None,
                 ) -> list[dict[str, Any]]:
        if self.values is None:
            return list(self.store.select(_MARK.sub("", sparql)).dicts())
        out: list[dict[str, Any]] = []
        for var in variables:
            out += self.about((variants or {}).get(var, sparql), var, values=self.values)
        return _distinct(out)

    def about(self, sparql: str, var: str, iris: Iterable[str] = (), *, values: str | None = None,
              ) -> list[dict[str, Any]]:
        """The rows whose ``var`` is one of ``iris`` (all rows when these rows are not restricted)."""
        if self.values is None:
            return list(self.store.select(_MARK.sub("", sparql)).dicts())
        values = _values(iris) if values is None else values
        if not values:
            return []
        restrict = f"VALUES ?{var} {{ {values} }}"
        if "«" in sparql:
            text = _MARK.sub(lambda m: restrict if m.group(1) == var else "", sparql)
        else:
            text = sparql.replace("WHERE {", f"WHERE {{ {restrict}", 1)
        return list(self.store.select(text).dicts())


_MARK = re.compile(r"«(\w+)»")


def _values(iris: Iterable[str]) -> str:
    return " ".join(f"<{n}>" for n in sorted(set(iris)))


def _distinct(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    seen: set[tuple[tuple[str, Any], ...]] = set()
    out = []
    for row in rows:
        key = tuple(sorted(row.items()))
        if key not in seen:
            seen.add(key)
            out.append(row)
    return out


def add_edge(graph: nx.MultiDiGraph, source: str, target: str, relation: str, **attrs: Any) -> None:
    if source in graph and target in graph and source != target:
        graph.add_edge(source, target, key=relation, relation=relation, **attrs)


def number(value: Any) -> float | None:
    try:
        return float(value) if value is not None else None
    except (TypeError, ValueError):
        return None
