"""CORDIS projects and their participants → one named graph per project.

``vdk-graph import cordis project.csv organization.csv`` (or the zip CORDIS publishes, or
its XLSX or JSON tables) maps each project row to a vdk:Project (title, acronym, objective,
dates, the framework programme as a vdk:FundingProgramme, the EU's maximum contribution as a
vdk:Budget the European Union provides), and each organization row to a participant: the
organisation (resolved against the store and data/aliases.csv, so CORDIS's upper-case legal
name finds the node other sources made), its kind from CORDIS's activity type, its city and
country, its role (coordinator → lead partner, participant/partner → project partner,
associatedPartner → associated partner, thirdParty → role not stated) through the one
participation writer, and its EU contribution as a vdk:Grant from the European Union with
the project's period. The grants of a project add up to what CORDIS says each partner gets;
the budget is the ceiling, so sums of grants never count the same euro twice.

Each project's graph is derived from the URL given with ``--source-url`` (the dataset), else
from the project's CORDIS page (``https://cordis.europa.eu/project/id/<id>``). Both tables of a
project may come in one import (or one zip); an organization table alone needs its projects in
the store already (found by acronym or title).

Modules: this one (the importer) and :mod:`.read` (CORDIS's project and organisation
tables as CSV, XLSX or JSON).
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS, XSD

from vdk_graph.errors import ImportFailed, Problem
from vdk_graph.importers.base import ImportContext, PlannedGraph, new_graph
from vdk_graph.importers.cordis.read import CordisTable, read_tables
from vdk_graph.importers.participation import add_participation
from vdk_graph.importers.provenance import SourceInfo, describe_source
from vdk_graph.vocab import SCHEMA, VDK

CORDIS_PAGE = "https://cordis.europa.eu/project/id/{}"
EU = "European Union"
PROGRAMMES = {
    "H2020": "Horizon 2020",
    "HORIZON": "Horizon Europe",
    "HE": "Horizon Europe",
    "FP7": "FP7",
}
ROLES = {
    "coordinator": VDK.LeadPartner,
    "participant": VDK.ProjectPartner,
    "partner": VDK.ProjectPartner,
    "beneficiary": VDK.ProjectPartner,
    "internationalpartner": VDK.ProjectPartner,
    "associatedpartner": VDK.AssociatedPartner,
    "thirdparty": VDK.UnspecifiedRole,
}
#: CORDIS activity types: higher or secondary education, research organisation, private for-profit,
#: public body, other.
KINDS = {
    "HES": VDK.KnowledgeInstitution,
    "REC": VDK.KnowledgeInstitution,
    "PRC": VDK.Company,
    "PUB": VDK.PublicAuthority,
    "OTH": VDK.Organisation,
}
#: ISO 3166 codes as CORDIS writes them (EL for Greece, UK for the United Kingdom) → English names.
COUNTRIES = {
    "AT": "Austria",
    "BE": "Belgium",
    "BG": "Bulgaria",
    "CH": "Switzerland",
    "CY": "Cyprus",
    "CZ": "Czechia",
    "DE": "Germany",
    "DK": "Denmark",
    "EE": "Estonia",
    "EL": "Greece",
    "GR": "Greece",
    "ES": "Spain",
    "FI": "Finland",
    "FO": "Faroe Islands",
    "FR": "France",
    "GL": "Greenland",
    "HR": "Croatia",
    "HU": "Hungary",
    "IE": "Ireland",
    "IL": "Israel",
    "IS": "Iceland",
    "IT": "Italy",
    "LT": "Lithuania",
    "LU": "Luxembourg",
    "LV": "Latvia",
    "MT": "Malta",
    "NL": "Netherlands",
    "NO": "Norway",
    "PL": "Poland",
    "PT": "Portugal",
    "RO": "Romania",
    "RS": "Serbia",
    "SE": "Sweden",
    "SI": "Slovenia",
    "SK": "Slovakia",
    "TR": "Turkey",
    "UA": "Ukraine",
    "UK": "United Kingdom",
    "GB": "United Kingdom",
    "US": "United States",
    "CA": "Canada",
    "AU": "Australia",
    "JP": "Japan",
}
#: Cities CORDIS writes in ASCII capitals, under the names the dataset uses.
CITIES = {
    "KOBENHAVN": "Copenhagen",
    "KOEBENHAVN": "Copenhagen",
    "KØBENHAVN": "Copenhagen",
    "COPENHAGEN": "Copenhagen",
    "ARHUS": "Aarhus",
    "AARHUS": "Aarhus",
    "ÅRHUS": "Aarhus",
    "AALBORG": "Aalborg",
    "ODENSE": "Odense",
    "FREDERIKSBERG": "Frederiksberg",
    "VIBORG": "Viborg",
    "KONGENS LYNGBY": "Kongens Lyngby",
    "LISBOA": "Lisbon",
    "BRUXELLES": "Brussels",
    "BRUSSEL": "Brussels",
}
#: Danish postal districts after a city name ("KOBENHAVN S", "AARHUS C").
_DISTRICT = re.compile(r"\s+(?:C|K|N|NV|NØ|O|Ø|S|SV|SØ|V|NO|SO)$", re.I)
#: Words kept in capitals (legal forms) or in lower case (particles) when a capitalised name is prettified.
_CASED = {"APS": "ApS", "IVS": "IVS", "A/S": "A/S", "GMBH": "GmbH", "EV": "e.V.", "E.V.": "e.V."}
_UPPER = {
    "APS",
    "A/S",
    "AB",
    "AS",
    "ASA",
    "BV",
    "NV",
    "GMBH",
    "AG",
    "SA",
    "SAS",
    "SARL",
    "SRL",
    "SPA",
    "LTD",
    "PLC",
    "OY",
    "IVS",
    "I/S",
    "P/S",
    "K/S",
    "EV",
    "E.V.",
    "VZW",
    "ASBL",
    "SL",
    "SLU",
    "UG",
    "KG",
}
_LOWER = {
    "i",
    "of",
    "and",
    "for",
    "de",
    "la",
    "le",
    "les",
    "du",
    "des",
    "der",
    "den",
    "die",
    "van",
    "von",
    "og",
    "the",
    "und",
    "di",
    "del",
    "della",
    "da",
    "do",
    "dos",
    "e",
    "y",
    "et",
    "en",
}


class CordisImporter:
    """``vdk-graph import cordis FILE…``: CORDIS's project and organization tables (CSV, XLSX, JSON, zip)."""

    name = "cordis"

    def __init__(self) -> None:
        self._projects: dict[str, tuple[str, int, dict[str, str]]] = {}
        self._participants: dict[str, list[tuple[str, int, dict[str, str]]]] = {}
        self._read: dict[Path, list[CordisTable]] = {}

    def prepare(self, paths: list[Path], context: ImportContext) -> None:
        """Read every table first: a project's rows may be in one file and its participants in another."""
        self._projects.clear()
        self._participants.clear()
        self._read.clear()
        for path in paths:
            try:
                tables = read_tables(path)
            except ImportFailed:
                continue  # plan() reports it
            self._read[path] = tables
            for table in tables:
                for number, row in table.rows:
                    key = (row.get("projectID") if table.kind == "organization" else row.get("id")) or ""
                    if table.kind == "project":
                        self._projects.setdefault(key.strip(), (table.location, number, row))
                    else:
                        self._participants.setdefault(key.strip(), []).append((table.location, number, row))

    def plan(self, path: Path, context: ImportContext) -> list[PlannedGraph]:
        tables = self._read.get(path) or read_tables(path)
        if path not in self._read:  # planned without prepare (a caller outside run_import)
            self.prepare([path], context)
        plans: list[PlannedGraph] = []
        problems: list[Problem] = []
        for table in tables:
            if table.kind == "project":
                for number, row in table.rows:
                    project_id = row.get("id", "").strip()
                    mapping = CordisMapping(context, table.location, self.name)
                    plan = mapping.project_graph(
                        project_id, (table.location, number, row), self._participants.get(project_id, [])
                    )
                    problems.extend(mapping.problems)
                    if plan is not None:
                        plans.append(plan)
            else:
                for project_id in dict.fromkeys(row.get("projectID", "").strip() for _, row in table.rows):
                    if project_id in self._projects:
                        continue  # the project table's plan writes these participants
                    rows = [r for r in self._participants.get(project_id, []) if r[0] == table.location]
                    mapping = CordisMapping(context, table.location, self.name)
                    plan = mapping.participants_only(project_id, rows)
                    problems.extend(mapping.problems)
                    if plan is not None:
                        plans.append(plan)
        if any(p.severity == "error" for p in problems):
            raise ImportFailed(problems=problems)
        for plan in plans:
            plan.problems.extend(p for p in problems if p.severity != "error" and p.file == plan.source)
        if not any(table.rows for table in tables):
            raise ImportFailed(problems=[Problem("the table has no rows", file=path.name)])
        return plans


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


def readable(name: str) -> str:
    """CORDIS's capitals in readable case ("AALBORG UNIVERSITET" → "Aalborg Universitet"); others as given."""
    if name != name.upper() or not re.search(r"[A-ZÆØÅ]", name):
        return name
    words = []
    for number, word in enumerate(name.split()):
        if word.upper() in _CASED:
            words.append(_CASED[word.upper()])
        elif word.upper() in _UPPER:
            words.append(word.upper())
        elif number and word.casefold() in _LOWER:
            words.append(word.casefold())
        else:
            words.append("-".join(part[:1].upper() + part[1:].casefold() for part in word.split("-")))
    return " ".join(words)


def city_name(written: str) -> str | None:
    """The city as the dataset names it: postal district dropped, known capitals mapped, others readable."""
    text = " ".join(written.split())
    if not text:
        return None
    text = _DISTRICT.sub("", text)
    return CITIES.get(text.upper()) or readable(text)
