"""Why do newcomers only tie the activity baseline in some hubs worlds? Ablation and refits (training worlds).

Issue 12 asks that organisations with no project before the cut-off (*newcomers*, a cold start) get
suggestions at least 1.05 × as good (nDCG@10) as the best baseline. This script looks only at the
*training* worlds of ``bench/matchmaking_fit.py`` (its cached matrices; seeds 101–104, never the
benchmark's), at their newcomer queries, with the shipped units
(:data:`vdk_graph.matchmaking.fitted.UNITS`) and prints:

* per world, the newcomers' nDCG@10 with the shipped cold-start weights against degree and recent
  activity, and each signal alone and each signal left out (the ablation);
* what the activity baseline finds that we miss: the new partners in its top ten and not in ours,
  against those in ours and not in its, by their (normalised) signals;
* cold-start weights refitted with another damping of popularity and activity (``--dampings``), and
  with the units of the candidate-level signals (popularity, activity, field activity) at other
  percentiles of the newcomers' candidates or uncapped (``--percentiles``, ``inf``: no cap);
* with ``--grid``: the popularity weight × 1, 2, 3 (``bench/matchmaking_cold.py``'s head factor)
  together with complementarity × 0 or 1, field activity and activity × 0.5 or 1, geography × 1 or 2,
  on every training query (the full cache; the weights for organisations with projects as shipped):
  the newcomers' margin, the worst newcomers' ratio, the margin and the least diversity of a group —
  is there a cold-start weighting more accurate for newcomers that does not cost diversity? And, last,
  the shipped weights with a cold start's popularity, activity and field activity uncapped
  (``suggest(…, cold_uncapped=True)``).

Reproducible: no random choice that is not seeded.

    python bench/matchmaking_fit.py                # once: builds and caches the training matrices
    python bench/matchmaking_newcomers.py          # about a minute
"""

from __future__ import annotations

import argparse
import dataclasses
import itertools
import pickle
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).parent.parent))
from bench.common import OUTPUT, table  # noqa: E402
from bench.matchmaking_common import GENERATORS  # noqa: E402
from bench.matchmaking_fit import (  # noqa: E402
    BASELINE_SIGNALS,
    LEARNT,
    TRAINING_SEEDS,
    Matrix,
    Trainer,
    _ranked_ndcg,
    choice_model,
    scaled,
)
from vdk_graph.matchmaking import fitted  # noqa: E402

WORLDS = [(g, s) for g in GENERATORS for s in TRAINING_SEEDS]
#: The candidate-level signals whose units ``--percentiles`` moves.
HEAVY = ("popularity", "activity", "field_activity")


def full_cache(orgs: int = 1500, sample: int = 400) -> list[Matrix]:
    name = f"fit-{'-'.join(GENERATORS)}-{'-'.join(map(str, TRAINING_SEEDS))}-{orgs}-{sample}-exposure"
    cache = OUTPUT / f"{name}.pickle"
    if not cache.exists():
        raise SystemExit(f"no training matrices at {cache}: run python bench/matchmaking_fit.py first")
    everything: list[Matrix] = pickle.loads(cache.read_bytes())[0]
    return everything


def weights_array(weights: dict[str, float]) -> np.ndarray:
    return np.array([weights[name] for name in LEARNT])


def newcomer_queries(orgs: int = 1500, sample: int = 400) -> tuple[list[Matrix], list[Matrix]]:
    """The training newcomers' matrices, raw and in the shipped units (cached apart: the full one is big)."""
    small = OUTPUT / f"newcomers-{orgs}-{sample}.pickle"
    if small.exists():
        raw: list[Matrix] = pickle.loads(small.read_bytes())
    else:
        raw = [q for q in full_cache(orgs, sample) if q.newcomer]
        small.write_bytes(pickle.dumps(raw))
    units = np.array([fitted.UNITS[n] for n in LEARNT])
    return raw, [scaled(q, units) for q in raw]


def ndcgs(queries: list[Matrix], scores: list[np.ndarray]) -> np.ndarray:
    return np.array([_ranked_ndcg(s, q)[0] for q, s in zip(queries, scores, strict=True)])


def baselines(raw: list[Matrix]) -> dict[str, np.ndarray]:
    """Each baseline's nDCG@10 per query (ranking by one raw signal, as the fit's baselines do)."""
    return {name: ndcgs(raw, [q.features[:, LEARNT.index(signal)].copy() for q in raw])
            for name, signal in BASELINE_SIGNALS.items()}


def per_world(values: np.ndarray, queries: list[Matrix]) -> dict[int, float]:
    worlds = np.array([q.world for q in queries])
    return {w: float(values[worlds == w].mean()) for w in sorted(set(worlds))}


def ratios(ours: np.ndarray, base: dict[str, np.ndarray], queries: list[Matrix]) -> dict[int, float]:
    """World → our newcomers' nDCG@10 ÷ the best baseline's there."""
    mine = per_world(ours, queries)
    best = {w: max(per_world(v, queries)[w] for v in base.values()) for w in mine}
    return {w: mine[w] / best[w] if best[w] else float("nan") for w in mine}


def missed(queries: list[Matrix], ours: list[np.ndarray], theirs: list[np.ndarray]) -> list[list[str]]:
    """Mean normalised signals of the new partners only the baseline's top ten holds, and only ours."""
    only_theirs, only_ours = [], []
    for q, a, b in zip(queries, ours, theirs, strict=True):
        _, top_a = _ranked_ndcg(a, q)
        _, top_b = _ranked_ndcg(b, q)
        hits_a = {int(j) for j in top_a if q.relevant[j]}
        hits_b = {int(j) for j in top_b if q.relevant[j]}
        only_theirs += [q.features[j] for j in hits_b - hits_a]
        only_ours += [q.features[j] for j in hits_a - hits_b]
    rows = []
    for label, found in (("only the baseline's", only_theirs), ("only ours", only_ours)):
        mean = np.mean(found, axis=0) if found else np.zeros(len(LEARNT))
        rows.append([label, str(len(found)), *(f"{v:.2f}" for v in mean)])
    return rows


def percentile_rows(raw: list[Matrix], hubs_raw: list[Matrix], base: dict[str, np.ndarray],
                    percentiles: list[float]) -> list[list[str]]:
    """Cold-start weights refitted (damping as shipped) with the candidate-level signals' units at these
    percentiles of the newcomers' candidates' positive values (``inf``: the shipped unit, uncapped)."""
    columns = [LEARNT.index(n) for n in HEAVY]
    everything = np.vstack([q.features for q in raw])
    rows = []
    for percentile in percentiles:
        units = np.array([fitted.UNITS[n] for n in LEARNT])
        cap = np.ones(len(LEARNT))
        for j in columns:
            if np.isinf(percentile):
                cap[j] = np.inf
            else:
                positive = everything[everything[:, j] > 0, j]
                units[j] = max(units[j], float(np.percentile(positive, percentile)))
        queries = [dataclasses.replace(q, features=np.minimum(cap, q.features / units)) for q in raw]
        hubs = [q for q in queries if WORLDS[q.world][0] == "hubs"]
        weights = choice_model(queries, True, float(fitted.PROVENANCE["damping"]))  # type: ignore[arg-type]
        found = ndcgs(hubs, [q.features @ weights for q in hubs])
        rows.append([f"{percentile:g}", *(f"{r:.3f}" for r in ratios(found, base, hubs).values())])
    return rows


def grid_rows() -> list[list[str]]:
    """The cold-start weights × factors of ``--grid`` (see the module docstring), on every training query."""
    raw = full_cache()
    units = np.array([fitted.UNITS[n] for n in LEARNT])
    trainer = Trainer(raw, [scaled(q, units) for q in raw])
    established, cold = weights_array(fitted.ESTABLISHED), weights_array(fitted.COLD_START)
    rows = []
    for factors in itertools.product((1, 2, 3), (0, 1), (0.5, 1), (0.5, 1), (1, 2)):
        weights = cold.copy()
        for name, factor in zip(("popularity", "complementarity", "field_activity", "activity", "geography"),
                                factors, strict=True):
            weights[LEARNT.index(name)] *= factor
        r = trainer.evaluate(established, weights)
        rows.append([*(f"{f:g}" for f in factors), f"{r.cold_margin:+.4f}", f"{r.cold_worst:.3f}",
                     f"{r.margin:+.4f}", f"{r.diversity:.2%}"])
    # The shipped weights with a cold start's candidate-level signals uncapped (suggest(cold_uncapped=True)).
    uncapped = Trainer(raw, [scaled(q, units, cold_uncapped=True) for q in raw])
    r = uncapped.evaluate(established, cold)
    rows.append(["uncapped", "1", "1", "1", "1", f"{r.cold_margin:+.4f}", f"{r.cold_worst:.3f}",
                 f"{r.margin:+.4f}", f"{r.diversity:.2%}"])
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dampings", type=float, nargs="*", default=[0.0, 0.01, 0.03, 0.1])
    parser.add_argument("--percentiles", type=float, nargs="*",
                        default=[99.0, 99.5, 99.9, 100.0, float("inf")])
    parser.add_argument("--grid", action="store_true", help="also the cold-start weighting grid (full cache)")
    args = parser.parse_args(argv)
    raw, queries = newcomer_queries()
    hubs = [q for q in queries if WORLDS[q.world][0] == "hubs"]
    hubs_raw = [q for q in raw if WORLDS[q.world][0] == "hubs"]
    base = baselines(hubs_raw)
    cold = weights_array(fitted.COLD_START)
    shipped = ndcgs(hubs, [q.features @ cold for q in hubs])
    names = [f"{WORLDS[w][0]} {WORLDS[w][1]} ({sum(q.world == w for q in hubs)})"
             for w in sorted({q.world for q in hubs})]
    rows = [["shipped cold start", *(f"{v:.4f}" for v in per_world(shipped, hubs).values())]]
    rows += [[f"baseline {name}", *(f"{v:.4f}" for v in per_world(values, hubs).values())]
             for name, values in base.items()]
    for j, name in enumerate(LEARNT):
        if not cold[j] or not any(q.features[:, j].any() for q in hubs):
            continue
        alone = ndcgs(hubs, [q.features[:, j].copy() for q in hubs])
        without = cold.copy()
        without[j] = 0.0
        left_out = ndcgs(hubs, [q.features @ without for q in hubs])
        rows.append([f"{name} alone", *(f"{v:.4f}" for v in per_world(alone, hubs).values())])
        rows.append([f"without {name}", *(f"{v:.4f}" for v in per_world(left_out, hubs).values())])
    print("newcomers of the hubs training worlds, nDCG@10 (queries per world in brackets)\n")
    print(table(["ranking", *names], rows))
    print("\nthe new partners found by recent activity's top ten and not ours, and the reverse: mean signals "
          "(normalised)\n")
    activity = [q.features[:, LEARNT.index("activity")].copy() for q in hubs_raw]
    print(table(["new partners", "count", *LEARNT],
                missed(hubs, [q.features @ cold for q in hubs], activity)))
    print("\ncold-start weights refitted (choice model on every training world's newcomers) by damping: "
          "newcomers' ratio to the best baseline per hubs world\n")
    rows = []
    for damping in args.dampings:
        weights = choice_model(queries, True, damping)
        found = ndcgs(hubs, [q.features @ weights for q in hubs])
        rows.append([f"{damping:g}", *(f"{r:.3f}" for r in ratios(found, base, hubs).values()),
                     " ".join(f"{n}={w:g}" for n, w in zip(LEARNT, weights, strict=True) if w)])
    rows.append(["shipped", *(f"{r:.3f}" for r in ratios(shipped, base, hubs).values()), ""])
    print(table(["damping", *names, "weights"], rows))
    if args.percentiles:
        print("\ncold-start weights refitted with the units of popularity, activity and field activity at "
              "these percentiles (inf: uncapped): newcomers' ratio to the best baseline per hubs world\n")
        print(table(["percentile", *names], percentile_rows(raw, hubs_raw, base, args.percentiles)))
    if args.grid:
        print("\nthe cold-start weights times these factors (the rest as shipped), on every training query\n")
        headers = ["popularity", "complementarity", "field activity", "activity", "geography",
                   "newcomers' margin", "worst newcomers' ratio", "margin", "least diversity"]
        print(table(headers, grid_rows()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
