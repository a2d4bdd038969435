"""What an import did, or in a dry run would do, in words a curator reads before trusting it.

The one-line count of graphs and triples is not enough when existing data goes:
so the summary first says, on lines of their own, how many graphs and triples
of the store the import replaces or removes, and why (the same source again,
sources a spreadsheet no longer cites, another source taken over with
``--replace``), and where an import went beside another source's graph
instead of replacing it (:mod:`vdk_graph.importers.identity`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from vdk_graph.errors import Problem
from vdk_graph.importers.identity import Collision
from vdk_graph.store.base import GraphChange


@dataclass
class ImportReport:
    """What an import did (or, in a dry run, would do)."""

    changes: list[GraphChange]
    warnings: list[Problem]
    dry_run: bool = False
    #: Graphs removed because their input no longer cites their source.
    removed_graphs: list[str] = field(default_factory=list)
    #: Graph names another source held: gone beside, or taken with ``--replace``.
    collisions: list[Collision] = field(default_factory=list)
    #: Triples of every store graph before the import.
    before: dict[str, int] = field(default_factory=dict)

    @property
    def added(self) -> int:
        return sum(c.added for c in self.changes)

    @property
    def removed(self) -> int:
        return sum(c.removed for c in self.changes)

    def taken_over(self) -> set[str]:
        """Graphs of another source this import replaces or removes (``--replace``)."""
        return {g for c in self.collisions if c.replaced for g in c.graphs}

    def notices(self) -> list[str]:
        """One line per kind of existing data the import replaces or removes, with counts; [] if none."""
        would = "would " if self.dry_run else ""
        stale = set(self.removed_graphs)
        taken = self.taken_over()
        again = [c.graph for c in self.changes if c.existed and c.graph not in stale | taken]
        lines = [c.message(self.dry_run) for c in self.collisions]
        if again:
            lines.append(
                f"{would}replace {_graphs(again, self.before)} imported before from the same source"
            )
        gone = sorted(stale - taken)
        if gone:
            lines.append(
                f"{would}remove {_graphs(gone, self.before)}: the file no longer cites their sources"
            )
        return lines

    def summary(self) -> str:
        stale = set(self.removed_graphs)
        written = [c for c in self.changes if c.graph not in stale]
        new = sum(1 for c in written if not c.existed)
        replaced = len(written) - new
        verb = "would change" if self.dry_run else "changed"
        gone = f", {len(stale)} removed" if stale else ""
        last = (
            f"{len(self.changes)} source graph{'s' if len(self.changes) != 1 else ''} {verb}: "
            f"{new} new, {replaced} replaced{gone}; {self.added} triples added, {self.removed} removed; "
            f"{len(self.warnings)} warning{'s' if len(self.warnings) != 1 else ''}"
        )
        return "\n".join([*self.notices(), last])


def _graphs(names: list[str], sizes: dict[str, int]) -> str:
    triples = sum(sizes.get(g, 0) for g in names)
    return f"{len(names)} graph{'s' if len(names) != 1 else ''} ({triples:,} triples)"
