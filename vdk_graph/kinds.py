"""The kinds of things the graph holds: one table, read by every feature, with no imports of weight.

A *kind* is what the network, the map, the entity pages, search, matchmaking,
the table importer and the synthetic generator call a group of classes: a
University and a GTS institute are both ``knowledge``. Each row says which
ontology classes fall under the kind (most specific first), how the map draws
it, and how it is named; the names are the ``rdfs:label`` of one class in
``ontology/vdk.ttl`` (``named_by``), read when first asked for, so the
ontology stays the single source of the vocabulary. Where a page needs other
words (the map's legend says "Cluster" for what the ontology calls "Cluster
organisation"), :data:`TEXTS` says so (``<kind>.short``, ``<kind>.name``);
``tests/test_kinds.py`` holds every row to the ontology.

An organisation gets the first kind one of its classes falls under, in
:data:`PRECEDENCE` (a cluster organisation is a "cluster" before it is a
"company"). Beside the node kinds stand the page kinds of the entity pages
with their IRI path segments (:data:`THINGS`), and the words a spreadsheet may
use for each organisation class (:data:`SPREADSHEET_WORDS`).

Plain strings on purpose: the command line reads the kind names for its
choices before it imports any graph library; the labels load the ontology
(rdflib) only when first asked for.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from vdk_graph.namespaces import PREFIXES, VDK_NS
from vdk_graph.texts import Texts, lang_of


@dataclass(frozen=True)
class Kind:
    """One kind of node: its classes and how the map draws it (its words are in :data:`TEXTS`)."""

    key: str
    #: The class whose ontology label names the kind.
    named_by: str
    #: Every class that falls under the kind, most specific first (local names in the vdk namespace).
    classes: tuple[str, ...]
    colour: str
    shape: str


#: Every node kind, in legend order.
KINDS: tuple[Kind, ...] = (
    Kind("company", "Company", ("Company", "Broadcaster"), "#1f77b4", "dot"),
    Kind("knowledge", "KnowledgeInstitution",
         ("University", "UniversityCollege", "GTSInstitute", "KnowledgeInstitution"), "#2ca02c", "diamond"),
    Kind("public", "PublicAuthority", ("Municipality", "PublicAuthority"), "#8c564b", "triangleDown"),
    Kind("fund", "FundingBody", ("FundingBody",), "#d4a017", "star"),
    Kind("investor", "Investor", ("Investor",), "#ff7f0e", "triangle"),
    Kind("cluster", "ClusterOrganisation", ("ClusterOrganisation",), "#d62728", "hexagon"),
    Kind("association", "IndustryAssociation", ("IndustryAssociation",), "#9467bd", "triangleDown"),
    Kind("organisation", "Organisation",
         ("CulturalInstitution", "BusinessSupportOrganisation", "Organisation"), "#7f7f7f", "dot"),
    Kind("project", "Project", ("Project",), "#17becf", "square"),
    Kind("programme", "FundingProgramme", ("FundingProgramme",), "#bcbd22", "hexagon"),
    Kind("person", "Person", ("Person",), "#e377c2", "dot"),
    Kind("topic", "Topic", ("Topic",), "#aec7e8", "dot"),
)
#: The kinds' words beside the ontology's labels: ``<kind>.plural`` ("12 companies"), ``<kind>.article``
#: (the indefinite article a sentence puts before the name), and where a page needs other words than the
#: ontology's label, ``<kind>.name`` (matchmaking's tags and sentences) and ``<kind>.short`` (the map's
#: legend, where "Cluster" is enough).
TEXTS = Texts((
    ("company.plural", "companies", "virksomheder"),
    ("knowledge.plural", "knowledge institutions", "videninstitutioner"),
    ("public.plural", "public bodies", "offentlige myndigheder"),
    ("public.name", "Public body", "Offentlig myndighed"),
    ("fund.plural", "funds", "fonde"),
    ("fund.name", "Fund", "Fond"),
    ("fund.short", "Fund", "Fond"),
    ("investor.plural", "investors", "investorer"),
    ("investor.article", "an", "en"),
    ("cluster.plural", "clusters", "klynger"),
    ("cluster.short", "Cluster", "Klynge"),
    ("association.plural", "associations", "foreninger"),
    ("association.article", "an", "en"),
    ("association.short", "Association", "Forening"),
    ("organisation.plural", "other organisations", "andre organisationer"),
    ("organisation.article", "an", "en"),
    ("organisation.short", "Other organisation", "Anden organisation"),
    ("project.plural", "projects", "projekter"),
    ("project.article", "a", "et"),
    ("programme.plural", "programmes", "programmer"),
    ("programme.article", "a", "et"),
    ("programme.short", "Programme", "Program"),
    ("person.plural", "people", "personer"),
    ("topic.plural", "topics", "emner"),
    ("topic.article", "a", "et"),
    ("article", "a", "en"),
))
KIND: dict[str, Kind] = {k.key: k for k in KINDS}
#: Every node kind, in legend order.
NODE_KINDS: tuple[str, ...] = tuple(k.key for k in KINDS)
#: The kinds of organisations, most specific first: an organisation is of the first one it falls under.
PRECEDENCE: tuple[str, ...] = (
    "cluster", "fund", "investor", "knowledge", "public", "association", "company", "organisation",
)
#: Node kinds of organisations, most specific organisation class first: (class IRI, kind).
ORGANISATION_KINDS: tuple[tuple[str, str], ...] = tuple(
    (VDK_NS + cls, kind) for kind in PRECEDENCE for cls in KIND[kind].classes
)
#: Node kinds of everything else the network shows: class IRI → kind.
OTHER_KINDS: dict[str, str] = {
    VDK_NS + cls: k.key for k in KINDS if k.key not in PRECEDENCE for cls in k.classes
}
ORGANISATION_KIND_NAMES = frozenset(PRECEDENCE)
#: The organisation kinds in legend order (the forms' checkboxes).
ORGANISATION_KINDS_IN_ORDER: tuple[str, ...] = tuple(k for k in NODE_KINDS if k in ORGANISATION_KIND_NAMES)


def node_kind(types: set[str] | frozenset[str]) -> str | None:
    """The kind of a node with these classes (full IRIs): the map's colour, the network's node kind."""
    for iri, kind in ORGANISATION_KINDS:
        if iri in types:
            return kind
    return next((kind for iri, kind in OTHER_KINDS.items() if iri in types), None)


# --------------------------------------------------------------------------- names


@cache
def _ontology_label(cls: str, lang: str) -> str:
    # Imported here: the ontology is parsed with rdflib, which the command line's start must not load.
    from vdk_graph.ontology import term_labels

    label = term_labels(lang).get(VDK_NS + cls)
    if label is None:
        raise LookupError(f"the ontology has no {lang} rdfs:label for vdk:{cls}; add one to ontology/vdk.ttl")
    return label


def _key(kind: str) -> str:
    return kind if kind in KIND else "organisation"


def ontology_label(kind: str, lang: str) -> str:
    """The ontology's label of the class that names the kind ("Knowledge institution")."""
    return _ontology_label(KIND[_key(kind)].named_by, lang_of(lang))


def kind_name(kind: str, lang: str) -> str:
    """What a sentence or a tag calls the kind ("Public body", "Cluster organisation")."""
    return TEXTS.get(f"{_key(kind)}.name", lang) or ontology_label(kind, lang)


def kind_label(kind: str, lang: str, plural: bool = False) -> str:
    """The map legend's word for the kind ("Cluster"), or how many of them are called ("clusters")."""
    if plural:
        return TEXTS(f"{_key(kind)}.plural", lang)
    return TEXTS.get(f"{_key(kind)}.short", lang) or ontology_label(kind, lang)


def kind_phrase(kind: str, lang: str) -> str:
    """The kind with its indefinite article, as a sentence needs it ("a knowledge institution")."""
    article = TEXTS.get(f"{_key(kind)}.article", lang) or TEXTS("article", lang)
    return f"{article} {kind_name(kind, lang).lower()}"


# --------------------------------------------------------------------------- relations


#: Edge relations, in legend order.
RELATIONS: tuple[str, ...] = (
    "lead", "partner", "participant", "funds", "invests", "member", "part", "founder", "owner", "formed",
    "programme", "topic", "position",
)
#: What the legends and the entity pages call each relation (``relation.<relation>``).
RELATION_TEXTS = Texts((
    ("lead", "leads", "leder"),
    ("partner", "partner in", "partner i"),
    ("participant", "takes part in", "deltager i"),
    ("funds", "funds", "finansierer"),
    ("invests", "invests in", "investerer i"),
    ("member", "member of", "medlem af"),
    ("part", "part of", "del af"),
    ("founder", "founded", "stiftede"),
    ("owner", "owns", "ejer"),
    ("formed", "formed from", "dannet af"),
    ("programme", "under programme", "under program"),
    ("topic", "on topic", "om emne"),
    ("position", "works at", "arbejder hos"),
))


def relation_label(relation: str, lang: str) -> str:
    """The legend's words for a relation ("partner in"); an unknown relation is shown as it is."""
    return RELATION_TEXTS.get(relation, lang, relation) or relation


#: A participation's role → the relation it draws.
ROLE_RELATION: dict[str, str] = {
    VDK_NS + "LeadPartner": "lead",
    VDK_NS + "ProjectPartner": "partner",
    VDK_NS + "AssociatedPartner": "partner",
    VDK_NS + "UnspecifiedRole": "participant",
    VDK_NS + "ProjectLeader": "lead",
    VDK_NS + "ProjectParticipant": "participant",
}
#: The relations through which organisations (and people) take part in projects: those the roles draw.
PARTICIPATION: frozenset[str] = frozenset(ROLE_RELATION.values())


# --------------------------------------------------------------------------- pages and IRIs


#: Kinds of entity pages with their class and the IRI path segment minted for them
#: (``{base}{segment}/{slug}``), tried in order: an entity is of the first kind one of its classes
#: falls under. A row without a page kind only mints IRIs; one without a segment only names pages.
THINGS: tuple[tuple[str | None, str, str | None], ...] = tuple(
    (page, PREFIXES[cls.split(":")[0]] + cls.split(":")[1] if ":" in cls else VDK_NS + cls, segment)
    for page, cls, segment in (
        ("organisation", "Organisation", "organisation"), ("person", "Person", "person"),
        ("project", "Project", "project"), ("programme", "FundingProgramme", "programme"),
        ("grant", "Grant", "grant"), ("investment", "Investment", "investment"),
        ("budget", "Budget", "budget"),
        ("participation", "Participation", "participation"), ("position", "Position", "position"),
        ("membership", "ClusterMembership", "membership"), ("indicator", "Indicator", "indicator"),
        ("certification", "Certification", "certification"), ("topic", "Topic", "topic"),
        ("place", "Place", "place"), ("source_graph", "SourceGraph", "graph"), ("source", "Source", "source"),
        ("event", "Event", "event"), ("network", "Network", "network"), ("topic", "skos:Concept", None),
        (None, "CapitalContribution", "contribution"),
    )
)
#: Kinds of entity pages and their classes, in the order they are tried.
PAGE_KINDS: tuple[tuple[str, str], ...] = tuple((page, cls) for page, cls, _ in THINGS if page)
#: Path segments under the base IRI, one per kind of thing. The web app serves each at /id/<segment>/<slug>.
IRI_SEGMENTS: tuple[str, ...] = tuple(segment for _, _, segment in THINGS if segment)


# --------------------------------------------------------------------------- spreadsheet words


#: The word a spreadsheet's ``kind`` column uses for each organisation class, and the other spellings it
#: accepts (case-blind, '-', '_' and spaces alike), in the order the import's messages list them.
SPREADSHEET_WORDS: tuple[tuple[str, str, str], ...] = (
    ("company", "Company", "virksomhed|firma|studio|studie"),
    ("knowledge-institution", "KnowledgeInstitution", "videninstitution|uddannelsesinstitution|school|skole"),
    ("university", "University", "universitet"),
    ("university-college", "UniversityCollege", "professionshøjskole|professionshoejskole"),
    ("gts-institute", "GTSInstitute", "gts|gts-institut|rto"),
    ("public-authority", "PublicAuthority",
     "myndighed|offentlig myndighed|ministry|ministerium|styrelse|agency"),
    ("municipality", "Municipality", "kommune"),
    ("cluster-organisation", "ClusterOrganisation", "cluster|klynge|klyngeorganisation|cluster organization"),
    ("industry-association", "IndustryAssociation",
     "brancheforening|association|forening|erhvervsorganisation"),
    ("broadcaster", "Broadcaster",
     "tv-station|tv station|tv-kanal|public broadcaster|public service broadcaster|streaming service|"
     "streamingtjeneste|radio"),
    ("business-support", "BusinessSupportOrganisation",
     "business support|incubator|inkubator|science park|forskerpark|business hub|erhvervshus|"
     "investment promotion|investeringsfremme"),
    ("cultural-institution", "CulturalInstitution",
     "kulturinstitution|museum|theatre|theater|teater|opera|festival|cinema|biograf|film workshop|"
     "filmværksted"),
    ("fund", "FundingBody", "funding body|funding-body|fond|bevillingsgiver|filmfond|foundation"),
    ("investor", "Investor", "investor|investeringsselskab"),
    ("organisation", "Organisation", "organization|organisation|other|andet"),
)

__all__ = [
    "IRI_SEGMENTS", "KIND", "KINDS", "NODE_KINDS", "ORGANISATION_KINDS", "ORGANISATION_KINDS_IN_ORDER",
    "ORGANISATION_KIND_NAMES", "OTHER_KINDS", "PAGE_KINDS", "PARTICIPATION", "PRECEDENCE", "RELATIONS",
    "RELATION_TEXTS", "ROLE_RELATION", "SPREADSHEET_WORDS", "TEXTS", "THINGS", "VDK_NS", "Kind", "kind_label",
    "kind_name", "kind_phrase", "node_kind", "ontology_label", "relation_label",
]
