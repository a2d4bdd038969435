"""What each write touched, so that views derived from the data can be updated instead of rebuilt.

A warm-up after an import rebuilt every derived view from the whole graph (~50 s at a
million triples) even when the import added one project (issue 17). A view can do
better only if it knows what changed. Every transaction of the pyoxigraph backends
therefore notes the **IRIs of the triples it added to or removed from a named graph**
(subjects and IRI objects; the classes named by ``rdf:type`` too): a superset of what
changed in the union default graph, which is all an update needs to find the nodes to
look at again. The note is kept per published data version, with the version it was
written over, in a :class:`ChangeLog`: :meth:`ChangeLog.touched_between` chains the
notes from one version to another.

The note is *None* — "unknown", and every view rebuilds as before — when it would be
large (more than :data:`TOUCHED_LIMIT` triples: past that a rebuild is as quick), when a
blank node was touched (it cannot be named in a query to look at it again), and for
stores that keep no log (a remote SPARQL server: other writers reach it directly).
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox

#: Past this many touched triples in one transaction, the note says "unknown" (views rebuild whole).
TOUCHED_LIMIT = 5000
#: Notes kept: enough for a warmer that looks every few seconds to chain a burst of imports.
KEPT = 32


class Touched:
    """The IRIs a transaction's writes touched so far, or None once that is too much or cannot be said."""

    def __init__(self) -> None:
        self.iris: set[str] | None = set()
        self._triples = 0

    def add(self, triples: Iterable[ox.Triple]) -> None:
        """Note these triples (added or removed; a no-op once the note is unknown)."""
        if self.iris is None:
            return
        for t in triples:
            self._triples += 1
            if self._triples > TOUCHED_LIMIT or isinstance(t.subject, ox.BlankNode) or isinstance(
                    t.object, ox.BlankNode):
                self.iris = None
                return
            self.iris.add(t.subject.value)  # type: ignore[union-attr]  # a triple term is not written here
            if isinstance(t.object, ox.NamedNode):
                self.iris.add(t.object.value)

    def unknown(self) -> None:
        """Give up: what this transaction changed is not known (views rebuild whole)."""
        self.iris = None


class ChangeLog:
    """Per data version: the version it was written over and the IRIs its transaction touched.

    In memory; :class:`FileChangeLog` keeps it in a JSON file beside an embedded store.
    """

    def __init__(self) -> None:
        self._notes: dict[str, tuple[str, list[str] | None]] = {}
        self._lock = threading.Lock()

    def record(self, parent: str, version: str, iris: set[str] | None) -> None:
        with self._lock:
            notes = self._read()
            notes[version] = (parent, sorted(iris) if iris is not None else None)
            while len(notes) > KEPT:
                notes.pop(next(iter(notes)))
            self._write(notes)

    def touched_between(self, old: str, new: str) -> set[str] | None:
        """The IRIs touched by the writes that led from data version ``old`` to ``new`` (None: unknown).

        Unknown when a write on the way kept no note, or said "unknown", or ``old`` is not an
        ancestor of ``new`` within the notes kept.
        """
        if old == new:
            return set()
        with self._lock:
            notes = self._read()
        touched: set[str] = set()
        version = new
        for _ in range(len(notes)):
            note = notes.get(version)
            if note is None or note[1] is None:
                return None
            parent, iris = note
            touched.update(iris)  # type: ignore[arg-type]  # not None: checked above
            if parent == old:
                return touched
            version = parent
        return None

    def _read(self) -> dict[str, tuple[str, list[str] | None]]:
        return self._notes

    def _write(self, notes: dict[str, tuple[str, list[str] | None]]) -> None:
        self._notes = notes


class FileChangeLog(ChangeLog):
    """The change log of an embedded store, in ``<store>/derived/changes.json`` (deleting it is safe:
    the views then rebuild whole once)."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path

    def _read(self) -> dict[str, tuple[str, list[str] | None]]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            return {str(v): (str(p), None if iris is None else [str(i) for i in iris])
                    for v, p, iris in data["notes"]}
        except (OSError, ValueError, KeyError, TypeError):  # absent or damaged: no note, views rebuild
            return {}

    def _write(self, notes: dict[str, tuple[str, list[str] | None]]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        scratch = self.path.with_name(self.path.name + ".new")
        scratch.write_text(json.dumps({"notes": [[v, p, iris] for v, (p, iris) in notes.items()]}),
                           encoding="utf-8")
        os.replace(scratch, self.path)
