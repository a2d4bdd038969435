"""Matchmaking commands: match, connect, brokers, communities, outreach, metrics."""

from __future__ import annotations

import json
import textwrap
from typing import TYPE_CHECKING

import click

from vdk_graph.cli import CliState
from vdk_graph.cli.output import aggregates_after_change
from vdk_graph.kinds import ORGANISATION_KIND_NAMES
from vdk_graph.matchmaking.defaults import DEFAULT_K, DEFAULT_SEED, DEFAULT_TOP
from vdk_graph.matchmaking.scoring import SIGNAL_NAMES, Weights
from vdk_graph.matchmaking.strings import TEXTS
from vdk_graph.texts import LANGS

if TYPE_CHECKING:
    from vdk_graph.matchmaking.suggestions import Suggestions

KINDS = sorted(ORGANISATION_KIND_NAMES)
FORMAT = click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table",
                      show_default=True)
LANG = click.option("--lang", type=click.Choice(LANGS), default="en", show_default=True,
                    help="Language of labels and reasons.")


def _echo_json(data: object) -> None:
    click.echo(json.dumps(data, indent=2, ensure_ascii=False))


@click.command()
@click.argument("organisation", required=False)
@click.option("--idea", help="Describe a project idea instead of naming an organisation.")
@click.option("--topic", "topics", multiple=True, help="A topic of the idea (repeatable).")
@click.option("--with", "members", multiple=True, help="An organisation already in the idea's consortium.")
@click.option("--kind", "kinds", multiple=True, type=click.Choice(KINDS), help="Only this kind (repeatable).")
@click.option("--region", "regions", multiple=True, help="Only organisations in this region or city.")
@click.option("--include-partners", "--include-existing", "include_partners", is_flag=True,
              help="Also show organisations it is already tied to (partners, founders, owners, members …).")
@click.option("--top", type=click.IntRange(min=1), default=DEFAULT_TOP, show_default=True)
@click.option("--weights",
              help=f"Change the fitted weights, e.g. 'topics=2,geography=0' ({', '.join(SIGNAL_NAMES)}).")
@click.option("--keep-first", type=click.IntRange(min=0), default=0, show_default=True,
              help="With a penalty weighed (--weights exposure=8, or the popularity discount hubness=2.5), "
                   "leave the first N places to the strongest evidence and spread only the rest (for "
                   "example --keep-first 8 --weights hubness=2.5).")
@click.option("--floor", type=click.FloatRange(0, 1), default=0.0, show_default=True,
              help="With a penalty weighed: a less penalised candidate takes a place from the one the list "
                   "without the penalty shows there only if its evidence is at least this share of that "
                   "one's (for example --keep-first 8 --weights hubness=2.5 --floor 0.5).")
@click.option("--cold-uncapped", is_flag=True,
              help="For an organisation with no project yet: let the candidates' popularity and activity "
                   "count in full instead of capped (an option measured in bench/matchmaking_newcomers.py; "
                   "no effect on an organisation with projects).")
@FORMAT
@LANG
@click.pass_obj
def match(state: CliState, organisation: str | None, idea: str | None, topics: tuple[str, ...],
          members: tuple[str, ...], kinds: tuple[str, ...], regions: tuple[str, ...], include_partners: bool,
          top: int, weights: str | None, keep_first: int, floor: float, cold_uncapped: bool, fmt: str,
          lang: str) -> None:
    """Suggest partners for an organisation (by name or IRI), or a consortium for a project idea.

    Every suggestion says why, and JSON gives the evidence (IRIs) of each reason and
    what each signal added to the score.

    \b
    Examples:
      vdk-graph match "Filmby Aarhus" --top 5
      vdk-graph match "Filmby Aarhus" --kind knowledge --format json
      vdk-graph match --idea "virtual production for animated series" --topic XR --kind company
    """
    chosen = Weights.changes(weights) if weights else None
    if organisation and (idea or topics or members):
        raise click.UsageError("name an organisation, or describe an idea (--idea/--topic/--with), not both")
    if organisation:
        from vdk_graph.matchmaking.suggestions import suggest

        result = suggest(state.store, organisation, top=top, kinds=kinds, regions=regions,
                         include_partners=include_partners, weights=chosen, lang=lang, keep_first=keep_first,
                         floor=floor, cold_uncapped=cold_uncapped)
    elif idea or topics or members:
        from vdk_graph.matchmaking.suggestions import suggest_for_idea

        result = suggest_for_idea(state.store, idea or "", topics=topics, kinds=kinds, members=members,
                                  regions=regions, top=top, weights=chosen, lang=lang)
    else:
        raise click.UsageError('name an organisation (vdk-graph match "Filmby Aarhus") or give --idea "…"')
    if fmt == "json":
        _echo_json([s.as_dict() for s in result.items])
        return
    _print_suggestions(result, lang)


def _print_suggestions(result: Suggestions, lang: str) -> None:
    if result.organisation:
        click.echo(TEXTS("print.partners", lang, who=result.organisation["label"]))
    else:
        click.echo(TEXTS("print.idea", lang))
    if result.cold_start:
        click.echo(f"  ({TEXTS('print.cold', lang)})")
    if not result.items:
        click.echo(f"  {TEXTS('print.none', lang)}")
        return
    for rank, s in enumerate(result.items, 1):
        place = f", {s.city}" if s.city else ""
        partner = " (partner)" if s.partner else ""
        invests = " that invests" if "invests" in s.kind_phrase and s.kind != "investor" else ""
        click.echo(f"\n{rank:>2}. {s.label}  [{s.kind}{invests}{place}]  score {s.score:.2f}{partner}")
        for reason in s.reasons:
            if reason.signal == "cold_start":
                continue  # said once, above
            click.echo(textwrap.fill(reason.text, width=100, initial_indent="    - ",
                                     subsequent_indent="      "))
        if s.why_now is not None:
            click.echo(f"    {TEXTS('print.now', lang)}: {s.why_now.text}")
        click.echo(f"    {s.iri}")


@click.command()
@click.argument("a")
@click.argument("b")
@click.option("--k", type=click.IntRange(1, 10), default=DEFAULT_K, show_default=True, help="How many paths.")
@FORMAT
@LANG
@click.pass_obj
def connect(state: CliState, a: str, b: str, k: int, fmt: str, lang: str) -> None:
    """How are A and B connected? The shortest paths, with every relation named.

    \b
    Example:
      vdk-graph connect "Filmby Aarhus" "Vision Denmark" --k 3
    """
    from vdk_graph.matchmaking.paths import connect as connect_lib

    result = connect_lib(state.store, a, b, k=k, lang=lang)
    if fmt == "json":
        _echo_json(result.as_dict())
        return
    if not result.paths:
        click.echo(f"{result.a.label} and {result.b.label} are not connected in the graph")
        return
    for i, path in enumerate(result.paths, 1):
        steps = "1 step" if path.length == 1 else f"{path.length} steps"
        click.echo(f"{i}. ({steps}) {path.text()}")


@click.command()
@click.option("--top", type=click.IntRange(min=1), default=20, show_default=True)
@FORMAT
@LANG
@click.pass_obj
def brokers(state: CliState, top: int, fmt: str, lang: str) -> None:
    """Organisations that bridge communities: high betweenness, partners in several communities.

    Betweenness is sampled (see 'vdk-graph metrics'); the first run on a large graph
    computes it, later ones reuse it until the collaborations change.

    \b
    Example:
      vdk-graph brokers --top 10
    """
    from vdk_graph.matchmaking import cache, structure

    state_ = cache.structure_for(state.store, wait=True)
    found = structure.brokers(state_.index, state_.structure, top=top, lang=lang)  # type: ignore[arg-type]
    if fmt == "json":
        _echo_json([b.as_dict() for b in found])
        return
    if not found:
        click.echo("no brokers: no organisation has partners in two communities")
        return
    click.echo(f"{'#':>3}  {'betweenness':>11}  {'bridging':>8}  {'communities':>11}  organisation")
    for i, b in enumerate(found, 1):
        click.echo(f"{i:>3}  {b.betweenness:>11.4f}  {b.participation:>8.2f}  {len(b.bridges):>11}  "
                   f"{b.label} [{b.kind}]")


@click.command()
@FORMAT
@LANG
@click.pass_obj
def communities(state: CliState, fmt: str, lang: str) -> None:
    """Communities of the collaboration network (Louvain), named after their most typical topics.

    \b
    Example:
      vdk-graph communities --format json
    """
    from vdk_graph.matchmaking import cache, structure

    state_ = cache.structure_for(state.store, wait=True)
    views = structure.community_views(state_.index, state_.structure, lang=lang)  # type: ignore[arg-type]
    if fmt == "json":
        _echo_json(views)
        return
    if not views:
        click.echo("no communities: there are no collaborations in the graph")
    for c in views:
        members = ", ".join(str(m["label"]) for m in c["members"][:5])  # type: ignore[index]
        click.echo(f"{c['number']:>3}. {c['label']}  ({c['size']} organisations)\n     {members}")


@click.command()
@FORMAT
@LANG
@click.pass_obj
def outreach(state: CliState, fmt: str, lang: str) -> None:
    """Organisations with no collaboration, funding, investment or cluster tie: who to call.

    \b
    Example:
      vdk-graph outreach --format json
    """
    from vdk_graph.matchmaking import structure
    from vdk_graph.matchmaking.index import match_index

    found = structure.outreach(match_index(state.store), lang=lang)
    if fmt == "json":
        _echo_json(found)
        return
    for item in found:
        city = f", {item['city']}" if item["city"] else ""
        click.echo(f"{item['label']}  [{item['kind']}{city}]  {item['iri']}")
    click.echo(f"{len(found)} organisation{'s' if len(found) != 1 else ''} without collaborations", err=True)


@click.command()
@click.option("--samples", type=click.IntRange(min=1), default=None,
              help="Estimate betweenness from this many source organisations [default: exact when that "
                   "takes seconds, else 200].")
@click.option("--seed", type=int, default=DEFAULT_SEED, show_default=True)
@click.pass_obj
def metrics(state: CliState, samples: int | None, seed: int) -> None:
    """Compute the network measures and write them to the named graph {base}graph/metrics.

    Degree, sampled betweenness, participation coefficient and Louvain communities of the
    co-participation network, as triples with provenance. 'vdk-graph build' removes them
    with the rest; run this again after imports.

    \b
    Example:
      vdk-graph metrics
      vdk-graph query 'SELECT ?o ?b WHERE { ?o vdk:betweenness ?b } ORDER BY DESC(?b) LIMIT 5'
    """
    from vdk_graph.matchmaking.metrics import write_metrics

    report = write_metrics(state.store, state.settings.base_iri, samples=samples, seed=seed)
    click.echo(report.summary())
    aggregates_after_change(state)  # the communities among partners count the measures' communities


COMMANDS = [match, connect, brokers, communities, outreach, metrics]
