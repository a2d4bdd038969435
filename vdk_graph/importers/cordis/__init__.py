"""CORDIS projects and their participants → one named graph per project.

``vdk-graph import cordis project.csv organization.csv`` (or the zip CORDIS publishes, or
its XLSX or JSON tables) maps each project row to a vdk:Project (title, acronym, objective,
dates, the framework programme as a vdk:FundingProgramme, the EU's maximum contribution as a
vdk:Budget the European Union provides), and each organization row to a participant: the
organisation (resolved against the store and data/aliases.csv, so CORDIS's upper-case legal
name finds the node other sources made), its kind from CORDIS's activity type, its city and
country, its role (coordinator → lead partner, participant/partner → project partner,
associatedPartner → associated partner, thirdParty → role not stated) through the one
participation writer, and its EU contribution as a vdk:Grant from the European Union with
the project's period. The grants of a project add up to what CORDIS says each partner gets;
the budget is the ceiling, so sums of grants never count the same euro twice.

Each project's graph is derived from the URL given with ``--source-url`` (the dataset), else
from the project's CORDIS page (``https://cordis.europa.eu/project/id/<id>``). Both tables of a
project may come in one import (or one zip); an organization table alone needs its projects in
the store already (found by acronym or title).

Modules: this one (the importer: read every table, then plan one graph per project),
:mod:`.read` (CORDIS's project and organisation tables as CSV, XLSX or JSON),
:mod:`.mapping` (one project and its participants as triples), :mod:`.codes`
(CORDIS's programme, role, activity-type and country codes) and :mod:`.names`
(CORDIS's capitals made readable).
"""

from __future__ import annotations

from pathlib import Path

from vdk_graph.errors import ImportFailed, Problem
from vdk_graph.importers.base import ImportContext, PlannedGraph
from vdk_graph.importers.cordis.mapping import CordisMapping
from vdk_graph.importers.cordis.names import city_name, readable
from vdk_graph.importers.cordis.read import CordisTable, read_tables

__all__ = ["CordisImporter", "CordisMapping", "city_name", "readable"]


class CordisImporter:
    """``vdk-graph import cordis FILE…``: CORDIS's project and organization tables (CSV, XLSX, JSON, zip)."""

    name = "cordis"

    def __init__(self) -> None:
        self._projects: dict[str, tuple[str, int, dict[str, str]]] = {}
        self._participants: dict[str, list[tuple[str, int, dict[str, str]]]] = {}
        self._read: dict[Path, list[CordisTable]] = {}

    def prepare(self, paths: list[Path], context: ImportContext) -> None:
        """Read every table first: a project's rows may be in one file and its participants in another."""
        self._projects.clear()
        self._participants.clear()
        self._read.clear()
        for path in paths:
            try:
                tables = read_tables(path)
            except ImportFailed:
                continue  # plan() reports it
            self._read[path] = tables
            for table in tables:
                for number, row in table.rows:
                    key = (row.get("projectID") if table.kind == "organization" else row.get("id")) or ""
                    if table.kind == "project":
                        self._projects.setdefault(key.strip(), (table.location, number, row))
                    else:
                        self._participants.setdefault(key.strip(), []).append((table.location, number, row))

    def plan(self, path: Path, context: ImportContext) -> list[PlannedGraph]:
        tables = self._read.get(path) or read_tables(path)
        if path not in self._read:  # planned without prepare (a caller outside run_import)
            self.prepare([path], context)
        plans: list[PlannedGraph] = []
        problems: list[Problem] = []
        for table in tables:
            if table.kind == "project":
                for number, row in table.rows:
                    project_id = row.get("id", "").strip()
                    mapping = CordisMapping(context, table.location, self.name)
                    plan = mapping.project_graph(
                        project_id, (table.location, number, row), self._participants.get(project_id, [])
                    )
                    problems.extend(mapping.problems)
                    if plan is not None:
                        plans.append(plan)
            else:
                for project_id in dict.fromkeys(row.get("projectID", "").strip() for _, row in table.rows):
                    if project_id in self._projects:
                        continue  # the project table's plan writes these participants
                    rows = [r for r in self._participants.get(project_id, []) if r[0] == table.location]
                    mapping = CordisMapping(context, table.location, self.name)
                    plan = mapping.participants_only(project_id, rows)
                    problems.extend(mapping.problems)
                    if plan is not None:
                        plans.append(plan)
        if any(p.severity == "error" for p in problems):
            raise ImportFailed(problems=problems)
        for plan in plans:
            plan.problems.extend(p for p in problems if p.severity != "error" and p.file == plan.source)
        if not any(table.rows for table in tables):
            raise ImportFailed(problems=[Problem("the table has no rows", file=path.name)])
        return plans
