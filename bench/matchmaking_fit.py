"""Fit the default matchmaking weights on a past/future split of generated training worlds.

Reproducible: the same command gives the same weights (every random choice is seeded).

Training data. Both generators of :mod:`bench.matchmaking_common` at seeds
101–104 — the hubs world with its parameters drawn around their defaults for each
seed (:func:`vdk_graph.synth.hubs.random_parameters`), so the fit does not learn
one world's settings; the benchmark reports seeds 1–3, which are never used here.
Each world is cut at 2020 and imported as a user would. For every organisation
that gains new partners in 2021–2024 (up to 400 a world) the library computes
every signal over its candidates (:func:`vdk_graph.matchmaking.suggestions.raw_signals`,
every weight 1), so the fitted weights mean exactly what they mean at inference.

Units. Each signal's unit is the 99th percentile of its positive values over the
training candidates; values are divided by it and capped at 1
(:func:`vdk_graph.matchmaking.scoring.normalised`).

The model. Matchmaking's score is a weighted sum of the normalised signals. Read
as a choice model — the chance that a candidate becomes a new partner is
proportional to ``exp(score)`` — its weights are fitted by maximum likelihood
(softmax over each query's candidates, the new partners as the choices; L-BFGS-B,
weights ≥ 0, 300 sampled non-partners a query, importance-weighted). That is a
smooth stand-in for nDCG that needs no hand-set grid. Two sets are fitted: for
organisations with projects, and for a cold start (no project yet); a signal that
is never present for a cold start (common partners, text …) keeps the value of
the first set.

Damping. Popularity and activity predict well and put the same organisations in
every list. They are damped by an L2 penalty on their two weights, as far as it
costs at most :data:`DAMPING_COST` of the best margin over the best baseline on
the training worlds (mean over worlds and slices of log(ours ÷ best of degree, recent
activity, common neighbours, Adamic–Adar), each capped at :data:`CAP`).
``repeat`` cannot be learnt (only existing partners have it, and they are never a
*new* pair): it keeps 1.

Exposure. Then the ``exposure`` penalty (:mod:`vdk_graph.matchmaking.scoring`): each
candidate's share of the lists of the organisations
:func:`~vdk_graph.matchmaking.suggestions.exposure_sample` picks in that world, ranked
with the weights just fitted (the library's :func:`~vdk_graph.matchmaking.suggestions.exposure_of`,
computed here from the same signals), subtracted with the strengths of :data:`EXPOSURES`.
Each is reported (margin, nDCG, least diversity of a group: the frontier between the two
targets), on every place and *position-aware* — sparing the first :data:`KEEPS` places, which
keep the strongest evidence (``suggest(…, keep_first=7)``): nDCG@10 weighs the first places
most, so spreading only the last ones costs far less accuracy per point of diversity. The
default is the smallest strength on every place with which every group of training
queries reaches :data:`DIVERSITY_TARGET` while the margin stays at least log(:data:`TARGET`)
— both targets at once (no position-aware row meets both either; each is printed). When no
strength does, the targets conflict on these worlds and the default is 0: accuracy first, as
for the damping; a caller may still ask for more spread lists (``--weights exposure=8`` and
``keep_first=7``).

    python bench/matchmaking_fit.py                      # fit and print (about 2 minutes)
    python bench/matchmaking_fit.py --write              # … and write vdk_graph/matchmaking/fitted.py
    python bench/matchmaking_fit.py --holdout 103 104    # fit on 101–102, report on 103–104
"""

from __future__ import annotations

import argparse
import dataclasses
import math
import pickle
import pprint
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from scipy.optimize import minimize

sys.path.insert(0, str(Path(__file__).parent.parent))
from bench.common import OUTPUT, table  # noqa: E402
from bench.matchmaking_cold import FACTORS, HEADERS, head_factor  # noqa: E402
from bench.matchmaking_common import CUTOFF, GENERATORS, K, build_world  # noqa: E402
from vdk_graph.matchmaking.index import MatchIndex  # noqa: E402
from vdk_graph.matchmaking.scoring import KEEP_FIRST, PENALTIES, SIGNAL_NAMES, Weights, uncapped  # noqa: E402
from vdk_graph.matchmaking.signals import Profile  # noqa: E402
from vdk_graph.matchmaking.suggestions import exposure_sample, raw_signals  # noqa: E402
from vdk_graph.synth.hubs import random_parameters  # noqa: E402

FITTED = Path(__file__).parent.parent / "vdk_graph" / "matchmaking" / "fitted.py"
TRAINING_SEEDS = (101, 102, 103, 104)
#: Damping tried, smallest first; the largest that costs at most DAMPING_COST of the margin is kept.
DAMPINGS = (0.0, 0.01, 0.03, 0.1, 0.3, 1.0)
DAMPING_COST = 0.02
FIXED = {"repeat": 1.0}
LEARNT = tuple(n for n in SIGNAL_NAMES if n not in FIXED and n not in PENALTIES)
#: Exposure penalty strengths tried (see the module docstring), and the targets the default must meet.
EXPOSURES = (0.0, 0.5, 1.0, 2.0, 4.0, 8.0, 16.0)
#: How many first places the penalty spares (``suggest(keep_first=…)``): 0 (every place) and these.
KEEPS = (0, 6, KEEP_FIRST, 8)
TARGET = 1.05
DIVERSITY_TARGET = 0.15
#: Evidence tie-break, as :func:`vdk_graph.matchmaking.scoring.combine` orders equal scores (tiny weight).
TIE = 1e-7
#: Diversity (distinct organisations / suggestions shown) depends on how many lists are pooled: it is
#: counted per this many queries, as the benchmark counts it (and the independent evaluation did).
DIVERSITY_QUERIES = 200


@dataclass
class Matrix:
    """One query: its candidates' normalised signals (rows), relevance, and the ideal DCG."""

    features: np.ndarray
    relevant: np.ndarray
    ideal: float
    tiebreak: np.ndarray
    candidates: list[str]
    #: Which training world it is from.
    world: int
    newcomer: bool
    #: Diversity is counted per group of :data:`DIVERSITY_QUERIES` queries of one world.
    group: int = 0


def matrices(world_args: list[tuple[str, int]], orgs: int, sample: int) -> tuple[list[Matrix], list[Matrix]]:
    """The training queries of every world, and the questions its exposure is measured on (the
    organisations :func:`~vdk_graph.matchmaking.suggestions.exposure_sample` picks; no truth)."""
    out: list[Matrix] = []
    samples: list[Matrix] = []
    discount = 1.0 / np.log2(np.arange(2, K + 2))
    for number, (generator, seed) in enumerate(world_args):
        parameters = random_parameters(seed) if generator == "hubs" else None
        world = build_world(generator, orgs, seed, sample=sample, parameters=parameters)
        print(world.note, flush=True)
        index = world.index
        for number_in_world, q in enumerate(world.queries):
            ideal = float(discount[: min(K, len(q.relevant))].sum())
            out.append(_matrix(index, q.org, q.relevant, ideal, number, q.newcomer,
                               number * 1000 + number_in_world // DIVERSITY_QUERIES))
        for org in exposure_sample(index):
            samples.append(_matrix(index, org, set(), 1.0, number, not index.has_history(org), -1))
    return out, samples


def _matrix(index: MatchIndex, org: str, relevant: set[str], ideal: float, world: int, newcomer: bool,
            group: int) -> Matrix:
    """One question's candidates (everyone not tied to ``org`` some signal reaches) and their raw signals."""
    everything = Weights(**{n: 1.0 for n in SIGNAL_NAMES})
    tied = {org} | index.relations.get(org, set())
    raw = raw_signals(index, Profile.of_organisation(index, org), everything, exclude=tied)
    pool = sorted({c for values in raw.values() for c in values})
    position = {c: i for i, c in enumerate(pool)}
    features = np.zeros((len(pool), len(LEARNT)))
    for j, name in enumerate(LEARNT):
        for c, v in raw.get(name, {}).items():
            features[position[c], j] = v
    tiebreak = np.array([(features[i] > 0).sum() + 1e-3 * len(index.recent.get(c, ()))
                         + 1e-6 * index.degree.get(c, 0) for i, c in enumerate(pool)])
    return Matrix(features, np.array([c in relevant for c in pool], dtype=float), ideal, tiebreak, pool,
                  world, newcomer, group)


#: The baselines the fit measures itself against, each ranking by one raw signal (see the benchmark).
BASELINE_SIGNALS = {"degree": "popularity", "recent activity": "activity",
                    "common neighbours": "common_partners",
                    "Adamic–Adar": "adamic_adar"}
#: A world's ratio to its best baseline counts up to this much: beyond it, winning more buys nothing.
CAP = 1.5
#: Newcomers count as a slice of a world only with at least this many queries (fewer are noise).
MIN_SLICE = 20


def _ranked_ndcg(scores: np.ndarray, q: Matrix, penalty: np.ndarray | None = None,
                 keep_first: int = 0, floor: float = 0.0) -> tuple[float, np.ndarray]:
    """nDCG@10 of ranking the query's candidates by ``scores`` minus ``penalty`` (only candidates with a
    positive score before the penalty are shown, as :func:`vdk_graph.matchmaking.scoring.combine` does);
    with ``keep_first``, the penalty spares the first that many places, and with ``floor`` a less penalised
    candidate displaces the unpenalised order's only with at least ``floor`` × its evidence, as ``combine``
    does then."""
    discount = 1.0 / np.log2(np.arange(2, K + 2))
    shown = scores > 0
    evidence = scores + TIE * q.tiebreak
    first = _top(np.where(shown, evidence, -np.inf), min(keep_first, K), shown)
    if penalty is not None:
        scores = scores - penalty
    rest = shown.copy()
    rest[first] = False
    tail = _top(np.where(rest, scores + TIE * q.tiebreak, -np.inf), K - len(first), rest)
    if floor and penalty is not None:
        tail, kept = _floored(tail, _top(np.where(rest, evidence, -np.inf), K - len(first), rest), evidence,
                              floor)
        shown_score = np.where(kept, evidence[tail], scores[tail] + TIE * q.tiebreak[tail])
        tail = tail[np.argsort(-shown_score, kind="stable")]  # as combine shows them: by score
    top = np.concatenate([first, tail]).astype(int)
    return float((q.relevant[top] * discount[: len(top)]).sum()) / q.ideal, top


def _floored(challengers: np.ndarray, incumbents: np.ndarray, evidence: np.ndarray,
             floor: float) -> tuple[np.ndarray, np.ndarray]:
    """The places of :func:`vdk_graph.matchmaking.scoring._floored`: each to the best remaining candidate by
    penalised score, unless its evidence is under ``floor`` × the best remaining one's by evidence alone;
    and which places went to that incumbent (shown unpenalised)."""
    taken: set[int] = set()
    out: list[int] = []
    kept: list[bool] = []
    c = i = 0
    while len(out) < len(challengers):
        while challengers[c] in taken:
            c += 1
        while incumbents[i] in taken:
            i += 1
        pick = int(challengers[c])
        keep = pick == incumbents[i] or evidence[pick] < floor * evidence[incumbents[i]]
        if keep:
            pick = int(incumbents[i])
        taken.add(pick)
        out.append(pick)
        kept.append(bool(keep))
    return np.array(out, dtype=int), np.array(kept, dtype=bool)


def _top(scores: np.ndarray, k: int, shown: np.ndarray) -> np.ndarray:
    """The (up to) ``k`` best of the ``shown`` candidates by ``scores``, best first."""
    k = min(k, int(shown.sum()))
    if k <= 0:
        return np.arange(0)
    top = np.argpartition(-scores, k - 1)[:k] if len(scores) > k else np.arange(len(scores))
    return top[np.argsort(-scores[top], kind="stable")][:k]


def exposures(samples: list[Matrix], established: np.ndarray,
              cold: np.ndarray) -> dict[int, dict[str, float]]:
    """World → candidate → the share of the world's sampled lists it is in, ranked with these weights
    (what :func:`vdk_graph.matchmaking.suggestions.exposure_of` computes, from the same signals)."""
    counts: dict[int, dict[str, int]] = {}
    asked: dict[int, int] = {}
    for q in samples:
        _, top = _ranked_ndcg(q.features @ (cold if q.newcomer else established), q)
        asked[q.world] = asked.get(q.world, 0) + 1
        seen = counts.setdefault(q.world, {})
        for j in top:
            seen[q.candidates[j]] = seen.get(q.candidates[j], 0) + 1
    return {w: {c: n / asked[w] for c, n in seen.items()} for w, seen in counts.items()}


@dataclass
class Result:
    """How one pair of weight vectors does on the training queries."""

    ndcg: float
    established: float
    cold: float
    #: The least diversity of any group of training queries (distinct suggested / suggestions shown).
    diversity: float
    #: Mean over worlds and slices of log(min(CAP, ours ÷ best baseline)): what the fit maximises.
    margin: float
    #: The least ours ÷ best baseline of any world, overall or for its newcomers (the target: ≥ TARGET).
    worst: float = 0.0
    #: As ``margin``, over the newcomer slices alone (what the cold-start search maximises).
    cold_margin: float = 0.0
    #: The least ours ÷ best baseline of any world's newcomers.
    cold_worst: float = 0.0


class Trainer:
    """The training queries, their baselines (computed once), and each weight set's results (cached)."""

    def __init__(self, raw: list[Matrix], queries: list[Matrix]) -> None:
        self.queries = queries
        self.best: dict[tuple[int, bool | None], float] = {}
        per: dict[tuple[int, bool | None], list[list[float]]] = {}
        columns = [LEARNT.index(signal) for signal in BASELINE_SIGNALS.values()]
        for q_raw in raw:
            values = [_ranked_ndcg(q_raw.features[:, j].copy(), q_raw)[0] for j in columns]
            for key in ((q_raw.world, None), (q_raw.world, q_raw.newcomer)):
                per.setdefault(key, []).append(values)
        for key, rows in per.items():
            self.best[key] = float(np.array(rows).mean(axis=0).max())
        self.sizes = {key: len(rows) for key, rows in per.items()}
        self.cache: dict[bool, tuple[bytes, list[tuple[float, np.ndarray]]]] = {}
        #: Each query's candidates' exposure (see :meth:`expose`); none until given.
        self.exposure: list[np.ndarray] | None = None
        #: The floor on the penalised places (``suggest(floor=…)``; ``bench/matchmaking_tail.py`` sets it).
        self.floor = 0.0

    def expose(self, shares: dict[int, dict[str, float]]) -> None:
        """Each query's candidates' exposure, from :func:`exposures`."""
        self.exposure = [np.array([shares.get(q.world, {}).get(c, 0.0) for c in q.candidates])
                         for q in self.queries]
        self.cache.clear()

    def _part(self, newcomer: bool, weights: np.ndarray, strength: float,
              keep_first: int = 0) -> list[tuple[float, np.ndarray]]:
        key = weights.tobytes() + repr((strength, keep_first, self.floor)).encode()
        cached = self.cache.get(newcomer)
        if cached is None or cached[0] != key:
            nothing = (0.0, np.arange(0))
            penalties = self.exposure if strength and self.exposure is not None else None
            cached = (key, [_ranked_ndcg(q.features @ weights, q,
                                         strength * penalties[i] if penalties is not None else None,
                                         keep_first if penalties is not None else 0, self.floor)
                            if q.newcomer == newcomer else nothing
                            for i, q in enumerate(self.queries)])
            self.cache[newcomer] = cached
        return cached[1]

    def evaluate(self, established: np.ndarray, cold: np.ndarray, exposure: float = 0.0,
                 keep_first: int = 0) -> Result:
        parts = {False: self._part(False, established, exposure, keep_first),
                 True: self._part(True, cold, exposure, keep_first)}
        sums: dict[tuple[int, bool | None], float] = {}
        shown: dict[int, int] = {}
        distinct: dict[int, set[str]] = {}
        for i, q in enumerate(self.queries):
            value, top = parts[q.newcomer][i]
            for key in ((q.world, None), (q.world, q.newcomer)):
                sums[key] = sums.get(key, 0.0) + value
            shown[q.group] = shown.get(q.group, 0) + len(top)
            distinct.setdefault(q.group, set()).update(q.candidates[j] for j in top)
        logs, ratios, cold_logs, cold_ratios = [], [], [], []
        for key, total in sums.items():
            if key[1] is False or self.sizes[key] < MIN_SLICE or self.best[key] <= 0:
                continue
            ratios.append(total / self.sizes[key] / self.best[key])
            logs.append(math.log(max(1e-6, min(CAP, ratios[-1]))))
            if key[1] is True:
                cold_ratios.append(ratios[-1])
                cold_logs.append(logs[-1])
        count = {flag: sum(q.newcomer == flag for q in self.queries) for flag in (False, True)}
        slice_sum = {flag: sum(v for (w, f), v in sums.items() if f is flag) for flag in (False, True)}
        return Result(
            ndcg=(slice_sum[False] + slice_sum[True]) / max(len(self.queries), 1),
            established=slice_sum[False] / max(count[False], 1), cold=slice_sum[True] / max(count[True], 1),
            diversity=min((len(distinct[g]) / shown[g] for g in shown), default=0.0),
            margin=sum(logs) / max(len(logs), 1), worst=min(ratios, default=0.0),
            cold_margin=sum(cold_logs) / max(len(cold_logs), 1), cold_worst=min(cold_ratios, default=0.0),
        )


def evaluate(queries: list[Matrix], established: np.ndarray, cold: np.ndarray) -> Result:
    """nDCG@10 (all, established, cold start), the least diversity over the groups, the margin."""
    return Trainer(queries, queries).evaluate(established, cold)


def choice_model(queries: list[Matrix], newcomer: bool, damping: float, negatives: int = 300,
                 seed: int = 0) -> np.ndarray:
    """Maximum-likelihood weights of the softmax choice model (see the module docstring)."""
    rng = np.random.default_rng(seed)
    rows, chosen, weight, query = [], [], [], []
    for q in queries:
        if q.newcomer != newcomer or not q.relevant.any():
            continue
        positive, negative = np.flatnonzero(q.relevant > 0), np.flatnonzero(q.relevant == 0)
        factor = 1.0
        if len(negative) > negatives:
            factor = len(negative) / negatives
            negative = rng.choice(negative, negatives, replace=False)
        picked = np.concatenate([positive, negative])
        rows.append(q.features[picked])
        chosen.append(np.concatenate([np.ones(len(positive)), np.zeros(len(negative))]))
        weight.append(np.concatenate([np.ones(len(positive)), np.full(len(negative), factor)]))
        query.append(np.full(len(picked), len(query)))
    if not rows:
        return np.zeros(len(LEARNT))
    x, y, w, g = np.vstack(rows), np.concatenate(chosen), np.concatenate(weight), np.concatenate(query)
    n = len(rows)
    chosen_count = np.zeros(n)
    np.add.at(chosen_count, g, y)
    damped = [LEARNT.index("popularity"), LEARNT.index("activity")]

    def loss(beta: np.ndarray) -> tuple[float, np.ndarray]:
        s = x @ beta
        top = np.full(n, -np.inf)
        np.maximum.at(top, g, s)
        e = w * np.exp(s - top[g])
        z = np.zeros(n)
        np.add.at(z, g, e)
        log_z = np.log(z) + top
        value = -float((y * (s - log_z[g]) / chosen_count[g]).sum()) / n
        grad = x.T @ (e / z[g] - y / chosen_count[g]) / n
        value += damping * float((beta[damped] ** 2).sum())
        grad[damped] += 2 * damping * beta[damped]
        return value, grad

    result = minimize(loss, np.full(len(LEARNT), 0.5), jac=True, method="L-BFGS-B",
                      bounds=[(0.0, None)] * len(LEARNT))
    return np.round(result.x, 3)


def fit(trainer: Trainer, dampings: tuple[float, ...]) -> tuple[np.ndarray, np.ndarray, float]:
    """Both weight sets, damped as far as :data:`DAMPING_COST` allows; and the damping chosen."""
    present = {flag: np.array([any(q.features[:, j].any() for q in trainer.queries if q.newcomer == flag)
                               for j in range(len(LEARNT))]) for flag in (False, True)}
    tried = []
    for damping in dampings:
        established = choice_model(trainer.queries, False, damping)
        cold = np.where(present[True], choice_model(trainer.queries, True, damping), established)
        result = trainer.evaluate(established, cold)
        print(f"damping {damping:g}: margin {result.margin:+.4f}, nDCG@10 {result.ndcg:.4f} (established "
              f"{result.established:.4f}, cold start {result.cold:.4f}), least diversity of a group "
              f"{result.diversity:.1%}", flush=True)
        tried.append((damping, result.margin, established, cold))
    best_margin = max(margin for _, margin, _, _ in tried)
    damping, _, established, cold = [t for t in tried if t[1] >= best_margin - DAMPING_COST][-1]
    return established, cold, damping


def fit_exposure(trainer: Trainer, samples: list[Matrix], established: np.ndarray, cold: np.ndarray,
                 ) -> tuple[float, list[list[str]]]:
    """The exposure penalty's default strength (see the module docstring), and the frontier as rows: every
    strength on every place (``keep_first`` 0, what the default would be) and sparing the first places
    (:data:`KEEPS`, asked per call)."""
    trainer.expose(exposures(samples, established, cold))
    rows, chosen = [], None
    for keep_first in KEEPS:
        for strength in EXPOSURES if keep_first == 0 else EXPOSURES[1:]:
            result = trainer.evaluate(established, cold, strength, keep_first)
            rows.append([f"{strength:g}", f"{keep_first}", f"{result.margin:+.4f}", f"{result.worst:.2f}",
                         f"{result.ndcg:.4f}", f"{result.established:.4f}", f"{result.cold:.4f}",
                         f"{result.diversity:.1%}"])
            met = result.diversity >= DIVERSITY_TARGET and result.margin >= math.log(TARGET)
            if chosen is None and keep_first == 0 and met:
                chosen = strength
    return (chosen if chosen is not None else 0.0), rows


def reweighting_frontier(trainer: Trainer, established: np.ndarray, cold: np.ndarray, count: int,
                         seed: int = 0) -> list[list[str]]:
    """Is the conflict the fit's, or the signals'? ``count`` weight sets drawn around the fitted ones
    (each weight times exp(N(0, s)), s of 0.5, 1 or 2, a fifth of them set to 0, and a third of the sets
    without popularity and activity), each ranked without exposure penalty: the sets no other beats
    on both the least diversity of a group and the worst ratio to the best baseline (the Pareto front)."""
    rng = np.random.default_rng(seed)
    found = [("fitted", trainer.evaluate(established, cold))]
    static = [LEARNT.index("popularity"), LEARNT.index("activity")]
    for number in range(count):
        scale = rng.choice([0.5, 1.0, 2.0])
        sets = []
        for base in (established, cold):
            weights = base * np.exp(rng.normal(0, scale, len(base))) * (rng.random(len(base)) > 0.2)
            if number % 3 == 0:
                weights[static] = 0.0
            sets.append(weights)
        found.append((f"draw {number}", trainer.evaluate(*sets)))
    rows, best = [], -math.inf
    for name, result in sorted(found, key=lambda nr: (-nr[1].diversity, -nr[1].worst)):
        if result.worst > best:
            best = result.worst
            rows.append([name, f"{result.diversity:.1%}", f"{result.worst:.2f}", f"{result.margin:+.4f}"])
    return rows


def fit_units(queries: list[Matrix]) -> np.ndarray:
    """Each signal's unit: the 99th percentile of its positive raw values over every training candidate."""
    features = np.vstack([q.features for q in queries])
    units = []
    for j in range(features.shape[1]):
        positive = features[features[:, j] > 0, j]
        units.append(float(np.percentile(positive, 99)) if len(positive) else 1.0)
    return np.array(units)


def scaled(query: Matrix, units: np.ndarray, cold_uncapped: bool = False) -> Matrix:
    """The query with its signals in their units, capped at 1 as :func:`vdk_graph.matchmaking.scoring.scores`
    caps them (with ``cold_uncapped``, a cold start's :data:`~vdk_graph.matchmaking.scoring.COLD_UNCAPPED`
    are not capped, as ``suggest(…, cold_uncapped=True)`` does)."""
    caps = np.array([np.inf if n in uncapped(cold_uncapped and query.newcomer) else 1.0 for n in LEARNT])
    return dataclasses.replace(query, features=np.minimum(caps, query.features / units))


def write(established: dict[str, float], cold: dict[str, float], units: dict[str, float],
          provenance: dict[str, object], head: dict[str, float]) -> None:
    FITTED.write_text(f'''"""The fitted default weights, written by ``bench/matchmaking_fit.py``, not by hand.

Refit with ``python bench/matchmaking_fit.py --write`` after changing a signal; see that
script for how (a choice model fitted by maximum likelihood on a past/future split of
generated training worlds, seeds the benchmark never reports, popularity damped) and
``docs/decisions/0008-matchmaking-signals.md`` for why.
"""

from __future__ import annotations

#: Weights for an organisation with a project history.
ESTABLISHED: dict[str, float] = {pprint.pformat(established, width=100, sort_dicts=False)}
#: Weights for a cold start (no project recorded yet): only kind, fields, place and activity can speak.
COLD_START: dict[str, float] = {pprint.pformat(cold, width=100, sort_dicts=False)}
#: The cold-start option tuned for the first ten places (bench/matchmaking_cold.py): changes to COLD_START,
#: asked per call for an organisation with no project (``--weights popularity=…``); not the default.
COLD_HEAD: dict[str, float] = {pprint.pformat(head, width=100, sort_dicts=False)}
#: Each signal's unit: values are divided by it and capped at 1 (see vdk_graph.matchmaking.scoring).
UNITS: dict[str, float] = {pprint.pformat(units, width=100, sort_dicts=False)}
#: How the weights were fitted (shown by the benchmark and the ADR).
PROVENANCE: dict[str, object] = {pprint.pformat(provenance, width=100, sort_dicts=False)}
''', encoding="utf-8")
    print(f"wrote {FITTED}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--generators", nargs="+", default=list(GENERATORS), choices=GENERATORS)
    parser.add_argument("--seeds", nargs="+", type=int, default=list(TRAINING_SEEDS))
    parser.add_argument("--orgs", type=int, default=1500)
    parser.add_argument("--sample", type=int, default=400)
    parser.add_argument("--holdout", nargs="*", type=int, default=[],
                        help="training seeds left out of the fit and reported (to compare choices)")
    parser.add_argument("--write", action="store_true", help="write vdk_graph/matchmaking/fitted.py")
    parser.add_argument("--cache", action="store_true",
                        help="reuse the training matrices of an earlier run (bench/output)")
    parser.add_argument("--head-factors", type=float, nargs="*", default=list(FACTORS), metavar="λ",
                        help="the factors tried on the cold-start popularity weight, the best for newcomers' "
                             "nDCG@10 kept (bench/matchmaking_cold.py; none: the choice model's weights)")
    parser.add_argument("--cold-uncapped", action="store_true",
                        help="fit with a cold start's popularity, activity and field activity uncapped, as "
                             "suggest(cold_uncapped=True) scores them (with --write: for that option only)")
    parser.add_argument("--head-default", action="store_true",
                        help="make the head factor's cold-start weights the default (else written as "
                             "the COLD_HEAD option: they cost the hubs worlds diversity, see the ADR)")
    parser.add_argument("--frontier", type=int, default=0, metavar="N",
                        help="also draw N weight sets around the fitted ones and print their Pareto front "
                             "(least diversity against the worst ratio to the best baseline)")
    args = parser.parse_args(argv)
    if set(args.seeds) & {1, 2, 3}:
        raise SystemExit("seeds 1, 2 and 3 are the benchmark's: fit on others")
    started = time.perf_counter()
    worlds = [(g, s) for g in args.generators for s in args.seeds]
    name = (f"fit-{'-'.join(args.generators)}-{'-'.join(map(str, args.seeds))}-{args.orgs}-{args.sample}"
            f"-exposure")
    cache = OUTPUT / f"{name}.pickle"
    if args.cache and cache.exists():
        queries, samples = pickle.loads(cache.read_bytes())
    else:
        queries, samples = matrices(worlds, args.orgs, args.sample)
        OUTPUT.mkdir(exist_ok=True)
        cache.write_bytes(pickle.dumps((queries, samples)))
    cold_count = sum(q.newcomer for q in queries)
    print(f"{len(queries) - cold_count} established and {cold_count} cold-start training queries, "
          f"{len(samples)} exposure questions ({time.perf_counter() - started:.0f} s)")
    held = {i for i, (_, seed) in enumerate(worlds) if seed in args.holdout}
    training = [q for q in queries if q.world not in held]
    units = fit_units(training)
    trainer = Trainer(training, [scaled(q, units, args.cold_uncapped) for q in training])
    fitted_established, fitted_cold, damping = fit(trainer, DAMPINGS)
    head, head_cold = 1.0, fitted_cold
    if args.head_factors:
        head_cold, head, rows = head_factor(trainer, fitted_established, fitted_cold,
                                            LEARNT.index("popularity"), tuple(args.head_factors))
        print("\ncold start: the popularity weight times a head factor, the best newcomers' margin kept\n")
        print(table(HEADERS, rows))
        print(f"head factor: {head:g} ({'the default' if args.head_default else 'an option'})\n", flush=True)
        if args.head_default:
            fitted_cold = head_cold
    scaled_samples = [scaled(q, units, args.cold_uncapped) for q in samples]
    strength, frontier = fit_exposure(trainer, [q for q in scaled_samples if q.world not in held],
                                      fitted_established, fitted_cold)
    print(f"\nexposure penalty: the frontier on the training worlds (target: margin ≥ log {TARGET} = "
          f"{math.log(TARGET):+.4f} and least diversity ≥ {DIVERSITY_TARGET:.0%})\n")
    print(table(["exposure", "keep first", "margin", "worst ratio", "nDCG@10", "established", "cold start",
                 "least diversity"], frontier))
    print(f"default exposure strength: {strength:g}"
          + ("" if strength else " (no strength meets both targets on the training worlds: accuracy first)"))
    if args.frontier:
        print(f"\nreweighting the signals ({args.frontier} draws): the Pareto front of least diversity "
              f"against the worst world's ratio (overall or newcomers) to its best baseline\n")
        print(table(["weights", "least diversity", "worst ratio", "margin"],
                    reweighting_frontier(trainer, fitted_established, fitted_cold, args.frontier)))
    if held:
        validation = [q for q in queries if q.world in held]
        check = Trainer(validation, [scaled(q, units, args.cold_uncapped) for q in validation])
        check.expose(exposures([q for q in scaled_samples if q.world in held], fitted_established,
                               fitted_cold))
        result = check.evaluate(fitted_established, fitted_cold, strength)
        print(f"validation (seeds {' '.join(map(str, args.holdout))}): {result}")
        for world in sorted(held):
            part = [q for q in validation if q.world == world]
            one = Trainer(part, [scaled(q, units, args.cold_uncapped) for q in part])
            one.expose(exposures([q for q in scaled_samples if q.world == world], fitted_established,
                                 fitted_cold))
            found = one.evaluate(fitted_established, fitted_cold, strength)
            print(f"  {worlds[world]}: margin {found.margin:+.3f}, nDCG {found.ndcg:.4f} "
                  f"(cold {found.cold:.4f}, newcomers' ratio {found.cold_worst:.3f}), "
                  f"diversity {found.diversity:.1%}")
    rows = [[name, f"{fitted_established[j]:g}", f"{fitted_cold[j]:g}"] for j, name in enumerate(LEARNT)]
    rows += [[name, f"{value:g}", f"{value:g}"] for name, value in FIXED.items()]
    rows += [["exposure", f"{strength:g}", f"{strength:g}"]]
    print()
    print(table(["signal", "established", "cold start"], rows))
    result = trainer.evaluate(fitted_established, fitted_cold, strength)
    print(f"training nDCG@10 {result.ndcg:.4f}: established {result.established:.4f}, cold start "
          f"{result.cold:.4f}; least diversity of a group {result.diversity:.1%}")
    print(f"({time.perf_counter() - started:.0f} s)")
    if args.write:
        as_dict = lambda w: {**{n: float(w[j]) for j, n in enumerate(LEARNT)}, **FIXED,  # noqa: E731
                             "exposure": strength}
        unit_of = {n: round(float(units[j]), 6) for j, n in enumerate(LEARNT)}
        units_written = {**unit_of, "repeat": round(math.log(6), 6), "exposure": 1.0}
        popularity = LEARNT.index("popularity")
        changed = head_cold[popularity] != fitted_cold[popularity]
        head_changes = {"popularity": float(head_cold[popularity])} if changed else {}
        provenance: dict[str, object] = {
            "fitted": True, "script": "bench/matchmaking_fit.py",
            "worlds": [f"{g} seed {s}" for g, s in worlds], "cutoff": CUTOFF, "organisations": args.orgs,
            "queries": {"established": len(queries) - cold_count, "cold start": cold_count},
            "model": "softmax choice model (maximum likelihood), weights >= 0", "damping": damping,
            "cold_start": (f"the choice model's, popularity × {head:g} (the head factor of "
                           f"{', '.join(f'{f:g}' for f in args.head_factors)} with the best newcomers' "
                           "margin, bench/matchmaking_cold.py)" if args.head_default
                           else "the choice model's"),
            "cold_head_factor": head,
            "training_ndcg10": {"all": round(result.ndcg, 4), "established": round(result.established, 4),
                                "cold start": round(result.cold, 4)},
            "training_least_diversity": round(result.diversity, 4),
            "training_margin": round(result.margin, 4),
            "exposure_frontier": {float(row[0]): {"margin": float(row[2]), "worst_ratio": float(row[3]),
                                                  "least_diversity": row[7]}
                                  for row in frontier if row[1] == "0"},
            "exposure_frontier_keep_first": {
                f"{row[0]} keep {row[1]}": {"margin": float(row[2]), "worst_ratio": float(row[3]),
                                            "least_diversity": row[7]} for row in frontier if row[1] != "0"},
        }
        write(as_dict(fitted_established), as_dict(fitted_cold), units_written, provenance, head_changes)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
