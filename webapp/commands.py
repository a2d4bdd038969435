"""The commands that need the web app: ``vdk-graph serve`` and ``vdk-graph map``.

They join the library's command line through the ``vdk_graph.commands`` entry point
(pyproject.toml), so that nothing under ``vdk_graph`` imports the web app. Flask and
the app are imported inside the commands: ``vdk-graph --help`` stays fast.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

import click

from vdk_graph.kinds import NODE_KINDS
from vdk_graph.mapview.query import DEFAULT_MAX_NODES, MAX_HOPS, MAX_NODES_LIMIT, SIZE_BY, MapQuery
from vdk_graph.texts import LANGS

if TYPE_CHECKING:
    from vdk_graph.cli import CliState


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on.")
@click.option("--port", default=5000, show_default=True, type=int, help="Port to listen on.")
@click.option("--threads", default=8, show_default=True, type=click.IntRange(min=1),
              help="Threads for pages; /sparql and the named queries have as many again of their own.")
@click.option("--query-timeout", type=click.FloatRange(min=0, min_open=True), default=None, metavar="SECONDS",
              help="Stop a /sparql query after this long (default 10, or VDK_QUERY_TIMEOUT).")
@click.option("--max-rows", type=click.IntRange(min=1), default=None,
              help="Cut /sparql results after this many rows (default 10000, or VDK_MAX_ROWS).")
@click.option("--query-memory", type=click.IntRange(min=0), default=None, metavar="MB",
              help="Memory one /sparql query may use; 0: no limit (default 1024, or VDK_QUERY_MEMORY).")
@click.option("--client-budget", type=click.FloatRange(min=0), default=None, metavar="SECONDS",
              help="Query time one client may use per minute on /sparql; 0: no limit "
                   "(default 60, or VDK_CLIENT_BUDGET).")
@click.option("--trusted-proxies", type=click.IntRange(min=0), default=None, metavar="N",
              help="Reverse proxies in front whose X-Forwarded-For is believed (default 0, or "
                   "VDK_TRUSTED_PROXIES).")
@click.option("--get", "get_path", metavar="PATH",
              help="Print the response to one GET request and exit (no server).")
@click.pass_obj
def serve(
    state, host: str, port: int, threads: int, query_timeout: float | None, max_rows: int | None,
    query_memory: int | None, client_budget: float | None, trusted_proxies: int | None,
    get_path: str | None,
) -> None:
    """Serve the web app: map, entity pages, SPARQL endpoint and workbench.

    \b
    Examples:
      vdk-graph serve                      # http://127.0.0.1:5000
      vdk-graph serve --host 0.0.0.0 --port 8080
      vdk-graph serve --get /index.json    # one request through the app, printed
      vdk-graph serve --query-timeout 30 --max-rows 50000 --client-budget 120
      vdk-graph serve --trusted-proxies 1   # behind nginx: budgets per visitor

    The server builds the map's network, the search and matchmaking indexes
    at start and again after every import, in the background, so that no
    visitor waits for them.
    """
    from vdk_graph.warm import Warmer
    from webapp import create_app

    changes = {"query_timeout": query_timeout, "max_rows": max_rows, "query_memory": query_memory,
               "client_budget": client_budget, "trusted_proxies": trusted_proxies}
    state.settings = state.settings.with_(**{k: v for k, v in changes.items() if v is not None})
    app = create_app(state.settings)
    if get_path:
        response = app.test_client().get(get_path)
        click.echo(response.get_data(as_text=True))
        if response.status_code >= 400:
            raise SystemExit(1)
        return
    from vdk_graph.endpoint.executor import StoreSpec
    from webapp.server import Limits, create_server

    _log_warmups()
    limits = Limits(page_threads=threads, sparql_threads=threads, page_timeout=state.settings.page_timeout)
    server = create_server(app, host, port, limits)
    store = app.extensions["vdk"].store
    confinement = StoreSpec.confinement_of(store)
    Warmer(store, state.settings).start()
    from webapp.views.sparql import endpoint_of

    endpoint_of(app).executor.wait_ready()  # query workers up before the first visitor
    click.echo(f"vdk-graph serving {state.settings.store} on http://{host}:{port}/ (Ctrl-C to stop)",
               err=True)
    click.echo(f"vdk-graph limits: {limits.describe()}", err=True)
    click.echo(f"vdk-graph {'' if confinement.active else 'WARNING: '}{confinement.describe()}", err=True)
    try:
        server.run()
    except KeyboardInterrupt:
        pass
    finally:
        server.close()


def _log_warmups() -> None:
    """One line on stderr per warm-up, so an operator sees when the app has caught up with an import."""
    log = logging.getLogger("vdk_graph.warm")
    if not log.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("vdk-graph %(message)s"))
        log.addHandler(handler)
        log.setLevel(logging.INFO)
        log.propagate = False


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
@click.option("--lang", type=click.Choice(LANGS), default="en", show_default=True)
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


COMMANDS = [serve, map_command]
