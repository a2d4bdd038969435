"""Provenance of every named graph: where its facts came from, when, and by which importer.

Each import writes one named graph that describes itself (the description
lives inside the graph, so replacing the graph replaces its provenance too):

    <…/graph/pure/seed> a vdk:SourceGraph ;
        rdfs:label "Pure page seed.txt" ;
        prov:wasDerivedFrom <https://www.ucviden.dk/en/projects/…> ;
        prov:generatedAtTime "2026-11-29T10:00:00+00:00"^^xsd:dateTime ;
        vdk:importer "pure" ;
        vdk:sourceFile "pure/seed.txt" .

``SELECT ?src WHERE { GRAPH ?g { <fact pattern> } ?g prov:wasDerivedFrom ?src }``
then answers "where did this fact come from?".
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, XSD

from vdk_graph import __version__
from vdk_graph.iris import Minter
from vdk_graph.vocab import VDK


@dataclass(frozen=True)
class SourceInfo:
    """What an importer knows about the source it reads."""

    #: The named graph the source's facts go into.
    graph: URIRef
    #: A short human label, e.g. the file name.
    label: str
    #: Importer name: pure, table, rdf, build, reason, synth ...
    importer: str
    #: The public URL the facts were read from, when known.
    url: str | None = None
    #: The file the import read, when there is one.
    file_name: str | None = None
    #: Which file exactly: its path under the data folder, else its absolute path (see importers/identity.py).
    source_file: str | None = None
    #: The date the source was read (by a curator), when known.
    retrieved: dt.date | None = None
    title: str | None = None
    synthetic: bool = False


def source_iri(minter: Minter, info: SourceInfo) -> URIRef:
    """The thing the graph was derived from: the public URL, else a node for the file."""
    if info.url:
        return URIRef(info.url)
    return minter.named("source", f"file {info.file_name or info.label}")


def describe_source(graph: Graph, minter: Minter, info: SourceInfo, now: dt.datetime | None = None) -> URIRef:
    """Add the provenance description of ``info.graph`` to ``graph`` and return the source node."""
    when = (now or dt.datetime.now(dt.UTC)).replace(microsecond=0)
    g = info.graph
    source = source_iri(minter, info)
    graph.add((g, RDF.type, VDK.SourceGraph))
    graph.add((g, RDFS.label, Literal(info.label)))
    graph.add((g, PROV.wasDerivedFrom, source))
    graph.add((g, PROV.generatedAtTime, Literal(when.isoformat(), datatype=XSD.dateTime)))
    graph.add((g, VDK.importer, Literal(info.importer)))
    graph.add((g, DCTERMS.creator, Literal(f"vdk-graph {__version__}")))
    if info.source_file:
        graph.add((g, VDK.sourceFile, Literal(info.source_file)))
    if info.synthetic:
        graph.add((g, VDK.synthetic, Literal(True)))
    graph.add((source, RDF.type, VDK.Source))
    graph.add((source, RDFS.label, Literal(info.title or info.url or info.file_name or info.label)))
    if info.title:
        graph.add((source, DCTERMS.title, Literal(info.title)))
    if info.file_name and not info.url:
        graph.add((source, DCTERMS.identifier, Literal(info.file_name)))
    if info.retrieved:
        graph.add((source, VDK.retrieved, Literal(info.retrieved.isoformat(), datatype=XSD.date)))
    if info.synthetic:
        graph.add((source, VDK.synthetic, Literal(True)))
    return source
