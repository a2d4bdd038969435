"""An organisation a source says has closed (``vdk:closingYear``) keeps its history but is never suggested.

A bankrupt studio's projects and partners stay true (its page, the map, the partners of
its partners), but a matchmaker acting on a list that offers it wastes a call. The
closing year reaches the projection as the node's ``closed`` and the matchmaking index
as ``closed``; written and removed again, the index updated in place equals a full build.
"""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from tests.matchmaking.test_index_update import same
from tests.update_fixtures import ID, V, t
from vdk_graph.matchmaking.index import MATCH_INDEX, _compute, match_index
from vdk_graph.matchmaking.suggestions import suggest, suggest_for_idea
from vdk_graph.network import ecosystem
from vdk_graph.store import MemoryStore

GYEAR = ox.NamedNode("http://www.w3.org/2001/XMLSchema#gYear")


def _close(store: MemoryStore, org: str, year: str) -> None:
    with store.transaction() as tx:
        tx.replace_graph(f"{ID}graph/closed", [t(org, f"{V}closingYear", ox.Literal(year, datatype=GYEAR))])


def _suggested(store: MemoryStore, orgs: list[str]) -> set[str]:
    index = match_index(store)
    found = {s.iri for org in orgs for s in suggest(index, org, top=10).items}
    return found | {s.iri for s in suggest_for_idea(index, "film games animation", top=20).items}


def test_a_closed_organisation_is_never_suggested_and_comes_back_when_the_source_goes(
        synthetic_store: MemoryStore, monkeypatch: pytest.MonkeyPatch) -> None:
    from vdk_graph.matchmaking import index_update

    store = synthetic_store
    monkeypatch.setattr(index_update, "MAX_CHANGED_SHARE", 1.0)  # a small graph: a write changes much of it
    index = match_index(store)
    orgs = list(index.orgs)
    asker = next(o for o in orgs if suggest(index, o, top=10).items)
    top = suggest(index, asker, top=10).items[0].iri
    assert top in _suggested(store, orgs)

    _close(store, top, "2025")
    before = MATCH_INDEX.updated
    closed = match_index(store)
    assert MATCH_INDEX.updated == before + 1, "the index was built whole, not updated"
    same(closed, _compute(store))
    assert dict(closed.closed) == {top: 2025}
    assert top not in _suggested(store, orgs)
    # Its history stays: it is still an organisation of the network, with its projects and partners.
    assert top in closed.orgs and closed.projects.get(top) == index.projects.get(top)
    assert ecosystem(store).graph.nodes[top]["closed"] == 2025

    with store.transaction() as tx:
        tx.remove_graph(f"{ID}graph/closed")
    reopened = match_index(store)
    same(reopened, _compute(store))
    assert not reopened.closed and "closed" not in ecosystem(store).graph.nodes[top]
    assert suggest(reopened, asker, top=10).items[0].iri == top


def test_two_sources_giving_different_years_keep_the_earliest(synthetic_store: MemoryStore) -> None:
    store = synthetic_store
    org = list(match_index(store).orgs)[0]
    with store.transaction() as tx:
        for year in ("2024", "2022"):
            tx.replace_graph(f"{ID}graph/closed-{year}",
                             [t(org, f"{V}closingYear", ox.Literal(year, datatype=GYEAR))])
    assert dict(match_index(store).closed) == {org: 2022}
