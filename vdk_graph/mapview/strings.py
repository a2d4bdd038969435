"""The words the map's data carries itself, in English and Danish: the names of a node's facts.

The page around the map has its own strings (``webapp/map_strings.py``); the
kinds and relations are named by the kinds table (:mod:`vdk_graph.kinds`).
These are the ones written into the view's JSON, tooltips and exports, so they
live with the library.
"""

from __future__ import annotations

from vdk_graph.texts import Texts

TEXTS = Texts((
    ("fact.kind", "Kind", "Art"),
    ("fact.place", "Place", "Sted"),
    ("fact.years", "Years", "År"),
    ("fact.links", "Links in this view", "Forbindelser i visningen"),
    ("fact.topics", "Topics", "Emner"),
    ("fact.programmes", "Programmes", "Programmer"),
    ("thousands", ",", "."),
))

__all__ = ["TEXTS"]
