"""What an import plans: the named graphs it wants written, the context importers need, the protocol.

An importer only *plans* (:class:`Importer`): it reads its files and returns, per
source, a :class:`PlannedGraph` (facts plus provenance) and the warnings it has;
:mod:`.checking` checks the plans and :mod:`.base` writes them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from rdflib import Graph, URIRef

from vdk_graph.config import Settings
from vdk_graph.errors import Problem
from vdk_graph.importers.identity import Placement, SourceIdentity, file_identity
from vdk_graph.importers.resolution import ALIAS_FILE, NameIndex, OrganisationIndex, load_aliases
from vdk_graph.iris import Minter
from vdk_graph.namespaces import PREFIXES
from vdk_graph.store.base import Store, TripleSource
from vdk_graph.terms import triples_to_graph

#: ``progress(stage, item, done, total)``: stage is "reading", "checking" or "writing".
Progress = Callable[[str, str, int, int], None]


@dataclass
class PlannedGraph:
    """One named graph an import wants to write."""

    graph: URIRef
    #: The triples: an rdflib graph, or pyoxigraph triples for bulk loads.
    data: TripleSource
    source: str
    problems: list[Problem] = field(default_factory=list)
    #: IRI prefix of every graph the same input writes; store graphs under it that this import
    #: does not plan are removed (the input no longer cites their source).
    family: str | None = None

    def rdflib_graph(self) -> Graph:
        if isinstance(self.data, Graph):
            return self.data
        self.data = triples_to_graph(self.data, new_graph())
        return self.data

@dataclass
class ImportContext:
    """What importers need besides their input: IRI minting, known entities, provenance overrides."""

    settings: Settings
    index: OrganisationIndex
    now: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.UTC))
    #: Public URL the (single) input was read from; recorded as prov:wasDerivedFrom.
    source_url: str | None = None
    retrieved: dt.date | None = None
    #: Known projects (title, short title, acronym) and people, for importers that refer to them by name.
    projects: NameIndex = field(default_factory=NameIndex)
    people: NameIndex = field(default_factory=NameIndex)
    #: A trusted bulk load: no SHACL and no size limit (syntax and safety checks still run).
    trusted: bool = False
    #: Take graph names another source holds (``--replace``) instead of going beside them.
    replace: bool = False
    #: Which source holds each graph of the store; importers ask it for their graph names.
    #: :func:`run_import` (and the build) read it from the store before planning.
    placement: Placement = field(default_factory=Placement)

    @property
    def minter(self) -> Minter:
        return Minter(self.settings.base_iri)

    def identity(self, path: Path, importer: str) -> SourceIdentity:
        """The source an importer reads from ``path`` (with this context's ``--source-url``)."""
        file, curated = file_identity(path, self.settings.data_dir)
        return SourceIdentity(importer, file, self.source_url, curated)

    def place_in(self, store: Store | None) -> None:
        """Learn which source holds each graph of ``store`` (None: an empty one), before planning."""
        self.placement = (
            Placement.from_store(store, self.settings.base_iri, replace=self.replace)
            if store is not None
            else Placement(replace=self.replace)
        )

    @classmethod
    def for_store(cls, store: Store, settings: Settings, **kwargs: Any) -> ImportContext:
        """Known entities from the store, with the confirmed merges of the data folder's alias file on top."""
        index = OrganisationIndex.from_store(store)
        index.apply_aliases(load_aliases(settings.data_dir / ALIAS_FILE), Minter(settings.base_iri))
        return cls(
            settings=settings,
            index=index,
            projects=NameIndex.projects_in(store),
            people=NameIndex.people_in(store),
            **kwargs,
        )

class Importer(Protocol):
    name: str

    def plan(self, path: Path, context: ImportContext) -> list[PlannedGraph]:
        """Read one input; raise ImportFailed with every problem found, or return its graphs."""

def ontology_plan(minter: Minter, now: dt.datetime) -> PlannedGraph:
    """The ontology as a named graph of its own, with its provenance (the build's first graph)."""
    from vdk_graph.importers.provenance import SourceInfo, describe_source
    from vdk_graph.ontology import ONTOLOGY_GRAPH, load_ontology, ontology_path

    data = new_graph()
    for triple in load_ontology():
        data.add(triple)
    graph = URIRef(ONTOLOGY_GRAPH)
    describe_source(
        data,
        minter,
        SourceInfo(graph=graph, label="vdk-graph ontology", importer="build", file_name=ontology_path().name),
        now,
    )
    return PlannedGraph(graph, data, ontology_path().name)

def new_graph() -> Graph:
    """An empty graph with the project prefixes (and only those: rdflib's defaults cost 0.3 ms a graph)."""
    graph = Graph(bind_namespaces="none")
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True)
    return graph
