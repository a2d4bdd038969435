"""SHACL validation: the valid fixture conforms, and each rule of ontology/shapes.ttl catches its break.

Every rule test starts from ``tests/fixtures/shapes/valid.ttl``, breaks one thing
(Turtle to add, Turtle to remove) and checks that exactly that rule fires: the
errors carry the expected property path as ``field`` and a message naming the
focus node. If a rule is removed from the shapes, its test fails.
"""

from __future__ import annotations

import pytest

from tests.validation.shapes_fixtures import (
    dataset,
    explain,
    failing_fields,
    iri,
)
from vdk_graph.validation import (
    validate_graph,
)

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
