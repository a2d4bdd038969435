"""Existing ties between organisations: which relation ties them, seen from either side.

A suggestion must never propose what already exists, and when existing partners
are shown on request (``include existing``) each must say *which* tie it is: a
shared project, funding, an investment, cluster membership, or how one is made of
the other — founded by, owned by, part of, formed from. Each tie is stored from
both ends under a key that reads as a clause about the organisation holding it:
``ties[a][b] == {"founded"}`` means *a founded b*, and then
``ties[b][a] == {"founded_by"}``.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import networkx as nx

#: Relation of the network projection (source → target) → (key at the source, key at the target).
STRUCTURAL: dict[str, tuple[str, str]] = {
    "part": ("part_of", "has_part"),
    "founder": ("founded", "founded_by"),
    "owner": ("owns", "owned_by"),
    "formed": ("formed_from", "formed_into"),
    "member": ("member_of", "has_member"),
    "invests": ("invests_in", "invested_by"),
}
#: A shared project, and funding (directly or through a project): keys at the funder and the funded.
PARTNERS = "partners"
FUNDING: tuple[str, str] = ("funds", "funded_by")
#: Every tie key, in the order reasons name them: the closest ties first.
TIE_KEYS: tuple[str, ...] = (
    PARTNERS, "founded", "founded_by", "owns", "owned_by", "part_of", "has_part", "formed_from",
    "formed_into", "member_of", "has_member", "invests_in", "invested_by", *FUNDING,
)

Ties = dict[str, dict[str, set[str]]]


def build_ties(graph: nx.MultiDiGraph, collab: nx.Graph, funders: dict[str, set[str]]) -> Ties:
    """Every organisation's ties (see the module docstring), from the projection and the funders found.

    ``funders`` maps an organisation to who funds it or one of its projects.
    """
    orgs = set(collab.nodes)
    ties: Ties = {o: defaultdict(set) for o in orgs}
    for a, b in collab.edges():
        ties[a][b].add(PARTNERS)
        ties[b][a].add(PARTNERS)
    for source, target, data in graph.edges(data=True):
        keys = STRUCTURAL.get(data["relation"])
        if keys and source in orgs and target in orgs and source != target:
            ties[source][target].add(keys[0])
            ties[target][source].add(keys[1])
    for org, funding in funders.items():
        for funder in funding:
            if funder in orgs and funder != org and org in orgs:
                ties[funder][org].add(FUNDING[0])
                ties[org][funder].add(FUNDING[1])
    return {o: dict(t) for o, t in ties.items()}


def ordered(keys: set[str]) -> list[str]:
    """Tie keys in :data:`TIE_KEYS` order (closest first)."""
    return [k for k in TIE_KEYS if k in keys]
