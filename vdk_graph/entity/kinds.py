"""Which groups each kind of entity shows, in which order.

An organisation page leads with its projects and partners, a project page with
its participants and funding, a topic page with its projects and the
organisations working on it, a source-graph page with what it holds. Relation
nodes (grants, investments, participations …) show their own properties.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from vdk_graph.entity import tables
from vdk_graph.entity.groups import Builder, superclasses
from vdk_graph.entity.model import Group
from vdk_graph.entity.tables import P
from vdk_graph.kinds import PAGE_KINDS
from vdk_graph.vocab import DCTERMS, PROV, RDFS, SKOS, VDK

#: Kinds of pages, tried in order; an entity is of the first kind one of its classes falls under.
KIND_CLASSES: tuple[tuple[str, str], ...] = PAGE_KINDS
T = {name: str(getattr(VDK, name)) for name in (
    "basedIn", "activeIn", "locatedIn", "website", "cvr", "pureId", "foundingYear", "closingYear",
    "subOrganisationOf", "formedFrom", "foundedBy", "ownedBy", "fundedBy", "funds", "organisedBy",
    "laymansDescription", "keyword", "researchArea", "hasTopic", "field", "synthetic", "importer",
    "retrieved", "about", "Organisation", "Project", "Grant", "Topic",
)}
DESCRIPTION, COMMENT, DEFINITION = str(DCTERMS.description), str(RDFS.comment), str(SKOS.definition)
TOPIC_PROPERTIES = (T["field"], T["hasTopic"], T["keyword"], T["researchArea"])
MONEY_COLUMNS = ["project", "programme", "amount", "period"]
INVESTMENT_COLUMNS = ["amount", "date", "stake"]


def kind_of(types: set[str]) -> str:
    for kind, cls in KIND_CLASSES:
        if any(cls in superclasses(t) or cls == t for t in types):
            return kind
    return "thing"


def _with_regions(b: Builder, group: Group | None) -> Group | None:
    """Places are shown with the region they lie in ("Viborg, Region Midtjylland")."""
    for row in group.rows if group else []:
        prop = row.cells["property"][0].value
        if prop in (T["basedIn"], T["activeIn"]):
            for place in [v.value for v in row.cells["value"]]:
                for region in b.facts.iris(place, T["locatedIn"]):
                    if all(v.value != region for v in row.cells["value"]):
                        row.cells["value"].append(b.ref(region, [b.quad(place, T["locatedIn"], region)]))
    return group


def organisation(b: Builder, store: Any) -> list[Group | None]:
    e, f = b.iri, b.facts
    about = (T["basedIn"], T["activeIn"], T["website"], T["cvr"], T["pureId"], T["foundingYear"],
             T["closingYear"], T["subOrganisationOf"], T["formedFrom"], T["foundedBy"], T["ownedBy"],
             T["fundedBy"],
             P["partOfProgramme"], DESCRIPTION, COMMENT)
    received = [(g, b.quad(g, P["recipient"], e)) for g in f.subjects(P["recipient"], e)]
    received += [(g, b.quad(e, P["receivedGrant"], g)) for g in f.iris(e, P["receivedGrant"])]
    given = [(g, b.quad(g, P["awardedBy"], e)) for g in f.subjects(P["awardedBy"], e)
             if str(VDK.Grant) in f.types(g)]
    made = [(i, b.quad(i, P["investor"], e)) for i in f.subjects(P["investor"], e)]
    made += [(i, b.quad(e, P["madeInvestment"], i)) for i in f.iris(e, P["madeInvestment"])]
    got = [(i, b.quad(i, P["investee"], e)) for i in f.subjects(P["investee"], e)]
    return [
        b.names(),
        _with_regions(b, b.properties("about", e, about)),
        tables.agent_projects(b),
        tables.partners(b, store),
        tables.grants(b, "grants_received", received, ["grant", "funder", *MONEY_COLUMNS]),
        tables.grants(b, "grants_given", given, ["grant", "recipient", *MONEY_COLUMNS]),
        tables.shortcut_rows(b, "funds", "funded", [(x, b.quad(x, T["fundedBy"], e))
                                                     for x in f.subjects(T["fundedBy"], e)]
                             + [(x, b.quad(e, T["funds"], x)) for x in f.iris(e, T["funds"])]),
        tables.budgets(b, [(x, b.quad(x, P["providedBy"], e)) for x in f.subjects(P["providedBy"], e)]),
        tables.investments(b, "investments_made", made, ["investment", "investee", *INVESTMENT_COLUMNS]),
        tables.shortcut_rows(b, "invests_in", "investee", [(x, b.quad(e, P["investsIn"], x))
                                                            for x in f.iris(e, P["investsIn"])]),
        tables.investments(b, "investments_received", got, ["investment", "investor", *INVESTMENT_COLUMNS]),
        tables.shortcut_rows(b, "investors", "investor", [(x, b.quad(x, P["investsIn"], e))
                                                          for x in f.subjects(P["investsIn"], e)]),
        tables.memberships(b),
        tables.members(b),
        tables.positions(b, of_person=False),
        b.tags("topics", e, TOPIC_PROPERTIES),
        tables.certifications(b),
        tables.indicators(b),
        tables.typed_refs(b, "sub_organisations", [T["subOrganisationOf"]], None, ["organisation"]),
        tables.typed_refs(b, "organised", [T["organisedBy"]], None, ["event"]),
    ]


def project(b: Builder, store: Any) -> list[Group | None]:
    e, f = b.iri, b.facts
    about = (P["status"], P["partOfProgramme"], T["fundedBy"], T["website"], T["pureId"])
    funding = [(g, b.quad(g, P["grantFor"], e)) for g in f.subjects(P["grantFor"], e)]
    return [
        b.names(),
        b.properties("about", e, about, period=True),
        b.properties("description", e, (T["laymansDescription"], DESCRIPTION)),
        tables.project_participants(b),
        tables.grants(b, "funding", funding, ["grant", "funder", "recipient", "programme", "amount",
                                              "period"]),
        tables.budgets(b, [(x, b.quad(x, P["budgetFor"], e)) for x in f.subjects(P["budgetFor"], e)]),
        b.tags("keywords", e, [T["keyword"]]),
        b.tags("research_areas", e, [T["researchArea"]]),
        b.tags("topics", e, [T["hasTopic"]]),
        tables.indicators(b),
    ]


def programme(b: Builder, store: Any) -> list[Group | None]:
    e, f = b.iri, b.facts
    grants = [(g, b.quad(g, P["partOfProgramme"], e)) for g in f.subjects(P["partOfProgramme"], e)
              if T["Grant"] in f.types(g)]
    return [
        b.names(),
        b.properties("about", e, (T["fundedBy"], T["organisedBy"], T["website"], DESCRIPTION), period=True),
        tables.typed_refs(b, "projects", [P["partOfProgramme"], T["fundedBy"]], T["Project"],
                          ["project", "period", "status"]),
        tables.grants(b, "grants", grants, ["grant", "funder", "recipient", "project", "amount", "period"]),
        tables.budgets(b, [(x, b.quad(x, P["budgetFor"], e)) for x in f.subjects(P["budgetFor"], e)]),
        b.tags("topics", e, TOPIC_PROPERTIES),
    ]


def person(b: Builder, store: Any) -> list[Group | None]:
    return [
        b.names(),
        b.properties("about", b.iri, (T["basedIn"], T["website"], DESCRIPTION)),
        tables.positions(b, of_person=True),
        tables.agent_projects(b),
        b.tags("topics", b.iri, TOPIC_PROPERTIES),
    ]


def topic(b: Builder, store: Any) -> list[Group | None]:
    via_projects = f"""SELECT ?org (COUNT(DISTINCT ?p) AS ?n) WHERE {{
        ?p <{T['keyword']}>|<{T['researchArea']}>|<{T['hasTopic']}> {b.node} . ?org <{P['participatesIn']}> ?p
        }} GROUP BY ?org ORDER BY DESC(?n) ?org"""
    return [
        b.names(),
        b.properties("about", b.iri, (DEFINITION, str(SKOS.broader), str(SKOS.narrower), DESCRIPTION)),
        tables.typed_refs(b, "projects", TOPIC_PROPERTIES, T["Project"], ["project", "period", "status"]),
        tables.typed_refs(b, "organisations", TOPIC_PROPERTIES, T["Organisation"], ["organisation"]),
        tables.counted(b, store, "organisations_via_projects", via_projects, ["organisation", "projects"],
                       note="via_projects"),
    ]


def place(b: Builder, store: Any) -> list[Group | None]:
    within = f"""SELECT ?org (SAMPLE(?where) AS ?place) WHERE {{
        ?org <{T['basedIn']}> ?where . ?where <{T['locatedIn']}>+ {b.node} }} GROUP BY ?org ORDER BY ?org"""
    return [
        b.names(),
        b.properties("about", b.iri, (T["locatedIn"], DESCRIPTION)),
        tables.typed_refs(b, "based_here", [T["basedIn"]], None, ["organisation"]),
        tables.typed_refs(b, "active_here", [T["activeIn"]], None, ["organisation"]),
        tables.typed_refs(b, "places_within", [T["locatedIn"]], None, ["place"]),
        tables.counted(b, store, "based_within", within, ["organisation", "place"], note="based_within"),
    ]


def source_graph(b: Builder, store: Any) -> list[Group | None]:
    e = b.iri
    contents = f"""SELECT ?class (COUNT(DISTINCT ?s) AS ?n) WHERE {{ GRAPH {b.node} {{ ?s a ?class }} }}
        GROUP BY ?class ORDER BY DESC(?n) ?class"""
    about = (str(PROV.wasDerivedFrom), str(PROV.generatedAtTime), T["importer"], str(DCTERMS.creator),
             T["synthetic"])
    return [
        b.names(),
        b.properties("about", e, about),
        tables.counted(b, store, "contents", contents, ["class", "count"], note="contents"),
    ]


def source(b: Builder, store: Any) -> list[Group | None]:
    about = (T["retrieved"], str(DCTERMS.identifier), T["about"], T["synthetic"])
    return [
        b.names(),
        b.properties("about", b.iri, about),
        tables.typed_refs(b, "source_graphs", [str(PROV.wasDerivedFrom)], None, ["graph"]),
    ]


def _relation(about: tuple[str, ...], inverse: tuple[str, ...] = (), money: bool = False,
              period: bool = True) -> Callable[[Builder, Any], list[Group | None]]:
    """Pages of relation nodes (grant, investment, participation …): their own properties first."""
    def groups(b: Builder, store: Any) -> list[Group | None]:
        shown = b.properties("about", b.iri, about, period=period, money=money)
        rows = shown.rows if shown else []
        for prop in inverse:
            refs = b.refs_in(prop, b.iri)
            if refs:
                rows.append(b.row(prop, refs, inverse=True))
        return [b.names(), Group("about", ["property", "value"], rows, style="properties") if rows else None]
    return groups


KIND_GROUPS: dict[str, Callable[[Builder, Any], list[Group | None]]] = {
    "organisation": organisation, "project": project, "programme": programme, "person": person,
    "topic": topic, "place": place, "source_graph": source_graph, "source": source,
    "grant": _relation((P["awardedBy"], P["recipient"], P["grantFor"], P["partOfProgramme"], P["sourceText"]),
                       (P["receivedGrant"],), money=True),
    "investment": _relation((P["investor"], P["investee"], P["stakePercent"], str(DCTERMS.date),
                             P["sourceText"]), (P["madeInvestment"],), money=True, period=False),
    "budget": _relation((P["providedBy"], P["budgetFor"], P["sourceText"]), money=True),
    "participation": _relation((P["participant"], P["role"], P["participationIn"]), (P["hasParticipation"],)),
    "position": _relation((P["holder"], P["positionIn"], P["positionRole"], P["jobTitle"]),
                          (P["holdsPosition"],)),
    "membership": _relation((P["cluster"],), (P["hasMembership"],)),
    "indicator": _relation((P["measure"], P["baselineValue"], P["targetValue"], P["changeValue"], P["unit"],
                            P["period"], P["sourceText"], P["indicatorOf"]), (P["hasIndicator"],),
                           period=False),
    "certification": _relation((P["certificationLevel"], P["score"], str(VDK.awardedBy), str(DCTERMS.date)),
                               (P["hasCertification"],), period=False),
    "event": _relation((T["organisedBy"], T["basedIn"], T["website"], str(DCTERMS.date), T["hasTopic"],
                        DESCRIPTION)),
    "network": _relation((T["organisedBy"], T["basedIn"], T["website"], T["hasTopic"], DESCRIPTION)),
    "thing": _relation((), period=False),
}
__all__ = ["KIND_CLASSES", "KIND_GROUPS", "kind_of"]
