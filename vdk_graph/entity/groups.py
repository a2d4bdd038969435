"""The building blocks of an entity page: labels, typed values, citations, and groups every kind shares.

A :class:`Builder` wraps the gathered :class:`~vdk_graph.entity.facts.Facts` of one
entity. Group functions ask it for values (:meth:`Builder.ref`,
:meth:`Builder.value`, :meth:`Builder.period`, :meth:`Builder.money`) and cite the
statements they show (:meth:`Builder.cite`): citing marks a statement as shown
and returns its source numbers. :meth:`Builder.other_facts` then lists every
statement of the entity that no group showed — nothing is hidden. The groups of
each kind live in :mod:`vdk_graph.entity.kinds`.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from typing import Any

import pyoxigraph as ox
from rdflib import URIRef
from rdflib.namespace import RDFS as RDFS_NS

from vdk_graph.entity.facts import LABEL, TITLE, TYPE, UNCITED, Facts, Quad, node
from vdk_graph.entity.model import Group, Row, Value, literal_value, pick
from vdk_graph.namespaces import VDK_NS
from vdk_graph.ontology import load_ontology, term_labels
from vdk_graph.terms import OxTerm
from vdk_graph.texts import Texts
from vdk_graph.vocab import DCTERMS, FOAF, OWL, PROV, RDF, SCHEMA, SKOS, VDK

V = {name: str(getattr(VDK, name)) for name in (
    "acronym", "shortTitle", "amount", "annualAmount", "currency", "annual", "startYear", "endYear",
    "website",
)}
START, END, DATE = str(SCHEMA.startDate), str(SCHEMA.endDate), str(DCTERMS.date)
ALT_LABEL = str(SKOS.altLabel)
#: Names of a thing, in the order the names group lists them.
NAME_PROPERTIES = (LABEL, str(SKOS.prefLabel), ALT_LABEL, TITLE, V["acronym"], V["shortTitle"],
                   str(DCTERMS.alternative))
#: Labels of the standard terms we use (the ontology labels its own in both languages).
EXTERNAL_LABELS = Texts((
    (str(RDF.type), "kind", "art"),
    (LABEL, "name", "navn"),
    (str(SKOS.prefLabel), "preferred name", "foretrukket navn"),
    (ALT_LABEL, "also known as", "også kendt som"),
    (str(SKOS.definition), "definition", "definition"),
    (str(SKOS.broader), "broader", "bredere"),
    (str(SKOS.narrower), "narrower", "snævrere"),
    (TITLE, "title", "titel"),
    (str(DCTERMS.alternative), "alternative title", "alternativ titel"),
    (str(DCTERMS.description), "description", "beskrivelse"),
    (DATE, "date", "dato"),
    (str(DCTERMS.identifier), "identifier", "identifikator"),
    (str(DCTERMS.creator), "created by", "skabt af"),
    (str(DCTERMS.type), "type", "type"),
    (str(DCTERMS.relation), "related to", "relateret til"),
    (str(DCTERMS.subject), "subject", "emne"),
    (str(DCTERMS.source), "source", "kilde"),
    (str(RDFS_NS.comment), "comment", "kommentar"),
    (str(RDFS_NS.seeAlso), "see also", "se også"),
    (str(OWL.sameAs), "same as", "samme som"),
    (START, "start date", "startdato"),
    (END, "end date", "slutdato"),
    (str(PROV.wasDerivedFrom), "derived from", "afledt af"),
    (str(PROV.generatedAtTime), "generated at", "dannet"),
    (str(FOAF.homepage), "homepage", "hjemmeside"),
    ("period", "period", "periode"),
))


@cache
def superclasses(cls: str) -> frozenset[str]:
    """The class and all its named superclasses in the ontology."""
    graph = load_ontology()
    return frozenset(str(c) for c in graph.transitive_objects(URIRef(cls), RDFS_NS.subClassOf)
                     if isinstance(c, URIRef))


def most_specific(types: Iterable[str]) -> list[str]:
    """The vdk classes among ``types`` that no other of them is a subclass of."""
    ours = [t for t in types if t.startswith(VDK_NS)]
    return sorted(t for t in ours if not any(t != o and t in superclasses(o) for o in ours))


def local_name(iri: str) -> str:
    return iri.rstrip("/").rsplit("#", 1)[-1].rsplit("/", 1)[-1]


class Builder:
    """Values, labels and citations for one entity's page, in one language."""

    def __init__(self, facts: Facts, iri: str, lang: str, base: str) -> None:
        self.facts, self.iri, self.lang, self.base = facts, iri, lang, base
        self.vocabulary = term_labels(lang)
        self.used: set[Quad] = set()
        self.numbers: dict[str, int] = {}

    @property
    def node(self) -> str:
        """The entity as a SPARQL term."""
        return node(self.iri)

    # ---------------------------------------------------------------- citing

    def quad(self, s: str, p: str, o: OxTerm | str) -> Quad:
        return (s, p, ox.NamedNode(o) if isinstance(o, str) else o)

    def cite(self, quads: Iterable[Quad]) -> list[int]:
        """Mark statements as shown; the numbers of the sources stating them."""
        numbers: set[int] = set()
        for q in quads:
            graphs = self.facts.quads.get(q)
            if graphs is None:
                continue
            self.used.add(q)
            for g in sorted(graphs - {UNCITED}):
                numbers.add(self.numbers.setdefault(g, len(self.numbers) + 1))
        return sorted(numbers)

    # ---------------------------------------------------------------- labels

    def label(self, iri: str) -> str:
        if iri in self.vocabulary:
            return self.vocabulary[iri]
        return pick(self.facts.labels(iri), self.lang) or self.property_label(iri)

    def has_label(self, iri: str) -> bool:
        return bool(self.facts.labels(iri)) or iri in self.vocabulary

    def property_label(self, iri: str) -> str:
        return self.vocabulary.get(iri) or EXTERNAL_LABELS.get(iri, self.lang) or local_name(iri)

    def is_a(self, iri: str, cls: str) -> bool:
        return any(cls in superclasses(t) for t in self.facts.types(iri))

    def class_label(self, iri: str) -> str | None:
        classes = most_specific(self.facts.types(iri))
        return ", ".join(self.label(c) for c in classes) or None

    # ---------------------------------------------------------------- values

    def ref(self, iri: str, quads: Iterable[Quad] = ()) -> Value:
        """A link to a thing: labelled, with its class, citing ``quads``."""
        if iri.startswith(VDK_NS):
            return Value("term", iri, label=self.label(iri), sources=self.cite(quads))
        if not iri.startswith(self.base) and not self.has_label(iri):
            return Value("url", iri, sources=self.cite(quads))
        return Value("ref", iri, label=self.label(iri), kind=self.class_label(iri), sources=self.cite(quads))

    def value(self, s: str, p: str, o: OxTerm) -> Value:
        """The object of one statement, typed and cited."""
        q = self.quad(s, p, o)
        if isinstance(o, ox.NamedNode):
            return self.ref(o.value, [q])
        shown = literal_value(o)
        shown.sources = self.cite([q])
        return shown

    def values(self, s: str, p: str) -> list[Value]:
        """The objects of ``s p``, in an order of their own (by label, then value), not the engine's:
        two stores holding the same data show the same page."""
        shown = [self.value(s, p, o) for o in self.facts.objects(s, p)]
        return sorted(shown, key=_value_order)

    def refs_in(self, p: str, o: str) -> list[Value]:
        """Things pointing at ``o`` with ``p`` (the inverse direction), cited."""
        return [self.ref(s, [self.quad(s, p, o)]) for s in self.facts.subjects(p, o)]

    def period(self, s: str) -> Value | None:
        """Start and end of ``s`` as one value: dates where known, else years."""
        start = self.facts.first(s, START) or self.facts.first(s, V["startYear"])
        end = self.facts.first(s, END) or self.facts.first(s, V["endYear"])
        if start is None and end is None:
            return None
        quads = [self.quad(s, p, o) for p, o in ((START, start), (V["startYear"], start), (END, end),
                                                  (V["endYear"], end)) if o is not None]
        first, last = (literal_value(t).value if t is not None else None for t in (start, end))
        return Value("period", first, end=last, sources=self.cite(quads))

    def money(self, s: str) -> Value | None:
        """An amount with its currency (and "per year" when annual), as one value."""
        prop = "amount"
        amount = self.facts.first(s, V["amount"])
        if not isinstance(amount, ox.Literal):
            prop, amount = "annualAmount", self.facts.first(s, V["annualAmount"])
            if not isinstance(amount, ox.Literal):
                return None
        currency = self.facts.literal(s, V["currency"])
        annual = self.facts.literal(s, V["annual"])
        quads = [self.quad(s, V[p], t) for p, t in ((prop, amount), ("currency", currency),
                                                    ("annual", annual)) if t is not None]
        shown = literal_value(amount)
        per_year = prop == "annualAmount" or (annual is not None and annual.value in ("true", "1"))
        return Value("money", shown.value, unit=currency.value if currency else None,
                     note="annual" if per_year else None, sources=self.cite(quads))

    def date(self, s: str) -> Value | None:
        term = self.facts.first(s, DATE) or self.facts.first(s, START)
        if term is None:
            return None
        shown = literal_value(term)
        shown.sources = self.cite([self.quad(s, DATE, term), self.quad(s, START, term)])
        return shown

    # ---------------------------------------------------------------- common groups

    def properties(self, key: str, s: str, props: Iterable[str], period: bool = False,
                   money: bool = False) -> Group | None:
        """A two-column table (property, values) of ``props`` of ``s``, in that order."""
        rows: list[Row] = []
        if period and (shown := self.period(s)):
            rows.append(self.row("period", [shown]))
        if money and (amount := self.money(s)):
            rows.append(self.row(V["amount"], [amount]))
        for p in props:
            values = self.values(s, p)
            if values:
                rows.append(self.row(p, values))
        return Group(key, ["property", "value"], rows, style="properties") if rows else None

    def row(self, p: str, values: list[Value], inverse: bool = False) -> Row:
        shown = Value("property", p, label=self.property_label(p), note="inverse" if inverse else None)
        return Row({"property": [shown], "value": values})

    def names(self) -> Group | None:
        """Every name of the entity, each with its language."""
        group = self.properties("names", self.iri, NAME_PROPERTIES)
        # Types are shown as the page's kind badges: cite them so they are not "other facts".
        self.cite(self.quad(self.iri, TYPE, t) for t in self.facts.iris(self.iri, TYPE))
        return group

    def tags(self, key: str, s: str, props: Iterable[str]) -> Group | None:
        unique: dict[Any, Value] = {}
        for p in props:
            for v in self.values(s, p):
                unique.setdefault(v.value, v)
        values = list(unique.values())
        values.sort(key=lambda v: (v.label or str(v.value)).casefold())
        return Group(key, ["value"], [Row({"value": values})], style="tags") if values else None

    def table(self, key: str, columns: list[str], rows: list[Row], note: str | None = None) -> Group | None:
        return Group(key, columns, rows, note=note) if rows else None

    def other_facts(self) -> Group | None:
        """Every statement of the entity (either direction) that no group showed."""
        rows: list[Row] = []
        own = [q for q in self.facts.quads if q not in self.used and (q[0] == self.iri or (
            isinstance(q[2], ox.NamedNode) and q[2].value == self.iri))]
        for s, p, o in sorted(own, key=lambda q: (q[0] != self.iri, self.property_label(q[1]), str(q[2]))):
            if s == self.iri:
                rows.append(self.row(p, [self.value(s, p, o)]))
            else:
                rows.append(self.row(p, [self.ref(s, [(s, p, o)])], inverse=True))
        return Group("other", ["property", "value"], rows, style="properties") if rows else None


__all__ = ["Builder", "EXTERNAL_LABELS", "NAME_PROPERTIES", "local_name", "most_specific", "superclasses"]


def _value_order(value: Value) -> tuple[str, str, str]:
    """Values of one property by what they show, then what they are (the engine's order is arbitrary)."""
    return str(value.label or value.value or "").casefold(), str(value.value), value.lang or ""
