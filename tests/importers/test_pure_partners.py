"""The Pure parser's partners, people and keywords, whitespace, missing parts, and the pages it refuses."""


import datetime as dt
import random

import pytest

from tests.importers.pure_pages import (
    FIXTURES,
    fixture_text,
    line_of,
    make_page,
    parse_fixture,
    refusal,
    warnings_of,
)
from vdk_graph.errors import ImportFailed
from vdk_graph.importers.pure.parser import (
    DATE_FIELD,
    EXPECTED_PAGE,
    parse_pure,
)
from vdk_graph.importers.pure.record import Partner, PersonEntry

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
