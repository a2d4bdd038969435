"""What the matchmaking evaluation and the weight fit share: worlds, the hold-out, baselines, nDCG.

A *world* is a generated ecosystem cut at a year: everything that started after
the cut-off is hidden, the rest is written to an N-Triples file and imported the
way a user imports RDF — :func:`vdk_graph.importers.base.run_import` with the
:class:`~vdk_graph.importers.rdf.RdfImporter`, the library call behind
``vdk-graph import rdf`` (``--no-shacl``, a trusted bulk load, unless ``shacl``) —
into a fresh store, and matchmaking reads that store. The truth for an
organisation present at the cut-off is the organisations it first works with
after it (``SynthEcosystem.collaborations``), minus those it is already tied to.

Two generators: ``communities`` (:func:`vdk_graph.synth.generate`, planted
communities) and ``hubs`` (:func:`vdk_graph.synth.hubs.generate`, hubs,
preferential attachment, repeat and triadic closure).
"""

from __future__ import annotations

import dataclasses
import math
import random
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).parent.parent))
from vdk_graph import synth  # noqa: E402
from vdk_graph.config import Settings  # noqa: E402
from vdk_graph.importers.base import ImportContext, run_import  # noqa: E402
from vdk_graph.importers.rdf import RdfImporter  # noqa: E402
from vdk_graph.matchmaking.index import MatchIndex, match_index  # noqa: E402
from vdk_graph.store import MemoryStore  # noqa: E402
from vdk_graph.synth import hubs  # noqa: E402

GENERATORS = ("communities", "hubs")
FIRST_YEAR, LAST_YEAR, CUTOFF = 2010, 2024, 2020
K = 10


def generate(generator: str, orgs: int, seed: int, parameters: hubs.HubParameters | None = None,
             ) -> synth.SynthEcosystem:
    if generator == "communities":
        return synth.generate(orgs, seed=seed, first_year=FIRST_YEAR, last_year=LAST_YEAR)
    if generator == "hubs":
        return hubs.generate(orgs, seed=seed, first_year=FIRST_YEAR, last_year=LAST_YEAR,
                             parameters=parameters)
    raise SystemExit(f"unknown generator {generator!r}; one of {', '.join(GENERATORS)}")


def world_at(eco: synth.SynthEcosystem, cutoff: int) -> synth.SynthEcosystem:
    """The ecosystem as it stood at the end of ``cutoff``: nothing that started later."""
    orgs = [o for o in eco.orgs if o.founded <= cutoff]
    kept = {o.iri for o in orgs}
    projects = [p for p in eco.projects if p.start.year <= cutoff]
    project_iris = {p.iri for p in projects}
    return dataclasses.replace(
        eco, orgs=orgs, projects=projects,
        grants=[g for g in eco.grants if g.project in project_iris],
        investments=[i for i in eco.investments
                     if i.date.year <= cutoff and {i.investor, i.investee} <= kept],
        memberships=[m for m in eco.memberships if m.since <= cutoff and {m.member, m.cluster} <= kept],
        programmes=[p for p in eco.programmes if p.start_year <= cutoff and p.funder in kept],
        last_year=cutoff,
    )


def import_rdf(eco: synth.SynthEcosystem, shacl: bool = False) -> MemoryStore:
    """A fresh store holding ``eco``, imported as ``vdk-graph import rdf [--no-shacl] past.nt`` does."""
    store = MemoryStore()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "past.nt"
        synth.write(eco, path, "nt")
        context = ImportContext.for_store(store, Settings(store="memory:"), trusted=not shacl)
        run_import(store, RdfImporter(), [path], context)
    return store


def new_pairs(eco: synth.SynthEcosystem, cutoff: int, present: set[str]) -> dict[str, set[str]]:
    """Organisation → the organisations it first works with after ``cutoff`` (both present at the cut-off)."""
    fresh = eco.collaborations(from_year=cutoff + 1) - eco.collaborations(until_year=cutoff)
    truth: dict[str, set[str]] = defaultdict(set)
    for pair in fresh:
        a, b = sorted(pair)
        if a in present and b in present:
            truth[a].add(b)
            truth[b].add(a)
    return truth


@dataclass
class Query:
    org: str
    relevant: set[str]
    #: Everyone it may be suggested: present at the cut-off, not itself, not already tied to it.
    candidates: list[str]
    newcomer: bool


@dataclass
class World:
    generator: str
    seed: int
    index: MatchIndex
    store: MemoryStore
    queries: list[Query]
    #: The shared random order that breaks ties of the baselines (and is the random baseline).
    order: list[str]
    note: str


def build_world(generator: str, orgs: int, seed: int, *, cutoff: int = CUTOFF, sample: int = 400,
                shacl: bool = False, parameters: hubs.HubParameters | None = None) -> World:
    started = time.perf_counter()
    full = generate(generator, orgs, seed, parameters)
    past = world_at(full, cutoff)
    store = import_rdf(past, shacl=shacl)
    index = match_index(store)
    truth = new_pairs(full, cutoff, set(index.kind))
    rng = random.Random(seed * 7919 + len(generator))
    order = list(index.orgs)
    rng.shuffle(order)
    sources = sorted(o for o in truth if o in index.kind)
    rng.shuffle(sources)
    queries = []
    for org in sources:
        tied = {org} | index.relations.get(org, set())
        relevant = truth[org] - tied
        if relevant:
            candidates = [o for o in order if o not in tied]
            queries.append(Query(org, relevant, candidates, not index.has_history(org)))
        if len(queries) == sample:
            break
    newcomers = sum(q.newcomer for q in queries)
    pairs = sum(len(v) for v in truth.values()) // 2
    note = (f"{generator} world, seed {seed}: {len(full.orgs)} organisations ({len(index.orgs)} at the "
            f"cut-off), {len(past.projects)} projects {FIRST_YEAR}–{cutoff}, {pairs} new pairs "
            f"{cutoff + 1}–{LAST_YEAR}; "
            f"{len(queries)} queries ({newcomers} newcomers); imported and indexed in "
            f"{time.perf_counter() - started:.1f} s")
    return World(generator, seed, index, store, queries, order, note)


# --------------------------------------------------------------------------- baselines

Scorer = Callable[[MatchIndex, str, list[str]], dict[str, float]]


def _neighbours(index: MatchIndex, org: str) -> set[str]:
    return set(index.collab.adj[org]) if org in index.collab else set()


def degree(index: MatchIndex, org: str, candidates: list[str]) -> dict[str, float]:
    """Popularity: how many partners the candidate already has."""
    return {c: float(index.degree.get(c, 0)) for c in candidates}


def recent_activity(index: MatchIndex, org: str, candidates: list[str]) -> dict[str, float]:
    """Projects of the candidate running in the last three years before the cut-off."""
    return {c: float(len(index.recent.get(c, ()))) for c in candidates}


def common_neighbours(index: MatchIndex, org: str, candidates: list[str]) -> dict[str, float]:
    mine = _neighbours(index, org)
    return {c: float(len(mine & _neighbours(index, c))) for c in candidates}


def adamic_adar(index: MatchIndex, org: str, candidates: list[str]) -> dict[str, float]:
    mine = _neighbours(index, org)
    out = {}
    for c in candidates:
        shared = mine & _neighbours(index, c)
        out[c] = sum(1.0 / math.log(max(index.degree[m], 2)) for m in shared)
    return out


def jaccard(index: MatchIndex, org: str, candidates: list[str]) -> dict[str, float]:
    mine = _neighbours(index, org)
    out = {}
    for c in candidates:
        theirs = _neighbours(index, c)
        union = mine | theirs
        out[c] = len(mine & theirs) / len(union) if union else 0.0
    return out


def random_order(index: MatchIndex, org: str, candidates: list[str]) -> dict[str, float]:
    return {}


BASELINES: dict[str, Scorer] = {
    "degree": degree, "recent activity": recent_activity, "common neighbours": common_neighbours,
    "Adamic–Adar": adamic_adar, "Jaccard": jaccard, "random": random_order,
}


def top_k(scores: dict[str, float], candidates: list[str], k: int = K) -> list[str]:
    """The ``k`` best candidates by score; ties (and unscored candidates) in the candidates' shared order."""
    position = {c: i for i, c in enumerate(candidates)}
    scored = [c for c in candidates if scores.get(c, 0.0) > 0]
    best = sorted(scored, key=lambda c: (-scores[c], position[c]))[:k]
    if len(best) < k:
        taken = set(best)
        best += [c for c in candidates if c not in taken][: k - len(best)]
    return best


def ndcg(ranking: Sequence[str], relevant: set[str], k: int = K) -> float:
    """Binary-relevance nDCG@k."""
    dcg = sum(1.0 / math.log2(i + 2) for i, c in enumerate(ranking[:k]) if c in relevant)
    ideal = sum(1.0 / math.log2(i + 2) for i in range(min(k, len(relevant))))
    return dcg / ideal if ideal else 0.0


def bootstrap(values: np.ndarray, rounds: int = 1000, seed: int = 0) -> tuple[float, float]:
    """95 % percentile interval of the mean of ``values`` (queries resampled with replacement)."""
    if len(values) == 0:
        return (float("nan"), float("nan"))
    rng = np.random.default_rng(seed)
    means = values[rng.integers(0, len(values), size=(rounds, len(values)))].mean(axis=1)
    return float(np.percentile(means, 2.5)), float(np.percentile(means, 97.5))


def bootstrap_ratio(ours: np.ndarray, theirs: np.ndarray, rounds: int = 1000, seed: int = 0,
                    ) -> tuple[float, float]:
    """95 % interval of mean(ours) / mean(theirs), the same queries resampled for both (paired)."""
    if len(ours) == 0:
        return (float("nan"), float("nan"))
    rng = np.random.default_rng(seed)
    picks = rng.integers(0, len(ours), size=(rounds, len(ours)))
    ratios = ours[picks].mean(axis=1) / np.maximum(theirs[picks].mean(axis=1), 1e-12)
    return float(np.percentile(ratios, 2.5)), float(np.percentile(ratios, 97.5))
