"""One CORDIS project and its participants as the triples of one named graph.

The project (title, acronym, objective, dates, framework programme, the EU's
maximum contribution as a vdk:Budget), and per participant the organisation
(resolved against the store), its place, its role through the one participation
writer, and its EU contribution as a vdk:Grant. Every row that cannot be read
becomes a :class:`~vdk_graph.errors.Problem` with its file, line and column.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS, XSD

from vdk_graph.errors import Problem
from vdk_graph.importers.base import ImportContext, PlannedGraph, new_graph
from vdk_graph.importers.cordis.codes import COUNTRIES, KINDS, PROGRAMMES, ROLES
from vdk_graph.importers.cordis.names import city_name, readable
from vdk_graph.importers.participation import add_participation
from vdk_graph.importers.provenance import SourceInfo, describe_source
from vdk_graph.vocab import SCHEMA, VDK

CORDIS_PAGE = "https://cordis.europa.eu/project/id/{}"
EU = "European Union"


class CordisMapping:
    """The triples of one CORDIS project (and its participants) in one graph."""

    def __init__(self, context: ImportContext, location: str, importer: str) -> None:
        self.context = context
        self.minter = context.minter
        self.location = location
        self.importer = importer
        self.problems: list[Problem] = []
        self.g: Graph = new_graph()

    # ------------------------------------------------------------------ plans

    def project_graph(
        self,
        project_id: str,
        project_row: tuple[str, int, dict[str, str]],
        participants: list[tuple[str, int, dict[str, str]]],
    ) -> PlannedGraph | None:
        location, number, row = project_row
        if not project_id:
            self.problem(
                "a project needs its CORDIS id", number, "id", "the grant agreement number, such as 101093058"
            )
            return None
        title = row.get("title", "").strip()
        if not title:
            self.problem("a project needs its title", number, "title")
            return None
        acronym = row.get("acronym", "").strip() or None
        project = self._project_iri(title, acronym)
        graph = self.minter.graph("cordis", project_id)
        self._describe(graph, project_id, title)
        start, end = self.date(row, "startDate", number), self.date(row, "endDate", number)
        self._project(project, title, acronym, row, number, start, end)
        for _, org_number, org_row in participants:
            self._participant(project, acronym or title, org_row, org_number, start, end)
        return PlannedGraph(graph, self.g, location)

    def participants_only(
        self, project_id: str, rows: list[tuple[str, int, dict[str, str]]]
    ) -> PlannedGraph | None:
        if not rows:
            return None
        first = rows[0][2]
        acronym = first.get("projectAcronym", "").strip()
        project = self.context.projects.find(acronym) if acronym else None
        if project is None:
            self.problem(
                f"project {project_id} ({acronym or 'no acronym'}) is in neither this import nor the store",
                rows[0][1],
                "projectID",
                "its row in CORDIS's project table, imported together with this file",
            )
            return None
        graph = self.minter.graph("cordis", project_id)
        self._describe(graph, project_id, acronym)
        self.g.add((project, RDF.type, VDK.Project))
        known = self.context.projects.labels.get(project, acronym)
        self.g.add((project, RDFS.label, Literal(known)))
        self.g.add((project, DCTERMS.title, Literal(known)))
        for _, number, row in rows:
            self._participant(project, acronym, row, number, None, None)
        return PlannedGraph(graph, self.g, self.location)

    # ------------------------------------------------------------------ pieces

    def _project_iri(self, title: str, acronym: str | None) -> URIRef:
        projects = self.context.projects
        iri = projects.find(title) or (acronym and projects.find(acronym)) or self.minter.project(title)
        projects.learn(iri, title, [acronym] if acronym else [])
        return iri

    def _describe(self, graph: URIRef, project_id: str, title: str) -> None:
        url = self.context.source_url or CORDIS_PAGE.format(project_id)
        describe_source(
            self.g,
            self.minter,
            SourceInfo(
                graph=graph,
                label=f"CORDIS project {project_id}",
                importer=self.importer,
                url=url,
                file_name=self.location.split(",")[0],
                retrieved=self.context.retrieved,
                title=title,
            ),
            self.context.now,
        )

    def _project(
        self,
        project: URIRef,
        title: str,
        acronym: str | None,
        row: dict[str, str],
        number: int,
        start: dt.date | None,
        end: dt.date | None,
    ) -> None:
        g = self.g
        g.add((project, RDF.type, VDK.Project))
        g.add((project, RDFS.label, Literal(title, lang="en")))
        g.add((project, DCTERMS.title, Literal(title, lang="en")))
        g.add((project, DCTERMS.identifier, Literal(f"CORDIS {row.get('id', '').strip()}")))
        if acronym:
            g.add((project, VDK.acronym, Literal(acronym)))
        if row.get("objective", "").strip():
            g.add((project, DCTERMS.description, Literal(" ".join(row["objective"].split()), lang="en")))
        if start and end and start > end:
            self.problem("the project starts after it ends", number, "startDate")
        elif start or end:
            self._period(project, start, end)
        if row.get("status", "").strip().upper() == "CLOSED":
            g.add((project, VDK.status, VDK.Finished))
        programme = self.programme(row.get("frameworkProgramme", ""))
        if programme is not None:
            g.add((project, VDK.partOfProgramme, programme))
        ceiling = self.amount(row, "ecMaxContribution", number)
        if ceiling is not None:
            budget = self.minter.relation("budget", project, "eu-contribution")
            g.add((budget, RDF.type, VDK.Budget))
            g.add((budget, RDFS.label, Literal(f"EU contribution to {acronym or title} (CORDIS)", lang="en")))
            g.add((budget, VDK.budgetFor, project))
            g.add((budget, VDK.providedBy, self.eu()))
            g.add((budget, VDK.amount, Literal(str(ceiling), datatype=XSD.decimal)))
            g.add((budget, VDK.currency, Literal("EUR")))
            g.add((budget, VDK.annual, Literal(False)))
            self._period(budget, start, end)

    def _participant(
        self,
        project: URIRef,
        project_name: str,
        row: dict[str, str],
        number: int,
        start: dt.date | None,
        end: dt.date | None,
    ) -> None:
        written = row.get("name", "").strip()
        if not written:
            self.problem("a participant needs its name", number, "name")
            return
        role_text = re.sub(r"[\s_-]", "", row.get("role", "")).casefold()
        role = ROLES.get(role_text)
        if role is None:
            self.problem(
                f"'{row.get('role', '')}' is not a CORDIS role",
                number,
                "role",
                "coordinator, participant, partner, associatedPartner or thirdParty",
            )
            return
        org, name = self.organisation(row, written)
        add_participation(self.g, self.minter, project, project_name, org, name, role)
        contribution = self.amount(row, "ecContribution", number)
        if contribution:
            grant = self.minter.relation("grant", project, org, "eu-contribution")
            g = self.g
            g.add((grant, RDF.type, VDK.Grant))
            g.add((grant, RDFS.label, Literal(f"EU contribution to {name} for {project_name}", lang="en")))
            g.add((grant, VDK.awardedBy, self.eu()))
            g.add((grant, VDK.recipient, org))
            g.add((grant, VDK.grantFor, project))
            g.add((org, VDK.receivedGrant, grant))
            g.add((org, VDK.fundedBy, self.eu()))
            g.add((grant, VDK.amount, Literal(str(contribution), datatype=XSD.decimal)))
            g.add((grant, VDK.currency, Literal("EUR")))
            g.add((grant, VDK.annual, Literal(False)))
            self._period(grant, start, end)

    def organisation(self, row: dict[str, str], written: str) -> tuple[URIRef, str]:
        """The participant's node; a new one is named in readable case, CORDIS's capitals kept as an alias."""
        website = row.get("organizationURL", "").strip() or None
        if website and not re.match(r"^https?://", website, re.I):
            website = f"http://{website}"
        iri, known = self.context.index.resolve(written, self.minter, website=website)
        name = self.context.index.label(iri, written) if known else readable(written)
        g = self.g
        g.add((iri, RDF.type, KINDS.get(row.get("activityType", "").strip().upper(), VDK.Organisation)))
        g.add((iri, RDFS.label, Literal(name)))
        if name != written:
            g.add((iri, SKOS.altLabel, Literal(written)))
        short = row.get("shortName", "").strip()
        if short and short != written:
            g.add((iri, VDK.acronym, Literal(short)))
        if website:
            g.add((iri, VDK.website, URIRef(website)))
        country = COUNTRIES.get(row.get("country", "").strip().upper())
        city = city_name(row.get("city", ""))
        places = [
            self.place(city, VDK.City) if city else None,
            self.place(country, VDK.Country) if country else None,
        ]
        chain = [p for p in places if p is not None]
        if chain:
            g.add((iri, VDK.basedIn, chain[0]))
        if len(chain) == 2:
            g.add((chain[0], VDK.locatedIn, chain[1]))
        return iri, name

    def place(self, name: str, cls: URIRef) -> URIRef:
        iri = self.minter.place(name)
        self.g.add((iri, RDF.type, cls))
        self.g.add((iri, RDFS.label, Literal(name)))
        return iri

    def programme(self, code: str) -> URIRef | None:
        name = PROGRAMMES.get(code.strip().upper())
        if not name:
            return None
        iri = self.minter.named("programme", name)
        self.g.add((iri, RDF.type, VDK.FundingProgramme))
        self.g.add((iri, RDFS.label, Literal(name)))
        self.g.add((iri, VDK.fundedBy, self.eu()))
        return iri

    def eu(self) -> URIRef:
        iri, _ = self.context.index.resolve(EU, self.minter)
        self.g.add((iri, RDF.type, VDK.PublicAuthority))
        self.g.add((iri, RDFS.label, Literal(self.context.index.label(iri, EU))))
        return iri

    def _period(self, node: URIRef, start: dt.date | None, end: dt.date | None) -> None:
        if start:
            self.g.add((node, SCHEMA.startDate, Literal(start.isoformat(), datatype=XSD.date)))
        if end:
            self.g.add((node, SCHEMA.endDate, Literal(end.isoformat(), datatype=XSD.date)))

    # ------------------------------------------------------------------ values

    def date(self, row: dict[str, str], column: str, number: int) -> dt.date | None:
        text = row.get(column, "").strip()
        if not text:
            return None
        try:
            return dt.date.fromisoformat(text[:10])
        except ValueError:
            self.problem(f"'{text}' is not a date", number, column, "YYYY-MM-DD, as CORDIS writes dates")
            return None

    def amount(self, row: dict[str, str], column: str, number: int) -> Decimal | None:
        """A euro amount: ``1234567.8`` or (older H2020 releases) ``1234567,8``; empty means not stated."""
        text = row.get(column, "").strip().replace(" ", "")
        if not text:
            return None
        if "," in text and "." not in text:
            text = text.replace(",", ".")
        try:
            value = Decimal(text)
        except InvalidOperation:
            self.problem(
                f"'{row.get(column)}' is not an amount",
                number,
                column,
                "a number of euros, such as 1234567.5",
            )
            return None
        if value < 0:
            self.problem(f"'{row.get(column)}' is a negative amount", number, column, "0 or more euros")
            return None
        return value.normalize() if value == value.to_integral() else value

    def problem(self, message: str, line: int, column: str, expected: str | None = None) -> None:
        self.problems.append(Problem(message, file=self.location, line=line, field=column, expected=expected))
