"""vdk-graph: an open knowledge graph of the Danish digital visual industry around Vision Denmark.

The data flows: sources → :mod:`vdk_graph.importers` → :mod:`vdk_graph.store`
(RDF, named graph per source) → SPARQL (:mod:`vdk_graph.queries`) and the
network projection → analytics and matchmaking → the web app and the CLI.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from vdk_graph.lazy import keep_old_paths

__version__ = "0.1.0"

keep_old_paths()  # modules that moved into packages keep their old paths for one release (lazy.MOVED)

if TYPE_CHECKING:
    from vdk_graph.api import KnowledgeGraph


def __getattr__(name: str) -> Any:
    # ``from vdk_graph import KnowledgeGraph`` without making every ``import vdk_graph.x``
    # (the CLI, the endpoint's worker processes) load the store and query stack first.
    if name == "KnowledgeGraph":
        from vdk_graph.api import KnowledgeGraph

        return KnowledgeGraph
    raise AttributeError(f"module 'vdk_graph' has no attribute {name!r}")


__all__ = ["KnowledgeGraph", "__version__"]
