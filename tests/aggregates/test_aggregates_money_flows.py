"""The money-flows family: each granted project's topics with their broader ones, found by the engine with
the query's own path (the texts are held together here) and fingerprinted by their rows: a broader topic
added makes them stale though no grant changed, and the original runs until they are counted again.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from tests.aggregates_fixtures import BASE, PREFIX, cases, probed, rows, same_answer, synthetic_store
from vdk_graph import aggregates, queries
from vdk_graph.aggregates import reads, write_aggregates
from vdk_graph.store import EmbeddedStore

NAME = "money-flows"
BROADER = ox.NamedNode("http://www.w3.org/2004/02/skos/core#broader")


def test_the_topics_are_the_query_s_own() -> None:
    original = " ".join(queries.get(NAME).sparql.split())
    for text in (reads.GRANT_THEMES,):
        for line in text.splitlines():
            if not line.startswith(("PREFIX", "SELECT", "}")):
                assert " ".join(line.split()) in original, line


def test_a_broader_topic_makes_the_family_stale_and_the_original_runs(tmp_path: Path) -> None:
    store = synthetic_store(EmbeddedStore(tmp_path / "store"), orgs=120, seed=3)
    try:
        named = queries.get(NAME)
        assert named.materialised is not None and named.materialised.reads == {"money-flows"}
        for given in cases(NAME):
            assert same_answer(store, named, probed(store, given)) > 0
        found = rows(store.query(PREFIX + """SELECT ?k WHERE {
            ?g vdk:grantFor/vdk:keyword ?k FILTER(isIRI(?k)) } ORDER BY ?k LIMIT 1"""))
        keyword = found[0][0].strip("<>")
        wider = ox.NamedNode("https://w3id.org/vdk/id/topic/test-wider")
        with store.transaction() as tx:
            tx.replace_graph("https://w3id.org/vdk/id/graph/test/topics",
                             [ox.Triple(ox.NamedNode(keyword), BROADER, wider)])

        current = aggregates.current(store)
        assert "participation" in current and "money-flows" not in current  # only the topics changed
        assert named.bind({}, store, cap=10) == named.bind({}, store, original=True)
        assert any(wider.value in row[-1] for row in rows(named.run(store)))  # the original finds it

        report = write_aggregates(store, BASE)
        assert "money-flows" in report.families
        assert same_answer(store, named, {"topic": wider.value}) > 0
    finally:
        store.close()
