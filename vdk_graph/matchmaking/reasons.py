"""Why a suggestion was made, in plain Danish or English, with the evidence behind every word.

A reason is one short clause ("both work on XR and animation", "begge
samarbejder med Filmby Aarhus") and the things it names, as IRIs with labels:
the actual shared topics, partners, projects, programmes and places, nothing
else. Reasons are built only for the suggestions shown, after scoring, and are
ordered by how much their signal added to the score.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import networkx as nx

from vdk_graph.matchmaking.index import MatchIndex
from vdk_graph.matchmaking.signals import COMPLEMENTS, Profile
from vdk_graph.matchmaking.text import cosine, shared_terms

LANGS = ("en", "da")
#: How many things a sentence names before it says "and 3 more".
NAMED = 3

#: Organisation kinds with their indefinite article, as a sentence needs them.
KIND_PHRASES: dict[str, dict[str, str]] = {
    "company": {"en": "a company", "da": "en virksomhed"},
    "knowledge": {"en": "a knowledge institution", "da": "en videninstitution"},
    "public": {"en": "a public body", "da": "en offentlig myndighed"},
    "fund": {"en": "a fund", "da": "en fond"},
    "investor": {"en": "an investor", "da": "en investor"},
    "cluster": {"en": "a cluster organisation", "da": "en klyngeorganisation"},
    "association": {"en": "an industry association", "da": "en brancheforening"},
    "organisation": {"en": "an organisation", "da": "en organisation"},
}

TEMPLATES: dict[str, dict[str, str]] = {
    "existing": {"en": "already partners in {items}", "da": "allerede partnere i {items}"},
    "existing.tie": {"en": "already tied to {items}", "da": "allerede forbundet med {items}"},
    "topics.pair": {"en": "both work on {items}", "da": "begge arbejder med {items}"},
    "topics.idea": {"en": "works on {items}", "da": "arbejder med {items}"},
    "text.pair": {"en": "their projects are described in the same words ({items})",
                  "da": "deres projekter beskrives med de samme ord ({items})"},
    "text.idea": {"en": "its projects are described in words like yours ({items})",
                  "da": "dens projekter beskrives med ord som jeres ({items})"},
    "partners.pair": {"en": "both partner with {items}", "da": "begge samarbejder med {items}"},
    "partners.idea": {"en": "shares partners with the consortium: {items}",
                      "da": "har fælles partnere med konsortiet: {items}"},
    "direct": {"en": "already works with {items}", "da": "arbejder allerede sammen med {items}"},
    "steps": {"en": "is {n} steps away in the collaboration network, through {items}",
              "da": "er {n} led væk i samarbejdsnetværket, via {items}"},
    "kinds.pair": {"en": "one is {a} and one {b}", "da": "den ene er {a} og den anden {b}"},
    "kinds.idea": {"en": "is {b}, which the consortium lacks", "da": "er {b}, som konsortiet mangler"},
    "programmes.pair": {"en": "both take part in {items}", "da": "begge deltager i {items}"},
    "programmes.idea": {"en": "also takes part in {items}", "da": "deltager også i {items}"},
    "funders.pair": {"en": "both are funded by {items}", "da": "begge er finansieret af {items}"},
    "funders.idea": {"en": "is also funded by {items}", "da": "er også finansieret af {items}"},
    "funds.partner": {"en": "has funded {items}, a partner of {who}",
                      "da": "har finansieret {items}, som er partner til {who}"},
    "funds.partners": {"en": "has funded {items}, partners of {who}",
                       "da": "har finansieret {items}, som er partnere til {who}"},
    "city.pair": {"en": "both are based in {items}", "da": "begge har hjemsted i {items}"},
    "city.idea": {"en": "is also based in {items}", "da": "har også hjemsted i {items}"},
    "region.pair": {"en": "both are in {items}", "da": "begge ligger i {items}"},
    "region.idea": {"en": "is also in {items}", "da": "ligger også i {items}"},
    "consortium": {"en": "the consortium", "da": "konsortiet"},
    "more": {"en": "{n} more", "da": "{n} flere"},
    "one.more": {"en": "1 more", "da": "1 mere"},
    "and": {"en": "and", "da": "og"},
}


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
    return TEMPLATES[key][lang].format(**values)


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
        reasons = self.existing(candidate)
        builders = {
            "topics": self.topics, "text": self.text, "complementarity": self.kinds,
            "funding": self.funding, "geography": self.geography,
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
        """For a partner shown on request: what ties them already (shared projects first)."""
        if self.idea or not any(candidate in self.index.relations.get(s, ()) for s in self.profile.seeds):
            return []
        shared = sorted({p for s in self.profile.seeds for p in self.index.projects.get(s, ())}
                        & set(self.index.projects.get(candidate, ())))
        if shared:
            evidence = [self._evidence(p, "project") for p in shared]
            text = say("existing", self.lang, items=listing([e.label for e in evidence], self.lang))
        else:
            evidence = [self._evidence(s) for s in sorted(self.profile.seeds)]
            text = say("existing.tie", self.lang, items=self._items(evidence))
        return [Reason("existing", text, evidence)]

    def topics(self, candidate: str) -> list[Reason]:
        shared = set(self.profile.topics) & self.index.topics.get(candidate, frozenset())
        if not shared:
            return []
        ordered = sorted(shared, key=lambda t: (-self.index.topic_idf[t],
                                                self.index.label(t, self.lang).casefold()))
        evidence = [self._evidence(t, "topic") for t in ordered]
        text = say(f"topics.{self.mode}", self.lang, items=listing([e.label for e in evidence], self.lang))
        return [Reason("topics", text, evidence)]

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
        theirs = self.index.kind[candidate]
        for mine in sorted(self.profile.kinds):
            if frozenset({mine, theirs}) in COMPLEMENTS and mine != theirs:
                a, b = _kind_phrase(mine, self.lang), _kind_phrase(theirs, self.lang)
                evidence = [self._evidence(s) for s in sorted(self.profile.seeds)
                            if self.index.kind[s] == mine]
                evidence.append(self._evidence(candidate))
                return [Reason("complementarity", say(f"kinds.{self.mode}", self.lang, a=a, b=b), evidence)]
        return []

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


def _kind_phrase(kind: str, lang: str) -> str:
    return KIND_PHRASES.get(kind, KIND_PHRASES["organisation"])[lang]


def _shortest(graph: nx.Graph, seeds: list[str], target: str, cutoff: int = 4) -> list[str] | None:
    best: list[str] | None = None
    for seed in seeds:
        try:
            path = nx.bidirectional_shortest_path(graph, seed, target)
        except nx.NetworkXNoPath:
            continue
        if len(path) - 1 <= cutoff and (best is None or len(path) < len(best)):
            best = path
    return best


def sentence(reasons: Sequence[Reason]) -> str:
    """All reasons as one line: 'both work on XR and animation; both partner with Filmby Aarhus; …'."""
    return "; ".join(r.text for r in reasons)
