"""A full-text index of names (SQLite FTS5, trigram) that narrows ``find-by-name`` to its candidates.

``find-by-name`` asks for entities whose label contains a text. As SPARQL that is
a scan of every label — 133,000 at a million triples, 1–4 s — since no engine
here indexes substrings. SQLite's FTS5 with the trigram tokenizer does (standard
library, no server): it finds the labels holding a text of three characters or
more through its index, shorter ones by a scan in C.

The index answers which entities can be in the result; SPARQL still computes the
result. The query that runs is the named query itself with one more line, a
``VALUES ?entity { … }`` block of the candidates (and a comment saying so), so
the text a page shows is the text that ran, and without that block it gives the
same rows from any SPARQL server. Exactness:

* the index holds exactly the labels the query can match: ``rdfs:label`` of
  entities with a class in the vdk: namespace other than vdk:Participation and
  vdk:SourceGraph, lower-cased as SPARQL's ``LCASE`` does, and is searched case-
  sensitively for the lower-cased text: ``CONTAINS(LCASE(STR(?name)), LCASE(?text))``;
* the query keeps the first 500 entities in the order of one sampled matching label.
  That label lies between the entity's smallest and largest matching label, so
  the 500 first are among the entities whose smallest matching label is at most
  the 500th smallest *largest* one: those are the candidates (all of them when
  fewer match). Strings sort by code point in Oxigraph, as in Python.

The index is built once per data version (a :class:`~vdk_graph.derived.Derived`
view the web app's warmer builds after each import). After a small write it is updated
instead (:func:`updated_index`; at 1M reading and indexing every label took 7–9 s): a row
is a statement about its entity (a label, and a class that admits it), so only the rows
of the subjects the write touched can differ; the previous index's table is copied
(SQLite's backup, in C), their rows deleted and read again.
"""

from __future__ import annotations

import re
import sqlite3
import threading
from collections.abc import Mapping

import pyoxigraph as ox

from vdk_graph.derived import Derived
from vdk_graph.namespaces import VDK_NS
from vdk_graph.queries import values
from vdk_graph.results import SelectResult
from vdk_graph.store.base import Store

#: The named queries narrowed by this index.
NARROWED = frozenset({"find-by-name"})
#: The labels find-by-name can match (the same class filter as the query).
NAMES = f"""PREFIX vdk: <{VDK_NS}>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT DISTINCT ?entity ?name WHERE {{ {{restrict}}
  ?entity rdfs:label ?name ; a ?class .
  FILTER(STRSTARTS(STR(?class), STR(vdk:)) && ?class != vdk:Participation && ?class != vdk:SourceGraph)
}}"""
TRIGRAM = 3
#: Past this many subjects touched since the previous index, it is read again whole.
MAX_UPDATED = 5000
_LIMIT = re.compile(r"\bLIMIT\s+(\d+)\s*$", re.IGNORECASE)


class NameIndex:
    """Entity names in an in-memory SQLite FTS5 table (trigram tokens over the lower-cased names)."""

    def __init__(self, rows: list[tuple[str, str]], *,
                 _from: tuple[NameIndex, set[str]] | None = None) -> None:
        #: (entity IRI, label) by row id.
        self.rows: dict[int, tuple[str, str]] = {}
        self._db = sqlite3.connect(":memory:", check_same_thread=False)
        self._lock = threading.Lock()
        if _from is None:
            self._db.execute(
                "CREATE VIRTUAL TABLE names USING fts5(name, tokenize='trigram case_sensitive 1')")
            self._add(rows)
            return
        previous, gone = _from
        with previous._lock:
            previous._db.backup(self._db)
        self.rows = {rowid: row for rowid, row in previous.rows.items() if row[0] not in gone}
        self._db.executemany("DELETE FROM names WHERE rowid = ?",
                             ((rowid,) for rowid, row in previous.rows.items() if row[0] in gone))
        self._add(rows)

    def _add(self, rows: list[tuple[str, str]]) -> None:
        first = max(self.rows, default=0) + 1
        new = dict(enumerate(rows, first))
        self._db.executemany("INSERT INTO names(rowid, name) VALUES (?, ?)",
                             ((i, name.lower()) for i, (_, name) in new.items()))
        self._db.commit()  # an open write transaction would keep the next version's backup waiting
        self.rows.update(new)

    @classmethod
    def of(cls, store: Store) -> NameIndex:
        return cls(_read(store))

    def labels(self) -> list[tuple[str, str]]:
        """Every (entity, label) the index holds, sorted (what an update must keep equal to a full read)."""
        return sorted(self.rows.values())

    def matching(self, text: str) -> list[tuple[str, str]]:
        """(entity, label) of every label containing ``text``, case aside (as LCASE compares)."""
        needle = text.lower()
        with self._lock:
            if len(needle) >= TRIGRAM:
                phrase = '"' + needle.replace('"', '""') + '"'
                found = self._db.execute("SELECT rowid FROM names WHERE names MATCH ?", (phrase,)).fetchall()
            else:
                found = self._db.execute("SELECT rowid FROM names WHERE instr(name, ?) > 0",
                                         (needle,)).fetchall()
        return [self.rows[rowid] for (rowid,) in found]

    def candidates(self, text: str, limit: int) -> list[str]:
        """The entities that can be among the first ``limit`` rows of find-by-name (module docstring)."""
        lowest: dict[str, str] = {}
        highest: dict[str, str] = {}
        for entity, label in self.matching(text):
            if entity not in lowest or label < lowest[entity]:
                lowest[entity] = label
            if entity not in highest or label > highest[entity]:
                highest[entity] = label
        if len(lowest) <= limit:
            return sorted(lowest)
        bound = sorted(highest.values())[limit - 1]
        return sorted(e for e, label in lowest.items() if label <= bound)


def _read(store: Store, only: set[str] | None = None) -> list[tuple[str, str]]:
    """The (entity, label) rows of every entity find-by-name can match, or of ``only``."""
    restrict = "" if only is None else values.iri_values("entity", only)
    result = store.query(NAMES.replace("{restrict}", restrict))
    assert isinstance(result, SelectResult)
    return [(entity.value, name.value) for entity, name in result.rows
            if isinstance(entity, ox.NamedNode) and isinstance(name, ox.Literal | ox.NamedNode)]


def updated_index(store: Store, previous: NameIndex, since: str) -> NameIndex | None:
    """The index after a small write (``previous`` was of data version ``since``): the rows of the
    subjects it touched read again, the rest copied. None when the store does not know what changed."""
    touched = store.subjects_touched_since(since, MAX_UPDATED)
    if touched is None:
        return None
    return NameIndex(_read(store, set(touched)) if touched else [], _from=(previous, set(touched)))


#: The index for the store's data now (the warmer builds it after each import, or updates it).
INDEX: Derived[NameIndex] = Derived("name index", NameIndex.of, keys=1, warm=((),), update=updated_index)


def narrow(store: Store, text: str, terms: Mapping[str, ox.NamedNode | ox.Literal | None]) -> str:
    """``text`` (find-by-name, parameters bound) with its candidates bound; unchanged if it cannot be."""
    needle = terms.get("text")
    limit = _LIMIT.search(text.rstrip())
    at = values.where_brace(text)
    if not isinstance(needle, ox.Literal) or limit is None or at is None:
        return text
    found = INDEX.get(store).candidates(needle.value, int(limit.group(1)))
    block = " ".join(f"<{iri}>" for iri in found)
    note = (f"  # ?entity: the {len(found):,} entities the name index (SQLite FTS5) finds whose name "
            f"contains the text and that can be among the first {limit.group(1)} rows;\n"
            "  # without this VALUES block the query reads every label and gives the same rows.\n")
    return f"{text[:at]}\n{note}  VALUES ?entity {{ {block} }}{text[at:]}"
