"""``vdk-graph serve``: the web app on a production WSGI server (waitress)."""

from __future__ import annotations

import click


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on.")
@click.option("--port", default=5000, show_default=True, type=int, help="Port to listen on.")
@click.option("--threads", default=8, show_default=True, type=int, help="Worker threads.")
@click.option("--query-timeout", type=click.FloatRange(min=0, min_open=True), default=None, metavar="SECONDS",
              help="Stop a /sparql query after this long (default 10, or VDK_QUERY_TIMEOUT).")
@click.option("--max-rows", type=click.IntRange(min=1), default=None,
              help="Cut /sparql results after this many rows (default 10000, or VDK_MAX_ROWS).")
@click.option("--get", "get_path", metavar="PATH", help="Print the response to one GET request and exit (no server).")
@click.pass_obj
def serve(state, host: str, port: int, threads: int, query_timeout: float | None, max_rows: int | None,  # type: ignore[no-untyped-def]
          get_path: str | None) -> None:
    """Serve the web app: map, entity pages, SPARQL endpoint and workbench.

    \b
    Examples:
      vdk-graph serve                      # http://127.0.0.1:5000
      vdk-graph serve --host 0.0.0.0 --port 8080
      vdk-graph serve --get /index.json    # one request through the app, printed
      vdk-graph serve --query-timeout 30 --max-rows 50000
    """
    from webapp import create_app

    if query_timeout is not None or max_rows is not None:
        state.settings = state.settings.with_(query_timeout=query_timeout or state.settings.query_timeout,
                                              max_rows=max_rows or state.settings.max_rows)
    app = create_app(state.settings)
    if get_path:
        response = app.test_client().get(get_path)
        click.echo(response.get_data(as_text=True))
        if response.status_code >= 400:
            raise SystemExit(1)
        return
    import waitress

    click.echo(f"vdk-graph serving {state.settings.store} on http://{host}:{port}/ (Ctrl-C to stop)", err=True)
    waitress.serve(app, host=host, port=port, threads=threads, ident="vdk-graph")


COMMANDS = [serve]
