"""A project's participant, written the one way every importer writes it.

The contract other parts rely on (issue 2): an n-ary ``vdk:Participation`` with
its role, *and* the shortcuts ``vdk:participatesIn`` (agent → project) and, for
a lead, ``vdk:hasLeadPartner``. The role is part of the node's key, so two
sources that disagree on a role state two participations, each true to its
source, instead of one participation with two roles; two that agree share one.
"""

from __future__ import annotations

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS

from vdk_graph.iris import Minter
from vdk_graph.vocab import VDK

PARTNER_ROLE = {
    "lead": VDK.LeadPartner,
    "partner": VDK.ProjectPartner,
    "associated": VDK.AssociatedPartner,
    "unspecified": VDK.UnspecifiedRole,
}
PERSON_ROLE = {"leader": VDK.ProjectLeader, "participant": VDK.ProjectParticipant}
ROLE_KEYS = {
    VDK.LeadPartner: "lead",
    VDK.ProjectPartner: "partner",
    VDK.AssociatedPartner: "associated",
    VDK.UnspecifiedRole: "participant",
    VDK.ProjectLeader: "leader",
    VDK.ProjectParticipant: "member",
}
ROLE_WORDS = {
    VDK.LeadPartner: "lead partner",
    VDK.ProjectPartner: "project partner",
    VDK.AssociatedPartner: "associated partner",
    VDK.UnspecifiedRole: "role not stated",
    VDK.ProjectLeader: "project leader",
    VDK.ProjectParticipant: "project participant",
}


def add_participation(
    g: Graph, minter: Minter, project: URIRef, project_name: str, agent: URIRef, agent_name: str, role: URIRef
) -> URIRef:
    """Add ``agent``'s participation in ``project`` with ``role`` to ``g``; the participation node."""
    node = minter.relation("participation", project, agent, ROLE_KEYS[role])
    g.add((node, RDF.type, VDK.Participation))
    g.add((node, RDFS.label, Literal(f"{agent_name} in {project_name} ({ROLE_WORDS[role]})", lang="en")))
    g.add((node, VDK.participant, agent))
    g.add((node, VDK.role, role))
    g.add((project, VDK.hasParticipation, node))
    g.add((agent, VDK.participatesIn, project))
    if role == VDK.LeadPartner:
        g.add((project, VDK.hasLeadPartner, agent))
    return node
