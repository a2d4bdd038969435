"""How the signals combine into one score: a weighted sum of normalised signals, with fitted weights.

Decisions (see ``docs/decisions/0008-matchmaking-signals.md``):

* each signal is divided by a fixed *unit* (:data:`~vdk_graph.matchmaking.fitted.UNITS`:
  how strong that signal gets, its 99th percentile over the training worlds) and
  capped at 1, so each one spans [0, 1] whatever its unit (a cosine, a count, a
  probability) and the weights alone say how much each one counts. The unit is
  the same for every question — not the largest value among this question's
  candidates, which would make a faint hint (one shared partner of a partner)
  count as much as strong evidence whenever it is the best there is: a weak
  hint stays weak, and then popularity and activity decide;
* the weights live in :class:`Weights` and nowhere else; every call may pass its own;
* the default weights are *fitted*, not set by hand: ``bench/matchmaking_fit.py``
  fits them on a past/future split of generated training worlds (seeds the
  benchmark never reports) and writes :mod:`~vdk_graph.matchmaking.fitted`. There are
  two sets: one for an organisation with a history of projects, and one for a
  cold start, where no network signal can speak;
* each suggestion keeps its per-signal contributions ``w_s · norm_s(c)``, which
  sum to its score: the JSON shows them and the reasons are ordered by them;
* one term is a *penalty*, not evidence (:data:`PENALTIES`): ``exposure``, the
  share of all organisations' lists a candidate already appears in
  (:func:`vdk_graph.matchmaking.suggestions.exposure_of`, once per data version).
  Weighed, it is subtracted (its contribution is negative) so that the usual
  suspects give way where another candidate's evidence is nearly as strong, while a
  hub whose evidence stands out is still suggested. It never makes a candidate: only
  those some evidence speaks for are ranked, whatever the penalty. Its default
  weight is fitted too (``bench/matchmaking_fit.py``). The other penalty, ``hubness``,
  is the candidate's own popularity (the ``popularity`` signal, in its unit): a
  popularity discount known for every candidate, where exposure is 0 for all that no
  sampled list showed in its first ten places. Off by default; asked position-aware
  (:data:`TAIL_HUBNESS`, :data:`TAIL_KEEP_FIRST`) it spreads the last places of the
  lists over less connected candidates (``bench/matchmaking_tail.py``, ADR 0008);
  with a *floor* (:data:`TAIL_FLOOR`, ``combine(…, floor=…)``) a less penalised candidate
  takes a place only from one whose evidence is at most 1/floor times its own, so the
  spread places never trade strong evidence for weak;
* equal scores are ordered by evidence — more signals that speak for it, then
  more recent activity, more partners, more projects, more own fields — and, when
  all of that is equal too, in a fixed pseudo-random order of the question (see
  :func:`vdk_graph.matchmaking.suggestions.rank`), so the order of a list never comes
  from the alphabet.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import asdict, dataclass, fields, replace

from vdk_graph.errors import MatchError
from vdk_graph.matchmaking import fitted


@dataclass(frozen=True)
class Weights:
    """How much each signal counts. The defaults are the fitted ones; see the module docstring."""

    #: Shared own fields (the organisations' own, not their projects' keywords), weighted by rarity.
    topics: float = fitted.ESTABLISHED["topics"]
    #: Similar project descriptions (names, money and filler words left out).
    text: float = fitted.ESTABLISHED["text"]
    #: Shared partners (log count): triadic closure.
    common_partners: float = fitted.ESTABLISHED["common_partners"]
    #: Shared partners weighted by their rarity (Adamic–Adar).
    adamic_adar: float = fitted.ESTABLISHED["adamic_adar"]
    #: Personalised PageRank from the organisation (three steps).
    pagerank: float = fitted.ESTABLISHED["pagerank"]
    #: Kinds that complete each other (company ↔ knowledge institution, producer ↔ fund).
    complementarity: float = fitted.ESTABLISHED["complementarity"]
    #: Shared programmes and funders.
    funding: float = fitted.ESTABLISHED["funding"]
    #: Same city or region.
    geography: float = fitted.ESTABLISHED["geography"]
    #: Shared topics where at least one side has them from its projects' keywords.
    project_topics: float = fitted.ESTABLISHED["project_topics"]
    #: The candidate's partners so far, damped (log).
    popularity: float = fitted.ESTABLISHED["popularity"]
    #: The candidate's projects in the last three years (log).
    activity: float = fitted.ESTABLISHED["activity"]
    #: The candidate's projects on the topics of the one asking (log).
    field_activity: float = fitted.ESTABLISHED["field_activity"]
    #: Existing ties: projects shared and other ties (shown only when existing ties are asked for).
    repeat: float = fitted.ESTABLISHED["repeat"]
    #: A penalty: the share of all organisations' lists the candidate appears in (see the module docstring).
    exposure: float = fitted.ESTABLISHED.get("exposure", 0.0)
    #: A penalty: the candidate's own partners so far, as the popularity signal measures them (a popularity
    #: discount; best position-aware, with ``keep_first``: see the module docstring).
    hubness: float = fitted.ESTABLISHED.get("hubness", 0.0)

    def as_dict(self) -> dict[str, float]:
        return asdict(self)

    def with_(self, **changes: float) -> Weights:
        unknown = set(changes) - set(SIGNAL_NAMES)
        if unknown:
            raise MatchError(f"unknown signal {', '.join(sorted(unknown))}; "
                             f"the signals are {', '.join(SIGNAL_NAMES)}")
        for name, value in changes.items():
            if not isinstance(value, (int, float)) or not math.isfinite(value) or value < 0:
                raise MatchError(f"weight {name}={value} is not a number from 0 up; "
                                 "give a finite number, for example topics=2 (0 turns a signal off)")
        return replace(self, **changes)

    @classmethod
    def cold_start(cls) -> Weights:
        """The fitted weights for an organisation with no project yet."""
        return cls(**fitted.COLD_START)

    @classmethod
    def only(cls, *names: str) -> Weights:
        """Every weight zero except ``names`` (one each): a single-signal scorer, for baselines."""
        return cls(**{n: 0.0 for n in SIGNAL_NAMES}).with_(**{n: 1.0 for n in names})

    @staticmethod
    def changes(text: str) -> dict[str, float]:
        """``"topics=2,geography=0"`` → ``{"topics": 2.0, "geography": 0.0}``, checked (names, values)."""
        changes: dict[str, float] = {}
        for part in filter(None, (p.strip() for p in text.split(","))):
            name, _, value = part.partition("=")
            try:
                changes[name.strip()] = float(value)
            except ValueError:
                raise MatchError(f"weight {part!r} is not NAME=NUMBER, for example topics=2") from None
        Weights().with_(**changes)  # checks names and values
        return changes

    @classmethod
    def parse(cls, text: str, base: Weights | None = None) -> Weights:
        """``"topics=2,geography=0"`` → the defaults (or ``base``) with those weights changed."""
        return (base or cls()).with_(**cls.changes(text))


SIGNAL_NAMES: tuple[str, ...] = tuple(f.name for f in fields(Weights))
#: Weighed terms that are subtracted rather than added: they reorder candidates, never make one.
PENALTIES: frozenset[str] = frozenset({"exposure", "hubness"})
#: A penalty measured in a signal's unit: ``hubness`` is the ``popularity`` signal's value, subtracted.
UNIT_OF: Mapping[str, str] = {"hubness": "popularity"}
#: What a caller may pass as weights: a whole set, or changes to the defaults for the kind of query.
WeightsArg = Weights | Mapping[str, float] | None


def resolve(weights: WeightsArg, cold: bool) -> Weights:
    """The weights to use: given ones as they are; changes on top of the fitted defaults of this kind of
    query (cold start or not); else those defaults."""
    if isinstance(weights, Weights):
        return weights
    base = Weights.cold_start() if cold else Weights()
    return base.with_(**dict(weights or {}))


@dataclass
class Scored:
    iri: str
    score: float
    #: Signal → weight · normalised value; they add up to ``score``.
    contributions: dict[str, float]


#: The unit of each signal (see the module docstring); a signal without one is used as it is.
UNITS: Mapping[str, float] = fitted.UNITS
#: The candidate-level signals that are *not* capped at their unit for a cold start when asked
#: (``suggest(…, cold_uncapped=True)``; an option, not the default). With no history the
#: question has no evidence of its own for the cap to keep from being drowned, and what predicts a
#: newcomer's partners is how busy each candidate is: its first project's members are the hubs and the
#: most active, whatever the field. Capped at the 99th percentile, the hubs — the top percent — all look
#: alike and the fields decide among them (``bench/matchmaking_newcomers.py``). Uncapped, the training
#: worlds' newcomers gain at the same diversity; on the benchmark hubs 2's newcomers reach 1.07 × the best
#: baseline, but hubs 3 falls to 1.04 × overall, so it is not the default (ADR 0008). For an organisation
#: with projects the cap stays: there it keeps the busiest from drowning the network's evidence.
COLD_UNCAPPED: frozenset[str] = frozenset({"popularity", "activity", "field_activity"})


def uncapped(cold_uncapped: bool) -> frozenset[str]:
    """The signals not capped at their unit: :data:`COLD_UNCAPPED` for a cold start asked so, else none."""
    return COLD_UNCAPPED if cold_uncapped else frozenset()


def unit(name: str) -> float:
    """The unit of a signal or penalty (a penalty borrowing a signal's unit has that one)."""
    return UNITS.get(UNIT_OF.get(name, name), 1.0)


def normalised(name: str, value: float) -> float:
    """A raw signal value in [0, 1]: divided by the signal's unit, capped at 1."""
    return min(1.0, value / unit(name))


def scores(raw: Mapping[str, Mapping[str, float]], weights: Weights, candidates: Iterable[str],
           uncapped: frozenset[str] = frozenset()) -> tuple[dict[str, float], dict[str, dict[str, float]]]:
    """Each candidate's score, and each weighed signal's contributions ``weight · normalised value``.

    Walks each signal's sparse values once, never the product of candidates and signals.
    Candidates are those some evidence speaks for; a penalty (:data:`PENALTIES`) is then
    subtracted from theirs (a negative contribution) and adds no candidate. The signals in
    ``uncapped`` are divided by their unit but not capped at 1 (:data:`COLD_UNCAPPED`).
    """
    pool = candidates if isinstance(candidates, (set, frozenset, dict)) else set(candidates)
    parts: dict[str, dict[str, float]] = {}
    total: dict[str, float] = {}
    for name, values in raw.items():
        weight = getattr(weights, name)
        if not weight or name in PENALTIES:
            continue
        size, cap = unit(name), math.inf if name in uncapped else 1.0
        part = parts[name] = {}
        for c, v in values.items():
            if v > 0 and c in pool:
                part[c] = contribution = weight * min(cap, v / size)
                total[c] = total.get(c, 0.0) + contribution
    for name in sorted(PENALTIES & set(raw)):
        weight = getattr(weights, name)
        if not weight:
            continue
        size, values = unit(name), raw[name]
        part = parts[name] = {}
        for c in total:
            v = values.get(c, 0.0)
            if v > 0:
                part[c] = contribution = -weight * min(1.0, v / size)
                total[c] += contribution
    return total, parts


Evidence = Callable[[str], tuple[float, ...]]
#: How many first places a position-aware penalty leaves alone when asked for one (``keep_first``, see
#: :func:`combine`): nDCG@10 weighs the first places most, and they are where the strongest evidence
#: belongs, hub or not; spreading only the places after them over less exposed candidates costs far
#: less accuracy per point of diversity than a penalty on every place (``bench/matchmaking_fit.py``
#: measures both; ADR 0008). Not the default: neither way meets both targets (see the ADR).
KEEP_FIRST = 7
#: The popularity discount on the tail (``--keep-first 8 --weights hubness=2.5``): of the settings
#: ``bench/matchmaking_tail.py`` tries on the training worlds, the most accurate whose lists are at least
#: 15 % distinct organisations. An option, not the default: it costs the hubs worlds about 6 % of nDCG@10,
#: below 1.05 × the best baseline there (ADR 0008).
TAIL_KEEP_FIRST = 8
TAIL_HUBNESS = 2.5
#: A guard for the spread places (``--floor 0.5``, see :func:`combine`): a less penalised candidate takes a
#: place from the one the unpenalised list shows there only if its evidence is at least this share of that
#: one's, so the tail does not trade a strong suggestion for a weak one just because the weak one is
#: quiet. With ``--keep-first 8 --weights hubness=3`` it is the best margin of ``bench/matchmaking_tail.py``'s
#: grid whose lists reach 15 % distinct on the training worlds; on the benchmark it keeps the hubs worlds at
#: 0.98–1.04 × the best baseline, still under 1.05 ×: an option, not the default (ADR 0008).
TAIL_FLOOR = 0.5
#: The cold-start option tuned for the first ten places: changes to the cold-start weights (a popularity
#: weight three times the choice model's, chosen on the training worlds by ``bench/matchmaking_cold.py``),
#: asked per call for an organisation with no project (``suggest(…, weights=COLD_HEAD)``, ``match
#: --weights popularity=…``). Newcomers' partners are mostly the busiest organisations, whatever the field;
#: it brings the hubs worlds' newcomers to 1.06–1.17 × the best baseline, but lowers diversity there: an
#: option, not the default (ADR 0008).
COLD_HEAD: Mapping[str, float] = fitted.COLD_HEAD


def combine(raw: Mapping[str, Mapping[str, float]], weights: Weights, candidates: Iterable[str],
            top: int | None = None, evidence: Evidence | None = None,
            keep_first: int = 0, floor: float = 0.0, uncapped: frozenset[str] = frozenset()) -> list[Scored]:
    """The weighted sum of the normalised signals, best first; only the ``top`` if given.

    Equal scores are ordered by how many signals speak for the candidate, then by
    ``evidence(candidate)`` (larger first: recent projects, partners), then by IRI.
    A candidate is ranked when its evidence (the score before penalties) is positive.
    A penalty (:data:`PENALTIES`) is subtracted from every candidate's score, unless
    ``keep_first`` (for example :data:`KEEP_FIRST`) is given: then the first ``keep_first``
    places go to the candidates with the strongest evidence, unpenalised (no penalty
    among their contributions, their scores their evidence), and only the places after
    them are ranked by evidence minus the penalty.

    ``floor`` (0 to 1) guards the penalised places: place by place, the best remaining candidate by
    evidence minus the penalty (the *challenger*) takes the place only if its evidence is at least
    ``floor`` × that of the best remaining one by evidence alone (the *incumbent*, whom the list
    without the penalty would show there); else the incumbent keeps it. A quiet candidate then
    displaces a hub only when its evidence is nearly as strong. An incumbent in its place (kept, or
    the challenger itself) is shown unpenalised like the first places, its score its evidence; only a
    candidate that displaced one carries the penalty; the places are shown by those scores, so scores
    never rise down a list. 0 is the plain penalty; 1 leaves the list, scores too, as without it.
    ``uncapped``: signals not capped at their unit (:func:`scores`).
    """
    if not (0.0 <= floor <= 1.0):  # also refuses nan
        raise MatchError(f"floor must be a number from 0 to 1 (the share of the displaced candidate's "
                         f"evidence a less penalised one needs to take its place), not {floor}")
    total, parts = scores(raw, weights, candidates, uncapped)
    speaking: dict[str, int] = {}
    penalty: dict[str, float] = {}
    for name, part in parts.items():
        if name in PENALTIES:
            for c, v in part.items():
                penalty[c] = penalty.get(c, 0.0) + v
            continue
        for c in part:
            speaking[c] = speaking.get(c, 0) + 1
    more = evidence or (lambda candidate: ())
    positive = [c for c, s in total.items() if s - penalty.get(c, 0.0) > 0]
    first: list[str] = []
    before = {c: total[c] - penalty.get(c, 0.0) for c in positive} if penalty else total
    if penalty and keep_first > 0:
        first = _best(positive, before, speaking, more, keep_first if top is None else min(keep_first, top))
        taken = set(first)
        positive = [c for c in positive if c not in taken]
    rest = None if top is None else top - len(first)
    spared = set(first)
    if penalty and floor > 0:
        tail, kept = _floored(_best(positive, total, speaking, more, rest),
                              _best(positive, before, speaking, more, rest), before, floor)
        spared |= kept
        tail.sort(key=lambda c: -round(before[c] if c in kept else total[c], 9))  # stable: ties keep order
    else:
        tail = _best(positive, total, speaking, more, rest)
    out = []
    for candidate in first + tail:
        unpenalised = candidate in spared
        contributions = {n: part[candidate] for n, part in parts.items() if candidate in part
                         and not (unpenalised and n in PENALTIES)}
        out.append(Scored(candidate, before[candidate] if unpenalised else total[candidate], contributions))
    return out


def _floored(challengers: list[str], incumbents: list[str], evidence: Mapping[str, float],
             floor: float) -> tuple[list[str], set[str]]:
    """The penalised places with ``floor`` (see :func:`combine`), and which of them went to an incumbent.

    ``challengers``: the candidates by evidence minus the penalty, ``incumbents``: by evidence alone,
    each cut to the places asked for — enough, since the k-th place goes to one of the first k of either
    order (fewer than k of each are taken before it)."""
    places = len(challengers)
    taken: set[str] = set()
    kept: set[str] = set()
    out: list[str] = []
    c = i = 0
    while len(out) < places:
        while challengers[c] in taken:
            c += 1
        while incumbents[i] in taken:
            i += 1
        challenger, incumbent = challengers[c], incumbents[i]
        if challenger == incumbent or evidence[challenger] < floor * evidence[incumbent]:
            challenger = incumbent
            kept.add(incumbent)
        taken.add(challenger)
        out.append(challenger)
    return out, kept


def _best(candidates: list[str], total: Mapping[str, float], speaking: Mapping[str, int],
          more: Evidence, top: int | None) -> list[str]:
    """``candidates`` ordered by ``total`` (ties: signals speaking, then evidence, then IRI); the ``top``."""

    def key(candidate: str) -> tuple[object, ...]:
        # Scores equal up to rounding are equal: sums of the same terms in another order differ in the
        # last bits, and the alphabet would then decide after all.
        return (-round(total[candidate], 9), -speaking.get(candidate, 0),
                *(-v for v in more(candidate)), candidate)

    if top is not None and len(candidates) > top:
        if top <= 0:
            return []
        # Only candidates scoring at least the top-th score can be shown: order those (ties included)
        # by the full key, not every candidate (the key is the costly part).
        floor = round(heapq.nlargest(top, (total[c] for c in candidates))[-1], 9)
        candidates = [c for c in candidates if round(total[c], 9) >= floor]
    return sorted(candidates, key=key)[:top] if top is not None else sorted(candidates, key=key)
