"""The nodes a spreadsheet row names: names resolved to IRIs, and each node restated in the row's graph.

Names in cells become nodes through entity resolution: organisations through
the :class:`~vdk_graph.importers.resolution.OrganisationIndex` (keys, aliases, the alias
file, CVR numbers, websites), projects and people through their
:class:`~vdk_graph.importers.resolution.NameIndex`. Before any row is mapped, every
organisation, project and person a file *defines* is learnt
(:meth:`TableNodes.learn`), so a row may refer to one defined further down.

Every node a row refers to is restated in the row's graph with its type and
its one display label (the name it was first learnt under), and the name as
this source writes it, when different, as a ``skos:altLabel``: each source's
graph says what its source says, and later imports recognise the spelling.
Projects are the exception: a known project is referred to by IRI only (its
title and language live with the source that describes it); an unknown one
is created from its title, with a warning, because a typo would otherwise
silently make a second project. The pieces every kind of row shares (money, a
period, descriptions) are here too; :mod:`.mapping` says what each kind of row
states with them.
"""

from __future__ import annotations

from decimal import Decimal

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS

from vdk_graph.importers.base import ImportContext
from vdk_graph.importers.participation import add_participation
from vdk_graph.importers.table import values as v
from vdk_graph.importers.table.rules import Row
from vdk_graph.vocab import SCHEMA, VDK


class TableNodes:
    """Resolves the names of rows to nodes and restates each node once per graph."""

    def __init__(self, context: ImportContext) -> None:
        self.context = context
        self.minter = context.minter
        self.base = context.settings.base_iri
        #: (graph, node, ...) already restated, so each node is restated once per graph.
        self._stated: set[tuple[object, ...]] = set()

    # ------------------------------------------------------------------ learning what the file defines

    def learn(self, rows: list[Row]) -> None:
        """Resolve (and remember) every organisation, person and project the rows define."""
        index = self.context.index
        for row in rows:
            if row.kind == "organisations":
                iri = self._organisation_iri(row)
                for alias in [*row.get("aliases", []), *([row.get("acronym")] if row.get("acronym") else [])]:
                    known = index.find(alias)
                    if known is not None and known != iri:
                        row.warn(
                            f"the alias '{alias}' already names <{known}>; it is not used to find this "
                            "organisation (confirm the right one in data/aliases.csv)",
                            "aliases",
                        )
                    else:
                        index.learn(iri, alias=[alias])
            elif row.kind == "people" or (
                row.kind == "participations" and row.get("participant_type") == "person"
            ):
                name = row.get("name") or row.get("participant")
                self.context.people.learn(self._person_iri(name), name)
            elif row.kind == "projects":
                iri = self._project_iri(row.get("title"), row.get("acronym"))
                self.context.projects.learn(
                    iri, row.get("title"), [x for x in (row.get("acronym"), row.get("short_title")) if x]
                )

    def _organisation_iri(self, row: Row) -> URIRef:
        name = row.get("name")
        if self._is_iri(name):
            return URIRef(name)
        website = str(row.get("website")) if row.get("website") else None
        iri, _ = self.context.index.resolve(name, self.minter, cvr=row.get("cvr"), website=website)
        return iri

    def _person_iri(self, name: str) -> URIRef:
        if self._is_iri(name):
            return URIRef(name)
        return self.context.people.find(name) or self.minter.person(name)

    def _project_iri(self, title: str, acronym: str | None = None) -> URIRef:
        """A known project by its title, else by its acronym (a source may give another language's title)."""
        if self._is_iri(title):
            return URIRef(title)
        projects = self.context.projects
        return projects.find(title) or (acronym and projects.find(acronym)) or self.minter.project(title)

    def _is_iri(self, text: str) -> bool:
        return text.startswith(self.base)

    # ------------------------------------------------------------------ shared pieces

    def organisation(self, g: Graph, name: str, cls: URIRef = VDK.Organisation) -> URIRef:
        if self._is_iri(name):
            return URIRef(name)
        iri, _ = self.context.index.resolve(name, self.minter)
        if self._first(g, iri, cls, name):
            g.add((iri, RDF.type, cls))
            self._labels(g, iri, name, self.context.index.label(iri, name))
        return iri

    def person(self, g: Graph, name: str) -> URIRef:
        iri = self._person_iri(name)
        if not self._is_iri(name) and self._first(g, iri, VDK.Person, name):
            g.add((iri, RDF.type, VDK.Person))
            self._labels(g, iri, name, self._person_label(iri, name))
        return iri

    def _first(self, g: Graph, *what: object) -> bool:
        """True the first time a node is restated in a graph (a big sheet names the same partner often)."""
        key = (id(g), *what)
        if key in self._stated:
            return False
        self._stated.add(key)
        return True

    def agent(self, g: Graph, name: str) -> URIRef:
        """A person if the name is a known person's, else an organisation."""
        if not self._is_iri(name) and self.context.people.find(name) is not None:
            return self.person(g, name)
        return self.organisation(g, name)

    def project(self, g: Graph, row: Row, name: str) -> URIRef:
        known = URIRef(name) if self._is_iri(name) else self.context.projects.find(name)
        if known is not None:
            return known
        iri = self.minter.project(name)
        row.warn(
            f"'{name}' is not a known project (title, short title or acronym); a new project is created "
            "with this title (check the spelling, or add the project to a projects sheet)",
            "project",
        )
        g.add((iri, RDF.type, VDK.Project))
        g.add((iri, RDFS.label, Literal(name)))
        g.add((iri, DCTERMS.title, Literal(name)))
        self.context.projects.learn(iri, name)
        return iri

    def participation(
        self, g: Graph, project: URIRef, project_name: str, who: str, role: URIRef, *, person: bool = False
    ) -> None:
        agent = self.person(g, who) if person else self.organisation(g, who)
        label = self._person_label(agent, who) if person else self.context.index.label(agent, who)
        add_participation(g, self.minter, project, project_name, agent, label, role)

    def place(self, g: Graph, name: str, cls: URIRef) -> URIRef:
        if self._is_iri(name):
            return URIRef(name)
        iri = self.minter.place(name)
        if self._first(g, iri, cls, name):
            g.add((iri, RDF.type, cls))
            g.add((iri, RDFS.label, Literal(name)))
        return iri

    def topic(self, g: Graph, label: str) -> URIRef:
        iri = self.minter.topic(label)
        if self._first(g, iri, label):
            g.add((iri, RDF.type, VDK.Topic))
            g.add((iri, RDF.type, SKOS.Concept))
            g.add((iri, RDFS.label, Literal(label)))
            g.add((iri, SKOS.prefLabel, Literal(label)))
        return iri

    def programme(self, g: Graph, name: str) -> URIRef:
        if self._is_iri(name):
            return URIRef(name)
        iri = self.minter.named("programme", name)
        if self._first(g, iri, name):
            g.add((iri, RDF.type, VDK.FundingProgramme))
            g.add((iri, RDFS.label, Literal(name)))
        return iri

    def money(self, g: Graph, node: URIRef, row: Row, *, annual: bool = False) -> None:
        """The amount with its currency; an amount per year is a vdk:annualAmount, never a vdk:amount."""
        amount: v.Amount | None = row.get("amount")
        if amount is None:
            return
        g.add((node, VDK.annualAmount if annual else VDK.amount, v.decimal_literal(Decimal(amount.value))))
        g.add((node, VDK.currency, Literal(row.get("currency") or amount.currency)))

    def period(self, g: Graph, node: URIRef, row: Row) -> None:
        """Start and end as xsd:date, or as years when the day is not given (a month is kept as its year)."""
        for column, day_property, year_property in (
            ("start", SCHEMA.startDate, VDK.startYear),
            ("end", SCHEMA.endDate, VDK.endYear),
        ):
            when: v.PartialDate | None = row.get(column)
            if when is None:
                continue
            if when.is_day:
                g.add((node, day_property, when.literal()))
                continue
            g.add((node, year_property, v.year_literal(when.year)))
            if when.month is not None:
                row.warn(
                    f"'{when}' is recorded as the year {when.year}: a period's start and end are days or "
                    "years (the ontology has no month for them)",
                    column,
                )

    def _descriptions(self, g: Graph, node: URIRef, row: Row) -> None:
        for column, lang in (("description_en", "en"), ("description_da", "da")):
            if row.get(column):
                g.add((node, DCTERMS.description, Literal(row.get(column), lang=lang)))

    def _labels(self, g: Graph, iri: URIRef, written: str, label: str) -> None:
        g.add((iri, RDFS.label, Literal(label)))
        if written != label:
            g.add((iri, SKOS.altLabel, Literal(written)))

    def _person_label(self, iri: URIRef, fallback: str) -> str:
        return self.context.people.labels.get(iri, fallback)
