"""The label-order family: every participant's name and every project's title numbered in the engine's order.

knowledge-reaches-companies and collaborating-pairs sort participants by name, newest-projects projects
by title; their materialised formulations sort by these numbers (``vdk:labelOrder``, ``vdk:titleOrder``)
instead. The numbers follow the order Oxigraph's ``ORDER BY`` gives the names ``SAMPLE`` takes, so they
sort as the names do; a participant named (or renamed) though no participation changed makes them stale,
the originals run meanwhile, and after counting the materialised formulations give the originals' rows in
the originals' order again.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from tests.aggregates_fixtures import BASE, PREFIX, rows, same_answer, synthetic_store
from vdk_graph import aggregates, queries
from vdk_graph.aggregates import write_aggregates
from vdk_graph.aggregates.compute import name_key
from vdk_graph.store import EmbeddedStore

VDK = "https://w3id.org/vdk/ontology#"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
NEWCOMER = ox.NamedNode("https://w3id.org/vdk/id/organisation/test-unnamed-newcomer")
READERS = ("knowledge-reaches-companies", "collaborating-pairs", "newest-projects")


@pytest.mark.parametrize(("prop", "name"),
                         [("vdk:labelOrder", "rdfs:label"), ("vdk:titleOrder", "dcterms:title")])
def test_the_numbers_follow_the_engine_s_order_of_names(tmp_path: Path, prop: str, name: str) -> None:
    store = synthetic_store(EmbeddedStore(tmp_path / "store"), orgs=120, seed=3)
    try:
        found = rows(store.query(PREFIX + f"""PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
            PREFIX dcterms: <http://purl.org/dc/terms/>
            SELECT ?n ?name WHERE {{ ?x {prop} ?n ; {name} ?name }} ORDER BY ?n"""))
        numbers = [int(n.split('"')[1]) for n, _ in found]
        names = [name for _, name in found]
        assert len(found) > 100 and numbers == sorted(numbers)
        assert numbers[0] == 1 and len(set(numbers)) == len(set(names))  # equal names, equal numbers
        texts = [name[1:name.rindex('"')] for name in names]
        assert texts == sorted(texts)  # the synthetic names are plain strings: sorted by code point
    finally:
        store.close()


def test_a_participant_named_makes_the_order_stale_and_the_originals_run(tmp_path: Path) -> None:
    store = synthetic_store(EmbeddedStore(tmp_path / "store"), orgs=120, seed=3)
    try:
        # a company without a name joins the busiest institution's project (participation changes) ...
        project = rows(store.query(PREFIX + """PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
            SELECT ?p WHERE { ?k rdfs:subClassOf* vdk:KnowledgeInstitution . ?i a ?k ; vdk:participatesIn ?p .
              ?o vdk:participatesIn ?p } GROUP BY ?p ORDER BY DESC(COUNT(?o)) ?p LIMIT 1"""))[0][0]
        with store.transaction() as tx:
            tx.replace_graph("https://w3id.org/vdk/id/graph/test/newcomer", [
                ox.Triple(NEWCOMER, RDF_TYPE, ox.NamedNode(VDK + "Company")),
                ox.Triple(NEWCOMER, ox.NamedNode(VDK + "participatesIn"), ox.NamedNode(project.strip("<>")))])
        write_aggregates(store, BASE)
        for name in READERS:
            assert same_answer(store, queries.get(name), {}) > 0
        # ... and is then given the name that sorts first: only the order of names changed
        with store.transaction() as tx:
            tx.replace_graph("https://w3id.org/vdk/id/graph/test/newcomer-name",
                             [ox.Triple(NEWCOMER, LABEL, ox.Literal("!Aardvark first"))])
        current = aggregates.current(store)
        assert {"participation", "reach"} <= current and "label-order" not in current
        for name in READERS:
            named = queries.get(name)
            assert named.bind({}, store) == named.bind({}, store, original=True)
        pairs = rows(queries.get("collaborating-pairs").run(store))
        assert any('"!Aardvark first"' in cell for row in pairs for cell in row)

        report = write_aggregates(store, BASE)
        assert report.families and "label-order" in report.families
        for name in READERS:
            assert same_answer(store, queries.get(name), {}) > 0  # the same rows, in the same order
    finally:
        store.close()


def test_names_are_put_in_the_order_oxigraph_s_order_by_gives_them() -> None:
    text = ('"b" "a"@en "a"@da "a" "B"@en "a"^^<http://www.w3.org/2001/XMLSchema#token> "c"@da "b"@en '
            '"Å" "Z" "é"@fr "e" "10" "9" "ab" "a b"')
    engine = [row[0] for row in ox.Store().query(f"SELECT ?l WHERE {{ VALUES ?l {{ {text} }} }} ORDER BY ?l")]
    assert len(engine) == 16
    assert sorted(reversed(engine), key=name_key) == engine
