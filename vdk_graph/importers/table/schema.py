"""The column schema of each kind of spreadsheet, as data: the columns, which are required, how to read them.

``docs/tables.md`` is this module written out for curators; a test checks
that every column documented there is a column here and the other way round.
Keeping the schema as data means a new optional column is one line, and the
importer's checks (unknown column, missing column, empty required cell, bad
value) are the same code for every kind.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from difflib import get_close_matches
from typing import Any

from vdk_graph.importers.table import values as v


@dataclass(frozen=True)
class Column:
    name: str
    read: Callable[[v.Cell], Any]
    required: bool = False
    #: A list inside the cell, separated by ";".
    many: bool = False


def _c(
    name: str, read: Callable[[v.Cell], Any] = v.read_text, *, required: bool = False, many: bool = False
) -> Column:
    return Column(name, read, required, many)


#: Columns every kind has; ``source_url`` is required unless ``--source-url`` names the whole file's source.
COMMON: tuple[Column, ...] = (_c("source_url", v.read_url), _c("retrieved", v.read_date), _c("note"))
_DESCRIPTIONS = (_c("description_en"), _c("description_da"))
_PERIOD = (_c("start", v.read_date), _c("end", v.read_date))

KINDS: dict[str, tuple[Column, ...]] = {
    "organisations": (
        _c("name", required=True),
        _c("kind", v.read_kinds, required=True),
        _c("aliases", many=True),
        _c("acronym"),
        _c("city"),
        _c("region"),
        _c("country"),
        _c("active_in", many=True),
        _c("website", v.read_iri),
        _c("cvr", v.read_cvr),
        _c("founded", v.read_year),
        _c("closed", v.read_year),
        _c("part_of"),
        _c("founded_by", many=True),
        _c("owned_by", many=True),
        _c("formed_from", many=True),
        _c("fields", many=True),
        _c("scope", v.read_scope),
        _c("programme", many=True),
        *_DESCRIPTIONS,
    ),
    "people": (
        _c("name", required=True),
        _c("organisation", required=True),
        _c("role", v.read_position_role),
        _c("job_title"),
        _c("job_title_lang", v.read_language),
        *_PERIOD,
        _c("ended", v.read_boolean),
    ),
    "projects": (
        _c("title", required=True),
        _c("title_lang", v.read_language),
        _c("acronym"),
        _c("short_title"),
        _c("status", v.read_status),
        *_PERIOD,
        *_DESCRIPTIONS,
        _c("keywords", many=True),
        _c("programme"),
        _c("lead"),
        _c("partners", many=True),
        _c("website", v.read_iri),
    ),
    "participations": (
        _c("project", required=True),
        _c("participant", required=True),
        _c("participant_type", v.read_participant_type),
        _c("role"),
    ),
    "grants": (
        _c("funder", required=True, many=True),
        _c("recipient"),
        _c("project"),
        _c("programme"),
        _c("amount", v.read_amount),
        _c("currency", v.read_currency),
        _c("annual", v.read_boolean),
        *_PERIOD,
        _c("title"),
        *_DESCRIPTIONS,
    ),
    "investments": (
        _c("investor", required=True),
        _c("investee", required=True),
        _c("amount", v.read_amount),
        _c("currency", v.read_currency),
        _c("date", v.read_date),
        _c("stake", v.read_percent),
        _c("type", v.read_investment_type),
        _c("deal"),
        *_DESCRIPTIONS,
    ),
    "memberships": (_c("organisation", required=True), _c("cluster", required=True), *_PERIOD),
}
#: Singular and Danish names a file or sheet may start with instead of the kind itself.
_KIND_NAMES = {
    "organisations": ("organisations", "organizations", "organisation", "organization", "organisationer"),
    "people": ("people", "persons", "person", "personer"),
    "projects": ("projects", "project", "projekter"),
    "participations": ("participations", "participation", "deltagelser", "partners"),
    "grants": ("grants", "grant", "bevillinger"),
    "investments": ("investments", "investment", "investeringer"),
    "memberships": ("memberships", "membership", "medlemskaber"),
}


def columns(kind: str) -> dict[str, Column]:
    return {c.name: c for c in (*KINDS[kind], *COMMON)}


def column_key(header: str) -> str:
    """Column names are case-insensitive; spaces and hyphens count as '_'."""
    return re.sub(r"[\s-]+", "_", header.strip().casefold())


def kind_from_name(name: str) -> str | None:
    """The kind a file or sheet name starts with (``grants-2024.xlsx`` → grants), if any."""
    stem = column_key(name)
    for kind, names in _KIND_NAMES.items():
        if any(stem == n or (stem.startswith(n) and not stem[len(n)].isalpha()) for n in names):
            return kind
    return None


def kind_from_header(header: Sequence[str]) -> list[str]:
    """The kinds whose columns cover this header and whose required columns it has."""
    keys = {column_key(h) for h in header if h.strip()}
    return [
        kind
        for kind in KINDS
        if keys <= set(columns(kind)) and all(c.name in keys for c in KINDS[kind] if c.required)
    ]


def unknown_column_hint(kind: str, header: str) -> str:
    known = list(columns(kind))
    close = get_close_matches(column_key(header), known, n=1, cutoff=0.6)
    listing = ", ".join(known)
    return f"'{close[0]}'? The columns of {kind} are {listing}" if close else f"one of {listing}"
