"""What a Pure project page says, before it becomes RDF.

:func:`vdk_graph.importers.pure.parser.parse_pure` fills these from the text a
person copied out of a Pure research portal (UC Viden, VBN, AU Pure ...);
:mod:`vdk_graph.importers.pure` maps them to the ontology. Keeping the two
apart lets the parser be tested on text alone.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

from vdk_graph.errors import Problem

#: Roles of organisations (lead, partner, unspecified) and of people (leader, participant).
PartnerRole = Literal["lead", "partner", "unspecified"]
PersonRole = Literal["leader", "participant"]
#: The one status vocabulary every language maps to (``vdk:Planned`` ... ``vdk:Cancelled``).
Status = Literal["planned", "active", "finished", "cancelled"]


@dataclass
class Partner:
    """An organisation listed on the page, with the role given in parentheses (if any)."""

    name: str
    role: PartnerRole
    line: int
    #: The role exactly as written, e.g. "Project partner", "Projektpartner", "leder".
    role_text: str | None = None


@dataclass
class PersonEntry:
    """A person listed on the page with a role, e.g. "Mette Hansen (Projektleder)"."""

    name: str
    role: PersonRole
    line: int
    role_text: str | None = None
    #: Organisational unit written with the person, if any ("Mette Hansen - VIA University College").
    affiliation: str | None = None


@dataclass
class Indicator:
    """A key finding turned into numbers; the sentence is always kept word for word."""

    sentence: str
    line: int
    #: What is measured, in the sentence's words, e.g. "medarbejdere i dansk DVI",
    #: "årlig omsætning for dansk DVI".
    measure: str | None = None
    baseline: Decimal | None = None
    target: Decimal | None = None
    #: A stated change, e.g. +2500 for "2500 flere medarbejdere".
    change: Decimal | None = None
    #: ISO 4217 code for money (DKK, EUR, USD), else the counted thing in English ("employees", "percent").
    unit: str | None = None
    #: ISO 8601 duration for "over 5 år" / "over 5 years", e.g. "P5Y".
    period: str | None = None
    #: A year the target is to be reached by ("inden 2025", "by 2025").
    target_year: int | None = None


@dataclass
class PureRecord:
    """One Pure project page."""

    source: str
    title: str | None = None
    title_line: int | None = None
    #: The language of the page's prose (not its labels): "da", "en" or None when unsure.
    language: str | None = None
    #: Project type as the page states it ("Research project", "Rådgivende projekt" ...).
    project_type: str | None = None
    acronym: str | None = None
    short_title: str | None = None
    status: Status | None = None
    status_text: str | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    description: str | None = None
    laymans_description: str | None = None
    key_findings: list[Indicator] = field(default_factory=list)
    partners: list[Partner] = field(default_factory=list)
    people: list[PersonEntry] = field(default_factory=list)
    #: Organisational units listed without a role at the top of the page (Pure's "related units").
    units: list[Partner] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)
    research_areas: list[str] = field(default_factory=list)
    pure_id: str | None = None
    #: Warnings about missing or odd parts; errors make ``parse_pure`` raise instead.
    problems: list[Problem] = field(default_factory=list)
