"""How the map draws each kind of node and relation, and what the legend calls them in English and Danish.

The kinds' colours and shapes, and the names of kinds and relations, are the
kinds table's (:mod:`vdk_graph.kinds`). One table serves the live page, its
JSON, the static export and the Gephi files, so a company is the same blue
everywhere (the colours are those of the entity pages' small focus maps in
``style.css``). Colour carries the kind;
shape repeats it for readers who cannot tell the colours apart.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from vdk_graph import kinds
from vdk_graph.kinds import NODE_KINDS, RELATIONS, kind_label, relation_label


@dataclass(frozen=True)
class KindStyle:
    colour: str
    shape: str


@dataclass(frozen=True)
class RelationStyle:
    colour: str
    width: float
    dashes: tuple[int, ...] | None
    arrow: bool
    #: How much the link counts when edges must be thinned (the strongest are kept).
    strength: float


#: Each node kind's colour and shape, from the kinds table (:mod:`vdk_graph.kinds`).
KINDS: dict[str, KindStyle] = {k.key: KindStyle(k.colour, k.shape) for k in kinds.KINDS}
RELATION_STYLES: dict[str, RelationStyle] = {
    "lead": RelationStyle("#0b6e4f", 3.0, None, True, 3.0),
    "partner": RelationStyle("#5b8db8", 1.5, None, False, 2.0),
    "participant": RelationStyle("#9aa5b4", 1.0, None, False, 1.5),
    "funds": RelationStyle("#c77d00", 2.0, (6, 4), True, 2.5),
    "invests": RelationStyle("#ff7f0e", 2.0, (2, 4), True, 2.5),
    "member": RelationStyle("#7a4fb3", 1.5, (2, 3), True, 1.5),
    "part": RelationStyle("#4a5568", 2.0, None, True, 2.0),
    "founder": RelationStyle("#b83280", 1.5, (4, 2), True, 1.5),
    "owner": RelationStyle("#2c7a7b", 2.0, (1, 3), True, 2.0),
    "formed": RelationStyle("#718096", 1.0, (4, 4), True, 1.0),
    "programme": RelationStyle("#a3a41c", 1.0, (8, 4), False, 1.0),
    "topic": RelationStyle("#c5d3e8", 0.5, None, False, 0.5),
    "position": RelationStyle("#e377c2", 1.0, None, False, 1.0),
}
assert set(KINDS) == set(NODE_KINDS) and set(RELATION_STYLES) == set(RELATIONS)

#: Node sizes on the canvas (pixels): the least and the most connected node of a view.
MIN_SIZE, MAX_SIZE = 8.0, 40.0


def node_style(kind: str) -> dict[str, Any]:
    """vis-network's colour and shape options for a kind (highlight a darker border, never another hue)."""
    style = KINDS.get(kind, KINDS["organisation"])
    return {"shape": style.shape,
            "color": {"background": style.colour, "border": "#ffffff",
                      "highlight": {"background": style.colour, "border": "#1d2430"},
                      "hover": {"background": style.colour, "border": "#1d2430"}}}


def edge_style(relation: str) -> dict[str, Any]:
    style = RELATION_STYLES.get(relation, RELATION_STYLES["participant"])
    out: dict[str, Any] = {"color": {"color": style.colour, "highlight": "#1d2430", "opacity": 0.85},
                           "width": style.width, "dashes": list(style.dashes) if style.dashes else False}
    if style.arrow:
        out["arrows"] = {"to": {"enabled": True, "scaleFactor": 0.5}}
    return out


def legend(lang: str, kinds: list[str] | None = None, relations: list[str] | None = None) -> dict[str, Any]:
    """The legend: every kind and relation with its label, colour and shape (or dash pattern)."""
    return {
        "kinds": [{"kind": k, "label": kind_label(k, lang), "colour": KINDS[k].colour,
                   "shape": KINDS[k].shape} for k in (kinds if kinds is not None else NODE_KINDS)],
        "relations": [{"relation": r, "label": relation_label(r, lang), "colour": RELATION_STYLES[r].colour,
                       "dashes": list(RELATION_STYLES[r].dashes or ()), "arrow": RELATION_STYLES[r].arrow,
                       "style": edge_style(r)}
                      for r in (relations if relations is not None else RELATIONS)],
    }


__all__ = ["KINDS", "MAX_SIZE", "MIN_SIZE", "RELATION_STYLES", "edge_style", "kind_label", "legend",
           "node_style", "relation_label"]
