"""Minting entity IRIs: stable, readable, and the same on every re-import.

An IRI is ``{base}{kind}/{slug}``. Organisations and people are keyed by
:func:`vdk_graph.names.name_key`, so spelling variants of one name give one IRI;
other things by a slug of their name. Nodes that stand for a relation
(participation, membership, position) are keyed by the things they relate.
"""

from __future__ import annotations

import hashlib

from rdflib import URIRef

from vdk_graph.kinds import IRI_SEGMENTS
from vdk_graph.names import name_key, slug

#: Path segments under the base IRI, one per kind of thing (the kinds table's). The web app serves each at
#: /id/<kind>/<slug>.
KINDS = IRI_SEGMENTS


class Minter:
    """Mints IRIs under one base."""

    def __init__(self, base_iri: str) -> None:
        self.base = base_iri

    def iri(self, kind: str, key: str) -> URIRef:
        if kind not in KINDS:
            raise ValueError(f"unknown kind {kind!r}; one of {', '.join(KINDS)}")
        return URIRef(f"{self.base}{kind}/{key}")

    def organisation(self, name: str) -> URIRef:
        return self.iri("organisation", slug(name_key(name)))

    def person(self, name: str) -> URIRef:
        return self.iri("person", slug(name_key(name, drop_legal_form=False)))

    def project(self, title: str) -> URIRef:
        return self.iri("project", slug(title))

    def topic(self, label: str) -> URIRef:
        return self.iri("topic", slug(label))

    def place(self, name: str) -> URIRef:
        return self.iri("place", slug(name))

    def named(self, kind: str, name: str) -> URIRef:
        """Any other kind keyed by its name (programme, event, network, source ...)."""
        return self.iri(kind, slug(name))

    def relation(self, kind: str, *things: URIRef | str) -> URIRef:
        """A node standing for a relation between things, keyed by their own keys."""
        keys = [self.local_key(t) for t in things]
        return self.iri(kind, "--".join(keys))

    def hashed(self, kind: str, owner: URIRef | str, text: str) -> URIRef:
        """A node keyed by its owner and a text it is read from (an indicator's sentence)."""
        digest = hashlib.sha1(" ".join(text.split()).encode()).hexdigest()[:10]
        return self.iri(kind, f"{self.local_key(owner)}--{digest}")

    def graph(self, *parts: str) -> URIRef:
        return self.iri("graph", "/".join(slug(p) for p in parts))

    def local_key(self, thing: URIRef | str) -> str:
        """The slug part of an IRI minted here, or a slug of any other string."""
        text = str(thing)
        if text.startswith(self.base):
            return text[len(self.base):].split("/", 1)[-1].replace("/", "-")
        return slug(text)
