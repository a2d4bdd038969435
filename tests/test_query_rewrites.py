"""Named queries rewritten for speed (issue 14) give exactly the rows of the text they replaced.

``tests/fixtures/previous-queries/`` keeps each rewritten query as it was before its rewrite.
Both texts are bound the same way and run on the test graph (the shipped data, a synthetic
ecosystem with clusters, programmes and grants: ``tests/queries_fixtures.py``), with the
parameters a page would give; the rows must be the same, in the same order up to rows the
ORDER BY leaves tied, and at least one case of each query must find rows, so an empty answer
on both sides cannot make the test pass.

Two things SPARQL leaves to the engine's order of evaluation are compared for what they say, not
as strings: the names a ``GROUP_CONCAT`` lists (in the order the rows met) and which of an entity's
names a ``SAMPLE`` takes (the text; another language tag of the same name may be picked). A
rewrite changes that order, and the old text gave no order either.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from tests.aggregates_fixtures import comparable, order_keys, run
from vdk_graph import queries
from vdk_graph.store import MemoryStore

PREVIOUS = Path(__file__).parent / "fixtures" / "previous-queries"
VDK = "https://w3id.org/vdk/ontology#"
#: Parameters to try per query, besides none at all ("?name": the first answer of that probe below).
CASES: dict[str, list[dict[str, str]]] = {
    "programme-clusters": [{"programme": "?programme"}, {"programme": "?busiest"}],
    "cluster-project-participants-in-city": [
        {"kind": VDK + "Organisation"},
        {"kind": VDK + "Organisation", "from_year": "2000", "to_year": "2030"},
        {"city": "?city", "kind": VDK + "Organisation"}, {"city": "?city", "from_year": "2015"},
    ],
    "participations-by-year": [{"organisation": "?busiest_organisation"}],
}
PROBES = {
    # the programme with the most cluster grants, and one a cluster was designated to
    "busiest": """SELECT ?x WHERE {
                    ?g vdk:partOfProgramme ?x ; vdk:recipient ?c . ?c a vdk:ClusterOrganisation }
                  GROUP BY ?x ORDER BY DESC(COUNT(?g)) ?x LIMIT 1""",
    "programme": "SELECT ?x WHERE { ?c a vdk:ClusterOrganisation ; vdk:partOfProgramme ?x } "
                 "ORDER BY ?x LIMIT 1",
    "busiest_organisation": """SELECT ?x WHERE { ?x vdk:participatesIn ?p }
                               GROUP BY ?x ORDER BY DESC(COUNT(?p)) ?x LIMIT 1""",
    # the city with the most organisations taking part in projects
    "city": """SELECT ?x WHERE { ?o vdk:basedIn/rdfs:label ?x ; vdk:participatesIn ?p }
               GROUP BY ?x ORDER BY DESC(COUNT(?p)) ?x LIMIT 1""",
}

def given_for(store: MemoryStore, case: dict[str, str]) -> dict[str, str]:
    out = {}
    for key, value in case.items():
        if value.startswith("?"):
            result = store.query("PREFIX vdk: <https://w3id.org/vdk/ontology#>\n"
                                 "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n" + PROBES[value[1:]])
            found = [row[0] for row in result.rows]  # type: ignore[union-attr]
            assert found, f"the test graph has nothing for {value}"
            value = getattr(found[0], "value", str(found[0]))
        out[key] = value
    return out


@pytest.mark.parametrize("name", sorted(CASES))
def test_a_rewritten_query_gives_the_rows_of_the_text_it_replaced(name: str,
                                                                  query_graph: MemoryStore) -> None:
    named = queries.get(name)
    previous = dataclasses.replace(named, sparql=(PREVIOUS / f"{name}.rq").read_text(encoding="utf-8"),
                                   materialised=None)
    assert previous.sparql != named.sparql, f"{name}: nothing was rewritten; drop its previous text"
    found = 0
    for case in [{}, *CASES[name]]:
        given = given_for(query_graph, case)
        variables, now = run(query_graph, named.bind(given, query_graph, original=True))
        before_variables, before = run(query_graph, previous.bind(given, query_graph, original=True))
        assert variables == before_variables
        now_rows, before_rows = comparable(name, variables, now), comparable(name, variables, before)
        assert now_rows == before_rows, (
            f"{name} {given}: only now {sorted(set(now_rows) - set(before_rows))[:3]}, "
            f"only before {sorted(set(before_rows) - set(now_rows))[:3]}")
        assert order_keys(named, variables, now) == order_keys(named, variables, before), given
        found += len(now)
    assert found, f"{name}: no case found rows on the test graph"
