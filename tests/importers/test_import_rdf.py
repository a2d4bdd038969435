"""The RDF importer: formats, refusals before parsing, errors with lines, nothing written on failure."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from vdk_graph.config import Settings
from vdk_graph.errors import ImportFailed
from vdk_graph.importers.base import ImportContext, run_import
from vdk_graph.importers.rdf import RdfImporter
from vdk_graph.ontology import ONTOLOGY_GRAPH
from vdk_graph.store import BulkFile, EmbeddedStore, MemoryStore, Store

SETTINGS = Settings(store="memory:")
TURTLE = """@prefix vdk: <https://w3id.org/vdk/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
<https://w3id.org/vdk/id/organisation/nordlys> a vdk:Company ; rdfs:label "Nordlys Studio" .
"""


def run(store: Store, *paths: Path, fmt: str | None = None, dry_run: bool = False,  # type: ignore[no-untyped-def]
        trusted: bool = False):
    context = ImportContext.for_store(store, SETTINGS, trusted=trusted)
    return run_import(store, RdfImporter(fmt), list(paths), context, dry_run=dry_run)


def test_turtle_lands_in_its_own_named_graph_with_provenance(tmp_path: Path) -> None:
    store = MemoryStore()
    path = tmp_path / "members.ttl"
    path.write_text(TURTLE, encoding="utf-8")
    report = run(store, path)
    [graph] = [g for g in store.graph_sizes() if g != ONTOLOGY_GRAPH]  # the ontology comes with it
    assert graph.endswith("/graph/rdf/members") and report.changes[0].added >= 2
    result = store.query("ASK { ?g <http://www.w3.org/ns/prov#wasDerivedFrom> ?src }")
    assert result.value  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("name", "content", "fmt"),
    [
        ("a.nt", '<https://w3id.org/vdk/id/x> <http://www.w3.org/2000/01/rdf-schema#label> "x" .\n', None),
        ("a.nq",
         '<https://w3id.org/vdk/id/x> <http://www.w3.org/2000/01/rdf-schema#label> "x" <http://g> .\n', None),
        ("a.jsonld", json.dumps({"@id": "https://w3id.org/vdk/id/x",
                                 "http://www.w3.org/2000/01/rdf-schema#label": "x"}), None),
        ("a.rdf", '<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
                  'xmlns:rdfs="http://www.w3.org/2000/01/rdf-schema#"><rdf:Description '
                  'rdf:about="https://w3id.org/vdk/id/x"><rdfs:label>x</rdfs:label>'
                  '</rdf:Description></rdf:RDF>', None),
        ("a.trig",
         '<http://g> { <https://w3id.org/vdk/id/x> <http://www.w3.org/2000/01/rdf-schema#label> "x" }', None),
        ("a.data",
         '<https://w3id.org/vdk/id/x> <http://www.w3.org/2000/01/rdf-schema#label> "x" .', "turtle"),
    ],
)
def test_every_format_by_extension_or_option(
    tmp_path: Path, name: str, content: str, fmt: str | None
) -> None:
    store = MemoryStore()
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    run(store, path, fmt=fmt)
    assert store.query('ASK { <https://w3id.org/vdk/id/x> ?p "x" }').value  # type: ignore[union-attr]


@pytest.mark.parametrize("trusted", [False, True])
def test_broken_turtle_names_file_and_line(tmp_path: Path, trusted: bool) -> None:
    path = tmp_path / "broken.ttl"
    path.write_text(TURTLE + '<https://w3id.org/vdk/id/y> rdfs:label "unterminated .\n', encoding="utf-8")
    with pytest.raises(ImportFailed) as failure:
        run(MemoryStore(), path, trusted=trusted)
    [problem] = failure.value.problems
    assert problem.file == "broken.ttl" and problem.line == 4


def test_remote_jsonld_context_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "remote.jsonld"
    path.write_text(
        json.dumps({"@context": "https://schema.org/", "@id": "https://w3id.org/vdk/id/x", "name": "x"})
    )
    with pytest.raises(ImportFailed, match="remote @context 'https://schema.org/'"):
        run(MemoryStore(), path)


@pytest.mark.parametrize("trusted", [False, True])
def test_owl_imports_is_refused(tmp_path: Path, trusted: bool) -> None:
    path = tmp_path / "onto.ttl"
    path.write_text("<http://x> <http://www.w3.org/2002/07/owl#imports> <http://example.org/other.owl> .\n")
    with pytest.raises(ImportFailed, match="owl:imports"):
        run(MemoryStore(), path, trusted=trusted)


def test_a_trusted_import_hands_plain_triples_files_to_the_engine(tmp_path: Path) -> None:
    """Same graphs, counts and provenance as the parsing path; only N-Triples and Turtle go as files."""
    context = ImportContext.for_store(MemoryStore(), SETTINGS, trusted=True)
    for name, bulk in (("a.ttl", True), ("a.nt", True), ("a.nq", False), ("a.jsonld", False)):
        path = tmp_path / name
        path.write_text('<https://w3id.org/vdk/id/x> <https://w3id.org/vdk/ontology#p> "x" .\n'
                        if name != "a.jsonld" else '{"@id": "https://w3id.org/vdk/id/x"}', encoding="utf-8")
        [plan] = RdfImporter().plan(path, context)
        assert isinstance(plan.data, BulkFile) is bulk, name

    path = tmp_path / "members.ttl"
    path.write_text(TURTLE, encoding="utf-8")
    stores = {trusted: EmbeddedStore(tmp_path / f"store-{trusted}", create=True) for trusted in (False, True)}
    for trusted, store in stores.items():
        run(store, path, trusted=trusted)
    sizes = {trusted: store.graph_sizes() for trusted, store in stores.items()}
    assert sizes[True] == sizes[False]
    assert set(sizes[True]) == {"https://w3id.org/vdk/id/graph/rdf/members", str(ONTOLOGY_GRAPH)}
    assert stores[True].triple_count() == stores[False].triple_count()


def test_a_trusted_import_that_fails_half_way_changes_nothing(tmp_path: Path) -> None:
    store = EmbeddedStore(tmp_path / "store", create=True)
    good = tmp_path / "members.ttl"
    good.write_text(TURTLE, encoding="utf-8")
    run(store, good, trusted=True)
    before, version = store.graph_sizes(), store.data_version()
    broken = tmp_path / "big.nt"
    line = '<https://w3id.org/vdk/id/s{}> <https://w3id.org/vdk/ontology#p> "{}" .\n'
    broken.write_text("".join(line.format(i, i) for i in range(3000)) + line.format("", "no end")[:-3] + "\n",
                      encoding="utf-8")
    with pytest.raises(ImportFailed) as failure:
        run(store, broken, trusted=True)
    [problem] = failure.value.problems
    assert problem.file == "big.nt" and problem.line in (3001, 3002) and "N-Triples" in problem.message
    assert store.graph_sizes() == before and store.data_version() == version


def test_xml_entities_are_refused_before_parsing(tmp_path: Path) -> None:
    path = tmp_path / "laughs.rdf"
    path.write_text('<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">]>\n<rdf:RDF/>')
    with pytest.raises(ImportFailed) as failure:
        run(MemoryStore(), path)
    [problem] = failure.value.problems
    assert "DOCTYPE" in problem.message and problem.line == 2


def test_unknown_extension_asks_for_format(tmp_path: Path) -> None:
    path = tmp_path / "data.xyz"
    path.write_text(TURTLE)
    with pytest.raises(ImportFailed, match="--format"):
        run(MemoryStore(), path)


def test_dry_run_writes_nothing(tmp_path: Path) -> None:
    store = MemoryStore()
    path = tmp_path / "members.ttl"
    path.write_text(TURTLE, encoding="utf-8")
    report = run(store, path, dry_run=True)
    assert report.dry_run and report.added > 0
    assert store.graph_sizes() == {}


def test_shacl_errors_stop_the_import(tmp_path: Path) -> None:
    store = MemoryStore()
    path = tmp_path / "nolabel.ttl"
    path.write_text("<https://w3id.org/vdk/id/organisation/x> a <https://w3id.org/vdk/ontology#Company> .\n")
    with pytest.raises(ImportFailed) as failure:
        run(store, path)
    assert any("label" in p.message.lower() for p in failure.value.problems)
    assert store.graph_sizes() == {}
