"""The three reads of the store the matchmaking index makes besides the network projection.

Texts (titles and descriptions, for TF-IDF), places with their IRIs and labels
(the projection keeps a label, a suggestion names the city and the region), and
every organisation class of each organisation (the projection keeps one kind;
"a company that invests" needs both). :func:`~vdk_graph.matchmaking.index.build_index`
takes what these return.

Each read may be restricted to some subjects (``only``): after a small write the index is
updated from the subjects it touched (:mod:`~vdk_graph.matchmaking.index_update`), and a
restricted read must give for them exactly what a full read gives. So nothing here depends
on the order the store returns rows in: texts are sorted, and of several places or regions
the choice is by value.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

import pyoxigraph as ox

from vdk_graph.kinds import ORGANISATION_KINDS
from vdk_graph.matchmaking.index_model import Place
from vdk_graph.place_choice import most_precise
from vdk_graph.queries.values import iri_values
from vdk_graph.store.base import Store


def values_of(var: str, only: Iterable[str] | None) -> str:
    """A ``VALUES`` clause binding ``?var`` to ``only`` (nothing when None: the whole store)."""
    return "" if only is None else iri_values(var, only)


def read_texts(store: Store, only: Iterable[str] | None = None) -> dict[str, list[str]]:
    """Titles, descriptions and layman's descriptions of everything that has them (or of ``only``),
    by subject, each subject's texts sorted."""
    texts: dict[str, list[str]] = defaultdict(list)
    for row in store.select(f"""SELECT ?s ?text WHERE {{ {values_of("s", only)}
                                ?s dcterms:title|dcterms:description|dcterms:abstract
                                   |vdk:laymansDescription|vdk:shortTitle ?text }}""").dicts():
        texts[row["s"]].append(str(row["text"]))
    for found in texts.values():
        found.sort()
    return texts


def read_places(store: Store, only: Iterable[str] | None = None) -> dict[str, tuple[Place, Place | None]]:
    """Each organisation's (or each of ``only``'s) city (what it is vdk:basedIn) and the region holding
    it, with IRIs and labels."""
    restrict = values_of("org", None if only is None else sorted(only))
    labels = _labels(store, f"{restrict} ?org vdk:basedIn ?s . ?s rdfs:label ?label")
    regions: dict[str, str] = {}
    for row in store.select(f"""SELECT DISTINCT ?city ?region WHERE {{ {restrict}
            ?org vdk:basedIn ?city . ?city vdk:locatedIn ?region . ?region a vdk:Region }}""").dicts():
        if row["city"] not in regions or row["region"] < regions[row["city"]]:
            regions[row["city"]] = row["region"]  # of two regions the first by IRI, not the engine's first
    region_labels = _labels(store, f"""{values_of("s", set(regions.values()))}
                                       ?s a vdk:Region ; rdfs:label ?label""") if regions else {}
    cities = {row["place"] for row in store.select(
        f"SELECT DISTINCT ?place WHERE {{ {restrict} ?org vdk:basedIn ?place . ?place a vdk:City }}").dicts()}
    based: dict[str, list[str]] = defaultdict(list)
    for row in store.select(f"SELECT ?org ?place WHERE {{ {restrict} ?org vdk:basedIn ?place }}").dicts():
        based[row["org"]].append(row["place"])
    # The rule the map uses too (never the engine's row order: Virtuoso named a company's country,
    # Oxigraph its city).
    chosen = {org: most_precise(places, cities, regions) for org, places in based.items()}
    out: dict[str, tuple[Place, Place | None]] = {}
    for org, place in chosen.items():
        city = Place(place, tuple(sorted(set(labels.get(place, [])))))
        region_iri = regions.get(place)
        in_region = (Place(region_iri, tuple(sorted(set(region_labels.get(region_iri, [])))))
                     if region_iri else None)
        out[org] = (city, in_region)
    return out


def _labels(store: Store, pattern: str) -> dict[str, list[tuple[str, str]]]:
    """``?s``'s labels with language tags ('' for none), from a pattern binding ``?s`` and ``?label``."""
    result = store.select(f"SELECT DISTINCT ?s ?label WHERE {{ {pattern} }}")
    labels: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for subject, label in result.rows:
        if isinstance(subject, ox.NamedNode) and isinstance(label, ox.Literal):
            labels[subject.value].append((label.language or "", label.value))
    return labels


def read_kinds(store: Store, only: Iterable[str] | None = None) -> dict[str, set[str]]:
    """Every organisation class of each organisation (or of ``only``; the projection keeps only the
    most specific one)."""
    values = " ".join(f"<{iri}>" for iri, _ in ORGANISATION_KINDS)
    classes: dict[str, set[str]] = defaultdict(set)
    query = f"""SELECT DISTINCT ?s ?type WHERE {{ {values_of('s', only)}
                VALUES ?type {{ {values} }} ?s a ?type }}"""
    for row in store.select(query).dicts():
        classes[row["s"]].add(row["type"])
    # Built again from the sorted classes: a set iterates in an order that follows its insertions, and
    # the same set read back from the index's file (``input_classes``) is built so.
    return {s: set(sorted(found)) for s, found in classes.items()}
