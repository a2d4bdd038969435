"""The clusters family (cluster-project-participants-in-city): every project's cluster organisations.

The links are found by the engine with the query's own subquery (the two texts are held together
here) and their fingerprint is that of the links, so a cluster designated to a programme, or a
participation of a cluster, makes them stale, and the original runs until they are counted again.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from tests.aggregates_fixtures import BASE, PREFIX, inner_select, rows, same_answer, synthetic_store
from vdk_graph import aggregates, queries
from vdk_graph.aggregates import reads, write_aggregates
from vdk_graph.store import EmbeddedStore

NAME = "cluster-project-participants-in-city"
EVERY_KIND = {"kind": "https://w3id.org/vdk/ontology#Organisation", "from_year": "2000", "to_year": "2030"}
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
CLUSTER = ox.NamedNode("https://w3id.org/vdk/ontology#ClusterOrganisation")


def test_the_links_are_found_with_the_query_s_own_subquery() -> None:
    opening = "SELECT DISTINCT ?project ?cluster"
    assert inner_select(reads.CLUSTER_PROJECTS, opening) == inner_select(queries.get(NAME).sparql, opening)


def test_a_new_cluster_makes_the_links_stale_and_the_original_runs(tmp_path: Path) -> None:
    store = synthetic_store(EmbeddedStore(tmp_path / "store"), orgs=120, seed=3)
    try:
        named = queries.get(NAME)
        assert named.materialised is not None and named.materialised.reads == {"clusters"}
        before = same_answer(store, named, EVERY_KIND)  # the materialised formulation runs, same rows
        assert before > 0
        # an Aarhus organisation's partner in a project that had no cluster becomes a cluster
        partner = rows(store.query(PREFIX + """PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
            SELECT ?b WHERE { ?a vdk:basedIn/rdfs:label "Aarhus" ; vdk:participatesIn ?p .
              ?b vdk:participatesIn ?p
              FILTER(?a != ?b) FILTER NOT EXISTS { ?b a vdk:ClusterOrganisation }
              FILTER NOT EXISTS { ?p vdk:projectCluster ?c } } ORDER BY ?b LIMIT 1"""))[0][0]
        with store.transaction() as tx:
            tx.replace_graph("https://w3id.org/vdk/id/graph/test/clusters",
                             [ox.Triple(ox.NamedNode(partner.strip("<>")), RDF_TYPE, CLUSTER)])

        current = aggregates.current(store)
        assert "participation" in current and "clusters" not in current  # no participation changed
        assert named.bind(EVERY_KIND, store) == named.bind(EVERY_KIND, store, original=True)
        after = len(rows(named.run(store, EVERY_KIND)))
        assert after > before  # the original finds the new cluster's projects

        report = write_aggregates(store, BASE)
        assert "clusters" in report.families
        assert same_answer(store, named, EVERY_KIND) == after
    finally:
        store.close()
