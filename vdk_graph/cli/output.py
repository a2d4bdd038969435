"""Small output helpers shared by the commands."""

from __future__ import annotations

import click

from vdk_graph.errors import Problem


def echo_problems(problems: list[Problem]) -> None:
    for problem in problems:
        label = "warning" if problem.severity == "warning" else "error"
        click.echo(f"{label}: {problem}", err=True)


