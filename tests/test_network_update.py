"""The projection updated from what a write touched equals the projection read whole (network.update).

A synthetic ecosystem is loaded, then changed by many small random imports of every
sort an import makes (new projects and organisations, participations with roles,
topics that appear, kinds that change, places renamed, grants, investments,
memberships, labels stated twice) and by removals and replacements of earlier ones.
After each, the view's value — updated, not computed — must equal a full read: the same
nodes with the same data, the same edges, in the same order.
"""

from __future__ import annotations

import random

import pyoxigraph as ox
import pytest

from tests.update_fixtures import ID, LABEL, RDF_TYPE, Imports, V, changes, n, t
from vdk_graph.network import ECOSYSTEM, build_ecosystem, ecosystem
from vdk_graph.network.ecosystem import Ecosystem
from vdk_graph.store import MemoryStore
from vdk_graph.store import changes as changes_module


def same(left: Ecosystem, right: Ecosystem) -> None:
    assert list(left.graph.nodes(data=True)) == list(right.graph.nodes(data=True))
    assert list(left.graph.edges(keys=True, data=True)) == list(right.graph.edges(keys=True, data=True))
    for node in left.graph:  # neighbour order too (what walks and paths follow)
        assert list(left.graph.adj[node]) == list(right.graph.adj[node])
        assert list(left.graph.pred[node]) == list(right.graph.pred[node])
    mine, full = left.collaboration(), right.collaboration()  # made from the previous one's, when it has one
    assert list(mine.nodes(data=True)) == list(full.nodes(data=True))
    assert list(mine.edges(data=True)) == list(full.edges(data=True))
    for node in mine:
        assert list(mine.adj[node].items()) == list(full.adj[node].items())
        assert all(mine.adj[node][other] is mine.adj[other][node] for other in mine.adj[node])


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_small_imports_and_removals_update_the_projection_as_a_full_read_would(synthetic_store: MemoryStore,
                                                                                seed: int) -> None:
    store = synthetic_store
    ecosystem(store)
    for _ in changes(store, seed):
        before = ECOSYSTEM.updated
        same(ecosystem(store), build_ecosystem(store))
        assert ECOSYSTEM.updated == before + 1, "the projection was read whole, not updated"


@pytest.mark.parametrize("seed", [4, 5])
def test_the_collaboration_network_is_made_from_the_previous_ones(synthetic_store: MemoryStore, seed: int,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """After each small write the collaboration network is updated (network.changed), and equals the one
    made from the full read: nodes, edges, weights, projects, every neighbour list in order."""
    from vdk_graph.network import changed

    made = []
    real = changed.updated_collaboration
    monkeypatch.setattr(changed, "updated_collaboration", lambda *args: made.append(1) or real(*args))
    store = synthetic_store
    ecosystem(store).collaboration()
    for step in changes(store, seed, steps=20):
        same(ecosystem(store), build_ecosystem(store))
        assert len(made) == step + 1


def test_a_write_the_store_cannot_describe_reads_the_projection_whole(synthetic_store: MemoryStore) -> None:
    store = synthetic_store
    ecosystem(store)
    with store.transaction() as tx:
        tx.replace_graph(f"{ID}graph/blank", [ox.Triple(n(f"{ID}a"), n(LABEL), ox.BlankNode())])
    before, computed = ECOSYSTEM.updated, ECOSYSTEM.computed
    same(ecosystem(store), build_ecosystem(store))
    assert (ECOSYSTEM.updated, ECOSYSTEM.computed) == (before, computed + 1)


def test_a_thing_that_becomes_a_node_or_stops_being_one_updates_who_names_it(
        synthetic_store: MemoryStore) -> None:
    store = synthetic_store
    project = Imports(store, random.Random(0)).projects[0]
    with store.transaction() as tx:
        tx.replace_graph(f"{ID}graph/keyword", [t(project, f"{V}keyword", f"{ID}late")])
    ecosystem(store)
    for change in ([t(f"{ID}late", RDF_TYPE, f"{V}Topic")], []):  # typed by one import, untyped by the next
        with store.transaction() as tx:
            tx.replace_graph(f"{ID}graph/type", change)
        before = ECOSYSTEM.updated
        updated = ecosystem(store)
        same(updated, build_ecosystem(store))
        assert ECOSYSTEM.updated == before + 1
        assert (f"{ID}late" in updated.graph.nodes[project]["topics"]) == bool(change)


def test_a_view_carried_over_a_write_is_updated_from_the_version_it_was_carried_to(
        synthetic_store: MemoryStore, monkeypatch: pytest.MonkeyPatch) -> None:
    """``derive`` writes the aggregates (too many triples to note) and carries the projection over them."""
    store = synthetic_store
    ecosystem(store)
    monkeypatch.setattr(changes_module, "TOUCHED_LIMIT", 2)
    before = store.data_version()
    with store.transaction() as tx:  # read by no projection, and not noted
        tx.replace_graph(f"{ID}graph/counted", [t(f"{ID}c{i}", f"{V}counted", f"{ID}x") for i in range(3)])
    assert store.touched_between(before, store.data_version()) is None
    ECOSYSTEM.carry_over(store, before, store.data_version())
    monkeypatch.undo()
    with store.transaction() as tx:
        tx.replace_graph(f"{ID}graph/small", Imports(store, random.Random(9)).make())
    updated, computed = ECOSYSTEM.updated, ECOSYSTEM.computed
    same(ecosystem(store), build_ecosystem(store))
    assert (ECOSYSTEM.updated, ECOSYSTEM.computed) == (updated + 1, computed)
