"""Read the text of a Pure project page into a :class:`PureRecord`.

Curators copy project pages out of Pure portals (UC Viden, VBN, AU Pure) by
selecting the page in a browser. What arrives is the portal's rendering
flattened to text: labels glued to their values ("StatusActive"), start and
end dates glued together ("27/05/2031/12/24"), bullets, English or Danish
labels over Danish or English prose, and trailing portal sections that are not
about the project at all. The parser reads that text as it really is, keeps
every sentence as written, and reports each doubt with a line number instead
of guessing silently. Errors are collected and raised together, so one run
shows the curator everything to fix.

This module is the entry point, :func:`parse_pure`: it refuses pages that are
not projects and hands the rest to the reader. The work is
shared with modules that each do one thing and can be tested on their own:

- :mod:`~vdk_graph.importers.pure.reader`: the page's sections read into the record, doubts by line;
- :mod:`~vdk_graph.importers.pure.terms`: keywords and research areas split and deduplicated;
- :mod:`~vdk_graph.importers.pure.vocabulary`: the words portals print (headings, labels, statuses, roles);
- :mod:`~vdk_graph.importers.pure.layout`: the page cut into classified lines, sections and fields;
- :mod:`~vdk_graph.importers.pure.roles`: "Name (role)" lines split into names, roles and affiliations;
- :mod:`~vdk_graph.importers.pure.language`: Danish or English prose;
- :mod:`~vdk_graph.importers.pure.dates`: the start/end date field;
- :mod:`~vdk_graph.importers.pure.numbers`: key-finding sentences read as figures.

:func:`parse_dates`, :func:`parse_indicator` and :func:`detect_language` are
importable from here too.
"""

from __future__ import annotations

from vdk_graph.errors import ImportFailed, Problem
from vdk_graph.importers.pure.dates import EXPECTED_DATES, parse_dates
from vdk_graph.importers.pure.language import detect_language
from vdk_graph.importers.pure.layout import Line, classify_all, cut_at_stop, split_lines
from vdk_graph.importers.pure.numbers import parse_indicator
from vdk_graph.importers.pure.reader import Reader
from vdk_graph.importers.pure.record import PureRecord
from vdk_graph.importers.pure.vocabulary import (
    DATE_FIELD,
    FOREIGN_KINDS,
    FOREIGN_TYPE_LINE,
    PROJECT_DETAILS,
    label_key,
)

__all__ = [
    "DATE_FIELD", "EXPECTED_DATES", "EXPECTED_PAGE", "detect_language", "parse_dates", "parse_indicator",
    "parse_pure",
]

EXPECTED_PAGE = "a Pure project page with Project Details / Projektdetaljer, Status or Collaborative partners"

# --------------------------------------------------------------------------- entry point


def parse_pure(text: str, source: str) -> PureRecord:
    """Parse one Pure project page; raise :class:`ImportFailed` with every error, else return the record.

    ``source`` names the file in every problem so a curator importing many
    pages knows which one to fix. Warnings (missing dates, unknown roles ...)
    are returned in ``record.problems`` because the record is still usable.
    """
    numbered = split_lines(text)
    if not any(line for _, line in numbered):
        raise _refusal(source, "the file is empty")
    lines = classify_all(numbered)
    main, tail = cut_at_stop(lines)
    _check_is_project(main, source)
    reader = Reader(source)
    reader.read(main, tail)
    return reader.finish()


def _refusal(source: str, reason: str, line: int | None = None) -> ImportFailed:
    problem = Problem(message=reason, file=source, line=line, expected=EXPECTED_PAGE)
    return ImportFailed(problems=[problem], summary=f"{source} was not imported: {reason}")


# --------------------------------------------------------------------------- refusals


def _check_is_project(lines: list[Line], source: str) -> None:
    """Refuse research outputs, people, activities and plain text before reading them as projects."""
    has_type = any(line.kind == "type" for line in lines)
    top = [line for line in _top_region(lines) if line.kind != "blank"][:12]
    foreign = next((line for line in top if line.kind == "foreign"), None)
    if foreign and not has_type:
        reason = f"this is {_page_kind(foreign.text)}, not a project page ('{foreign.text}')"
        raise _refusal(source, reason, foreign.number)
    markers = has_type or any(
        (line.kind == "section" and (line.key == "partners" or label_key(line.text) in PROJECT_DETAILS))
        or (line.kind == "label" and line.key in ("status", "dates"))
        for line in lines
    )
    if not markers:
        raise _refusal(
            source,
            "the text is not a Pure project page: it has no Project Details heading, Status, "
            "start/end date, Collaborative partners or project type line",
        )


def _page_kind(type_line: str) -> str:
    """Name the kind of Pure page a type line announces, so the refusal says what the curator copied."""
    match = FOREIGN_TYPE_LINE.match(type_line)
    kind = label_key(match.group("kind") if match else type_line)
    return FOREIGN_KINDS.get(kind) or f"a Pure '{kind}' page"


def _top_region(lines: list[Line]) -> list[Line]:
    """Lines before the first section or label: where Pure says what kind of page this is."""
    for index, line in enumerate(lines):
        if (line.kind == "section" and line.key != "details") or line.kind == "label":
            return lines[:index]
    return lines
