"""Matchmaking: who should work with whom, and why — suggestions, connections, brokers and communities.

The library behind ``vdk-graph match``/``connect``/``brokers``/``communities`` and
the ``/match``, ``/connect``, ``/brokers`` and ``/communities`` pages. By concern:

* :mod:`~vdk_graph.matchmaking.index` — what is known about every organisation, once per data change;
* :mod:`~vdk_graph.matchmaking.index_model` — the shape of the index (:class:`MatchIndex`, places, paths);
* :mod:`~vdk_graph.matchmaking.index_reads` — the store reads it takes besides the network projection;
* :mod:`~vdk_graph.matchmaking.index_file` and :mod:`~vdk_graph.matchmaking.index_codecs` — the index on disk;
* :mod:`~vdk_graph.matchmaking.ties` — existing ties of every kind (projects, founders, owners, members …);
* :mod:`~vdk_graph.matchmaking.text` — TF-IDF for Danish and English descriptions;
* :mod:`~vdk_graph.matchmaking.signals` — each signal, and why it matters;
* :mod:`~vdk_graph.matchmaking.scoring` — the documented combination and its :class:`Weights`;
* :mod:`~vdk_graph.matchmaking.fitted` — the fitted default weights and units (``bench/matchmaking_fit.py``);
* :mod:`~vdk_graph.matchmaking.reasons` — sentences in Danish and English, with evidence;
* :mod:`~vdk_graph.matchmaking.suggestions` — for an organisation, or for a project idea;
* :mod:`~vdk_graph.matchmaking.lookup` — naming an organisation by IRI, name or a near miss;
* :mod:`~vdk_graph.matchmaking.paths` — "how are A and B connected?";
* :mod:`~vdk_graph.matchmaking.structure` — brokers, communities, the outreach list;
* :mod:`~vdk_graph.matchmaking.cache` — the expensive measures, once per data change, off the request path;
* :mod:`~vdk_graph.matchmaking.metrics` — those measures as triples in their own named graph.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from vdk_graph.lazy import exports

if TYPE_CHECKING:
    from vdk_graph.matchmaking.index import MatchIndex, build_index, match_index
    from vdk_graph.matchmaking.lookup import resolve_organisation, search_organisations
    from vdk_graph.matchmaking.reasons import Evidence, Reason
    from vdk_graph.matchmaking.scoring import SIGNAL_NAMES, Weights
    from vdk_graph.matchmaking.suggestions import Suggestion, Suggestions, suggest, suggest_for_idea

__getattr__ = exports(__name__, {
    "MatchIndex": "index", "build_index": "index", "match_index": "index",
    "resolve_organisation": "lookup", "search_organisations": "lookup",
    "Evidence": "reasons", "Reason": "reasons",
    "SIGNAL_NAMES": "scoring", "Weights": "scoring",
    "Suggestion": "suggestions", "Suggestions": "suggestions", "suggest": "suggestions",
    "suggest_for_idea": "suggestions",
})

__all__ = [
    "SIGNAL_NAMES", "Evidence", "MatchIndex", "Reason", "Suggestion", "Suggestions", "Weights", "build_index",
    "match_index", "resolve_organisation", "search_organisations", "suggest", "suggest_for_idea",
]
