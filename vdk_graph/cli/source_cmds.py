"""Commands that look after the sources in the store: sources, remove-source, duplicates."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence

import click

from vdk_graph.cli.output import aggregates_after_change
from vdk_graph.results import spreadsheet_cell

#: The lowest similarity ``duplicates`` lists by default (curation.duplicates.MIN_SCORE; a test holds
#: the two equal): written here so the command line need not import the duplicate finder to start.
MIN_SCORE = 85.0


@click.command()
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.pass_obj
def sources(state, fmt: str) -> None:
    """List every named graph: label, importer, source URL, triples and when it was imported.

    \b
    Examples:
      vdk-graph sources
      vdk-graph sources --format json | jq '.[] | select(.importer == "table")'
    """
    from vdk_graph.curation.sources import list_sources

    entries = list_sources(state.store)
    if fmt == "json":
        click.echo(json.dumps([e.as_dict() for e in entries], indent=2, ensure_ascii=False))
        return
    rows = [
        [
            str(e.triples),
            e.importer or "",
            e.imported.strftime("%Y-%m-%d %H:%M") if e.imported else "",
            e.source_url or "",
            e.label or "",
            e.graph,
        ]
        for e in entries
    ]
    click.echo(_table(["triples", "importer", "imported (UTC)", "source", "label", "graph"], rows))
    click.echo(
        f"\n{len(entries)} named graph{'s' if len(entries) != 1 else ''}, "
        f"{sum(e.triples for e in entries)} triples"
    )


@click.command(name="remove-source")
@click.argument("targets", nargs=-1, required=True)
@click.option("--yes", "-y", is_flag=True, help="Do not ask for confirmation.")
@click.option("--force", is_flag=True, help="Also remove the ontology graph if a target names it.")
@click.option("--dry-run", is_flag=True, help="Show what would be removed; remove nothing.")
@click.pass_obj
def remove_source(state, targets: tuple[str, ...], yes: bool, force: bool, dry_run: bool) -> None:
    """Remove sources from the store, in one transaction: by graph IRI, source URL or file name.

    A source URL removes every graph derived from it; a file every graph imported from
    that file (a path, or just its name, when only one imported file has that name).

    \b
    Examples:
      vdk-graph remove-source organisations.csv
      vdk-graph remove-source --yes https://w3id.org/vdk/id/graph/rdf/members
      vdk-graph remove-source https://www.visiondenmark.dk/purpose/?lang=en
    """
    data_dir = state.settings.data_dir
    from vdk_graph.curation.sources import find_sources, remove_sources

    chosen = {e.graph: e for t in targets for e in find_sources(state.store, t, data_dir)}
    for entry in chosen.values():
        click.echo(f"  {entry.triples:>7}  <{entry.graph}>  {entry.label or ''}")
    if not dry_run and not yes:
        click.confirm(f"Remove {len(chosen)} named graph{'s' if len(chosen) != 1 else ''}?", abort=True)
    changes = remove_sources(state.store, list(targets), force=force, dry_run=dry_run, data_dir=data_dir)
    verb = "would remove" if dry_run else "removed"
    click.echo(
        f"{verb} {len(changes)} named graph{'s' if len(changes) != 1 else ''} "
        f"({sum(c.removed for c in changes)} triples)"
    )
    if not dry_run:
        aggregates_after_change(state)


@click.command()
@click.option(
    "--min-score",
    type=click.FloatRange(0, 100),
    default=MIN_SCORE,
    show_default=True,
    help="Lowest similarity (0-100) to list.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "csv", "json"]),
    default="table",
    show_default=True,
    help="csv: rows ready to paste into data/aliases.csv.",
)
@click.option("--limit", type=int, default=None, help="List at most this many candidates.")
@click.pass_obj
def duplicates(state, min_score: float, fmt: str, limit: int | None) -> None:
    """List organisations that are probably one but were not merged, with a similarity score.

    Names are compared by their normalised keys (rapidfuzz); nodes sharing a CVR number or a
    website score 100. Confirm a merge by adding the CSV row to data/aliases.csv (it applies
    on the next build), or silence a pair with a different_from row.

    \b
    Examples:
      vdk-graph duplicates
      vdk-graph duplicates --format csv --min-score 90 >> data/aliases.csv
    """
    from vdk_graph.curation.duplicates import find_duplicates
    from vdk_graph.importers.resolution import ALIAS_COLUMNS, ALIAS_FILE, load_aliases

    aliases = load_aliases(state.settings.data_dir / ALIAS_FILE)
    found = find_duplicates(state.store, min_score=min_score, different=aliases.different)[:limit]
    if fmt == "json":
        click.echo(json.dumps([d.as_dict() for d in found], indent=2, ensure_ascii=False))
    elif fmt == "csv":
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=list(ALIAS_COLUMNS), lineterminator="\n")
        # Names come from the sources: no cell may open as a formula (name_key ignores the "'").
        writer.writerows({k: spreadsheet_cell(v) for k, v in d.alias_row().items()} for d in found)
        click.echo(out.getvalue(), nl=False)
    else:
        rows = [[f"{d.score:.0f}", d.merge.label, d.keep.label, d.reason] for d in found]
        click.echo(_table(["score", "name", "same as?", "why"], rows))
        click.echo(
            f"\n{len(found)} likely duplicate{'s' if len(found) != 1 else ''}; "
            "'--format csv' gives rows for data/aliases.csv"
        )


def _table(headers: Sequence[str], rows: Sequence[Sequence[str]], max_width: int = 70) -> str:
    clipped = [[c if len(c) <= max_width else c[: max_width - 1] + "…" for c in row] for row in rows]
    widths = [max([len(h), *(len(r[i]) for r in clipped)]) for i, h in enumerate(headers)]
    lines = [
        "  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip(),
        "  ".join("-" * w for w in widths),
    ]
    lines += ["  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() for row in clipped]
    return "\n".join(lines)


COMMANDS = [sources, remove_source, duplicates]
