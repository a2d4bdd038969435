"""The shape of the collaboration network: brokers, communities and the organisations nobody works with yet.

* **Communities**: Louvain (``networkx.community.louvain_communities``, seeded, edge
  weight = shared projects), named automatically after the topics most typical
  of their members: how often a topic occurs in the community times its rarity
  overall, so a community is "Virtual production · Motion capture", not
  "Innovation".
* **Brokers**: organisations on many shortest routes between others (betweenness
  centrality) whose partners sit in several communities. Computed by igraph
  (:mod:`vdk_graph.measures`): exact where it takes seconds, else
  from :data:`DEFAULT_SAMPLES` seeded sources, which ranks the top brokers
  reliably at a fraction of the cost. Bridging is measured by the
  participation coefficient ``1 − Σ_c (k_c / k)²`` (0: all partners in one
  community; towards 1: spread over many) and the number of communities among
  the partners.
* **Outreach**: organisations with no collaboration in the graph — no shared project
  and no funding, investment or cluster tie — the ones a cluster should call.

:func:`compute_structure` is the expensive part; :mod:`vdk_graph.matchmaking.cache`
runs it once per data change and off the request path.
"""

from __future__ import annotations

import datetime as dt
import time
from collections import Counter
from dataclasses import dataclass, field

from vdk_graph import measures
from vdk_graph.derived.gc_pause import paused_gc
from vdk_graph.matchmaking.defaults import DEFAULT_SEED
from vdk_graph.matchmaking.graphs import as_networkx
from vdk_graph.matchmaking.index import MatchIndex
from vdk_graph.matchmaking.strings import TEXTS
from vdk_graph.texts import LANGS

#: Topics in a community's name.
NAME_TOPICS = 3


@dataclass
class Community:
    number: int
    members: list[str]
    #: (topic IRI, typicality) of its most typical topics, best first.
    topics: list[tuple[str, float]]
    labels: dict[str, str]

    def label(self, lang: str = "en") -> str:
        return self.labels.get(lang) or self.labels.get("en") or f"Community {self.number}"


@dataclass
class Structure:
    """The expensive measures of one collaboration network (identified by its fingerprint)."""

    fingerprint: str
    degree: dict[str, int]
    betweenness: dict[str, float]
    participation: dict[str, float]
    community_of: dict[str, int]
    communities: list[Community]
    samples: int
    seed: int
    seconds: float = 0.0
    computed_at: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.UTC).replace(microsecond=0))

    def bridged(self, index: MatchIndex, org: str) -> Counter[int]:
        """Communities among an organisation's partners, with how many partners in each."""
        return Counter(self.community_of[n] for n in index.neighbours(org) if n in self.community_of)


def community_name(index: MatchIndex, members: list[str],
                   number: int) -> tuple[list[tuple[str, float]], dict[str, str]]:
    """The most typical topics of ``members`` and a name made of them, in English and Danish."""
    counts: Counter[str] = Counter()
    for org in members:
        counts.update(index.topics.get(org, ()))
    typical = sorted(((t, c / len(members) * index.topic_idf[t]) for t, c in counts.items()),
                     key=lambda tc: (-tc[1], tc[0]))[:5]
    if not typical:
        return [], {lang: TEXTS("community", lang, n=number) for lang in LANGS}
    named = typical[:NAME_TOPICS]
    labels = {lang: " · ".join(index.label(t, lang) for t, _ in named) for lang in LANGS}
    return typical, labels


def compute_structure(index: MatchIndex, samples: int | None = None,
                      seed: int = DEFAULT_SEED) -> Structure:
    """Communities, betweenness (exact when it fits in seconds, else ``samples`` sources) and bridging,
    computed with the cyclic collector paused (at 1M it walked the whole process, index and projection
    included, every few thousand new dictionaries: more than half the time; see ``derived.gc_pause``)."""
    with paused_gc():
        return _computed(index, samples, seed)


def _computed(index: MatchIndex, samples: int | None, seed: int) -> Structure:
    started = time.perf_counter()
    graph = as_networkx(index.collab)  # an index read from disk keeps its network as a table
    converted = measures.to_igraph(graph, "weight") if measures.backend() == "igraph" else None
    betweenness, used = measures.betweenness(graph, samples=samples, seed=seed, converted=converted)
    found = measures.communities(graph, seed=seed, converted=converted)
    groups = sorted((sorted(c) for c in found if len(c) > 1), key=lambda c: (-len(c), c[0]))
    communities = []
    community_of: dict[str, int] = {}
    for number, members in enumerate(groups, 1):
        members.sort(key=lambda o: (-graph.degree(o), o))
        topics, labels = community_name(index, members, number)
        communities.append(Community(number, members, topics, labels))
        community_of.update(dict.fromkeys(members, number))
    participation = {}
    for org in graph:
        degree = graph.degree(org)
        if degree:
            shares = Counter(community_of.get(n, 0) for n in graph.adj[org])
            participation[org] = 1.0 - sum((c / degree) ** 2 for c in shares.values())
    return Structure(
        fingerprint=index.fingerprint, degree=dict(graph.degree()), betweenness=betweenness,
        participation=participation, community_of=community_of, communities=communities,
        samples=used, seed=seed, seconds=time.perf_counter() - started,
    )


# --------------------------------------------------------------------------- views for people


@dataclass
class Bridge:
    community: int
    label: str
    #: Partners of the broker in that community, strongest ties first.
    partners: list[tuple[str, str]]


@dataclass
class Broker:
    iri: str
    label: str
    kind: str
    betweenness: float
    participation: float
    degree: int
    community: int | None
    bridges: list[Bridge]

    def as_dict(self) -> dict[str, object]:
        return {
            "iri": self.iri, "label": self.label, "kind": self.kind,
            "betweenness": round(self.betweenness, 6),
            "participation": round(self.participation, 4), "degree": self.degree, "community": self.community,
            "communities_bridged": len(self.bridges),
            "bridges": [{"community": b.community, "label": b.label,
                         "partners": [{"iri": i, "label": lbl} for i, lbl in b.partners]}
                        for b in self.bridges],
        }


def brokers(index: MatchIndex, structure: Structure, top: int = 20, lang: str = "en") -> list[Broker]:
    """Organisations with the highest betweenness whose partners sit in two or more communities."""
    labels = {c.number: c.label(lang) for c in structure.communities}
    ranked = sorted(structure.betweenness.items(), key=lambda kv: (-kv[1], kv[0]))
    out: list[Broker] = []
    for org, value in ranked:
        if len(out) >= top or value <= 0:
            break
        if org not in index.kind:
            continue
        bridged = structure.bridged(index, org)
        if len(bridged) < 2:
            continue
        adj = index.collab.adj[org]
        bridges = []
        for number, _count in sorted(bridged.items(), key=lambda nc: (-nc[1], nc[0])):
            partners = sorted((n for n in adj if structure.community_of.get(n) == number),
                              key=lambda n: (-adj[n].get("weight", 1), index.label(n, lang)))[:3]
            bridges.append(Bridge(number, labels[number], [(p, index.label(p, lang)) for p in partners]))
        out.append(Broker(org, index.label(org, lang), index.kind[org], value,
                          structure.participation.get(org, 0.0), structure.degree.get(org, 0),
                          structure.community_of.get(org), bridges))
    return out


def community_views(index: MatchIndex, structure: Structure, lang: str = "en",
                    members_shown: int = 8) -> list[dict[str, object]]:
    """Each community: its name, size, kinds, typical topics and its best-connected members."""
    out = []
    for c in structure.communities:
        kinds = Counter(index.kind[m] for m in c.members if m in index.kind)
        out.append({
            "number": c.number, "label": c.label(lang), "size": len(c.members),
            "kinds": dict(kinds.most_common()),
            "topics": [{"iri": t, "label": index.label(t, lang), "typicality": round(v, 4)}
                       for t, v in c.topics],
            "members": [{"iri": m, "label": index.label(m, lang), "kind": index.kind.get(m, ""),
                         "degree": structure.degree.get(m, 0)} for m in c.members[:members_shown]],
        })
    return out


def outreach(index: MatchIndex, lang: str = "en") -> list[dict[str, object]]:
    """Organisations with no collaboration, funding, investment or cluster tie in the graph."""
    lonely = list(index.unrelated)
    lonely.sort(key=lambda o: (index.label(o, lang), o))
    return [{"iri": o, "label": index.label(o, lang), "kind": index.kind[o],
             "city": index.city[o].label(lang) if o in index.city else None,
             "topics": [{"iri": t, "label": index.label(t, lang)}
                        for t in sorted(index.topics.get(o, ()), key=lambda t: -index.topic_idf[t])[:5]]}
            for o in lonely]
