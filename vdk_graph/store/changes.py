"""What each write touched, so that views derived from the data can be updated instead of rebuilt.

A warm-up after an import rebuilt every derived view from the whole graph (~50 s at a
million triples) even when the import added one project (issue 17). A view can do
better only if it knows what changed. Every transaction of the pyoxigraph backends
therefore notes the **IRIs of the triples it added to or removed from a named graph**,
subjects apart from IRI objects (:class:`Change`): a superset of what changed in the
union default graph, which is all an update needs to find the nodes to look at again
(a node touched as a subject may have changed its links to others; one touched only as
an object, such as a class named by ``rdf:type``, did not). The note is kept per
published data version, with the version it was written over, in a :class:`ChangeLog`:
:meth:`ChangeLog.touched_between` chains the notes from one version to another.

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
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

#: Past this many touched triples in one transaction, the note says "unknown" (views rebuild whole).
TOUCHED_LIMIT = 5000
#: Notes kept: enough for a warmer that looks every few seconds to chain a burst of imports.
KEPT = 32


@dataclass(frozen=True)
class Change:
    """The IRIs touched as the subject of a written triple, and those touched as its (IRI) object."""

    subjects: frozenset[str] = frozenset()
    objects: frozenset[str] = frozenset()

    @property
    def iris(self) -> frozenset[str]:
        return self.subjects | self.objects

    def __or__(self, other: Change) -> Change:
        return Change(self.subjects | other.subjects, self.objects | other.objects)


class Touched:
    """What a transaction's writes touched so far, or None once that is too much or cannot be said."""

    def __init__(self) -> None:
        self._subjects: set[str] = set()
        self._objects: set[str] = set()
        self._known = True
        self._triples = 0

    @property
    def change(self) -> Change | None:
        return Change(frozenset(self._subjects), frozenset(self._objects)) if self._known else None

    def add(self, triples: Iterable[ox.Triple]) -> None:
        """Note these triples (added or removed; a no-op once the note is unknown)."""
        if not self._known:
            return
        for t in triples:
            self._triples += 1
            if self._triples > TOUCHED_LIMIT or isinstance(t.subject, ox.BlankNode) or isinstance(
                    t.object, ox.BlankNode):
                self.unknown()
                return
            self._subjects.add(t.subject.value)  # type: ignore[union-attr]  # a triple term is not written here
            if isinstance(t.object, ox.NamedNode):
                self._objects.add(t.object.value)

    def unknown(self) -> None:
        """Give up: what this transaction changed is not known (views rebuild whole)."""
        self._known = False
        self._subjects.clear()
        self._objects.clear()


Note = tuple[str, Change | None]


class ChangeLog:
    """Per data version: the version it was written over and what its transaction touched.

    In memory; :class:`FileChangeLog` keeps it in a JSON file beside an embedded store.
    """

    def __init__(self) -> None:
        self._notes: dict[str, Note] = {}
        self._lock = threading.Lock()

    def record(self, parent: str, version: str, change: Change | None) -> None:
        with self._lock:
            notes = self._read()
            notes[version] = (parent, change)
            while len(notes) > KEPT:
                notes.pop(next(iter(notes)))
            self._write(notes)

    def touched_between(self, old: str, new: str) -> Change | None:
        """What the writes that led from data version ``old`` to ``new`` touched (None: unknown).

        Unknown when a write on the way kept no note, or said "unknown", or ``old`` is not an
        ancestor of ``new`` within the notes kept.
        """
        if old == new:
            return Change()
        with self._lock:
            notes = self._read()
        touched = Change()
        version = new
        for _ in range(len(notes)):
            note = notes.get(version)
            if note is None or note[1] is None:
                return None
            parent, change = note
            touched = touched | change  # type: ignore[operator]  # not None: checked above
            if parent == old:
                return touched
            version = parent
        return None

    def _read(self) -> dict[str, Note]:
        return self._notes

    def _write(self, notes: dict[str, Note]) -> None:
        self._notes = notes


class FileChangeLog(ChangeLog):
    """The change log of an embedded store, in ``<store>/derived/changes.json`` (deleting it is safe:
    the views then rebuild whole once)."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path

    def _read(self) -> dict[str, Note]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            return {str(v): (str(p), None if c is None else Change(frozenset(map(str, c["s"])),
                                                                   frozenset(map(str, c["o"]))))
                    for v, p, c in data["notes"]}
        except (OSError, ValueError, KeyError, TypeError):  # absent or damaged: no note, views rebuild
            return {}

    def _write(self, notes: dict[str, Note]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        scratch = self.path.with_name(self.path.name + ".new")
        plain = [[v, p, None if c is None else {"s": sorted(c.subjects), "o": sorted(c.objects)}]
                 for v, (p, c) in notes.items()]
        scratch.write_text(json.dumps({"notes": plain}), encoding="utf-8")
        os.replace(scratch, self.path)
