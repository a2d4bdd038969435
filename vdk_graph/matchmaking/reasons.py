"""Why a suggestion was made, in plain Danish or English, with the evidence behind every word.

A reason is one short clause ("both work on XR and animation", "begge
samarbejder med Filmby Aarhus") and the things it names, as IRIs with labels:
the actual shared topics, partners, projects, programmes and places, nothing
else. Reasons are built only for the suggestions shown, after scoring, and are
ordered by how much their signal added to the score.

What a person can act on: an organisation's own fields are told apart from the
keywords of its projects ("both work on XR" against "both have projects on XR");
a kind is said right ("a company that invests", not "an investor"); an existing
tie says which tie it is ("is among the founders of Vision Denmark"); words of
text are never names, money or filler (:mod:`~vdk_graph.matchmaking.text` leaves
them out); a cold start says it is one; and every suggestion has one line of *why
now* (:meth:`Explainer.why_now`: "active in 3 projects since 2022").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from vdk_graph.kinds import kind_phrase
from vdk_graph.matchmaking.graphs import shortest_path
from vdk_graph.matchmaking.index import MatchIndex
from vdk_graph.matchmaking.signals import COMPLEMENTS, Profile
from vdk_graph.matchmaking.strings import TEXTS
from vdk_graph.matchmaking.text import cosine, shared_terms
from vdk_graph.matchmaking.ties import PARTNERS, ordered
from vdk_graph.texts import LANGS

#: How many things a sentence names before it says "and 3 more".
NAMED = 3
#: Fewer partners than this is no reason to call anyone well connected (the signal still counts).
WELL_CONNECTED = 3


@dataclass(frozen=True)
class Evidence:
    """One thing a reason names: an IRI (None for a word of text) and its label."""

    iri: str | None
    label: str
    kind: str

    def as_dict(self) -> dict[str, str | None]:
        return {"iri": self.iri, "label": self.label, "kind": self.kind}


@dataclass
class Reason:
    signal: str
    text: str
    evidence: list[Evidence] = field(default_factory=list)
    #: What the signal added to the score (shared by the reasons of one signal: counted on the first).
    contribution: float = 0.0

    def as_dict(self) -> dict[str, object]:
        return {"signal": self.signal, "text": self.text, "contribution": round(self.contribution, 4),
                "evidence": [e.as_dict() for e in self.evidence]}


def say(key: str, lang: str, **values: object) -> str:
    return TEXTS(key, lang, **values)


def listing(labels: Sequence[str], lang: str, total: int | None = None) -> str:
    """'A, B and C' / 'A, B og C'; past :data:`NAMED` items, 'A, B, C and 2 more'."""
    total = len(labels) if total is None else total
    shown = list(labels[:NAMED])
    if total > len(shown):
        rest = total - len(shown)
        shown.append(say("one.more", lang) if rest == 1 else say("more", lang, n=rest))
    if len(shown) <= 1:
        return "".join(shown)
    return f"{', '.join(shown[:-1])} {say('and', lang)} {shown[-1]}"


class Explainer:
    """Builds the reasons of one query's suggestions (one organisation, or an idea with its members)."""

    def __init__(self, index: MatchIndex, profile: Profile, lang: str, idea: bool) -> None:
        if lang not in LANGS:
            raise ValueError(f"language {lang!r}: one of {', '.join(LANGS)}")
        self.index, self.profile, self.lang, self.idea = index, profile, lang, idea
        self.mode = "idea" if idea else "pair"

    def _evidence(self, iri: str, kind: str | None = None) -> Evidence:
        return Evidence(iri, self.index.label(iri, self.lang), kind or self.index.node_kind(iri))

    def _items(self, evidence: Sequence[Evidence]) -> str:
        return listing([e.label for e in evidence], self.lang)

    def explain(self, candidate: str, contributions: dict[str, float]) -> list[Reason]:
        """The reasons for one suggestion, strongest signal first (activity's reason is :meth:`why_now`)."""
        reasons = self.existing(candidate)
        if not self.profile.history and not self.idea:
            reasons.append(Reason("cold_start", say("cold", self.lang)))
        builders = {
            "topics": self.topics, "project_topics": self.project_topics, "text": self.text,
            "complementarity": self.kinds, "funding": self.funding, "geography": self.geography,
            "popularity": self.popular,
        }
        network = sum(contributions.get(s, 0.0) for s in ("common_partners", "adamic_adar", "pagerank"))
        ranked = [(v, s) for s, v in contributions.items() if s in builders]
        if network:
            ranked.append((network, "network"))
        ranked.sort(key=lambda vs: (-vs[0], vs[1]))
        for value, signal in ranked:
            built = self.network(candidate) if signal == "network" else builders[signal](candidate)
            for i, reason in enumerate(built):
                reason.contribution = value if i == 0 else 0.0
                reasons.append(reason)
        return reasons

    def existing(self, candidate: str) -> list[Reason]:
        """For an existing tie shown on request: which ties — shared projects first, then each other tie."""
        if self.idea:
            return []
        reasons = []
        for seed in sorted(self.profile.seeds):
            keys = ordered(self.index.ties.get(candidate, {}).get(seed, set()))
            who = self._evidence(seed)
            for key in keys:
                if key == PARTNERS:
                    shared = sorted(set(self.index.projects.get(seed, ()))
                                    & set(self.index.projects.get(candidate, ())))
                    evidence = [self._evidence(p, "project") for p in shared]
                    text = say("existing", self.lang, items=self._items(evidence))
                else:
                    evidence = [who]
                    text = say(f"tie.{key}", self.lang, who=who.label)
                reasons.append(Reason("existing", text, evidence))
        return reasons

    def topics(self, candidate: str) -> list[Reason]:
        """Own fields both state (or, for an idea, its topics among the candidate's own fields)."""
        shared = set(self.profile.own_topics) & self.index.own_topics.get(candidate, frozenset())
        if not shared:
            return []
        idf = self.index.own_topic_idf
        ordered_topics = sorted(shared, key=lambda t: (-idf[t], self.index.label(t, self.lang).casefold()))
        evidence = [self._evidence(t, "topic") for t in ordered_topics]
        text = say(f"topics.{self.mode}", self.lang, items=listing([e.label for e in evidence], self.lang))
        return [Reason("topics", text, evidence)]

    def project_topics(self, candidate: str) -> list[Reason]:
        """Shared topics where one side or both have them from project keywords, said from which side."""
        index, profile = self.index, self.profile
        theirs_own = index.own_topics.get(candidate, frozenset())
        theirs_projects = index.project_topics.get(candidate, frozenset())
        my_projects = {t for s in profile.seeds for t in index.project_topics.get(s, ())}
        groups: dict[str, list[str]] = {}
        for topic in set(profile.topics) & (theirs_own | theirs_projects):
            mine_own = topic in profile.own_topics
            if mine_own and topic in theirs_own:
                continue  # a shared own field: the topics reason says it
            if self.idea:
                key = "projects.idea"
            elif topic in my_projects and topic in theirs_projects:
                key = "projects.pair"
            elif mine_own:
                key = "projects.mine"
            else:
                key = "projects.theirs"
            groups.setdefault(key, []).append(topic)
        reasons = []
        who = listing([self.index.label(s, self.lang) for s in sorted(profile.seeds)], self.lang)
        for key in ("projects.pair", "projects.idea", "projects.mine", "projects.theirs"):
            if key in groups:
                topics = sorted(groups[key],
                                key=lambda t: (-index.topic_idf[t], index.label(t, self.lang).casefold()))
                evidence = [self._evidence(t, "topic") for t in topics]
                text = say(key, self.lang, items=self._items(evidence), who=who)
                reasons.append(Reason("project_topics", text, evidence))
        return reasons

    def popular(self, candidate: str) -> list[Reason]:
        """How many partners it has (the popularity signal), naming its most frequent partners."""
        adj = self.index.collab.adj.get(candidate, {})
        if len(adj) < WELL_CONNECTED:
            return []
        strongest = sorted(adj, key=lambda o: (-adj[o].get("weight", 1), -self.index.degree.get(o, 0), o))
        evidence = [self._evidence(o) for o in strongest[:NAMED]]
        return [Reason("popularity", say("popular", self.lang, n=len(adj)), evidence)]

    def why_now(self, candidate: str) -> Reason:
        """One line of why now: its projects running in the last three years, or when it was last active."""
        index = self.index
        recent = index.recent.get(candidate, [])
        since = index.active_since
        if recent and since is not None:
            evidence = [self._evidence(p, "project") for p in recent]
            if len(recent) == 1:
                return Reason("why_now", say("now.active.one", self.lang, year=since), evidence)
            return Reason("why_now", say("now.active", self.lang, n=len(recent), year=since), evidence)
        last = index.last_year(candidate)
        projects = index.projects.get(candidate, [])
        if last is not None:
            evidence = [self._evidence(p, "project") for p in projects
                        if index.years.get(p, (0, 0))[1] == last]
            return Reason("why_now", say("now.last", self.lang, year=last), evidence)
        if projects:
            evidence = [self._evidence(p, "project") for p in projects]
            key = "now.undated.one" if len(projects) == 1 else "now.undated"
            return Reason("why_now", say(key, self.lang, n=len(projects)), evidence)
        return Reason("why_now", say("now.none", self.lang))

    def text(self, candidate: str) -> list[Reason]:
        theirs = self.index.text.groups.get(candidate)
        if not theirs or not self.profile.vector:
            return []
        words = self.index.text.words(shared_terms(self.profile.vector, theirs, NAMED))
        if not words:
            return []
        documents = self.index.text.documents
        projects = [p for p in self.index.projects.get(candidate, ()) if p in documents]
        best = sorted(projects, key=lambda p: (-cosine(self.profile.vector, documents[p]), p))[:2]
        evidence = [self._evidence(p, "project") for p in best
                    if cosine(self.profile.vector, documents[p]) > 0]
        if not self.idea:
            mine = [p for s in sorted(self.profile.seeds) for p in self.index.projects.get(s, ())
                    if p in documents]
            if mine and best:
                closest = max(mine, key=lambda p: (cosine(documents[p], documents[best[0]]), p))
                evidence.insert(0, self._evidence(closest, "project"))
        quoted = ", ".join(f"“{w}”" for w in words)
        return [Reason("text", say(f"text.{self.mode}", self.lang, items=quoted), evidence)]

    def network(self, candidate: str) -> list[Reason]:
        adj = self.index.collab.adj
        seeds = [s for s in sorted(self.profile.seeds) if s in adj]
        direct = [s for s in seeds if candidate in adj[s]]
        middles: dict[str, float] = {}
        for seed in seeds:
            for middle in set(adj[seed]) & set(adj.get(candidate, {})):
                middles[middle] = middles.get(middle, 0.0) + adj[seed][middle].get("weight", 1)
        reasons = []
        if direct and self.idea:
            evidence = [self._evidence(s) for s in direct]
            reasons.append(Reason("network", say("direct", self.lang, items=self._items(evidence)), evidence))
        if middles:
            ordered = sorted(middles, key=lambda m: (-middles[m], self.index.label(m, self.lang)))
            evidence = [self._evidence(m) for m in ordered]
            items = listing([e.label for e in evidence], self.lang)
            reasons.append(Reason("network", say(f"partners.{self.mode}", self.lang, items=items), evidence))
        if not reasons and seeds and candidate in adj:
            path = _shortest(self.index.collab, seeds, candidate)
            if path and len(path) > 2:
                evidence = [self._evidence(m) for m in path[1:-1]]
                text = say("steps", self.lang, n=len(path) - 1, items=self._items(evidence))
                reasons.append(Reason("network", text, evidence))
        return reasons

    def kinds(self, candidate: str) -> list[Reason]:
        """The pair of kinds that completes each other best, each organisation said as what it is."""
        theirs = self.index.kinds.get(candidate) or {self.index.kind[candidate]}
        best: tuple[float, str, str] | None = None
        for mine in sorted(self.profile.kinds):
            for other in sorted(theirs):
                value = COMPLEMENTS.get(frozenset({mine, other}), 0.0)
                if mine != other and value and (best is None or value > best[0]):
                    best = (value, mine, other)
        if best is None:
            return []
        _, mine, other = best
        seeds = [s for s in sorted(self.profile.seeds)
                 if mine in (self.index.kinds.get(s) or {self.index.kind[s]})]
        a = self.phrase(seeds[0], mine) if seeds else kind_phrase(mine, self.lang)
        b = self.phrase(candidate, other)
        evidence = [self._evidence(s) for s in seeds]
        evidence.append(self._evidence(candidate))
        return [Reason("complementarity", say(f"kinds.{self.mode}", self.lang, a=a, b=b), evidence)]

    def phrase(self, org: str, kind: str | None = None) -> str:
        """What an organisation is, with its article: "a company", "a company that invests".

        ``kind`` is the kind that matters here; an organisation that is an investor only as a role
        (a company that invests) is said as its kind with that role.
        """
        main = self.index.kind.get(org, "organisation")
        roles = self.index.roles.get(org, frozenset())
        if kind == "investor" and main != "investor":
            roles = roles | {"invests"}
        text = kind_phrase(main, self.lang)
        for role in sorted(roles):
            text = say("role", self.lang, kind=text, role=say(f"role.{role}", self.lang))
        return text

    def funding(self, candidate: str) -> list[Reason]:
        reasons = []
        programmes = sorted(self.profile.programmes & self.index.programmes.get(candidate, frozenset()))
        if programmes:
            evidence = [self._evidence(p, "programme") for p in programmes]
            text = say(f"programmes.{self.mode}", self.lang, items=self._items(evidence))
            reasons.append(Reason("funding", text, evidence))
        funders = sorted(self.profile.funders & self.index.funders.get(candidate, set()))
        if funders:
            evidence = [self._evidence(f) for f in funders]
            text = say(f"funders.{self.mode}", self.lang, items=self._items(evidence))
            reasons.append(Reason("funding", text, evidence))
        partners = sorted({p for s in self.profile.seeds for p in self.index.neighbours(s)}
                          & self.index.fundees.get(candidate, set()))
        if partners:
            evidence = [self._evidence(p) for p in partners]
            seeds = [self.index.label(s, self.lang) for s in sorted(self.profile.seeds)]
            who = say("consortium", self.lang) if self.idea else listing(seeds, self.lang)
            key = "funds.partner" if len(evidence) == 1 else "funds.partners"
            text = say(key, self.lang, items=self._items(evidence), who=who)
            reasons.append(Reason("funding", text, evidence))
        return reasons

    def geography(self, candidate: str) -> list[Reason]:
        city = self.index.city.get(candidate)
        if city is not None and city.iri in self.profile.cities:
            return [Reason("geography", say(f"city.{self.mode}", self.lang, items=city.label(self.lang)),
                           [Evidence(city.iri, city.label(self.lang), "place")])]
        region = self.index.region.get(candidate)
        if region is not None and region.iri in self.profile.regions:
            return [Reason("geography", say(f"region.{self.mode}", self.lang, items=region.label(self.lang)),
                           [Evidence(region.iri, region.label(self.lang), "place")])]
        return []


def _shortest(graph: Any, seeds: list[str], target: str, cutoff: int = 4) -> list[str] | None:
    best: list[str] | None = None
    for seed in seeds:
        path = shortest_path(graph, seed, target)
        if path is None:
            continue
        if len(path) - 1 <= cutoff and (best is None or len(path) < len(best)):
            best = path
    return best


def sentence(reasons: Sequence[Reason]) -> str:
    """All reasons as one line: 'both work on XR and animation; both partner with Filmby Aarhus; …'."""
    return "; ".join(r.text for r in reasons)
