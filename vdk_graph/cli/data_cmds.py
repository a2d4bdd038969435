"""Commands that put data into the store: build, import.

The importers are imported by the command that runs them, not when the command line starts.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from vdk_graph.cli.options import LazyChoice
from vdk_graph.cli.output import aggregates_after_change, echo_problems

if TYPE_CHECKING:
    from vdk_graph.importers.base import Importer


def _rdf_formats() -> list[str]:
    from vdk_graph.importers.rdf import FORMATS

    return sorted(FORMATS)


def _table_kinds() -> list[str]:
    from vdk_graph.importers.table.schema import KINDS

    return list(KINDS)


@click.command()
@click.option(
    "--if-empty", is_flag=True, help="Do nothing when the store already holds data (what 'make run' uses)."
)
@click.option("--clean", is_flag=True, help="Also remove named graphs that do not come from data/.")
@click.pass_obj
def build(state, if_empty: bool, clean: bool) -> None:
    """Build the store from the curated sources in data/ (data/manifest.toml).

    \b
    Example:
      vdk-graph --store ./var/store build
    """
    from vdk_graph.curation.build import build as build_store

    report = build_store(
        state.open(create=True), state.settings, if_empty=if_empty, clean=clean,
        progress=lambda name: click.echo(f"  reading {name}", err=True),
    )
    echo_problems(report.warnings)
    click.echo(report.summary())


@click.group(name="import")
def import_group() -> None:
    """Import sources into their own named graphs (validated first; all or nothing).

    \b
    Examples:
      vdk-graph import pure data/pure/*.txt
      vdk-graph import rdf --format turtle partners.ttl
      vdk-graph import table --dry-run data/tables/organisations.csv
      vdk-graph import cordis project.csv organization.csv
    """


def _source_options(command):
    command = click.option(
        "--dry-run", is_flag=True, help="Check and show what would change; write nothing."
    )(command)
    command = click.option(
        "--source-url", help="Public URL the file was copied from (recorded as provenance)."
    )(command)
    command = click.option(
        "--retrieved", type=click.DateTime(formats=["%Y-%m-%d"]),
        help="Date the source was read (YYYY-MM-DD).",
    )(command)
    command = click.option(
        "--replace", is_flag=True,
        help="Replace the graphs of another source that has the same file name (by default the import "
        "goes beside them, under a name of its own; the summary says so either way).",
    )(command)
    command = click.option(
        "--no-shacl", "trusted", is_flag=True,
        help="Trusted bulk load: skip the SHACL shapes and the 50 MB limit (cell, syntax and safety checks "
        "still run).",
    )(command)
    return command


def _run(state, importer: Importer, files: tuple[Path, ...], dry_run: bool, source_url: str | None,
         retrieved: dt.datetime | None, trusted: bool = False, replace: bool = False,
         one_source: bool = True) -> None:
    from vdk_graph.importers.base import ImportContext, ImportReport, run_import

    if source_url and len(files) > 1 and one_source:
        raise click.UsageError("--source-url names the source of one file; import the files one at a time")
    store = state.open(create=True)
    context = ImportContext.for_store(
        store, state.settings, source_url=source_url, retrieved=retrieved.date() if retrieved else None,
        trusted=trusted, replace=replace,
    )
    progress = _StageProgress()
    try:
        report: ImportReport = run_import(store, importer, files, context, dry_run=dry_run, progress=progress)
    finally:
        progress.close()
    echo_problems(report.warnings)
    if dry_run:
        stale = set(report.removed_graphs)
        for change in report.changes:
            verb = "remove" if change.graph in stale else "replace" if change.existed else "new"
            click.echo(f"  {verb} <{change.graph}>: +{change.added} -{change.removed} triples")
    click.echo(report.summary())
    if not dry_run:
        aggregates_after_change(state)


class _StageProgress:
    """A progress bar per stage of a long import (reading, checking) on a terminal; else nothing."""

    def __init__(self) -> None:
        self.stage = ""
        self.bar: Any = None
        self.position = 0

    def __call__(self, stage: str, item: str, done: int, total: int) -> None:
        if total <= 1 or not sys.stderr.isatty():
            return
        if stage != self.stage:
            self.close()
            self.stage, self.position = stage, 0
            self.bar = click.progressbar(length=total, label=f"{stage:<8}", file=sys.stderr, show_pos=True,
                                         item_show_func=lambda _: None)
            self.bar.__enter__()
        self.bar.update(done - self.position, item)
        self.position = done

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None


@import_group.command(name="pure")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@_source_options
@click.pass_obj
def import_pure(state, files, dry_run, source_url, retrieved, replace, trusted) -> None:
    """Import project pages copied from a Pure research portal (UC Viden, VBN, Pure AU ...).

    \b
    Example:
      vdk-graph import pure --source-url https://www.ucviden.dk/en/projects/… page.txt
    """
    from vdk_graph.importers.pure import PureImporter

    _run(state, PureImporter(), files, dry_run, source_url, retrieved, trusted, replace)


@import_group.command(name="rdf")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--format", "rdf_format", type=LazyChoice(_rdf_formats), help="Format (default: from extension)."
)
@_source_options
@click.pass_obj
def import_rdf(state, files, rdf_format, dry_run, source_url, retrieved, replace, trusted) -> None:
    """Import RDF files: Turtle, N-Triples, N-Quads, TriG, JSON-LD, RDF/XML.

    \b
    Example:
      vdk-graph import rdf members.ttl more.jsonld
      vdk-graph import rdf --no-shacl big-export.nt     # trusted bulk load
    """
    from vdk_graph.importers.rdf import RdfImporter

    _run(state, RdfImporter(rdf_format), files, dry_run, source_url, retrieved, trusted, replace)


@import_group.command(name="table")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--kind", type=LazyChoice(_table_kinds),
              help="What the rows are (default: from the file or sheet name, else from the header).")
@_source_options
@click.pass_obj
def import_table(state, files, kind, dry_run, source_url, retrieved, replace, trusted) -> None:
    """Import spreadsheets (CSV or XLSX) of organisations, people, projects, participations,
    grants, investments or memberships; columns as in docs/tables.md.

    Every row cites its source (a source_url column, or --source-url for the whole file); the
    rows citing one source become one named graph. Every bad cell is reported with its row
    and column, and then nothing is written.

    \b
    Examples:
      vdk-graph import table data/tables/organisations.csv data/tables/projects.csv
      vdk-graph import table --kind grants --source-url https://… --retrieved 2026-11-29 bevillinger.xlsx
    """
    from vdk_graph.importers.table import TableImporter

    _run(state, TableImporter(kind), files, dry_run, source_url, retrieved, trusted, replace)


@import_group.command(name="cordis")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@_source_options
@click.pass_obj
def import_cordis(state, files, dry_run, source_url, retrieved, trusted, replace) -> None:
    """Import CORDIS open data on Horizon 2020 / Horizon Europe projects: the project and organization
    tables as CORDIS publishes them (CSV with ';', XLSX, JSON, or the zip holding both).

    Each project becomes one named graph with its participants and their roles, countries, EU
    contributions (grants) and dates. Give both tables in one import; an organization table alone
    needs its projects in the store. Without --source-url each project's graph is derived from its
    CORDIS page.

    \b
    Examples:
      vdk-graph import cordis cordis-HORIZONprojects-csv.zip
      vdk-graph import cordis --dry-run project.csv organization.csv
      vdk-graph import cordis --source-url https://data.europa.eu/… project.json organization.json
    """
    from vdk_graph.importers.cordis import CordisImporter

    # The tables of one download share its URL, so several files may name one --source-url.
    _run(state, CordisImporter(), files, dry_run, source_url, retrieved, trusted, replace, one_source=False)


COMMANDS = [build, import_group]
