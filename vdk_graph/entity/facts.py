"""Reading one entity's neighbourhood from the store, with the named graph of every statement.

:func:`gather` reads, in a handful of queries on any backend: the entity's own
statements in both directions; the nodes that stand for a relation
(participation, grant, investment, membership, position, indicator …) with
*their* statements, because an organisation's role in a project lives on such a
node; and a summary (labels, types, dates, status) of everything mentioned.
:func:`sources` resolves named graphs to the public URL each was derived from.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import pyoxigraph as ox

from vdk_graph.entity.model import SourceRef
from vdk_graph.errors import NotFound
from vdk_graph.namespaces import VDK_NS
from vdk_graph.results import GraphResult
from vdk_graph.terms import OxTerm, to_python
from vdk_graph.vocab import DCTERMS, PROV, RDF, RDFS, SCHEMA, SKOS, VDK

TYPE, LABEL, PREF_LABEL, TITLE = str(RDF.type), str(RDFS.label), str(SKOS.prefLabel), str(DCTERMS.title)
#: Where a display label comes from, best first.
LABEL_PROPERTIES = (LABEL, PREF_LABEL, TITLE)
#: What we read about every node the entity mentions: enough to label it and to date it in a table.
SUMMARY_PROPERTIES = (
    TYPE, *LABEL_PROPERTIES, str(VDK.acronym), str(SCHEMA.startDate), str(SCHEMA.endDate),
    str(VDK.startYear), str(VDK.endYear), str(VDK.status), str(VDK.locatedIn),
)
#: Nodes that stand for a relation: their own statements are part of the entity's story.
HUB_CLASSES = frozenset(str(c) for c in (
    VDK.Participation, VDK.LeadParticipation, VDK.Grant, VDK.Investment, VDK.Budget,
    VDK.ClusterMembership, VDK.Position, VDK.Indicator, VDK.KeyFinding, VDK.Target, VDK.Certification,
))
#: The "graph" of statements read without provenance (labels of linked things); never cited.
UNCITED = ""
#: Statements read per direction at most; a topic with more projects than this shows the first ones.
MAX_FACTS = 4000
_CHUNK = 400

Quad = tuple[str, str, OxTerm]


def node(iri: str) -> str:
    """``<iri>`` for a SPARQL query, or NotFound when the text is not an IRI (it came from a URL)."""
    try:
        return str(ox.NamedNode(iri))
    except ValueError as exc:
        raise NotFound(f"<{iri}> is not a valid IRI ({exc})") from None


def key_of(term: OxTerm) -> str:
    return term.value if isinstance(term, ox.NamedNode) else str(term)


def label_rank(property_rank: int, sources: int, text: str) -> tuple[int, int, int, str]:
    """Which of several labels in one language names a thing: rdfs:label before skos:prefLabel before
    dcterms:title; then the one most sources state; then the shortest; then the first alphabetically.

    The same rule everywhere (pages, focus map, search), so a thing has one name wherever it shows.
    """
    return (property_rank, -sources, len(text), text)


def _nested() -> Any:
    return defaultdict(lambda: defaultdict(list))


@dataclass
class Facts:
    """A small quad set around one entity, indexed both ways."""

    quads: dict[Quad, set[str]] = field(default_factory=dict)
    out: dict[str, dict[str, list[OxTerm]]] = field(default_factory=lambda: _nested())
    inc: dict[str, dict[str, list[str]]] = field(default_factory=lambda: _nested())
    truncated: bool = False

    def add(self, s: str, p: str, o: OxTerm, g: str) -> None:
        graphs = self.quads.get((s, p, o))
        if graphs is None:
            self.quads[(s, p, o)] = {g}
            self.out[s][p].append(o)
            if isinstance(o, ox.NamedNode):
                self.inc[o.value][p].append(s)
        else:
            graphs.add(g)

    def objects(self, s: str, p: str) -> list[OxTerm]:
        return list(self.out.get(s, {}).get(p, []))

    def iris(self, s: str, p: str) -> list[str]:
        return [o.value for o in self.objects(s, p) if isinstance(o, ox.NamedNode)]

    def first(self, s: str, p: str) -> OxTerm | None:
        values = self.objects(s, p)
        return values[0] if values else None

    def literal(self, s: str, p: str) -> ox.Literal | None:
        return next((o for o in self.objects(s, p) if isinstance(o, ox.Literal)), None)

    def subjects(self, p: str, o: str) -> list[str]:
        return list(self.inc.get(o, {}).get(p, []))

    def graphs(self, s: str, p: str, o: OxTerm | str) -> set[str]:
        obj = ox.NamedNode(o) if isinstance(o, str) else o
        return self.quads.get((s, p, obj), set())

    def types(self, s: str) -> set[str]:
        return set(self.iris(s, TYPE))

    def labels(self, s: str) -> dict[str, str]:
        """One label per language tag ("" for none): see :func:`label_rank` for which one."""
        found: dict[str, tuple[tuple[int, int, int, str], str]] = {}
        for rank, prop in enumerate(LABEL_PROPERTIES):
            for value in self.objects(s, prop):
                if isinstance(value, ox.Literal):
                    sources = len(self.quads.get((s, prop, value), set()) - {UNCITED})
                    key = label_rank(rank, sources, value.value)
                    lang = value.language or ""
                    if lang not in found or key < found[lang][0]:
                        found[lang] = (key, value.value)
        return {lang: text for lang, (_, text) in found.items()}

    def known(self) -> set[str]:
        return set(self.out)


# --------------------------------------------------------------------------- reading the neighbourhood


def _values(iris: list[str]) -> list[str]:
    """VALUES bodies of at most ``_CHUNK`` IRIs each (keeps every query small)."""
    ordered = sorted(iris)
    return [" ".join(node(i) for i in ordered[k:k + _CHUNK]) for k in range(0, len(ordered), _CHUNK)]


def read_out(store: Any, facts: Facts, iris: list[str], properties: tuple[str, ...] | None = None) -> None:
    """Statements about ``iris`` (only of ``properties`` when given), with their graphs.

    The properties are filtered here, not in the query: Oxigraph 0.5 plans ``VALUES ?p``
    next to ``GRAPH ?g`` as a scan of the whole store (seconds at 500k triples).
    """
    wanted = set(properties) if properties else None
    for chunk in _values(iris):
        for s, p, o, g in store.select(f"SELECT ?s ?p ?o ?g WHERE {{ VALUES ?s {{ {chunk} }} "
                                        f"GRAPH ?g {{ ?s ?p ?o }} }}").rows:
            if wanted is None or p.value in wanted:
                facts.add(s.value, p.value, o, g.value)


def read_labels(store: Any, facts: Facts, iris: Iterable[str]) -> None:
    """Types and labels of IRIs the facts do not describe yet (partners, a topic's organisations …).

    Read from the union graph, without provenance: a label names a link; the fact
    it stands in is cited on the linked page. Such statements carry the graph
    :data:`UNCITED`, which citing skips.
    """
    todo = sorted({i for i in iris if not facts.objects(i, TYPE)})
    branches = " UNION ".join(f"{{ ?s {node(p)} ?o BIND({node(p)} AS ?p) }}"
                              for p in (TYPE, *LABEL_PROPERTIES))
    for chunk in _values(todo):
        for s, p, o in store.select(f"SELECT ?s ?p ?o WHERE {{ VALUES ?s {{ {chunk} }} {branches} }}").rows:
            facts.add(s.value, p.value, o, UNCITED)


def _read_in(store: Any, facts: Facts, iris: list[str]) -> None:
    for chunk in _values(iris):
        for s, p, o, g in store.select(f"SELECT ?s ?p ?o ?g WHERE {{ VALUES ?o {{ {chunk} }} "
                                         f"GRAPH ?g {{ ?s ?p ?o }} }}").rows:
            facts.add(key_of(s), p.value, o, g.value)


def _mentioned(facts: Facts, subjects: set[str]) -> set[str]:
    found: set[str] = set()
    for (s, _, o) in facts.quads:
        if s in subjects or (isinstance(o, ox.NamedNode) and o.value in subjects):
            found.add(s)
            if isinstance(o, ox.NamedNode):
                found.add(o.value)
    return {i for i in found if not i.startswith("_:")}


def gather(store: Any, iri: str) -> Facts | None:
    """The entity's statements, its relation nodes' statements and a summary of all it mentions.

    None when the graph says nothing about ``iri`` in either direction.
    """
    subject = node(iri)
    facts = Facts()
    limit = f"LIMIT {MAX_FACTS + 1}"
    rows = list(store.select(f"SELECT ?p ?o ?g WHERE {{ GRAPH ?g {{ {subject} ?p ?o }} }} {limit}").rows)
    rows_in = list(store.select(f"SELECT ?s ?p ?g WHERE {{ GRAPH ?g {{ ?s ?p {subject} }} }} {limit}").rows)
    if not rows and not rows_in:
        return None
    facts.truncated = len(rows) > MAX_FACTS or len(rows_in) > MAX_FACTS
    target = ox.NamedNode(iri)
    for p, o, g in rows[:MAX_FACTS]:
        facts.add(iri, p.value, o, g.value)
    for s, p, g in rows_in[:MAX_FACTS]:
        facts.add(key_of(s), p.value, target, g.value)
    neighbours = _mentioned(facts, {iri}) - {iri}
    read_out(store, facts, sorted(neighbours), SUMMARY_PROPERTIES)
    hubs = sorted(n for n in neighbours if facts.types(n) & HUB_CLASSES)
    if hubs:
        read_out(store, facts, hubs)
        _read_in(store, facts, hubs)
        second = _mentioned(facts, set(hubs)) - neighbours - {iri}
        read_out(store, facts, sorted(second), SUMMARY_PROPERTIES)
    # What the summaries point at (a city's region, a partner's class) needs a label too.
    pointed = {o.value for (_, _, o) in facts.quads if isinstance(o, ox.NamedNode)} - facts.known()
    read_labels(store, facts, [i for i in pointed if not i.startswith(VDK_NS)])
    return facts


def exists(store: Any, iri: str) -> bool:
    result = store.query(f"ASK {{ {{ {node(iri)} ?p ?o }} UNION {{ ?s ?p {node(iri)} }} }}")
    return bool(getattr(result, "value", False))


def describe_rdf(store: Any, iri: str) -> GraphResult:
    """The entity's statements in both directions as RDF (what content negotiation serves)."""
    subject = node(iri)
    result = store.query(
        f"CONSTRUCT {{ {subject} ?p ?o . ?s ?q {subject} }} "
        f"WHERE {{ {{ {subject} ?p ?o }} UNION {{ ?s ?q {subject} }} }}"
    )
    assert isinstance(result, GraphResult)
    return result


def sources(store: Any, graphs: list[str]) -> dict[str, SourceRef]:
    """Where each named graph came from: its prov:wasDerivedFrom, that source's label, dates, importer.

    A graph derived from several sources (the network measures, the aggregates) is shown with the first
    of them by URL, then label: the same one whatever order the engine returns its rows in.
    """
    found: dict[str, SourceRef] = {}
    for chunk in _values(graphs):
        rows = store.select(f"""SELECT ?g ?src ?label ?title ?retrieved ?generated ?importer WHERE {{
              VALUES ?g {{ {chunk} }}
              OPTIONAL {{ ?g <{PROV.wasDerivedFrom}> ?src
                OPTIONAL {{ ?src <{LABEL}> ?label }} OPTIONAL {{ ?src <{TITLE}> ?title }}
                OPTIONAL {{ ?src <{VDK.retrieved}> ?retrieved }} }}
              OPTIONAL {{ ?g <{PROV.generatedAtTime}> ?generated }}
              OPTIONAL {{ ?g <{VDK.importer}> ?importer }} }}""").rows
        for g, src, label, title, retrieved, generated, importer in rows:
            url = src.value if isinstance(src, ox.NamedNode) else None
            text = (title or label).value if (title or label) else None
            ref = SourceRef(0, g.value, url, text, to_python(retrieved), to_python(generated),
                            importer.value if importer else None)
            kept = found.get(g.value)
            if kept is None or _source_order(ref) < _source_order(kept):
                found[g.value] = ref
    return found


def _source_order(ref: SourceRef) -> tuple[str, str, str]:
    return (ref.url or "", ref.label or "", str(ref.retrieved or ""))


__all__ = [
    "Facts", "HUB_CLASSES", "LABEL_PROPERTIES", "UNCITED", "describe_rdf", "exists", "gather", "key_of",
    "label_rank", "node", "read_labels", "read_out", "sources",
]
