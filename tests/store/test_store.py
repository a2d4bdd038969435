"""The store contract on every backend (memory, embedded, a real Oxigraph server), then embedded-only tests.

The contract: writes happen in transactions that publish all or nothing; the
default graph of a query is the *set* union of the named graphs; ``GRAPH ?g``
still reaches each graph; terms survive a round trip.
"""

from __future__ import annotations

import os
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib

from tests.store_fixtures import (
    EX,
    count,
    dump,
    graph,
    iri,
    run_child,
    select,
    start_child,
    triple,
    wait_for,
)
from vdk_graph.errors import ConfigError, QueryError, StoreBusyError
from vdk_graph.results import AskResult, GraphResult, SelectResult
from vdk_graph.store import BulkFile, EmbeddedStore, GraphChange, MemoryStore, RemoteStore, Store, open_store
from vdk_graph.store.oxigraph import may_hold_blank_nodes

XSD = "http://www.w3.org/2001/XMLSchema#"
G1, G2, G3 = graph("one"), graph("two"), graph("three")
SHARED = triple("filmby", "type", iri("Organisation"))
ONLY_ONE = triple("filmby", "name", "Filmby Aarhus")
ONLY_TWO = triple("viborg", "name", "The Animation Workshop")
NT = ox.RdfFormat.N_TRIPLES


def fill(store: Store, graphs: dict[str, list[ox.Triple]]) -> None:
    with store.transaction() as tx:
        for name, triples in graphs.items():
            tx.replace_graph(name, triples)


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


def test_result_shapes(store: Store) -> None:
    fill(store, {G1: [SHARED, ONLY_ONE], G2: [ONLY_TWO]})
    result = store.query(f"SELECT ?s ?name WHERE {{ ?s <{EX}type> ?t OPTIONAL {{ ?s <{EX}name> ?name }} }}")
    assert isinstance(result, SelectResult)
    assert result.variables == ["s", "name"]
    assert [tuple(r) for r in result.rows] == [(iri("filmby"), ox.Literal("Filmby Aarhus"))]

    unbound = store.query(f"SELECT ?s ?no WHERE {{ ?s <{EX}type> ?t OPTIONAL {{ ?s <{EX}nope> ?no }} }}")
    assert isinstance(unbound, SelectResult)
    assert [tuple(r) for r in unbound.rows] == [(iri("filmby"), None)]
    assert list(store.query(f"SELECT ?s WHERE {{ ?s <{EX}nope> ?o }}").rows) == []  # type: ignore[union-attr]

    assert store.query(f"ASK {{ {ONLY_TWO} }}") == AskResult(True)
    assert store.query("ASK { ?s ?p 17 }") == AskResult(False)

    constructed = store.query(f"CONSTRUCT {{ ?s <{EX}label> ?n }} WHERE {{ ?s <{EX}name> ?n }}")
    assert isinstance(constructed, GraphResult)
    triples = list(constructed.triples)
    assert all(isinstance(t, ox.Triple) for t in triples)
    assert set(triples) == {triple("filmby", "label", "Filmby Aarhus"), triple("viborg", "label",
                                                                              "The Animation Workshop")}
    described = store.query(f"DESCRIBE <{EX}viborg>")
    assert isinstance(described, GraphResult)
    assert set(described.triples) == {ONLY_TWO}


def test_a_malformed_query_raises_query_error(store: Store) -> None:
    with pytest.raises(QueryError) as caught:
        store.query("SELECT ?s\nWHERE {\n  ?s ?p }")
    error = caught.value
    if isinstance(store, RemoteStore) and store.dialect.name == "Virtuoso":
        # Virtuoso says it in its own words ("syntax error at '}' before '}'"), with the line only.
        assert "syntax error" in error.detail and error.line == 3 and error.column is None
        return
    assert "expected" in error.detail
    # Oxigraph places the error where its parser gave up: here the end of line 3.
    if not isinstance(store, RemoteStore) or error.line is not None:
        assert (error.line, error.column) == (3, 10)
        assert "line 3, column 10" in str(error)


def test_dataset_parameters_restrict_the_dataset(store: Store) -> None:
    fill(store, {G1: [SHARED, ONLY_ONE], G2: [SHARED, ONLY_TWO], G3: [triple("x", "y", "z")]})
    assert count(store, "?s ?p ?o", default_graphs=[G2]) == 2
    assert count(store, "?s ?p ?o", default_graphs=[]) == 0
    assert len(set(select(store, "SELECT ?s ?p ?o WHERE { ?s ?p ?o }", default_graphs=[G1, G2]))) == 3
    in_graphs = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g"
    assert [g.value for (g,) in select(store, in_graphs, named_graphs=[G1, G3])] == [G1, G3]  # type: ignore[attr-defined]
    assert select(store, in_graphs, named_graphs=[]) == []
    # Naming only the named graphs keeps the union as the default graph, and vice versa.
    assert count(store, "?s ?p ?o", named_graphs=[G1]) == 4
    assert len(select(store, in_graphs, default_graphs=[G1])) == 3


def test_graph_sizes_and_data_version(store: Store) -> None:
    assert store.graph_sizes() == {}
    empty = store.data_version()
    fill(store, {G1: [SHARED, ONLY_ONE], G2: [SHARED]})
    assert store.graph_sizes() == {G1: 2, G2: 1}
    first = store.data_version()
    assert first != empty
    store.query("SELECT * WHERE { ?s ?p ?o }")
    assert store.data_version() == first
    fill(store, {G1: [SHARED, ONLY_TWO]})  # as many triples as before, but other ones
    second = store.data_version()
    assert second != first
    assert store.graph_sizes() == {G1: 2, G2: 1}
    assert store.data_version() == second


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


def test_load_file_with_and_without_blank_nodes(store: Store, tmp_path: Path) -> None:
    plain = BulkFile(tmp_path / "plain.nt", NT)
    plain.path.write_text("".join(f"<{EX}s{i}> <{EX}p> \"{i}\" .\n" for i in range(50)), encoding="utf-8")
    blank = BulkFile(tmp_path / "blank.nt", NT)
    blank.path.write_text(f'<{EX}filmby> <{EX}address> _:a .\n_:a <{EX}city> "Aarhus" .\n', encoding="utf-8")
    with store.transaction() as tx:
        assert tx.load_file(G1, plain) == GraphChange(G1, 50, 0, existed=False)
        assert tx.load_file(G2, blank) == GraphChange(G2, 2, 0, existed=False)
    assert store.graph_sizes() == {G1: 50, G2: 2}
    assert store.triple_count() == 52
    assert_union_holds_the_same_blank_node(store, G2)

    with store.transaction() as tx:  # the graph exists now: the diffing path
        assert tx.load_file(G1, plain) == GraphChange(G1, 0, 0, existed=True)
        tx.load_file(G2, blank)
    assert store.triple_count() == 52
    assert_union_holds_the_same_blank_node(store, G2)


@pytest.mark.parametrize(("name", "rdf_format", "text"), [
    ("plain.nt", NT, '<{ex}s> <{ex}p> "a" .\n<{ex}s> <{ex}q> <{ex}o> .\n'),
    # a blank-node mark inside a literal: the careful path, the same result
    ("marks.ttl", ox.RdfFormat.TURTLE, '<{ex}s> <{ex}p> "a" .\n<{ex}s> <{ex}q> "[x] (_:y)" .\n'),
])
def test_a_loaded_file_and_its_extra_triples_are_in_the_union_once(
    store: Store, tmp_path: Path, name: str, rdf_format: ox.RdfFormat, text: str
) -> None:
    """The union stays a set when a loaded file repeats a triple another graph states."""
    fill(store, {G1: [triple("s", "p", "a")]})
    assert store.triple_count() == 1
    path = tmp_path / name
    path.write_text(text.format(ex=EX), encoding="utf-8")
    extra = (triple("file", "label", "the file"),)
    with store.transaction() as tx:
        assert tx.load_file(G2, BulkFile(path, rdf_format, extra)) == GraphChange(G2, 3, 0, existed=False)
    assert store.graph_sizes() == {G1: 1, G2: 3}
    assert store.triple_count() == 3  # "s p a" is stated by both graphs and counted once
    assert count(store, f"<{EX}file> ?p ?o") == 1


def test_only_a_file_that_certainly_has_no_blank_node_is_loaded_twice(tmp_path: Path) -> None:
    def may(name: str, text: str, rdf_format: ox.RdfFormat = NT) -> bool:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return may_hold_blank_nodes(BulkFile(path, rdf_format))

    assert not may("plain.nt", f'<{EX}s> <{EX}p> "a" .\n')
    assert not may("empty.nt", "")
    assert may("blank.nt", f"_:b <{EX}p> <{EX}o> .\n")
    assert may("literal.nt", f'<{EX}s> <{EX}p> "a _:b in a literal" .\n')  # maybe: the careful path
    assert may("square.ttl", f"<{EX}s> <{EX}p> [ <{EX}q> 1 ] .\n", ox.RdfFormat.TURTLE)
    assert may("list.ttl", f"<{EX}s> <{EX}p> ( 1 2 ) .\n", ox.RdfFormat.TURTLE)
    assert may("any.rdf", "<rdf:RDF/>", ox.RdfFormat.RDF_XML)  # formats not scanned: always careful


def test_a_file_that_breaks_off_half_way_loads_nothing(store: Store, tmp_path: Path) -> None:
    fill(store, {G1: [SHARED]})
    before = dump(store)
    broken = tmp_path / "broken.nt"
    lines = [f"<{EX}s{i}> <{EX}p> \"{i}\" .\n" for i in range(500)]
    broken.write_text("".join(lines) + f"<{EX}s> <{EX}p> \"no end\n", encoding="utf-8")
    with pytest.raises(SyntaxError), store.transaction() as tx:
        tx.replace_graph(G2, [ONLY_TWO])
        tx.load_file(G3, BulkFile(broken, NT))
    assert dump(store) == before


@pytest.mark.parametrize(
    ("name", "rdf_format", "text"),
    [
        ("labels.nt", ox.RdfFormat.N_TRIPLES, '_:a <{ex}city> "Aarhus" .\n'),
        ("square.ttl", ox.RdfFormat.TURTLE, '[] <{ex}city> "Aarhus" .\n'),
        ("implicit.rdf", ox.RdfFormat.RDF_XML,
         '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="{ex}">'
         "<rdf:Description><ex:city>Aarhus</ex:city></rdf:Description></rdf:RDF>"),
        ("implicit.jsonld", ox.RdfFormat.JSON_LD, '{{"{ex}city": "Aarhus"}}'),
    ],
)
def test_blank_nodes_from_two_files_stay_apart(store: Store, tmp_path: Path, name: str,
                                               rdf_format: ox.RdfFormat, text: str) -> None:
    """The same label in two files is two nodes, on the bulk path and on the diffing path alike."""
    path = tmp_path / name
    path.write_text(text.format(ex=EX), encoding="utf-8")
    for _ in range(2):  # first into new graphs, then over existing ones
        with store.transaction() as tx:
            tx.load_file(G1, BulkFile(path, rdf_format))
            tx.load_file(G2, BulkFile(path, rdf_format))
        assert count(store, "?b ?p ?o") == 2
        assert_union_holds_the_same_blank_node(store, G1)
        assert_union_holds_the_same_blank_node(store, G2)


def assert_union_holds_the_same_blank_node(store: Store, graph_name: str) -> None:
    """Every blank node of the graph is, as such, in the union: joined through a variable, not copied."""
    blank = "FILTER (isBlank(?s) || isBlank(?o))"
    in_graph = count(store, f"GRAPH <{graph_name}> {{ ?s ?p ?o }} {blank}")
    joined = count(store, f"?s ?p ?o . GRAPH <{graph_name}> {{ ?s ?p ?o }} {blank}")
    assert in_graph > 0
    assert joined == in_graph


# =========================================================================== the embedded store alone


def write_some(store: EmbeddedStore) -> list[str]:
    fill(store, {G1: [SHARED, ONLY_ONE], G2: [SHARED, ONLY_TWO, triple("b", "c", ox.BlankNode("x"))]})
    return dump(store)


CHILD_DUMP = """
    import sys
    sys.path.insert(0, "tests")
    from tests.store_fixtures import dump
    from vdk_graph.store import EmbeddedStore
    store = EmbeddedStore(sys.argv[1])
    print("\\n".join(dump(store)))
    print("VERSION", store.data_version())
"""


def test_the_embedded_store_survives_a_restart(embedded_store: EmbeddedStore) -> None:
    before = write_some(embedded_store)
    version = embedded_store.data_version()
    embedded_store.close()
    child = run_child(CHILD_DUMP, str(embedded_store.root))
    assert child.returncode == 0, child.stderr
    *lines, last = child.stdout.splitlines()
    assert lines == before
    assert last == f"VERSION {version}"


CHILD_HOLDS_A_TRANSACTION = """
    import sys, time
    from pathlib import Path
    sys.path.insert(0, "tests")
    from tests.store_fixtures import triple
    from vdk_graph.store import EmbeddedStore
    store, ready, release = EmbeddedStore(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])
    with store.transaction() as tx:
        tx.replace_graph("http://example.org/graph/child", [triple("child", "wrote", "this")])
        ready.write_text("inside")
        while not release.exists():
            time.sleep(0.01)
    print("committed")
"""

CHILD_TRIES_TO_WRITE = """
    import sys
    from vdk_graph.errors import StoreBusyError
    from vdk_graph.store import EmbeddedStore
    try:
        with EmbeddedStore(sys.argv[1]).transaction():
            print("got the lock")
    except StoreBusyError as exc:
        print("busy:", exc)
"""


def assert_busy_message(message: str, pid: int) -> None:
    assert "being written by another process" in message
    assert f"pid {pid}" in message
    assert "Wait for it to finish and run the command again" in message


def test_a_second_writer_in_the_same_process_is_refused(embedded_store: EmbeddedStore) -> None:
    other = EmbeddedStore(embedded_store.root)
    with embedded_store.transaction() as tx:
        tx.replace_graph(G1, [SHARED])
        for second in (embedded_store, other):
            with pytest.raises(StoreBusyError) as caught, second.transaction():
                pass
            assert_busy_message(str(caught.value), os.getpid())
    assert other.graph_sizes() == {G1: 1}
    with other.transaction() as tx:  # the lock is free again
        tx.remove_graph(G1)
    assert embedded_store.graph_sizes() == {}


def test_a_second_writer_in_another_process_is_refused(embedded_store: EmbeddedStore, tmp_path: Path) -> None:
    ready, release, log = tmp_path / "ready", tmp_path / "release", tmp_path / "child.log"
    root = str(embedded_store.root)
    child = start_child(CHILD_HOLDS_A_TRANSACTION, root, str(ready), str(release), log=log)
    try:
        wait_for(ready.exists, "the child to open its transaction", child=child, log=log)
        with pytest.raises(StoreBusyError) as caught, embedded_store.transaction():
            pass
        assert_busy_message(str(caught.value), child.pid)
        assert embedded_store.graph_sizes() == {}  # nothing of the child's transaction shows yet
    finally:
        release.touch()
        assert child.wait(timeout=30) == 0, log.read_text()
    assert "committed" in log.read_text()
    assert embedded_store.graph_sizes() == {graph("child"): 1}

    # ... and the other way round: a child process is refused while this one writes.
    with embedded_store.transaction():
        refused = run_child(CHILD_TRIES_TO_WRITE, str(embedded_store.root))
    assert refused.returncode == 0, refused.stderr
    assert refused.stdout.startswith("busy:")
    assert_busy_message(refused.stdout, os.getpid())
    allowed = run_child(CHILD_TRIES_TO_WRITE, str(embedded_store.root))
    assert allowed.stdout.strip() == "got the lock", allowed.stderr


def test_a_reader_sees_commits_and_never_uncommitted_data(embedded_store: EmbeddedStore) -> None:
    reader = EmbeddedStore(embedded_store.root)
    assert reader.graph_sizes() == {}
    fill(embedded_store, {G1: [SHARED]})
    assert reader.graph_sizes() == {G1: 1}
    version = reader.data_version()
    with embedded_store.transaction() as tx:
        tx.replace_graph(G1, [SHARED, ONLY_ONE])
        tx.replace_graph(G2, [ONLY_TWO])
        assert reader.graph_sizes() == {G1: 1}
        assert reader.triple_count() == 1
        assert reader.data_version() == version
    assert reader.graph_sizes() == {G1: 2, G2: 1}
    assert reader.triple_count() == 3
    assert reader.data_version() != version
    reader.close()


def test_a_long_lived_reader_follows_every_generation(embedded_store: EmbeddedStore) -> None:
    """A long-lived reader (the web app) keeps one store object while imports publish generations."""
    reader = EmbeddedStore(embedded_store.root)
    for n in range(1, 5):
        fill(embedded_store, {G1: [triple(f"s{i}", "p", "o") for i in range(n)]})
        assert reader.graph_sizes() == {G1: n}
    reader.close()


def test_a_folder_with_foreign_files_is_refused(tmp_path: Path) -> None:
    foreign = tmp_path / "documents"
    foreign.mkdir()
    (foreign / "thesis.docx").write_bytes(b"not a store")
    with pytest.raises(ConfigError, match="not a vdk-graph store"):
        EmbeddedStore(foreign)
    a_file = tmp_path / "file.txt"
    a_file.write_text("x")
    with pytest.raises(ConfigError, match="is a file"):
        EmbeddedStore(a_file)
    empty = tmp_path / "empty"
    empty.mkdir()
    assert EmbeddedStore(empty).graph_sizes() == {}


def test_a_new_folder_is_created_on_the_first_write(tmp_path: Path) -> None:
    store = EmbeddedStore(tmp_path / "a" / "b")
    assert store.graph_sizes() == {}
    assert store.data_version() == "empty"
    assert not (tmp_path / "a").exists()
    fill(store, {G1: [SHARED]})
    assert store.graph_sizes() == {G1: 1}


def generations(root: Path) -> list[str]:
    return sorted(p.name for p in root.iterdir() if p.name.startswith("gen-"))


def test_old_generations_are_pruned(embedded_store: EmbeddedStore) -> None:
    reader = EmbeddedStore(embedded_store.root)
    for n in range(6):
        fill(embedded_store, {G1: [triple("s", "p", str(n))]})
        assert reader.graph_sizes() == {G1: 1}
        assert len(generations(embedded_store.root)) <= 2
    assert generations(embedded_store.root) == ["gen-00000005", "gen-00000006"]
    assert (embedded_store.root / "generation").read_text().strip() == "gen-00000006"
    with pytest.raises(RuntimeError), embedded_store.transaction() as tx:
        tx.replace_graph(G1, [])
        raise RuntimeError("rolled back")
    assert generations(embedded_store.root) == ["gen-00000005", "gen-00000006"]
    reader.close()


def test_a_bulk_load_is_one_generation(embedded_store: EmbeddedStore, tmp_path: Path) -> None:
    path = tmp_path / "big.nt"
    path.write_text("".join(f"<{EX}s{i}> <{EX}p> _:b{i} .\n" for i in range(2000)), encoding="utf-8")
    with embedded_store.transaction() as tx:
        tx.load_file(G1, BulkFile(path, ox.RdfFormat.N_TRIPLES))
    assert embedded_store.graph_sizes() == {G1: 2000}
    assert embedded_store.triple_count() == 2000
    assert_union_holds_the_same_blank_node(embedded_store, G1)
    assert generations(embedded_store.root) == ["gen-00000001"]
