"""The matchmaking index after a small write, from what the write touched (issue 17).

A full build reads the projection and three more things from the store (every text, every
place, every organisation class: :mod:`~vdk_graph.matchmaking.index_reads`) and computes
the index from them. After an import of one project the projection is updated
(:mod:`vdk_graph.network.update`), and of the three reads only what the write touched can
differ: a text, a class are statements about their subject, and an organisation's place
changes only when it, its place or the region holding its place was touched. So those
are read again, restricted to the subjects the store noted
(:meth:`~vdk_graph.store.base.Store.touched_between`), and the rest is kept from the
previous index's :class:`~vdk_graph.matchmaking.index_model.Inputs`.

The index is then computed from them as a full build computes it: much of it is global
statistics (how rare a topic or a word is among all organisations and documents, the year
the data is "as of", which words are names), which one new document changes everywhere,
and the test that the result equals a full build (``tests/matchmaking/test_index_update.py``)
holds for any write because nothing is patched. What is kept from the previous version
inside that computation (each text's words; see :mod:`~vdk_graph.matchmaking.text`) is
kept by value, not by place.

An index read from its file has the inputs it was built from when the file keeps them
(``input_*`` tables, :data:`~vdk_graph.matchmaking.index_codecs.INPUT_FIELDS`): the first write
after a restart is an update too. A file written without them gives an index built whole, as before.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from typing import TypeVar

from vdk_graph.matchmaking.index_model import MatchIndex
from vdk_graph.matchmaking.index_reads import read_kinds, read_places, read_texts, values_of
from vdk_graph.store.base import Store

log = logging.getLogger(__name__)
V = TypeVar("V")

#: Past this many subjects touched since the previous index, the index is built whole (as the search index).
MAX_SUBJECTS = 5000


def updated_index(store: Store, previous: MatchIndex, since: str) -> MatchIndex | None:
    """The index of the store's data now, from ``previous`` (of data version ``since``); None when it
    must be built whole."""
    from vdk_graph.matchmaking.index import build_index
    from vdk_graph.network import ecosystem

    inputs = previous.inputs
    touched = store.subjects_touched_since(since, MAX_SUBJECTS)
    if inputs is None or touched is None:
        return None
    texts = _replaced(inputs.texts, touched, read_texts(store, touched) if touched else {})
    classes = _replaced(inputs.classes, touched, read_kinds(store, touched) if touched else {})
    placed = _placed_again(store, touched)
    places = _replaced(inputs.places, placed, read_places(store, placed) if placed else {})
    log.info("matchmaking index updated: %d subjects touched, %d places read again",
             len(touched), len(placed))
    return build_index(ecosystem(store), texts, places, classes)


def _replaced(old: Mapping[str, V], keys: Iterable[str], fresh: Mapping[str, V]) -> dict[str, V]:
    """``old`` with the entries of ``keys`` replaced by ``fresh``'s (dropped where it has none)."""
    gone = set(keys)
    out = {k: v for k, v in old.items() if k not in gone}
    out.update(fresh)
    return out


def _placed_again(store: Store, touched: frozenset[str]) -> set[str]:
    """The organisations whose place may have changed: those touched, and those based in a touched
    place or in a place located in a touched one (its labels, its region, its class)."""
    if not touched:
        return set()
    values = values_of("x", touched)  # in each branch: see Rows
    found = {row["org"] for row in store.select(f"""SELECT DISTINCT ?org WHERE {{
        {{ {values} ?org vdk:basedIn ?x }} UNION
        {{ {values} ?org vdk:basedIn ?place . ?place vdk:locatedIn ?x }} }}""").dicts()}
    return found | set(touched)
