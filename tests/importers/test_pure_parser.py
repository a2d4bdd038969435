"""The Pure parser (importers.pure.parser) on whole pages: the seed, a Danish and an English page, labels."""


import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from tests.importers.pure_pages import (
    SEED_TITLE,
    fixture_text,
    line_of,
    make_page,
    parse_fixture,
    refusal,
    warnings_of,
)
from vdk_graph.importers.pure.parser import (
    parse_pure,
)
from vdk_graph.importers.pure.record import Indicator, Partner, PersonEntry, PureRecord

# --------------------------------------------------------------------------- the seed


@pytest.fixture(scope="module")
def seed() -> PureRecord:
    return parse_fixture("seed.txt")


def test_seed_fixture_is_the_founding_record() -> None:
    shared = Path("/work/shared/seed/000_5f4f40f3d0f4b178.txt")
    if not shared.exists():
        pytest.skip("shared seed not present on this machine")
    assert fixture_text("seed.txt") == shared.read_text(encoding="utf-8")


def test_seed_names_and_fields(seed: PureRecord) -> None:
    assert seed.source == "seed.txt"
    assert seed.title == SEED_TITLE
    assert seed.title_line == 1
    assert seed.acronym == "VDK"
    assert seed.short_title == "VDK klynge 2021-24"
    assert seed.status == "active"
    assert seed.status_text == "Active"
    assert seed.start == dt.date(2020, 5, 27)
    assert seed.end == dt.date(2024, 12, 31)
    assert seed.language == "da"
    assert seed.project_type is None
    assert seed.pure_id is None


def test_seed_partners(seed: PureRecord) -> None:
    text = fixture_text("seed.txt")
    assert seed.partners == [
        Partner(
            "Vision Denmark Creative Business Alliance", "lead", line_of(text, "Creative Business"), "lead"
        ),
        Partner("Filmby Aarhus", "partner", line_of(text, "Filmby Aarhus"), "Project partner"),
        Partner("FilmFyn", "partner", line_of(text, "FilmFyn"), "Project partner"),
        Partner("Producentforeningen", "partner", line_of(text, "Producentforeningen"), "Project partner"),
        Partner("Den Vestdanske Filmpulje", "partner", line_of(text, "Vestdanske"), "Project partner"),
        Partner("Interactive Denmark", "partner", line_of(text, "Interactive Denmark"), "Project partner"),
        Partner("The Animation Workshop", "unspecified", line_of(text, "  • The Animation Workshop"), None),
    ]
    assert seed.people == []
    assert seed.units == []


def test_seed_keywords_keep_a_named_term_whole(seed: PureRecord) -> None:
    assert seed.keywords == ["Media, communication and languages"]
    assert seed.research_areas == []


def test_seed_description_is_the_description_section(seed: PureRecord) -> None:
    text = fixture_text("seed.txt")
    section = text.split("Description\n\n", 1)[1].split("Layman's description", 1)[0].strip()
    assert seed.description == section
    assert seed.description is not None
    assert seed.description.startswith("Projektet Vision Denmark omhandler klyngekonsolidering")
    assert seed.description.endswith("mere bæredygtighede forretningsmodeller og produktion.")
    paragraphs = seed.description.split("\n\n")
    assert len(paragraphs) == 4
    assert paragraphs[0].count("\n") == 2  # three lines, kept as written
    assert "\n\n\n" not in seed.description


def test_seed_laymans_description(seed: PureRecord) -> None:
    assert seed.laymans_description == (
        "Konsolidering af den nationale klynge Vision Denmark: Erhvervsfremmende aktiviteter "
        "for den danske digitale visuelle industri."
    )


def test_seed_key_findings(seed: PureRecord) -> None:
    text = fixture_text("seed.txt")
    first, second = seed.key_findings
    assert first == Indicator(
        sentence="2500 flere medarbejdere i dansk DVI over 5 år",
        line=line_of(text, "2500 flere"),
        measure="medarbejdere i dansk DVI",
        change=Decimal("2500"),
        unit="employees",
        period="P5Y",
    )
    assert second == Indicator(
        sentence="Stigning fra 5,7 mia. kr. til 10 mia. kr. i årlig omsætning for dansk DVI",
        line=line_of(text, "Stigning fra"),
        measure="årlig omsætning for dansk DVI",
        baseline=Decimal("5700000000"),
        target=Decimal("10000000000"),
        unit="DKK",
    )
    assert len(seed.key_findings) == 2


def test_seed_has_no_warnings(seed: PureRecord) -> None:
    assert seed.problems == []


def test_windows_line_endings_give_the_same_record(seed: PureRecord) -> None:
    crlf = fixture_text("seed.txt").replace("\n", "\r\n")
    assert "\r\n" in crlf
    assert parse_pure(crlf, "seed.txt") == seed


def test_old_mac_line_endings_and_byte_order_mark(seed: PureRecord) -> None:
    text = "\ufeff" + fixture_text("seed.txt").replace("\n", "\r")
    assert parse_pure(text, "seed.txt") == seed


# --------------------------------------------------------------------------- a Danish VBN page


def test_vbn_page_in_danish() -> None:
    text = fixture_text("vbn_da.txt")
    record = parse_fixture("vbn_da.txt")
    assert record.title == "Animating Viborg - Viborg Kommunes Animationsstrategi 2018-2021"
    assert record.project_type == "Rådgivende projekt"
    assert record.short_title == "Animating Viborg"
    assert record.status == "active"
    assert record.status_text == "Igangværende"
    assert (record.start, record.end) == (dt.date(2018, 4, 1), dt.date(2021, 2, 1))
    assert record.pure_id == "294254942"
    assert record.language == "da"
    assert record.research_areas == [
        "animation",
        "formidling",
        "communication",
        "health literacy",
        "digital literacy",
    ]
    assert record.units == [
        Partner("Viborg Kommune", "unspecified", line_of(text, "  • Viborg Kommune")),
        Partner("The Animation Workshop, VIA UC", "unspecified", line_of(text, "  • The Animation")),
    ]
    assert record.partners == [
        Partner("Aalborg Universitet", "unspecified", line_of(text, "Aalborg Universitet")),
        Partner("Viborg Kommune", "lead", line_of(text, "Viborg Kommune (leder)"), "leder"),
        Partner(
            "The Animation Workshop, VIA UC", "partner", line_of(text, "(Projektpartner)"), "Projektpartner"
        ),
        Partner("Aarhus Universitet", "unspecified", line_of(text, "Aarhus Universitet")),
    ]
    assert record.description is not None
    assert record.description.startswith("Kommunen vil bruge animation")
    assert record.description.endswith("lave og dele korte film.")
    assert record.description.count("\n\n") == 1
    assert record.problems == []


def test_vbn_trailing_portal_sections_are_not_read() -> None:
    record = parse_fixture("vbn_da.txt")
    assert record.keywords == []
    names = [p.name for p in record.partners + record.units]
    assert not any("Korte film" in n or n == "Animation" for n in names)


@pytest.mark.parametrize(
    ("type_line", "expected"),
    [
        ("Projekter: Projekt›Rådgivende projekt", "Rådgivende projekt"),
        ("Projekter: ProjektRådgivende projekt", "Rådgivende projekt"),
        ("Projekter: Projekt › Forskningsprojekt", "Forskningsprojekt"),
        ("Project: Research project", "Research project"),
        ("Projects: Project › Research project", "Research project"),
    ],
)
def test_project_type_line(type_line: str, expected: str) -> None:
    record = parse_pure(make_page(top=(type_line, "")), "type.txt")
    assert record.project_type == expected


# --------------------------------------------------------------------------- an English page with people


@pytest.fixture(scope="module")
def english() -> PureRecord:
    return parse_fixture("english_people.txt")


def test_english_page_fields(english: PureRecord) -> None:
    assert english.title == "Games for Learning in Vocational Schools"
    assert english.project_type == "Research project"
    assert english.language == "en"
    assert english.acronym == "G4V"
    assert english.short_title == "Games4Voc"
    assert english.status == "finished"
    assert (english.start, english.end) == (dt.date(2019, 9, 1), dt.date(2022, 8, 31))
    assert english.laymans_description == "Small games help students learn practical skills."
    assert english.keywords == ["serious games", "vocational education", "game-based learning"]


def test_english_page_people(english: PureRecord) -> None:
    text = fixture_text("english_people.txt")
    assert english.people == [
        PersonEntry("Mette Hansen", "leader", line_of(text, "Hansen, Mette"), "Project manager"),
        PersonEntry("Lars Nielsen", "leader", line_of(text, "Lars Nielsen"), "Principal Investigator"),
        PersonEntry("Anna Jensen", "participant", line_of(text, "Jensen, Anna"), "Researcher"),
        PersonEntry(
            "Peter Holm",
            "participant",
            line_of(text, "Peter Holm"),
            "Co-investigator",
            "Northern Games Studio",
        ),
        PersonEntry(
            "Sara Lund", "participant", line_of(text, "Sara Lund"), "PhD student", "Aarhus University"
        ),
        PersonEntry("Ole Berg", "participant", line_of(text, "Ole Berg"), "Projektdeltager"),
        PersonEntry("Kim Sørensen", "leader", line_of(text, "Kim Sørensen"), "Project manager"),
    ]
    assert english.units == [
        Partner("Department of Digital Design", "unspecified", line_of(text, "Department"))
    ]


def test_english_page_partners_and_unknown_role(english: PureRecord) -> None:
    text = fixture_text("english_people.txt")
    assert [(p.name, p.role, p.role_text) for p in english.partners] == [
        ("Northern Games Studio", "lead", "Lead partner"),
        ("Pixel Forge ApS", "partner", "partner"),
        ("Danish Schools Network", "lead", "Coordinator"),
        ("Game Hub Denmark", "unspecified", "Sponsor"),
    ]
    sponsor_line = line_of(text, "(Sponsor)")
    [warning] = english.problems
    assert warning.severity == "warning"
    assert warning.line == sponsor_line
    assert warning.file == "english_people.txt"
    assert "'Sponsor'" in warning.message and f"line {sponsor_line}" in warning.message


def test_english_page_key_findings(english: PureRecord) -> None:
    completion = english.key_findings[2]
    assert [k.sentence for k in english.key_findings] == [
        "From 40 to 60 teachers using games in class",
        "+12 new games within 2 years",
        "Increase student completion by 5% by 2025",
    ]
    assert (english.key_findings[0].baseline, english.key_findings[0].target) == (Decimal(40), Decimal(60))
    assert (english.key_findings[1].change, english.key_findings[1].period) == (Decimal(12), "P2Y")
    assert (completion.change, completion.unit, completion.target_year) == (Decimal(5), "percent", 2025)
    assert completion.measure == "student completion"


# --------------------------------------------------------------------------- labels on their own lines


def test_labels_with_values_on_the_next_line() -> None:
    text = fixture_text("labels_on_separate_lines.txt")
    record = parse_fixture("labels_on_separate_lines.txt")
    assert record.title == "Klyngesamarbejde om virtuel produktion"
    assert record.short_title == "Virtuel produktion"
    assert record.acronym == "VIRPRO"
    assert (record.status, record.status_text) == ("finished", "Afsluttet")
    assert (record.start, record.end) == (dt.date(2020, 2, 1), dt.date(2023, 1, 31))
    assert record.pure_id == "734001"
    assert record.keywords == ["virtuel produktion", "film", "spil", "XR"]
    assert [(p.name, p.role) for p in record.partners] == [
        ("Nordisk Filmstudie", "lead"),
        ("Spilværkstedet", "partner"),
    ]
    networks, turnover = record.key_findings
    assert (networks.target, networks.unit, networks.target_year) == (Decimal(40), "companies", 2023)
    assert networks.line == line_of(text, "40 virksomheder")
    assert (turnover.target, turnover.unit) == (Decimal("12500000"), "DKK")
    assert record.problems == []


def test_status_label_without_value_warns_once() -> None:
    text = make_page(fields=("Effective start/end date01/01/2020 →", "Status"))
    record = parse_pure(text, "p")
    assert record.status is None
    [warning] = [p for p in record.problems if p.field == "Status"]
    assert "'Status' has no value" in warning.message and warning.line == line_of(text, "Status")


def test_overview_heading_alone_does_not_make_a_project_page() -> None:
    failure = refusal("Animation for health\n\nOverview\n\nA text about animation.\n", "overview.txt")
    assert "not a Pure project page" in failure.problems[0].message


def test_label_without_any_value_warns() -> None:
    record = parse_pure(
        make_page(fields=("StatusActive", "Effective start/end date01/01/2020 →", "Acronym")), "p"
    )
    assert record.acronym is None
    assert any("'Acronym' has no value" in w for w in warnings_of(record))


def test_labels_are_case_insensitive_and_take_colons() -> None:
    record = parse_pure(
        make_page(
            fields=("STATUS: ACTIVE", "short title: Mocap", "ACRONYM: MC", "PERIOD: 01/01/2020 → 01/06/2020")
        ),
        "p",
    )
    assert (record.status, record.short_title, record.acronym) == ("active", "Mocap", "MC")
    assert (record.start, record.end) == (dt.date(2020, 1, 1), dt.date(2020, 6, 1))


def test_glued_section_heading() -> None:
    text = "Mocap for all\n\nProject Details\n\nDescriptionThe studios share one stage.\nStatusActive\n"
    record = parse_pure(text, "glued.txt")
    assert record.description == "The studios share one stage."


@pytest.mark.parametrize(
    "heading",
    ["Key findings", "KEY FINDINGS", "Centrale resultater", "Vigtigste resultater", "Nøgleresultater"],
)
def test_key_findings_headings(heading: str) -> None:
    record = parse_pure(make_page(extra=(heading, "", "300 nye job inden 2025")), "p")
    [finding] = record.key_findings
    assert (finding.change, finding.unit, finding.target_year) == (Decimal(300), "jobs", 2025)


@pytest.mark.parametrize(
    "heading", ["Layman's description", "Layman’s description", "Lægmandssprog", "Lægmandsbeskrivelse"]
)
def test_laymans_headings(heading: str) -> None:
    record = parse_pure(make_page(extra=(heading, "", "Studios share one stage.")), "p")
    assert record.laymans_description == "Studios share one stage."


@pytest.mark.parametrize(
    ("heading", "attribute"),
    [
        ("Keywords", "keywords"),
        ("Nøgleord", "keywords"),
        ("Emneord", "keywords"),
        ("Research areas", "research_areas"),
        ("Forskningsområder", "research_areas"),
    ],
)
def test_term_headings(heading: str, attribute: str) -> None:
    record = parse_pure(make_page(extra=(heading, "", "  • animation", "  • games")), "p")
    assert getattr(record, attribute) == ["animation", "games"]


