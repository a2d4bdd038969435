"""The knobs of the synthetic ecosystem model and their calibration.

Change a parameter and the generated world changes with it: re-fit the calibration
(triples against organisations, several seeds) so ``--triples N`` stays accurate.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable

from vdk_graph.synth.vocabulary import CITIES, REGIONS

MIN_ORGS = 10

# --- Calibration: re-fit (triples against organisations, several seeds) when the model changes ----
PROJECTS_PER_ORG = 1.32
#: Least-squares fit on seeds 1–3 from 300 to 30,000 organisations (within 0.3 % from 3,000 up).
TRIPLES_PER_ORG = 68.7
FIXED_TRIPLES = 490

# --- Model parameters ---------------------------------------------------------------------------
YEARLY_GROWTH = 1.08
WITHIN_COMMUNITY = 0.85
KEYWORD_FROM_COMMUNITY = 0.85
PROGRAMME_SHARE = 0.3
GRANT_SHARE = 0.4
MEMBER_SHARE = 0.3
#: Chance that a partner slot goes to an organisation without projects yet (how newcomers get in).
NEWCOMER_CHANCE = 0.15
#: Partners per project (2–12), skewed towards small consortia (mean ≈ 4.2).
SIZES = tuple(range(2, 13))
SIZE_WEIGHTS = (30, 22, 15, 10, 7, 5, 3.5, 2.5, 2, 1.5, 1.5)
GROUPS = ("company", "knowledge", "other")
LEAD_WEIGHTS = (0.6, 0.3, 0.1)
#: Which group a partner comes from, given the lead's group: companies pair with knowledge institutions.
PARTNER_WEIGHTS = {
    "company": (0.55, 0.35, 0.10), "knowledge": (0.70, 0.15, 0.15), "other": (0.60, 0.25, 0.15),
}
KEYWORD_COUNTS, KEYWORD_WEIGHTS = (2, 3, 4, 5), (3, 4, 2, 1.5)
DURATIONS, DURATION_WEIGHTS = (1, 2, 3, 4), (2, 4, 3, 1.5)


def cumulative(weights: Iterable[float]) -> tuple[float, ...]:
    """Running totals, for drawing one weighted item with a bisect (``random.choices`` is slow)."""
    return tuple(itertools.accumulate(weights))


SIZE_CUM, LEAD_CUM = cumulative(SIZE_WEIGHTS), cumulative(LEAD_WEIGHTS)
KEYWORD_CUM, DURATION_CUM = cumulative(KEYWORD_WEIGHTS), cumulative(DURATION_WEIGHTS)
PARTNER_CUM = {group: cumulative(weights) for group, weights in PARTNER_WEIGHTS.items()}
CITY_CUM = cumulative(w for _, _, w in CITIES)
#: Organisations placed near their community's home draw from its region's cities.
CITIES_BY_REGION = {region: tuple(c for c in CITIES if c[1] == region) for region in REGIONS}
REGION_CITY_CUM = {region: cumulative(w for _, _, w in cities) for region, cities in CITIES_BY_REGION.items()}
CITY_REGION = {city: region for city, region, _ in CITIES}
