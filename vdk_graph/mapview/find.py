"""Find nodes by name for the map's search box, Danish spellings included ("Aarhus" finds "Filmby Århus").

The page completes from the nodes it has; a name that is not on screen (hidden
by the top-N, or filtered out) is looked up here across the whole network, and
the map then focuses on it. Matching is on :func:`vdk_graph.names.fold` keys
of both languages' labels: case, accents and æ/ø/å spelt out, so "Aarhus",
"århus" and "AARHUS" meet. Whole-word starts rank above matches inside a word.
"""

from __future__ import annotations

from typing import Any

from vdk_graph.names import fold
from vdk_graph.network import Ecosystem

MAX_HITS = 20


def find_nodes(eco: Ecosystem, text: str, lang: str = "en", limit: int = 10) -> list[dict[str, Any]]:
    """Nodes whose label (in either language) contains ``text``, best first."""
    wanted = fold(" ".join(text.split()))
    if not wanted:
        return []
    hits: list[tuple[tuple[int, int, str], dict[str, Any]]] = []
    for node, data in eco.graph.nodes(data=True):
        labels = {eco.label(node, "en"), eco.label(node, "da")}
        keys = [fold(label) for label in labels]
        best = min((_rank(key, wanted) for key in keys), default=None)
        if best is None or best >= 3:
            continue
        label = eco.label(node, lang)
        hits.append(((best, -eco.graph.degree(node), fold(label)),
                     {"id": node, "label": label, "kind": data.get("kind", "organisation")}))
    hits.sort(key=lambda h: h[0])
    return [hit for _, hit in hits[: max(1, min(limit, MAX_HITS))]]


def _rank(key: str, wanted: str) -> int:
    """0: the name starts with it; 1: a word starts with it; 2: inside a word; 3: no match."""
    if key.startswith(wanted):
        return 0
    at = key.find(wanted)
    if at < 0:
        return 3
    while at >= 0:
        if not key[at - 1].isalnum():
            return 1
        at = key.find(wanted, at + 1)
    return 2


__all__ = ["MAX_HITS", "find_nodes"]
