"""XLSX bombs: small on disk, huge unpacked. Each is refused fast, with the file, the limit and what to do,
and the store keeps what it held. The bombs are built here, streamed into the zip, never held in memory."""

from __future__ import annotations

import re
import time
import zipfile
from collections.abc import Iterable
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import Workbook

from tests.store_fixtures import dump
from tests.table_fixtures import SRC, TableEnv
from vdk_graph.cli import main
from vdk_graph.errors import ImportFailed
from vdk_graph.importers.table import read as table_read

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
HEADER_ROW = (
    b'<row r="1"><c r="A1" t="inlineStr"><is><t>name</t></is></c><c r="B1" t="inlineStr"><is><t>kind</t></is>'
    b'</c><c r="C1" t="inlineStr"><is><t>source_url</t></is></c></row>'
)
STRINGS_TYPE = (
    b'<Override PartName="/xl/sharedStrings.xml" '
    b'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>'
)
#: CPU seconds a refusal may take (reading these took minutes before the limits). CPU time of this
#: process, not wall time: on a shared machine under load the wall clock says more about the neighbours.
FAST = 20


def workbook(
    path: Path, rows: Iterable[bytes], strings: Iterable[bytes] | None = None, *, level: int = 6
) -> Path:
    """An .xlsx whose sheet is the header row plus ``rows`` (and shared strings ``strings``), streamed in."""
    base = path.with_suffix(".base.xlsx")
    book = Workbook()
    book.active.title = "organisations"
    book.save(base)
    packed = zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=level)
    with zipfile.ZipFile(base) as source, packed as out:
        for info in source.infolist():
            if info.filename == "xl/worksheets/sheet1.xml":
                with out.open(info.filename, "w", force_zip64=True) as sheet:
                    sheet.write(f'<worksheet xmlns="{MAIN}"><dimension ref="A1:C2"/><sheetData>'.encode())
                    sheet.write(HEADER_ROW)
                    for chunk in rows:
                        sheet.write(chunk)
                    sheet.write(b"</sheetData></worksheet>")
            elif info.filename == "[Content_Types].xml" and strings is not None:
                out.writestr(info, source.read(info.filename).replace(b"</Types>", STRINGS_TYPE))
            else:
                out.writestr(info, source.read(info.filename))
        if strings is not None:
            with out.open("xl/sharedStrings.xml", "w", force_zip64=True) as table:
                table.write(f'<sst xmlns="{MAIN}">'.encode())
                for chunk in strings:
                    table.write(chunk)
                table.write(b"</sst>")
    base.unlink()
    return path


def repeat(piece: bytes, total: int) -> Iterable[bytes]:
    chunk = piece * (1_000_000 // len(piece))
    for _ in range(total // len(chunk) + 1):
        yield chunk


def refused(env: TableEnv, path: Path) -> str:
    """The one error of importing ``path``, after checking that it came fast and the store is unchanged."""
    before = dump(env.store)
    started = time.process_time()
    with pytest.raises(ImportFailed) as failure:
        env.load(path)
    elapsed = time.process_time() - started
    assert elapsed < FAST, f"took {elapsed:.1f} s of CPU"
    assert dump(env.store) == before
    [problem] = failure.value.problems
    assert problem.file == path.name and "it was not read" in problem.message
    assert "save it as CSV" in (problem.expected or "")
    return problem.message


@pytest.fixture
def env(table_env: TableEnv) -> TableEnv:
    """A store that already holds a spreadsheet's graph, which no refused import may touch."""
    path = table_env.csv("organisations.csv", ["name", "kind", "source_url"], ["Studio A", "company", SRC])
    table_env.load(path)
    return table_env


def test_a_megabyte_of_blank_rows_that_unpacks_to_448_mb_is_refused_from_the_zip_directory(
    env: TableEnv, tmp_path: Path
) -> None:
    blank = b'<row s="1" customFormat="1"><c s="1"/><c s="1"/><c s="1"/></row>'
    path = workbook(tmp_path / "bomb.xlsx", repeat(blank, 448_000_000), level=9)
    assert path.stat().st_size < 2_000_000
    message = refused(env, path)
    assert re.search(r"unpacks to 44\d,\d{3},\d{3} bytes", message)
    assert f"over the {table_read.MAX_UNPACKED_BYTES:,}-byte limit" in message


def test_blank_rows_under_the_size_limit_are_refused_by_how_tightly_they_are_packed(
    env: TableEnv, tmp_path: Path
) -> None:
    blank = b'<row s="1" customFormat="1"><c s="1"/><c s="1"/><c s="1"/></row>'
    path = workbook(tmp_path / "blank.xlsx", repeat(blank, 150_000_000), level=9)
    message = refused(env, path)
    assert re.search(r"member xl/worksheets/sheet1.xml unpacks to 15\d,\d{3},\d{3} bytes from", message)
    assert f"over the limit of {table_read.MAX_PACKING_RATIO} times" in message


def test_shared_strings_are_counted_before_openpyxl_loads_them(env: TableEnv, tmp_path: Path) -> None:
    # Distinct strings pack loosely (no ratio refusal): only counting them stops this one.
    strings = (b"".join(b"<si><t>s%d</t></si>" % n for n in range(start, start + 10_000))
               for start in range(0, table_read.MAX_SHARED_STRINGS + 20_000, 10_000))
    path = workbook(tmp_path / "strings.xlsx", [], strings)
    message = refused(env, path)
    assert f"more than {table_read.MAX_SHARED_STRINGS:,} shared strings" in message


def test_a_shared_strings_bomb_is_refused_from_the_zip_directory(env: TableEnv, tmp_path: Path) -> None:
    path = workbook(tmp_path / "sst.xlsx", [], repeat(b"<si><t></t></si>", 300_000_000), level=9)
    assert re.search(r"the workbook unpacks to 30\d,\d{3},\d{3} bytes", refused(env, path))


def test_rows_are_counted_blank_ones_too_and_reading_stops_at_the_limit(
    env: TableEnv, tmp_path: Path
) -> None:
    # Numbered rows pack loosely; one row far down makes openpyxl yield every row above it.
    rows = (b"".join(b'<row r="%d"><c r="A%d"><v>%d</v></c></row>' % (n, n, n) for n in range(s, s + 1000))
            for s in range(2, table_read.MAX_ROWS + 2000, 1000))
    assert f"more than {table_read.MAX_ROWS:,} rows" in refused(env, workbook(tmp_path / "rows.xlsx", rows))
    far = [b'<row r="1048576"><c r="A1048576"><v>1</v></c></row>']
    assert f"more than {table_read.MAX_ROWS:,} rows" in refused(env, workbook(tmp_path / "far.xlsx", far))


def test_cells_are_counted_as_openpyxl_pads_them(env: TableEnv, tmp_path: Path) -> None:
    # One cell in the last column makes a row of 16,384 cells.
    rows = (b'<row r="%d"><c r="XFD%d"><v>1</v></c></row>' % (n, n) for n in range(2, 1000))
    message = refused(env, workbook(tmp_path / "wide.xlsx", rows))
    assert f"more than {table_read.MAX_CELLS:,} cells" in message


def test_a_declared_size_of_the_whole_sheet_does_not_pad_a_small_table(env: TableEnv, tmp_path: Path) -> None:
    path = tmp_path / "organisations-book.xlsx"
    rows = [b'<row r="2"><c r="A2" t="inlineStr"><is><t>Studio B</t></is></c><c r="B2" t="inlineStr"><is><t>'
            b'company</t></is></c><c r="C2" t="inlineStr"><is><t>' + SRC.encode() + b"</t></is></c></row>"]
    workbook(path, rows)
    with zipfile.ZipFile(path) as book:
        members = {i.filename: book.read(i.filename) for i in book.infolist()}
    members["xl/worksheets/sheet1.xml"] = members["xl/worksheets/sheet1.xml"].replace(
        b'ref="A1:C2"', b'ref="A1:XFD1048576"'
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as book:
        for name, data in members.items():
            book.writestr(name, data)
    report = env.load(path)
    assert report.added > 0 and env.select('SELECT ?o WHERE { ?o rdfs:label "Studio B" }')


def test_a_damaged_workbook_is_one_line_on_the_command_line(tmp_path: Path) -> None:
    rows = [b'<row r="2"><c r="A2" s="7"><v>1</v></c></row>']  # a style the workbook does not have
    path = workbook(tmp_path / "organisations.xlsx", rows)
    result = CliRunner().invoke(main, ["--store", "memory:", "import", "table", str(path)])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "organisations.xlsx: not a readable XLSX workbook" in result.output
    truncated = tmp_path / "organisations-cut.xlsx"
    truncated.write_bytes(path.read_bytes()[:-200])
    result = CliRunner().invoke(main, ["--store", "memory:", "import", "table", str(truncated)])
    assert result.exit_code == 1 and "organisations-cut.xlsx: not an XLSX workbook" in result.output


def test_each_workbook_is_parsed_once_per_import(
    env: TableEnv, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The importer reads every file before planning any (for names defined across files): one parse each."""
    calls: list[Path] = []
    real = table_read.read_xlsx

    def counting(path: Path) -> list[table_read.Sheet]:
        calls.append(path)
        return real(path)

    monkeypatch.setattr(table_read, "read_xlsx", counting)
    rows = [b'<row r="2"><c r="A2" t="inlineStr"><is><t>Studio C</t></is></c><c r="B2" t="inlineStr"><is><t>'
            b'company</t></is></c><c r="C2" t="inlineStr"><is><t>' + SRC.encode() + b"</t></is></c></row>"]
    path = workbook(tmp_path / "organisations-book.xlsx", rows)
    env.load(path)
    env.load(path)
    assert calls == [path, path]


def test_the_documented_limits_are_the_limits() -> None:
    docs = (Path(__file__).resolve().parents[2] / "docs" / "tables.md").read_text(encoding="utf-8")
    section = docs.split("## Limits of a workbook", 1)[1].split("\n## ", 1)[0]
    for limit in (table_read.MAX_UNPACKED_BYTES, table_read.MAX_ROWS, table_read.MAX_CELLS,
                  table_read.MAX_SHARED_STRINGS):
        assert f"{limit:,}" in section, limit
    assert f"{table_read.MAX_PACKING_RATIO} times" in section
    assert f"{table_read.RATIO_CHECKED_BYTES // 1_000_000} MB" in section
