"""Spreadsheet files → sheets of rows: CSV (comma, semicolon or tab; UTF-8 or Windows-1252) and XLSX.

Only reading lives here, so that what a row *means* (:mod:`~vdk_graph.importers.table`)
does not care whether Excel or a text editor wrote it. Row numbers are the
spreadsheet's (the header is row 1; a CSV cell holding a line break is still
one row), which is what a curator sees when they open the file to fix it.
XLSX cells keep the types Excel gave them (dates, numbers, booleans); a cell
formatted as a percentage is read as the percentage it shows (0.4 → 40).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from vdk_graph.errors import ImportFailed, Problem
from vdk_graph.importers.table_schema import kind_from_name
from vdk_graph.importers.table_values import Cell

#: An XLSX is a zip of XML; refuse one that unpacks to more than this (a "zip bomb").
MAX_UNPACKED_BYTES = 500_000_000
CSV_SUFFIXES = (".csv", ".tsv", ".txt")


@dataclass
class Sheet:
    """One table of rows: a CSV file or one sheet of a workbook."""

    #: Where problems say the rows are: "grants.csv" or "book.xlsx, sheet 'grants'".
    location: str
    #: The file stem or the sheet name (used to tell the kind).
    name: str
    header: list[str]
    #: (spreadsheet row number, cells) of every row that is not blank.
    rows: list[tuple[int, list[Cell]]] = field(default_factory=list)


def read_sheets(path: Path) -> list[Sheet]:
    """The tables in a file; ImportFailed when it cannot be read as a spreadsheet at all."""
    suffix = path.suffix.casefold()
    if suffix in CSV_SUFFIXES:
        return [read_csv(path)]
    if suffix in (".xlsx", ".xlsm"):
        return read_xlsx(path)
    hint = "save it as .xlsx or .csv" if suffix in (".xls", ".ods", ".numbers") else "a .csv or .xlsx file"
    raise ImportFailed(
        problems=[
            Problem(f"cannot read '{path.suffix or '(no extension)'}' files", file=path.name, expected=hint)
        ]
    )


def read_csv(path: Path) -> Sheet:
    text = _decode(path)
    first_line = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    records = list(reader)
    if not records or not any(cell.strip() for cell in records[0]):
        raise ImportFailed(
            problems=[
                Problem(
                    "the file has no header row",
                    file=path.name,
                    line=1,
                    expected="column names in the first row",
                )
            ]
        )
    sheet = Sheet(path.name, path.stem, [h.strip().lstrip("\ufeff") for h in records[0]])
    for number, record in enumerate(records[1:], start=2):
        if any(cell.strip() for cell in record):
            sheet.rows.append((number, [cell.strip() for cell in record]))
    return sheet


def _decode(path: Path) -> str:
    raw = path.read_bytes()
    if b"\x00" in raw[:4096]:
        raise ImportFailed(
            problems=[
                Problem(
                    "the file is binary", file=path.name, expected="a CSV text file (or an .xlsx workbook)"
                )
            ]
        )
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Danish Excel on Windows saves "CSV (semikolonsepareret)" in Windows-1252.
        return raw.decode("cp1252", errors="replace")


def read_xlsx(path: Path) -> list[Sheet]:
    """Every sheet named for a kind, or else the first sheet."""
    _check_unpacked_size(path)
    from openpyxl import load_workbook  # imported here: only XLSX imports pay for it

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise ImportFailed(
            problems=[
                Problem(
                    f"not a readable XLSX workbook ({exc})",
                    file=path.name,
                    expected="a workbook saved by Excel or LibreOffice as .xlsx",
                )
            ]
        ) from None
    try:
        worksheets = [ws for ws in workbook.worksheets if kind_from_name(ws.title)] or workbook.worksheets[:1]
        return [_read_worksheet(path, ws, several=len(workbook.worksheets) > 1) for ws in worksheets]
    finally:
        workbook.close()


def _read_worksheet(path: Path, worksheet: object, *, several: bool) -> Sheet:
    title = worksheet.title  # type: ignore[attr-defined]
    location = f"{path.name}, sheet '{title}'" if several else path.name
    rows = worksheet.iter_rows()  # type: ignore[attr-defined]
    header_cells = next(rows, None)
    header = [_cell_value(c) for c in header_cells] if header_cells else []
    if not any(isinstance(h, str) and h.strip() for h in header):
        raise ImportFailed(
            problems=[
                Problem(
                    "the sheet has no header row",
                    file=location,
                    line=1,
                    expected="column names in the first row",
                )
            ]
        )
    sheet = Sheet(location, title if several else path.stem, [str(h or "").strip() for h in header])
    for number, cells in enumerate(rows, start=2):
        values = [_cell_value(c) for c in cells]
        if any(v not in (None, "") and not (isinstance(v, str) and not v.strip()) for v in values):
            sheet.rows.append((number, ["" if v is None else v for v in values]))
    return sheet


def _cell_value(cell: object) -> Cell | None:
    value = getattr(cell, "value", None)
    if isinstance(value, str):
        return value.strip()
    number_format = getattr(cell, "number_format", "") or ""
    if isinstance(value, int | float) and not isinstance(value, bool) and "%" in number_format:
        return f"{value * 100:g} %"
    if isinstance(value, dt.time):
        return value.isoformat()
    return value


def _check_unpacked_size(path: Path) -> None:
    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile:
        raise ImportFailed(
            problems=[
                Problem(
                    "not an XLSX workbook (not a zip archive)",
                    file=path.name,
                    expected="a workbook saved as .xlsx",
                )
            ]
        ) from None
    if unpacked > MAX_UNPACKED_BYTES:
        raise ImportFailed(
            problems=[
                Problem(
                    f"the workbook unpacks to {unpacked:,} bytes, over the {MAX_UNPACKED_BYTES:,}-byte limit",
                    file=path.name,
                    expected="a smaller workbook, or CSV files",
                )
            ]
        )
