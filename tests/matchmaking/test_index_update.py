"""The matchmaking index updated from what a write touched equals the index built whole (index_update).

A synthetic ecosystem is changed by many small random imports of every sort an import
makes (new projects, organisations, participations, topics, kinds, places renamed,
grants, investments, memberships, labels) and by removals and replacements of earlier
ones. After each, the view's value — updated, not computed — must equal a full build:
every field, in the same order (the order of a list or a dict decides ties), every float
exactly, and the suggestion lists of a sample of organisations.
"""

from __future__ import annotations

import dataclasses
import random
from pathlib import Path
from typing import Any

import pytest

from tests.update_fixtures import ID, LABEL, Imports, V, changes, t
from vdk_graph.matchmaking.index import MATCH_INDEX, MatchIndex, _compute, match_index
from vdk_graph.matchmaking.suggestions import suggest
from vdk_graph.store import MemoryStore

TEXTS = ["http://purl.org/dc/terms/title", "http://purl.org/dc/terms/description"]
#: Fields that are not values of the data (or are compared apart).
APART = {"eco", "collab", "text", "exposure", "inputs", "_lock", "named"}


def ordered(value: Any) -> Any:
    """A value with the order of every dict and list kept (dict equality alone ignores order); a set has
    none to keep (two equal sets may iterate differently: a failure once in CI), so it is sorted."""
    if isinstance(value, dict):
        return [(k, ordered(v)) for k, v in value.items()]
    if isinstance(value, (list, tuple)):
        return [ordered(v) for v in value]
    if isinstance(value, (set, frozenset)):
        return ("set", sorted(value, key=repr))
    return value


def same(left: MatchIndex, right: MatchIndex) -> None:
    for f in dataclasses.fields(MatchIndex):
        if f.name not in APART:
            assert ordered(getattr(left, f.name)) == ordered(getattr(right, f.name)), f.name
    for f in dataclasses.fields(left.text):
        assert ordered(getattr(left.text, f.name)) == ordered(getattr(right.text, f.name)), f"text.{f.name}"
    assert list(left.collab.edges(data=True)) == list(right.collab.edges(data=True))
    assert (left.version, left.fingerprint) == (right.version, right.fingerprint)
    assert left.unrelated == right.unrelated
    if left.named is not None and right.named is not None:  # counts of terms: their order means nothing
        assert dict(left.named) == dict(right.named)
    for org in list(left.orgs)[::7]:
        assert suggest(left, org, top=10).as_dict() == suggest(right, org, top=10).as_dict(), org


@pytest.mark.parametrize("seed", [6, 7, 8])
def test_small_imports_and_removals_update_the_index_as_a_full_build_would(
        synthetic_store: MemoryStore, seed: int) -> None:
    store = synthetic_store
    first = match_index(store)
    for _ in changes(store, seed):
        before = MATCH_INDEX.updated
        updated = match_index(store)
        assert MATCH_INDEX.updated == before + 1, "the index was built whole, not updated"
        same(updated, _compute(store))
    assert ordered(updated.topics) != ordered(first.topics)


@pytest.mark.parametrize("seed", [21, 22, 23, 24])
def test_only_the_rows_a_write_changed_are_computed_again_and_the_index_equals_a_full_build(
        synthetic_store: MemoryStore, seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """The rows and ties kept from the previous index (index_update.kept_of) are those a write left as
    they were: were one kept that changed, a field or a suggestion list would differ from a full build."""
    from vdk_graph.matchmaking import index_update

    store, seen = synthetic_store, []
    real = index_update.kept_of

    def spy(*args: Any) -> Any:
        seen.append(real(*args))
        return seen[-1]

    monkeypatch.setattr(index_update, "kept_of", spy)
    monkeypatch.setattr(index_update, "MAX_CHANGED_SHARE", 1.0)  # a small graph: a write changes much of it
    match_index(store)
    for _ in changes(store, seed, steps=20):
        updated = match_index(store)
        same(updated, _compute(store))
    kept = [k for k in seen if k is not None]
    assert len(seen) == 20 and len(kept) == 20, "the rows were computed whole, not kept"
    computed = sorted(len(k.changed) for k in kept)
    orgs = len(updated.orgs)
    assert computed[-1] < orgs and computed[len(computed) // 2] <= orgs / 10, computed
    assert any(k.changed for k in kept) and any(len(k.tied) > len(k.changed) for k in kept)


def test_a_project_that_becomes_an_organisation_and_back_updates_its_partners_and_funders_ties(
        synthetic_store: MemoryStore, monkeypatch: pytest.MonkeyPatch) -> None:
    """A project typed as a company stops being a project (its funders no longer fund its organisations)
    and becomes an organisation (tied to whoever its edges link): ties of organisations whose own
    node and edges did not change (index_update.kept_of: funders before, being an organisation)."""
    from tests.update_fixtures import RDF_TYPE
    from vdk_graph.matchmaking import index_update

    store = synthetic_store
    monkeypatch.setattr(index_update, "MAX_CHANGED_SHARE", 1.0)
    index = match_index(store)
    project = next(p for o in index.orgs for p in index.projects.get(o, ()) if len(index.project_orgs[p]) > 1)
    funder = next(o for o in index.orgs if o not in index.project_orgs[project])
    grant = f"{ID}g"
    with store.transaction() as tx:
        tx.replace_graph(f"{ID}graph/grant", [t(grant, RDF_TYPE, f"{V}Grant"),
                                             t(grant, f"{V}awardedBy", funder),
                                             t(grant, f"{V}grantFor", project)])
    same(match_index(store), _compute(store))
    assert any(funder in match_index(store).funders.get(o, ()) for o in index.project_orgs[project])
    for step in ("flip", "back", "flip"):
        with store.transaction() as tx:
            if step == "back":
                tx.remove_graph(f"{ID}graph/flip")
            else:
                tx.replace_graph(f"{ID}graph/flip", [t(project, RDF_TYPE, f"{V}Company")])
        before = MATCH_INDEX.updated
        updated = match_index(store)
        assert MATCH_INDEX.updated == before + 1
        same(updated, _compute(store))
        assert (project in updated.orgs) == (step == "flip")


WORDS = ["animation", "games", "virtual", "production", "film", "sound", "design", "festival", "camera",
         "series", "children"]


def test_texts_written_replaced_and_removed_update_the_index_as_a_full_build_would(
        synthetic_store: MemoryStore) -> None:
    """New words and new documents change every document's weights (their rarity among all)."""
    store = synthetic_store
    imports = Imports(store, random.Random(3))
    match_index(store)
    graphs: list[str] = []
    for step in range(10):
        rng = imports.rng
        subject = rng.choice([*imports.projects, *imports.orgs])
        text = " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 6))) + f" word{step}"
        with store.transaction() as tx:
            if graphs and step % 4 == 3:
                tx.remove_graph(graphs.pop(0))
            else:
                graphs.append(f"{ID}graph/text-{step}")
                tx.replace_graph(graphs[-1], [t(subject, rng.choice(TEXTS), _literal(text))])
        before = MATCH_INDEX.updated
        same(match_index(store), _compute(store))
        assert MATCH_INDEX.updated == before + 1


def test_a_renamed_region_and_a_moved_organisation_are_read_again(synthetic_store: MemoryStore) -> None:
    store = synthetic_store
    index = match_index(store)
    org, place = next((o, p) for o, p in index.region.items())
    with store.transaction() as tx:
        tx.replace_graph(f"{ID}graph/region", [t(place.iri, LABEL, _literal("Aaa region"))])
    same(match_index(store), _compute(store))
    assert ("", "Aaa region") in match_index(store).region[org].labels
    city = next(c for o, c in index.city.items() if o != org)
    with store.transaction() as tx:
        tx.replace_graph(f"{ID}graph/move", [t(org, f"{V}basedIn", city.iri)])
    same(match_index(store), _compute(store))


def _literal(text: str) -> Any:
    import pyoxigraph as ox

    return ox.Literal(text)


def test_an_index_without_inputs_is_built_whole_after_a_write(synthetic_store: MemoryStore) -> None:
    """One read from a file written without them has nothing to update from."""
    store = synthetic_store
    index = match_index(store)
    stripped = dataclasses.replace(index, inputs=None)
    with store.transaction() as tx:
        tx.replace_graph(f"{ID}graph/one", [t(list(index.orgs)[0], LABEL, _literal("Aaa"))])
    from vdk_graph.matchmaking.index_update import updated_index

    assert updated_index(store, stripped, index.version) is None
    assert updated_index(store, index, index.version) is not None


def test_after_a_restart_the_index_read_from_its_file_is_updated(tmp_path: Path) -> None:
    """The file keeps what the index was built from (its ``input_*`` tables): the first writes after
    a restart update the index read from it, and the result equals a full build."""
    from tests.update_fixtures import ID as BASE
    from vdk_graph.matchmaking.index_file import StoredIndex
    from vdk_graph.store import EmbeddedStore
    from vdk_graph.synth import generate
    from vdk_graph.synth.rdf import triples as synth_triples

    store = EmbeddedStore(tmp_path / "store")
    with store.transaction() as tx:
        tx.replace_graph(f"{BASE}graph/base", list(synth_triples(generate(60, seed=11))))
    built = match_index(store)  # computed, and written with its inputs
    assert built.inputs is not None
    store.close()
    store = EmbeddedStore(tmp_path / "store")  # a new process
    loaded = MATCH_INDEX.loaded
    read = match_index(store)
    assert MATCH_INDEX.loaded == loaded + 1 and isinstance(read, StoredIndex) and read.inputs is not None
    for name in ("texts", "places", "classes"):
        assert ordered(dict(getattr(read.inputs, name))) == ordered(dict(getattr(built.inputs, name))), name
    try:
        for _ in changes(store, 9, steps=5):
            before = MATCH_INDEX.updated
            same(match_index(store), _compute(store))
            assert MATCH_INDEX.updated == before + 1, "the index was built whole, not updated"
    finally:
        MATCH_INDEX.saved()
        store.close()


def test_an_index_read_from_its_file_is_computed_in_memory_once_idle_and_then_updated_in_place(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The warmer's priming (index_update.prime): the index read from the file is swapped for the same
    index computed in memory, and the next write keeps its rows; a write before it ends stops it."""
    from tests.update_fixtures import ID as BASE
    from vdk_graph.matchmaking import index_update
    from vdk_graph.matchmaking.index_file import StoredIndex
    from vdk_graph.network import ecosystem
    from vdk_graph.store import EmbeddedStore
    from vdk_graph.synth import generate
    from vdk_graph.synth.rdf import triples as synth_triples

    store = EmbeddedStore(tmp_path / "store")
    with store.transaction() as tx:
        tx.replace_graph(f"{BASE}graph/base", list(synth_triples(generate(60, seed=12))))
    match_index(store)
    store.close()
    store = EmbeddedStore(tmp_path / "store")
    try:
        ecosystem(store)
        read = match_index(store)
        assert isinstance(read, StoredIndex) and read.rows is None
        index_update.prime(store)
        index_update.primed(30)
        primed = MATCH_INDEX.peek(store)
        assert primed is not read and primed is not None and primed.rows is not None
        same(primed, _compute(store))
        monkeypatch.setattr(index_update, "MAX_CHANGED_SHARE", 1.0)
        kept = []
        real = index_update.kept_of
        monkeypatch.setattr(index_update, "kept_of", lambda *args: kept.append(real(*args)) or kept[-1])
        for _ in changes(store, 13, steps=3):
            same(match_index(store), _compute(store))
        assert len(kept) == 3 and all(k is not None for k in kept)
        # Read from the file again, and the data changed before the priming ran: nothing is swapped.
        MATCH_INDEX.saved()
        MATCH_INDEX.forget(store)
        ecosystem(store)
        read = match_index(store)
        assert isinstance(read, StoredIndex)
        with store.transaction() as tx:
            tx.replace_graph(f"{BASE}graph/late", [t(list(read.orgs)[0], LABEL, _literal("Aaa"))])
        index_update.prime(store)
        index_update.primed(30)
        assert MATCH_INDEX.peek(store) is None and MATCH_INDEX.latest(store) is read
    finally:
        MATCH_INDEX.saved()
        store.close()
