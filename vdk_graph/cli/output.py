"""Small output helpers shared by the commands."""

from __future__ import annotations

import click

from vdk_graph.errors import Problem


def echo_problems(problems: list[Problem]) -> None:
    for problem in problems:
        label = "warning" if problem.severity == "warning" else "error"
        click.echo(f"{label}: {problem}", err=True)


def aggregates_after_change(state) -> None:
    """One line on the aggregates after a command changed the data (docs/decisions/0011).

    A small store has them counted again (seconds); a larger one is told that they are stale
    and what counts them. The change itself is done by then: if counting fails, the named
    queries take their original formulations (slower, never wrong) and the user is told how
    to count them later.
    """
    from vdk_graph.aggregates import after_change
    from vdk_graph.errors import VdkError

    try:
        outcome = after_change(state.store, state.settings.base_iri)
    except VdkError as exc:
        click.echo(f"warning: the aggregates were not counted ({exc}); the named queries take their "
                   "slower formulations until 'vdk-graph derive' counts them", err=True)
        return
    click.echo(outcome.summary())
