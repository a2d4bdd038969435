"""Fit the matchmaking weights and the tail setting to the benchmark's own objective (listwise).

Why. ``bench/matchmaking_fit.py`` fits the weights by maximum likelihood of a softmax choice model: the
chance of *every* candidate, not who comes first, and blind to diversity; the tail setting (``keep_first``,
the ``hubness`` discount, the ``floor``) was then chosen on a grid with those weights fixed
(``bench/matchmaking_tail.py``). Issue 12's targets are about the first ten places and about diversity at
once: nDCG@10 ≥ 1.05 × the best baseline on *every* world, overall and for newcomers, and ≥ 15 % distinct
organisations among all suggestions. This script fits all of it together to that objective.

How. Coordinate ascent, as RankLib's: one parameter at a time, a line search over a few values around the
current one (each weight × 0–2, the keep-first places 6–9, hubness, floor), the best kept if it improves,
sweeps until none does. The parameters are both weight sets (organisations with projects; a cold start,
only the signals a cold start has) and the tail setting. The objective is the *worst* over the training
worlds and slices (overall, and newcomers where a world has at least ``MIN_SLICE``) of log(ours ÷ the best
baseline), a tenth of the mean of those logs (the fit's *margin*) added to break its ties and plateaus,
subject to every group of 200 training queries reaching ``--diversity`` (15 %) distinct suggestions: an
infeasible setting always loses to a feasible one, and among infeasible ones the more diverse wins. The
lists are ranked as the library's ``combine`` ranks them (``bench.matchmaking_fit._ranked_ndcg``), so the
tail setting's diversity is the one ``suggest(…, keep_first=…, floor=…)`` would give. ``--objective
margin`` maximises the mean log-ratio instead (smoother: every slice counts, not only the worst).

Data. The training worlds of ``matchmaking_fit.py`` (both generators, seeds 101–104, never the benchmark's
1–3), from its cached matrices (run it once first); the units are fitted on the fitting seeds as it fits
them, and the search restarts from the choice model fitted on them (at the shipped damping), with the tail
settings of :data:`STARTS`, and from ``--restarts`` seeded random perturbations of the first. ``--holdout
103 104`` fits on 101–102 and reports on 103–104 (and the other way round): the check that it generalises.

Printed: each sweep, the setting found and its training figures; the frontier — of every setting the
search evaluated, the best worst log-ratio reaching each level of least diversity — with the held-out
figures of the same settings under ``--holdout``. ``--save PATH`` writes the setting found as JSON, which
``bench/matchmaking_eval.py --setting PATH`` measures on the benchmark. Reproducible: every random choice
is seeded.

    python bench/matchmaking_fit.py                          # once: builds and caches the training matrices
    python bench/matchmaking_listwise.py --save bench/output/listwise.json   # all four seeds (about 6 min)
    python bench/matchmaking_listwise.py --holdout 103 104 --restarts 2   # fit on 101–102, report on 103–104
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import time
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).parent.parent))
from bench.common import table  # noqa: E402
from bench.matchmaking_common import GENERATORS  # noqa: E402
from bench.matchmaking_fit import (  # noqa: E402
    DIVERSITY_TARGET,
    FIXED,
    LEARNT,
    MIN_SLICE,
    TRAINING_SEEDS,
    Matrix,
    Result,
    Trainer,
    fit,
    fit_units,
    scaled,
)
from bench.matchmaking_newcomers import full_cache  # noqa: E402
from vdk_graph.matchmaking import fitted  # noqa: E402
from vdk_graph.matchmaking.scoring import TAIL_FLOOR, TAIL_KEEP_FIRST  # noqa: E402

#: The tail settings the search starts from (keep first, hubness, floor): the shipped spreading option and
#: the plain tail discount (ADR 0008's fourth and third rounds).
STARTS = ((TAIL_KEEP_FIRST, 3.0, TAIL_FLOOR), (TAIL_KEEP_FIRST, 2.5, 0.0))
#: A weight's line search: these multiples of its current value (and 0; and these values when it is 0).
FACTORS = (0.0, 0.5, 0.7, 0.85, 1.15, 1.4, 2.0)
FROM_ZERO = (0.1, 0.3, 1.0)
KEEPS = (6, 7, 8, 9)
HUBNESS_FACTORS = (0.7, 0.85, 1.15, 1.4)
FLOORS = (0.0, 0.3, 0.4, 0.5, 0.6, 0.7)
#: How much the margin (mean log-ratio) counts beside the worst log-ratio: a tie-break, not a trade.
TIE_WEIGHT = 0.1
#: Least diversity levels the frontier is printed at.
LEVELS = (0.0, 0.08, 0.10, 0.12, 0.13, 0.14, 0.15, 0.16, 0.17, 0.18, 0.20)


@dataclass(frozen=True)
class Setting:
    """Both weight sets (over ``LEARNT``) and the tail: what ``suggest`` would be asked with."""

    established: tuple[float, ...]
    cold: tuple[float, ...]
    keep_first: int
    hubness: float
    floor: float

    def as_json(self) -> dict[str, object]:
        """The weights as ``suggest(weights=…)`` takes them, per kind of question, and the tail."""
        weights = lambda values: {**{n: round(v, 4) for n, v in zip(LEARNT, values, strict=True)},  # noqa: E731
                                  **FIXED, "hubness": round(self.hubness, 4)}
        return {"established": weights(self.established), "cold_start": weights(self.cold),
                "keep_first": self.keep_first, "floor": self.floor}


@dataclass(frozen=True)
class Found:
    """One setting's figures on some queries."""

    worst: float
    margin: float
    diversity: float
    feasible: bool
    #: What is maximised: ``worst`` (the worst log-ratio, the margin as a tie-break) or ``margin`` alone.
    objective: str = "worst"

    @property
    def value(self) -> float:
        """The objective among feasible settings."""
        if self.objective == "margin":
            return self.margin
        return math.log(max(self.worst, 1e-6)) + TIE_WEIGHT * self.margin

    def beats(self, other: Found) -> bool:
        if self.feasible != other.feasible:
            return self.feasible
        if not self.feasible:
            return self.diversity > other.diversity + 1e-12
        return self.value > other.value + 1e-9


class Objective:
    """The training (or held-out) queries, ranked with a setting as ``combine`` ranks them."""

    def __init__(self, raw: list[Matrix], queries: list[Matrix], diversity: float,
                 objective: str = "worst") -> None:
        self.trainer = Trainer(raw, queries)
        popularity = LEARNT.index("popularity")
        # the hubness discount: the popularity signal in its unit (capped), times the strength
        self.trainer.exposure = [q.features[:, popularity].copy() for q in queries]
        self.diversity = diversity
        self.objective = objective
        self.seen: dict[Setting, Found] = {}

    def result(self, s: Setting) -> Result:
        self.trainer.floor = s.floor
        return self.trainer.evaluate(np.array(s.established), np.array(s.cold), s.hubness, s.keep_first)

    def __call__(self, s: Setting) -> Found:
        found = self.seen.get(s)
        if found is None:
            r = self.result(s)
            found = Found(r.worst, r.margin, r.diversity, r.diversity >= self.diversity, self.objective)
            self.seen[s] = found
        return found


def _values(current: float) -> list[float]:
    if current == 0:
        return [v for v in FROM_ZERO]
    return [round(current * f, 4) for f in FACTORS if f != 1.0]


def neighbours(s: Setting, cold_present: np.ndarray) -> list[tuple[str, list[Setting]]]:
    """Each coordinate's line search: the settings that differ from ``s`` in that coordinate only."""
    out: list[tuple[str, list[Setting]]] = []
    for j, name in enumerate(LEARNT):
        for which in ("established", "cold"):
            if which == "cold" and not cold_present[j]:
                continue
            values = list(getattr(s, which))
            tried = []
            for v in _values(values[j]):
                changed = values.copy()
                changed[j] = v
                tried.append(replace(s, established=tuple(changed)) if which == "established"
                             else replace(s, cold=tuple(changed)))
            out.append((f"{which} {name}", tried))
    out.append(("keep first", [replace(s, keep_first=k) for k in KEEPS if k != s.keep_first]))
    out.append(("hubness", [replace(s, hubness=round(s.hubness * f, 4)) for f in HUBNESS_FACTORS]))
    out.append(("floor", [replace(s, floor=f) for f in FLOORS if f != s.floor]))
    return out


def ascend(objective: Objective, start: Setting, cold_present: np.ndarray, sweeps: int,
           label: str) -> Setting:
    """Coordinate ascent from ``start`` until a sweep improves nothing (or ``sweeps`` are done)."""
    best, found = start, objective(start)
    print(f"{label} start: {describe(best, found)}", flush=True)
    for sweep in range(sweeps):
        improved = False
        for _, tried in neighbours(best, cold_present):
            for candidate in tried:
                result = objective(candidate)
                if result.beats(found):
                    best, found, improved = candidate, result, True
        print(f"{label} sweep {sweep + 1}: {describe(best, found)} ({len(objective.seen)} settings tried)",
              flush=True)
        if not improved:
            break
    return best


def describe(s: Setting, f: Found) -> str:
    return (f"worst ratio {f.worst:.3f}, margin {f.margin:+.4f}, least diversity {f.diversity:.1%}"
            f"{'' if f.feasible else ' (infeasible)'}; keep first {s.keep_first}, hubness {s.hubness:g}, "
            f"floor {s.floor:g}")


def frontier(objective: Objective) -> list[tuple[float, Setting, Found]]:
    """For each level of :data:`LEVELS`: the evaluated setting best by the objective (the worst log-ratio,
    margin as a tie-break; or the margin) whose least diversity reaches it."""
    out = []
    for level in LEVELS:
        reaching = [(s, f) for s, f in objective.seen.items() if f.diversity >= level]
        if reaching:
            s, f = max(reaching, key=lambda sf: sf[1].value)
            out.append((level, s, f))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--holdout", nargs="*", type=int, default=[],
                        help="training seeds to hold out: fit on the others, report on these")
    parser.add_argument("--diversity", type=float, default=DIVERSITY_TARGET,
                        help="the least diversity every group of 200 training queries must reach")
    parser.add_argument("--objective", choices=("worst", "margin"), default="worst",
                        help="maximise the worst log-ratio (the targets' reading; default) or the mean of "
                             "the log-ratios (the fit's margin: smoother, every slice counts)")
    parser.add_argument("--sweeps", type=int, default=8, help="at most this many sweeps per start")
    parser.add_argument("--restarts", type=int, default=0,
                        help="also start from this many seeded random perturbations of the first start")
    parser.add_argument("--save", type=Path, default=None,
                        help="write the setting found here as JSON (for matchmaking_eval.py --setting)")
    parser.add_argument("--orgs", type=int, default=1500)
    parser.add_argument("--sample", type=int, default=400)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    raw = full_cache(args.orgs, args.sample)
    worlds = [(g, s) for g in GENERATORS for s in TRAINING_SEEDS]
    held = {i for i, (_, seed) in enumerate(worlds) if seed in args.holdout}
    training = [q for q in raw if q.world not in held]
    units = fit_units(training)
    objective = Objective(training, [scaled(q, units) for q in training], args.diversity, args.objective)
    damping = float(fitted.PROVENANCE["damping"])  # type: ignore[arg-type]
    established, cold, _ = fit(objective.trainer, (damping,))
    cold_present = np.array([any(q.features[:, j].any() for q in training if q.newcomer)
                             for j in range(len(LEARNT))])
    rng = np.random.default_rng(12)
    starts = [Setting(tuple(established), tuple(cold), keep, hub, floor) for keep, hub, floor in STARTS]
    for _ in range(args.restarts):
        noise = lambda w: tuple(np.round(w * np.exp(rng.normal(0, 0.3, len(w))), 4))  # noqa: E731
        starts.append(replace(starts[0], established=noise(established), cold=noise(cold)))
    fitting = sorted({seed for i, (_, seed) in enumerate(worlds) if i not in held})
    best: Setting | None = None
    for number, start in enumerate(starts):
        found = ascend(objective, start, cold_present, args.sweeps, f"start {number + 1}")
        if best is None or objective(found).beats(objective(best)):
            best = found
            if args.save:  # after each start: a long search stopped early still leaves its best
                args.save.parent.mkdir(parents=True, exist_ok=True)
                args.save.write_text(json.dumps({**best.as_json(), "fitted_on": fitting}, indent=1) + "\n")
    assert best is not None
    print(f"\nbest on the fitting worlds: {describe(best, objective(best))}")
    check = None
    if held:
        validation = [q for q in raw if q.world in held]
        check = Objective(validation, [scaled(q, units) for q in validation], args.diversity, args.objective)
    rows = []
    for level, s, f in frontier(objective):
        row = [f"{level:.0%}", f"{f.diversity:.1%}", f"{f.worst:.3f}", f"{math.log(max(f.worst, 1e-6)):+.3f}",
               f"{f.margin:+.4f}", f"{s.keep_first} / {s.hubness:g} / {s.floor:g}"]
        if check is not None:
            g = check(s)
            row += [f"{g.worst:.3f}", f"{g.margin:+.4f}", f"{g.diversity:.1%}"]
        rows.append(row)
    headers = ["least diversity ≥", "least diversity", "worst ratio", "worst log-ratio", "margin",
               "keep / hubness / floor"]
    if check is not None:
        headers += ["held out: worst ratio", "margin", "least diversity"]
    print(f"\nthe frontier on the fitting seeds {' '.join(map(str, fitting))}: of every setting the search "
          f"tried ({len(objective.seen)}), the best by the {args.objective} objective reaching each "
          f"least diversity\n")
    print(table(headers, rows))
    if check is not None:
        for label, s in (("the choice model, shipped tail (start 1)", starts[0]), ("the listwise fit", best)):
            print(f"held out (seeds {' '.join(map(str, args.holdout))}), {label}: {describe(s, check(s))}")
            for world in sorted(held):
                part = [q for q in raw if q.world == world]
                one = Objective(part, [scaled(q, units) for q in part], args.diversity)
                r = one.result(s)
                newcomers = f"{r.cold_worst:.3f}" if r.cold_worst else f"fewer than {MIN_SLICE}"
                print(f"  {worlds[world][0]} {worlds[world][1]}: worst ratio {r.worst:.3f} (newcomers "
                      f"{newcomers}), margin {r.margin:+.4f}, nDCG@10 {r.ndcg:.4f}, "
                      f"diversity {r.diversity:.1%}")
    weights = [[n, f"{best.established[j]:g}", f"{best.cold[j]:g}", f"{established[j]:g}", f"{cold[j]:g}"]
               for j, n in enumerate(LEARNT)]
    print()
    print(table(["signal", "listwise: established", "cold start", "choice model: established", "cold start"],
                weights))
    if args.save:
        print(f"wrote {args.save}")
    print(f"({time.perf_counter() - started:.0f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
