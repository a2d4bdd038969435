"""Insight pages: what the graph says about money, time and place, computed once per data version.

* :mod:`.facts` — the rows of four named queries (``money-flows``, ``exchange-rates``,
  ``participations-by-year``, ``organisation-places``), typed and labelled;
* :mod:`.money` — money flows from funders through programmes and recipients to
  projects, per currency (in DKK only at rates the data records);
* :mod:`.years` — organisations, projects, partnerships and money per year, new
  versus returning partners;
* :mod:`.places` — organisations, projects and money per region and municipality.

Each reads the whole graph, so each is a :class:`~vdk_graph.derived.Derived`
view: computed once per data version (and language, and filter), by one thread,
and warmed after every import for the unfiltered pages. The web app
(``webapp/views/insights.py``) only renders them.
"""

from __future__ import annotations

from vdk_graph.derived import Derived
from vdk_graph.insights import facts as _facts
from vdk_graph.insights.facts import QUERIES, Facts, Grant, Participation, Rate, Rates, Seat
from vdk_graph.insights.money import MoneyFilter, MoneyFlows, money_flows
from vdk_graph.insights.places import Places, where
from vdk_graph.insights.years import Timeline, over_time
from vdk_graph.store.base import Store

#: Both languages of the interface: the unfiltered pages are warmed in each.
_WARM = (("en",), ("da",))

#: The labelled rows of the named queries, per data version and language.
FACTS: Derived[Facts] = Derived("insight facts", _facts.read, keys=4, warm=_WARM)


def _money(store: Store, lang: str, flt: MoneyFilter) -> MoneyFlows:
    return money_flows(FACTS.get(store, lang), flt)


def _time(store: Store, lang: str) -> Timeline:
    return over_time(FACTS.get(store, lang))


def _places(store: Store, lang: str) -> Places:
    return where(FACTS.get(store, lang))


#: Money flows per data version, language and filter (the unfiltered page warmed; at most 64 filters kept).
MONEY: Derived[MoneyFlows] = Derived("money flows", _money, keys=64,
                                     warm=tuple((lang, MoneyFilter()) for (lang,) in _WARM))
#: The ecosystem over time, per data version and language.
TIME: Derived[Timeline] = Derived("ecosystem over time", _time, keys=4, warm=_WARM)
#: Where it happens, per data version and language.
PLACES: Derived[Places] = Derived("where it happens", _places, keys=4, warm=_WARM)

__all__ = ["FACTS", "MONEY", "PLACES", "QUERIES", "TIME", "Facts", "Grant", "MoneyFilter", "MoneyFlows",
           "Participation", "Places", "Rate", "Rates", "Seat", "Timeline", "money_flows", "over_time",
           "where"]
