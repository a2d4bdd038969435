"""The search index updated from what a write touched equals the index read whole (search.updated_index)."""

from __future__ import annotations

import pytest

from tests.update_fixtures import changes
from vdk_graph import search
from vdk_graph.store import MemoryStore
from vdk_graph.synth import DEFAULT_BASE_IRI


def same(left: search.SearchIndex, right: search.SearchIndex) -> None:
    assert [(e.iri, e.kind, e.labels, e.names) for e in left.entries] == [
        (e.iri, e.kind, e.labels, e.names) for e in right.entries]
    assert (left.keys, left.owner, left.text) == (right.keys, right.owner, right.text)
    assert left.version == right.version


@pytest.mark.parametrize("seed", [4, 5])
def test_small_imports_and_removals_update_the_search_index_as_a_full_read_would(
        synthetic_store: MemoryStore, seed: int) -> None:
    store = synthetic_store
    first = search.index(store, DEFAULT_BASE_IRI)
    for _ in changes(store, seed, steps=10):
        before = search.INDEX.updated
        updated = search.index(store, DEFAULT_BASE_IRI)
        same(updated, search.build_index(store, DEFAULT_BASE_IRI))
        assert search.INDEX.updated == before + 1, "the index was read whole, not updated"
    assert [(e.iri, e.names) for e in updated.entries] != [(e.iri, e.names) for e in first.entries]
