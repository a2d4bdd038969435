"""Spreadsheet files → sheets of rows: CSV (comma, semicolon or tab; UTF-8 or Windows-1252) and XLSX.

Only reading lives here, so that what a row *means* (:mod:`~vdk_graph.importers.table`)
does not care whether Excel or a text editor wrote it. Row numbers are the
spreadsheet's (the header is row 1; a CSV cell holding a line break is still
one row), which is what a curator sees when they open the file to fix it.
XLSX cells keep the types Excel gave them (dates, numbers, booleans); a cell
formatted as a percentage is read as the percentage it shows (0.4 → 40).

An XLSX is a zip of XML, so a file well under the import's size limit can
unpack to gigabytes ("zip bombs": a megabyte of formatted blank rows unpacked
to 448 MB and took 1.7 GB and minutes to read). Before openpyxl parses
anything, the zip's directory is checked (total unpacked size, how tightly
each large member is packed), then the shared strings are counted as openpyxl
would read them, stopping at the limit; the sheets are streamed once
(openpyxl's read-only mode, declared dimensions ignored) and reading stops at
the row and cell limits. Each refusal names the file, the limit and what to do.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from vdk_graph.errors import ImportFailed, Problem
from vdk_graph.importers.table.schema import kind_from_name
from vdk_graph.importers.table.values import Cell

#: An XLSX is a zip of XML; refuse one that unpacks to more than this in all (a "zip bomb") ...
MAX_UNPACKED_BYTES = 200_000_000
#: ... or with a member (of at least RATIO_CHECKED_BYTES) packed tighter than this. Sheets of real data
#: pack 5-20 times (100,000 rows written by openpyxl: 15); a sheet of formatted blank rows 400 times.
MAX_PACKING_RATIO = 100
RATIO_CHECKED_BYTES = 5_000_000
#: Rows (blank ones too), cells and shared strings of one workbook: far beyond any curated list, far
#: below what takes minutes to read. Bigger bulk loads go in as CSV, which is limited only by its size.
MAX_ROWS = 100_000
MAX_CELLS = 2_000_000
MAX_SHARED_STRINGS = 500_000
CSV_SUFFIXES = (".csv", ".tsv", ".txt")
_WHAT_TO_DO = (
    "a smaller workbook: split it, delete the blank rows and columns around the data, or save it as CSV"
)
#: What openpyxl and zipfile raise on a damaged workbook (a truncated zip, bad XML, a corrupt stream).
_UNREADABLE = (
    zipfile.BadZipFile, LookupError, OSError, ValueError, TypeError, SyntaxError, EOFError, zlib.error,
)


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
    """Every sheet named for a kind, or else the first sheet (see the module docstring for the limits)."""
    _check_archive(path)
    _check_shared_strings(path)
    from openpyxl import load_workbook  # imported here: only XLSX imports pay for it

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except _UNREADABLE as exc:
        raise _unreadable(path, exc) from None
    try:
        worksheets = [ws for ws in workbook.worksheets if kind_from_name(ws.title)] or workbook.worksheets[:1]
        budget = _Budget(path)
        return [_read_worksheet(path, ws, budget, several=len(workbook.worksheets) > 1) for ws in worksheets]
    except _UNREADABLE as exc:
        raise _unreadable(path, exc) from None
    finally:
        workbook.close()


class _Budget:
    """Rows and cells read so far from one workbook; refuses the workbook once past the limits."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.rows = 0
        self.cells = 0

    def spend(self, cells: int) -> None:
        self.rows += 1
        self.cells += cells
        if self.rows > MAX_ROWS:
            raise _refusal(self.path, f"the workbook has more than {MAX_ROWS:,} rows (blank ones count too)")
        if self.cells > MAX_CELLS:
            raise _refusal(
                self.path, f"the workbook has more than {MAX_CELLS:,} cells (blank ones in used rows too)"
            )


def _read_worksheet(path: Path, worksheet: object, budget: _Budget, *, several: bool) -> Sheet:
    title = worksheet.title  # type: ignore[attr-defined]
    location = f"{path.name}, sheet '{title}'" if several else path.name
    # The declared size (<dimension ref="A1:XFD1048576"/>) would make openpyxl pad every row to it.
    worksheet.reset_dimensions()  # type: ignore[attr-defined]
    rows = worksheet.iter_rows()  # type: ignore[attr-defined]
    header_cells = next(rows, None)
    budget.spend(len(header_cells or ()))
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
        budget.spend(len(cells))
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


def _check_archive(path: Path) -> None:
    """Refuse a workbook whose zip directory promises too much, before anything is unpacked."""
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError):
        raise ImportFailed(
            problems=[
                Problem(
                    "not an XLSX workbook (not a zip archive)",
                    file=path.name,
                    expected="a workbook saved as .xlsx",
                )
            ]
        ) from None
    unpacked = sum(info.file_size for info in members)
    if unpacked > MAX_UNPACKED_BYTES:
        raise _refusal(
            path, f"the workbook unpacks to {unpacked:,} bytes, over the {MAX_UNPACKED_BYTES:,}-byte limit"
        )
    for info in members:
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size >= RATIO_CHECKED_BYTES and ratio > MAX_PACKING_RATIO:
            raise _refusal(
                path,
                f"its member {info.filename} unpacks to {info.file_size:,} bytes from {info.compress_size:,} "
                f"({ratio:,.0f} times), over the limit of {MAX_PACKING_RATIO} times: a zip bomb, or a sheet "
                "of formatted blank rows",
            )


def _check_shared_strings(path: Path) -> None:
    """Count the shared strings as openpyxl reads them (its manifest and XML parser), up to the limit."""
    from openpyxl.reader.excel import ExcelReader
    from openpyxl.xml.constants import SHARED_STRINGS, SHEET_MAIN_NS
    from openpyxl.xml.functions import iterparse

    tag = f"{{{SHEET_MAIN_NS}}}si"
    try:
        reader = ExcelReader(path, read_only=True)
        try:
            reader.read_manifest()
            part = reader.package.find(SHARED_STRINGS)
            if part is None:
                return
            count = 0
            with reader.archive.open(part.PartName[1:]) as source:
                for _, node in iterparse(source):
                    if node.tag == tag:
                        count += 1
                        node.clear()
                        if count > MAX_SHARED_STRINGS:
                            raise _refusal(
                                path, f"the workbook has more than {MAX_SHARED_STRINGS:,} shared strings"
                            )
        finally:
            reader.archive.close()
    except _UNREADABLE as exc:
        raise _unreadable(path, exc) from None


def _unreadable(path: Path, exc: BaseException) -> ImportFailed:
    return ImportFailed(
        problems=[
            Problem(
                f"not a readable XLSX workbook ({exc or type(exc).__name__})",
                file=path.name,
                expected="a workbook saved by Excel or LibreOffice as .xlsx",
            )
        ]
    )


def _refusal(path: Path, why: str) -> ImportFailed:
    return ImportFailed(
        problems=[Problem(f"{why}; it was not read", file=path.name, expected=_WHAT_TO_DO)],
        summary="the workbook is refused before reading it; nothing was written to the store",
    )
