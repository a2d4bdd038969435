"""SHACL validation reports: the valid fixture conforms, problems name node, field and file; stores."""

from __future__ import annotations

import socket

import pytest
import rdflib
from rdflib import Graph, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDF, SH

from tests.validation.shapes_fixtures import (
    ID,
    TTL_PREFIXES,
    dataset,
    explain,
    failing_fields,
)
from vdk_graph.errors import Problem, ValidationFailed
from vdk_graph.ontology import (
    load_ontology,
)
from vdk_graph.store import open_store
from vdk_graph.validation import (
    ontology_graph,
    problems_from_report,
    render_path,
    shapes_graph,
    validate_graph,
    validate_store,
)

# --------------------------------------------------------------------------- the valid dataset


def test_the_valid_fixture_conforms_without_errors_or_warnings() -> None:
    report = validate_graph(dataset(), source="valid.ttl")
    assert report.conforms, explain(report)
    assert report.problems == []
    assert report.checked_triples == len(dataset())


def test_validation_does_not_change_the_data_or_the_cached_graphs() -> None:
    data = dataset(remove="project:pixel-harbour rdfs:label \"Pixel Harbour\"@en .")
    before = Graph()
    before += data
    sizes = (len(shapes_graph()), len(ontology_graph()))
    report = validate_graph(data)
    assert not report.conforms
    assert isomorphic(data, before)
    assert (len(shapes_graph()), len(ontology_graph())) == sizes


def test_the_ontology_graph_as_build_writes_it_conforms() -> None:
    """``vdk-graph build`` validates the ontology's own named graph like any other."""
    report = validate_graph(Graph() + load_ontology(), source="vdk.ttl")
    assert report.conforms, explain(report)


# --------------------------------------------------------------------------- messages and problems


def test_a_problem_names_focus_node_value_field_and_file() -> None:
    report = validate_graph(
        dataset('o:lumo-studio vdk:cvr "1234" .', 'o:lumo-studio vdk:cvr "12345678" .'), source="partners.ttl"
    )
    [problem] = report.errors
    assert problem == Problem(
        f'<{ID}organisation/lumo-studio>: A CVR number (vdk:cvr) must be exactly eight digits, '
        'as a string such as "12345678" (found "1234")',
        file="partners.ttl",
        field="vdk:cvr",
        severity="error",
    )
    assert str(problem).startswith("partners.ttl, field 'vdk:cvr': <")


def test_typed_values_are_shown_with_their_datatype() -> None:
    report = validate_graph(dataset("inv:north-light--lumo-studio vdk:stakePercent 150.0 .",
                                    "inv:north-light--lumo-studio vdk:stakePercent 12.5 ."))
    [problem] = report.errors
    assert problem.message.endswith('(found "150.0"^^xsd:decimal)')


def test_problems_are_sorted_by_focus_node_then_path() -> None:
    data = dataset(
        'o:lumo-studio vdk:cvr "1" . o:fjord-academy vdk:website "x" .',
        'project:pixel-harbour dcterms:title "Pixel Harbour: games for the waterfront"@en . '
        'o:lumo-studio vdk:cvr "12345678" .',
    )
    report = validate_graph(data)
    assert [p.field for p in report.problems] == ["vdk:website", "vdk:cvr", "dcterms:title"]
    assert [p.message.split(">:")[0] for p in report.problems] == [
        f"<{ID}organisation/fjord-academy", f"<{ID}organisation/lumo-studio", f"<{ID}project/pixel-harbour",
    ]
    assert validate_graph(data).problems == report.problems


def test_raise_for_errors_raises_validation_failed_with_the_errors() -> None:
    validate_graph(dataset()).raise_for_errors()
    report = validate_graph(dataset(remove='topic:serious-games skos:prefLabel "serious games" .'))
    with pytest.raises(ValidationFailed) as caught:
        report.raise_for_errors()
    assert caught.value.problems == report.errors
    assert "1 place" in str(caught.value)


def test_a_result_without_message_gets_a_sentence_from_its_constraint_component() -> None:
    report = Graph()
    result = rdflib.BNode()
    report.add((result, RDF.type, SH.ValidationResult))
    report.add((result, SH.focusNode, URIRef(f"{ID}project/x")))
    report.add((result, SH.resultPath, URIRef("http://purl.org/dc/terms/title")))
    report.add((result, SH.resultSeverity, SH.Violation))
    report.add((result, SH.sourceConstraintComponent, SH.MinCountConstraintComponent))
    [problem] = problems_from_report(report, source="x.ttl")
    assert problem.message == f"<{ID}project/x>: a required value is missing (dcterms:title)"
    assert (problem.field, problem.file, problem.severity) == ("dcterms:title", "x.ttl", "error")


def test_paths_are_written_in_sparql_syntax() -> None:
    g = Graph().parse(
        data=TTL_PREFIXES + """@prefix sh: <http://www.w3.org/ns/shacl#> .
        <urn:root> <urn:inverse> [ sh:inversePath vdk:hasParticipation ] ;
           <urn:sequence> ( vdk:hasParticipation vdk:participant ) ;
           <urn:alternative> [ sh:alternativePath ( vdk:keyword vdk:researchArea ) ] ;
           <urn:star> [ sh:zeroOrMorePath vdk:locatedIn ] ;
           <urn:other> <https://example.org/p> .""",
        format="turtle",
    )
    paths = {str(p): render_path(g, o) for p, o in g.predicate_objects(URIRef("urn:root"))}
    assert paths == {
        "urn:inverse": "^vdk:hasParticipation",
        "urn:sequence": "vdk:hasParticipation/vdk:participant",
        "urn:alternative": "vdk:keyword|vdk:researchArea",
        "urn:star": "vdk:locatedIn*",
        "urn:other": "<https://example.org/p>",
    }


# --------------------------------------------------------------------------- stores


def test_validate_store_checks_the_union_and_one_named_graph() -> None:
    store = open_store("memory:")
    graph = f"{ID}graph/test-fixture"
    with store.transaction() as tx:
        tx.replace_graph(graph, dataset())
    report = validate_store(store)
    assert report.conforms, explain(report)
    assert report.checked_triples == len(dataset())
    assert validate_store(store, graph).conforms

    broken = dataset(remove='topic:serious-games skos:prefLabel "serious games" .')
    with store.transaction() as tx:
        tx.replace_graph(f"{ID}graph/broken", broken)
    # The union still holds the prefLabel (from the first graph); the broken graph alone does not.
    assert validate_store(store).conforms
    report = validate_store(store, f"{ID}graph/broken")
    assert failing_fields(report) == {"skos:prefLabel"}
    assert all(p.file == f"<{ID}graph/broken>" for p in report.problems)


def test_validation_never_opens_a_network_connection(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("validation tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    data = dataset('[] <http://www.w3.org/2002/07/owl#imports> <https://example.org/remote.ttl> .')
    assert validate_graph(data).conforms


def test_validation_prints_nothing(capfd: pytest.CaptureFixture[str]) -> None:
    """pySHACL attaches a stderr handler to its logger on every run; nothing may reach the terminal."""
    validate_graph(dataset(remove='topic:serious-games skos:prefLabel "serious games" .'))
    assert capfd.readouterr() == ("", "")
