"""``vdk-graph map``: the network map as one self-contained HTML file that opens offline, from disk."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from vdk_graph.kinds import NODE_KINDS
from vdk_graph.mapview.query import DEFAULT_MAX_NODES, MAX_HOPS, MAX_NODES_LIMIT, SIZE_BY, MapQuery

if TYPE_CHECKING:
    from vdk_graph.cli import CliState


@click.command("map")
@click.option("--out", "-o", "out", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="The HTML file to write.")
@click.option("--kind", "kinds", multiple=True, type=click.Choice(NODE_KINDS),
              help="Show this kind (repeatable) [default: all but topic].")
@click.option("--topic", "topics", multiple=True, metavar="IRI",
              help="Only what has this topic (repeatable).")
@click.option("--programme", "programmes", multiple=True, metavar="IRI",
              help="Only what is under this programme (repeatable).")
@click.option("--region", "regions", multiple=True, help="Only what is in this region or city (repeatable).")
@click.option("--from-year", type=int, help="Only what is active in or after this year.")
@click.option("--to-year", type=int, help="Only what is active in or before this year.")
@click.option("--focus", metavar="IRI", help="Only the neighbourhood of this node.")
@click.option("--hops", type=click.IntRange(1, MAX_HOPS), default=1, show_default=True,
              help="How many links from the focus.")
@click.option("--size", "size_by", type=click.Choice(SIZE_BY), default="degree", show_default=True,
              help="What node size shows.")
@click.option("--max-nodes", type=click.IntRange(1, MAX_NODES_LIMIT), default=DEFAULT_MAX_NODES,
              show_default=True, help="Draw at most this many nodes (the best connected).")
@click.option("--lang", type=click.Choice(["en", "da"]), default="en", show_default=True)
@click.pass_obj
def map_command(state: CliState, out: Path, kinds: tuple[str, ...], topics: tuple[str, ...],
                programmes: tuple[str, ...], regions: tuple[str, ...], from_year: int | None,
                to_year: int | None, focus: str | None, hops: int, size_by: str, max_nodes: int,
                lang: str) -> None:
    """Write the network map as ONE HTML file (vis-network, script, style and data inlined).

    It opens from disk with no network, and its Content-Security-Policy lets it
    load nothing. The options are the map page's filters.

    \b
    Examples:
      vdk-graph map --out ecosystem.html
      vdk-graph map --out aarhus.html --focus https://w3id.org/vdk/id/organisation/filmby-aarhus --hops 2
      vdk-graph map --out xr-da.html --kind company --kind knowledge --kind project --from-year 2021 --lang da
    """
    from webapp import create_app
    from webapp.views.map import standalone_html

    query = MapQuery(kinds=tuple(dict.fromkeys(kinds)) if kinds else MapQuery().kinds, topics=topics,
                     programmes=programmes, regions=regions, year_from=from_year, year_to=to_year,
                     focus=focus, hops=hops, max_nodes=max_nodes, size_by=size_by, lang=lang)
    app = create_app(state.settings, store=state.store)
    html = standalone_html(app, query.to_args())
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(html, encoding="utf-8")
    size = len(html.encode()) // 1024
    click.echo(f"wrote {out} ({size} KB); open it in a browser, no server needed", err=True)


COMMANDS = [map_command]
