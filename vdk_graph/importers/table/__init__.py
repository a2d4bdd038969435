"""Spreadsheets (CSV, XLSX) → one named graph per cited source: ``vdk-graph import table FILE…``.

Curators keep lists in spreadsheets: organisations, people, projects,
participations, grants, investments, memberships, one fact per row, each row
citing the public page it comes from. The importer reads every row of every
sheet, checks every cell against the column schema
(:mod:`~vdk_graph.importers.table.schema`, documented in ``docs/tables.md``)
and reports *every* bad cell with its row and column before anything is
planned; then it resolves names to nodes and writes the rows of one file that
cite one source into one graph, ``{base}graph/table/<file>/<source>``, with
that source's provenance. All graphs of a file share the prefix
``{base}graph/table/<file>/`` (the plan's family), so re-importing the file
also removes the graphs of sources it no longer cites.

Modules: this one (the importer), :mod:`.read` (CSV and XLSX rows, safely),
:mod:`.schema` (the columns each kind of sheet takes), :mod:`.mapping` (rows into triples),
:mod:`.nodes` (names resolved to nodes, restated in each graph), :mod:`.values` (one cell's
value checked and typed, gathering :mod:`.cells`, :mod:`.quantities` and :mod:`.words`),
:mod:`.rules` (checks across rows).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from pathlib import Path

from rdflib import URIRef

from vdk_graph.errors import ImportFailed, Problem
from vdk_graph.importers.base import ImportContext, PlannedGraph, new_graph
from vdk_graph.importers.provenance import SourceInfo, describe_source
from vdk_graph.importers.table import values as v
from vdk_graph.importers.table.mapping import TableMapping
from vdk_graph.importers.table.read import Sheet, read_sheets
from vdk_graph.importers.table.rules import Row, check_row
from vdk_graph.importers.table.schema import (
    KINDS,
    column_key,
    columns,
    kind_from_header,
    kind_from_name,
    unknown_column_hint,
)
from vdk_graph.names import slug


class TableImporter:
    """``vdk-graph import table FILE…``"""

    name = "table"

    def __init__(self, kind: str | None = None) -> None:
        if kind is not None and kind not in KINDS:
            raise ImportFailed(
                problems=[Problem(f"unknown kind {kind!r}", field="--kind", expected=", ".join(KINDS))]
            )
        self.kind = kind
        #: Sheets read by :meth:`prepare`, kept for :meth:`plan`: each file is parsed once per import.
        self._sheets: dict[tuple[Path, int, int], list[Sheet]] = {}

    def prepare(self, paths: list[Path], context: ImportContext) -> None:
        """Learn the organisations, people and projects every file defines (their problems come in plan)."""
        self._sheets.clear()
        mapping = TableMapping(context)
        for path in paths:
            try:
                rows, _ = self.read(path, context, keep=True)
            except ImportFailed:
                continue
            mapping.learn([row for row in rows if not row.failed])

    def plan(self, path: Path, context: ImportContext) -> list[PlannedGraph]:
        rows, problems = self.read(path, context)
        if not rows and not any(p.severity == "error" for p in problems):
            problems.append(
                Problem(
                    "the file has no rows",
                    file=path.name,
                    expected="at least one row under the header (to drop the file's sources, "
                    "use 'vdk-graph remove-source')",
                )
            )
        if any(p.severity == "error" for p in problems):
            raise ImportFailed(problems=problems)
        mapping = TableMapping(context)
        mapping.learn(rows)
        minter = context.minter
        plans: list[PlannedGraph] = []
        identity = context.identity(path, self.name)
        family = context.placement.family(f"{minter.graph('table', path.stem)}/", identity)
        for url, group in _by_source(rows).items():
            graph_iri = URIRef(f"{family}{source_slug(url)}")
            data = new_graph()
            days = [r.retrieved for r in group if r.retrieved] or (
                [context.retrieved] if context.retrieved else []
            )
            kinds = sorted({r.kind for r in group}, key=list(KINDS).index)
            describe_source(
                data,
                minter,
                SourceInfo(
                    graph=graph_iri,
                    label=f"Spreadsheet {path.name} ({', '.join(kinds)}): rows citing {url}",
                    importer=self.name,
                    url=url,
                    file_name=path.name,
                    source_file=identity.file,
                    retrieved=max(days) if days else None,
                ),
                context.now,
            )
            for row in group:
                mapping.add(data, row)
            warnings = [p for row in group for p in row.problems]
            # File-wide warnings travel with the file's first graph, so each is reported once.
            plans.append(PlannedGraph(graph_iri, data, path.name, [*problems, *warnings], family))
            problems = []
        return plans

    def read(
        self, path: Path, context: ImportContext, *, keep: bool = False
    ) -> tuple[list[Row], list[Problem]]:
        """Every row of every sheet, read and checked; the problems of all of them.

        ``keep``: keep the parsed sheets for the next read of the same (unchanged) file.
        """
        rows: list[Row] = []
        problems: list[Problem] = []
        for sheet in self._read_sheets(path, keep=keep):
            kind = self._kind(sheet, problems)
            if kind is None:
                continue
            usable = _check_header(sheet, kind, context, problems)
            for number, cells in sheet.rows:
                row = _read_row(sheet, kind, usable, number, cells, context)
                errors = [p for p in row.problems if p.severity == "error"]
                problems.extend(errors)
                row.failed = bool(errors)
                row.problems = [p for p in row.problems if p.severity != "error"]
                rows.append(row)
        return rows, problems

    def _read_sheets(self, path: Path, *, keep: bool) -> list[Sheet]:
        stat = path.stat()
        key = (path.resolve(), stat.st_mtime_ns, stat.st_size)
        sheets = self._sheets.get(key) if keep else self._sheets.pop(key, None)
        if sheets is None:
            sheets = read_sheets(path)
            if keep:
                self._sheets[key] = sheets
        return sheets

    def _kind(self, sheet: Sheet, problems: list[Problem]) -> str | None:
        """--kind, else the file or sheet name, else the only kind whose columns fit the header."""
        if self.kind:
            return self.kind
        named = kind_from_name(sheet.name)
        if named:
            return named
        fitting = kind_from_header(sheet.header)
        if len(fitting) == 1:
            return fitting[0]
        problems.append(
            Problem(
                "cannot tell which kind of rows this is"
                + (f" (the header fits {', '.join(fitting)})" if fitting else ""),
                file=sheet.location,
                line=1,
                expected=f"a file or sheet name starting with one of {', '.join(KINDS)}, or --kind",
            )
        )
        return None


def source_slug(url: str) -> str:
    """A short readable slug of a source URL, made unique by a hash of the whole URL."""
    readable = slug(re.sub(r"^[a-z]+://(?:www\.)?", "", url, flags=re.I))[:40].rstrip("-")
    return f"{readable}-{hashlib.sha1(url.encode()).hexdigest()[:6]}"


def _by_source(rows: list[Row]) -> dict[str, list[Row]]:
    grouped: dict[str, list[Row]] = {}
    for row in rows:
        grouped.setdefault(row.source_url, []).append(row)
    return grouped


def _check_header(
    sheet: Sheet, kind: str, context: ImportContext, problems: list[Problem]
) -> list[str | None]:
    """The column of each header cell (None: ignored); reports unknown, repeated and missing columns."""
    known = columns(kind)
    usable: list[str | None] = []
    seen: set[str] = set()
    for header in sheet.header:
        key = column_key(header)
        if not key:
            usable.append(None)
        elif key not in known:
            problems.append(
                Problem(
                    f"unknown column '{header}' for {kind}",
                    file=sheet.location,
                    line=1,
                    field=header,
                    expected=unknown_column_hint(kind, header),
                )
            )
            usable.append(None)
        elif key in seen:
            problems.append(
                Problem(
                    f"the column '{header}' appears twice",
                    file=sheet.location,
                    line=1,
                    field=header,
                    expected="each column once",
                )
            )
            usable.append(None)
        else:
            seen.add(key)
            usable.append(key)
    required = [c.name for c in KINDS[kind] if c.required]
    if not context.source_url:
        required.append("source_url")
    for name in required:
        if name not in seen:
            hint = " (or give --source-url for the whole file)" if name == "source_url" else ""
            problems.append(
                Problem(
                    f"the required column '{name}' is missing{hint}",
                    file=sheet.location,
                    line=1,
                    field=name,
                    expected=f"a '{name}' column",
                )
            )
    return usable


def _read_row(
    sheet: Sheet,
    kind: str,
    usable: list[str | None],
    number: int,
    cells: list[v.Cell],
    context: ImportContext,
) -> Row:
    row = Row(kind, sheet.location, number, {}, context.source_url or "", context.retrieved)
    if len(cells) > len(usable) and any(v.as_text(c) for c in cells[len(usable) :]):
        row.problems.append(
            row.problem(
                f"the row has {len(cells)} cells but the header only {len(usable)}",
                expected="every value under a named column",
            )
        )
    known = columns(kind)
    for name, cell in zip(usable, cells, strict=False):
        if name is None or name == "note" or v.as_text(cell) == "":
            continue
        column = known[name]
        try:
            if column.many:
                row.values[name] = [column.read(part) for part in v.split_list(cell)]
            else:
                row.values[name] = column.read(cell)
        except v.CellError as error:
            row.problems.append(row.problem(error.message, name, error.expected))
    for column in KINDS[kind]:
        if (
            column.required
            and column.name in usable
            and column.name not in row.values
            and not any(p.field == column.name for p in row.problems)
        ):
            row.problems.append(row.problem("the cell is empty", column.name, f"a value for '{column.name}'"))
    row.source_url = row.values.pop("source_url", None) or context.source_url or ""
    if (
        not row.source_url
        and "source_url" in usable
        and not any(p.field == "source_url" for p in row.problems)
    ):
        row.problems.append(
            row.problem(
                "the cell is empty",
                "source_url",
                "the public page the row's facts come from (or --source-url)",
            )
        )
    retrieved = row.values.pop("retrieved", None)
    if retrieved is not None:
        if retrieved.is_day:
            row.retrieved = dt.date(retrieved.year, retrieved.month, retrieved.day)
        else:
            row.problems.append(
                row.problem(f"'{retrieved}' is not a day", "retrieved", "a date like 2026-11-29")
            )
    check_row(row)
    return row
