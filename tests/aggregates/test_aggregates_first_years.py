"""The first-years family (participations-by-year): the year each organisation first took part in a project.

Found by the engine with the query's own subquery (the two texts are held together here) and
fingerprinted by the years themselves, so an earlier start date given to a project makes them stale though
no participation changed, and the original runs until they are counted again.
"""

from __future__ import annotations

from pathlib import Path

from tests.aggregates_fixtures import (
    BASE,
    PREFIX,
    inner_select,
    rows,
    same_answer,
    start_in_1901,
    synthetic_store,
)
from vdk_graph import aggregates, queries
from vdk_graph.aggregates import reads, write_aggregates
from vdk_graph.store import EmbeddedStore

NAME = "participations-by-year"


def test_the_years_are_found_with_the_query_s_own_subquery() -> None:
    opening = "SELECT ?organisation (MIN(?began) AS ?firstYear)"
    assert inner_select(reads.FIRST_YEARS, opening) == inner_select(queries.get(NAME).sparql, opening)


def test_an_earlier_start_makes_the_years_stale_and_the_original_runs(tmp_path: Path) -> None:
    store = synthetic_store(EmbeddedStore(tmp_path / "store"), orgs=120, seed=3)
    try:
        named = queries.get(NAME)
        assert named.materialised is not None
        assert named.materialised.reads == {"first-years", "participation", "page-order"}
        assert same_answer(store, named, {}) > 0  # the materialised formulation runs, the original's rows
        first = store.query(PREFIX + "SELECT ?p WHERE { ?o vdk:participatesIn ?p } ORDER BY ?p LIMIT 1")
        project = rows(first)[0][0]
        start_in_1901(store, project)

        current = aggregates.current(store)
        assert "participation" in current and "first-years" not in current  # only a date changed
        assert named.bind({}, store) == named.bind({}, store, original=True)
        assert any('"1901"' in row[-1] for row in rows(named.run(store)))  # the original finds the new year

        report = write_aggregates(store, BASE)
        assert "first-years" in report.families
        assert same_answer(store, named, {}) > 0
        assert any('"1901"' in row[-1] for row in rows(named.run(store)))
    finally:
        store.close()
