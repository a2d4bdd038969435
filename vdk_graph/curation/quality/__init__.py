"""How complete the graph is: coverage as counts, and what a curator should fix next, as lists.

``vdk-graph quality`` and the page ``/data`` (with ``/data.json``) show the same report: the
*figures* (how many organisations have a kind, a place, a link to another organisation; how
many projects have a start and at least two participants; how many grants have an amount
and a period; how many sources were read on a known day) and the *checks*, each a list of
the things that fall short: organisations without kind, place or links, projects without
dates or with fewer than two participants, grants without amount or period, statuses the
dates contradict, suspected duplicates, sources whose read date is a placeholder.

Every number is a SPARQL count over the store, so the report is true of whatever the store
holds (the shipped data, an import on top, a remote server). ``tests/curation/test_data_coverage.py``
holds the shipped data to the issue's figures with the same functions.

Modules: this one (the report, computed once per data version), :mod:`.figures`
(coverage counts), :mod:`.checks` (the lists of what to fix), :mod:`.patterns`
(the SPARQL fragments both are made of) and :mod:`.strings` (their titles, in
English and Danish; the JSON carries both).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from vdk_graph.curation.quality.checks import DEFAULT_LIMIT, Check, Item, checks
from vdk_graph.curation.quality.figures import PLACEHOLDER_READ_DATES, Figure, figures, source_read_dates
from vdk_graph.derived import Derived
from vdk_graph.importers.resolution import ALIAS_FILE, load_aliases
from vdk_graph.store.base import Store

__all__ = [
    "DEFAULT_LIMIT", "PLACEHOLDER_READ_DATES", "Check", "Figure", "Item", "QualityReport", "checks",
    "confirmed_different", "figures", "quality_report", "source_read_dates",
]


@dataclass
class QualityReport:
    figures: list[Figure]
    checks: list[Check]

    def figure(self, key: str) -> Figure:
        return next(f for f in self.figures if f.key == key)

    def check(self, key: str) -> Check:
        return next(c for c in self.checks if c.key == key)

    def as_dict(self) -> dict[str, Any]:
        return {"figures": [f.as_dict() for f in self.figures], "checks": [c.as_dict() for c in self.checks]}


def _report(store: Store, limit: int, different: frozenset[frozenset[str]]) -> QualityReport:
    return QualityReport(figures(store), checks(store, limit=limit, different=different))


#: The report of the store's current data, per list length and confirmed-different pairs.
REPORT: Derived[QualityReport] = Derived("quality report", _report, keys=8)


def quality_report(
    store: Store,
    *,
    limit: int = DEFAULT_LIMIT,
    today: dt.date | None = None,
    different: Iterable[frozenset[str]] = (),
) -> QualityReport:
    """Figures and checks for the store; the same store at the same data version is answered once.

    ``today`` (for tests: which statuses the dates contradict on another day) is computed afresh.
    """
    pairs = frozenset(different)
    if today is not None:
        return QualityReport(figures(store), checks(store, limit=limit, today=today, different=pairs))
    return REPORT.get(store, limit, pairs)


def confirmed_different(data_dir: Path) -> frozenset[frozenset[str]]:
    """The pairs of names ``data/aliases.csv`` marks as different organisations (none without the file)."""
    path = data_dir / ALIAS_FILE
    if not path.is_file():
        return frozenset()
    return frozenset(load_aliases(path).different)
