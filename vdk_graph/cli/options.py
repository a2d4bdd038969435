"""Option types the commands share: choices read from the library only when a command needs them.

A ``click.Choice`` wants its list when the command is *defined*, which meant
importing the importers, the synthetic generator and the rest just to print
``vdk-graph --help``. :class:`LazyChoice` asks a function for the list the
first time it is needed: when the command's own help is shown or its option
is used.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

import click


class LazyChoice(click.Choice):
    """A :class:`click.Choice` whose choices come from ``load()``, on first use."""

    def __init__(self, load: Callable[[], Iterable[str]], case_sensitive: bool = True) -> None:
        self._load = load
        self._loaded: Sequence[str] | None = None
        super().__init__((), case_sensitive)

    @property  # type: ignore[override]
    def choices(self) -> Sequence[str]:
        if self._loaded is None:
            self._loaded = tuple(self._load())
        return self._loaded

    @choices.setter
    def choices(self, value: Any) -> None:  # click's __init__ assigns the (empty) list given to it
        pass
