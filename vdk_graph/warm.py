"""Build the app's derived views before a visitor asks: at start and after every data change.

The map, the entity pages, search and matchmaking read projections of the graph
(the networkx ecosystem, the search index, the matchmaking index, the default
map view) that are cached per data version and built by whoever first needs
them. On a large graph that is seconds, and without this module it would be a
visitor's seconds: the first request after start or after a curator's import.
The warmer is one daemon thread that looks at the store's data version every
few seconds (every half minute for a remote store, where that costs a query)
and rebuilds the projections as soon as it changes. A request that
comes in during a rebuild waits on the same cache lock instead of building a
second copy. The expensive network measures (betweenness, communities) are only
*started* here, in their own background thread (ADR 0004).

``vdk-graph serve`` starts it; tests and embedding applications may call
:func:`warm` directly or start a :class:`Warmer` themselves. ``vdk-graph derive``
(:func:`derive`) counts the named queries' aggregates and makes the views kept on
disk current in one go, for the command line, which has no warmer.

The warmer does not count the aggregates (docs/decisions/0011): that is a write,
minutes at a million triples, holding the store's one write lock — a curator's
import started meanwhile would be refused — and publishing a new data version that
would send every view it had just warmed back to be computed. Until ``derive``
counts them the named queries take their original formulations: slower, never wrong.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from vdk_graph import derived
from vdk_graph.config import Settings
from vdk_graph.store import Store

if TYPE_CHECKING:
    from vdk_graph.aggregates import AggregatesReport
    from vdk_graph.derived import Derived

log = logging.getLogger(__name__)

Step = Callable[[Store, Settings], object]


# The steps import what they build when they run: ``vdk-graph derive`` needs no graph library.
def _network(store: Store, _: Settings) -> object:
    from vdk_graph import network

    return network.ecosystem(store)


def _default_map(store: Store, _: Settings) -> object:
    from vdk_graph import mapview, network

    eco = network.ecosystem(store)
    for lang in ("en", "da"):
        mapview.map_view(eco, mapview.MapQuery.from_args({}, lang=lang))
    return eco


def _derived(store: Store, _: Settings) -> object:
    """Every derived view that asks to be warmed (vdk_graph.derived.REGISTRY): the home page …"""
    for view in derived.REGISTRY:
        view.warm(store)
    return None


def _search(store: Store, settings: Settings) -> object:
    from vdk_graph import search

    return search.index(store, settings.base_iri)


def _match_index(store: Store, _: Settings) -> object:
    from vdk_graph.matchmaking.index import match_index
    from vdk_graph.matchmaking.index_update import prime

    index = match_index(store)
    prime(store)  # read from its file: computed in memory once idle, so that the next write updates it
    return index


def _measures(store: Store, _: Settings) -> object:
    from vdk_graph import measures
    from vdk_graph.matchmaking.cache import structure_for

    state = structure_for(store, wait=False)
    # Their library imported now, at start, when they were read from disk: else the first import
    # after it pays for it (python-igraph: ~1 s at 1M under load, half of computing them).
    measures.backend()
    return state


#: What is built, in order: each step reuses what the ones before it built.
STEPS: tuple[tuple[str, Step], ...] = (
    ("network projection", _network),
    ("default map view", _default_map),
    ("search index", _search),
    ("matchmaking index", _match_index),
    ("derived views", _derived),
    ("network measures (started)", _measures),
)


def warm(store: Store, settings: Settings, steps: tuple[tuple[str, Step], ...] = STEPS) -> dict[str, float]:
    """Build every projection of the store's current data; seconds per step.

    A step that fails is logged and skipped: the view it serves will try again
    (and show its error) on the first request, as it would without warming.
    """
    took: dict[str, float] = {}
    for name, step in steps:
        started = time.perf_counter()
        try:
            step(store, settings)
        except Exception:  # noqa: BLE001 - a failed warm-up must never stop the server
            log.exception("warming the %s failed; it will be built on the first request", name)
            continue
        took[name] = time.perf_counter() - started
    return took


#: Seconds between looks at the data version. Embedded and in-memory stores answer from a file
#: stat or a counter; a remote store runs two queries (one counts every graph), so it is asked less often.
LOCAL_INTERVAL, REMOTE_INTERVAL = 2.0, 30.0


def interval_for(store: Store) -> float:
    """A store with no local pyoxigraph store behind it is a remote one."""
    return LOCAL_INTERVAL if store.native() is not None else REMOTE_INTERVAL


class Warmer(threading.Thread):
    """Re-warm whenever the store's data version changes; checks every ``interval`` seconds."""

    def __init__(
        self,
        store: Store,
        settings: Settings,
        *,
        interval: float | None = None,
        steps: tuple[tuple[str, Step], ...] = STEPS,
    ) -> None:
        super().__init__(name="vdk-warmer", daemon=True)
        self.store = store
        self.settings = settings
        self.interval = interval_for(store) if interval is None else interval
        self.steps = steps
        self.warmed_version: str | None = None
        self.rounds = 0
        self._halt = threading.Event()
        self._done = threading.Condition()

    def run(self) -> None:
        while not self._halt.is_set():
            try:
                version = self.store.data_version()
            except Exception:  # noqa: BLE001 - a remote store may be down for a moment
                log.warning("cannot read the store's data version; trying again", exc_info=True)
                version = None
            if version is not None and version != self.warmed_version:
                took = warm(self.store, self.settings, self.steps)
                log.info("warmed for data version %s: %s", version,
                         ", ".join(f"{name} {seconds:.2f} s" for name, seconds in took.items()))
                with self._done:
                    self.warmed_version = version
                    self.rounds += 1
                    self._done.notify_all()
            self._halt.wait(self.interval)

    def wait_for(self, version: str, timeout: float) -> bool:
        """Block until the data ``version`` has been warmed (True) or ``timeout`` passed (False)."""
        with self._done:
            return self._done.wait_for(lambda: self.warmed_version == version, timeout)

    def stop(self) -> None:
        self._halt.set()


# --- vdk-graph derive: the views kept on disk, made current in one go ---------------------------------
# Imports leave the derived data to its first use: the first ``vdk-graph match`` after an import
# pays for the matchmaking index. After a batch of imports, or in a deployment script, ``derive``
# pays it once, up front, and says what it cost.


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


def carried_views() -> list[Derived[Any]]:
    """The views that read nothing the aggregates graph holds: its writing leaves them as they were.

    They read the kinds of triples they project (types, labels, participation, money …), and the
    aggregates graph adds none of those (``tests/aggregates/test_aggregates_derive.py`` holds it).
    """
    from vdk_graph.network import ECOSYSTEM

    return [ECOSYSTEM, *disk_views()]


def count_aggregates(store: Store, base_iri: str, *, force: bool = False) -> AggregatesReport:
    """Count the aggregates (``vdk-graph aggregates``), carrying the views that do not read them over.

    Writing the aggregates graph publishes a new data version, which every derived view is keyed
    on; the views that read nothing of it are declared current for the new version too, in memory
    and on disk, rather than computed again. Only the change from the version the aggregates were
    written over to the one their writing published is carried: another writer's is not.
    """
    from vdk_graph.aggregates import write_aggregates

    report = write_aggregates(store, base_iri, force=force)
    if report.parent_version is not None and report.version is not None:
        for view in carried_views():
            view.carry_over(store, report.parent_version, report.version)
    return report


def derive(store: Store, base_iri: str | None = None) -> list[Derivation]:
    """Count the aggregates, then make every view with a file form current on disk (no-ops when current).

    The aggregates come first: writing them publishes a new data version, and the views,
    stamped with the version, are then computed (or carried over) for the one that stays.
    ``base_iri`` None: the views only.
    """
    done = []
    if base_iri is not None:
        started = time.perf_counter()
        report = count_aggregates(store, base_iri)
        done.append(Derivation("aggregates", time.perf_counter() - started, bool(report.families)))
    for view in disk_views():
        before, started = view.computed, time.perf_counter()
        view.get(store)
        view.saved()  # an updated value's file is written apart: derive is done when it is on disk
        done.append(Derivation(view.name, time.perf_counter() - started, view.computed > before))
    return done
