"""The kinds of things the network shows, and the relations between them: one table, no imports of weight.

An organisation gets the first kind one of its classes falls under, most
specific first (a cluster organisation is a "cluster" before it is a
"company"). The map's colours and names of these kinds are
``vdk_graph.mapview.style``'s; the classes are the ontology's
(``tests/test_kinds.py`` holds this table to ``ontology/vdk.ttl``). Plain
strings on purpose: the command line reads the names for its choices before
it imports any graph library.
"""

from __future__ import annotations

from vdk_graph.namespaces import VDK_NS

#: Node kinds of organisations, most specific organisation class first: (class IRI, kind).
ORGANISATION_KINDS: tuple[tuple[str, str], ...] = tuple((VDK_NS + cls, kind) for cls, kind in (
    ("ClusterOrganisation", "cluster"),
    ("FundingBody", "fund"),
    ("Investor", "investor"),
    ("University", "knowledge"),
    ("UniversityCollege", "knowledge"),
    ("GTSInstitute", "knowledge"),
    ("KnowledgeInstitution", "knowledge"),
    ("Municipality", "public"),
    ("PublicAuthority", "public"),
    ("IndustryAssociation", "association"),
    ("Company", "company"),
    ("Broadcaster", "company"),
    ("CulturalInstitution", "organisation"),
    ("BusinessSupportOrganisation", "organisation"),
    ("Organisation", "organisation"),
))
#: Node kinds of everything else the network shows: class IRI → kind.
OTHER_KINDS: dict[str, str] = {
    VDK_NS + "Project": "project",
    VDK_NS + "FundingProgramme": "programme",
    VDK_NS + "Person": "person",
    VDK_NS + "Topic": "topic",
}
#: Every node kind, in legend order.
NODE_KINDS: tuple[str, ...] = (
    "company", "knowledge", "public", "fund", "investor", "cluster", "association", "organisation",
    "project", "programme", "person", "topic",
)
ORGANISATION_KIND_NAMES = frozenset(kind for _, kind in ORGANISATION_KINDS)
#: Edge relations, in legend order.
RELATIONS: tuple[str, ...] = (
    "lead", "partner", "participant", "funds", "invests", "member", "part", "founder", "owner", "formed",
    "programme", "topic", "position",
)
#: A participation's role → the relation it draws.
ROLE_RELATION: dict[str, str] = {
    VDK_NS + "LeadPartner": "lead",
    VDK_NS + "ProjectPartner": "partner",
    VDK_NS + "AssociatedPartner": "partner",
    VDK_NS + "UnspecifiedRole": "participant",
    VDK_NS + "ProjectLeader": "lead",
    VDK_NS + "ProjectParticipant": "participant",
}

__all__ = [
    "NODE_KINDS", "ORGANISATION_KINDS", "ORGANISATION_KIND_NAMES", "OTHER_KINDS", "RELATIONS",
    "ROLE_RELATION", "VDK_NS",
]
