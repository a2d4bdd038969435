"""The synth command: a synthetic ecosystem to a file, for benchmarks and the matchmaking evaluation."""

from __future__ import annotations

import time
from pathlib import Path

import click

from vdk_graph.cli.options import LazyChoice


def _formats() -> list[str]:
    from vdk_graph import synth as synth_lib

    return list(synth_lib.FORMATS)


@click.command()
@click.option("--orgs", type=click.IntRange(min=1), help="Number of organisations.")
@click.option("--triples", "target", type=click.IntRange(min=1000),
              help="About this many triples instead (within a few percent).")
@click.option("--seed", type=int, default=1, show_default=True, help="The same seed gives the same bytes.")
@click.option("--format", "fmt", type=LazyChoice(_formats), default=None,
              help="nt, nq (one named graph …/graph/synthetic/<seed>-<orgs>) or ttl [default: from -o].")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="The file to write (never inside data/).")
@click.option("--model", type=click.Choice(["communities", "hubs"]), default="communities", show_default=True,
              help="communities: planted communities (the default world); hubs: hubs, preferential "
                   "attachment, repeat and triadic closure (vdk_graph.synth.hubs).")
@click.pass_context
def synth(ctx: click.Context, orgs: int | None, target: int | None, seed: int, fmt: str | None,
          output: Path, model: str) -> None:
    """Generate a synthetic ecosystem: communities, projects, grants, investments.

    Everything is minted under …/synthetic/ and flagged vdk:synthetic true; load it
    into a scratch store, never into data/.

    \b
    Examples:
      vdk-graph synth --triples 1000000 -o var/synthetic/1m.nt
      vdk-graph synth --orgs 500 --seed 7 --format nq -o /tmp/eco-500.nq
      vdk-graph synth --orgs 1500 --model hubs -o /tmp/hubs-1500.nt
    """
    from vdk_graph import synth as synth_lib
    from vdk_graph.synth import hubs

    if (orgs is None) == (target is None):
        raise click.UsageError("give exactly one of --orgs N or --triples N")
    if orgs is not None and orgs < synth_lib.MIN_ORGS:
        raise click.BadParameter(f"{orgs} is below the minimum of {synth_lib.MIN_ORGS}",
                                 param_hint="'--orgs'")
    folder = synth_lib.curated_data_folder(output)
    if folder is not None:
        raise click.UsageError(
            f"{output} is inside the curated data folder {folder}: synthetic data never goes into data/; "
            "write it elsewhere, for example var/synthetic/"
        )
    fmt = fmt or synth_lib.format_for(output)
    settings = getattr(ctx.obj, "settings", None)
    base = settings.base_iri if settings is not None else synth_lib.DEFAULT_BASE_IRI
    size = orgs if orgs is not None else synth_lib.orgs_for_triples(target or 0)
    started = time.perf_counter()
    if model == "hubs":
        ecosystem = hubs.generate(size, seed=seed, base_iri=base)
    else:
        ecosystem = synth_lib.generate(size, seed=seed, base_iri=base)
    output.parent.mkdir(parents=True, exist_ok=True)
    count = synth_lib.write(ecosystem, output, fmt)  # type: ignore[arg-type]
    seconds = time.perf_counter() - started
    click.echo(f"{len(ecosystem.orgs)} organisations, {len(ecosystem.projects)} projects, {count} triples "
               f"in {seconds:.1f} s → {output}", err=True)


COMMANDS = [synth]
