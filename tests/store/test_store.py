"""The store contract on every backend (memory, embedded, a real Oxigraph server), then embedded-only tests.

The contract: writes happen in transactions that publish all or nothing; the
default graph of a query is the *set* union of the named graphs; ``GRAPH ?g``
still reaches each graph; terms survive a round trip.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib

from tests.store.contract import (
    G1,
    G2,
    G3,
    ONLY_ONE,
    ONLY_TWO,
    SHARED,
    XSD,
    fill,
)
from tests.store_fixtures import (
    EX,
    count,
    dump,
    iri,
    select,
    triple,
)
from vdk_graph.results import AskResult
from vdk_graph.store import EmbeddedStore, GraphChange, MemoryStore, RemoteStore, Store, open_store

# =========================================================================== every backend


def test_open_store_picks_the_backend(tmp_path: Path) -> None:
    assert isinstance(open_store("memory:"), MemoryStore)
    assert isinstance(open_store(str(tmp_path / "s"), create=True), EmbeddedStore)
    assert isinstance(open_store("sparql+http://127.0.0.1:1/query"), RemoteStore)


def test_replace_and_remove_report_what_changed(store: Store) -> None:
    with store.transaction() as tx:
        first = tx.replace_graph(G1, [SHARED, ONLY_ONE])
    assert first == GraphChange(G1, added=2, removed=0, existed=False)

    with store.transaction() as tx:
        second = tx.replace_graph(G1, [SHARED, ONLY_TWO])
        gone = tx.remove_graph(G2)
    assert second == GraphChange(G1, added=1, removed=1, existed=True)
    assert gone == GraphChange(G2, added=0, removed=0, existed=False)

    with store.transaction() as tx:
        removed = tx.remove_graph(G1)
    assert removed == GraphChange(G1, added=0, removed=2, existed=True)
    assert store.graph_sizes() == {}
    assert store.triple_count() == 0


def test_an_emptied_graph_still_exists(store: Store) -> None:
    with store.transaction() as tx:
        assert tx.replace_graph(G1, []) == GraphChange(G1, 0, 0, existed=False)
    with store.transaction() as tx:
        assert tx.remove_graph(G1) == GraphChange(G1, 0, 0, existed=True)
    with store.transaction() as tx:
        assert tx.remove_graph(G1).existed is False


def test_replacing_with_the_same_triples_changes_nothing(store: Store) -> None:
    founded = ox.Literal("2013-01-01", datatype=ox.NamedNode(XSD + "date"))
    triples = [SHARED, ONLY_ONE, triple("filmby", "founded", founded)]
    fill(store, {G1: triples, G2: [SHARED]})
    before = dump(store)
    with store.transaction() as tx:
        again = tx.replace_graph(G1, list(reversed(triples)))
    assert again == GraphChange(G1, added=0, removed=0, existed=True)
    assert store.triple_count() == 3
    assert dump(store) == before


def test_the_same_triples_written_differently_are_the_same(store: Store) -> None:
    """Non-canonical lexical forms (``1500000.00``, ``en-GB``) are the same terms once stored."""
    amount = triple("grant", "amount", ox.Literal("1500000.00", datatype=ox.NamedNode(XSD + "decimal")))
    title = triple("grant", "title", ox.Literal("Moving images", language="en-GB"))
    fill(store, {G1: [amount, title]})
    with store.transaction() as tx:
        assert tx.replace_graph(G1, [amount, title]) == GraphChange(G1, added=0, removed=0, existed=True)
    assert store.graph_sizes() == {G1: 2}


def test_replacing_with_other_triples_leaves_nothing_stale(store: Store) -> None:
    fill(store, {G1: [SHARED, ONLY_ONE]})
    fill(store, {G1: [ONLY_TWO]})
    assert dump(store) == sorted([f"{ONLY_TWO} <{G1}> .", f"{ONLY_TWO} ."])
    assert store.query(f"ASK {{ {ONLY_ONE} }}") == AskResult(False)
    assert store.query(f"ASK {{ GRAPH ?g {{ {SHARED} }} }}") == AskResult(False)


def test_the_default_graph_is_the_set_union_of_the_named_graphs(store: Store) -> None:
    fill(store, {G1: [SHARED, ONLY_ONE], G2: [SHARED, ONLY_TWO]})
    assert count(store, "?s ?p ?o") == 3
    assert store.triple_count() == 3
    rows = select(store, "SELECT ?s ?p ?o WHERE { ?s ?p ?o }")
    assert len(rows) == len(set(rows)) == 3
    holders = select(store, f"SELECT ?g WHERE {{ GRAPH ?g {{ {SHARED} }} }}")
    assert sorted(g.value for (g,) in holders) == [G1, G2]  # type: ignore[attr-defined]
    assert store.graph_sizes() == {G1: 2, G2: 2}


def test_sums_over_the_union_count_a_shared_fact_once(store: Store) -> None:
    grant = triple("project", "grant", ox.Literal("100", datatype=ox.NamedNode(XSD + "integer")))
    fill(store, {G1: [grant], G2: [grant]})
    [(total,)] = select(store, "SELECT (SUM(?x) AS ?total) WHERE { ?s ?p ?x }")
    assert total == ox.Literal("100", datatype=ox.NamedNode(XSD + "integer"))


def test_removing_one_holder_keeps_a_shared_triple_and_removing_both_drops_it(store: Store) -> None:
    fill(store, {G1: [SHARED, ONLY_ONE], G2: [SHARED, ONLY_TWO]})
    with store.transaction() as tx:
        tx.remove_graph(G1)
    assert store.query(f"ASK {{ {SHARED} }}") == AskResult(True)
    assert store.query(f"ASK {{ {ONLY_ONE} }}") == AskResult(False)
    assert store.triple_count() == 2

    with store.transaction() as tx:
        tx.replace_graph(G2, [ONLY_TWO])
    assert store.query(f"ASK {{ {SHARED} }}") == AskResult(False)
    assert dump(store) == sorted([f"{ONLY_TWO} <{G2}> .", f"{ONLY_TWO} ."])


def test_both_holders_replaced_in_one_transaction(store: Store) -> None:
    fill(store, {G1: [SHARED], G2: [SHARED]})
    with store.transaction() as tx:
        tx.replace_graph(G1, [ONLY_ONE])
        tx.replace_graph(G2, [SHARED, ONLY_TWO])
    assert store.triple_count() == 3
    with store.transaction() as tx:
        tx.remove_graph(G2)
        tx.remove_graph(G1)
    assert dump(store) == []


def test_a_graph_written_twice_in_one_transaction_ends_as_the_last_write(store: Store) -> None:
    with store.transaction() as tx:
        tx.replace_graph(G1, [SHARED, ONLY_ONE])
        assert tx.replace_graph(G1, [SHARED]) == GraphChange(G1, added=0, removed=1, existed=True)
        assert tx.remove_graph(G1) == GraphChange(G1, added=0, removed=1, existed=True)
        tx.replace_graph(G1, [ONLY_TWO])
    assert dump(store) == sorted([f"{ONLY_TWO} <{G1}> .", f"{ONLY_TWO} ."])


LITERALS = {
    "plain": ox.Literal("Vision Denmark"),
    "language": ox.Literal("Den Danske Filmskole", language="da"),
    "region": ox.Literal("colour", language="en-gb"),
    "date": ox.Literal("2024-02-29", datatype=ox.NamedNode(XSD + "date")),
    "decimal": ox.Literal("1234567.89", datatype=ox.NamedNode(XSD + "decimal")),
    "negative-decimal": ox.Literal("-0.5", datatype=ox.NamedNode(XSD + "decimal")),
    "integer": ox.Literal("42", datatype=ox.NamedNode(XSD + "integer")),
    "danish": ox.Literal("Æbleø Å-dal, ærø, øst, på"),
    "emoji": ox.Literal("🎬 film 📽️ & 👩🏽‍💻"),
    "quotes": ox.Literal('she said "hi" and \'bye\''),
    "triple-quotes": ox.Literal('""" and \'\'\''),
    "newlines": ox.Literal("line 1\nline 2\r\nline 3\ttabbed"),
    "backslash": ox.Literal("C:\\path\\to\\file \\n not a newline"),
    "braces": ox.Literal("} ; GRAPH <x> { . # not a comment"),
    "empty": ox.Literal(""),
    "custom-type": ox.Literal("DKK 5", datatype=ox.NamedNode(EX + "money")),
}


def test_literals_survive_a_round_trip(store: Store) -> None:
    triples = [triple(name, "value", literal) for name, literal in LITERALS.items()]
    triples.append(ox.Triple(ox.NamedNode(EX + "sted/Århus"), iri("label"), ox.Literal("Å")))
    fill(store, {G1: triples})
    assert set(store.graph_triples(G1)) == set(triples)
    rows = select(store, "SELECT ?s ?p ?o WHERE { ?s ?p ?o }")
    assert {ox.Triple(*row) for row in rows} == set(triples)  # type: ignore[misc]
    for name, literal in LITERALS.items():
        [(found,)] = select(store, f"SELECT ?s WHERE {{ ?s ?p {literal} }}")
        assert found == iri(name), name
    with store.transaction() as tx:
        assert tx.replace_graph(G1, triples) == GraphChange(G1, 0, 0, existed=True)


def test_an_rdflib_graph_is_stored_as_it_is(store: Store) -> None:
    data = rdflib.Graph()
    org, place = rdflib.URIRef(EX + "filmby"), rdflib.BNode()
    data.add((org, rdflib.URIRef(EX + "name"), rdflib.Literal("Filmby Århus", lang="da")))
    data.add((org, rdflib.URIRef(EX + "address"), place))
    data.add((place, rdflib.URIRef(EX + "founded"), rdflib.Literal("2013", datatype=rdflib.XSD.gYear)))
    with store.transaction() as tx:
        assert tx.replace_graph(G1, data) == GraphChange(G1, added=3, removed=0, existed=False)
    assert store.graph_sizes() == {G1: 3}
    path = f'?o <{EX}name> "Filmby Århus"@da ; <{EX}address>/<{EX}founded> "2013"^^<{rdflib.XSD.gYear}>'
    assert store.query(f"ASK {{ {path} }}") == AskResult(True)


def test_blank_nodes_are_the_same_node_in_a_graph_and_in_the_union(store: Store) -> None:
    address = ox.BlankNode("address")
    fill(store, {
        G1: [triple("filmby", "address", address), ox.Triple(address, iri("city"), ox.Literal("Aarhus"))],
        G2: [ox.Triple(address, iri("city"), ox.Literal("Aarhus"))],
    })
    rows = select(store, f"""
        SELECT ?a WHERE {{
          <{EX}filmby> <{EX}address> ?a . ?a <{EX}city> "Aarhus" .
          GRAPH <{G1}> {{ ?a <{EX}city> "Aarhus" }}
          GRAPH <{G2}> {{ ?a <{EX}city> "Aarhus" }}
        }}""")
    assert len(rows) == 1 and isinstance(rows[0][0], ox.BlankNode)
    assert store.triple_count() == 2


def test_a_failed_transaction_leaves_the_store_exactly_as_it_was(store: Store) -> None:
    fill(store, {G1: [SHARED, ONLY_ONE], G2: [SHARED, ONLY_TWO, triple("b", "c", ox.BlankNode())]})
    before, version = dump(store), store.data_version()
    with pytest.raises(RuntimeError, match="half-way"), store.transaction() as tx:
        tx.replace_graph(G1, [triple("new", "fact", "x")])
        tx.remove_graph(G2)
        tx.replace_graph(G3, [SHARED])
        raise RuntimeError("the import failed half-way")
    assert dump(store) == before
    assert store.data_version() == version
    fill(store, {G3: [ONLY_ONE]})  # and the store still takes writes
    assert store.graph_sizes() == {G1: 2, G2: 3, G3: 1}


def test_writes_are_invisible_until_the_transaction_ends(store: Store) -> None:
    fill(store, {G1: [SHARED]})
    with store.transaction() as tx:
        tx.replace_graph(G1, [ONLY_ONE])
        tx.replace_graph(G2, [ONLY_TWO])
        assert dump(store) == sorted([f"{SHARED} <{G1}> .", f"{SHARED} ."])
    assert store.graph_sizes() == {G1: 1, G2: 1}


def test_graph_names_are_the_graphs_holding_triples_without_counting(store: Store) -> None:
    assert store.graph_names() == set()
    fill(store, {G1: [SHARED, ONLY_ONE], G2: [SHARED, ONLY_TWO]})
    with store.transaction() as tx:
        tx.replace_graph(G2, [])  # emptied: no longer a graph with triples, as graph_sizes says
    assert store.graph_names() == set(store.graph_sizes()) == {G1}
