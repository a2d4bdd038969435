"""``vdk-graph serve``: the web app on a production WSGI server (waitress)."""

from __future__ import annotations

import logging

import click


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
    from webapp import create_app
    from webapp.warmup import Warmer

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
    log = logging.getLogger("webapp.warmup")
    if not log.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("vdk-graph %(message)s"))
        log.addHandler(handler)
        log.setLevel(logging.INFO)
        log.propagate = False


COMMANDS = [serve]
