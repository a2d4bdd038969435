"""The name index updated from what a write touched equals the index read whole (name_index.updated_index)."""

from __future__ import annotations

import pytest

from tests.update_fixtures import changes
from vdk_graph.queries import name_index
from vdk_graph.store import MemoryStore


@pytest.mark.parametrize("seed", [4, 9])
def test_small_imports_and_removals_update_the_name_index_as_a_full_read_would(
        synthetic_store: MemoryStore, seed: int) -> None:
    store = synthetic_store
    first = name_index.INDEX.get(store)
    for _ in changes(store, seed, steps=12):
        before = name_index.INDEX.updated
        updated = name_index.INDEX.get(store)
        assert name_index.INDEX.updated == before + 1, "the index was read whole, not updated"
        whole = name_index.NameIndex.of(store)
        assert updated.labels() == whole.labels()
        for text in ("a", "aaa", "New", "P1", "film", "zzz-none"):
            assert sorted(updated.matching(text)) == sorted(whole.matching(text)), text
            assert updated.candidates(text, 5) == whole.candidates(text, 5), text
    assert updated.labels() != first.labels()
    assert first.labels() == name_index.NameIndex(first.labels()).labels()  # the old one still serves
