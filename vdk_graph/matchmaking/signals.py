"""The signals a suggestion is scored by: each one a function, each one a reason a matchmaker would give.

Every signal takes the :class:`~vdk_graph.matchmaking.index.MatchIndex` and a
:class:`Profile` (what we know about who is looking: an organisation, or a
project idea with its keywords and chosen members) and returns raw values for
the organisations it can say something about — a sparse ``{iri: value}``, so a
signal touches only the few hundred organisations it concerns, never all of
them. :mod:`vdk_graph.matchmaking.scoring` normalises and weighs them.

Which signals, and why (the weights are fitted, see :mod:`~vdk_graph.matchmaking.fitted`):
who actually starts working together is, first, who is *active* and *well
connected* (the active get more active; a partner with many partners is easier
to reach and more often asked) — so the candidate's recent activity and its
popularity are signals, damped (log) so that hubs do not fill every list; then
who is *close*: partners of partners (triadic closure: common partners,
Adamic–Adar, a short random walk), past partners again (repeat, for the
existing ties shown on request); then who *fits*: the organisations' own
fields, project keywords, similar texts, kinds that complete each other,
shared funding, and place. None of them rewards an empty profile: an
organisation with no fields, projects or place scores only on what it truly shares.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from vdk_graph.matchmaking.index import MatchIndex
from vdk_graph.matchmaking.ties import PARTNERS

Signal = Callable[[MatchIndex, "Profile"], Mapping[str, float]]

#: Pairs of kinds that complete each other, and how much. The cluster programme exists to move
#: knowledge between companies and knowledge institutions, so that pair counts most; a producer
#: and a fund (or an investor) complete each other too, as money meets projects.
COMPLEMENTS: dict[frozenset[str], float] = {
    frozenset({"company", "knowledge"}): 1.0,
    frozenset({"company", "fund"}): 0.6,
    frozenset({"company", "investor"}): 0.4,
    frozenset({"knowledge", "public"}): 0.3,
    frozenset({"company", "cluster"}): 0.3,
}

#: Personalised PageRank: chance of jumping back to the start at each step, and how many steps are walked.
RESTART = 0.15
WALK_STEPS = 3
#: Walk mass below this is not spread further (it could add at most this much to anyone's score).
NEGLIGIBLE = 1e-3


@dataclass
class Profile:
    """Who is looking for partners, as the signals see it."""

    #: Topic IRI → weight (its rarity, IDF).
    topics: dict[str, float] = field(default_factory=dict)
    #: TF-IDF vector of the texts (normalised).
    vector: dict[str, float] = field(default_factory=dict)
    #: Organisations the network signals start from: the organisation itself, or the idea's members.
    seeds: set[str] = field(default_factory=set)
    kinds: set[str] = field(default_factory=set)
    cities: set[str] = field(default_factory=set)
    regions: set[str] = field(default_factory=set)
    funders: set[str] = field(default_factory=set)
    programmes: set[str] = field(default_factory=set)
    #: Own fields (not inherited from projects) → their rarity among own fields.
    own_topics: dict[str, float] = field(default_factory=dict)
    #: Whether any seed has a project: without one, the suggestions are a cold start.
    history: bool = False

    @classmethod
    def of_organisation(cls, index: MatchIndex, org: str) -> Profile:
        return cls.of_members(index, [org])

    @classmethod
    def of_members(cls, index: MatchIndex, members: list[str]) -> Profile:
        profile = cls(seeds=set(members))
        for org in members:
            for topic in index.topics.get(org, ()):
                profile.topics[topic] = index.topic_idf[topic]
            for topic in index.own_topics.get(org, ()):
                profile.own_topics[topic] = index.own_topic_idf[topic]
            profile.history = profile.history or index.has_history(org)
            profile.kinds |= index.kinds.get(org) or {index.kind[org]}
            if org in index.city:
                profile.cities.add(index.city[org].iri)
            if org in index.region:
                profile.regions.add(index.region[org].iri)
            profile.funders |= index.funders.get(org, set())
            profile.programmes |= index.programmes.get(org, frozenset())
        vectors = [index.text.groups[o] for o in members if o in index.text.groups]
        if vectors:
            total: dict[str, float] = defaultdict(float)
            for vector in vectors:
                for term, weight in vector.items():
                    total[term] += weight
            norm = math.sqrt(sum(w * w for w in total.values()))
            profile.vector = {t: w / norm for t, w in total.items()}
        return profile

    @property
    def topic_norm(self) -> float:
        return math.sqrt(sum(w * w for w in self.topics.values()))


def own_field_fit(index: MatchIndex, profile: Profile) -> dict[str, float]:
    """Shared *own* fields (what each organisation says it works on), weighted by rarity.

    ``Σ idf² of the shared fields / (|mine| · max(|theirs|, |mine|))``: the cosine
    of the two rarity-weighted field sets, except that a candidate with fewer
    fields than the profile is not a closer fit for it — the cosine would make a
    one-field organisation a perfect match for anyone who has that field among
    others, and reward empty profiles. Sharing "Virtual production" (a dozen
    organisations) says far more than sharing "Innovation" (everyone).
    """
    mine = math.sqrt(sum(w * w for w in profile.own_topics.values()))
    if not mine:
        return {}
    scores: dict[str, float] = defaultdict(float)
    for topic, weight in profile.own_topics.items():
        for org in index.own_topic_orgs.get(topic, ()):
            scores[org] += weight * index.own_topic_idf[topic]
    return {org: s / (mine * max(index.own_topic_norm[org], mine)) for org, s in scores.items()}


def topic_similarity(index: MatchIndex, profile: Profile) -> dict[str, float]:
    """Shared topics of any origin (own fields and project keywords), except fields both state as their own.

    The keywords of an organisation's projects say what it has worked on even when
    it states no field; a newcomer's own fields meet the keywords of the projects of
    those already active. Fields both organisations state themselves are
    :func:`own_field_fit`'s and are not counted twice. Normalised as there.
    """
    norm = profile.topic_norm
    if not norm:
        return {}
    scores: dict[str, float] = defaultdict(float)
    own = profile.own_topics
    for topic, weight in profile.topics.items():
        for org in index.topic_orgs.get(topic, ()):
            if topic in own and topic in index.own_topics[org]:
                continue
            scores[org] += weight * index.topic_idf[topic]
    return {org: s / (norm * max(index.topic_norm[org], norm)) for org, s in scores.items() if s}


def text_similarity(index: MatchIndex, profile: Profile) -> dict[str, float]:
    """How alike the words of their project descriptions are (TF-IDF cosine, Danish and English).

    Catches the match that shares no keyword: "motion capture for stunt
    previsualisation" and "performance capture in pre-production".
    """
    if not profile.vector:
        return {}
    return index.text.similar(profile.vector)


def common_partners(index: MatchIndex, profile: Profile) -> dict[str, float]:
    """How many partners they share, as ``log(1 + n)``: the oldest predictor of a new tie.

    Two organisations that both work with the same third party can be introduced
    by it; the logarithm keeps a pair with thirty shared partners from drowning
    every other signal.
    """
    counts = _common_neighbours(index, profile, lambda degree: 1.0)
    return {org: math.log1p(c) for org, c in counts.items()}


def adamic_adar(index: MatchIndex, profile: Profile) -> dict[str, float]:
    """Common partners weighted by ``1 / log(degree)`` (Adamic–Adar).

    A shared partner who works with few others is a stronger hint than a hub
    that works with everyone (a large university, the cluster itself).
    """
    return _common_neighbours(index, profile, lambda degree: 1.0 / math.log(max(degree, 2)))


def _common_neighbours(index: MatchIndex, profile: Profile,
                       weigh: Callable[[int], float]) -> dict[str, float]:
    adj = index.collab.adj
    middles: set[str] = set()
    for seed in profile.seeds:
        if seed in adj:
            middles |= set(adj[seed])
    scores: dict[str, float] = defaultdict(float)
    for middle in middles:
        weight = weigh(len(adj[middle]))
        for org in adj[middle]:
            scores[org] += weight
    return dict(scores)


def personalised_pagerank(index: MatchIndex, profile: Profile) -> dict[str, float]:
    """Personalised PageRank from the organisation, truncated at :data:`WALK_STEPS` steps.

    The chance that a walk over the collaboration network (edges weighted by shared
    projects), restarting at the organisation with probability :data:`RESTART`,
    stands on each other organisation. It reaches beyond common partners (three
    steps away) and favours organisations reachable by many strong routes. The
    walk is truncated rather than run to convergence: the mass beyond three steps
    is small and spread thin, and truncation keeps one query local and fast.
    """
    transitions = index.transitions
    seeds = [s for s in profile.seeds if s in transitions]
    if not seeds:
        return {}
    current = {s: 1.0 / len(seeds) for s in seeds}
    scores: dict[str, float] = defaultdict(float)
    keep = 1.0 - RESTART
    for step in range(1, WALK_STEPS + 1):
        following: dict[str, float] = defaultdict(float)
        for node, mass in current.items():
            if mass < NEGLIGIBLE:
                continue
            for other, chance in transitions.get(node, ()):
                following[other] += mass * chance
        share = RESTART * keep**step
        for node, mass in following.items():
            scores[node] += share * mass
        current = following
    return dict(scores)


def complementarity(index: MatchIndex, profile: Profile) -> dict[str, float]:
    """Kinds that complete each other (:data:`COMPLEMENTS`): a company and a knowledge institution first.

    For a consortium, a kind the members already have completes nothing, so only
    kinds complementing one of the members' kinds, and missing among them, count.
    """
    scores: dict[str, float] = {}
    for pair, value in COMPLEMENTS.items():
        for mine in profile.kinds & pair:
            other = next(iter(pair - {mine}), mine)
            if other in profile.kinds and len(profile.seeds) > 1:
                continue
            for org in index.kind_orgs.get(other, ()):
                scores[org] = max(scores.get(org, 0.0), value)
    return scores


def shared_funding(index: MatchIndex, profile: Profile) -> dict[str, float]:
    """Shared programmes and funders, each weighted by rarity; for a fund, having funded the seeds' partners.

    Being in the same programme (the cluster programme, a Creative Europe line)
    or funded by the same fund means they already fit the same calls. A fund that
    has funded the organisation's partners is a fund worth meeting.
    """
    scores: dict[str, float] = defaultdict(float)
    for programme in profile.programmes:
        weight = index.tie_weight.get(programme, 0.0)
        for org in index.programme_orgs.get(programme, ()):
            scores[org] += weight
    for funder in profile.funders:
        weight = index.tie_weight.get(funder, 0.0)
        for org in index.fundees.get(funder, ()):
            scores[org] += weight
    partners: set[str] = set()
    for seed in profile.seeds:
        partners |= index.neighbours(seed)
    for partner in partners:
        for funder in index.funders.get(partner, ()):
            scores[funder] += index.tie_weight.get(funder, 0.0)
    return dict(scores)


#: The topics of a profile that :func:`field_activity` counts projects on (its rarest ones): enough for
#: any real organisation, and a bound on the cost of a query.
FIELD_TOPICS = 8


def field_topics(index: MatchIndex, profile: Profile) -> list[str]:
    """The profile's topics that count for :func:`field_activity`: own fields first, then the rarest."""
    ranked = sorted(profile.topics,
                    key=lambda t: (t not in profile.own_topics, -index.topic_idf.get(t, 0.0), t))
    return ranked[:FIELD_TOPICS]


def field_activity(index: MatchIndex, profile: Profile) -> dict[str, float]:
    """How much the candidate has done in *your* topics: ``log(1 + its projects on them)``.

    Popularity that is personal: the organisations most active in the fields of the one
    asking (its own fields, then the keywords of its projects), not the busiest of all.
    For a newcomer it is the best clue there is — who does the most in its field.
    """
    counts: dict[str, int] = defaultdict(int)
    seen: set[str] = set()
    for topic in field_topics(index, profile):
        for project in index.topic_projects.get(topic, ()):
            if project not in seen:
                seen.add(project)
                for org in index.project_orgs.get(project, ()):
                    counts[org] += 1
    return {org: math.log1p(n) for org, n in counts.items()}


def popularity(index: MatchIndex, profile: Profile) -> Mapping[str, float]:
    """How many partners the candidate has, damped: ``log(1 + partners)``.

    The best single predictor of a new tie in a growing network is how connected the
    other side already is (the well connected are easier to reach and more often
    asked). The logarithm, and its weight, keep hubs from filling every list.
    """
    return index.popularity


def activity(index: MatchIndex, profile: Profile) -> Mapping[str, float]:
    """How active the candidate is now: ``log(1 + projects running in the last three years)``.

    Organisations that are working on projects now are the ones starting new ones;
    one that was busy ten years ago and quiet since is a weaker bet.
    """
    return index.activity


def repeat(index: MatchIndex, profile: Profile) -> dict[str, float]:
    """Existing ties: ``log(1 + projects shared + other ties)``: past partners are the likeliest next ones.

    Every tie counts (a founder, an owner, a member, a funder …: one each), so that an
    existing tie is always among the candidates when existing ties are asked for. Only
    organisations already tied to a seed have it; they are left out unless asked for.
    """
    adj = index.collab.adj
    scores: dict[str, float] = defaultdict(float)
    for seed in profile.seeds:
        for other, keys in index.ties.get(seed, {}).items():
            shared = adj[seed][other].get("weight", 1) if other in adj.get(seed, {}) else 0
            scores[other] += shared + len(keys - {PARTNERS})
    return {org: math.log1p(n) for org, n in scores.items() if n}


def geography(index: MatchIndex, profile: Profile) -> dict[str, float]:
    """Same city (1) or same region (0.5): a mild signal, since meeting is easier close by."""
    scores: dict[str, float] = {}
    for region in profile.regions:
        for org in index.region_orgs.get(region, ()):
            scores[org] = 0.5
    for city in profile.cities:
        for org in index.city_orgs.get(city, ()):
            scores[org] = 1.0
    return scores


#: Every signal by the name its weight has in :class:`~vdk_graph.matchmaking.scoring.Weights`.
SIGNALS: dict[str, Signal] = {
    "topics": own_field_fit,
    "project_topics": topic_similarity,
    "text": text_similarity,
    "common_partners": common_partners,
    "adamic_adar": adamic_adar,
    "pagerank": personalised_pagerank,
    "complementarity": complementarity,
    "funding": shared_funding,
    "geography": geography,
    "popularity": popularity,
    "activity": activity,
    "field_activity": field_activity,
    "repeat": repeat,
}
