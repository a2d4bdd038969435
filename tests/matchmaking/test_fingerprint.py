"""The collaboration network's fingerprint keeps its digest however it is computed.

The measures' files and the metrics graph are stamped with it: a new way of computing it
(issue 17: sorted per node instead of as one list of 194k edges) must give the digest the
old one gave, or every store's measures would be computed again for nothing.
"""

from __future__ import annotations

import hashlib
import random
from types import SimpleNamespace
from typing import Any

import networkx as nx
import pytest

from vdk_graph.matchmaking.index_model import MatchIndex


def reference_fingerprint(index: Any) -> str:
    """The digest as first defined: every edge as a sorted (min, max, weight) triple."""
    kind, topics = index.kind, index.topics
    lines = [f"{org}\t{kind[org]}\t{','.join(sorted(topics[org]))}\n" for org in sorted(index.orgs)]
    edges = sorted((u, v, d.get("weight", 1)) for u, neighbours in index.collab.adj.items()
                   for v, d in neighbours.items() if u <= v)
    lines.extend(f"{a}\t{b}\t{w}\n" for a, b, w in edges)
    return hashlib.sha1("".join(lines).encode()).hexdigest()


@pytest.mark.parametrize("seed", range(25))
def test_the_fingerprint_is_the_digest_of_the_sorted_edges(seed: int) -> None:
    rng = random.Random(seed)
    orgs = [f"https://w3id.org/vdk/id/org/{rng.randint(0, 10**6)}" for _ in range(rng.randint(0, 40))]
    rng.shuffle(orgs)
    collab = nx.Graph()
    collab.add_nodes_from(orgs)
    for _ in range(rng.randint(0, 120)):
        if len(orgs) > 1:
            a, b = rng.sample(orgs, 2)
            collab.add_edge(a, b, weight=rng.choice([1, 2, 3, 1.5]))
    index = SimpleNamespace(
        orgs=orgs, collab=collab, kind={o: rng.choice(["company", "university"]) for o in orgs},
        topics={o: frozenset(rng.sample(["t1", "t2", "t3", "t4"], rng.randint(0, 3))) for o in orgs})
    assert MatchIndex.fingerprint.func(index) == reference_fingerprint(index)  # type: ignore[arg-type]
