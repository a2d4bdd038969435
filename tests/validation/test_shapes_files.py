"""The ontology and shapes files themselves: every term exists, nothing to fetch, found in a wheel."""

from __future__ import annotations

from pathlib import Path

import pytest
import rdflib
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SH, XSD

import vdk_graph
from vdk_graph.errors import ConfigError
from vdk_graph.ontology import (
    ONTOLOGY_GRAPH,
    ReadOnlyGraph,
    load_ontology,
    ontology_path,
    shapes_path,
)
from vdk_graph.validation import (
    shapes_graph,
)
from vdk_graph.vocab import VDK_NS

# --------------------------------------------------------------------------- the shapes file itself


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return Graph().parse(shapes_path(), format="turtle")


def test_the_ontology_parses_and_is_found_where_build_stores_it() -> None:
    ontology = Graph().parse(ontology_path(), format="turtle")
    assert (URIRef(ONTOLOGY_GRAPH), RDF.type, OWL.Ontology) in ontology
    assert len(load_ontology()) == len(ontology)


def test_every_vdk_term_in_the_shapes_exists_in_the_ontology(shapes: Graph) -> None:
    ontology = Graph().parse(ontology_path(), format="turtle")
    defined = {s for s in ontology.subjects() if isinstance(s, URIRef) and str(s).startswith(VDK_NS)}
    used = {t for triple in shapes for t in triple if isinstance(t, URIRef) and str(t).startswith(VDK_NS)}
    assert used, "the shapes mention no vdk: terms at all"
    assert sorted(used - defined) == []


def test_every_entity_class_of_the_ontology_has_a_label_rule(shapes: Graph) -> None:
    """The entity classes are the members of the ontology's AllDisjointClasses axiom."""
    ontology = load_ontology()
    [axiom] = ontology.subjects(RDF.type, OWL.AllDisjointClasses)
    members = set(rdflib.collection.Collection(ontology, ontology.value(axiom, OWL.members)))
    entity_shape = URIRef("https://w3id.org/vdk/shapes#EntityShape")
    assert set(shapes.objects(entity_shape, SH.targetClass)) == members


def test_every_shape_has_a_label_and_an_english_message(shapes: Graph) -> None:
    node_shapes = set(shapes.subjects(RDF.type, SH.NodeShape))
    property_shapes = set(shapes.objects(None, SH.property))
    assert len(node_shapes) >= 15 and len(property_shapes) >= 50
    for shape in node_shapes | property_shapes:
        name = shapes.value(shape, RDFS.label) or shapes.value(shape, SH.path)
        assert shapes.value(shape, RDFS.label) is not None, f"{name} has no rdfs:label"
        messages = [m for m in shapes.objects(shape, SH.message) if isinstance(m, Literal)]
        assert any(m.language == "en" for m in messages), f"{name} has no English sh:message"


def test_only_core_shacl_and_nothing_to_fetch(shapes: Graph) -> None:
    assert not list(shapes.triples((None, OWL.imports, None)))
    assert not list(shapes.triples((None, SH.sparql, None))), "SPARQL constraints need advanced mode"
    assert not list(shapes.triples((None, SH.rule, None)))


# --------------------------------------------------------------------------- locating the files


def test_cached_graphs_are_read_only() -> None:
    for graph in (load_ontology(), shapes_graph()):
        assert isinstance(graph, ReadOnlyGraph)
        with pytest.raises(TypeError):
            graph.add((URIRef("urn:s"), URIRef("urn:p"), URIRef("urn:o")))
        with pytest.raises(TypeError):
            graph.remove((None, None, None))
        copy = graph + Graph()
        copy.add((URIRef("urn:s"), URIRef("urn:p"), Literal("a copy can change", datatype=XSD.string)))
        assert len(copy) == len(graph) + 1


def test_a_wheel_finds_the_files_in_the_package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    package = tmp_path / "site-packages" / "vdk_graph"
    (package / "_ontology").mkdir(parents=True)
    for name in ("vdk.ttl", "shapes.ttl"):
        (package / "_ontology" / name).write_text("# copy\n", encoding="utf-8")
    monkeypatch.setattr(vdk_graph, "__file__", str(package / "__init__.py"))
    assert ontology_path() == package / "_ontology" / "vdk.ttl"
    assert shapes_path() == package / "_ontology" / "shapes.ttl"


def test_a_missing_ontology_is_a_config_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(vdk_graph, "__file__", str(tmp_path / "vdk_graph" / "__init__.py"))
    with pytest.raises(ConfigError, match="shapes.ttl is missing"):
        shapes_path()
