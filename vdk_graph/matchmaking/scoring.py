"""The documented combination: each signal normalised to [0, 1] across the candidates, weighed, summed.

``score(c) = Σ_s  w_s · raw_s(c) / max_c' raw_s(c')``

* each signal's raw values (:mod:`vdk_graph.matchmaking.signals`) are divided by
  their largest value among the candidates, so every signal spans [0, 1] whatever
  its unit (a cosine, a count, a probability) and the weights alone say how much
  each one counts;
* the weights live in :class:`Weights` and nowhere else; every call may pass its own;
* each suggestion keeps its per-signal contributions ``w_s · norm_s(c)``, which
  sum to its score: the JSON shows them and the reasons are ordered by them.

The default weights were tuned on a synthetic ecosystem (seed 11) with the temporal
hold-out of ``bench/matchmaking_eval.py`` and are reported on another seed.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, fields, replace

from vdk_graph.errors import MatchError


@dataclass(frozen=True)
class Weights:
    """How much each signal counts. The defaults are the tuned combination; see the module docstring."""

    #: Shared topics, weighted by rarity.
    topics: float = 0.5
    #: Similar project descriptions.
    text: float = 1.0
    #: Shared partners (log count).
    common_partners: float = 0.5
    #: Shared partners weighted by their rarity (Adamic–Adar).
    adamic_adar: float = 0.5
    #: Personalised PageRank from the organisation (three steps).
    pagerank: float = 0.5
    #: Kinds that complete each other (company ↔ knowledge institution, producer ↔ fund).
    complementarity: float = 0.3
    #: Shared programmes and funders.
    funding: float = 0.6
    #: Same city or region.
    geography: float = 0.1

    def as_dict(self) -> dict[str, float]:
        return asdict(self)

    def with_(self, **changes: float) -> Weights:
        unknown = set(changes) - set(SIGNAL_NAMES)
        if unknown:
            raise MatchError(f"unknown signal {', '.join(sorted(unknown))}; "
                             f"the signals are {', '.join(SIGNAL_NAMES)}")
        return replace(self, **changes)

    @classmethod
    def only(cls, *names: str) -> Weights:
        """Every weight zero except ``names`` (one each): a single-signal scorer, for baselines."""
        return cls(**{n: 0.0 for n in SIGNAL_NAMES}).with_(**{n: 1.0 for n in names})

    @classmethod
    def parse(cls, text: str, base: Weights | None = None) -> Weights:
        """``"topics=2,geography=0"`` → the defaults (or ``base``) with those weights changed."""
        changes: dict[str, float] = {}
        for part in filter(None, (p.strip() for p in text.split(","))):
            name, _, value = part.partition("=")
            try:
                changes[name.strip()] = float(value)
            except ValueError:
                raise MatchError(f"weight {part!r} is not NAME=NUMBER, for example topics=2") from None
        return (base or cls()).with_(**changes)


SIGNAL_NAMES: tuple[str, ...] = tuple(f.name for f in fields(Weights))


@dataclass
class Scored:
    iri: str
    score: float
    #: Signal → weight · normalised value; they add up to ``score``.
    contributions: dict[str, float]


def scores(raw: Mapping[str, Mapping[str, float]], weights: Weights, candidates: Iterable[str]) -> tuple[
        dict[str, float], dict[str, float]]:
    """Each candidate's score, and each signal's scale ``weight / max`` (signals weighing 0 left out).

    Walks each signal's sparse values once, never the product of candidates and signals.
    """
    pool = candidates if isinstance(candidates, (set, frozenset, dict)) else set(candidates)
    scales: dict[str, float] = {}
    total: dict[str, float] = {}
    for name, values in raw.items():
        weight = getattr(weights, name)
        kept = [(c, v) for c, v in values.items() if v and c in pool] if weight else []
        top = max((v for _, v in kept), default=0.0)
        if top > 0:
            scale = scales[name] = weight / top
            for c, v in kept:
                total[c] = total.get(c, 0.0) + v * scale
    return total, scales


def combine(raw: Mapping[str, Mapping[str, float]], weights: Weights, candidates: Iterable[str],
            top: int | None = None) -> list[Scored]:
    """The weighted sum of the max-normalised signals, best first (ties by IRI); only the ``top`` if given."""
    total, scales = scores(raw, weights, candidates)
    ranked = [(-s, c) for c, s in total.items() if s > 0]
    ranked = heapq.nsmallest(top, ranked) if top is not None else sorted(ranked)
    out = []
    for negative, candidate in ranked:
        contributions = {n: raw[n][candidate] * scale for n, scale in scales.items() if raw[n].get(candidate)}
        out.append(Scored(candidate, -negative, contributions))
    return out
