"""Partner suggestions: for an organisation, or for a project idea looking for its consortium.

Both run the same pipeline — a :class:`~vdk_graph.matchmaking.signals.Profile`
of who is looking, every weighted signal over the organisations it reaches,
filters, the combination of :mod:`~vdk_graph.matchmaking.scoring`, then reasons
(:mod:`~vdk_graph.matchmaking.reasons`) for the few shown. Existing partners (any
tie: a shared project, funding, investment, cluster membership, founder, owner,
part, formed from — :mod:`~vdk_graph.matchmaking.ties`) are left out unless asked
for, and so is the organisation itself. An organisation with no project on record
is a *cold start*: it gets the cold-start weights, and its suggestions say so.
"""

from __future__ import annotations

import hashlib
import heapq
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from operator import itemgetter

from vdk_graph.errors import MatchError
from vdk_graph.matchmaking.defaults import DEFAULT_TOP
from vdk_graph.matchmaking.index import MatchIndex, match_index
from vdk_graph.matchmaking.lookup import (
    check_kinds,
    resolve_organisation,
    resolve_regions,
    resolve_topics,
)
from vdk_graph.matchmaking.reasons import Explainer, Reason, sentence
from vdk_graph.matchmaking.scoring import Scored, Weights, WeightsArg, combine, resolve, uncapped
from vdk_graph.matchmaking.signals import SIGNALS, Profile
from vdk_graph.store.base import Store

MAX_TOP = 200
#: How many organisations' lists a candidate's exposure is measured on (see :func:`exposure_of`).
EXPOSURE_SAMPLE = 200
#: A signal's values below this share of its largest are left out, and past its strongest MAX_VALUES
#: (see :func:`raw_signals`).
NEGLIGIBLE_SHARE = 0.001
MAX_VALUES = 2000


@dataclass
class Suggestion:
    iri: str
    label: str
    kind: str
    score: float
    #: Signal → what it added to the score.
    signals: dict[str, float]
    reasons: list[Reason]
    city: str | None = None
    region: str | None = None
    #: True when the organisation is already tied to the one asking (shown only on request).
    partner: bool = False
    #: One line of why now ("active in 3 projects since 2022"), with its projects as evidence.
    why_now: Reason | None = None
    #: What it is, said right ("a company that invests"), and every kind it is.
    kind_phrase: str = ""
    kinds: tuple[str, ...] = ()

    @property
    def explanation(self) -> str:
        return sentence(self.reasons)

    def as_dict(self) -> dict[str, object]:
        return {
            "iri": self.iri, "label": self.label, "kind": self.kind, "score": round(self.score, 4),
            "reasons": [r.text for r in self.reasons], "explanation": self.explanation,
            "signals": {k: round(v, 4) for k, v in sorted(self.signals.items(), key=lambda kv: -kv[1])},
            "evidence": [r.as_dict() for r in self.reasons],
            "city": self.city, "region": self.region, "partner": self.partner,
            "why_now": self.why_now.text if self.why_now else None,
            "why_now_evidence": [e.as_dict() for e in self.why_now.evidence] if self.why_now else [],
            "kind_phrase": self.kind_phrase, "kinds": list(self.kinds),
        }


@dataclass
class Suggestions:
    """One answer: who asked (an organisation or an idea), the filters and weights used, the suggestions."""

    items: list[Suggestion]
    weights: Weights
    lang: str
    organisation: dict[str, str] | None = None
    idea: dict[str, object] | None = None
    filters: dict[str, object] = field(default_factory=dict)
    version: str = ""
    #: True when the one asking has no project on record: the suggestions rest on kind, fields and place.
    cold_start: bool = False

    def as_dict(self) -> dict[str, object]:
        return {
            "organisation": self.organisation, "idea": self.idea, "filters": self.filters,
            "weights": self.weights.as_dict(), "lang": self.lang,
            "suggestions": [s.as_dict() for s in self.items], "cold_start": self.cold_start,
        }


def _index(source: Store | MatchIndex) -> MatchIndex:
    return source if isinstance(source, MatchIndex) else match_index(source)


def raw_signals(index: MatchIndex, profile: Profile, weights: Weights, *, exclude: Iterable[str] = (),
                allowed: set[str] | None = None) -> dict[str, dict[str, float]]:
    """Every weighted signal over the candidates, as sparse raw values without their negligible tail.

    Candidates are the organisations in ``allowed`` (all when None) that are not in
    ``exclude`` and have not closed (:attr:`~.index_model.MatchIndex.closed`: a bankrupt studio is
    no partner, however strong its history). Of each signal, values under
    :data:`NEGLIGIBLE_SHARE` of its largest are dropped (after normalisation they would add less
    than that share of one weight to a score), and so is everything past its :data:`MAX_VALUES` strongest:
    the long tail of a three-step walk, a common word or a broad topic touches most
    of the network and would make every query score every organisation, for nothing
    a top-200 list would show.
    """
    excluded = set(exclude)
    if index.closed:
        excluded.update(index.closed)
    out = {}
    for name, signal in SIGNALS.items():
        if not getattr(weights, name):
            continue
        if name in STATIC:  # the same for every question: walk its precomputed order, strongest first
            values = {}
            for c, v in _ranked(index, name):
                if c not in excluded and (allowed is None or c in allowed):
                    values[c] = v
                    if len(values) == MAX_VALUES:
                        break
        else:
            values = {c: v for c, v in signal(index, profile).items()
                      if c not in excluded and (allowed is None or c in allowed)}
            if len(values) > MAX_VALUES:
                values = dict(heapq.nlargest(MAX_VALUES, values.items(), key=itemgetter(1)))
        floor = max(values.values(), default=0.0) * NEGLIGIBLE_SHARE
        out[name] = {c: v for c, v in values.items() if v > floor}
    return out


#: Signals that do not depend on the question (the candidate's own popularity and activity).
STATIC = frozenset({"popularity", "activity"})


def _ranked(index: MatchIndex, name: str) -> list[tuple[str, float]]:
    """A question-independent signal's values, strongest first (computed once per index)."""
    cache: dict[str, list[tuple[str, float]]] = index.__dict__.setdefault("_ranked_signals", {})
    if name not in cache:
        values = SIGNALS[name](index, Profile())
        cache[name] = sorted(values.items(), key=lambda cv: (-cv[1], cv[0]))
    return cache[name]


def rank(index: MatchIndex, profile: Profile, weights: Weights, *, exclude: Iterable[str] = (),
         kinds: set[str] | None = None, places: set[str] | None = None,
         top: int | None = None, keep_first: int = 0, floor: float = 0.0,
         cold_uncapped: bool = False) -> list[Scored]:
    """Organisations some signal reaches, minus ``exclude``, of the ``kinds`` and in the ``places`` asked
    for, scored, best first (the ``top`` ones); a penalty spares the first ``keep_first`` places, and
    displaces a candidate only for one with at least ``floor`` × its evidence
    (:func:`~vdk_graph.matchmaking.scoring.combine`); ``cold_uncapped`` leaves the candidate-level signals
    uncapped (:data:`~vdk_graph.matchmaking.scoring.COLD_UNCAPPED`)."""
    allowed: set[str] | None = None
    if kinds:
        allowed = {o for k in kinds for o in index.kind_orgs.get(k, ())}
    if places:
        located = {o for p in places for o in [*index.city_orgs.get(p, ()), *index.region_orgs.get(p, ())]}
        allowed = located if allowed is None else allowed & located
    raw: dict[str, Mapping[str, float]] = dict(raw_signals(index, profile, weights, exclude=exclude,
                                                           allowed=allowed))
    pool: set[str] = set()
    for values in raw.values():
        pool.update(values)
    if weights.exposure:  # a penalty on the candidates some evidence speaks for, never a candidate itself
        raw["exposure"] = index.exposures()
    if weights.hubness:  # likewise: the candidate's own popularity, subtracted (a popularity discount)
        raw["hubness"] = index.popularity
    salt = "\t".join(sorted(profile.seeds)) or "idea"
    return combine(raw, weights, pool, top, keep_first=keep_first, floor=floor,
                   uncapped=uncapped(cold_uncapped), evidence=lambda c: (
        len(index.recent.get(c, ())), index.degree.get(c, 0), len(index.projects.get(c, ())),
        len(index.own_topics.get(c, ())), _shuffled(salt, c)))


def exposure_sample(index: MatchIndex) -> list[str]:
    """The organisations whose lists measure exposure: :data:`EXPOSURE_SAMPLE` of them (all when fewer),
    in a fixed pseudo-random order of their IRIs, so the same data gives the same sample."""
    return sorted(index.orgs, key=lambda org: _shuffled("exposure", org))[:EXPOSURE_SAMPLE]


def exposure_of(index: MatchIndex) -> dict[str, float]:
    """Each candidate's *exposure*: the share of the sampled organisations' lists it appears in.

    Every organisation of :func:`exposure_sample` is asked as ``suggest`` asks (its
    fitted weights, cold start or not, without the exposure penalty itself, existing
    ties left out), and the first :data:`~vdk_graph.matchmaking.defaults.DEFAULT_TOP`
    counted. A hub that every list shows has exposure near 1; an organisation that
    only a few questions reach, near 0. Computed once per data version
    (:meth:`~vdk_graph.matchmaking.index.MatchIndex.exposures`, kept in the index's file),
    it is the ``exposure`` penalty's raw value (:mod:`~vdk_graph.matchmaking.scoring`).
    """
    sample = exposure_sample(index)
    counts: dict[str, int] = defaultdict(int)
    for org in sample:
        profile = Profile.of_organisation(index, org)
        weights = resolve(None, cold=not profile.history).with_(exposure=0.0)
        exclude = {org} | set(index.relations.get(org, ()))
        for scored in rank(index, profile, weights, exclude=exclude, top=DEFAULT_TOP):
            counts[scored.iri] += 1
    return {c: n / len(sample) for c, n in sorted(counts.items())}


def _shuffled(salt: str, candidate: str) -> int:
    """A fixed pseudo-random rank of ``candidate`` for one question: when all evidence is equal, neither
    the alphabet nor the order of the data decides, and equal candidates take turns across questions."""
    return int.from_bytes(hashlib.blake2b(f"{salt}\n{candidate}".encode(), digest_size=8).digest(), "big")


def suggest(source: Store | MatchIndex, organisation: str, *, top: int = DEFAULT_TOP,
            kinds: Iterable[str] | None = None, regions: Iterable[str] | None = None,
            include_partners: bool = False, weights: WeightsArg = None, lang: str = "en",
            keep_first: int = 0, floor: float = 0.0, cold_uncapped: bool = False) -> Suggestions:
    """Organisations that ``organisation`` (a name or an IRI) should work with, best first, with reasons.

    ``weights``: a whole :class:`Weights`, or changes (``{"topics": 2}``) to the fitted
    defaults for this kind of query (an organisation with projects, or a cold start).
    ``keep_first``: with the ``exposure`` penalty weighed, the first this many places keep the
    strongest evidence and only the rest give way to less exposed candidates (for example
    :data:`~vdk_graph.matchmaking.scoring.KEEP_FIRST`; 0, the default, penalises every place).
    ``floor`` (0 to 1): a less penalised candidate takes a place from the one the list without the
    penalty shows there only if its evidence is at least this share of that one's (for example
    :data:`~vdk_graph.matchmaking.scoring.TAIL_FLOOR`; 0, the default, is the plain penalty).
    ``cold_uncapped``: for a cold start, popularity, activity and field activity are not capped at their
    unit (:data:`~vdk_graph.matchmaking.scoring.COLD_UNCAPPED`; an option, not the default, ADR 0008).
    """
    index = _index(source)
    org = resolve_organisation(index, organisation)
    profile = Profile.of_organisation(index, org)
    chosen = resolve(weights, cold=not profile.history)
    wanted, places = check_kinds(kinds), resolve_regions(index, regions)
    exclude = {org} if include_partners else {org} | index.relations.get(org, set())
    if keep_first < 0:
        raise MatchError(f"keep_first must be 0 or more, not {keep_first}")
    ranked = rank(index, profile, chosen, exclude=exclude, kinds=wanted, places=places, top=_top(top),
                  keep_first=keep_first, floor=floor, cold_uncapped=cold_uncapped and not profile.history)
    explainer = Explainer(index, profile, lang, idea=False)
    items = [_suggestion(index, explainer, s, lang, s.iri in index.relations.get(org, set())) for s in ranked]
    return Suggestions(
        items, chosen, lang,
        organisation={"iri": org, "label": index.label(org, lang), "kind": index.kind[org]},
        filters={"kinds": sorted(wanted or ()), "regions": sorted(places or ()),
                 "include_partners": include_partners, "keep_first": keep_first,
                 "floor": floor, "cold_uncapped": cold_uncapped},
        version=index.version, cold_start=not profile.history,
    )


def suggest_for_idea(source: Store | MatchIndex, text: str = "", *, topics: Iterable[str] = (),
                     kinds: Iterable[str] | None = None, members: Iterable[str] = (),
                     regions: Iterable[str] | None = None, top: int = DEFAULT_TOP,
                     weights: WeightsArg = None, lang: str = "en") -> Suggestions:
    """Who to invite into the consortium of a project idea: free ``text``, ``topics``, wanted ``kinds``.

    ``members`` (names or IRIs) are organisations already in the consortium: the
    network signals then start from them, and complementarity looks for the kinds
    they lack.
    """
    index = _index(source)
    member_iris = [resolve_organisation(index, m) for m in members if m.strip()]
    topic_list = list(topics)
    found, unmatched = resolve_topics(index, topic_list, text)
    if not text.strip() and not found and not member_iris and not unmatched:
        raise MatchError("describe the idea: give a text, topics or members of the consortium")
    profile = Profile.of_members(index, member_iris) if member_iris else Profile()
    chosen = resolve(weights, cold=False)  # an idea speaks through its text and topics: not a cold start
    if found:  # the idea's topics are what it is about: they stand for its own fields
        profile.topics = {t: index.topic_idf[t] for t in found}
        profile.own_topics = {t: index.own_topic_idf.get(t, index.topic_idf[t]) for t in found}
    words = " ".join([text, *unmatched, *(index.label(t) for t in found)])
    if words.strip():
        profile.vector = index.text.vector(words)
    wanted, places = check_kinds(kinds), resolve_regions(index, regions)
    ranked = rank(index, profile, chosen, exclude=set(member_iris), kinds=wanted, places=places,
                  top=_top(top))
    explainer = Explainer(index, profile, lang, idea=True)
    items = [_suggestion(index, explainer, s, lang, False) for s in ranked]
    idea: dict[str, object] = {
        "text": text, "topics": [{"iri": t, "label": index.label(t, lang)} for t in sorted(found)],
        "unmatched_topics": unmatched,
        "members": [{"iri": m, "label": index.label(m, lang), "kind": index.kind[m]} for m in member_iris],
    }
    return Suggestions(items, chosen, lang, idea=idea,
                       filters={"kinds": sorted(wanted or ()), "regions": sorted(places or ())},
                       version=index.version)


def _top(top: int) -> int:
    if top < 1:
        raise MatchError(f"--top must be at least 1, not {top}")
    return min(top, MAX_TOP)


def _suggestion(index: MatchIndex, explainer: Explainer, scored: Scored, lang: str,
                partner: bool) -> Suggestion:
    org = scored.iri
    city, region = index.city.get(org), index.region.get(org)
    return Suggestion(
        iri=org, label=index.label(org, lang), kind=index.kind[org], score=scored.score,
        signals=scored.contributions, reasons=explainer.explain(org, scored.contributions),
        city=city.label(lang) if city else None, region=region.label(lang) if region else None,
        partner=partner, why_now=explainer.why_now(org), kind_phrase=explainer.phrase(org),
        kinds=tuple(sorted(index.kinds.get(org) or {index.kind[org]})),
    )
