"""Tests for :mod:`vdk_graph.importers.pure.parser`.

The fixtures under ``tests/fixtures/pure/`` are written in the shapes Pure
portals really produce when a page is copied as text; ``seed.txt`` is the
founding record itself. Small pages for single features are built by
:func:`make_page` so each test shows only what it is about.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal
from pathlib import Path

import pytest

from vdk_graph.errors import ImportFailed
from vdk_graph.importers.pure.parser import (
    DATE_FIELD,
    EXPECTED_DATES,
    EXPECTED_PAGE,
    detect_language,
    parse_dates,
    parse_indicator,
    parse_pure,
)
from vdk_graph.importers.pure.record import Indicator, Partner, PersonEntry, PureRecord

FIXTURES = Path(__file__).parent.parent / "fixtures" / "pure"

SEED_TITLE = (
    "Vision Denmark klyngens deltagelse i klyngeprogrammet "
    "”Innovationskraft: Danske klynger for viden og erhverv 2021-2024”"
)


def fixture_text(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def parse_fixture(name: str) -> PureRecord:
    return parse_pure(fixture_text(name), name)


def line_of(text: str, needle: str) -> int:
    """1-based number of the first line containing ``needle``: tests state lines by content, not by count."""
    for number, line in enumerate(text.splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in text")


def make_page(
    title: str | None = "Shared motion capture for small studios",
    description: str | None = (
        "The studios share equipment and knowledge so that each of them can take on larger productions."
    ),
    fields: tuple[str, ...] = ("StatusActive", "Effective start/end date01/01/2020 → 31/12/2021"),
    partners: tuple[str, ...] = ("  • Studio North (lead)", "  • Studio South (Project partner)"),
    top: tuple[str, ...] = (),
    extra: tuple[str, ...] = (),
) -> str:
    """A small Pure page in the seed's layout; each argument replaces or removes one part."""
    lines: list[str] = []
    if title is not None:
        lines += [title, ""]
    lines += [*top, "Project Details", ""]
    if description is not None:
        lines += ["Description", "", description]
    lines += [*fields, ""]
    if partners:
        lines += ["Collaborative partners", "", *partners, ""]
    lines += list(extra)
    return "\n".join(lines) + "\n"


def warnings_of(record: PureRecord) -> list[str]:
    return [p.message for p in record.problems if p.severity == "warning"]


def refusal(text: str, source: str = "page.txt") -> ImportFailed:
    with pytest.raises(ImportFailed) as caught:
        parse_pure(text, source)
    return caught.value


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


# --------------------------------------------------------------------------- dates


@pytest.mark.parametrize(
    ("value", "start", "end"),
    [
        ("27/05/2031/12/24", dt.date(2020, 5, 27), dt.date(2024, 12, 31)),
        ("01/12/201730/06/2022", dt.date(2017, 12, 1), dt.date(2022, 6, 30)),
        ("01/04/201801/02/2021", dt.date(2018, 4, 1), dt.date(2021, 2, 1)),
        ("1/04/181/02/21", dt.date(2018, 4, 1), dt.date(2021, 2, 1)),
        ("01/04/2018 → 01/02/2021", dt.date(2018, 4, 1), dt.date(2021, 2, 1)),
        ("1/04/18 - 31/12/20", dt.date(2018, 4, 1), dt.date(2020, 12, 31)),
        ("1 Apr 2018 → 31 Dec 2020", dt.date(2018, 4, 1), dt.date(2020, 12, 31)),
        ("1. apr. 2018 → 31. dec. 2020", dt.date(2018, 4, 1), dt.date(2020, 12, 31)),
        ("1. maj 2019 - 31. oktober 2021", dt.date(2019, 5, 1), dt.date(2021, 10, 31)),
        ("1 January 2019 → 30 June 2019", dt.date(2019, 1, 1), dt.date(2019, 6, 30)),
        ("2018-04-01 → 2021-02-01", dt.date(2018, 4, 1), dt.date(2021, 2, 1)),
        ("01/04/2018 →", dt.date(2018, 4, 1), None),
        ("01.04.2018 - 01.02.2021", dt.date(2018, 4, 1), dt.date(2021, 2, 1)),
    ],
)
def test_date_forms(value: str, start: dt.date, end: dt.date | None) -> None:
    assert parse_dates(value) == (start, end)
    record = parse_pure(make_page(fields=("StatusActive", f"Effective start/end date{value}")), "dates.txt")
    assert (record.start, record.end) == (start, end)


@pytest.mark.parametrize(
    "label",
    [
        "Effective start/end date",
        "Effektiv start/slut dato",
        "Start/end date",
        "Periode",
        "Period: ",
        "effective start/end date ",
    ],
)
def test_date_labels(label: str) -> None:
    record = parse_pure(make_page(fields=("StatusActive", f"{label}01/04/2018 → 01/02/2021")), "p")
    assert (record.start, record.end) == (dt.date(2018, 4, 1), dt.date(2021, 2, 1))


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("31/02/2020 → 01/03/2021", "'31/02/2020' is not a date that exists"),
        ("01/04/2021 → 01/02/2020", "before the start"),
        ("27/05/2031/02/24", "no valid pair of dates"),
        ("01/12/2030/06/17", "before the start"),
        ("1 Foo 2018 → 1 Jan 2019", "unknown month 'Foo'"),
        ("01/01/2020 → 01/01/2021 → 01/01/2022", "3 dates"),
        ("2020 → 2021", "holds no date"),
    ],
)
def test_bad_dates_are_errors(value: str, reason: str) -> None:
    text = make_page(fields=("StatusActive", f"Effective start/end date{value}"))
    failure = refusal(text, "bad.txt")
    [problem] = [p for p in failure.problems if p.severity == "error"]
    assert reason in problem.message
    assert (problem.file, problem.field, problem.expected) == ("bad.txt", DATE_FIELD, EXPECTED_DATES)
    assert problem.line == line_of(text, "Effective start/end date")
    assert "bad.txt" in str(failure)


def test_impossible_date_is_reported_with_the_other_errors() -> None:
    failure = refusal(fixture_text("nameless_bad_dates.txt"), "nameless_bad_dates.txt")
    errors = [p for p in failure.problems if p.severity == "error"]
    assert len(errors) == 2
    by_field = {p.field: p for p in errors}
    assert "'31/02/2020' is not a date that exists" in by_field[DATE_FIELD].message
    assert by_field[DATE_FIELD].line == 8
    assert "the page gives the project no name" in by_field["title"].message
    rendered = str(failure)
    assert "(2 errors)" in rendered
    assert rendered.count("nameless_bad_dates.txt") >= 3


def test_two_different_statuses_and_a_bad_date_are_all_reported() -> None:
    text = make_page(fields=("StatusActive", "StatusFinished", "Effective start/end date31/02/2020 →"))
    errors = [p for p in refusal(text).problems if p.severity == "error"]
    assert sorted(p.field or "" for p in errors) == sorted([DATE_FIELD, "Status"])
    status_error = next(p for p in errors if p.field == "Status")
    assert "'Active'" in status_error.message and "'Finished'" in status_error.message


def test_the_same_field_twice_with_the_same_value_is_fine() -> None:
    record = parse_pure(make_page(fields=("StatusActive", "StatusActive", "AcronymMC", "AcronymMC")), "p")
    assert (record.status, record.acronym) == ("active", "MC")


# --------------------------------------------------------------------------- statuses


@pytest.mark.parametrize(
    ("written", "status"),
    [
        ("Active", "active"),
        ("Ongoing", "active"),
        ("Running", "active"),
        ("Igangværende", "active"),
        ("Aktiv", "active"),
        ("I gang", "active"),
        ("Finished", "finished"),
        ("Completed", "finished"),
        ("Ended", "finished"),
        ("Concluded", "finished"),
        ("Afsluttet", "finished"),
        ("Færdig", "finished"),
        ("Slut", "finished"),
        ("Not started", "planned"),
        ("Planned", "planned"),
        ("Ikke startet", "planned"),
        ("Planlagt", "planned"),
        ("Kommende", "planned"),
        ("Cancelled", "cancelled"),
        ("Canceled", "cancelled"),
        ("Terminated", "cancelled"),
        ("Aflyst", "cancelled"),
        ("Annulleret", "cancelled"),
        ("Stoppet", "cancelled"),
    ],
)
@pytest.mark.parametrize("form", ["Status{}", "Status: {}", "Status\n{}"])
def test_statuses(written: str, status: str, form: str) -> None:
    record = parse_pure(make_page(fields=(form.format(written), "Start/end date01/01/2020 →")), "p")
    assert (record.status, record.status_text) == (status, written)
    assert not any("status" in w for w in warnings_of(record))


def test_unknown_status_warns_and_keeps_the_text() -> None:
    text = make_page(fields=("StatusOn hold", "Start/end date01/01/2020 →"))
    record = parse_pure(text, "p")
    assert (record.status, record.status_text) == (None, "On hold")
    [warning] = [p for p in record.problems if "unknown status" in p.message]
    assert warning.line == line_of(text, "StatusOn hold")
    assert "'On hold'" in warning.message


def test_prose_starting_with_a_label_word_is_not_a_label() -> None:
    record = parse_pure(make_page(description="Status quo is not enough for the studios in the region."), "p")
    assert record.status == "active"
    assert record.description == "Status quo is not enough for the studios in the region."


# --------------------------------------------------------------------------- key findings

INDICATORS = [
    (
        "Fra 5,7 til 10 mia. kr. i årlig omsætning",
        "da",
        {"baseline": Decimal("5700000000"), "target": Decimal("10000000000"), "unit": "DKK"},
    ),
    (
        "Fra 500 til 1 mio. kr. i tilskud",
        "da",
        {"baseline": Decimal(500), "target": Decimal(1000000), "unit": "DKK", "measure": "tilskud"},
    ),
    (
        "2500 flere medarbejdere i dansk DVI over 5 år",
        "da",
        {
            "change": Decimal(2500),
            "unit": "employees",
            "period": "P5Y",
            "measure": "medarbejdere i dansk DVI",
        },
    ),
    (
        "Stigning fra 5,7 mia. kr. til 10 mia. kr. i årlig omsætning for dansk DVI",
        "da",
        {
            "baseline": Decimal("5700000000"),
            "target": Decimal("10000000000"),
            "unit": "DKK",
            "measure": "årlig omsætning for dansk DVI",
        },
    ),
    (
        "Increase annual revenue from DKK 5.7bn to DKK 10bn by 2025",
        "en",
        {
            "baseline": Decimal("5700000000"),
            "target": Decimal("10000000000"),
            "unit": "DKK",
            "target_year": 2025,
            "measure": "annual revenue",
        },
    ),
    (
        "2500 more employees in Danish DVI over 5 years",
        "en",
        {"change": Decimal(2500), "unit": "employees", "period": "P5Y", "measure": "employees in Danish DVI"},
    ),
    (
        "+300 jobs i den danske spilbranche inden 2026",
        "da",
        {
            "change": Decimal(300),
            "unit": "jobs",
            "target_year": 2026,
            "measure": "jobs i den danske spilbranche",
        },
    ),
    (
        "Omsætningen skal stige med 20 procent på 3 år",
        "da",
        {"change": Decimal(20), "unit": "percent", "period": "P3Y", "measure": "Omsætningen"},
    ),
    (
        "Reduce CO2 emissions by 30% by 2030",
        "en",
        {"change": Decimal(-30), "unit": "percent", "target_year": 2030, "measure": "CO2 emissions"},
    ),
    (
        "Fra 120 til 200 medlemsvirksomheder",
        "da",
        {
            "baseline": Decimal(120),
            "target": Decimal(200),
            "unit": "companies",
            "measure": "medlemsvirksomheder",
        },
    ),
    (
        "Annual turnover of €2,500 million",
        "en",
        {"target": Decimal("2500000000"), "unit": "EUR", "measure": "Annual turnover"},
    ),
    (
        "Omsætning på 2.500 mio. kr. i 2025",
        "da",
        {"target": Decimal("2500000000"), "unit": "DKK", "target_year": 2025, "measure": "Omsætning"},
    ),
    (
        "2 500 nye arbejdspladser",
        "da",
        {"change": Decimal(2500), "unit": "jobs", "measure": "arbejdspladser"},
    ),
    (
        "Increase exports by 15 percent within 3 years",
        "en",
        {"change": Decimal(15), "unit": "percent", "period": "P3Y", "measure": "exports"},
    ),
    (
        "1,5 mio. kr. i privat medfinansiering",
        "da",
        {"target": Decimal(1500000), "unit": "DKK", "measure": "privat medfinansiering"},
    ),
    ("2,500 new talents", "en", {"change": Decimal(2500), "unit": "talents", "measure": "talents"}),
    ("2,500 nye talenter", "da", {"change": Decimal("2.5"), "unit": "talents", "measure": "talenter"}),
    ("5.7 million dollars in private investment", "en", {"target": Decimal(5700000), "unit": "USD"}),
    ("Investments of $2.5m in 5G studios", "en", {"target": Decimal(2500000), "unit": "USD"}),
    (
        "Eksporten skal øges med 25 % inden 2025",
        "da",
        {"change": Decimal(25), "unit": "percent", "target_year": 2025, "measure": "Eksporten"},
    ),
    ("200 færre ledige i branchen", "da", {"change": Decimal(-200), "measure": "ledige i branchen"}),
    (
        "Fra 2021 til 2024 skal 300 nye talenter uddannes",
        "da",
        {"change": Decimal(300), "unit": "talents", "target_year": 2024},
    ),
    (
        "2000 flere ansatte før 2030",
        "da",
        {"change": Decimal(2000), "unit": "employees", "target_year": 2030},
    ),
    ("50 t. kr. til hver virksomhed", "da", {"target": Decimal(50000), "unit": "DKK"}),
    (
        "Turnover of 3 billion euro by 2027",
        "en",
        {"target": Decimal("3000000000"), "unit": "EUR", "target_year": 2027},
    ),
    (
        "from 10 to 25 pct. of the companies",
        "en",
        {"baseline": Decimal(10), "target": Decimal(25), "unit": "percent"},
    ),
]


@pytest.mark.parametrize(("sentence", "language", "expected"), INDICATORS, ids=[s for s, _, _ in INDICATORS])
def test_indicator(sentence: str, language: str, expected: dict[str, object]) -> None:
    indicator, notes = parse_indicator(sentence, 7, language)
    assert indicator.sentence == sentence
    assert indicator.line == 7
    assert notes == []
    for name in ("baseline", "target", "change", "unit", "period", "target_year", "measure"):
        if name in expected:
            assert getattr(indicator, name) == expected[name], name
        elif name != "measure":
            assert getattr(indicator, name) is None, name


@pytest.mark.parametrize(
    ("written", "language", "value"),
    [
        ("2.500 virksomheder", "da", Decimal(2500)),
        ("2.500 companies", "en", Decimal("2.5")),
        ("2,500 companies", "en", Decimal(2500)),
        ("2,500 virksomheder", "da", Decimal("2.5")),
        ("1.250.000 kr.", "en", Decimal(1250000)),
        ("1,250,000 kr.", "da", Decimal(1250000)),
        ("1.234,5 kr.", "da", Decimal("1234.5")),
        ("1,234.5 DKK", "en", Decimal("1234.5")),
        ("5,75 kr.", "en", Decimal("5.75")),
        ("2,500 companies", None, Decimal(2500)),
    ],
)
def test_number_formats_follow_the_language(written: str, language: str | None, value: Decimal) -> None:
    indicator, _ = parse_indicator(written, 1, language)
    assert indicator.target == value


def test_finding_without_a_number_is_kept_with_a_warning() -> None:
    text = make_page(extra=("Key findings", "", "En bedre sammenhængende værdikæde"))
    record = parse_pure(text, "p")
    [finding] = record.key_findings
    assert finding == Indicator(
        sentence="En bedre sammenhængende værdikæde",
        line=line_of(text, "En bedre"),
        measure="bedre sammenhængende værdikæde",
    )
    [warning] = [p for p in record.problems if p.field == "Key findings"]
    assert warning.line == finding.line and "no figure" in warning.message


def test_numbered_and_bulleted_findings_keep_their_sentence() -> None:
    record = parse_pure(make_page(extra=("Key findings", "", "1. 300 new jobs", "  • 20 new companies")), "p")
    assert [(f.sentence, f.change) for f in record.key_findings] == [
        ("300 new jobs", Decimal(300)),
        ("20 new companies", Decimal(20)),
    ]


def test_findings_read_numbers_in_the_page_language() -> None:
    english = parse_pure(make_page(extra=("Key findings", "", "2,500 new jobs")), "p")
    danish_prose = "Studierne deler udstyr og viden, så de kan tage større opgaver ind i fremtiden."
    danish = parse_pure(make_page(description=danish_prose, extra=("Key findings", "", "2,500 nye job")), "p")
    assert english.language == "en" and english.key_findings[0].change == Decimal(2500)
    assert danish.language == "da" and danish.key_findings[0].change == Decimal("2.5")


def test_more_figures_than_one_goal_warns() -> None:
    indicator, notes = parse_indicator("300 nye job og 50 nye virksomheder", 3, "da")
    assert (indicator.change, indicator.unit) == (Decimal(300), "jobs")
    assert len(notes) == 1 and "only the first" in notes[0]


# --------------------------------------------------------------------------- language


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Projektet skal styrke samarbejdet mellem virksomheder og videninstitutioner i hele landet.", "da"),
        ("The project will strengthen the links between companies and the universities in the region.", "en"),
        ("Vision Denmark", None),
        ("", None),
    ],
)
def test_detect_language(text: str, language: str | None) -> None:
    assert detect_language(text) == language


def test_language_falls_back_to_the_title_without_description() -> None:
    title = "Samarbejde om animation og spil i Vestjylland for de små studier"
    record = parse_pure(make_page(title=title, description=None), "p")
    assert record.language == "da"


# --------------------------------------------------------------------------- organisations and people


@pytest.mark.parametrize(
    ("written", "role"),
    [
        ("(lead)", "lead"),
        ("(leder)", "lead"),
        ("(Lead partner)", "lead"),
        ("(Koordinator)", "lead"),
        ("(coordinator)", "lead"),
        ("(Project partner)", "partner"),
        ("(Projektpartner)", "partner"),
        ("(partner)", "partner"),
        ("(Samarbejdspartner)", "partner"),
        ("", "unspecified"),
    ],
)
def test_partner_roles(written: str, role: str) -> None:
    record = parse_pure(make_page(partners=(f"  • Filmby Aarhus {written}".rstrip(),)), "p")
    [partner] = record.partners
    assert (partner.name, partner.role) == ("Filmby Aarhus", role)
    assert partner.role_text == (written.strip("()") or None)
    assert not any("role" in w for w in warnings_of(record))


def test_acronym_in_parentheses_stays_in_the_name() -> None:
    record = parse_pure(make_page(partners=("  • Det Danske Filminstitut (DFI) (Projektpartner)",)), "p")
    assert record.partners == [
        Partner("Det Danske Filminstitut (DFI)", "partner", record.partners[0].line, "Projektpartner")
    ]


def test_partner_names_with_commas_are_not_split() -> None:
    record = parse_pure(
        make_page(partners=("  • The Animation Workshop, VIA UC", "  • Filmby Aarhus (lead)")), "p"
    )
    assert [p.name for p in record.partners] == ["The Animation Workshop, VIA UC", "Filmby Aarhus"]


@pytest.mark.parametrize(
    ("line", "name", "role", "role_text", "affiliation"),
    [
        ("Mette Hansen (Projektleder)", "Mette Hansen", "leader", "Projektleder", None),
        ("Hansen, Mette (Project manager)", "Mette Hansen", "leader", "Project manager", None),
        ("Jens Jensen (Projektdeltager)", "Jens Jensen", "participant", "Projektdeltager", None),
        ("Lars Nielsen (Principal Investigator)", "Lars Nielsen", "leader", "Principal Investigator", None),
        ("Lars Nielsen (PI)", "Lars Nielsen", "leader", "PI", None),
        ("Anna Berg (Co-investigator)", "Anna Berg", "participant", "Co-investigator", None),
        ("Anna Berg (Researcher)", "Anna Berg", "participant", "Researcher", None),
        ("Anna Berg (Forsker)", "Anna Berg", "participant", "Forsker", None),
        ("Anna Berg (Participant)", "Anna Berg", "participant", "Participant", None),
        ("Anna Berg (Deltager)", "Anna Berg", "participant", "Deltager", None),
        ("Ib Holm (Projektansvarlig)", "Ib Holm", "leader", "Projektansvarlig", None),
        ("Ib Holm (Koordinator)", "Ib Holm", "leader", "Koordinator", None),
        ("Ib Holm (Gæsteforsker)", "Ib Holm", "participant", "Gæsteforsker", None),
        ("Ib Holm", "Ib Holm", "participant", None, None),
        (
            "Mette Hansen - VIA University College (Projektleder)",
            "Mette Hansen",
            "leader",
            "Projektleder",
            "VIA University College",
        ),
        (
            "Sara Lund, Aarhus Universitet (Forsker)",
            "Sara Lund",
            "participant",
            "Forsker",
            "Aarhus Universitet",
        ),
        ("Sara Lund, VIA (Forsker)", "Sara Lund", "participant", "Forsker", "VIA"),
        ("Lund, Sara Marie (Forsker)", "Sara Marie Lund", "participant", "Forsker", None),
    ],
)
@pytest.mark.parametrize("heading", ["Participants", "Deltagere", "Projektdeltagere"])
def test_people_in_a_participants_section(
    line: str, name: str, role: str, role_text: str | None, affiliation: str | None, heading: str
) -> None:
    text = make_page(extra=(heading, "", f"  • {line}"))
    record = parse_pure(text, "people.txt")
    assert record.people == [PersonEntry(name, role, line_of(text, line), role_text, affiliation)]


def test_people_at_the_top_and_units_without_roles() -> None:
    top = ("  • Institut for Animation", "  • Mette Hansen (Projektleder)", "  • Jens Jensen (Deltager)", "")
    text = make_page(top=top)
    record = parse_pure(text, "top.txt")
    assert [(p.name, p.role) for p in record.people] == [
        ("Mette Hansen", "leader"),
        ("Jens Jensen", "participant"),
    ]
    assert record.units == [
        Partner("Institut for Animation", "unspecified", line_of(text, "Institut for Animation"))
    ]


def test_person_listed_among_partners_becomes_a_person() -> None:
    record = parse_pure(
        make_page(partners=("  • Studio North (lead)", "  • Mette Hansen (Projektleder)")), "p"
    )
    assert [p.name for p in record.partners] == ["Studio North"]
    assert [(p.name, p.role) for p in record.people] == [("Mette Hansen", "leader")]


def test_unknown_partner_role_warns_with_line_and_text() -> None:
    text = make_page(partners=("  • Studio North (lead)", "  • Fonden for Film (Bevillingsgiver)"))
    record = parse_pure(text, "roles.txt")
    assert record.partners[1] == Partner(
        "Fonden for Film", "unspecified", line_of(text, "Fonden"), "Bevillingsgiver"
    )
    [warning] = [p for p in record.problems if p.field == "role"]
    assert warning.line == line_of(text, "Fonden")
    assert "'Bevillingsgiver'" in warning.message and f"line {warning.line}" in warning.message


# --------------------------------------------------------------------------- keywords


def test_keywords_glued_to_the_label_are_split() -> None:
    record = parse_pure(make_page(fields=("StatusActive", "KeywordsAnimation, Games, XR, games")), "p")
    assert record.keywords == ["Animation", "Games", "XR"]


def test_one_bullet_of_keywords_is_split_but_a_named_term_is_kept() -> None:
    extra = (
        "Keywords",
        "",
        "  • animation,  spil ,formidling",
        "  • Arts, humanities and design",
        "  • animation",
    )
    record = parse_pure(make_page(extra=extra), "p")
    assert record.keywords == ["animation", "spil", "formidling", "Arts, humanities and design"]


def test_bullets_after_the_partner_list_without_heading_are_keywords() -> None:
    partners = (
        "  • Studio North (lead)",
        "  • Studio South (Project partner)",
        "",
        "  • animation",
        "  • games",
    )
    text = make_page(partners=partners)
    record = parse_pure(text, "kw.txt")
    assert [p.name for p in record.partners] == ["Studio North", "Studio South"]
    assert record.keywords == ["animation", "games"]
    [warning] = [p for p in record.problems if p.field == "Keywords"]
    assert warning.line == line_of(text, "  • animation") and "no heading" in warning.message


def test_partners_each_after_a_blank_line_stay_partners() -> None:
    record = parse_pure(
        make_page(partners=("  • Studio North", "", "  • Studio South", "", "  • Studio East")), "p"
    )
    assert [p.name for p in record.partners] == ["Studio North", "Studio South", "Studio East"]
    assert record.keywords == []


# --------------------------------------------------------------------------- whitespace and bullets


def test_tabs_non_breaking_spaces_and_bullet_variants() -> None:
    text = (
        "\n\n  \tMocap\u00a0for all  \n\nProject\u00a0Details\n\n"
        "Description\n\n\tThe studios share one stage.\t\n"
        "Status:\u00a0Active\nEffective start/end date\t01/01/2020\u00a0→\u00a031/12/2021\n\n"
        "Collaborative partners\n\n\t• Studio One (lead)\n · Studio Two\n - Studio Three\n * Studio Four\n"
        " ▪ Studio Five\n•Studio Six\n"
    )
    record = parse_pure(text, "messy.txt")
    assert record.title == "Mocap for all"
    assert record.title_line == 3
    assert record.description == "The studios share one stage."
    assert record.status == "active"
    assert (record.start, record.end) == (dt.date(2020, 1, 1), dt.date(2021, 12, 31))
    assert [p.name for p in record.partners] == [
        f"Studio {n}" for n in ("One", "Two", "Three", "Four", "Five", "Six")
    ]
    assert record.partners[0].role == "lead"


# --------------------------------------------------------------------------- missing parts


def test_missing_title_falls_back_to_the_short_title() -> None:
    text = fixture_text("no_title.txt")
    record = parse_fixture("no_title.txt")
    assert record.title == "Mocap Share"
    assert record.title_line == line_of(text, "Short title")
    [warning] = record.problems
    assert warning.field == "title" and "no title line" in warning.message


def test_missing_title_falls_back_to_the_acronym() -> None:
    record = parse_pure(
        make_page(title=None, fields=("AcronymMOCAP", "StatusActive", "Start/end date01/01/2020 →")), "p"
    )
    assert record.title == "MOCAP"
    assert any("acronym 'MOCAP'" in w for w in warnings_of(record))


def test_missing_partners_dates_and_status_warn() -> None:
    record = parse_pure(
        "Mocap for all\n\nProject Details\n\nDescription\n\nThe studios share one stage.\n", "p"
    )
    assert record.title == "Mocap for all"
    fields = {p.field for p in record.problems}
    assert {"Collaborative partners", DATE_FIELD, "Status"} <= fields
    assert all(p.severity == "warning" for p in record.problems)


def test_description_cut_off_mid_sentence_warns() -> None:
    text = make_page(description="The studios share one stage and the")
    record = parse_pure(text, "cut.txt")
    [warning] = [p for p in record.problems if "cut off" in p.message]
    assert warning.line == line_of(text, "The studios share")


@pytest.mark.parametrize("ending", [".", "!", "?", ":", "”", '"', ")"])
def test_description_with_a_proper_ending_does_not_warn(ending: str) -> None:
    record = parse_pure(make_page(description=f"The studios share one stage{ending}"), "p")
    assert not any("cut off" in w for w in warnings_of(record))


def test_text_under_no_heading_warns() -> None:
    text = make_page(fields=("StatusActive", "Start/end date01/01/2020 →", "Something the portal printed"))
    record = parse_pure(text, "p")
    [warning] = [p for p in record.problems if "no known heading" in p.message]
    assert warning.line == line_of(text, "Something the portal")


# --------------------------------------------------------------------------- refusals


def test_research_output_page_is_refused() -> None:
    failure = refusal(fixture_text("research_output.txt"), "research_output.txt")
    [problem] = failure.problems
    assert problem.file == "research_output.txt"
    assert problem.line == 5
    assert "research-output page" in problem.message
    assert problem.expected == EXPECTED_PAGE
    assert "research_output.txt" in str(failure) and "not a project page" in str(failure)


@pytest.mark.parametrize(
    ("type_line", "kind"),
    [
        ("Forskningsoutput: Bidrag til tidsskrift › Tidsskriftartikel", "research-output page"),
        ("Research output: Contribution to book/anthology › Chapter", "research-output page"),
        ("Publication", "research-output page"),
        ("Activity: Talk or presentation › Conference presentation", "activity page"),
        ("Aktivitet: Foredrag › Konferenceoplæg", "activity page"),
        ("Person: Lecturer", "person profile"),
    ],
)
def test_other_pure_pages_are_refused(type_line: str, kind: str) -> None:
    text = f"Animation for health\n\n{type_line}\n\nStatus: Published\n"
    failure = refusal(text, "other.txt")
    assert kind in failure.problems[0].message
    assert failure.problems[0].line == 3
    assert "other.txt" in str(failure)


def test_nameless_page_is_refused() -> None:
    text = make_page(title=None)
    failure = refusal(text, "nameless.txt")
    [problem] = [p for p in failure.problems if p.severity == "error"]
    assert problem.message.startswith("the page gives the project no name")
    assert problem.file == "nameless.txt"
    assert "nameless.txt" in str(failure)


@pytest.mark.parametrize("text", ["", "   ", "\n\n\r\n", "\ufeff\u00a0\t\n"])
def test_empty_file_is_refused(text: str) -> None:
    failure = refusal(text, "empty.txt")
    assert [p.message for p in failure.problems] == ["the file is empty"]
    assert failure.problems[0].file == "empty.txt"
    assert "empty.txt" in str(failure) and "the file is empty" in str(failure)


def test_text_that_is_no_project_page_is_refused() -> None:
    failure = refusal(fixture_text("not_a_project.txt"), "not_a_project.txt")
    [problem] = failure.problems
    assert "not a Pure project page" in problem.message
    assert problem.expected == EXPECTED_PAGE
    assert "not_a_project.txt" in str(failure)


def test_a_project_page_listing_research_outputs_is_not_refused() -> None:
    extra = ("Research output", "", "  • A study", "    Research output: Contribution to journal › Article")
    record = parse_pure(make_page(extra=extra), "p")
    assert record.title == "Shared motion capture for small studios"


# --------------------------------------------------------------------------- robustness


def _mutations(rng: random.Random, text: str) -> str:
    lines = text.splitlines()
    for _ in range(rng.randint(1, 6)):
        if not lines:
            lines = [""]
        index = rng.randrange(len(lines))
        operation = rng.randrange(7)
        if operation == 0:
            del lines[index]
        elif operation == 1:
            lines.insert(index, lines[index])
        elif operation == 2:
            lines[index] = lines[index][: rng.randrange(len(lines[index]) + 1)]
        elif operation == 3:
            lines[index] += rng.choice(["(", ")", "→", "/", "31/02/20", "mia.", "kr.", "•", ",", "%", "+"])
        elif operation == 4:
            rng.shuffle(lines)
        elif operation == 5:
            lines.insert(
                index, "".join(rng.choice("0123456789/.,- →()•%+kmbrt") for _ in range(rng.randint(1, 30)))
            )
        else:
            lines[index] = lines[index].upper()
    return rng.choice(["\n", "\r\n", "\r"]).join(lines)


def test_mutated_pages_give_a_record_or_import_failed() -> None:
    rng = random.Random(20200527)
    pages = [fixture_text(p.name) for p in sorted(FIXTURES.glob("*.txt"))]
    for _ in range(600):
        text = _mutations(rng, rng.choice(pages))
        try:
            record = parse_pure(text, "fuzz.txt")
        except ImportFailed as failure:
            assert failure.problems and all(p.file == "fuzz.txt" for p in failure.problems)
        else:
            assert record.title
            assert all(p.severity == "warning" for p in record.problems)
