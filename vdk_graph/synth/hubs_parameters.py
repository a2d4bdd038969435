"""The knobs of the hubs world (:mod:`vdk_graph.synth.hubs`), and worlds drawn around them for training.

:class:`HubParameters` holds how often each mechanism fills a partner slot and
how strongly place, topic and kind weigh in an open call; the defaults are the
benchmark's world. :func:`random_parameters` draws others, so that fitting the
matchmaking weights (``bench/matchmaking_fit.py``) does not learn one world.
"""

from __future__ import annotations

import dataclasses
import random
from dataclasses import dataclass


@dataclass(frozen=True)
class HubParameters:
    """The knobs of the hubs world. The defaults are the benchmark's world; training draws others."""

    #: Projects per organisation over all the years, and their yearly growth.
    projects_per_org: float = 0.45
    yearly_growth: float = 1.06
    #: Share of organisations that are hubs (at least three).
    hub_share: float = 0.01
    #: How a partner slot is filled: repeat, triadic closure, hub, newcomer; the rest is an open call.
    p_repeat: float = 0.22
    p_triadic: float = 0.15
    p_hub: float = 0.10
    p_newcomer: float = 0.12
    #: Preferential attachment exponent on (1 + degree).
    alpha: float = 1.0
    #: Topic similarity strength in an open call that is not topical, and for newcomers.
    beta: float = 2.5
    #: Share of open calls that are topical (only organisations with one of the project's keywords).
    topical: float = 0.6
    #: Weight multipliers in the open call: same city, same region, company ↔ knowledge institution.
    same_city: float = 3.0
    same_region: float = 1.5
    complement: float = 2.0
    #: Share of own fields drawn from the organisation's home family.
    home_fields: float = 0.75
    #: Share of organisations placed in their family's centre city.
    clustered_places: float = 0.3
    #: Share of companies founded during the years (the rest existed before).
    new_companies: float = 0.5


def random_parameters(seed: int) -> HubParameters:
    """Parameters drawn around the defaults (each mechanism between half and one and a half times its
    default), for training worlds that do not all look alike but stay worlds of this kind."""
    rng = random.Random(seed)
    base = HubParameters()

    def around(value: float) -> float:
        return value * rng.uniform(0.5, 1.5)

    return dataclasses.replace(
        base, p_repeat=around(base.p_repeat), p_triadic=around(base.p_triadic), p_hub=around(base.p_hub),
        p_newcomer=around(base.p_newcomer), alpha=around(base.alpha), beta=around(base.beta),
        same_city=1 + around(base.same_city - 1), same_region=1 + around(base.same_region - 1),
        complement=1 + around(base.complement - 1), home_fields=min(0.95, around(base.home_fields)),
        hub_share=around(base.hub_share), topical=min(0.95, around(base.topical)),
    )
