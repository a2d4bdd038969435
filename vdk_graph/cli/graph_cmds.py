"""Commands that check and describe the graph: stats, validate, reason, aggregates."""

from __future__ import annotations

import json
from pathlib import Path

import click

from vdk_graph.cli.output import aggregates_after_change
from vdk_graph.errors import ImportFailed


@click.command()
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.pass_obj
def stats(state, fmt: str) -> None:
    """Triples, entities per class, and named graphs with their sizes.

    \b
    Example:
      vdk-graph stats --format json
    """
    from vdk_graph import stats as stats_lib

    result = stats_lib.compute(state.store)
    if fmt == "json":
        click.echo(json.dumps(result.as_dict(), indent=2))
        return
    click.echo(
        f"{result.backend}: {result.triples} triples in the union of {len(result.graphs)} named graphs\n"
    )
    click.echo("Entities per class:")
    for c in result.classes:
        click.echo(f"  {c.count:>7}  {c.label}")
    click.echo("\nNamed graphs:")
    for graph, size in result.graphs.items():
        click.echo(f"  {size:>7}  {graph}")


@click.command()
@click.argument("files", nargs=-1, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--graph", help="Validate only this named graph of the store.")
@click.pass_obj
def validate(state, files: tuple[Path, ...], graph: str | None) -> None:
    """Check the store (or RDF files) against the SHACL shapes in ontology/shapes.ttl.

    Prints each violation with its focus node, path and message; exits 1 if there are any.

    \b
    Examples:
      vdk-graph validate
      vdk-graph validate new-partners.ttl
    """
    from vdk_graph.importers.rdf import check_safe, format_of, parse_bytes
    from vdk_graph.terms import triples_to_graph
    from vdk_graph.validation import ValidationReport, validate_graph, validate_store

    reports: list[ValidationReport] = []
    if files:
        for path in files:
            fmt = format_of(path, None)
            raw = path.read_bytes()
            problems = check_safe(raw, fmt, path.name)
            if problems:
                raise ImportFailed(problems=problems, summary=f"{path.name} cannot be read safely")
            graph_of_file = triples_to_graph(parse_bytes(raw, fmt, path.name))
            reports.append(validate_graph(graph_of_file, source=path.name))
    else:
        reports.append(validate_store(state.store, graph))
    errors = [p for r in reports for p in r.errors]
    warnings = [p for r in reports for p in r.warnings]
    for problem in [*errors, *warnings]:
        click.echo(f"{problem.severity}: {problem}")
    checked = sum(r.checked_triples for r in reports)
    click.echo(f"{len(errors)} violation{'s' if len(errors) != 1 else ''}, {len(warnings)} warning"
               f"{'s' if len(warnings) != 1 else ''} in {checked} triples")
    if errors:
        raise SystemExit(1)


@click.command()
@click.pass_obj
def reason(state) -> None:
    """Check consistency with HermiT (owlready2) and store the inferred triples in their own named graph.

    Infers types from domains and ranges, inverse properties and the shortcut properties
    (vdk:participatesIn, vdk:hasLeadPartner, vdk:memberOf ...). Needs Java.

    \b
    Example:
      vdk-graph reason && vdk-graph query 'SELECT * WHERE { GRAPH ?g { ?s vdk:hasLeadPartner ?o } }'
    """
    from vdk_graph.reasoning import reason_store

    report = reason_store(state.store, state.settings.base_iri)
    if not report.consistent:
        click.echo(f"Error: {report.explanation}", err=True)
        raise SystemExit(1)
    click.echo(f"consistent; {report.inferred_triples} inferred triples written to <{report.graph}> "
               f"in {report.seconds:.1f} s")
    aggregates_after_change(state)


@click.command()
@click.option("--force", is_flag=True, help="Count them again even when they are current.")
@click.pass_obj
def aggregates(state, force: bool) -> None:
    """Count the aggregates the named queries' fast formulations read into {base}graph/aggregates.

    Collaboration ties and their shared projects, partner, project and participant counts, topic
    pairs, communities among partners and the size of every source graph, per data version
    (docs/decisions/0011). build and derive count them; import, remove-source, reason and metrics
    only on a small store (minutes at a million triples). This does it on demand, and says so when
    they are current already. While they are not, the named queries take their original
    formulations: slower, never wrong.

    \b
    Example:
      vdk-graph aggregates
      vdk-graph query 'SELECT ?a ?b ?n WHERE { ?t vdk:between ?a, ?b ; vdk:tieRank ?r ;
                       vdk:sharedProjects ?n FILTER(STR(?a) < STR(?b)) } ORDER BY ?r LIMIT 5'
    """
    from vdk_graph.warm import count_aggregates

    click.echo(count_aggregates(state.store, state.settings.base_iri, force=force).summary())


COMMANDS = [stats, validate, reason, aggregates]
