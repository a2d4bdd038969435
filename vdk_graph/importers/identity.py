"""Which source a named graph holds, and where an import's graphs go so that no other source's are replaced.

Importers name their graphs after the file they read (``{base}graph/rdf/<stem>``,
``{base}graph/table/<stem>/<source>``): readable, and the same on every
re-import, but not unique: any ``organisations.csv`` would land on the graphs
of ``data/tables/organisations.csv`` and, as a re-import removes the graphs
of sources a file no longer cites, remove all of them. So every graph also
records *which* source it holds: ``prov:wasDerivedFrom`` (the public URL) and
``vdk:sourceFile`` (the file: its path under the data folder, else its
name and a hash of its absolute path, which stays private).

Two imports are of the same source when they read the same file (a curator
re-importing an edited ``data/tables/organisations.csv``, or correcting a
manifest URL), or when both name the same public URL (``--source-url``) for
an RDF file or a Pure page. The rows of a spreadsheet cite many URLs, so a
spreadsheet is the same source only as the same file. Graphs written before
files were recorded count as the curated files' (those under the data
folder), so an old store keeps building as before.

A graph name held by another source is not taken: the new import's graphs go
under the name plus eight characters of a hash of their own source (again the
same on every re-import), and the import's summary says so. ``--replace``
takes the name anyway, and the summary says loudly what it replaces.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from vdk_graph.store.base import Store

_OWNERS = """
SELECT ?g (SAMPLE(?i) AS ?importer) (SAMPLE(?s) AS ?source) (SAMPLE(?f) AS ?file)
WHERE {{ GRAPH ?g {{ ?g a vdk:SourceGraph
  OPTIONAL {{ ?g vdk:importer ?i }} OPTIONAL {{ ?g prov:wasDerivedFrom ?s }}
  OPTIONAL {{ ?g vdk:sourceFile ?f }} }} }}
GROUP BY ?g
"""


@dataclass(frozen=True)
class SourceIdentity:
    """What a graph was imported from."""

    importer: str | None
    #: Path under the data folder (``tables/organisations.csv``), else absolute; None if not recorded.
    file: str | None = None
    #: The public URL the source was read from (``prov:wasDerivedFrom``), when it is one.
    url: str | None = None
    #: Whether the file lies in the data folder (only known for the import being planned).
    curated: bool = False

    def describe(self) -> str:
        """How messages name the source: its file (and URL), else its URL."""
        url = self.url if self.importer != "table" else None  # a spreadsheet's rows cite many
        if self.file:
            return f"{self.file} ({url})" if url else self.file
        if url:
            return url
        return f"an older {self.importer} import" if self.importer else "another tool (no provenance)"

    def key(self) -> str:
        """What the hash in a disambiguated graph name is made from."""
        if self.url and self.importer != "table":
            return f"url {self.url}"
        return f"file {self.file}"


def same_source(old: SourceIdentity | None, new: SourceIdentity) -> bool:
    """Whether a store graph described by ``old`` holds the source an import described by ``new`` reads."""
    if old is None:
        return False  # a graph with no description was written by another tool
    if old.file and new.file and old.file == new.file:
        return True
    if new.importer != "table" and old.url and new.url:
        return old.url == new.url
    if old.file is None and old.importer == new.importer:
        # Written before files were recorded: every such graph came from a build of the data folder
        # (or an import of one of its files), so it is the curated file's.
        return new.curated
    return False


def file_identity(path: Path, data_dir: Path) -> tuple[str, bool]:
    """The file as a graph records it, and whether it lies in the data folder.

    A file elsewhere is recorded by its name and a hash of its absolute path: the same file
    is the same source, but the public graph does not publish where on the importer's
    machine it lay (``/home/someone/…``).
    """
    resolved = path.resolve()
    try:
        return resolved.relative_to(data_dir.resolve()).as_posix(), True
    except ValueError:
        digest = hashlib.sha256(resolved.as_posix().encode("utf-8")).hexdigest()[:16]
        return f"{resolved.name}#{digest}", False


@dataclass(frozen=True)
class Collision:
    """A graph name (or a spreadsheet's prefix of names) that another source holds."""

    wanted: str
    placed: str
    other: SourceIdentity | None
    #: The other source's graphs under ``wanted``.
    graphs: tuple[str, ...]
    triples: int
    #: ``--replace``: the import takes the name, replacing (or removing) the other source's graphs.
    replaced: bool

    def message(self, dry_run: bool = False) -> str:
        who = self.other.describe() if self.other else "another tool (no provenance)"
        count = len(self.graphs)
        held = f"{count} graph{'s' if count != 1 else ''} ({self.triples:,} triples)"
        if self.replaced:
            verb = "would replace or remove" if dry_run else "replaced or removed"
            return f"WARNING: --replace {verb} {held} of another source, {who}, under <{self.wanted}>"
        goes = "would go" if dry_run else "went"
        return (
            f"<{self.wanted}> holds {held} of another source, {who}, which stay as they are: "
            f"this import {goes} to <{self.placed}> instead (--replace would replace them)"
        )


@dataclass
class Placement:
    """Who holds each graph of the store, and the names this import has claimed so far."""

    owners: dict[str, SourceIdentity | None] = field(default_factory=dict)
    sizes: dict[str, int] = field(default_factory=dict)
    replace: bool = False
    collisions: list[Collision] = field(default_factory=list)
    _claimed: dict[str, SourceIdentity] = field(default_factory=dict)

    @classmethod
    def from_store(cls, store: Store, base_iri: str, *, replace: bool = False) -> Placement:
        sizes = store.graph_sizes()
        owners: dict[str, SourceIdentity | None] = dict.fromkeys(sizes)
        result = store.select(_OWNERS)
        file_nodes = f"{base_iri}source/file-"
        for graph, importer, source, file in result.rows:
            if not isinstance(graph, ox.NamedNode) or graph.value not in owners:
                continue
            url = source.value if isinstance(source, ox.NamedNode) else None
            owners[graph.value] = SourceIdentity(
                importer=importer.value if isinstance(importer, ox.Literal) else None,
                file=file.value if isinstance(file, ox.Literal) else None,
                url=None if url is None or url.startswith(file_nodes) else url,
            )
        return cls(owners, sizes, replace)

    def graph(self, wanted: str, identity: SourceIdentity) -> str:
        """The name for a graph the import wants to call ``wanted``."""
        return self._place(wanted, identity, family=False)

    def family(self, wanted: str, identity: SourceIdentity) -> str:
        """The prefix (ending in ``/``) for the graphs of one spreadsheet that wants ``wanted``."""
        return self._place(wanted, identity, family=True)

    def _place(self, wanted: str, identity: SourceIdentity, *, family: bool) -> str:
        digest = hashlib.sha1(identity.key().encode()).hexdigest()[:8]
        stem = wanted.rstrip("/")
        tail = "/" if family else ""
        candidates = [wanted] + [f"{stem}-{digest}{'' if n == 1 else f'-{n}'}{tail}" for n in range(1, 10)]
        for number, candidate in enumerate(candidates):
            # Another file of this same import that claimed the name keeps it, --replace or not.
            if _under(candidate, self._claimed, identity, family=family):
                continue
            others = _under(candidate, self.owners, identity, family=family)
            if others and number == 0 and self.replace:
                self._note(wanted, wanted, others, replaced=True)
            elif others:
                continue
            elif number:
                taken = _under(wanted, self.owners, identity, family=family)
                claimed = _under(wanted, self._claimed, identity, family=family)
                self._note(wanted, candidate, taken or claimed, replaced=False)
            self._claimed[candidate] = identity
            return candidate
        raise RuntimeError(f"no free graph name for {wanted}")  # ten hash collisions in a row

    def _note(
        self, wanted: str, placed: str, others: dict[str, SourceIdentity | None], *, replaced: bool
    ) -> None:
        first = next(iter(others.values()), None)
        triples = sum(self.sizes.get(g, 0) for g in others)
        self.collisions.append(Collision(wanted, placed, first, tuple(sorted(others)), triples, replaced))


def _under(
    name: str, held: dict[str, SourceIdentity | None] | dict[str, SourceIdentity], identity: SourceIdentity,
    *, family: bool,
) -> dict[str, SourceIdentity | None]:
    """Graphs of ``held`` named ``name`` (or under the prefix ``name``) that hold another source."""
    names = [g for g in held if g.startswith(name)] if family else [name] if name in held else []
    return {g: held[g] for g in names if not same_source(held[g], identity)}
