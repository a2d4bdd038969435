"""What matchmaking knows about every organisation, built once per data change.

Suggestions must answer in milliseconds, so everything that does not depend on
the question is computed here, once per ``store.data_version()``: each
organisation's kinds, its *own* fields apart from the keywords of its projects
(a reason must not present a project keyword as what an organisation does),
projects and their years, how active it has been lately and how many partners it
has, existing ties of every sort (:mod:`~vdk_graph.matchmaking.ties`), funders,
programmes, place, and the TF-IDF vectors of its texts, plus the inverted
indexes (topic → organisations, programme → organisations …) that let a signal
touch only the organisations that can score. Built on the network projection
(:func:`vdk_graph.network.ecosystem`) and three extra reads of the store
(:mod:`~vdk_graph.matchmaking.index_reads`); its shape is
:mod:`~vdk_graph.matchmaking.index_model`'s :class:`MatchIndex`.

The index is a :class:`~vdk_graph.derived.Derived` view kept on disk
(:mod:`~vdk_graph.matchmaking.index_file`): a new process reads the few
organisations a question touches from the file instead of rebuilding it all.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from vdk_graph.derived import Derived
from vdk_graph.derived.gc_pause import paused_gc
from vdk_graph.derived.sqlite_maps import MappedView
from vdk_graph.matchmaking.index_model import (
    ACTIVE_YEARS,
    Inputs,
    MatchIndex,
    Nodes,
    Place,
    build_path_graph,
    has_weight,
    transition,
)
from vdk_graph.matchmaking.index_reads import read_kinds, read_places, read_texts
from vdk_graph.matchmaking.index_rows import (
    PARTICIPATION,
    ROLES,
    OrgRow,
    fundees_of,
    org_row,
    ties_of,
    years_of,
)
from vdk_graph.matchmaking.text import TextIndex, name_terms, tokens
from vdk_graph.store.base import Store

if TYPE_CHECKING:  # networkx is imported where a network is built: reading the index from disk needs none
    from vdk_graph.network import Ecosystem

__all__ = [
    "ACTIVE_YEARS", "MATCH_INDEX", "PARTICIPATION", "ROLES", "Kept", "MatchIndex", "Nodes", "Place",
    "build_index", "build_path_graph", "match_index", "read_kinds", "read_places", "read_texts",
]


def build_index(eco: Ecosystem, texts: Mapping[str, list[str]] | None = None,
                places: Mapping[str, tuple[Place, Place | None]] | None = None,
                classes: Mapping[str, set[str]] | None = None, kept: Kept | None = None) -> MatchIndex:
    """The index of one projection (``texts``, ``places``, ``classes`` as :func:`read_texts`,
    :func:`read_places`, :func:`read_kinds` give), built with the collector paused (millions of
    objects that all live on: :mod:`~vdk_graph.derived.gc_pause`).

    ``kept``: what an update keeps of the previous index (:mod:`~vdk_graph.matchmaking.index_update`):
    the rows and ties of the organisations it does not name as changed.
    """
    with paused_gc():
        return _built(eco, texts or {}, places or {}, classes or {}, kept)


@dataclass(frozen=True)
class Kept:
    """The previous index's per-organisation parts an update keeps, and which of them it must not."""

    rows: Mapping[str, OrgRow]
    ties: Mapping[str, dict[str, set[str]]]
    #: Organisations whose rows are computed again (node, edges, projects or inputs changed).
    changed: set[str]
    #: Organisations whose ties are computed again (a superset of ``changed``).
    tied: set[str]
    #: The nodes of the projection that changed, the previous projection, and its names' terms.
    nodes: set[str] = field(default_factory=set)
    old: Any = None
    named: Mapping[str, int] | None = None


def _built(eco: Ecosystem, texts: Mapping[str, list[str]], places: Mapping[str, tuple[Place, Place | None]],
           classes: Mapping[str, set[str]], kept: Kept | None = None) -> MatchIndex:
    graph = eco.graph
    collab = eco.collaboration()
    orgs = sorted(collab.nodes)
    no_classes: set[str] = set()
    if kept is None:
        rows = {o: org_row(graph, o, classes.get(o, no_classes)) for o in orgs}
    else:
        old, changed = kept.rows, kept.changed
        rows = {o: old[o] if o in old and o not in changed else org_row(graph, o, classes.get(o, no_classes))
                for o in orgs}
    topics = {o: r.topics for o, r in rows.items()}
    kinds = {o: r.kinds for o, r in rows.items()}
    projects = {o: r.projects for o, r in rows.items() if r.projects is not None}
    funders = {o: r.funders for o, r in rows.items() if r.funders is not None}
    fundees = fundees_of(funders, collab._node)
    if kept is None:
        ties = {o: ties_of(graph, collab, o, funders, fundees) for o in orgs}
    else:
        ties = {o: kept.ties[o] if o in kept.ties and o not in kept.tied
                else ties_of(graph, collab, o, funders, fundees) for o in orgs}
    years = years_of(graph, sorted({p for own in projects.values() for p in own}))
    own_topics = {o: r.own_topics for o, r in rows.items()}
    project_orgs = _inverted((o, projects.get(o, ())) for o in orgs)
    topic_projects = _inverted((p, graph._node[p].get("topics") or ()) for p in sorted(project_orgs))

    n = len(orgs) or 1
    topic_orgs = _inverted(topics.items())
    topic_idf = {t: math.log((1 + n) / (1 + len(members))) + 1.0 for t, members in topic_orgs.items()}
    topic_norm = {o: math.sqrt(sum(topic_idf[t] ** 2 for t in topics[o])) for o in orgs}
    own_topic_orgs = _inverted(own_topics.items())
    own_idf = {t: math.log((1 + n) / (1 + len(members))) + 1.0 for t, members in own_topic_orgs.items()}
    own_norm = {o: math.sqrt(sum(own_idf[t] ** 2 for t in own_topics[o])) for o in orgs}
    programmes = {o: r.programmes for o, r in rows.items()}
    programme_orgs = _inverted(programmes.items())
    tie_weight = {key: 1.0 / math.log(2 + len(members)) for key, members in programme_orgs.items()}
    tie_weight.update({f: 1.0 / math.log(2 + len(members)) for f, members in fundees.items()})

    starts = [first for first, _ in years.values()]
    now = min(max(starts), dt.date.today().year) if starts else None
    recent: dict[str, list[str]] = {}
    if now is not None:
        since = now - ACTIVE_YEARS + 1
        for org, own_projects in projects.items():
            running = [p for p in own_projects if p in years and years[p][1] >= since and years[p][0] <= now]
            if running:
                recent[org] = running

    city = {o: places[o][0] for o in orgs if o in places}
    region = {o: r for o in orgs if o in places and (r := places[o][1]) is not None}
    documents = {p: " ".join(texts.get(p) or [eco.label(p)]) for org in orgs for p in projects.get(org, ())}
    documents.update({f"org:{o}": " ".join(texts[o]) for o in orgs if texts.get(o)})
    groups = {o: [*projects.get(o, ()), *([f"org:{o}"] if texts.get(o) else [])] for o in orgs}
    named = _named(eco, kept)
    names = [label for place in [*city.values(), *region.values()] for _, label in place.labels]
    topic_words = [eco.label(t, lang) for t in topic_orgs for lang in ("en", "da")]
    return MatchIndex(
        eco=eco, collab=collab, orgs=orgs, kind={o: r.kind for o, r in rows.items()}, topics=topics,
        topic_idf=topic_idf, topic_orgs=topic_orgs, topic_norm=topic_norm, projects=projects,
        relations={o: set(ties[o]) for o in orgs}, funders=funders, fundees=fundees, programmes=programmes,
        programme_orgs=programme_orgs,
        tie_weight=tie_weight, city=city, region=region,
        city_orgs=_inverted((o, [p.iri]) for o, p in city.items()),
        region_orgs=_inverted((o, [p.iri]) for o, p in region.items()),
        kind_orgs=_inverted((o, sorted(ks)) for o, ks in kinds.items()),
        text=TextIndex.build(documents, groups, ignore=name_terms(names, topic_words, named)),
        # Computed per node on first use, as for an index read from its file: a walk touches a few
        # thousand nodes, and all 14.5k at 1M cost every build (and every warm-up) ~0.4 s of CPU.
        transitions=MappedView(collab.adj, transition, keep=has_weight),
        kinds=kinds, roles={o: r.roles for o, r in rows.items()}, own_topics=own_topics,
        own_topic_orgs=own_topic_orgs, own_topic_idf=own_idf,
        own_topic_norm=own_norm, project_topics={o: r.project_topics for o, r in rows.items()}, ties=ties,
        years=years, now=now, recent=recent, closed={o: r.closed for o, r in rows.items() if r.closed},
        degree={o: len(collab.adj[o]) for o in orgs},
        popularity={o: math.log1p(len(collab.adj[o])) for o in orgs if collab.adj[o]},
        activity={o: math.log1p(len(running)) for o, running in recent.items()},
        topic_projects=topic_projects, project_orgs=project_orgs, inputs=Inputs(texts, places, classes),
        rows=rows, named=named,
    )


def _named(eco: Ecosystem, kept: Kept | None) -> Counter[str]:
    """How many names of the projection's nodes (but topics and projects) hold each term, in both languages.

    Kept with the index: after a write only the changed nodes' names are counted again (at 1M the
    names of 200k nodes were ~0.3 s of every update)."""
    def terms(graph: Any, node: str, label: Any) -> list[str]:
        if graph._node[node].get("kind") in ("topic", "project"):
            return []
        return [t for lang in ("en", "da") for t in tokens(label(node, lang))]

    graph = eco.graph
    if kept is None or kept.named is None:
        return Counter(t for node in graph._node for t in terms(graph, node, eco.label))
    named = Counter(kept.named)
    old = kept.old.graph
    for node in kept.nodes:
        if node in old._node:
            named.subtract(terms(old, node, kept.old.label))
        if node in graph._node:
            named.update(terms(graph, node, eco.label))
    return +named  # only the terms some name still holds


def _inverted(items: Iterable[tuple[str, Iterable[str]]]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = defaultdict(list)
    for org, keys in items:
        for key in sorted(keys):
            out[key].append(org)
    return dict(out)


# --------------------------------------------------------------------------- the derived view


def _compute(store: Store) -> MatchIndex:
    from vdk_graph.network import ecosystem

    return build_index(ecosystem(store), read_texts(store), read_places(store), read_kinds(store))


def _update(store: Store, previous: MatchIndex, since: str) -> MatchIndex | None:
    from vdk_graph.matchmaking.index_update import updated_index

    return updated_index(store, previous, since)


def _codec() -> Any:
    from vdk_graph.matchmaking.index_file import IndexFile

    return IndexFile()


#: Once per data version, kept on disk beside the store (:mod:`~vdk_graph.matchmaking.index_file`).
MATCH_INDEX: Derived[MatchIndex] = Derived("matchmaking index", lambda store: _compute(store), keys=1,
                                           warm=((),), codec=_codec, update=_update)


def match_index(store: Store) -> MatchIndex:
    """The index of ``store``: from memory, else from its file when that is current, else built (and kept)."""
    return MATCH_INDEX.get(store)
