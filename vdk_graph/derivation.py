"""Every derived view that is kept on disk, computed (or found current) in one go: ``vdk-graph derive``.

Imports leave the derived data to its first use (``docs/decisions/0013-derived-data-on-disk.md``): the
first ``vdk-graph match`` after an import pays for the matchmaking index. After
a batch of imports, or in a deployment script, ``derive`` pays it once, up front,
and says what it cost.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from vdk_graph.store.base import Store

if TYPE_CHECKING:
    from vdk_graph.derived import Derived


@dataclass(frozen=True)
class Derivation:
    """One view: how long it took, and whether it was computed or read from a current file."""

    view: str
    seconds: float
    computed: bool


def disk_views() -> list[Derived[Any]]:
    """The views with a file form, in the order they build on each other."""
    from vdk_graph.matchmaking.cache import MEASURES
    from vdk_graph.matchmaking.index import MATCH_INDEX
    from vdk_graph.matchmaking.index_file import PATH_NETWORK

    return [MATCH_INDEX, MEASURES, PATH_NETWORK]


def derive(store: Store) -> list[Derivation]:
    """Make every view with a file form current on disk (a no-op for views already current)."""
    done = []
    for view in disk_views():
        before, started = view.computed, time.perf_counter()
        view.get(store)
        done.append(Derivation(view.name, time.perf_counter() - started, view.computed > before))
    return done
