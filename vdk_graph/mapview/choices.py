"""The choices the map's controls offer: kinds with counts, topics, programmes, regions and the years covered.

Read from the whole network (not the current view), so a filter can always be
widened again; labels in the chosen language, sorted the way a reader looks
for them (by folded name, so "Århus" sorts with "Aarhus").
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from vdk_graph.mapview.style import kind_label
from vdk_graph.names import fold
from vdk_graph.network import NODE_KINDS, Ecosystem


def facets(eco: Ecosystem, lang: str) -> dict[str, Any]:
    """Kinds, topics, programmes and regions with how many nodes have each, and the first and last year."""
    return eco.memo("map choices", lang, lambda: _facets(eco, lang), size=2)


def _facets(eco: Ecosystem, lang: str) -> dict[str, Any]:
    graph = eco.graph
    kinds: Counter[str] = Counter()
    topics: Counter[str] = Counter()
    programmes: Counter[str] = Counter()
    regions: Counter[str] = Counter()
    years: list[int] = []
    for _, data in graph.nodes(data=True):
        kinds[data.get("kind", "organisation")] += 1
        topics.update(t for t in data.get("topics", ()) if t in graph)
        programmes.update(p for p in data.get("programmes", ()) if p in graph)
        if data.get("region"):
            regions[str(data["region"])] += 1
        years += [y for y in (data.get("first_year"), data.get("last_year")) if y]
    for node, data in graph.nodes(data=True):  # a topic or programme nobody has yet is still a choice
        if data.get("kind") == "topic":
            topics.setdefault(node, 0)
        elif data.get("kind") == "programme":
            programmes.setdefault(node, 0)

    def named(counts: Counter[str]) -> list[dict[str, Any]]:
        rows = [{"id": iri, "label": eco.label(iri, lang), "count": n} for iri, n in counts.items()]
        return sorted(rows, key=lambda r: (fold(r["label"]), r["id"]))

    return {
        "kinds": [{"id": k, "label": kind_label(k, lang), "count": kinds.get(k, 0)} for k in NODE_KINDS],
        "topics": named(topics),
        "programmes": named(programmes),
        "regions": sorted(({"id": r, "label": r, "count": n} for r, n in regions.items()),
                          key=lambda r: fold(r["label"])),
        "years": [min(years), max(years)] if years else None,
    }


__all__ = ["facets"]
