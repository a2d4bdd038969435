""""Show SPARQL": the query behind a map view, for an analyst to run, change and download.

The map is a projection of the RDF (:mod:`vdk_graph.network`); this writes the
same projection as one SPARQL SELECT over the union default graph: every link
(``?source ?relation ?target``, relation named as on the map) between nodes of
the chosen kinds, kept when one end passes the view's filters, within the
focus's hops. It is self-contained (its own PREFIX lines), so it runs at
``/sparql``, in the workbench, in Fuseki or in YASGUI. The map then draws the
best connected nodes of what it returns; the comment at the top says so.
"""

from __future__ import annotations

from vdk_graph.mapview.query import MapQuery
from vdk_graph.namespaces import PREFIXES as NAMESPACES
from vdk_graph.network import ORGANISATION_KINDS, OTHER_KINDS

#: The query's own PREFIX lines (it must run anywhere), IRIs from :data:`vdk_graph.namespaces.PREFIXES`.
PREFIXES = "".join(f"PREFIX {p}: <{NAMESPACES[p]}>\n" for p in ("vdk", "rdfs", "schema", "xsd"))

#: Organisation (or person) → the projects it takes part in, or itself.
TO_PROJECTS = "(vdk:participatesIn|^vdk:hasLeadPartner|^vdk:participant/^vdk:hasParticipation)?"
TOPIC = "(vdk:keyword|vdk:researchArea|vdk:hasTopic|vdk:field)"
_ONE_WAY = (
    "vdk:participatesIn", "vdk:hasLeadPartner", "vdk:hasParticipation/vdk:participant",
    "^vdk:awardedBy/vdk:grantFor", "^vdk:awardedBy/vdk:recipient", "vdk:fundedBy", "vdk:investsIn",
    "^vdk:investor/vdk:investee", "vdk:memberOf", "vdk:hasMembership/vdk:cluster", "^vdk:hasMember",
    "vdk:subOrganisationOf", "^vdk:foundedBy", "^vdk:ownedBy", "vdk:formedFrom", "vdk:partOfProgramme",
    TOPIC, "vdk:affiliatedWith", "vdk:holdsPosition/vdk:positionIn",
)
#: One link of the network, either way.
LINK = "(" + "|".join([*_ONE_WAY, *(f"^({p})" for p in _ONE_WAY)]) + ")"

LINKS = """  {
    ?target vdk:hasParticipation ?participation . ?participation vdk:participant ?source ; vdk:role ?role .
    BIND(IF(?role IN (vdk:LeadPartner, vdk:ProjectLeader), "lead",
            IF(?role = vdk:ProjectPartner, "partner", "participant")) AS ?relation)
  }
  UNION { ?target vdk:hasLeadPartner ?source . BIND("lead" AS ?relation) }
  UNION { ?source vdk:participatesIn ?target . BIND("participant" AS ?relation) }
  UNION { ?grant vdk:awardedBy ?source ; vdk:grantFor|vdk:recipient ?target . BIND("funds" AS ?relation) }
  UNION { ?target vdk:fundedBy ?source . BIND("funds" AS ?relation) }
  UNION { ?investment vdk:investor ?source ; vdk:investee ?target . BIND("invests" AS ?relation) }
  UNION { ?source vdk:investsIn ?target . BIND("invests" AS ?relation) }
  UNION { ?source vdk:memberOf|vdk:hasMembership/vdk:cluster|^vdk:hasMember ?target .
          BIND("member" AS ?relation) }
  UNION { ?source vdk:subOrganisationOf ?target . BIND("part" AS ?relation) }
  UNION { ?target vdk:foundedBy ?source . BIND("founder" AS ?relation) }
  UNION { ?target vdk:ownedBy ?source . BIND("owner" AS ?relation) }
  UNION { ?source vdk:formedFrom ?target . BIND("formed" AS ?relation) }
  UNION { ?source vdk:partOfProgramme ?target . BIND("programme" AS ?relation) }
  UNION { ?source vdk:keyword|vdk:researchArea|vdk:hasTopic|vdk:field ?target . BIND("topic" AS ?relation) }
  UNION { ?source vdk:affiliatedWith|vdk:holdsPosition/vdk:positionIn ?target .
          BIND("position" AS ?relation) }"""


def _iri(value: str) -> str:
    """An IRI written safely into the query (characters SPARQL forbids in IRIs are percent-encoded)."""
    bad = '<>"{}|^`\\ \n\r\t'
    return "<" + "".join(f"%{ord(c):02X}" if c in bad else c for c in value) + ">"


def _string(value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    return f'"{escaped}"'


def _kind_classes(kinds: tuple[str, ...]) -> list[str]:
    classes = [iri for iri, kind in ORGANISATION_KINDS if kind in kinds]
    classes += [iri for iri, kind in OTHER_KINDS.items() if kind in kinds]
    return sorted(set(classes))


def _passes(var: str, query: MapQuery) -> list[str]:
    """The conditions under which node ``?var`` passes every filter of the view."""
    tests = []
    if query.topics:
        values = ", ".join(_iri(t) for t in query.topics)
        tests.append(f"(?{var} IN ({values}) || EXISTS {{ ?{var} {TO_PROJECTS}/{TOPIC} ?t "
                     f"FILTER(?t IN ({values})) }})")
    if query.programmes:
        values = ", ".join(_iri(p) for p in query.programmes)
        tests.append(f"(?{var} IN ({values}) || EXISTS {{ ?{var} {TO_PROJECTS}/vdk:partOfProgramme ?pr "
                     f"FILTER(?pr IN ({values})) }})")
    if query.regions:
        values = ", ".join(_string(r.lower()) for r in query.regions)
        tests.append(f"EXISTS {{ ?{var} vdk:basedIn ?city . {{ ?city rdfs:label ?place }} UNION "
                     f"{{ ?city vdk:locatedIn/rdfs:label ?place }} "
                     f"FILTER(LCASE(STR(?place)) IN ({values})) }}")
    if query.year_from is not None or query.year_to is not None:
        first = "xsd:integer(SUBSTR(STR(?start), 1, 4))"
        last = "xsd:integer(SUBSTR(STR(COALESCE(?end, ?start)), 1, 4))"
        bounds = []
        if query.year_to is not None:
            bounds.append(f"{first} <= {query.year_to}")
        if query.year_from is not None:
            bounds.append(f"{last} >= {query.year_from}")
        tests.append(f"EXISTS {{ ?{var} {TO_PROJECTS} ?project . "
                     "?project schema:startDate|vdk:startYear ?start . "
                     "OPTIONAL { ?project schema:endDate|vdk:endYear ?end } "
                     f"FILTER({' && '.join(bounds)}) }}")
    return tests


def describe(query: MapQuery) -> str:
    """The view in words for the query's comment line (escaped: nothing in it can end the comment)."""
    parts = [f"kinds: {', '.join(query.kinds) or 'none'}"]
    if query.topics:
        parts.append(f"topics: {', '.join(_iri(t) for t in query.topics)}")
    if query.programmes:
        parts.append(f"programmes: {', '.join(_iri(p) for p in query.programmes)}")
    if query.regions:
        parts.append(f"regions: {', '.join(_string(r) for r in query.regions)}")
    if query.year_from is not None or query.year_to is not None:
        parts.append(f"years: {query.year_from or '…'}–{query.year_to or '…'}")
    if query.focus:
        parts.append(f"within {query.hops} link{'s' if query.hops > 1 else ''} of {_iri(query.focus)}")
    return "; ".join(parts)


def view_sparql(query: MapQuery) -> str:
    """A SELECT of the links behind ``query``'s view (see the module docstring)."""
    lang = query.lang
    lines = [
        "# The links behind this map view: " + describe(query),
        f"# The map draws at most {query.max_nodes} of their nodes; labels in {lang} when there are.",
        PREFIXES.rstrip(),
        "SELECT ?source (SAMPLE(COALESCE(?sourceLabel1, ?sourceLabel2)) AS ?sourceLabel) ?relation",
        "       ?target (SAMPLE(COALESCE(?targetLabel1, ?targetLabel2)) AS ?targetLabel)",
        "WHERE {",
        LINKS,
    ]
    classes = [_iri(c) for c in _kind_classes(query.kinds)] or ["vdk:None"]
    for end in ("source", "target"):
        lines.append(f"  ?{end} a ?{end}Class .")
        if query.focus:  # the focus is shown whatever its kind
            lines.append(f"  FILTER(?{end}Class IN ({', '.join(classes)}) || ?{end} = {_iri(query.focus)})")
        else:
            lines.append(f"  VALUES ?{end}Class {{ {' '.join(classes)} }}")
    source_tests, target_tests = _passes("source", query), _passes("target", query)
    if source_tests:
        lines.append(f"  FILTER(({' && '.join(source_tests)})\n      || ({' && '.join(target_tests)}))")
    if query.focus:
        reach = "/".join([f"{LINK}?"] * query.hops)
        lines.append(f"  {_iri(query.focus)} {reach} ?source .")
        lines.append(f"  {_iri(query.focus)} {reach} ?target .")
    for end in ("source", "target"):
        for n, test in ((1, "="), (2, "!=")):
            label = f"?{end}Label{n}"
            wanted = f"LANG({label}) {test} {_string(lang)}"
            lines.append(f"  OPTIONAL {{ ?{end} rdfs:label {label} FILTER({wanted}) }}")
    lines += ["}", "GROUP BY ?source ?relation ?target", "ORDER BY ?source ?relation ?target"]
    return "\n".join(lines) + "\n"


__all__ = ["LINK", "view_sparql"]
