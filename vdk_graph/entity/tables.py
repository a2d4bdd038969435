"""Tables of relations on entity pages: projects with roles, partners, grants, investments, people …

Each function reads the gathered facts through a :class:`~vdk_graph.entity.groups.Builder`
and returns one :class:`~vdk_graph.entity.model.Group` (or None when there is
nothing to show). A relation may be stated as an n-ary node (a vdk:Participation
with its role) or as a shortcut (vdk:participatesIn); both are read and merged,
so a source that writes only one of them still shows.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

import pyoxigraph as ox

from vdk_graph.entity.facts import read_labels, select
from vdk_graph.entity.groups import Builder
from vdk_graph.entity.model import Group, Row, Value, literal_value
from vdk_graph.vocab import VDK

P = {name: str(getattr(VDK, name)) for name in (
    "participant", "role", "hasParticipation", "participationIn", "participatesIn", "hasLeadPartner",
    "isLeadPartnerOf", "hasParticipant", "status", "awardedBy", "recipient", "receivedGrant", "grantFor",
    "partOfProgramme", "investor", "investee", "madeInvestment", "investsIn", "stakePercent", "hasMembership",
    "cluster", "memberOf", "hasMember", "positionIn", "holder", "holdsPosition", "positionRole", "jobTitle",
    "affiliatedWith", "hasCertification", "certificationLevel", "score", "hasIndicator", "indicatorOf",
    "measure", "baselineValue", "targetValue", "changeValue", "unit", "period", "sourceText", "providedBy",
    "budgetFor", "LeadPartner", "ProjectLeader", "ProjectPartner", "ProjectParticipant", "UnspecifiedRole",
)}
ROLE_ORDER = {P["LeadPartner"]: 0, P["ProjectLeader"]: 1, P["ProjectPartner"]: 2, P["ProjectParticipant"]: 3,
              P["UnspecifiedRole"]: 4}
#: Partners and topic organisations listed at most (the rest are on the map and in SPARQL).
MAX_ROWS = 200


class _Rows:
    """Rows keyed by the thing they are about, collecting values and cited statements."""

    def __init__(self, b: Builder) -> None:
        self.b = b
        self.cells: dict[str, dict[str, list[Value]]] = defaultdict(lambda: defaultdict(list))
        self.quads: dict[str, list[Any]] = defaultdict(list)

    def add(self, key: str, column: str, value: Value | None) -> None:
        if value is None:
            self.cells[key]  # noqa: B018 - the row exists even without this cell
            return
        if all(v.value != value.value for v in self.cells[key][column]):
            self.cells[key][column].append(value)

    def via(self, key: str, relation: str) -> None:
        """The node standing for the relation behind a row (a participation, position …), linked from it."""
        self.add(key, "via", self.b.ref(relation))

    def cite(self, key: str, *quads: Any) -> None:
        self.quads[key].extend(quads)
        self.cells[key]  # noqa: B018

    def rows(self, sort: Any = None) -> list[Row]:
        keys = sorted(self.cells, key=sort or (lambda k: self.b.label(k).casefold()))
        rows = []
        for k in keys:
            cited = set(self.b.cite(self.quads[k]))
            cited.update(n for values in self.cells[k].values() for v in values for n in v.sources)
            rows.append(Row(dict(self.cells[k]), sorted(cited)))
        return rows


def _period_and_status(b: Builder, rows: _Rows, key: str) -> None:
    rows.add(key, "period", b.period(key))
    for status in b.facts.iris(key, P["status"]):
        rows.add(key, "status", b.ref(status, [b.quad(key, P["status"], status)]))


def _by_start(b: Builder, rows: _Rows) -> Any:
    def key(iri: str) -> tuple[Any, ...]:
        period = rows.cells[iri].get("period")
        start = str(period[0].value) if period and period[0].value is not None else ""
        return ("~" if not start else "", _neg(start), b.label(iri).casefold())
    return key


def _neg(text: str) -> str:
    """Sort key that orders ISO dates newest first."""
    return "".join(chr(0x10FFFF - ord(c)) for c in text)


def agent_projects(b: Builder) -> Group | None:
    """The projects an organisation or person takes part in, with roles, periods and statuses."""
    e, f, rows = b.iri, b.facts, _Rows(b)
    for x in f.subjects(P["participant"], e):
        projects = [(p, b.quad(p, P["hasParticipation"], x)) for p in f.subjects(P["hasParticipation"], x)]
        projects += [(p, b.quad(x, P["participationIn"], p)) for p in f.iris(x, P["participationIn"])]
        for project, link in projects:
            rows.add(project, "project", b.ref(project))
            rows.via(project, x)
            rows.cite(project, b.quad(x, P["participant"], e), link)
            for role in f.iris(x, P["role"]):
                rows.add(project, "role", b.ref(role, [b.quad(x, P["role"], role)]))
    for project in f.iris(e, P["participatesIn"]):
        rows.add(project, "project", b.ref(project))
        rows.cite(project, b.quad(e, P["participatesIn"], project))
    for project in f.subjects(P["hasParticipant"], e):
        rows.add(project, "project", b.ref(project))
        rows.cite(project, b.quad(project, P["hasParticipant"], e))
    leads = [(p, b.quad(p, P["hasLeadPartner"], e)) for p in f.subjects(P["hasLeadPartner"], e)]
    leads += [(p, b.quad(e, P["isLeadPartnerOf"], p)) for p in f.iris(e, P["isLeadPartnerOf"])]
    for project, link in leads:
        rows.add(project, "project", b.ref(project))
        rows.cite(project, link)
        if not rows.cells[project]["role"]:
            rows.add(project, "role", b.ref(P["LeadPartner"]))
    for project in list(rows.cells):
        _period_and_status(b, rows, project)
    return b.table("projects", ["project", "role", "period", "status"], rows.rows(_by_start(b, rows)))


def project_participants(b: Builder) -> Group | None:
    """A project's participants by role, lead first."""
    e, f, rows = b.iri, b.facts, _Rows(b)
    nodes = [(x, b.quad(e, P["hasParticipation"], x)) for x in f.iris(e, P["hasParticipation"])]
    nodes += [(x, b.quad(x, P["participationIn"], e)) for x in f.subjects(P["participationIn"], e)]
    for x, link in nodes:
        for agent in f.iris(x, P["participant"]):
            rows.add(agent, "participant", b.ref(agent))
            rows.via(agent, x)
            rows.cite(agent, link, b.quad(x, P["participant"], agent))
            for role in f.iris(x, P["role"]):
                rows.add(agent, "role", b.ref(role, [b.quad(x, P["role"], role)]))
    shortcuts = [(a, b.quad(a, P["participatesIn"], e)) for a in f.subjects(P["participatesIn"], e)]
    shortcuts += [(a, b.quad(e, P["hasParticipant"], a)) for a in f.iris(e, P["hasParticipant"])]
    for agent, link in shortcuts:
        rows.add(agent, "participant", b.ref(agent))
        rows.cite(agent, link)
    leads = [(a, b.quad(e, P["hasLeadPartner"], a)) for a in f.iris(e, P["hasLeadPartner"])]
    leads += [(a, b.quad(a, P["isLeadPartnerOf"], e)) for a in f.subjects(P["isLeadPartnerOf"], e)]
    for agent, link in leads:
        rows.add(agent, "participant", b.ref(agent))
        rows.cite(agent, link)
        if not rows.cells[agent]["role"]:
            rows.add(agent, "role", b.ref(P["LeadPartner"]))

    def order(agent: str) -> tuple[int, str]:
        roles = [ROLE_ORDER.get(str(v.value), 5) for v in rows.cells[agent].get("role", [])]
        return (min(roles, default=5), b.label(agent).casefold())
    return b.table("participants", ["participant", "role"], rows.rows(order))


def partners(b: Builder, store: Any) -> Group | None:
    """Organisations sharing projects with this one, most shared first (each fact cited on both sides)."""
    e = b.node
    found = select(store, f"""SELECT ?other ?p ?g WHERE {{ {e} <{P['participatesIn']}> ?p .
        GRAPH ?g {{ ?other <{P['participatesIn']}> ?p }} FILTER(?other != {e}) }} LIMIT 50000""")
    shared: dict[str, set[str]] = defaultdict(set)
    for other, project, graph in found:
        shared[other.value].add(project.value)
        b.facts.add(other.value, P["participatesIn"], project, graph.value)
    top = sorted(shared, key=lambda o: (-len(shared[o]), o))[:MAX_ROWS]
    read_labels(store, b.facts, top)
    rows = _Rows(b)
    for other in top:
        rows.add(other, "partner", b.ref(other))
        rows.add(other, "shared", Value("number", len(shared[other])))
        for project in sorted(shared[other], key=lambda p: b.label(p).casefold())[:8]:
            rows.add(other, "shared_projects", b.ref(project))
            rows.cite(other, b.quad(b.iri, P["participatesIn"], project),
                      b.quad(other, P["participatesIn"], project))
    order = {o: i for i, o in enumerate(top)}
    return b.table("partners", ["partner", "shared", "shared_projects"], rows.rows(order.__getitem__),
                   note="partners" if len(shared) <= MAX_ROWS else "partners_top")


def grants(b: Builder, key: str, grant_iris: Iterable[tuple[str, Any]], columns: list[str]) -> Group | None:
    """Grants with funder, recipient, project, programme, amount, period; ``grant_iris``: (grant, link)."""
    f, rows = b.facts, _Rows(b)
    for grant, link in grant_iris:
        rows.add(grant, "grant", b.ref(grant))
        rows.cite(grant, link)
        for column, prop in (("funder", "awardedBy"), ("recipient", "recipient"), ("project", "grantFor"),
                             ("programme", "partOfProgramme")):
            for thing in f.iris(grant, P[prop]):
                rows.add(grant, column, b.ref(thing, [b.quad(grant, P[prop], thing)]))
        rows.add(grant, "amount", b.money(grant))
        rows.add(grant, "period", b.period(grant))
    return b.table(key, columns, rows.rows(_by_start(b, rows)))


def investments(b: Builder, key: str, found: Iterable[tuple[str, Any]], columns: list[str]) -> Group | None:
    f, rows = b.facts, _Rows(b)
    for inv, link in found:
        rows.add(inv, "investment", b.ref(inv))
        rows.cite(inv, link)
        for column in ("investor", "investee"):
            for thing in f.iris(inv, P[column]):
                rows.add(inv, column, b.ref(thing, [b.quad(inv, P[column], thing)]))
        rows.add(inv, "amount", b.money(inv))
        rows.add(inv, "date", b.date(inv))
        for stake in f.objects(inv, P["stakePercent"]):
            shown = b.value(inv, P["stakePercent"], stake)
            shown.type = "percent"
            rows.add(inv, "stake", shown)
    return b.table(key, columns, rows.rows())


def budgets(b: Builder, found: Iterable[tuple[str, Any]]) -> Group | None:
    """Budgets set aside for or by the entity, with amount and period."""
    f, rows = b.facts, _Rows(b)
    for budget, link in found:
        rows.add(budget, "budget", b.ref(budget))
        rows.cite(budget, link)
        for column, prop in (("provider", "providedBy"), ("purpose", "budgetFor")):
            for thing in f.iris(budget, P[prop]):
                if thing != b.iri:
                    rows.add(budget, column, b.ref(thing, [b.quad(budget, P[prop], thing)]))
        rows.add(budget, "amount", b.money(budget))
        rows.add(budget, "period", b.period(budget))
    return b.table("budgets", ["budget", "provider", "purpose", "amount", "period"], rows.rows())


def shortcut_rows(b: Builder, key: str, column: str, found: Iterable[tuple[str, Any]]) -> Group | None:
    """A one-column table of things linked by a shortcut property (invests in, funds, member of …)."""
    rows = _Rows(b)
    for thing, link in found:
        rows.add(thing, column, b.ref(thing))
        rows.cite(thing, link)
    return b.table(key, [column], rows.rows())


def memberships(b: Builder) -> Group | None:
    """Clusters an organisation is a member of (membership nodes with periods, and memberOf shortcuts)."""
    e, f, rows = b.iri, b.facts, _Rows(b)
    for m in f.iris(e, P["hasMembership"]):
        for cluster in f.iris(m, P["cluster"]):
            rows.add(cluster, "cluster", b.ref(cluster))
            rows.via(cluster, m)
            rows.add(cluster, "period", b.period(m))
            rows.cite(cluster, b.quad(e, P["hasMembership"], m), b.quad(m, P["cluster"], cluster))
    for cluster, link in [(c, b.quad(e, P["memberOf"], c)) for c in f.iris(e, P["memberOf"])] + [
            (c, b.quad(c, P["hasMember"], e)) for c in f.subjects(P["hasMember"], e)]:
        rows.add(cluster, "cluster", b.ref(cluster))
        rows.cite(cluster, link)
    return b.table("memberships", ["cluster", "period"], rows.rows())


def members(b: Builder) -> Group | None:
    """The members of a cluster or association."""
    e, f, rows = b.iri, b.facts, _Rows(b)
    for m in f.subjects(P["cluster"], e):
        for member in f.subjects(P["hasMembership"], m):
            rows.add(member, "member", b.ref(member))
            rows.via(member, m)
            rows.add(member, "period", b.period(m))
            rows.cite(member, b.quad(m, P["cluster"], e), b.quad(member, P["hasMembership"], m))
    for member, link in [(o, b.quad(o, P["memberOf"], e)) for o in f.subjects(P["memberOf"], e)] + [
            (o, b.quad(e, P["hasMember"], o)) for o in f.iris(e, P["hasMember"])]:
        rows.add(member, "member", b.ref(member))
        rows.cite(member, link)
    return b.table("members", ["member", "period"], rows.rows())


def positions(b: Builder, of_person: bool) -> Group | None:
    """People and their positions in an organisation, or a person's positions in organisations."""
    e, f, rows = b.iri, b.facts, _Rows(b)
    if of_person:
        found = [(m, b.quad(e, P["holdsPosition"], m)) for m in f.iris(e, P["holdsPosition"])]
        found += [(m, b.quad(m, P["holder"], e)) for m in f.subjects(P["holder"], e)]
        other, column = "positionIn", "organisation"
    else:
        found = [(m, b.quad(m, P["positionIn"], e)) for m in f.subjects(P["positionIn"], e)]
        other, column = "holder", "person"
    for m, link in found:
        ends = f.iris(m, P[other]) or (f.subjects(P["holdsPosition"], m) if not of_person else [])
        for thing in ends:
            links = [b.quad(m, P[other], thing), b.quad(thing, P["holdsPosition"], m)]
            rows.add(m, column, b.ref(thing, links))
        rows.via(m, m)
        rows.cite(m, link)
        for role in f.iris(m, P["positionRole"]):
            rows.add(m, "role", b.ref(role, [b.quad(m, P["positionRole"], role)]))
        for title in f.objects(m, P["jobTitle"]):
            rows.add(m, "job_title", b.value(m, P["jobTitle"], title))
        rows.add(m, "period", b.period(m))
    affiliated = (f.iris(e, P["affiliatedWith"]) if of_person else f.subjects(P["affiliatedWith"], e))
    for thing in affiliated:
        link = b.quad(e, P["affiliatedWith"], thing) if of_person else b.quad(thing, P["affiliatedWith"], e)
        rows.add(thing, column, b.ref(thing))
        rows.cite(thing, link)
    columns = [column, "role", "job_title", "period"]
    return b.table("positions" if of_person else "people", columns, rows.rows())


def certifications(b: Builder) -> Group | None:
    e, f, rows = b.iri, b.facts, _Rows(b)
    for c in f.iris(e, P["hasCertification"]):
        rows.add(c, "certification", b.ref(c))
        rows.cite(c, b.quad(e, P["hasCertification"], c))
        rows.add(c, "level", next(iter(b.values(c, P["certificationLevel"])), None))
        rows.add(c, "score", next(iter(b.values(c, P["score"])), None))
        for funder in f.iris(c, str(VDK.awardedBy)):
            rows.add(c, "awarded_by", b.ref(funder, [b.quad(c, str(VDK.awardedBy), funder)]))
        rows.add(c, "date", b.date(c))
    return b.table("certifications", ["certification", "level", "score", "awarded_by", "date"], rows.rows())


def indicators(b: Builder) -> Group | None:
    """Quantified statements with their numbers, unit, period and original sentence."""
    e, f, rows = b.iri, b.facts, _Rows(b)
    found = [(i, b.quad(e, P["hasIndicator"], i)) for i in f.iris(e, P["hasIndicator"])]
    found += [(i, b.quad(i, P["indicatorOf"], e)) for i in f.subjects(P["indicatorOf"], e)]
    for ind, link in found:
        shown = b.ref(ind)
        measure = f.literal(ind, P["measure"])
        if measure is not None:
            shown.label = measure.value
            b.cite([b.quad(ind, P["measure"], measure)])
        rows.add(ind, "indicator", shown)
        rows.cite(ind, link)
        unit = f.literal(ind, P["unit"])
        unit_text = unit.value if unit is not None else None
        for column, prop in (("baseline", "baselineValue"), ("target", "targetValue"),
                             ("change", "changeValue")):
            for term in f.objects(ind, P[prop]):
                value = b.value(ind, P[prop], term)
                value.unit = unit_text
                if unit_text and len(unit_text) == 3 and unit_text.isupper():
                    value.type = "money"
                rows.add(ind, column, value)
        if unit is not None:
            b.cite([b.quad(ind, P["unit"], unit)])
        for term in f.objects(ind, P["period"]):
            rows.add(ind, "period", b.value(ind, P["period"], term))
        for term in f.objects(ind, P["sourceText"]):
            rows.add(ind, "sentence", b.value(ind, P["sourceText"], term))
    columns = ["indicator", "baseline", "target", "change", "period", "sentence"]
    return b.table("indicators", columns, rows.rows())


def typed_refs(b: Builder, key: str, props: Iterable[str], of: str | None, columns: list[str],
               inverse: bool = True) -> Group | None:
    """Things (of class ``of``) pointing at the entity with ``props`` (a topic's projects …), with periods."""
    e, f, rows = b.iri, b.facts, _Rows(b)
    for prop in props:
        things = f.subjects(prop, e) if inverse else f.iris(e, prop)
        for thing in things:
            if of and not b.is_a(thing, of):
                continue
            rows.add(thing, columns[0], b.ref(thing))
            rows.cite(thing, b.quad(thing, prop, e) if inverse else b.quad(e, prop, thing))
            if "period" in columns:
                _period_and_status(b, rows, thing)
    return b.table(key, columns, rows.rows(_by_start(b, rows) if "period" in columns else None))


def counted(b: Builder, store: Any, key: str, sparql: str, columns: list[str], note: str) -> Group | None:
    """A table from a query answering ``?thing ?x`` (organisations on a topic, with their projects …).

    Derived from many statements, so it carries a note instead of source markers.
    """
    found = [(t.value, x) for t, x in select(store, sparql + f" LIMIT {MAX_ROWS}")]
    mentioned = [t for t, _ in found] + [x.value for _, x in found if isinstance(x, ox.NamedNode)]
    read_labels(store, b.facts, mentioned)
    rows = _Rows(b)
    for thing, x in found:
        rows.add(thing, columns[0], b.ref(thing))
        rows.add(thing, columns[1], b.ref(x.value) if isinstance(x, ox.NamedNode) else literal_value(x))
    order = {t: i for i, (t, _) in enumerate(found)}
    return b.table(key, columns, rows.rows(order.__getitem__), note=note)


__all__ = [
    "agent_projects", "budgets", "certifications", "counted", "grants", "indicators", "investments",
    "members", "memberships", "partners", "positions", "project_participants", "shortcut_rows", "typed_refs",
]
