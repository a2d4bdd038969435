"""The SPARQL the quality report is made of: what counts as an organisation, a link, a date, a kind.

Figures and checks share these fragments, so "organisations with a place" and
"organisations without a place" are always the two sides of one pattern.
"""

from __future__ import annotations

DENMARK = "https://w3id.org/vdk/id/place/denmark"

ORG = "?o a ?oc . ?oc rdfs:subClassOf* org:Organization ."
#: Every organisation (?o) linked to another one: a shared project, membership, grant, investment,
#: capital contribution or a structural relation (part of, founded by, owned by, formed from) — found
#: once as a set, joined with the organisations (a figure) or taken from them (``MINUS``, a check).
#: The pairs are made distinct before ?x is checked to be an organisation: tested per organisation
#: inside ``FILTER [NOT] EXISTS``, the same union took 2.5–7 s on the shipped data (0.02 s so), more than
#: the page's time limit on a busy machine (/data/quality answered 503 on its first request).
LINKED_ORGANISATIONS = """{ SELECT DISTINCT ?o WHERE {
  { SELECT DISTINCT ?o ?x WHERE {
    { ?o vdk:participatesIn ?p . ?x vdk:participatesIn ?p }
    UNION { ?o vdk:memberOf|^vdk:memberOf|vdk:hasMember|^vdk:hasMember ?x }
    UNION { ?o vdk:fundedBy|^vdk:fundedBy|vdk:investsIn|^vdk:investsIn ?x }
    UNION { ?o vdk:contributesCapitalTo|^vdk:contributesCapitalTo ?x }
    UNION { ?grant vdk:awardedBy ?o ; vdk:recipient|vdk:grantFor/vdk:hasParticipation/vdk:participant ?x }
    UNION { ?grant vdk:awardedBy ?x ; vdk:recipient|vdk:grantFor/vdk:hasParticipation/vdk:participant ?o }
    UNION { ?o vdk:subOrganisationOf|^vdk:subOrganisationOf|vdk:foundedBy|^vdk:foundedBy
            |vdk:ownedBy|^vdk:ownedBy|vdk:formedFrom|^vdk:formedFrom ?x } } }
  FILTER(?x != ?o) ?x a ?xc . ?xc rdfs:subClassOf* org:Organization .
} }"""
PARTICIPANTS = (
    "{ SELECT ?p (COUNT(DISTINCT ?who) AS ?n) WHERE { ?p vdk:hasParticipation/vdk:participant ?who } "
    "GROUP BY ?p }"
)
#: Any of the dates of a period.
WHEN = "schema:startDate|vdk:startYear|schema:endDate|vdk:endYear"
START = "{ ?p schema:startDate ?s } UNION { ?p vdk:startYear ?s }"
SPECIFIC_KIND = """?o a ?k . ?k rdfs:subClassOf* org:Organization
  FILTER(?k NOT IN (vdk:Organisation, org:Organization, org:FormalOrganization))"""
