"""Reading one spreadsheet cell: dates, numbers, amounts, yes/no, kinds, roles, identifiers.

Curators type cells by hand, in Danish or English, and Excel hands us some of
them already typed (dates, numbers, booleans). Each reader takes the raw cell
and returns a clean Python value, or raises :class:`CellError` with what was
wrong *and* what was expected, so the importer can report every bad cell with
its row and column instead of guessing. Nothing here knows about RDF graphs or
about rows; :mod:`~vdk_graph.importers.table.schema` says which reader each
column uses, and the allowed words are tables, so teaching the importer a new
word is a one-line edit. The column schema users read is ``docs/tables.md``.

The readers live by what they read, and this module gathers them (the importer
reads them as ``values.read_date`` …): :mod:`.cells` (the cell itself, text,
yes/no, languages, identifiers), :mod:`.quantities` (dates, numbers, money,
percentages) and :mod:`.words` (controlled words: kinds, roles, positions,
statuses, scopes, investment types).
"""

from __future__ import annotations

from vdk_graph.importers.table.cells import (
    EXPECTED_BOOLEAN,
    Cell,
    CellError,
    as_text,
    read_boolean,
    read_cvr,
    read_iri,
    read_language,
    read_text,
    read_url,
    split_list,
)
from vdk_graph.importers.table.quantities import (
    EXPECTED_AMOUNT,
    EXPECTED_CURRENCY,
    EXPECTED_DATE,
    EXPECTED_PERCENT,
    EXPECTED_YEAR,
    Amount,
    PartialDate,
    decimal_literal,
    read_amount,
    read_currency,
    read_date,
    read_percent,
    read_year,
    year_literal,
)
from vdk_graph.importers.table.words import (
    EXPECTED_KIND,
    EXPECTED_ORG_ROLE,
    EXPECTED_PERSON_ROLE,
    EXPECTED_POSITION_ROLE,
    INVESTMENT_TYPES,
    ORGANISATION_KINDS,
    POSITION_ROLES,
    PROJECT_STATUSES,
    SCOPES,
    read_investment_type,
    read_kinds,
    read_org_role,
    read_participant_type,
    read_person_role,
    read_position_role,
    read_scope,
    read_status,
)

__all__ = [
    "EXPECTED_AMOUNT", "EXPECTED_BOOLEAN", "EXPECTED_CURRENCY", "EXPECTED_DATE", "EXPECTED_KIND",
    "EXPECTED_ORG_ROLE", "EXPECTED_PERCENT", "EXPECTED_PERSON_ROLE", "EXPECTED_POSITION_ROLE",
    "EXPECTED_YEAR", "INVESTMENT_TYPES", "ORGANISATION_KINDS", "POSITION_ROLES", "PROJECT_STATUSES",
    "SCOPES", "Amount", "Cell", "CellError", "PartialDate", "as_text", "decimal_literal", "read_amount",
    "read_boolean", "read_currency", "read_cvr", "read_date", "read_investment_type", "read_iri",
    "read_kinds", "read_language", "read_org_role", "read_participant_type", "read_percent",
    "read_person_role", "read_position_role", "read_scope", "read_status", "read_text", "read_url",
    "read_year", "split_list", "year_literal",
]
