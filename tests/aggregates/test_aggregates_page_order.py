"""The page-order family: each row's place in the whole answer, so that a page cut at the row cap reads
only its first places (knowledge-reaches-companies, newest-projects; docs/decisions/0011).

A page bound for a row cap with no parameter given keeps the places up to the cap and one more: its first
rows must be the original's first rows (up to rows the original's ORDER BY leaves tied at the cut), and the
endpoint must still see that rows were cut. A parameter given, or no cap, keeps the whole answer. A start
date changed makes the places stale though no participation changed: the original runs until counting.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.aggregates_fixtures import (
    BASE,
    PREFIX,
    PROBES,
    inner_select,
    normalised,
    order_keys,
    probed,
    rows,
    run,
    same_answer,
    start_in_1901,
    synthetic_store,
)
from vdk_graph import aggregates, queries
from vdk_graph.aggregates import reads, write_aggregates
from vdk_graph.store import EmbeddedStore, Store

PAGED = ("knowledge-reaches-companies", "newest-projects", "participations-by-year")


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    found = synthetic_store(EmbeddedStore(tmp_path_factory.mktemp("page-order") / "store"), orgs=120, seed=3)
    yield found
    found.close()


def first_page(store: Store, name: str, cap: int) -> None:
    """The page bound for ``cap`` against the original's first ``cap`` rows."""
    named = queries.get(name)
    assert named.materialised is not None and named.materialised.page
    paged = named.bind({}, store, cap=cap)
    assert f"FILTER(?{named.materialised.page} <= {cap + 1})" in paged, f"{name}: the page was not cut"
    variables, fast = run(store, paged)
    _, slow = run(store, named.bind({}, store, original=True))
    fast, slow = normalised(name, variables, fast), normalised(name, variables, slow)
    assert len(slow) > cap + 1, "the world is too small to cut"
    # one more than the cap at least (all the rows of the projects placed there: participations-by-year):
    # the endpoint says that rows were cut
    assert len(fast) == cap + 1 or (name == "participations-by-year" and cap + 1 < len(fast) < len(slow))
    keys, original_keys = order_keys(named, variables, fast), order_keys(named, variables, slow)
    assert keys == original_keys[:len(keys)]
    last = keys[cap - 1]  # rows tied with the last one shown may be any of the tied ones
    assert Counter(r for r, k in zip(fast[:cap], keys, strict=False) if k != last) == Counter(
        r for r, k in zip(slow[:cap], original_keys, strict=False) if k != last)
    assert set(fast) <= set(slow)


@pytest.mark.parametrize("name", PAGED)
@pytest.mark.parametrize("cap", [1, 7, 40])
def test_a_capped_page_is_the_original_s_first_rows(store: Store, name: str, cap: int) -> None:
    first_page(store, name, cap)


@pytest.mark.parametrize("name", PAGED)
def test_without_a_cap_or_with_a_parameter_the_whole_answer_runs(store: Store, name: str) -> None:
    named = queries.get(name)
    assert named.materialised is not None
    assert "FILTER(?" not in named.bind({}, store)
    assert same_answer(store, named, {}) > 0  # the whole answer, in the original's order
    for given in PROBES.get(name, []):
        text = named.bind(probed(store, given), store, cap=5)
        assert "FILTER(?" not in text and text.startswith(named.materialised.sparql[:40])  # whole answer
        assert same_answer(store, named, probed(store, given)) > 0


def test_the_years_are_the_queries_own() -> None:
    """STARTS computes each project's year with newest-projects' own expressions, PROJECT_YEARS with
    participations-by-year's own subquery."""
    original = queries.get("newest-projects").sparql
    for line in reads.STARTS.splitlines():
        if line.strip().startswith(("OPTIONAL", "BIND", "?project a")):
            assert line.strip() in original, line
    opening = "SELECT ?project ?from ?to"
    assert inner_select(reads.PROJECT_YEARS, opening) == inner_select(
        queries.get("participations-by-year").sparql, opening)


def test_an_earlier_start_makes_the_places_stale_and_the_original_runs(tmp_path: Path) -> None:
    store = synthetic_store(EmbeddedStore(tmp_path / "store"), orgs=120, seed=3)
    try:
        named = queries.get("newest-projects")
        assert named.materialised is not None
        assert named.materialised.reads == {"participation", "label-order", "page-order"}
        last = store.query(PREFIX + "SELECT ?p WHERE { ?p a vdk:Project } ORDER BY DESC(?p) LIMIT 1")
        project = rows(last)[0][0]
        start_in_1901(store, project)

        current = aggregates.current(store)
        assert "participation" in current and "page-order" not in current  # only a date changed
        assert named.bind({}, store, cap=5) == named.bind({}, store, original=True)
        started = {row[0]: row[2] for row in rows(named.run(store))}
        assert '"1901"' in started[project]  # the original finds the new start

        report = write_aggregates(store, BASE)
        assert "page-order" in report.families
        _, whole = run(store, named.bind({}, store))
        dated = [row[0] for row in whole if row[2]]
        assert dated[-1] == project  # the earliest start now: the last of the dated projects
        first_page(store, "newest-projects", 5)
    finally:
        store.close()
