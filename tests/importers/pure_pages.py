"""Pages for the Pure parser's tests: the fixtures, and small pages built for one feature each.

The fixtures under ``tests/fixtures/pure/`` are written in the shapes Pure portals
really produce when a page is copied as text; ``seed.txt`` is the founding record
itself. :func:`make_page` builds a small page so each test shows only what it is about.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from vdk_graph.errors import ImportFailed
from vdk_graph.importers.pure.parser import parse_pure
from vdk_graph.importers.pure.record import PureRecord

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
