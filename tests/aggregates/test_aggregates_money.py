"""The public-money family (public-money-by-topic): the engine's own sums, current exactly while they hold.

The family's fingerprint is that of the totals themselves, so any change to what the query sums —
an amount, a funder's kind, a keyword, a broader topic — makes it stale, and the original runs.
The totals are computed with the query's own inner rows: the two texts are held together here.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from tests.aggregates_fixtures import BASE, PREFIX, inner_select, rows, same_answer, synthetic_store
from vdk_graph import aggregates, queries
from vdk_graph.aggregates import reads, write_aggregates
from vdk_graph.store import EmbeddedStore

AMOUNT = ox.NamedNode("https://w3id.org/vdk/ontology#amount")


def test_the_totals_are_summed_from_the_query_s_own_inner_rows() -> None:
    opening = "SELECT DISTINCT ?grant"
    assert inner_select(reads.PUBLIC_MONEY, opening) == inner_select(
        queries.get("public-money-by-topic").sparql, opening)


def test_an_amount_changed_makes_the_money_stale_and_the_original_runs(tmp_path: Path) -> None:
    store = synthetic_store(EmbeddedStore(tmp_path / "store"), orgs=120, seed=3)
    try:
        named = queries.get("public-money-by-topic")
        assert named.materialised is not None and named.materialised.reads == {"public-money"}
        assert same_answer(store, named, {}) > 0  # the materialised formulation runs, the original's rows
        grant = rows(store.query(PREFIX + """SELECT ?g WHERE { ?g a vdk:Grant ; vdk:amount ?a ;
            vdk:awardedBy/a ?kind ; vdk:grantFor/vdk:keyword ?k ; vdk:currency ?c
            FILTER(?kind IN (vdk:PublicAuthority, vdk:Municipality, vdk:FundingBody)) }
            ORDER BY ?g LIMIT 1"""))[0][0]
        before = rows(named.run(store))
        with store.transaction() as tx:
            tx.replace_graph("https://w3id.org/vdk/id/graph/test/amounts",
                             [ox.Triple(ox.NamedNode(grant.strip("<>")), AMOUNT, ox.Literal("1000000000",
                              datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")))])

        current = aggregates.current(store)
        assert "participation" in current and "public-money" not in current  # only an amount changed
        assert named.bind({}, store) == named.bind({}, store, original=True)
        after = rows(named.run(store))
        assert after != before  # the original counts the new amount

        report = write_aggregates(store, BASE)
        assert "public-money" in report.families
        assert same_answer(store, named, {}) == len(after)
    finally:
        store.close()
