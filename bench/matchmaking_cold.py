"""Cold-start weights tuned for the first ten places: the choice model's, with a head factor on popularity.

Why. The choice model (:func:`bench.matchmaking_fit.choice_model`) fits how likely *every* candidate is
to become a new partner; nDCG@10 only asks who comes first. For an organisation with no project yet
(a *newcomer*) those differ most: its new partners are the members of the first project it joins, and
a project's members are, besides its lead (who fits the newcomer's fields and place), the hubs and the
most active organisations, whatever the topic. The likelihood spreads the weight over fields and place,
which describe the many weak candidates well, and the top ten then holds topical, local but quiet
organisations where the busiest ones are the likelier partners (``bench/matchmaking_newcomers.py``
shows it: the new partners recent activity's top ten finds and ours misses are the busiest ones, with
no shared field). On the training worlds the fitted cold-start weights were 0.90–1.16 × the best
baseline for newcomers.

How. The choice model's cold-start weights, with the popularity weight multiplied by a *head factor*
λ from :data:`FACTORS`: the λ with the best newcomers' margin — the mean over training worlds of
log(min(CAP, newcomers' nDCG@10 ÷ the best baseline's)), as the fit's margin but over the newcomer
slices — is kept (1 if none is better). One number, chosen on a grid, not a search over every weight: a
seeded random search over all cold-start weights was tried first and did worse on held-out training
seeds than the choice model itself (it overfits 500 newcomer queries). Only the cold-start set moves;
the weights for organisations with projects stay the choice model's. ``bench/matchmaking_fit.py
--holdout 103 104`` (and ``--holdout 101 102``) chooses on two seeds and reports on the two others: the
check that it generalises. Every factor's newcomers' ratios and least diversity are printed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:  # the fit imports this module: no import back at run time
    from bench.matchmaking_fit import Trainer

#: What :func:`head_factor`'s rows say.
HEADERS = ["head factor", "popularity weight", "newcomers' margin", "worst newcomers' ratio", "margin",
           "worst ratio", "newcomers' nDCG@10", "least diversity"]
#: The head factors tried on the cold-start popularity weight (1: the choice model's).
FACTORS = (1.0, 1.5, 2.0, 3.0, 4.0, 6.0, 8.0)


def head_factor(trainer: Trainer, established: np.ndarray, cold: np.ndarray, popularity: int,
                factors: tuple[float, ...] = FACTORS) -> tuple[np.ndarray, float, list[list[str]]]:
    """The cold-start weights with the chosen head factor (on column ``popularity``), the factor, and a
    row per factor tried (for :data:`HEADERS`)."""
    rows, best, chosen = [], None, 1.0
    for factor in factors:
        weights = cold.copy()
        weights[popularity] = round(float(cold[popularity] * factor), 3)
        result = trainer.evaluate(established, weights)
        rows.append([f"{factor:g}", f"{weights[popularity]:g}", f"{result.cold_margin:+.4f}",
                     f"{result.cold_worst:.2f}", f"{result.margin:+.4f}", f"{result.worst:.2f}",
                     f"{result.cold:.4f}", f"{result.diversity:.1%}"])
        if best is None or result.cold_margin > best.cold_margin:
            best, chosen = result, factor
    weights = cold.copy()
    weights[popularity] = round(float(cold[popularity] * chosen), 3)
    return weights, chosen, rows
