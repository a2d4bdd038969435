"""``vdk-graph quality``: how complete the graph is and what to fix next (over vdk_graph.curation.quality)."""

from __future__ import annotations

import csv
import io
import json
from typing import TYPE_CHECKING

import click

from vdk_graph.cli.source_cmds import _table
from vdk_graph.results import spreadsheet_cell

if TYPE_CHECKING:
    from vdk_graph.curation.quality import QualityReport

#: Items listed per check (curation.quality.DEFAULT_LIMIT; not imported here so that --help stays fast).
DEFAULT_LIMIT = 200


@click.command()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "csv", "json"]),
    default="table",
    show_default=True,
    help="table: figures and check counts (with --check, its items); csv: one row per item; json: all.",
)
@click.option("--check", "check_key", help="Show the items of one check (its key, as the table lists it).")
@click.option(
    "--limit",
    type=int,
    default=DEFAULT_LIMIT,
    show_default=True,
    help="Items listed per check (counts are always complete).",
)
@click.pass_obj
def quality(state, fmt: str, check_key: str | None, limit: int) -> None:
    """Show the data's coverage as counts, and lists of what falls short.

    Figures: organisations with a kind, a place, links to other organisations, CVR numbers;
    projects with a start and at least two participants; grants with amount and period;
    sources read on a known day. Checks list the organisations, projects, grants and sources
    that fall short, suspected duplicates and statuses the dates contradict. The page
    /data/quality shows the same.

    \b
    Examples:
      vdk-graph quality
      vdk-graph quality --check organisations-without-place
      vdk-graph quality --format csv > to-fix.csv
      vdk-graph quality --format json | jq '.figures[] | select(.key == "organisations-with-place")'
    """
    from vdk_graph.curation.quality import confirmed_different, quality_report

    report = quality_report(state.store, limit=limit, different=confirmed_different(state.settings.data_dir))
    keys = [c.key for c in report.checks]
    if check_key and check_key not in keys:
        raise click.BadParameter(f"no check '{check_key}'; one of {', '.join(keys)}", param_hint="--check")
    if fmt == "json":
        data = report.as_dict()
        if check_key:
            data["checks"] = [c for c in data["checks"] if c["key"] == check_key]
        click.echo(json.dumps(data, indent=2, ensure_ascii=False, default=str))
    elif fmt == "csv":
        click.echo(_csv(report, check_key), nl=False)
    elif check_key:
        check = report.check(check_key)
        rows = [[i.label, i.detail or (i.other_label or ""), i.iri] for i in check.items]
        click.echo(_table(["name", "why", "IRI"], rows))
        shown = f"{len(check.items)} of {check.count}" if len(check.items) < check.count else str(check.count)
        click.echo(f"\n{check.title('en')}: {shown}")
    else:
        rows = [[f.title("en"), str(f.count), str(f.total), f"{100 * f.share:.0f} %"] for f in report.figures]
        click.echo(_table(["figure", "count", "of", "share"], rows))
        click.echo("")
        click.echo(
            _table(["check", "count", "what"], [[c.key, str(c.count), c.title("en")] for c in report.checks])
        )
        click.echo("\n'--check KEY' lists the items of one check; '--format csv' lists them all")


def _csv(report: QualityReport, check_key: str | None) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["check", "iri", "label", "detail", "other", "other_label"])
    # Labels come from the sources: a cell a spreadsheet would run as a formula is quoted.
    for check in report.checks:
        if check_key and check.key != check_key:
            continue
        for item in check.items:
            cells = [check.key, item.iri, item.label, item.detail or "", item.other or "",
                     item.other_label or ""]
            writer.writerow([spreadsheet_cell(c) for c in cells])
    return out.getvalue()


COMMANDS = [quality]
