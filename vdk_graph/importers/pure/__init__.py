"""Pure project pages → one named graph per page.

The parser (:mod:`~vdk_graph.importers.pure.parser`) reads the copied text;
this module says what it means in the ontology: a vdk:Project with its titles,
dates and status; for every partner an organisation (resolved against the
store, so one organisation named on two pages is one node), an n-ary
vdk:Participation with its role *and* the shortcuts vdk:participatesIn /
vdk:hasLeadPartner; keywords as shared SKOS topics; key findings as
indicators that keep their sentence.

Modules: this one (the importer), :mod:`.parser` (a page's text into a record),
:mod:`.layout` (where Pure glues labels to values), :mod:`.record` (the parsed record),
:mod:`.dates`, :mod:`.numbers`, :mod:`.language` (Danish and English spellings),
:mod:`.roles` and :mod:`.vocabulary` (Pure's words mapped to the ontology).
"""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS, XSD

from vdk_graph.errors import ImportFailed, Problem
from vdk_graph.importers.base import ImportContext, PlannedGraph, new_graph
from vdk_graph.importers.participation import PARTNER_ROLE, PERSON_ROLE, add_participation
from vdk_graph.importers.provenance import SourceInfo, describe_source
from vdk_graph.importers.pure.parser import parse_pure
from vdk_graph.importers.pure.record import Indicator, PureRecord
from vdk_graph.iris import Minter
from vdk_graph.vocab import SCHEMA, VDK

STATUS = {"planned": VDK.Planned, "active": VDK.Active, "finished": VDK.Finished, "cancelled": VDK.Cancelled}
class PureImporter:
    """``vdk-graph import pure FILE…``"""

    name = "pure"

    def plan(self, path: Path, context: ImportContext) -> list[PlannedGraph]:
        text = _read_text(path)
        record = parse_pure(text, source=path.name)
        identity = context.identity(path, self.name)
        graph_iri = URIRef(context.placement.graph(str(context.minter.graph("pure", path.stem)), identity))
        data = new_graph()
        info = SourceInfo(
            graph=graph_iri,
            label=f"Pure project page {path.name}",
            importer=self.name,
            url=context.source_url,
            file_name=path.name,
            source_file=identity.file,
            retrieved=context.retrieved,
            title=record.title,
        )
        describe_source(data, context.minter, info, context.now)
        mapping = PureMapping(data, context, record)
        mapping.add_all()
        return [PlannedGraph(graph_iri, data, path.name, [*record.problems, *mapping.problems])]


class PureMapping:
    """Adds one record's triples to a graph."""

    def __init__(self, graph: Graph, context: ImportContext, record: PureRecord) -> None:
        self.g = graph
        self.context = context
        self.minter: Minter = context.minter
        self.record = record
        self.lang = record.language
        self.problems: list[Problem] = []

    def text(self, value: str) -> Literal:
        """Prose in the page's language (tagged only when the language is known)."""
        return Literal(value, lang=self.lang) if self.lang else Literal(value)

    def add_all(self) -> URIRef:
        record = self.record
        assert record.title, "the parser refuses nameless pages"
        project = self.minter.project(record.title)
        g = self.g
        g.add((project, RDF.type, VDK.Project))
        g.add((project, RDFS.label, self.text(record.title)))
        g.add((project, DCTERMS.title, self.text(record.title)))
        if record.acronym:
            g.add((project, VDK.acronym, Literal(record.acronym)))
        if record.short_title:
            g.add((project, VDK.shortTitle, self.text(record.short_title)))
        if record.description:
            g.add((project, DCTERMS.description, self.text(record.description)))
        if record.laymans_description:
            g.add((project, VDK.laymansDescription, self.text(record.laymans_description)))
        if record.status and not self._outdated_status(record):
            g.add((project, VDK.status, STATUS[record.status]))
        if record.start:
            g.add((project, SCHEMA.startDate, Literal(record.start.isoformat(), datatype=XSD.date)))
        if record.end:
            g.add((project, SCHEMA.endDate, Literal(record.end.isoformat(), datatype=XSD.date)))
        if record.project_type:
            g.add((project, DCTERMS.type, Literal(record.project_type)))
        if record.pure_id:
            g.add((project, VDK.pureId, Literal(record.pure_id)))
        for keyword in record.keywords:
            g.add((project, VDK.keyword, self.topic(keyword)))
        for area in record.research_areas:
            g.add((project, VDK.researchArea, self.topic(area)))
        listed: set[URIRef] = set()
        for partner in [*record.partners, *record.units]:
            org = self.organisation(partner.name)
            if org in listed:
                continue
            listed.add(org)
            self.participation(project, org, partner.name, PARTNER_ROLE[partner.role])
        for person in record.people:
            iri = self.person(person.name)
            self.participation(project, iri, person.name, PERSON_ROLE[person.role])
            if person.affiliation:
                self.position(iri, person.name, self.organisation(person.affiliation))
        for indicator in record.key_findings:
            self.indicator(project, indicator)
        return project

    def _outdated_status(self, record: PureRecord) -> bool:
        """A page read after the end date that still says "Active" (or "Planned") is out of date."""
        read_on = self.context.retrieved or self.context.now.date()
        if record.status not in ("active", "planned") or record.end is None or record.end >= read_on:
            return False
        self.problems.append(Problem(
            f"the page says '{record.status_text or record.status}' but the project ended on "
            f"{record.end.isoformat()}, before the page was read ({read_on.isoformat()}); "
            "the status is left out",
            file=record.source, field="Status", severity="warning",
        ))
        return True

    def organisation(self, name: str) -> URIRef:
        """The partner's node: a known organisation keeps its display name, the page's wording an alias."""
        iri, known = self.context.index.resolve(name, self.minter)
        label = self.context.index.label(iri, name) if known else name
        self.g.add((iri, RDF.type, VDK.Organisation))
        self.g.add((iri, RDFS.label, Literal(label)))
        if label != name:
            self.g.add((iri, SKOS.altLabel, Literal(name)))
        return iri

    def person(self, name: str) -> URIRef:
        iri = self.minter.person(name)
        self.g.add((iri, RDF.type, VDK.Person))
        self.g.add((iri, RDFS.label, Literal(name)))
        return iri

    def topic(self, label: str) -> URIRef:
        iri = self.minter.topic(label)
        self.g.add((iri, RDF.type, VDK.Topic))
        self.g.add((iri, RDF.type, SKOS.Concept))
        self.g.add((iri, RDFS.label, Literal(label)))
        self.g.add((iri, SKOS.prefLabel, Literal(label)))
        return iri

    def participation(self, project: URIRef, agent: URIRef, name: str, role: URIRef) -> URIRef:
        project_name = self.record.acronym or self.record.short_title or self.record.title or ""
        return add_participation(self.g, self.minter, project, project_name, agent, name, role)

    def position(self, person: URIRef, name: str, org: URIRef) -> None:
        node = self.minter.relation("position", person, org)
        self.g.add((node, RDF.type, VDK.Position))
        self.g.add((node, RDFS.label, Literal(f"{name} at {self.g.value(org, RDFS.label)}", lang="en")))
        self.g.add((node, VDK.holder, person))
        self.g.add((node, VDK.positionIn, org))
        self.g.add((person, VDK.holdsPosition, node))
        self.g.add((person, VDK.affiliatedWith, org))

    def indicator(self, project: URIRef, found: Indicator) -> None:
        g = self.g
        node = self.minter.hashed("indicator", project, found.sentence)
        g.add((node, RDF.type, VDK.KeyFinding))
        g.add((node, RDFS.label, self.text(found.sentence)))
        g.add((node, VDK.sourceText, self.text(found.sentence)))
        g.add((project, VDK.hasIndicator, node))
        if found.measure:
            g.add((node, VDK.measure, self.text(found.measure)))
        for prop, value in (
            (VDK.baselineValue, found.baseline),
            (VDK.targetValue, found.target),
            (VDK.changeValue, found.change),
        ):
            if value is not None:
                g.add((node, prop, Literal(value, datatype=XSD.decimal)))
        if found.unit:
            g.add((node, VDK.unit, Literal(found.unit)))
        if found.period:
            g.add((node, VDK.period, Literal(found.period, datatype=XSD.duration)))
        if found.target_year:
            g.add((node, VDK.endYear, Literal(str(found.target_year), datatype=XSD.gYear)))


def _read_text(path: Path) -> str:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        problem = Problem(f"cannot read the file: {exc.strerror}", file=path.name)
        raise ImportFailed(problems=[problem]) from None
    if b"\x00" in raw[:4096]:
        raise ImportFailed(
            problems=[
                Problem("the file is binary", file=path.name, expected="a text file copied from a Pure page")
            ]
        )
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ImportFailed(
        problems=[
            Problem("the file is not text", file=path.name, expected="a text file (UTF-8) copied from Pure")
        ]
    )
