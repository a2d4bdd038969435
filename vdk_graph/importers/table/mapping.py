"""What a spreadsheet row means in the ontology: the triples of each kind of row.

Each kind of sheet (organisations, people, projects, participations, grants,
investments, memberships) has one method here, named for it; the nodes a row
names are resolved and restated by :class:`~vdk_graph.importers.table.nodes.TableNodes`
(see there how names become nodes, and why a known project is referred to by
IRI only).

Participations and positions are keyed as the Pure importer keys them, so a
spreadsheet and a Pure page stating the same participation make one node.
"""

from __future__ import annotations

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS

from vdk_graph.importers.participation import PARTNER_ROLE, PERSON_ROLE
from vdk_graph.importers.table import values as v
from vdk_graph.importers.table.nodes import TableNodes
from vdk_graph.importers.table.rules import Row
from vdk_graph.vocab import VDK

_POSITION_WORDS = {iri: key.replace("-", " ") for key, iri in v.POSITION_ROLES.items()}


class TableMapping(TableNodes):
    """Adds the triples of rows to graphs, resolving names to nodes."""

    def add(self, g: Graph, row: Row) -> None:
        getattr(self, f"_{row.kind}")(g, row)

    def _organisations(self, g: Graph, row: Row) -> None:
        org = self._organisation_iri(row)
        for kind in row.get("kind", []):
            g.add((org, RDF.type, kind))
        self._labels(g, org, row.get("name"), self.context.index.label(org, row.get("name")))
        for alias in row.get("aliases", []):
            g.add((org, SKOS.altLabel, Literal(alias)))
        if row.get("acronym"):
            g.add((org, VDK.acronym, Literal(row.get("acronym"))))
        self._places(g, org, row)
        for city in row.get("active_in", []):
            g.add((org, VDK.activeIn, self.place(g, city, VDK.City)))
        if row.get("website"):
            g.add((org, VDK.website, row.get("website")))
        if row.get("cvr"):
            g.add((org, VDK.cvr, Literal(row.get("cvr"))))
        if row.get("founded"):
            g.add((org, VDK.foundingYear, v.year_literal(row.get("founded"))))
        if row.get("closed"):
            g.add((org, VDK.closingYear, v.year_literal(row.get("closed"))))
        if row.get("part_of"):
            g.add((org, VDK.subOrganisationOf, self.organisation(g, row.get("part_of"))))
        for name in row.get("founded_by", []):
            g.add((org, VDK.foundedBy, self.agent(g, name)))
        for name in row.get("owned_by", []):
            g.add((org, VDK.ownedBy, self.agent(g, name)))
        for name in row.get("formed_from", []):
            g.add((org, VDK.formedFrom, self.organisation(g, name)))
        for label in row.get("fields", []):
            g.add((org, VDK.field, self.topic(g, label)))
        if row.get("scope"):
            g.add((org, VDK.scope, row.get("scope")))
        for name in row.get("programme", []):
            g.add((org, VDK.partOfProgramme, self.programme(g, name)))
        self._descriptions(g, org, row)

    def _places(self, g: Graph, org: URIRef, row: Row) -> None:
        """The organisation is based in the most precise place given; each place lies in the next."""
        chain = [
            self.place(g, row.get(column), cls)
            for column, cls in (("city", VDK.City), ("region", VDK.Region), ("country", VDK.Country))
            if row.get(column)
        ]
        if chain:
            g.add((org, VDK.basedIn, chain[0]))
        for inner, outer in zip(chain, chain[1:], strict=False):
            g.add((inner, VDK.locatedIn, outer))

    def _people(self, g: Graph, row: Row) -> None:
        name = row.get("name")
        person = self.person(g, name)
        org = self.organisation(g, row.get("organisation"))
        role: URIRef | None = row.get("role")
        keys = [person, org, *([_POSITION_WORDS[role].replace(" ", "-")] if role else [])]
        position = self.minter.relation("position", *keys)
        words = f"{_POSITION_WORDS[role]} at" if role else "at"
        org_label = self.context.index.label(org, row.get("organisation"))
        g.add((position, RDF.type, VDK.Position))
        g.add(
            (
                position,
                RDFS.label,
                Literal(f"{self._person_label(person, name)}, {words} {org_label}", lang="en"),
            )
        )
        g.add((position, VDK.holder, person))
        g.add((position, VDK.positionIn, org))
        if role:
            g.add((position, VDK.positionRole, role))
        if row.get("job_title"):
            g.add((position, VDK.jobTitle, Literal(row.get("job_title"), lang=row.get("job_title_lang"))))
        self.period(g, position, row)
        if row.get("ended") is not None:
            g.add((position, VDK.ended, Literal(bool(row.get("ended")))))
        g.add((person, VDK.holdsPosition, position))
        g.add((person, VDK.affiliatedWith, org))

    def _projects(self, g: Graph, row: Row) -> None:
        title = row.get("title")
        project = self._project_iri(title, row.get("acronym"))
        lang = row.get("title_lang")
        g.add((project, RDF.type, VDK.Project))
        g.add((project, RDFS.label, Literal(title, lang=lang)))
        g.add((project, DCTERMS.title, Literal(title, lang=lang)))
        if row.get("acronym"):
            g.add((project, VDK.acronym, Literal(row.get("acronym"))))
        if row.get("short_title"):
            g.add((project, VDK.shortTitle, Literal(row.get("short_title"), lang=lang)))
        if row.get("status"):
            g.add((project, VDK.status, row.get("status")))
        self.period(g, project, row)
        self._descriptions(g, project, row)
        for keyword in row.get("keywords", []):
            g.add((project, VDK.keyword, self.topic(g, keyword)))
        if row.get("programme"):
            g.add((project, VDK.partOfProgramme, self.programme(g, row.get("programme"))))
        if row.get("website"):
            g.add((project, VDK.website, row.get("website")))
        name = row.get("acronym") or row.get("short_title") or title
        if row.get("lead"):
            self.participation(g, project, name, row.get("lead"), PARTNER_ROLE["lead"])
        for partner in row.get("partners", []):
            self.participation(g, project, name, partner, PARTNER_ROLE["partner"])

    def _participations(self, g: Graph, row: Row) -> None:
        project = self.project(g, row, row.get("project"))
        name = self.context.projects.labels.get(project, row.get("project"))
        role = row.get("role")
        if row.get("participant_type") == "person":
            self.participation(
                g,
                project,
                name,
                row.get("participant"),
                PERSON_ROLE.get(role, VDK.UnspecifiedRole),
                person=True,
            )
        else:
            self.participation(g, project, name, row.get("participant"), PARTNER_ROLE[role])

    def _grants(self, g: Graph, row: Row) -> None:
        funders = [self.agent(g, name) for name in row.get("funder")]
        amount: v.Amount | None = row.get("amount")
        key = "|".join(
            str(x)
            for x in (
                *funders,
                row.get("recipient"),
                row.get("project"),
                row.get("programme"),
                amount.value if amount else "",
                row.get("currency"),
                row.get("start"),
                row.get("end"),
                row.get("title"),
            )
        )
        grant = self.minter.hashed("grant", funders[0], key)
        g.add((grant, RDF.type, VDK.Grant))
        for funder in funders:
            g.add((grant, VDK.awardedBy, funder))
        recipient = self.agent(g, row.get("recipient")) if row.get("recipient") else None
        if recipient is not None:
            g.add((grant, VDK.recipient, recipient))
            g.add((recipient, VDK.receivedGrant, grant))
            for funder in funders:
                g.add((recipient, VDK.fundedBy, funder))
        if row.get("project"):
            g.add((grant, VDK.grantFor, self.project(g, row, row.get("project"))))
        if row.get("programme"):
            g.add((grant, VDK.partOfProgramme, self.programme(g, row.get("programme"))))
        self.money(g, grant, row, annual=bool(row.get("annual")))
        if row.get("annual") is not None:
            g.add((grant, VDK.annual, Literal(row.get("annual"))))
        self.period(g, grant, row)
        self._descriptions(g, grant, row)
        if row.get("title"):
            g.add((grant, RDFS.label, Literal(row.get("title"))))
        else:
            givers = " and ".join(
                self.context.index.label(f, n) for f, n in zip(funders, row.get("funder"), strict=True)
            )
            to = row.get("recipient") or row.get("project") or row.get("programme")
            g.add(
                (grant, RDFS.label, Literal(f"Grant from {givers}" + (f" to {to}" if to else ""), lang="en"))
            )

    def _investments(self, g: Graph, row: Row) -> None:
        if row.get("type") == "capital-contribution":
            self._contribution(g, row)
            return
        investor = self.agent(g, row.get("investor"))
        investee = self.organisation(g, row.get("investee"))
        node = self._deal_node("investment", investor, investee, row)
        when = f" ({row.get('date')})" if row.get("date") else ""
        label = (
            f"Investment by {self.context.index.label(investor, row.get('investor'))} in "
            f"{self.context.index.label(investee, row.get('investee'))}{when}"
        )
        g.add((node, RDF.type, VDK.Investment))
        g.add((node, RDFS.label, Literal(label, lang="en")))
        g.add((node, VDK.investor, investor))
        g.add((node, VDK.investee, investee))
        g.add((investor, VDK.madeInvestment, node))
        g.add((investor, VDK.investsIn, investee))
        self._deal_facts(g, node, row)

    def _contribution(self, g: Graph, row: Row) -> None:
        """Capital put into a fund by its owners: a vdk:CapitalContribution, not a venture deal."""
        contributor = self.agent(g, row.get("investor"))
        fund = self.organisation(g, row.get("investee"))
        node = self._deal_node("contribution", contributor, fund, row)
        when = f" ({row.get('date')})" if row.get("date") else ""
        label = (
            f"Capital contribution by {self.context.index.label(contributor, row.get('investor'))} to "
            f"{self.context.index.label(fund, row.get('investee'))}{when}"
        )
        g.add((node, RDF.type, VDK.CapitalContribution))
        g.add((node, RDFS.label, Literal(label, lang="en")))
        g.add((node, VDK.contributor, contributor))
        g.add((node, VDK.contributionTo, fund))
        g.add((contributor, VDK.madeContribution, node))
        g.add((contributor, VDK.contributesCapitalTo, fund))
        self._deal_facts(g, node, row, stake=False)

    def _deal_node(self, kind: str, investor: URIRef, investee: URIRef, row: Row) -> URIRef:
        """One node per deal: rows naming the same ``deal`` are one (sources that word it differently), else
        rows that agree on investee, date, amount, currency and stake."""
        if row.get("deal"):
            return self.minter.named(kind, f"{self.minter.local_key(investee)} {row.get('deal')}")
        return self.minter.hashed(kind, investor, self._deal_key(investee, row))

    @staticmethod
    def _deal_key(investee: URIRef, row: Row) -> str:
        amount: v.Amount | None = row.get("amount")
        return "|".join(
            str(x)
            for x in (
                investee,
                row.get("date"),
                amount.value if amount else "",
                row.get("currency"),
                row.get("stake"),
            )
        )

    def _deal_facts(self, g: Graph, node: URIRef, row: Row, *, stake: bool = True) -> None:
        self.money(g, node, row)
        if row.get("date"):
            g.add((node, DCTERMS.date, row.get("date").literal()))
        if stake and row.get("stake") is not None:
            g.add((node, VDK.stakePercent, v.decimal_literal(row.get("stake"))))
        self._descriptions(g, node, row)

    def _memberships(self, g: Graph, row: Row) -> None:
        member = self.organisation(g, row.get("organisation"))
        cluster = self.organisation(g, row.get("cluster"), VDK.ClusterOrganisation)
        node = self.minter.relation("membership", member, cluster)
        names = [
            self.context.index.label(member, row.get("organisation")),
            self.context.index.label(cluster, row.get("cluster")),
        ]
        g.add((node, RDF.type, VDK.ClusterMembership))
        g.add((node, RDFS.label, Literal(f"{names[0]}, member of {names[1]}", lang="en")))
        g.add((node, VDK.cluster, cluster))
        g.add((member, VDK.hasMembership, node))
        g.add((member, VDK.memberOf, cluster))
        g.add((cluster, VDK.hasMember, member))
        self.period(g, node, row)
