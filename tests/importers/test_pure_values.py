"""The Pure parser's values: dates, statuses, key findings with their figures, the page's language."""


import datetime as dt
from decimal import Decimal

import pytest

from tests.importers.pure_pages import (
    fixture_text,
    line_of,
    make_page,
    refusal,
    warnings_of,
)
from vdk_graph.importers.pure.parser import (
    DATE_FIELD,
    EXPECTED_DATES,
    detect_language,
    parse_dates,
    parse_indicator,
    parse_pure,
)
from vdk_graph.importers.pure.record import Indicator

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


