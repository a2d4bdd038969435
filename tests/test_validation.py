"""SHACL validation: the valid fixture conforms, and each rule of ontology/shapes.ttl catches its break.

Every rule test starts from ``tests/fixtures/shapes/valid.ttl``, breaks one thing
(Turtle to add, Turtle to remove) and checks that exactly that rule fires: the
errors carry the expected property path as ``field`` and a message naming the
focus node. If a rule is removed from the shapes, its test fails.
"""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
import rdflib
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import OWL, RDF, RDFS, SH, XSD

import vdk_graph
from vdk_graph.errors import ConfigError, Problem, ValidationFailed
from vdk_graph.ontology import (
    ONTOLOGY_GRAPH,
    ReadOnlyGraph,
    load_ontology,
    ontology_path,
    shapes_path,
)
from vdk_graph.store import open_store
from vdk_graph.validation import (
    ValidationReport,
    ontology_graph,
    problems_from_report,
    render_path,
    shapes_graph,
    validate_graph,
    validate_store,
)
from vdk_graph.vocab import VDK_NS

FIXTURES = Path(__file__).parent / "fixtures" / "shapes"
VALID = FIXTURES / "valid.ttl"
ID = "https://w3id.org/vdk/id/"

#: The prefixes of valid.ttl, for the Turtle snippets the tests add and remove.
TTL_PREFIXES = f"""
@prefix vdk:     <{VDK_NS}> .
@prefix project: <{ID}project/> .
@prefix part:    <{ID}participation/> .
@prefix o:       <{ID}organisation/> .
@prefix person:  <{ID}person/> .
@prefix pos:     <{ID}position/> .
@prefix grant:   <{ID}grant/> .
@prefix inv:     <{ID}investment/> .
@prefix mem:     <{ID}membership/> .
@prefix ind:     <{ID}indicator/> .
@prefix topic:   <{ID}topic/> .
@prefix place:   <{ID}place/> .
@prefix graph:   <{ID}graph/> .
@prefix budget:  <{ID}budget/> .
@prefix rdfs:    <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd:     <http://www.w3.org/2001/XMLSchema#> .
@prefix skos:    <http://www.w3.org/2004/02/skos/core#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix schema:  <https://schema.org/> .
@prefix prov:    <http://www.w3.org/ns/prov#> .
"""


# --------------------------------------------------------------------------- helpers


def dataset(add: str = "", remove: str = "") -> Graph:
    """The valid fixture with the triples of ``remove`` taken out and those of ``add`` put in."""
    data = Graph().parse(VALID, format="turtle")
    if remove:
        data -= Graph().parse(data=TTL_PREFIXES + remove, format="turtle")
    if add:
        data.parse(data=TTL_PREFIXES + add, format="turtle")
    return data


NAMESPACES = dict(Graph().parse(data=TTL_PREFIXES, format="turtle").namespaces())


def iri(curie: str) -> str:
    """``project:pixel-harbour`` → the full IRI, as messages show it."""
    prefix, local = curie.split(":", 1)
    return str(NAMESPACES[prefix]) + local


def failing_fields(report: ValidationReport) -> set[str | None]:
    return {p.field for p in report.errors}


def explain(report: ValidationReport) -> str:
    return "\n".join(str(p) for p in report.problems) or "(no problems)"


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


# --------------------------------------------------------------------------- one test per rule

RULES = [
    # --- labels (every entity class, subclasses included) ---
    pytest.param(
        "", 'project:pixel-harbour rdfs:label "Pixel Harbour"@en .',
        "rdfs:label", "project:pixel-harbour", "needs a label (rdfs:label)", id="project-without-label",
    ),
    pytest.param(
        "", 'o:fjord-academy rdfs:label "Fjord Academy"@en .',
        "rdfs:label", "o:fjord-academy", "needs a label", id="subclass-university-without-label",
    ),
    pytest.param(
        "", 'place:harbourtown rdfs:label "Harbourtown" .',
        "rdfs:label", "place:harbourtown", "needs a label", id="subclass-city-without-label",
    ),
    pytest.param(
        "", 'ind:pixel-harbour-jobs rdfs:label "The project created 40 jobs in five years."@en .',
        "rdfs:label", "ind:pixel-harbour-jobs", "needs a label", id="subclass-keyfinding-without-label",
    ),
    pytest.param(
        "", 'graph:test-fixture rdfs:label "shapes test fixture" .',
        "rdfs:label", "graph:test-fixture", "needs a label", id="sourcegraph-without-label",
    ),
    pytest.param(
        "person:ada-frost rdfs:label <https://example.org/ada> .", "",
        "rdfs:label", "person:ada-frost", "must be text", id="label-that-is-an-iri",
    ),
    pytest.param(
        "topic:serious-games rdfs:label 42 .", "",
        "rdfs:label", "topic:serious-games", "must be text", id="label-that-is-a-number",
    ),
    # --- dates and years ---
    pytest.param(
        'project:pixel-harbour schema:startDate "2022-01-01" .',
        'project:pixel-harbour schema:startDate "2022-01-01"^^xsd:date .',
        "schema:startDate", "project:pixel-harbour", "must be one xsd:date", id="date-as-plain-string",
    ),
    pytest.param(
        'project:pixel-harbour schema:endDate "2025-06-30"^^xsd:date .', "",
        "schema:endDate", "project:pixel-harbour", "must be one xsd:date", id="two-end-dates",
    ),
    pytest.param(
        'project:pixel-harbour schema:startDate "2025-01-01"^^xsd:date .',
        'project:pixel-harbour schema:startDate "2022-01-01"^^xsd:date .',
        "schema:startDate", "project:pixel-harbour", "must not be after the end date", id="end-before-start",
    ),
    pytest.param(
        'mem:lumo-studio--pixel-cluster schema:endDate "2023" .', "",
        "schema:endDate", "mem:lumo-studio--pixel-cluster", "must be one xsd:date",
        id="dates-checked-wherever-they-appear",
    ),
    pytest.param(
        'mem:lumo-studio--pixel-cluster vdk:startYear "2021" .',
        'mem:lumo-studio--pixel-cluster vdk:startYear "2021"^^xsd:gYear .',
        "vdk:startYear", "mem:lumo-studio--pixel-cluster", "must be an xsd:gYear", id="start-year-as-string",
    ),
    pytest.param(
        'ind:pixel-harbour-jobs vdk:endYear "2030-01-01"^^xsd:date .', "",
        "vdk:endYear", "ind:pixel-harbour-jobs", "must be an xsd:gYear", id="end-year-as-date",
    ),
    pytest.param(
        "o:lumo-studio vdk:foundingYear 2015 .", 'o:lumo-studio vdk:foundingYear "2015"^^xsd:gYear .',
        "vdk:foundingYear", "o:lumo-studio", "must be an xsd:gYear", id="founding-year-as-integer",
    ),
    pytest.param(
        'grant:pixel-harbour-2022 dcterms:date "2022-03-01T12:00:00"^^xsd:dateTime .', "",
        "dcterms:date", "grant:pixel-harbour-2022", "xsd:date, xsd:gYearMonth or xsd:gYear",
        id="dcterms-date-as-datetime",
    ),
    # --- projects ---
    pytest.param(
        "", 'project:pixel-harbour dcterms:title "Pixel Harbour: games for the waterfront"@en .',
        "dcterms:title", "project:pixel-harbour", "A project needs a title (dcterms:title)",
        id="project-without-title",
    ),
    pytest.param(
        "project:pixel-harbour vdk:status vdk:Paused .", "project:pixel-harbour vdk:status vdk:Finished .",
        "vdk:status", "project:pixel-harbour", "at most one status", id="status-not-in-the-list",
    ),
    pytest.param(
        "project:pixel-harbour vdk:status vdk:Active .", "",
        "vdk:status", "project:pixel-harbour", "at most one status", id="two-statuses",
    ),
    pytest.param(
        "project:pixel-harbour vdk:hasParticipation o:lumo-studio .", "",
        "vdk:hasParticipation", "project:pixel-harbour", "must be a vdk:Participation",
        id="participation-that-is-an-organisation",
    ),
    pytest.param(
        'project:pixel-harbour vdk:keyword "games" .', "",
        "vdk:keyword", "project:pixel-harbour", "must be a vdk:Topic", id="keyword-as-string",
    ),
    pytest.param(
        "project:pixel-harbour vdk:researchArea place:northland .", "",
        "vdk:researchArea", "project:pixel-harbour", "must be a vdk:Topic", id="research-area-not-a-topic",
    ),
    pytest.param(
        "project:pixel-harbour vdk:hasTopic o:pixel-cluster .", "",
        "vdk:hasTopic", "project:pixel-harbour", "must be a vdk:Topic", id="topic-not-a-topic",
    ),
    pytest.param(
        "project:pixel-harbour vdk:acronym <https://example.org/PXH> .", "",
        "vdk:acronym", "project:pixel-harbour", "must be text", id="acronym-as-iri",
    ),
    pytest.param(
        "project:pixel-harbour vdk:shortTitle topic:serious-games .", "",
        "vdk:shortTitle", "project:pixel-harbour", "must be text", id="short-title-as-iri",
    ),
    pytest.param(
        "project:pixel-harbour vdk:partOfProgramme o:board-of-pixels .", "",
        "vdk:partOfProgramme", "project:pixel-harbour", "must be a vdk:FundingProgramme",
        id="programme-that-is-an-organisation",
    ),
    # --- participations ---
    pytest.param(
        "part:pixel-harbour--lumo-studio vdk:participant o:fjord-academy .", "",
        "vdk:participant", "part:pixel-harbour--lumo-studio", "exactly one participant",
        id="participation-with-two-participants",
    ),
    pytest.param(
        "", "part:pixel-harbour--fjord-academy vdk:participant o:fjord-academy .",
        "vdk:participant", "part:pixel-harbour--fjord-academy", "exactly one participant",
        id="participation-without-participant",
    ),
    pytest.param(
        "part:pixel-harbour--fjord-academy vdk:participant topic:serious-games .",
        "part:pixel-harbour--fjord-academy vdk:participant o:fjord-academy .",
        "vdk:participant", "part:pixel-harbour--fjord-academy", "must be a vdk:Organisation or a vdk:Person",
        id="participant-that-is-a-topic",
    ),
    pytest.param(
        "part:pixel-harbour--fjord-academy vdk:role vdk:Sponsor .",
        "part:pixel-harbour--fjord-academy vdk:role vdk:ProjectPartner .",
        "vdk:role", "part:pixel-harbour--fjord-academy", "exactly one role", id="role-not-in-the-list",
    ),
    pytest.param(
        "", "part:pixel-harbour--fjord-academy vdk:role vdk:ProjectPartner .",
        "vdk:role", "part:pixel-harbour--fjord-academy", "exactly one role", id="participation-without-role",
    ),
    pytest.param(
        "part:pixel-harbour--fjord-academy vdk:role vdk:UnspecifiedRole .", "",
        "vdk:role", "part:pixel-harbour--fjord-academy", "exactly one role",
        id="participation-with-two-roles",
    ),
    pytest.param(
        "", "project:pixel-harbour vdk:hasParticipation part:pixel-harbour--fjord-academy .",
        "^vdk:hasParticipation", "part:pixel-harbour--fjord-academy", "belongs to exactly one project",
        id="participation-without-project",
    ),
    pytest.param(
        """project:other a vdk:Project ; rdfs:label "Other" ; dcterms:title "Other" ;
               vdk:hasParticipation part:pixel-harbour--fjord-academy .""", "",
        "^vdk:hasParticipation", "part:pixel-harbour--fjord-academy", "belongs to exactly one project",
        id="participation-in-two-projects",
    ),
    # --- organisations ---
    pytest.param(
        'o:lumo-studio vdk:cvr "1234" .', 'o:lumo-studio vdk:cvr "12345678" .',
        "vdk:cvr", "o:lumo-studio", "exactly eight digits", id="cvr-1234",
    ),
    pytest.param(
        'o:fjord-academy vdk:cvr "1234567X" .', "",
        "vdk:cvr", "o:fjord-academy", "exactly eight digits", id="cvr-with-a-letter",
    ),
    pytest.param(
        'o:fjord-academy vdk:website "https://fjord.example/" .', "",
        "vdk:website", "o:fjord-academy", "must be an IRI", id="website-as-string",
    ),
    pytest.param(
        "o:fjord-academy vdk:basedIn topic:serious-games .", "",
        "vdk:basedIn", "o:fjord-academy", "must be a vdk:Place", id="based-in-not-a-place",
    ),
    pytest.param(
        'o:fjord-academy vdk:activeIn "Northland" .', "",
        "vdk:activeIn", "o:fjord-academy", "must be a vdk:Place", id="active-in-as-string",
    ),
    pytest.param(
        "o:fjord-academy vdk:memberOf place:northland .", "",
        "vdk:memberOf", "o:fjord-academy", "must be a vdk:Organisation", id="member-of-a-place",
    ),
    pytest.param(
        "o:fjord-academy skos:altLabel <https://example.org/fa> .", "",
        "skos:altLabel", "o:fjord-academy", "must be text", id="alt-label-as-iri",
    ),
    # --- money ---
    pytest.param(
        "", 'grant:pixel-harbour-2022 vdk:currency "DKK" .',
        "vdk:currency", "grant:pixel-harbour-2022", "needs exactly one currency",
        id="amount-without-currency",
    ),
    pytest.param(
        'inv:north-light--lumo-studio vdk:currency "DKK" .', "",
        "vdk:currency", "inv:north-light--lumo-studio", "needs exactly one currency", id="two-currencies",
    ),
    pytest.param(
        'grant:pixel-harbour-2022 vdk:currency "dkk" .', 'grant:pixel-harbour-2022 vdk:currency "DKK" .',
        "vdk:currency", "grant:pixel-harbour-2022", "ISO 4217", id="currency-in-lower-case",
    ),
    pytest.param(
        "grant:pixel-harbour-2022 vdk:amount -5 .", "grant:pixel-harbour-2022 vdk:amount 1500000.00 .",
        "vdk:amount", "grant:pixel-harbour-2022", "at least 0", id="negative-amount",
    ),
    pytest.param(
        'grant:pixel-harbour-2022 vdk:amount "1.5 mio." .',
        "grant:pixel-harbour-2022 vdk:amount 1500000.00 .",
        "vdk:amount", "grant:pixel-harbour-2022", "xsd:decimal or xsd:integer", id="amount-as-string",
    ),
    pytest.param(
        "", "grant:pixel-harbour-2022 vdk:awardedBy o:board-of-pixels .",
        "vdk:awardedBy", "grant:pixel-harbour-2022", "needs who awarded it", id="grant-without-awarder",
    ),
    pytest.param(
        "grant:pixel-harbour-2022 vdk:awardedBy project:pixel-harbour .", "",
        "vdk:awardedBy", "grant:pixel-harbour-2022", "a vdk:Organisation or a vdk:Person",
        id="grant-awarded-by-a-project",
    ),
    pytest.param(
        "grant:pixel-harbour-2022 vdk:recipient topic:serious-games .", "",
        "vdk:recipient", "grant:pixel-harbour-2022", "a vdk:Organisation or a vdk:Person",
        id="grant-recipient-a-topic",
    ),
    pytest.param(
        "grant:pixel-harbour-2022 vdk:grantFor o:lumo-studio .", "",
        "vdk:grantFor", "grant:pixel-harbour-2022", "must be a vdk:Project", id="grant-for-an-organisation",
    ),
    pytest.param(
        "inv:north-light--lumo-studio vdk:investor o:board-of-pixels .", "",
        "vdk:investor", "inv:north-light--lumo-studio", "exactly one investor", id="two-investors",
    ),
    pytest.param(
        "", "inv:north-light--lumo-studio vdk:investee o:lumo-studio .",
        "vdk:investee", "inv:north-light--lumo-studio", "exactly one investee",
        id="investment-without-investee",
    ),
    pytest.param(
        "inv:north-light--lumo-studio vdk:investee person:ada-frost .",
        "inv:north-light--lumo-studio vdk:investee o:lumo-studio .",
        "vdk:investee", "inv:north-light--lumo-studio", "a vdk:Organisation", id="investee-a-person",
    ),
    pytest.param(
        "inv:north-light--lumo-studio vdk:stakePercent 150.0 .",
        "inv:north-light--lumo-studio vdk:stakePercent 12.5 .",
        "vdk:stakePercent", "inv:north-light--lumo-studio", "between 0 and 100", id="stake-150",
    ),
    pytest.param(
        'inv:north-light--lumo-studio vdk:stakePercent "12%" .',
        "inv:north-light--lumo-studio vdk:stakePercent 12.5 .",
        "vdk:stakePercent", "inv:north-light--lumo-studio", "between 0 and 100", id="stake-as-string",
    ),
    pytest.param(
        'budget:b a vdk:Budget ; rdfs:label "Budget" ; '
        'vdk:currency "DKK" ; vdk:providedBy o:board-of-pixels .',
        "",
        "vdk:amount|vdk:annualAmount", "budget:b", "A budget needs an amount", id="budget-without-amount",
    ),
    pytest.param(
        'budget:b a vdk:Budget ; rdfs:label "Budget" ; vdk:amount 100 ; vdk:currency "DKK" .', "",
        "vdk:providedBy", "budget:b", "who sets it aside", id="budget-without-provider",
    ),
    pytest.param(
        "grant:pixel-harbour-2022 vdk:partOfProgramme project:pixel-harbour .", "",
        "vdk:partOfProgramme", "grant:pixel-harbour-2022", "must be a vdk:FundingProgramme",
        id="grant-programme-that-is-a-project",
    ),
    # --- cluster memberships and positions ---
    pytest.param(
        "mem:lumo-studio--pixel-cluster vdk:cluster o:lumo-studio .",
        "mem:lumo-studio--pixel-cluster vdk:cluster o:pixel-cluster .",
        "vdk:cluster", "mem:lumo-studio--pixel-cluster", "a vdk:ClusterOrganisation",
        id="cluster-is-a-company",
    ),
    pytest.param(
        "", "mem:lumo-studio--pixel-cluster vdk:cluster o:pixel-cluster .",
        "vdk:cluster", "mem:lumo-studio--pixel-cluster", "exactly one cluster",
        id="membership-without-cluster",
    ),
    pytest.param(
        "", "o:lumo-studio vdk:hasMembership mem:lumo-studio--pixel-cluster .",
        "^vdk:hasMembership", "mem:lumo-studio--pixel-cluster", "belongs to exactly one organisation",
        id="membership-without-member",
    ),
    pytest.param(
        "o:fjord-academy vdk:hasMembership mem:lumo-studio--pixel-cluster .", "",
        "^vdk:hasMembership", "mem:lumo-studio--pixel-cluster", "belongs to exactly one organisation",
        id="membership-of-two-organisations",
    ),
    pytest.param(
        "pos:ada-frost--lumo-studio vdk:holder o:lumo-studio .",
        "pos:ada-frost--lumo-studio vdk:holder person:ada-frost .",
        "vdk:holder", "pos:ada-frost--lumo-studio", "a vdk:Person", id="holder-an-organisation",
    ),
    pytest.param(
        "", "pos:ada-frost--lumo-studio vdk:positionIn o:lumo-studio .",
        "vdk:positionIn", "pos:ada-frost--lumo-studio", "exactly one organisation", id="position-in-nothing",
    ),
    pytest.param(
        'pos:ada-frost--lumo-studio vdk:positionRole "CEO" .', "",
        "vdk:positionRole", "pos:ada-frost--lumo-studio", "a vdk:PositionRole", id="position-role-as-string",
    ),
    # --- indicators ---
    pytest.param(
        "", 'ind:pixel-harbour-jobs vdk:sourceText "The project created 40 jobs in five years."@en .',
        "vdk:sourceText", "ind:pixel-harbour-jobs", "original sentence", id="indicator-without-source-text",
    ),
    pytest.param(
        'ind:pixel-harbour-jobs vdk:baselineValue "about 100" .', "",
        "vdk:baselineValue", "ind:pixel-harbour-jobs", "xsd:decimal", id="baseline-as-string",
    ),
    pytest.param(
        'ind:pixel-harbour-jobs vdk:targetValue "140" .', "",
        "vdk:targetValue", "ind:pixel-harbour-jobs", "xsd:decimal", id="target-as-string",
    ),
    pytest.param(
        "ind:pixel-harbour-jobs vdk:changeValue 1.5e2 .", "ind:pixel-harbour-jobs vdk:changeValue 40.0 .",
        "vdk:changeValue", "ind:pixel-harbour-jobs", "xsd:decimal", id="change-as-double",
    ),
    pytest.param(
        'ind:pixel-harbour-jobs vdk:period "5 years" .',
        'ind:pixel-harbour-jobs vdk:period "P5Y"^^xsd:duration .',
        "vdk:period", "ind:pixel-harbour-jobs", "xsd:duration", id="period-as-string",
    ),
    pytest.param(
        "", "project:pixel-harbour vdk:hasIndicator ind:pixel-harbour-jobs .",
        "^vdk:hasIndicator", "ind:pixel-harbour-jobs", "must be linked from",
        id="indicator-linked-from-nothing",
    ),
    # --- topics and places ---
    pytest.param(
        "", 'topic:serious-games skos:prefLabel "serious games" .',
        "skos:prefLabel", "topic:serious-games", "preferred label", id="topic-without-pref-label",
    ),
    pytest.param(
        "place:harbourtown vdk:locatedIn o:pixel-cluster .", "",
        "vdk:locatedIn", "place:harbourtown", "must be a vdk:Place", id="located-in-an-organisation",
    ),
    # --- provenance of the graph ---
    pytest.param(
        "", "graph:test-fixture prov:wasDerivedFrom <https://example.org/pixel-harbour> .",
        "prov:wasDerivedFrom", "graph:test-fixture", "what it was derived from",
        id="source-graph-without-source",
    ),
    pytest.param(
        'graph:test-fixture prov:wasDerivedFrom "pixel-harbour.txt" .', "",
        "prov:wasDerivedFrom", "graph:test-fixture", "the IRI of what",
        id="source-graph-derived-from-a-string",
    ),
    pytest.param(
        'graph:test-fixture prov:generatedAtTime "2026-01-15"^^xsd:date .',
        'graph:test-fixture prov:generatedAtTime "2026-01-15T10:00:00+00:00"^^xsd:dateTime .',
        "prov:generatedAtTime", "graph:test-fixture", "an xsd:dateTime", id="generated-at-a-date",
    ),
    pytest.param(
        'graph:test-fixture prov:generatedAtTime "2026-01-16T10:00:00+00:00"^^xsd:dateTime .', "",
        "prov:generatedAtTime", "graph:test-fixture", "exactly one time", id="generated-twice",
    ),
    pytest.param(
        "", 'graph:test-fixture vdk:importer "test" .',
        "vdk:importer", "graph:test-fixture", "exactly one importer", id="source-graph-without-importer",
    ),
]


@pytest.mark.parametrize(("add", "remove", "field", "focus", "fragment"), RULES)
def test_each_rule_reports_its_violation(
    add: str, remove: str, field: str, focus: str, fragment: str
) -> None:
    report = validate_graph(dataset(add, remove), source="broken.ttl")
    assert not report.conforms
    assert failing_fields(report) == {field}, explain(report)
    matching = [p for p in report.errors if fragment in p.message]
    assert matching, explain(report)
    for problem in matching:
        assert problem.message.startswith(f"<{iri(focus)}>: "), problem.message
        assert problem.file == "broken.ttl"
        assert problem.severity == "error"


def test_a_person_or_any_kind_of_organisation_may_take_part() -> None:
    data = dataset(
        """project:pixel-harbour vdk:hasParticipation part:ada .
           part:ada a vdk:Participation ; rdfs:label "Ada Frost in Pixel Harbour" ;
               vdk:participant person:ada-frost ; vdk:role vdk:ProjectLeader .
           part:pixel-harbour--fjord-academy vdk:participant o:pixel-cluster .""",
        "part:pixel-harbour--fjord-academy vdk:participant o:fjord-academy .",
    )
    report = validate_graph(data)
    assert report.conforms, explain(report)


def test_two_lead_partners_are_a_warning_not_an_error() -> None:
    data = dataset(
        "part:pixel-harbour--fjord-academy vdk:role vdk:LeadPartner .",
        "part:pixel-harbour--fjord-academy vdk:role vdk:ProjectPartner .",
    )
    report = validate_graph(data)
    assert report.conforms, explain(report)
    assert report.errors == []
    [warning] = report.warnings
    assert warning.severity == "warning"
    assert warning.field == "vdk:hasParticipation"
    assert warning.message.startswith(f"<{iri('project:pixel-harbour')}>: ")
    assert "more than one participation with vdk:role vdk:LeadPartner" in warning.message


def test_a_budget_needs_an_amount_and_a_currency() -> None:
    """Without any amount the money rule does not apply; the budget rule still asks for both."""
    budget = 'budget:b a vdk:Budget ; rdfs:label "B" ; vdk:providedBy o:board-of-pixels .'
    report = validate_graph(dataset(budget))
    assert failing_fields(report) == {"vdk:amount|vdk:annualAmount", "vdk:currency"}, explain(report)
    assert [p.message.split(": ", 1)[1] for p in report.errors] == [
        "A budget needs an amount (vdk:amount, or vdk:annualAmount for an amount per year)",
        'A budget needs a currency (vdk:currency), such as "DKK"',
    ]


def test_a_project_needs_no_status_dates_or_participations() -> None:
    """Only the title is required: the optional rules fire on what is there, not on what is missing."""
    bare = 'project:bare a vdk:Project ; rdfs:label "Bare" ; dcterms:title "Bare" .'
    report = validate_graph(dataset(bare))
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
