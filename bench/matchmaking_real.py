"""The temporal hold-out on the curated data (``data/``), for information only.

The store is rebuilt without every project that starts after the cut-off (and its
participations and grants), so no organisation inherits a topic from the future;
undated projects stay, as the past. Today that leaves a handful of later projects
and a dozen organisations to rank for — far too few to judge a scorer by — so the
table is printed without a verdict. ``python bench/matchmaking_eval.py --real``.
"""

from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).parent.parent))
from bench.common import table  # noqa: E402
from bench.matchmaking_common import BASELINES, ndcg, top_k  # noqa: E402
from vdk_graph.config import Settings  # noqa: E402
from vdk_graph.curation.build import build  # noqa: E402
from vdk_graph.matchmaking.index import match_index  # noqa: E402
from vdk_graph.matchmaking.suggestions import suggest  # noqa: E402
from vdk_graph.network import ecosystem  # noqa: E402
from vdk_graph.results import SelectResult  # noqa: E402
from vdk_graph.store import MemoryStore  # noqa: E402

DATA = Path(__file__).parent.parent / "data"
MIN_CASES = 5


def report_real(cutoff: int) -> None:
    full = MemoryStore()
    build(full, Settings(store="memory:", data_dir=DATA))
    eco = ecosystem(full)
    later = {p for p in eco.nodes_of("project") if (eco.graph.nodes[p].get("first_year") or 0) > cutoff}
    hidden = set(later)
    result = full.query("""PREFIX vdk: <https://w3id.org/vdk/ontology#>
        SELECT ?p ?x WHERE { { ?p vdk:hasParticipation ?x } UNION { ?x vdk:participationIn ?p }
                             UNION { ?x vdk:grantFor ?p } UNION { ?x vdk:budgetFor ?p } }""")
    assert isinstance(result, SelectResult)
    for row in result.dicts():
        if row["p"] in later:
            hidden.add(row["x"])
    triples = full.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }").triples  # type: ignore[union-attr]
    kept = [t for t in triples
            if t.subject.value not in hidden and getattr(t.object, "value", None) not in hidden]
    past = MemoryStore()
    with past.transaction() as tx:
        tx.replace_graph("https://w3id.org/vdk/id/graph/past", kept)
    index = match_index(past)
    participants: dict[str, set[str]] = defaultdict(set)
    for source, target, data in eco.graph.edges(data=True):
        participation = data["relation"] in ("lead", "partner", "participant")
        if target in later and participation and source in index.kind:
            participants[target].add(source)
    truth: dict[str, set[str]] = defaultdict(set)
    for members in participants.values():
        for a in members:
            truth[a] |= (members - {a}) - index.relations.get(a, set())
    cases = sorted(o for o, v in truth.items() if v)
    print(f"\nreal data (data/): {len(index.orgs)} organisations before {cutoff + 1}, {len(later)} later "
          f"projects; {len(cases)} organisations with new partners")
    if len(cases) < MIN_CASES:
        print(f"too few to measure anything (fewer than {MIN_CASES}): not reported")
        return
    order = sorted(index.orgs)
    rows = []
    scores: dict[str, list[float]] = defaultdict(list)
    for org in cases:
        candidates = [o for o in order if o != org and o not in index.relations.get(org, set())]
        scores["vdk-graph match"].append(ndcg([s.iri for s in suggest(index, org, top=10).items], truth[org]))
        for name, scorer in BASELINES.items():
            scores[name].append(ndcg(top_k(scorer(index, org, candidates), candidates), truth[org]))
    for name, values in scores.items():
        rows.append([name, f"{np.mean(values):.3f}"])
    print(f"for information only: {len(cases)} organisations are too few to judge a scorer by\n")
    print(table(["method", "nDCG@10"], rows))
