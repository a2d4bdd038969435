"""vdk-graph: an open knowledge graph of the Danish digital visual industry around Vision Denmark.

The data flows: sources → :mod:`vdk_graph.importers` → :mod:`vdk_graph.store`
(RDF, named graph per source) → SPARQL (:mod:`vdk_graph.queries`) and the
network projection → analytics and matchmaking → the web app and the CLI.
"""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__"]
