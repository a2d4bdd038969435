"""Entity resolution: one organisation named in many sources is one node.

An incoming name is matched, in order, by identifier (CVR number, website),
by the normalised key of its name or of a known alias (``skos:altLabel``), and
only then minted as a new IRI from that key. The index is filled from the
store before an import and learns every organisation the import itself adds,
so two files of one import naming the same partner agree too.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache

from rdflib import URIRef
from rdflib.namespace import RDFS

from vdk_graph.iris import Minter
from vdk_graph.names import fold, name_key
from vdk_graph.ontology import load_ontology
from vdk_graph.results import SelectResult
from vdk_graph.store.base import Store
from vdk_graph.vocab import ORG, VDK_NS


@cache
def organisation_classes() -> frozenset[str]:
    """Every class the ontology places under org:Organization (vdk:Company, vdk:University ...)."""
    ontology = load_ontology()
    found = {str(ORG.Organization)}
    changed = True
    while changed:
        changed = False
        for sub, _, sup in ontology.triples((None, RDFS.subClassOf, None)):
            if isinstance(sub, URIRef) and str(sup) in found and str(sub) not in found:
                found.add(str(sub))
                changed = True
    return frozenset(found)


def normalise_website(url: str) -> str:
    """``https://www.Filmfyn.dk/`` and ``filmfyn.dk`` are one website."""
    text = fold(url.strip())
    for prefix in ("https://", "http://"):
        if text.startswith(prefix):
            text = text[len(prefix):]
    if text.startswith("www."):
        text = text[4:]
    return text.split("/", 1)[0].split("?", 1)[0]


@dataclass
class OrganisationIndex:
    """Known organisations by name key, alias key, CVR number and website."""

    by_key: dict[str, URIRef] = field(default_factory=dict)
    by_cvr: dict[str, URIRef] = field(default_factory=dict)
    by_website: dict[str, URIRef] = field(default_factory=dict)
    labels: dict[URIRef, str] = field(default_factory=dict)

    @classmethod
    def from_store(cls, store: Store) -> OrganisationIndex:
        index = cls()
        classes = " ".join(f"<{c}>" for c in sorted(organisation_classes()))
        result = store.query(
            f"""
            PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
            PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
            PREFIX vdk: <{VDK_NS}>
            SELECT DISTINCT ?org ?kind ?value WHERE {{
              VALUES ?class {{ {classes} }}
              ?org a ?class .
              {{ ?org rdfs:label ?value BIND("label" AS ?kind) }}
              UNION {{ ?org skos:altLabel ?value BIND("alias" AS ?kind) }}
              UNION {{ ?org skos:prefLabel ?value BIND("alias" AS ?kind) }}
              UNION {{ ?org vdk:cvr ?value BIND("cvr" AS ?kind) }}
              UNION {{ ?org vdk:website ?value BIND("website" AS ?kind) }}
            }}
            """
        )
        assert isinstance(result, SelectResult)
        for org, kind, value in result.rows:
            if org is None or value is None:
                continue
            iri = URIRef(org.value)
            index.learn(iri, **{kind.value: [value.value]})  # type: ignore[union-attr]
        return index

    def learn(
        self,
        iri: URIRef,
        label: Iterable[str] = (),
        alias: Iterable[str] = (),
        cvr: Iterable[str] = (),
        website: Iterable[str] = (),
    ) -> None:
        """Remember an organisation under its names and identifiers (first writer of a key wins)."""
        for name in [*label, *alias]:
            key = name_key(name)
            if key:
                self.by_key.setdefault(key, iri)
        for name in label:
            self.labels.setdefault(iri, name)
        for number in cvr:
            self.by_cvr.setdefault("".join(ch for ch in number if ch.isdigit()), iri)
        for url in website:
            self.by_website.setdefault(normalise_website(url), iri)

    def find(self, name: str, *, cvr: str | None = None, website: str | None = None) -> URIRef | None:
        """The known organisation this name (or identifier) denotes, if any."""
        if cvr:
            hit = self.by_cvr.get("".join(ch for ch in cvr if ch.isdigit()))
            if hit is not None:
                return hit
        if website:
            hit = self.by_website.get(normalise_website(website))
            if hit is not None:
                return hit
        return self.by_key.get(name_key(name))

    def resolve(
        self, name: str, minter: Minter, *, cvr: str | None = None, website: str | None = None
    ) -> tuple[URIRef, bool]:
        """The IRI for an organisation name: a known one (True) or a newly minted one (False), learnt."""
        hit = self.find(name, cvr=cvr, website=website)
        if hit is not None:
            return hit, True
        iri = minter.organisation(name)
        self.learn(iri, label=[name], cvr=[cvr] if cvr else (), website=[website] if website else ())
        return iri, False
