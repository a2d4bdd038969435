"""Python names for the ontology's terms, and the other vocabularies we use.

``VDK`` is a closed namespace: ``VDK.Projcet`` raises at once instead of minting
a wrong IRI. ``tests/test_vocab.py`` fails when this list and
``ontology/vdk.ttl`` drift apart, so the ontology stays the single source.
"""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DCTERMS, FOAF, OWL, PROV, RDF, RDFS, SKOS, XSD, DefinedNamespace

from vdk_graph.namespaces import ONTOLOGY_IRI, PREFIXES, VDK_NS


class VDK(DefinedNamespace):
    """The vdk-graph ontology (``ontology/vdk.ttl``)."""

    _NS = Namespace(VDK_NS)
    _fail = True

    # classes and controlled values
    Active: URIRef
    AssociatedPartner: URIRef
    BoardChair: URIRef
    Broadcaster: URIRef
    BusinessSupportOrganisation: URIRef
    Budget: URIRef
    Cancelled: URIRef
    CapitalContribution: URIRef
    Certification: URIRef
    ChiefExecutive: URIRef
    City: URIRef
    ClusterMembership: URIRef
    ClusterOrganisation: URIRef
    Community: URIRef
    Company: URIRef
    Country: URIRef
    CulturalInstitution: URIRef
    DigitalVisualIndustry: URIRef
    Director: URIRef
    Event: URIRef
    Executive: URIRef
    Finished: URIRef
    Founder: URIRef
    FundingBody: URIRef
    FundingProgramme: URIRef
    GTSInstitute: URIRef
    Grant: URIRef
    Indicator: URIRef
    IndustryAssociation: URIRef
    Investment: URIRef
    Investor: URIRef
    KeyFinding: URIRef
    KnowledgeInstitution: URIRef
    LeadParticipation: URIRef
    LeadPartner: URIRef
    LeadPartnerRole: URIRef
    Municipality: URIRef
    Network: URIRef
    Organisation: URIRef
    OtherIndustry: URIRef
    Participation: URIRef
    ParticipationRole: URIRef
    Person: URIRef
    Place: URIRef
    Planned: URIRef
    Position: URIRef
    PositionRole: URIRef
    Project: URIRef
    ProjectLeader: URIRef
    ProjectManager: URIRef
    ProjectParticipant: URIRef
    ProjectPartner: URIRef
    ProjectStatus: URIRef
    PublicAuthority: URIRef
    Region: URIRef
    Scope: URIRef
    Source: URIRef
    SourceGraph: URIRef
    Target: URIRef
    Topic: URIRef
    University: URIRef
    UniversityCollege: URIRef
    UnspecifiedRole: URIRef

    # properties
    about: URIRef
    acronym: URIRef
    activeIn: URIRef
    affiliatedWith: URIRef
    amount: URIRef
    annual: URIRef
    annualAmount: URIRef
    awardedBy: URIRef
    basedIn: URIRef
    baselineValue: URIRef
    between: URIRef
    betweenness: URIRef
    budgetFor: URIRef
    certificationLevel: URIRef
    changeValue: URIRef
    closingYear: URIRef
    cluster: URIRef
    community: URIRef
    contributesCapitalTo: URIRef
    contributionTo: URIRef
    contributor: URIRef
    cooccurrences: URIRef
    currency: URIRef
    cvr: URIRef
    degree: URIRef
    endYear: URIRef
    ended: URIRef
    field: URIRef
    firstParticipationYear: URIRef
    formedFrom: URIRef
    foundedBy: URIRef
    foundingYear: URIRef
    fundedBy: URIRef
    funds: URIRef
    grantFor: URIRef
    hasCertification: URIRef
    hasIndicator: URIRef
    hasLeadPartner: URIRef
    hasMember: URIRef
    hasMembership: URIRef
    hasParticipant: URIRef
    hasParticipation: URIRef
    hasTopic: URIRef
    holder: URIRef
    holdsPosition: URIRef
    importer: URIRef
    indicatorOf: URIRef
    investee: URIRef
    investor: URIRef
    investsIn: URIRef
    iriOrder: URIRef
    isLeadParticipation: URIRef
    isLeadPartnerOf: URIRef
    jobTitle: URIRef
    keyword: URIRef
    labelOrder: URIRef
    laymansDescription: URIRef
    locatedIn: URIRef
    madeContribution: URIRef
    madeInvestment: URIRef
    measure: URIRef
    memberOf: URIRef
    moneyCurrency: URIRef
    moneyGrants: URIRef
    moneyProjects: URIRef
    moneyTopic: URIRef
    moneyTotal: URIRef
    newestRank: URIRef
    organisedBy: URIRef
    ownedBy: URIRef
    pairOf: URIRef
    participant: URIRef
    participantCount: URIRef
    participatesIn: URIRef
    participationCoefficient: URIRef
    participationIn: URIRef
    participationsPlace: URIRef
    partnerCommunities: URIRef
    partnerCount: URIRef
    partOfProgramme: URIRef
    period: URIRef
    positionIn: URIRef
    positionRole: URIRef
    projectCluster: URIRef
    projectCount: URIRef
    projectTheme: URIRef
    projectTopics: URIRef
    providedBy: URIRef
    reachFrom: URIRef
    reachProjects: URIRef
    reachRank: URIRef
    reachTo: URIRef
    pureId: URIRef
    receivedGrant: URIRef
    recipient: URIRef
    researchArea: URIRef
    retrieved: URIRef
    role: URIRef
    scope: URIRef
    score: URIRef
    sharedProjectCount: URIRef
    sharedProjects: URIRef
    shortTitle: URIRef
    sourceFile: URIRef
    sourceText: URIRef
    stakePercent: URIRef
    startYear: URIRef
    startedIn: URIRef
    status: URIRef
    subOrganisationOf: URIRef
    synthetic: URIRef
    targetValue: URIRef
    tieFrom: URIRef
    tieRank: URIRef
    tieTo: URIRef
    titleOrder: URIRef
    tripleCount: URIRef
    unit: URIRef
    website: URIRef


ORG = Namespace("http://www.w3.org/ns/org#")
SCHEMA = Namespace("https://schema.org/")
FRAPO = Namespace("http://purl.org/cerif/frapo/")
SH = Namespace("http://www.w3.org/ns/shacl#")
SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
VOID = Namespace("http://rdfs.org/ns/void#")

# PREFIXES (re-exported): the same IRIs as the namespaces above, as plain strings (vdk_graph.namespaces).
assert PREFIXES["rdfs"] == str(RDFS) and PREFIXES["schema"] == str(SCHEMA) and PREFIXES["org"] == str(ORG)

__all__ = [
    "DCTERMS", "FOAF", "FRAPO", "ONTOLOGY_IRI", "ORG", "OWL", "PREFIXES", "PROV", "RDF", "RDFS",
    "SCHEMA", "SD", "SH", "SKOS", "VDK", "VDK_NS", "VOID", "XSD", "URIRef",
]
