"""A synthetic ecosystem as RDF: its triples, quads and provenance, streamed to a file.

The triples are generated lazily and handed straight to ``pyoxigraph.serialize``, so
memory stays flat at any size. Output is byte-stable: the objects are walked in list
order and the provenance is sorted and stamped with :data:`REFERENCE_DATE`.
"""

from __future__ import annotations

import datetime as dt
import itertools
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Literal, TypeVar

import pyoxigraph as ox
from rdflib import Graph, URIRef

from vdk_graph.importers.provenance import SourceInfo, describe_source
from vdk_graph.iris import Minter
from vdk_graph.namespaces import PREFIXES
from vdk_graph.synth.model import REFERENCE_DATE, SynthEcosystem, iri_key
from vdk_graph.synth.vocabulary import CITIES, REGIONS, TOPIC_LABELS, TOPICS
from vdk_graph.terms import graph_to_triples
from vdk_graph.vocab import DCTERMS, RDF, RDFS, SCHEMA, SKOS, VDK, XSD

Format = Literal["nt", "nq", "ttl"]
FORMATS: dict[str, ox.RdfFormat] = {
    "nt": ox.RdfFormat.N_TRIPLES, "nq": ox.RdfFormat.N_QUADS, "ttl": ox.RdfFormat.TURTLE,
}
#: Turtle prefixes for the synthetic IRIs (path segment under {base}synthetic/).
SYNTHETIC_PREFIXES = {
    "sorg": "organisation", "sproj": "project", "spart": "participation", "sgrant": "grant",
    "sinv": "investment", "smem": "membership", "stopic": "topic", "splace": "place", "sprog": "programme",
    "ssrc": "source",
}
T = TypeVar("T")


def _node(iri: object) -> ox.NamedNode:
    return ox.NamedNode(str(iri))


TYPE, LABEL, PREF_LABEL = _node(RDF.type), _node(RDFS.label), _node(SKOS.prefLabel)
TITLE, DESCRIPTION, DATE = _node(DCTERMS.title), _node(DCTERMS.description), _node(DCTERMS.date)
START, END, SKOS_CONCEPT = _node(SCHEMA.startDate), _node(SCHEMA.endDate), _node(SKOS.Concept)
#: The vdk terms used, by name (the closed namespace rejects a misspelt one at import).
V = {name: _node(getattr(VDK, name)) for name in (
    "Organisation", "Project", "Participation", "Topic", "City", "Region", "Country", "FundingProgramme",
    "Grant", "Investment", "ClusterMembership", "LeadPartner", "ProjectPartner", "Finished", "Active",
    "Planned", "synthetic", "basedIn", "locatedIn", "foundingYear", "field", "keyword", "status",
    "partOfProgramme", "hasLeadPartner", "hasParticipation", "participant", "role", "participatesIn",
    "awardedBy", "recipient", "grantFor", "amount", "currency", "investor", "investee", "stakePercent",
    "cluster", "hasMembership", "memberOf", "startYear", "endYear", "fundedBy",
)}
XSD_DATE, XSD_DECIMAL, XSD_GYEAR = _node(XSD.date), _node(XSD.decimal), _node(XSD.gYear)
TRUE = ox.Literal("true", datatype=_node(XSD.boolean))
DKK = ox.Literal("DKK")

TermTriple = tuple[ox.NamedNode, ox.NamedNode, ox.NamedNode | ox.Literal]


def triples(ecosystem: SynthEcosystem) -> Iterator[ox.Triple]:
    """Every triple of the ecosystem (the provenance is separate), streamed."""
    for s, p, o in _terms(ecosystem):
        yield ox.Triple(s, p, o)


def quads(ecosystem: SynthEcosystem, graph_iri: str | None = None) -> Iterator[ox.Quad]:
    """Provenance and triples as quads in one named graph, streamed."""
    g = ox.NamedNode(graph_iri or ecosystem.graph_iri)
    for t in provenance_triples(ecosystem, graph_iri):
        yield ox.Quad(t.subject, t.predicate, t.object, g)
    for s, p, o in _terms(ecosystem):
        yield ox.Quad(s, p, o, g)


def provenance_triples(ecosystem: SynthEcosystem, graph_iri: str | None = None) -> list[ox.Triple]:
    """The description of the source graph (a dozen triples, sorted so the output stays byte-stable)."""
    graph = Graph()
    orgs, seed = len(ecosystem.orgs), ecosystem.seed
    first_year, last_year = ecosystem.first_year, ecosystem.last_year
    hubs = ecosystem.model != "communities"
    info = SourceInfo(
        graph=URIRef(graph_iri or ecosystem.graph_iri),
        label=f"Synthetic ecosystem{' (' + ecosystem.model + ')' if hubs else ''}: {orgs} organisations, "
              f"seed {seed}, {first_year}–{last_year}",
        importer="synth",
        url=None,
        file_name=f"synthetic-{ecosystem.model + '-' if hubs else ''}{seed}-{orgs}",
        title=f"vdk_graph.synth.{ecosystem.model + '.' if hubs else ''}generate({orgs}, seed={seed}, "
              f"first_year={first_year}, last_year={last_year})",
        synthetic=True,
    )
    now = dt.datetime.combine(REFERENCE_DATE, dt.time(), tzinfo=dt.UTC)
    describe_source(graph, Minter(ecosystem.root), info, now=now)
    return sorted(graph_to_triples(graph), key=str)


def write(ecosystem: SynthEcosystem, path: str | os.PathLike[str], fmt: Format = "nt") -> int:
    """Stream the ecosystem and its provenance to ``path``; returns the number of triples written.

    One ``pyoxigraph.serialize`` call consumes the generator as it writes, so memory stays
    flat at any size (and Turtle gets one prefix header). The file appears only when complete.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; one of {', '.join(FORMATS)}")
    target = Path(path)
    partial = target.with_name(target.name + ".part")
    count = 0

    def counted(items: Iterable[T]) -> Iterator[T]:
        nonlocal count
        for item in items:
            count += 1
            yield item

    try:
        if fmt == "nq":
            ox.serialize(counted(quads(ecosystem)), str(partial), FORMATS[fmt])
        else:
            stream = itertools.chain(provenance_triples(ecosystem), triples(ecosystem))
            prefixes = PREFIXES | {p: f"{ecosystem.root}{kind}/" for p, kind in SYNTHETIC_PREFIXES.items()}
            ox.serialize(counted(stream), str(partial), FORMATS[fmt],
                         prefixes=prefixes if fmt == "ttl" else None)
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    return count


def format_for(path: str | os.PathLike[str]) -> Format:
    """The format a file name asks for (``.nq``, ``.ttl``), N-Triples otherwise."""
    suffix = Path(path).suffix.lower()
    return "nq" if suffix == ".nq" else "ttl" if suffix == ".ttl" else "nt"


def curated_data_folder(path: str | os.PathLike[str]) -> Path | None:
    """The curated data folder (named ``data``, holding a manifest.toml) that ``path`` is in, if any.

    Synthetic data must never be mixed with the curated sources: ``build`` would load it as real.
    """
    for folder in Path(path).resolve().parents:
        if folder.name == "data" and (folder / "manifest.toml").is_file():
            return folder
    return None


# --- The triples as term tuples, so quads need not build a Triple first (a Triple with a literal is slow)

def _terms(eco: SynthEcosystem) -> Iterator[TermTriple]:
    yield from _vocabulary_terms(eco)
    org_node = {org.iri: ox.NamedNode(org.iri) for org in eco.orgs}
    name = {org.iri: org.name for org in eco.orgs}
    topic = {label: ox.NamedNode(eco.topic_iri(label)) for label in TOPIC_LABELS}
    city = {c: ox.NamedNode(eco.place_iri(c)) for c, _, _ in CITIES}
    synthetic, field_, keyword = V["synthetic"], V["field"], V["keyword"]
    for org in eco.orgs:
        s = org_node[org.iri]
        yield s, TYPE, ox.NamedNode(org.kind)
        yield s, TYPE, V["Organisation"]
        yield s, LABEL, ox.Literal(org.label)
        yield s, synthetic, TRUE
        yield s, V["basedIn"], city[org.city]
        yield s, V["foundingYear"], _year(org.founded)
        for label in org.topics:
            yield s, field_, topic[label]
    roles = ((V["LeadPartner"], "lead partner"), (V["ProjectPartner"], "project partner"))
    participation, has_participation = V["Participation"], V["hasParticipation"]
    participant, role_p, participates = V["participant"], V["role"], V["participatesIn"]
    for project in eco.projects:
        s = ox.NamedNode(project.iri)
        title = ox.Literal(project.title, language="en")
        yield s, TYPE, V["Project"]
        yield s, LABEL, title
        yield s, TITLE, title
        yield s, DESCRIPTION, ox.Literal(project.description, language="en")
        yield from _period(s, project.start, project.end)
        yield s, V["status"], V[project.status]
        yield s, synthetic, TRUE
        for label in project.topics:
            yield s, keyword, topic[label]
        if project.programme:
            yield s, V["partOfProgramme"], ox.NamedNode(project.programme)
        yield s, V["hasLeadPartner"], org_node[project.lead]
        key = iri_key(project.iri)
        for i, org_iri in enumerate(project.partners):
            role, words = roles[0] if i == 0 else roles[1]
            node = ox.NamedNode(f"{eco.root}participation/{key}--{iri_key(org_iri)}")
            label = f"{name[org_iri]} in {project.codename} ({words})"
            yield node, TYPE, participation
            yield node, LABEL, ox.Literal(label, language="en")
            yield node, participant, org_node[org_iri]
            yield node, role_p, role
            yield s, has_participation, node
            yield org_node[org_iri], participates, s
    for grant in eco.grants:
        s = ox.NamedNode(grant.iri)
        yield from _described(s, V["Grant"], grant.label)
        yield s, V["awardedBy"], org_node[grant.funder]
        yield s, V["recipient"], org_node[grant.recipient]
        yield s, V["grantFor"], ox.NamedNode(grant.project)
        yield from _money(s, grant.amount)
        yield from _period(s, grant.start, grant.end)
        if grant.programme:
            yield s, V["partOfProgramme"], ox.NamedNode(grant.programme)
    for inv in eco.investments:
        s = ox.NamedNode(inv.iri)
        yield from _described(s, V["Investment"], inv.label)
        yield s, V["investor"], org_node[inv.investor]
        yield s, V["investee"], org_node[inv.investee]
        yield from _money(s, inv.amount)
        yield s, DATE, _date(inv.date)
        yield s, V["stakePercent"], ox.Literal(inv.stake, datatype=XSD_DECIMAL)
    for m in eco.memberships:
        s = ox.NamedNode(m.iri)
        yield s, TYPE, V["ClusterMembership"]
        yield s, LABEL, ox.Literal(m.label, language="en")
        yield s, V["cluster"], org_node[m.cluster]
        yield s, V["startYear"], _year(m.since)
        yield org_node[m.member], V["hasMembership"], s
        yield org_node[m.member], V["memberOf"], org_node[m.cluster]


def _vocabulary_terms(eco: SynthEcosystem) -> Iterator[TermTriple]:
    """Topics, places and programmes: what the organisations and projects point to."""
    synthetic = V["synthetic"]
    for _, en, da in TOPICS:
        s = ox.NamedNode(eco.topic_iri(en))
        yield s, TYPE, V["Topic"]
        yield s, TYPE, SKOS_CONCEPT
        for lang, text in (("en", en), ("da", da)):
            yield s, LABEL, ox.Literal(text, language=lang)
            yield s, PREF_LABEL, ox.Literal(text, language=lang)
        yield s, synthetic, TRUE
    country = ox.NamedNode(eco.place_iri("Danmark"))
    yield country, TYPE, V["Country"]
    yield country, LABEL, ox.Literal("Danmark", language="da")
    yield country, LABEL, ox.Literal("Denmark", language="en")
    yield country, synthetic, TRUE
    places = [(region, V["Region"], country) for region in REGIONS]
    places += [(c, V["City"], ox.NamedNode(eco.place_iri(region))) for c, region, _ in CITIES]
    for place, kind, container in places:
        s = ox.NamedNode(eco.place_iri(place))
        yield s, TYPE, kind
        yield s, LABEL, ox.Literal(place)
        yield s, V["locatedIn"], container
        yield s, synthetic, TRUE
    for programme in eco.programmes:
        s = ox.NamedNode(programme.iri)
        yield from _described(s, V["FundingProgramme"], programme.label)
        yield s, V["startYear"], _year(programme.start_year)
        yield s, V["endYear"], _year(programme.end_year)
        yield s, V["fundedBy"], ox.NamedNode(programme.funder)


def _described(s: ox.NamedNode, kind: ox.NamedNode, label: str) -> Iterator[TermTriple]:
    """The head of a grant, investment or programme: its class, English label and synthetic flag."""
    yield s, TYPE, kind
    yield s, LABEL, ox.Literal(label, language="en")
    yield s, V["synthetic"], TRUE


def _money(s: ox.NamedNode, amount: int) -> Iterator[TermTriple]:
    yield s, V["amount"], ox.Literal(str(amount), datatype=XSD_DECIMAL)
    yield s, V["currency"], DKK


def _period(s: ox.NamedNode, start: dt.date, end: dt.date) -> Iterator[TermTriple]:
    yield s, START, _date(start)
    yield s, END, _date(end)


def _date(day: dt.date) -> ox.Literal:
    return ox.Literal(day.isoformat(), datatype=XSD_DATE)


def _year(year: int) -> ox.Literal:
    return ox.Literal(str(year), datatype=XSD_GYEAR)
