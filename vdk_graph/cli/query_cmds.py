"""Commands that read the store: query, export."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from vdk_graph import sparql
from vdk_graph.export import export as export_store
from vdk_graph.results import (
    DATASET_FORMATS,
    GRAPH_FORMATS,
    SELECT_FORMATS,
    GraphResult,
    write_graph,
    write_select,
    write_table,
)

SOLUTION_CHOICES = ["table", *SELECT_FORMATS]
GRAPH_CHOICES = list(GRAPH_FORMATS)


@click.command()
@click.argument("sparql_text", required=False, metavar="SPARQL")
@click.option("-f", "--file", "query_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Read the query from a file.")
@click.option("--format", "fmt", type=click.Choice([*SOLUTION_CHOICES, *GRAPH_CHOICES]), default=None,
              help="table|csv|tsv|json|xml for SELECT/ASK (default table); turtle|nt|jsonld|rdfxml for "
                   "CONSTRUCT/DESCRIBE (default turtle).")
@click.pass_obj
def query(state, sparql_text: str | None, query_file: Path | None, fmt: str | None) -> None:  # type: ignore[no-untyped-def]
    """Run a SPARQL query; the default graph is the union of all named graphs.

    The project prefixes (vdk:, schema:, org:, foaf:, prov:, skos:, dcterms: ...) need no declaration.

    \b
    Examples:
      vdk-graph query 'SELECT ?p ?title WHERE { ?p a vdk:Project ; dcterms:title ?title }'
      vdk-graph query -f partners.rq --format csv > partners.csv
      vdk-graph query 'CONSTRUCT WHERE { ?s vdk:participatesIn ?p }' --format nt
    """
    if query_file and sparql_text:
        raise click.UsageError("give the query as an argument or with -f FILE, not both")
    if query_file:
        sparql_text = query_file.read_text(encoding="utf-8")
    if not sparql_text:
        raise click.UsageError("no query: give it as an argument, with -f FILE, or see 'vdk-graph query --help'")
    result = sparql.run(state.store, sparql_text)
    if isinstance(result, GraphResult):
        if fmt and fmt not in GRAPH_FORMATS:
            raise click.UsageError(f"--format {fmt} is for SELECT/ASK results; use one of {', '.join(GRAPH_CHOICES)}")
        sys.stdout.buffer.write(write_graph(result, fmt or "turtle"))
        sys.stdout.flush()
        return
    if fmt and fmt not in SOLUTION_CHOICES:
        raise click.UsageError(f"--format {fmt} is for CONSTRUCT/DESCRIBE; use one of {', '.join(SOLUTION_CHOICES)}")
    chunks = write_table(result) if (fmt or "table") == "table" else write_select(result, fmt or "table")
    for chunk in chunks:
        click.echo(chunk, nl=False)
    if fmt == "json":
        click.echo()


@click.command()
@click.option("--format", "fmt", type=click.Choice(list(DATASET_FORMATS)), default="trig", show_default=True,
              help="nquads/trig keep named graphs; turtle/nt/jsonld/rdfxml write the union (or --graph).")
@click.option("--graph", help="Export only this named graph (its IRI).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write to a file, not stdout.")
@click.pass_obj
def export(state, fmt: str, graph: str | None, output: Path | None) -> None:  # type: ignore[no-untyped-def]
    """Export all named graphs, or one, as Turtle, N-Triples, N-Quads, TriG, JSON-LD or RDF/XML.

    \b
    Examples:
      vdk-graph export --format nquads -o backup.nq
      vdk-graph export --format turtle --graph https://w3id.org/vdk/id/graph/pure/seed
    """
    if output:
        with output.open("wb") as handle:
            count = export_store(state.store, fmt, handle, graph)
        click.echo(f"wrote {count} {'quads' if fmt in ('nquads', 'trig') else 'triples'} to {output}", err=True)
    else:
        export_store(state.store, fmt, sys.stdout.buffer, graph)
        sys.stdout.flush()


COMMANDS = [query, export]
