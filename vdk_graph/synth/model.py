"""The objects of a synthetic ecosystem, and the ground truth they carry for evaluation.

Plain dataclasses: :mod:`vdk_graph.synth.generator` fills them, :mod:`vdk_graph.synth.rdf`
turns them into triples. IRIs are plain strings, all under :func:`synthetic_root`.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property

import pyoxigraph as ox

from vdk_graph.iris import Minter
from vdk_graph.names import slug
from vdk_graph.synth.vocabulary import MARK

DEFAULT_BASE_IRI = "https://w3id.org/vdk/id/"
#: The day the synthetic world is "as of": project statuses and the provenance timestamp use it.
REFERENCE_DATE = dt.date(2026, 1, 1)


def synthetic_root(base: str) -> str:
    """Where everything synthetic is minted: ``{base}synthetic/``."""
    return f"{base}synthetic/"


def iri_key(iri: str) -> str:
    """The last path segment: o000123, p000045."""
    return iri.rsplit("/", 1)[1]


@dataclass
class SynthOrganisation:
    iri: str
    label: str
    #: The vdk class IRI (vdk:Company, vdk:University …).
    kind: str
    community: int
    city: str
    #: English topic labels (its vdk:field).
    topics: list[str]
    founded: int = 0

    @property
    def name(self) -> str:
        return self.label.removesuffix(MARK)


@dataclass
class SynthProject:
    iri: str
    title: str
    start: dt.date
    end: dt.date
    lead: str
    #: Participating organisation IRIs, the lead first.
    partners: list[str]
    #: English keyword labels.
    topics: list[str]
    description: str
    programme: str | None = None
    codename: str = ""

    @property
    def status(self) -> str:
        if self.start > REFERENCE_DATE:
            return "Planned"
        return "Finished" if self.end < REFERENCE_DATE else "Active"


@dataclass
class SynthProgramme:
    iri: str
    label: str
    funder: str
    start_year: int
    end_year: int


@dataclass
class SynthGrant:
    iri: str
    label: str
    funder: str
    recipient: str
    project: str
    amount: int
    start: dt.date
    end: dt.date
    programme: str | None = None


@dataclass
class SynthInvestment:
    iri: str
    label: str
    investor: str
    investee: str
    amount: int
    date: dt.date
    #: Percent, as a decimal string ("12.5").
    stake: str


@dataclass
class SynthMembership:
    iri: str
    label: str
    member: str
    cluster: str
    since: int


@dataclass
class SynthEcosystem:
    """A generated ecosystem: the objects, their triples, and the ground truth for evaluation."""

    orgs: list[SynthOrganisation]
    projects: list[SynthProject]
    grants: list[SynthGrant]
    investments: list[SynthInvestment]
    memberships: list[SynthMembership]
    #: Community → its characteristic topic labels.
    communities: dict[int, list[str]]
    base: str
    seed: int = 1
    programmes: list[SynthProgramme] = field(default_factory=list)
    first_year: int = 2008
    last_year: int = 2025
    #: Which generator made it: "communities" (:func:`vdk_graph.synth.generate`) or "hubs"
    #: (:func:`vdk_graph.synth.hubs.generate`).
    model: str = "communities"

    @property
    def root(self) -> str:
        return synthetic_root(self.base)

    @property
    def graph_iri(self) -> str:
        """The named graph of the N-Quads and of the provenance: ``{base}graph/synthetic/<seed>-<orgs>``
        (``…/hubs-<seed>-<orgs>`` for the hubs world)."""
        prefix = "" if self.model == "communities" else f"{self.model}-"
        return str(Minter(self.base).graph("synthetic", f"{prefix}{self.seed}-{len(self.orgs)}"))

    @cached_property
    def org_by_iri(self) -> dict[str, SynthOrganisation]:
        return {org.iri: org for org in self.orgs}

    def topic_iri(self, label: str) -> str:
        return f"{self.root}topic/{slug(label)}"

    def place_iri(self, name: str) -> str:
        return f"{self.root}place/{slug(name)}"

    def collaborations(self, until_year: int | None = None,
                       from_year: int | None = None) -> set[frozenset[str]]:
        """Pairs of organisations that share a project starting in ``from_year``–``until_year`` (inclusive).

        The ground truth for matchmaking: suggest from the graph up to year Y, score against
        ``collaborations(from_year=Y + 1) - collaborations(until_year=Y)``.
        """
        pairs: set[frozenset[str]] = set()
        for project in self.projects:
            year = project.start.year
            if (until_year is not None and year > until_year) or (from_year is not None and year < from_year):
                continue
            pairs.update(frozenset(pair) for pair in itertools.combinations(project.partners, 2))
        return pairs

    # The RDF lives in vdk_graph.synth.rdf, which imports this module: import it when called.
    def triples(self) -> Iterator[ox.Triple]:
        """Every triple of the ecosystem (the provenance is separate), streamed."""
        from vdk_graph.synth import rdf

        return rdf.triples(self)

    def quads(self, graph_iri: str | None = None) -> Iterator[ox.Quad]:
        """Provenance and triples as quads in one named graph, streamed."""
        from vdk_graph.synth import rdf

        return rdf.quads(self, graph_iri)

    def provenance_triples(self, graph_iri: str | None = None) -> list[ox.Triple]:
        """The description of the source graph (a dozen triples, sorted so the output stays byte-stable)."""
        from vdk_graph.synth import rdf

        return rdf.provenance_triples(self, graph_iri)
