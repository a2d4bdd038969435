"""Bulk loading files on every backend: with and without blank nodes, all or nothing, once in the union."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from tests.store.contract import (
    G1,
    G2,
    G3,
    NT,
    ONLY_TWO,
    SHARED,
    assert_union_holds_the_same_blank_node,
    fill,
)
from tests.store_fixtures import (
    EX,
    count,
    dump,
    triple,
)
from vdk_graph.store import BulkFile, GraphChange, Store
from vdk_graph.store.oxigraph import may_hold_blank_nodes


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
