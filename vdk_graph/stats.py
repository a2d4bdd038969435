"""What is in the store: triples, entities per class, named graphs with sizes."""

from __future__ import annotations

from dataclasses import dataclass, field

from vdk_graph.namespaces import VDK_NS
from vdk_graph.ontology import ONTOLOGY_GRAPH, term_labels
from vdk_graph.results import SelectResult
from vdk_graph.store.base import Store


@dataclass
class ClassCount:
    iri: str
    label: str
    count: int


@dataclass
class Stats:
    backend: str
    triples: int
    graphs: dict[str, int] = field(default_factory=dict)
    classes: list[ClassCount] = field(default_factory=list)

    def as_dict(self) -> dict[str, object]:
        return {
            "backend": self.backend,
            "triples": self.triples,
            "graphs": self.graphs,
            "classes": [c.__dict__ for c in self.classes],
        }


def class_counts(store: Store, lang: str = "en") -> list[ClassCount]:
    """Instances per vdk: class (asserted types only), most frequent first.

    The ontology's own controlled values (roles, statuses) are vocabulary, not data: not counted.
    """
    result = store.query(
        f"""SELECT ?class (COUNT(DISTINCT ?s) AS ?n) WHERE {{
              GRAPH ?g {{ ?s a ?class }}
              FILTER(?g != <{ONTOLOGY_GRAPH}> && STRSTARTS(STR(?class), "{VDK_NS}"))
            }} GROUP BY ?class ORDER BY DESC(?n) ?class"""
    )
    assert isinstance(result, SelectResult)
    labels = term_labels(lang)
    out = []
    for cls, count in result.rows:
        iri = cls.value  # type: ignore[union-attr]
        out.append(ClassCount(iri, labels.get(iri, iri.removeprefix(VDK_NS)), int(count.value)))  # type: ignore[union-attr]
    return out


def compute(store: Store) -> Stats:
    return Stats(
        backend=store.describe(),
        triples=store.triple_count(),
        graphs=dict(sorted(store.graph_sizes().items())),
        classes=class_counts(store),
    )
