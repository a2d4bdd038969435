"""Small output helpers shared by the commands."""

from __future__ import annotations

import click

from vdk_graph.errors import Problem


def echo_problems(problems: list[Problem]) -> None:
    for problem in problems:
        label = "warning" if problem.severity == "warning" else "error"
        click.echo(f"{label}: {problem}", err=True)


def refresh_aggregates(state) -> None:
    """Count the aggregates again after a command changed the data (docs/decisions/0011).

    The change itself is done by then: if the counting fails, the named queries take their
    original formulations (slower, never wrong) and the user is told how to count them later.
    """
    from vdk_graph.aggregates import write_aggregates
    from vdk_graph.errors import VdkError

    try:
        report = write_aggregates(state.store, state.settings.base_iri)
    except VdkError as exc:
        click.echo(f"warning: the aggregates were not counted ({exc}); the named queries take their "
                   "slower formulations until 'vdk-graph aggregates' counts them", err=True)
        return
    click.echo(report.summary())
