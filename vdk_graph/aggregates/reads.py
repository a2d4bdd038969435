"""The SPARQL each aggregate family reads (:mod:`.inputs` runs them, :mod:`.compute` writes what they find).

Several are a named query's own subquery or expressions, word for word, so that the engine computes a
family with the very casts, years and sums the query would (tests under ``tests/aggregates/`` hold each
pair of texts together); kept apart from the reading so the texts can be compared and read on their own.
"""

from __future__ import annotations

from vdk_graph.namespaces import VDK_NS

_PREFIX = f"PREFIX vdk: <{VDK_NS}>\n"
PARTICIPATION = _PREFIX + "SELECT ?x ?project WHERE { ?x vdk:participatesIn ?project }"
TOPICS = _PREFIX + """SELECT ?project ?topic WHERE {
  ?project a vdk:Project ; vdk:keyword|vdk:researchArea|vdk:hasTopic ?topic }"""
COMMUNITIES = _PREFIX + "SELECT ?x ?community WHERE { ?x vdk:community ?community }"
#: Which participants count as knowledge institutions and which as companies (knowledge-reaches-companies).
KINDS = _PREFIX + """PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?x ?role WHERE {
  { ?kind rdfs:subClassOf* vdk:KnowledgeInstitution . ?x a ?kind . BIND("institution" AS ?role) }
  UNION
  { ?kind rdfs:subClassOf* vdk:Company . ?x a ?kind . BIND("company" AS ?role) }
}"""
#: The public money per topic and currency: public-money-by-topic.rq's inner rows, grouped as that query
#: groups them (its labels aside). The inner SELECT is that query's, word for word (a test holds them
#: together), so the engine computes each total with the query's own casts, years and sums.
PUBLIC_MONEY = _PREFIX + """PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX schema: <https://schema.org/>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
SELECT ?theme ?currency (SUM(?value) AS ?total) (COUNT(DISTINCT ?grant) AS ?grants)
       (COUNT(DISTINCT ?project) AS ?projects)
WHERE {
  {
    SELECT DISTINCT ?grant ?project ?theme ?currency ?value WHERE {
      ?grant a vdk:Grant ; vdk:currency ?currency ; vdk:awardedBy ?funder ; vdk:grantFor ?project .
      ?funder a ?funderKind FILTER(?funderKind IN (vdk:PublicAuthority, vdk:Municipality, vdk:FundingBody))
      ?project vdk:keyword ?keyword .
      ?keyword skos:broader* ?theme .
      OPTIONAL { ?grant vdk:amount ?amount }
      OPTIONAL { ?grant vdk:annualAmount ?annualAmount }
      OPTIONAL { ?grant schema:startDate ?startDate }
      OPTIONAL { ?grant vdk:startYear ?startYear }
      OPTIONAL { ?grant schema:endDate ?endDate }
      OPTIONAL { ?grant vdk:endYear ?endYear }
      BIND(COALESCE(YEAR(?startDate), xsd:integer(STR(?startYear))) AS ?from)
      BIND(COALESCE(YEAR(?endDate), xsd:integer(STR(?endYear))) AS ?to)
      # An annual amount counts once per year of its period; without a full period it cannot be totalled.
      BIND(COALESCE(?amount, IF(BOUND(?from) && BOUND(?to), ?annualAmount * (?to - ?from + 1), ?unbound))
           AS ?value)
      FILTER(BOUND(?value))
    }
  }
}
GROUP BY ?theme ?currency"""
#: Every project's cluster organisations: cluster-project-participants-in-city.rq's subquery, word for word
#: (a test holds them together): a cluster among the participants, or designated to or funded by the
#: programme of the project or of a grant for it.
CLUSTER_PROJECTS = _PREFIX + """SELECT ?project ?cluster WHERE {
  {
    SELECT DISTINCT ?project ?cluster WHERE {
      {
        ?cluster a vdk:ClusterOrganisation . ?participation vdk:participant ?cluster .
        ?project vdk:hasParticipation ?participation
      } UNION {
        # a project under a programme that a cluster organisation was designated to or funded by
        { ?project vdk:partOfProgramme ?programme }
        UNION { ?grant vdk:grantFor ?project ; vdk:partOfProgramme ?programme }
        {
          SELECT DISTINCT ?programme ?cluster WHERE {
            { ?cluster a vdk:ClusterOrganisation ; vdk:partOfProgramme ?programme }
            UNION { ?cluster a vdk:ClusterOrganisation .
                    ?programmeGrant vdk:recipient ?cluster ; vdk:partOfProgramme ?programme }
          }
        }
      }
    }
  }
}"""
#: The year each organisation first took part in a project: participations-by-year.rq's subquery, word for
#: word (a test holds them together).
FIRST_YEARS = _PREFIX + """PREFIX schema: <https://schema.org/>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
SELECT ?organisation ?firstYear WHERE {
  {
    SELECT ?organisation (MIN(?began) AS ?firstYear) WHERE {
      ?organisation vdk:participatesIn ?earlier .
      OPTIONAL { ?earlier schema:startDate ?d1 } OPTIONAL { ?earlier vdk:startYear ?y1 }
      OPTIONAL { ?earlier schema:endDate ?d2 } OPTIONAL { ?earlier vdk:endYear ?y2 }
      BIND(IF(BOUND(?d1), YEAR(?d1), ?unbound) AS ?d1Year)
      BIND(IF(BOUND(?d2), YEAR(?d2), ?unbound) AS ?d2Year)
      BIND(COALESCE(?d1Year, xsd:integer(SUBSTR(STR(?y1), 1, 4)),
                    ?d2Year, xsd:integer(SUBSTR(STR(?y2), 1, 4))) AS ?began)
      FILTER(BOUND(?began))
    } GROUP BY ?organisation
  }
}"""
#: Every participant's name, as a named query's ``SAMPLE(?name)`` over its ``rdfs:label`` takes it
#: (knowledge-reaches-companies, collaborating-pairs sort participants by name). Put in order in Python
#: (:func:`~.compute.name_key`), not by the engine: a server's ``ORDER BY`` collates names its own way,
#: and the numbers would then differ from store to store for the same data.
LABEL_ORDER = _PREFIX + """PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?participant (SAMPLE(?name) AS ?label) WHERE {
  { SELECT DISTINCT ?participant WHERE { ?participant vdk:participatesIn ?project } }
  ?participant rdfs:label ?name
}
GROUP BY ?participant"""
#: Every project's title as newest-projects' ``SAMPLE(?title)`` takes it.
TITLE_ORDER = _PREFIX + """PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT ?project (SAMPLE(?title) AS ?label) WHERE { ?project a vdk:Project ; dcterms:title ?title }
GROUP BY ?project"""
#: Every name of every participant and title of every project: the label-order family's fingerprint. Not
#: the names ``SAMPLE`` took: which of an entity's several names it takes may change with the order the
#: engine meets them (the in-memory store's changes as graphs are written), though no name changed.
NAMES = _PREFIX + """PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT ?thing ?name WHERE {
  { { SELECT DISTINCT ?thing WHERE { ?thing vdk:participatesIn ?project } } ?thing rdfs:label ?name }
  UNION { ?thing a vdk:Project ; dcterms:title ?name }
}"""
#: The year every project started, as newest-projects computes it (its own expressions, word for word: a
#: test holds them together): the earliest year of its start dates, else of its start years; none without.
STARTS = _PREFIX + """PREFIX schema: <https://schema.org/>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
SELECT ?project (MIN(?year) AS ?started) WHERE {
  ?project a vdk:Project .
  OPTIONAL { ?project schema:startDate ?date }
  OPTIONAL { ?project vdk:startYear ?startYear }
  # YEAR() only of a date that is there: Virtuoso stops the whole query at YEAR() of an unbound one.
  BIND(IF(BOUND(?date), YEAR(?date), ?unbound) AS ?dateYear)
  BIND(COALESCE(?dateYear, xsd:integer(SUBSTR(STR(?startYear), 1, 4))) AS ?year)
}
GROUP BY ?project"""
#: Every project's first and last year: participations-by-year.rq's project subquery, word for word (a test
#: holds them together).
PROJECT_YEARS = _PREFIX + """PREFIX schema: <https://schema.org/>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
SELECT ?project ?from WHERE {
  {
    SELECT ?project ?from ?to WHERE {
      ?project a vdk:Project .
      OPTIONAL { ?project schema:startDate ?startDate }
      OPTIONAL { ?project vdk:startYear ?startYear }
      OPTIONAL { ?project schema:endDate ?endDate }
      OPTIONAL { ?project vdk:endYear ?endYear }
      # YEAR() only of a date that is there: Virtuoso stops the whole query at YEAR() of an unbound one.
      BIND(IF(BOUND(?startDate), YEAR(?startDate), ?unbound) AS ?startDateYear)
      BIND(IF(BOUND(?endDate), YEAR(?endDate), ?unbound) AS ?endDateYear)
      BIND(COALESCE(?startDateYear, xsd:integer(SUBSTR(STR(?startYear), 1, 4))) AS ?start)
      BIND(COALESCE(?endDateYear, xsd:integer(SUBSTR(STR(?endYear), 1, 4))) AS ?end)
      BIND(COALESCE(?start, ?end) AS ?from)
      BIND(COALESCE(?end, ?start) AS ?to)
    }
  }
}"""
#: Every granted project's topics and each broader one: money-flows.rq's own path.
GRANT_THEMES = _PREFIX + """PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT DISTINCT ?project ?theme WHERE {
  ?grant vdk:grantFor ?project . ?project vdk:keyword|vdk:researchArea|vdk:hasTopic ?keyword .
  ?keyword skos:broader* ?theme
}"""
IMPORTERS = _PREFIX + "SELECT ?g ?importer WHERE { GRAPH ?g { ?g vdk:importer ?importer } }"
