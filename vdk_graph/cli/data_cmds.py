"""Commands that put data into the store: build, import."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from vdk_graph.build import build as build_store
from vdk_graph.cli.output import echo_problems, progress_bar
from vdk_graph.importers.base import ImportContext, Importer, ImportReport, run_import
from vdk_graph.importers.pure import PureImporter
from vdk_graph.importers.rdf import FORMATS, RdfImporter


@click.command()
@click.option("--if-empty", is_flag=True, help="Do nothing when the store already holds data (what 'make run' uses).")
@click.option("--clean", is_flag=True, help="Also remove named graphs that do not come from data/.")
@click.pass_obj
def build(state, if_empty: bool, clean: bool) -> None:  # type: ignore[no-untyped-def]
    """Build the store from the curated sources in data/ (data/manifest.toml).

    \b
    Example:
      vdk-graph --store ./var/store build
    """
    report = build_store(
        state.store, state.settings, if_empty=if_empty, clean=clean,
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
    """


def _source_options(command):  # type: ignore[no-untyped-def]
    command = click.option("--dry-run", is_flag=True, help="Check and show what would change; write nothing.")(command)
    command = click.option("--source-url", help="Public URL the file was copied from (recorded as provenance).")(
        command
    )
    command = click.option(
        "--retrieved", type=click.DateTime(formats=["%Y-%m-%d"]), help="Date the source was read (YYYY-MM-DD)."
    )(command)
    return command


def _run(state, importer: Importer, files: tuple[Path, ...], dry_run: bool, source_url: str | None,  # type: ignore[no-untyped-def]
         retrieved: dt.datetime | None) -> None:
    if source_url and len(files) > 1:
        raise click.UsageError("--source-url names the source of one file; import the files one at a time")
    context = ImportContext.for_store(
        state.store, state.settings, source_url=source_url, retrieved=retrieved.date() if retrieved else None
    )
    with progress_bar(len(files), "importing") as advance:
        report: ImportReport = run_import(state.store, importer, files, context, dry_run=dry_run, progress=advance)
    echo_problems(report.warnings)
    if dry_run:
        for change in report.changes:
            click.echo(f"  {'replace' if change.existed else 'new'} <{change.graph}>: "
                       f"+{change.added} -{change.removed} triples")
    click.echo(report.summary())


@import_group.command(name="pure")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@_source_options
@click.pass_obj
def import_pure(state, files, dry_run, source_url, retrieved) -> None:  # type: ignore[no-untyped-def]
    """Import project pages copied from a Pure research portal (UC Viden, VBN, Pure AU ...).

    \b
    Example:
      vdk-graph import pure --source-url https://www.ucviden.dk/en/projects/… page.txt
    """
    _run(state, PureImporter(), files, dry_run, source_url, retrieved)


@import_group.command(name="rdf")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--format", "rdf_format", type=click.Choice(sorted(FORMATS)), help="Format (default: from extension).")
@_source_options
@click.pass_obj
def import_rdf(state, files, rdf_format, dry_run, source_url, retrieved) -> None:  # type: ignore[no-untyped-def]
    """Import RDF files: Turtle, N-Triples, N-Quads, TriG, JSON-LD, RDF/XML.

    \b
    Example:
      vdk-graph import rdf members.ttl more.jsonld
    """
    _run(state, RdfImporter(rdf_format), files, dry_run, source_url, retrieved)


COMMANDS = [build, import_group]
