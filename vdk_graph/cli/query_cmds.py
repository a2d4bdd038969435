"""Commands that read the store: query (SPARQL or a named query), queries (the named ones), export."""

from __future__ import annotations

import sys
from pathlib import Path

import click

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
@click.option("-n", "--named", metavar="NAME", help="Run a named query (list them with 'vdk-graph queries').")
@click.option("-p", "--param", "params", multiple=True, metavar="KEY=VALUE",
              help="A parameter of the named query (repeatable); organisations and projects by name or IRI.")
@click.option("--list-named", is_flag=True, help="List the named queries and stop.")
@click.option("--format", "fmt", type=click.Choice([*SOLUTION_CHOICES, *GRAPH_CHOICES]), default=None,
              help="table|csv|tsv|json|xml for SELECT/ASK (default table); turtle|nt|jsonld|rdfxml for "
                   "CONSTRUCT/DESCRIBE (default turtle).")
@click.pass_obj
def query(state, sparql_text: str | None, query_file: Path | None, named: str | None,
          params: tuple[str, ...], list_named: bool, fmt: str | None) -> None:
    """Run a SPARQL query or a named one; the default graph is the union of all named graphs.

    The project prefixes (vdk:, schema:, org:, foaf:, prov:, skos:, dcterms: ...) need no declaration.

    \b
    Examples:
      vdk-graph query 'SELECT ?p ?title WHERE { ?p a vdk:Project ; dcterms:title ?title }'
      vdk-graph query -f partners.rq --format csv > partners.csv
      vdk-graph query 'CONSTRUCT WHERE { ?s vdk:participatesIn ?p }' --format nt
      vdk-graph query --named project-partners --param project=VDK
      vdk-graph query --named projects-active-in-year -p year=2023 --format csv
    """
    if list_named:
        _list_named()
        return
    if sum(bool(x) for x in (sparql_text, query_file, named)) > 1:
        raise click.UsageError("give one query: as an argument, with -f FILE, or with --named NAME")
    if params and not named:
        raise click.UsageError("--param is for named queries; add --named NAME (see 'vdk-graph queries')")
    if named:
        from vdk_graph import queries

        sparql_text = queries.get(named).bind(_parse_params(params), state.store)
    if query_file:
        sparql_text = query_file.read_text(encoding="utf-8")
    if not sparql_text:
        raise click.UsageError("no query: give it as an argument, with -f FILE, with --named NAME, "
                               "or see 'vdk-graph query --help'")
    from vdk_graph import sparql

    result = sparql.run(state.store, sparql_text)
    if isinstance(result, GraphResult):
        if fmt and fmt not in GRAPH_FORMATS:
            raise click.UsageError(
                f"--format {fmt} is for SELECT/ASK results; use one of {', '.join(GRAPH_CHOICES)}")
        sys.stdout.buffer.write(write_graph(result, fmt or "turtle"))
        sys.stdout.flush()
        return
    if fmt and fmt not in SOLUTION_CHOICES:
        raise click.UsageError(
            f"--format {fmt} is for CONSTRUCT/DESCRIBE; use one of {', '.join(SOLUTION_CHOICES)}")
    chunks = write_table(result) if (fmt or "table") == "table" else write_select(result, fmt or "table")
    for chunk in chunks:
        click.echo(chunk, nl=False)
    if fmt == "json":
        click.echo()


@click.command()
@click.option("--format", "fmt", type=click.Choice(list(DATASET_FORMATS)), default="trig", show_default=True,
              help="nquads/trig keep named graphs; turtle/nt/jsonld/rdfxml write the union (or --graph).")
@click.option("--graph", help="Export only this named graph (its IRI).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write to a file, not stdout.")
@click.pass_obj
def export(state, fmt: str, graph: str | None, output: Path | None) -> None:
    """Export all named graphs, or one, as Turtle, N-Triples, N-Quads, TriG, JSON-LD or RDF/XML.

    \b
    Examples:
      vdk-graph export --format nquads -o backup.nq
      vdk-graph export --format turtle --graph https://w3id.org/vdk/id/graph/pure/seed
    """
    from vdk_graph.curation.export import export as export_store

    if output:
        with output.open("wb") as handle:
            count = export_store(state.store, fmt, handle, graph)
        unit = "quads" if fmt in ("nquads", "trig") else "triples"
        click.echo(f"wrote {count} {unit} to {output}", err=True)
    else:
        export_store(state.store, fmt, sys.stdout.buffer, graph)
        sys.stdout.flush()


def _parse_params(params: tuple[str, ...]) -> dict[str, str]:
    values: dict[str, str] = {}
    for item in params:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise click.UsageError(f"--param {item!r} is not KEY=VALUE, for example --param year=2023")
        if key.strip() in values:
            raise click.UsageError(f"--param {key.strip()} is given twice")
        values[key.strip()] = value
    return values


def _list_named() -> None:
    from vdk_graph import queries

    rows = [(q.name, q.title_in("en")) for q in queries.load_all()]
    width = max(len(name) for name, _ in rows)
    for name, title in rows:
        click.echo(f"{name.ljust(width)}  {title}")


@click.command("queries")
@click.argument("name", required=False)
@click.option("--sparql", "show_sparql", is_flag=True,
              help="Print only the query text (to edit or run elsewhere).")
def queries_command(name: str | None, show_sparql: bool) -> None:
    """List the named queries, or show one: its description, parameters and SPARQL.

    Run one with 'vdk-graph query --named NAME --param key=value'; each is also a
    page at /queries/NAME in the web app, with .json and .csv twins.

    \b
    Examples:
      vdk-graph queries
      vdk-graph queries project-partners
      vdk-graph queries grants --sparql > grants.rq
    """
    if name is None:
        if show_sparql:
            raise click.UsageError("--sparql needs the NAME of a query")
        _list_named()
        return
    from vdk_graph import queries

    named = queries.get(name)
    if show_sparql:
        click.echo(named.sparql, nl=False)
        return
    click.echo(f"{named.name}: {named.title_in('en')}\n")
    click.echo(click.wrap_text(named.description_in("en"), 100) + "\n")
    if named.params:
        click.echo("Parameters:")
        for param in named.params:
            notes = ["required" if param.required and param.default is None else "optional"]
            if param.default is not None:
                notes.append(f"default {param.default}")
            if param.example is not None:
                notes.append(f"for example {param.example}")
            click.echo(f"  {param.name} ({param.type}): {param.label_in('en')} [{'; '.join(notes)}]")
        example = " ".join(f"--param {p.name}={_quoted(p.example or p.default or '…')}"
                           for p in named.params if p.required)
        click.echo(f"\nRun it: vdk-graph query --named {named.name} {example}".rstrip())
    else:
        click.echo(f"Run it: vdk-graph query --named {named.name}")
    if named.materialised is not None:
        families = ", ".join(sorted(named.materialised.reads))
        click.echo(f"\nA faster formulation reads the aggregates ({families}; "
                   f"vdk_graph/queries/materialised/{named.path.name}) and runs while they are current "
                   "(vdk-graph derive counts them); the same rows either way.")


def _quoted(value: str) -> str:
    return f"'{value}'" if " " in value else value


COMMANDS = [query, queries_command, export]
