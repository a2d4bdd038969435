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

Of the index itself, what is a fact about one organisation — its row (kinds, projects, funders,
own fields: :mod:`~vdk_graph.matchmaking.index_rows`) and its ties — is computed again only for
the organisations a write may have changed (:func:`kept_of`), and kept for the others. Which ones:
the projection's update shares every node, and every node's edges, it did not read again with the
previous projection, so a node whose data or edges are not the very same objects, nor equal, changed
(:func:`~vdk_graph.network.changed.changed_nodes`); an organisation's row changes with its node, its
edges, its inputs (texts, classes, place) or one of its projects, and its ties with those of a
partner (before and after), a funder or fundee (before and after), or a node an edge links it to.

The rest is computed whole, as a full build computes it, from the rows (all of it cheap next to the
rows and the ties, and mostly global statistics: how rare a topic or a word is among all
organisations and documents, the year the data is "as of", which words are names — one new document
changes every weight of the text index). So an update goes through the same functions as a full
build, and equals it (``tests/matchmaking/test_index_update.py``: every field in order, every float,
suggestion lists, after random imports, text edits and removals). What is kept from the previous
version inside that computation (each text's words; see :mod:`~vdk_graph.matchmaking.text`) is kept
by value, not by place.

An index read from its file has the inputs it was built from when the file keeps them
(``input_*`` tables, :data:`~vdk_graph.matchmaking.index_codecs.INPUT_FIELDS`): the first write
after a restart is an update of the inputs, and the index is computed from them whole (the file
keeps no rows, nor the projection they were computed from); from then on the index is in memory
and the next write updates its rows. A file written without inputs gives an index built whole.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable, Mapping
from typing import Any, TypeVar

from vdk_graph.derived.activity import ACTIVITY, QUIET_FOR, QUIET_WAIT
from vdk_graph.matchmaking.index import MATCH_INDEX, Kept, build_index
from vdk_graph.matchmaking.index_model import MatchIndex
from vdk_graph.matchmaking.index_reads import read_kinds, read_places, read_texts, values_of
from vdk_graph.matchmaking.index_rows import PARTICIPATION
from vdk_graph.network.changed import changed_nodes
from vdk_graph.store.base import Store

log = logging.getLogger(__name__)
V = TypeVar("V")

#: Past this many subjects touched since the previous index, the index is built whole (as the search index).
MAX_SUBJECTS = 5000
#: Past this share of the projection's nodes changed, every row is computed again (the projection
#: was read whole, or the write was large): finding which rows to keep would cost more than it saves.
MAX_CHANGED_SHARE = 0.25


def updated_index(store: Store, previous: MatchIndex, since: str) -> MatchIndex | None:
    """The index of the store's data now, from ``previous`` (of data version ``since``); None when it
    must be built whole."""
    from vdk_graph.network import ecosystem

    inputs = previous.inputs
    touched = store.subjects_touched_since(since, MAX_SUBJECTS)
    if inputs is None or touched is None:
        return None
    texts = _replaced(inputs.texts, touched, read_texts(store, touched) if touched else {})
    classes = _replaced(inputs.classes, touched, read_kinds(store, touched) if touched else {})
    placed = _placed_again(store, touched)
    places = _replaced(inputs.places, placed, read_places(store, placed) if placed else {})
    eco = ecosystem(store)
    kept = kept_of(previous, eco, set(touched) | placed)
    log.info("matchmaking index updated: %d subjects touched, %d places read again, %s", len(touched),
             len(placed), "every row computed again" if kept is None
             else f"{len(kept.changed)} rows and {len(kept.tied)} organisations' ties computed again")
    return build_index(eco, texts, places, classes, kept)


def kept_of(previous: MatchIndex, eco: Any, inputs_changed: set[str]) -> Kept | None:
    """What the index of ``eco`` keeps of ``previous`` (see the module's doc); None: compute every row."""
    old_eco = previous.eco
    if previous.rows is None or not hasattr(old_eco, "graph") or not hasattr(previous.collab, "_adj"):
        return None  # read from its file: no rows, and not the projection they came from
    old, new = old_eco.graph, eco.graph
    changed = eco.memo("changed since", old_eco.version, lambda: changed_nodes(old, new))
    if len(changed) > MAX_CHANGED_SHARE * max(len(new), 1):
        return None
    old_collab, collab = previous.collab, eco.collaboration()
    orgs, old_orgs = collab._node, old_collab._node
    rows = {n for n in changed | inputs_changed if n in orgs}
    for node in changed:  # a project's participants (its kind, topics, funders are in their rows)
        if node in new:
            rows.update(o for o, relation in _sources(new, node) if relation in PARTICIPATION and o in orgs)
    # An edge that changed changed the nodes at both its ends, and a pair of partners that changed took
    # part in a project whose organisations changed: both are rows computed again. What else a tie
    # depends on: funders and fundees (before: here; now: below), and being an organisation at all.
    tied = set(rows)
    for org in rows | {n for n in changed if n in old_orgs}:
        for mapping in (previous.funders, previous.fundees):
            tied.update(mapping.get(org) or ())
        if (org in orgs) != (org in old_orgs):  # it became an organisation, or stopped being one
            tied.update(old_collab._adj.get(org, ()))
            for graph in (old, new):
                if org in graph._node:
                    tied.update(graph._succ[org])
                    tied.update(graph._pred[org])
    # The funders the rows computed again have now (at the node or at one of its projects).
    for org in rows:
        tied.update(o for o, relation in _sources(new, org) if relation == "funds")
        for project in new._succ[org]:
            tied.update(o for o, relation in _sources(new, project) if relation == "funds")
    return Kept(rows=previous.rows, ties=previous.ties, changed=rows, tied={o for o in tied if o in orgs},
                nodes=changed, old=old_eco, named=previous.named)


def _sources(graph: Any, node: str) -> Iterable[tuple[str, str]]:
    for source, keyed in graph._pred[node].items():
        for data in keyed.values():
            yield source, data["relation"]


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


_priming: list[threading.Thread] = []


def prime(store: Store) -> threading.Thread | None:
    """In a long-lived process, swap the index read from its file for the same index computed in memory.

    An index read from its file has no rows and no projection to compare the next one with, so the
    first write after a start computes the index whole (~5 s of CPU at 1M) where an index computed
    in the process is updated in place (under a second). So once the process computes nothing else
    (:data:`~vdk_graph.derived.activity.QUIET_FOR`), a thread computes it from the inputs the file
    keeps and the projection in memory, and the view serves it from then on (the answers are the
    same: a full build from the same inputs). The web app's warmer calls this; a command does not
    (it ends before a write). Nothing happens when the data changed meanwhile.
    """
    from vdk_graph.network import ECOSYSTEM

    index = MATCH_INDEX.peek(store)
    if index is None or index.rows is not None or index.inputs is None:
        return None
    version = index.version

    def run() -> None:
        ACTIVITY.wait_quiet(lambda: store.data_version() != version, QUIET_WAIT, QUIET_FOR)
        eco = ECOSYSTEM.peek(store)
        inputs = index.inputs
        if eco is None or eco.version != version or inputs is None:
            return
        try:
            built = build_index(eco, dict(inputs.texts), dict(inputs.places), dict(inputs.classes))
        except Exception:  # noqa: BLE001 - the index read from the file is still served
            log.warning("computing the matchmaking index in memory failed", exc_info=True)
            return
        if MATCH_INDEX.swap(store, index, built):
            log.info("matchmaking index computed in memory: the next write updates it in place")

    thread = threading.Thread(target=run, name="vdk-prime-match-index", daemon=True)
    _priming[:] = [t for t in _priming if t.is_alive()] + [thread]
    thread.start()
    return thread


def primed(timeout: float | None = None) -> None:
    """Wait for :func:`prime`'s threads (a benchmark, a test)."""
    for thread in list(_priming):
        thread.join(timeout)
