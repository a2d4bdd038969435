"""Grants, investments and capital put into funds, as the projection's ``funds`` and ``invests`` edges.

Of several grants (or investments) between the same two, the edge carries the first by
IRI, then by amount: a choice by value, so that reading a part of the graph again
(:mod:`vdk_graph.network.update`) picks what a full read picks.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import networkx as nx

from vdk_graph.network.rows import Rows, add_edge, number

AMOUNTS = "SELECT ?x ?amount ?currency WHERE { ?x vdk:amount ?amount ; vdk:currency ?currency }"


def _grant_query(target: str, only_without_grant_for: bool, funder_first: bool) -> str:
    """Grants by ``target`` (``vdk:grantFor`` or ``vdk:recipient``), funder's or target's pattern first."""
    funder, to = "?grant vdk:awardedBy ?funder", f"?grant {target} ?target"
    first, second = (funder, to) if funder_first else (to, funder)
    without = "FILTER NOT EXISTS { ?grant vdk:grantFor ?p }" if only_without_grant_for else ""
    return f"SELECT ?grant ?funder ?target WHERE {{ {first} . {second} . ?grant a vdk:Grant . {without} }}"


def _investment_query(investor_first: bool) -> str:
    investor, investee = "?inv vdk:investor ?investor", "?inv vdk:investee ?investee"
    first, second = (investor, investee) if investor_first else (investee, investor)
    return f"SELECT ?inv ?investor ?investee WHERE {{ {first} . {second} . ?inv a vdk:Investment }}"


def _with(rows: Rows, found: list[dict[str, Any]], var: str, sparql: str) -> list[dict[str, Any]]:
    """Each row once per row of ``sparql`` about its ``var`` (the values it adds), or as it is if none.

    What an ``OPTIONAL`` would do, read apart: Oxigraph reads an ``OPTIONAL`` whole before joining it.
    """
    extra: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in rows.about(sparql, var, [r[var] for r in found]):
        extra[row.pop(var)].append(row)
    return [{**row, **more} for row in found for more in extra.get(row[var]) or [{}]]


def _grants(rows: Rows) -> list[dict[str, Any]]:
    found = []
    for target, without in (("vdk:grantFor", False), ("vdk:recipient", True)):
        found += rows(_grant_query(target, without, True), "funder", "target",
                      variants={"target": _grant_query(target, without, False)})
    return _with(rows, found, "grant", AMOUNTS.replace("?x", "?grant"))


def _investments(rows: Rows) -> list[dict[str, Any]]:
    found = rows(_investment_query(True), "investor", "investee",
                 variants={"investee": _investment_query(False)})
    found = _with(rows, found, "inv", AMOUNTS.replace("?x", "?inv"))
    return _with(rows, found, "inv", "SELECT ?inv ?stake WHERE { ?inv vdk:stakePercent ?stake }")


def _pick(found: list[dict[str, Any]], source: str, target: str, key: str,
          ) -> dict[tuple[str, str], dict[str, Any]]:
    """Per (source, target): of several rows, the first by the identifier ``key``, then by its values."""
    best: dict[tuple[str, str], tuple[tuple[str, ...], dict[str, Any]]] = {}
    for row in found:
        pair = (row[source], row[target])
        rank = tuple(str(row.get(k, "")) for k in (key, "amount", "currency", "stake"))
        if pair not in best or rank < best[pair][0]:
            best[pair] = (rank, row)
    return {pair: row for pair, (_, row) in best.items()}


def _contributions(by_fund: bool) -> str:
    mark = "«fund»" if by_fund else "«contributor»"
    contributor, fund = "?c vdk:contributor ?contributor", "?c vdk:contributionTo ?fund"
    first, second = (fund, contributor) if by_fund else (contributor, fund)
    return f"""SELECT ?contributor ?fund WHERE {{
            {{ {mark} {first} . {second} . ?c a vdk:CapitalContribution }}
            UNION {{ {mark} ?contributor vdk:contributesCapitalTo ?fund }} }}"""


def add_money(rows: Rows, graph: nx.MultiDiGraph) -> None:
    """Grants and investments; of several between the same two, the edge carries the first by IRI."""
    for pair, row in _pick(_grants(rows), "funder", "target", "grant").items():
        add_edge(graph, *pair, "funds", grant=row["grant"],
                  amount=number(row.get("amount")), currency=row.get("currency"))
    for row in rows("SELECT ?thing ?funder WHERE { ?thing vdk:fundedBy ?funder }", "thing", "funder"):
        if not graph.has_edge(row["funder"], row["thing"], key="funds"):
            add_edge(graph, row["funder"], row["thing"], "funds")
    for pair, row in _pick(_investments(rows), "investor", "investee", "inv").items():
        add_edge(graph, *pair, "invests", investment=row["inv"], amount=number(row.get("amount")),
                  currency=row.get("currency"), stake=number(row.get("stake")))
    for row in rows("SELECT ?investor ?investee WHERE { ?investor vdk:investsIn ?investee }",
                    "investor", "investee"):
        if not graph.has_edge(row["investor"], row["investee"], key="invests"):
            add_edge(graph, row["investor"], row["investee"], "invests")
    # Capital put into a fund by its owners funds it; it is not a venture deal ("invests").
    contributions = rows(_contributions(False), "contributor", "fund",
                         variants={"fund": _contributions(True)})
    for row in contributions:
        if not graph.has_edge(row["contributor"], row["fund"], key="funds"):
            add_edge(graph, row["contributor"], row["fund"], "funds")
