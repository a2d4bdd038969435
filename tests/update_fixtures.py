"""Small random imports of every sort an import makes, built from what a store holds (for update tests)."""

from __future__ import annotations

import random
from collections.abc import Iterator

import pyoxigraph as ox
import pytest

from vdk_graph.store import MemoryStore, Store
from vdk_graph.synth import generate
from vdk_graph.synth.rdf import triples as synth_triples

V = "https://w3id.org/vdk/ontology#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
ID = "https://w3id.org/vdk/id/test/"


def n(iri: str) -> ox.NamedNode:
    return ox.NamedNode(iri)


def t(s: str, p: str, o: str | ox.Literal) -> ox.Triple:
    return ox.Triple(n(s), n(p), o if isinstance(o, ox.Literal) else n(o))


class Imports:
    """Small random imports built from what the store holds."""

    def __init__(self, store: Store, rng: random.Random) -> None:
        self.rng = rng
        self.count = 0

        def of(cls: str) -> list[str]:
            rows = store.select(f"SELECT ?s WHERE {{ ?s a <{V}{cls}> }} ORDER BY ?s").dicts()
            return [r["s"] for r in rows]

        self.orgs = of("Organisation") or of("Company")
        self.orgs += [o for cls in ("Company", "University", "FundingBody", "Investor") for o in of(cls)]
        self.projects, self.topics, self.places = of("Project"), of("Topic"), of("City") + of("Region")

    def pick(self, items: list[str]) -> str:
        return self.rng.choice(items)

    def make(self) -> list[ox.Triple]:
        self.count += 1
        i, r = self.count, self.rng
        org, other, project = self.pick(self.orgs), self.pick(self.orgs), self.pick(self.projects)
        kinds = [
            lambda: [t(f"{ID}p{i}", RDF_TYPE, f"{V}Project"), t(f"{ID}p{i}", LABEL, ox.Literal(f"P{i}")),
                     t(org, f"{V}participatesIn", f"{ID}p{i}"), t(other, f"{V}participatesIn", f"{ID}p{i}"),
                     t(f"{ID}p{i}", f"{V}keyword", self.pick(self.topics)),
                     t(f"{ID}p{i}", "https://schema.org/startDate",
                       ox.Literal(f"20{r.randint(10, 24)}-01-01", datatype=n("http://www.w3.org/2001/XMLSchema#date")))],
            lambda: [t(project, f"{V}hasParticipation", f"{ID}x{i}"), t(f"{ID}x{i}", f"{V}participant", org),
                     t(f"{ID}x{i}", f"{V}role", self.pick([f"{V}LeadPartner", f"{V}ProjectPartner"]))],
            lambda: [t(project, f"{V}keyword", self.pick(self.topics))],
            lambda: [t(f"{ID}t{i}", RDF_TYPE, f"{V}Topic"), t(f"{ID}t{i}", LABEL, ox.Literal(f"Topic {i}")),
                     t(project, f"{V}keyword", f"{ID}t{i}"), t(org, f"{V}field", f"{ID}t{i}")],
            lambda: [t(org, RDF_TYPE, self.pick([f"{V}Investor", f"{V}University", f"{V}Company"]))],
            lambda: [t(f"{ID}o{i}", RDF_TYPE, f"{V}Company"), t(f"{ID}o{i}", LABEL, ox.Literal(f"New {i}")),
                     t(f"{ID}o{i}", f"{V}basedIn", self.pick(self.places)),
                     t(f"{ID}o{i}", f"{V}participatesIn", project)],
            lambda: [t(self.pick(self.places), LABEL, ox.Literal(f"Aaa place {i}"))],
            lambda: [t(f"{ID}g{i}", RDF_TYPE, f"{V}Grant"), t(f"{ID}g{i}", f"{V}awardedBy", org),
                     t(f"{ID}g{i}", f"{V}grantFor", project),
                     t(f"{ID}g{i}", f"{V}amount", ox.Literal(str(r.randint(1, 9) * 1000)))],
            lambda: [t(f"{ID}i{i}", RDF_TYPE, f"{V}Investment"), t(f"{ID}i{i}", f"{V}investor", org),
                     t(f"{ID}i{i}", f"{V}investee", other)],
            lambda: [t(org, f"{V}hasMembership", f"{ID}m{i}"), t(f"{ID}m{i}", f"{V}cluster", other)],
            lambda: [t(org, LABEL, ox.Literal(f"Aaa {i}", language="da"))],
            lambda: [t(project, f"{V}partOfProgramme", f"{ID}pr{i}"), t(f"{ID}pr{i}", RDF_TYPE,
                                                                        f"{V}FundingProgramme")],
            # a topic named before it is a node, and typed by a later import: who names it changes
            lambda: [t(project, f"{V}keyword", f"{ID}late{r.randint(0, 2)}")],
            lambda: [t(f"{ID}late{r.randint(0, 2)}", RDF_TYPE, f"{V}Topic")],
        ]
        return [triple for _ in range(r.randint(1, 2)) for triple in r.choice(kinds)()]


@pytest.fixture
def synthetic_store() -> MemoryStore:
    """A synthetic ecosystem of 60 organisations in one graph of a memory store."""
    store = MemoryStore()
    with store.transaction() as tx:
        tx.replace_graph(f"{ID}graph/base", list(synth_triples(generate(60, seed=11))))
    return store


def changes(store: Store, seed: int, steps: int = 14) -> Iterator[int]:
    """Write ``steps`` small changes into ``store``: imports, sources imported again changed, removals."""
    rng = random.Random(seed)
    imports = Imports(store, rng)
    graphs: list[str] = []
    for step in range(steps):
        with store.transaction() as tx:
            if graphs and step % 5 == 4:  # a source removed
                tx.remove_graph(graphs.pop(rng.randrange(len(graphs))))
            elif graphs and step % 7 == 6:  # a source imported again, changed
                tx.replace_graph(graphs[-1], imports.make())
            else:
                graphs.append(f"{ID}graph/import-{seed}-{step}")
                tx.replace_graph(graphs[-1], imports.make())
        yield step
