"""The reach family (knowledge-reaches-companies): current only while participations and kinds are unchanged.

A reach counts the projects a knowledge institution shares with a company, so it depends on
which participants are of which kind, not only on who takes part where: an organisation that
becomes a university changes the answer though no participation changed. The materialised
formulation must then step aside for the original until the aggregates are counted again.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from tests.aggregates_fixtures import BASE, PREFIX, rows, same_answer, synthetic_store
from vdk_graph import aggregates, queries
from vdk_graph.aggregates import write_aggregates
from vdk_graph.store import EmbeddedStore

RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
UNIVERSITY = ox.NamedNode("https://w3id.org/vdk/ontology#University")


def test_a_company_becoming_a_university_makes_the_reach_stale_and_the_original_runs(tmp_path: Path) -> None:
    store = synthetic_store(EmbeddedStore(tmp_path / "store"), orgs=120, seed=3)
    try:
        named = queries.get("knowledge-reaches-companies")
        assert named.materialised is not None
        assert named.materialised.reads == {"reach", "label-order", "page-order"}
        before = same_answer(store, named, {})  # the materialised formulation runs, with the original's rows
        assert before > 0
        company = rows(store.query(PREFIX + """SELECT ?o WHERE { ?o a vdk:Company ; vdk:participatesIn ?p }
            GROUP BY ?o ORDER BY DESC(COUNT(?p)) ?o LIMIT 1"""))[0][0].strip("<>")
        with store.transaction() as tx:
            tx.replace_graph("https://w3id.org/vdk/id/graph/test/kinds",
                             [ox.Triple(ox.NamedNode(company), RDF_TYPE, UNIVERSITY)])

        current = aggregates.current(store)
        assert "participation" in current and "reach" not in current  # no participation changed; a kind did
        assert named.bind({}, store) == named.bind({}, store, original=True)
        after = rows(named.run(store))
        assert any(company in row[0] for row in after)  # the new institution reaches companies

        report = write_aggregates(store, BASE)
        assert "reach" in report.families
        assert same_answer(store, named, {}) == len(after) > before
    finally:
        store.close()
