"""CORDIS open data → rows: the ``project`` and ``organization`` tables as the EU publishes them.

CORDIS (https://cordis.europa.eu, data on data.europa.eu, CC BY 4.0) ships Horizon 2020 and
Horizon Europe as two tables, each as CSV (``;``-separated, fields in double quotes), XLSX
(the first sheet) and JSON (a list of objects with the same keys); the bulk download is a zip
holding ``project.csv`` and ``organization.csv``. Column names follow CORDIS's data dictionary:

* project: ``id;acronym;status;title;startDate;endDate;totalCost;ecMaxContribution;legalBasis;
  topics;ecSignatureDate;frameworkProgramme;masterCall;subCall;fundingScheme;nature;objective;
  contentUpdateDate;rcn;grantDoi`` (Horizon Europe omits ``ecSignatureDate`` in some releases);
* organization: ``projectID;projectAcronym;organisationID;vatNumber;name;shortName;SME;activityType;
  street;postCode;city;country;nutsCode;geolocation;organizationURL;contactForm;contentUpdateDate;
  rcn;order;role;ecContribution;netEcContribution;totalCost;endOfParticipation;active``.

Which table a file holds is told by its header, not its name; columns it does not use are
ignored, and a missing column the importer needs is an error naming it. Numbers come with a
decimal point or (older H2020 releases) a decimal comma.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from vdk_graph.errors import ImportFailed, Problem
from vdk_graph.importers.table.read import MAX_UNPACKED_BYTES

#: The columns the importer needs in each table (the rest of CORDIS's columns are optional).
REQUIRED = {
    "project": ("id", "title"),
    "organization": ("projectID", "name", "role"),
}
#: A column only one table has, which tells the table apart.
_MARKERS = {"project": "ecMaxContribution", "organization": "organisationID"}
DATA_DICTIONARY = "https://cordis.europa.eu/data/cordis-h2020projects.csv (CORDIS data dictionary)"


@dataclass
class CordisTable:
    """One CORDIS table read from a file (or a member of a zip)."""

    kind: str
    #: Where problems say the rows are: "organization.csv" or "cordis.zip, organization.csv".
    location: str
    #: (line number, row) with the header as line 1; JSON objects count from 1.
    rows: list[tuple[int, dict[str, str]]] = field(default_factory=list)


def read_tables(path: Path) -> list[CordisTable]:
    """The CORDIS tables in a file: a CSV, XLSX or JSON table, or a zip of them."""
    suffix = path.suffix.casefold()
    if suffix == ".zip":
        return _read_zip(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ImportFailed(
            problems=[Problem(f"cannot read the file: {exc.strerror}", file=path.name)]
        ) from None
    return [_read_member(path.name, path.name, raw)]


def _read_zip(path: Path) -> list[CordisTable]:
    try:
        archive = zipfile.ZipFile(path)
    except zipfile.BadZipFile:
        raise ImportFailed(problems=[Problem("the file is not a zip archive", file=path.name)]) from None
    with archive:
        members = [m for m in archive.infolist() if not m.is_dir() and _readable(m.filename)]
        if sum(m.file_size for m in members) > MAX_UNPACKED_BYTES:
            raise ImportFailed(problems=[Problem("the archive unpacks to too much data", file=path.name)])
        tables = [
            _read_member(f"{path.name}, {m.filename}", m.filename, archive.read(m))
            for m in members
            if Path(m.filename).stem.casefold() in ("project", "organization", "organisation")
        ]
    if not tables:
        raise ImportFailed(
            problems=[
                Problem(
                    "the archive holds no project or organization table",
                    file=path.name,
                    expected="a CORDIS zip with project.csv and organization.csv",
                )
            ]
        )
    return tables


def _readable(name: str) -> bool:
    return Path(name).suffix.casefold() in (".csv", ".json", ".xlsx")


def _read_member(location: str, name: str, raw: bytes) -> CordisTable:
    suffix = Path(name).suffix.casefold()
    if suffix == ".json":
        records = _json_records(location, raw)
    elif suffix in (".xlsx", ".xlsm"):
        records = _xlsx_records(location, raw)
    elif suffix in (".csv", ".txt"):
        records = _csv_records(location, raw)
    else:
        raise ImportFailed(
            problems=[
                Problem(
                    f"cannot read '{suffix or '(no extension)'}' files",
                    file=location,
                    expected="CORDIS's project or organization table as .csv, .xlsx or .json, or its .zip",
                )
            ]
        )
    if not records:
        raise ImportFailed(problems=[Problem("the table has no header row", file=location, line=1)])
    header = list(records[0][1])  # record 0 is the header
    kind = _kind(location, header)
    table = CordisTable(kind, location, records[1:])
    missing = [c for c in REQUIRED[kind] if c not in header]
    if missing:
        raise ImportFailed(
            problems=[
                Problem(
                    f"the {kind} table has no column {', '.join(repr(m) for m in missing)}",
                    file=location,
                    line=1,
                    expected=f"CORDIS's column names ({DATA_DICTIONARY})",
                )
            ]
        )
    return table


def _kind(location: str, header: list[str]) -> str:
    for kind, marker in _MARKERS.items():
        if marker in header:
            return kind
    if "projectID" in header:
        return "organization"
    if "acronym" in header and "id" in header:
        return "project"
    raise ImportFailed(
        problems=[
            Problem(
                "this is neither CORDIS's project table nor its organization table",
                file=location,
                line=1,
                expected="a header with CORDIS's columns, such as id;acronym;title;startDate (project) or "
                "projectID;name;role;country (organization)",
            )
        ]
    )


def _decode(location: str, raw: bytes) -> str:
    if b"\x00" in raw[:4096]:
        raise ImportFailed(problems=[Problem("the file is binary", file=location, expected="a text table")])
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def _csv_records(location: str, raw: bytes) -> list[tuple[int, dict[str, str]]]:
    """CORDIS CSV: ``;`` between fields, double quotes around them; the header line is record 0."""
    text = _decode(location, raw)
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") >= first.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header: list[str] | None = None
    records: list[tuple[int, dict[str, str]]] = []
    for record in reader:
        if header is None:
            header = [h.strip().lstrip("\ufeff") for h in record]
            records.append((0, dict.fromkeys(header, "")))
            continue
        if not any(cell.strip() for cell in record):
            continue
        # The reader's line number is where the record ends; a quoted objective may span lines.
        records.append(
            (
                reader.line_num,
                {h: (record[i].strip() if i < len(record) else "") for i, h in enumerate(header)},
            )
        )
    return records


def _json_records(location: str, raw: bytes) -> list[tuple[int, dict[str, str]]]:
    try:
        data = json.loads(_decode(location, raw))
    except json.JSONDecodeError as exc:
        raise ImportFailed(
            problems=[Problem(f"not valid JSON: {exc.msg}", file=location, line=exc.lineno)]
        ) from None
    if isinstance(data, dict):  # some exports wrap the list: {"project": [...]}
        lists = [v for v in data.values() if isinstance(v, list)]
        data = lists[0] if len(lists) == 1 else data
    if not isinstance(data, list) or not all(isinstance(item, dict) for item in data):
        raise ImportFailed(
            problems=[
                Problem(
                    "the JSON is not a list of records",
                    file=location,
                    expected='[{"id": ..., "title": ...}, ...]',
                )
            ]
        )
    keys: list[str] = []
    for item in data:
        keys.extend(k for k in item if k not in keys)
    records: list[tuple[int, dict[str, str]]] = [(0, dict.fromkeys(keys, ""))]
    for number, item in enumerate(data, 1):
        records.append((number, {k: _text(item.get(k)) for k in keys}))
    return records


def _xlsx_records(location: str, raw: bytes) -> list[tuple[int, dict[str, str]]]:
    from openpyxl import load_workbook  # imported here: only XLSX imports pay for it

    try:
        book = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds; all mean "not a workbook"
        raise ImportFailed(
            problems=[Problem(f"not a readable workbook ({type(exc).__name__})", file=location)]
        ) from None
    sheet = book.worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    book.close()
    if not rows:
        return []
    header = [_text(h) for h in rows[0]]
    records: list[tuple[int, dict[str, str]]] = [(0, dict.fromkeys(header, ""))]
    for number, row in enumerate(rows[1:], start=2):
        if any(cell not in (None, "") for cell in row):
            records.append((number, {h: _text(row[i]) if i < len(row) else "" for i, h in enumerate(header)}))
    return records


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if hasattr(value, "isoformat"):
        return value.isoformat()[:10]  # an Excel date cell
    return str(value).strip()
