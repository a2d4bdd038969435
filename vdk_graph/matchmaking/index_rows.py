"""What the matchmaking index knows of one organisation, read from the projection around it alone.

A full build used to go through every edge of the typed network (630k at 1M triples) twice:
once for projects, funders, own fields and investments, once for the ties. Each of those is
a fact about one organisation and the edges at its node (and at its projects' nodes), so it
is computed here per organisation (:func:`org_row`, :func:`ties_of`): a full build computes
every row, an update after a small write (:mod:`~vdk_graph.matchmaking.index_update`) only
the rows of the organisations whose node, edges, projects or inputs changed, and keeps the
others. Both go through the same functions, which is what keeps an update equal to a build.

Everything here depends on its arguments alone, never on the order the network was filled
in: lists are sorted, sets built from sorted items (a set's iteration order follows its
insertion order), so a row computed again equals the row it replaces.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from vdk_graph.kinds import ORGANISATION_KINDS, PARTICIPATION
from vdk_graph.matchmaking.ties import FUNDING, PARTNERS, STRUCTURAL, TIE_KEYS

#: Kinds that are a role an organisation can have besides being something else: a games studio
#: that invests is first a company (and "a company that invests"), not "an investor".
ROLES = {"investor": "invests"}


@dataclass(frozen=True)
class OrgRow:
    """One organisation's part of the index that its own node and edges (and its projects') decide."""

    kind: str
    kinds: frozenset[str]
    roles: frozenset[str]
    topics: frozenset[str]
    programmes: frozenset[str]
    #: Its projects, sorted (a project it takes part in twice, in two roles, twice); None: no participation.
    projects: list[str] | None
    #: Who funds it or one of its projects (None: neither funded nor taking part in a project).
    funders: set[str] | None
    own_topics: frozenset[str]
    project_topics: frozenset[str]
    #: The year a source says it stopped operating (None: open); a closed organisation is never suggested.
    closed: int | None = None


def kinds_of(classes: Iterable[str], fallback: str) -> tuple[str, frozenset[str], frozenset[str]]:
    """(kind, every kind, roles) of an organisation with these classes; see :data:`ROLES`."""
    present = set(classes)
    found = [kind for iri, kind in ORGANISATION_KINDS if iri in present]
    kinds = list(dict.fromkeys(found)) or [fallback]
    if len(kinds) > 1 and kinds[-1] == "organisation":
        kinds.pop()  # vdk:Organisation is what every organisation also is
    main = next((k for k in kinds if k not in ROLES), kinds[0])
    roles = frozenset(ROLES[k] for k in kinds if k in ROLES and k != main)
    return main, frozenset(kinds), roles


def _out(graph: Any, node: str) -> Iterable[tuple[str, str]]:
    """(target, relation) of every edge leaving ``node`` in the typed network (a MultiDiGraph)."""
    for target, keyed in graph._succ[node].items():
        for data in keyed.values():
            yield target, data["relation"]


def _in(graph: Any, node: str) -> Iterable[tuple[str, str]]:
    """(source, relation) of every edge entering ``node``."""
    for source, keyed in graph._pred[node].items():
        for data in keyed.values():
            yield source, data["relation"]


def org_row(graph: Any, org: str, classes: Iterable[str]) -> OrgRow:
    """The row of ``org`` (a node of the collaboration network) from the typed network ``graph``."""
    nodes = graph._node
    data = nodes[org]
    kind, kinds, roles = kinds_of(classes, str(data.get("kind") or "organisation"))
    projects: list[str] = []
    own: set[str] = set()
    investing = False
    for target, relation in _out(graph, org):
        if relation in PARTICIPATION:
            projects.append(target)
        elif relation == "topic":
            own.add(target)
        elif relation == "invests":
            investing = True
    if investing and kind != "investor":
        roles = roles | {"invests"}
    direct = {source for source, relation in _in(graph, org) if relation == "funds"}
    projects.sort()
    funders: set[str] | None = None
    if projects or direct:
        funders = set(direct)
        for project in projects:
            if nodes[project].get("kind") == "project":
                funders.update(source for source, relation in _in(graph, project) if relation == "funds")
        funders.discard(org)
    return OrgRow(
        kind=kind, kinds=frozenset(sorted(kinds)), roles=frozenset(sorted(roles)),
        topics=frozenset(data.get("topics") or ()), programmes=frozenset(data.get("programmes") or ()),
        projects=projects or None, funders=None if funders is None else set(sorted(funders)),
        own_topics=frozenset(sorted(own)),
        project_topics=frozenset(sorted({t for p in projects for t in nodes[p].get("topics") or ()})),
        closed=data.get("closed"),
    )


def years_of(graph: Any, projects: Iterable[str]) -> dict[str, tuple[int, int]]:
    """(first year, last year) of each dated project, in the order given."""
    years: dict[str, tuple[int, int]] = {}
    for project in projects:
        data = graph._node[project]
        if data.get("first_year"):
            years[project] = (int(data["first_year"]), int(data.get("last_year") or data["first_year"]))
    return years


def fundees_of(funders: Mapping[str, set[str] | None], orgs: Mapping[str, Any]) -> dict[str, set[str]]:
    """Who each funder that is an organisation funds, funders sorted, each set built sorted."""
    found: dict[str, list[str]] = {}
    for org, funding in funders.items():
        for funder in funding or ():
            if funder in orgs:
                found.setdefault(funder, []).append(org)
    return {funder: set(sorted(found[funder])) for funder in sorted(found)}


def ties_of(graph: Any, collab: Any, org: str, funders: Mapping[str, set[str] | None],
            fundees: Mapping[str, set[str]]) -> dict[str, set[str]]:
    """``org``'s ties (:mod:`~vdk_graph.matchmaking.ties`), from both ends of every edge at its node,
    other organisations sorted, each set of keys built in :data:`TIE_KEYS` order."""
    orgs = collab._node
    found: dict[str, set[str]] = {}

    def add(other: str, key: str) -> None:
        if other != org and other in orgs:
            found.setdefault(other, set()).add(key)

    for other in collab._adj[org]:
        add(other, PARTNERS)
    for target, relation in _out(graph, org):
        if relation in STRUCTURAL:
            add(target, STRUCTURAL[relation][0])
    for source, relation in _in(graph, org):
        if relation in STRUCTURAL:
            add(source, STRUCTURAL[relation][1])
    for funder in funders.get(org) or ():
        add(funder, FUNDING[1])
    for fundee in fundees.get(org, ()):
        add(fundee, FUNDING[0])
    return {other: {k for k in TIE_KEYS if k in found[other]} for other in sorted(found)}
