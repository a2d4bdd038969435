"""Stores: one interface (:class:`Store`), three backends chosen by one setting.

``open_store(spec)`` takes what ``--store`` / ``VDK_STORE`` holds:

* a folder path (default ``./var/store``): embedded Oxigraph on disk;
* ``memory:``: in memory, for tests and throwaway work;
* ``sparql+http://…`` or ``sparql+https://…``: a remote SPARQL 1.1 query + update endpoint.
"""

from __future__ import annotations

from vdk_graph.store.base import BulkFile, GraphChange, Store, Transaction
from vdk_graph.store.embedded import EmbeddedStore
from vdk_graph.store.memory import MemoryStore
from vdk_graph.store.remote import RemoteStore

BACKENDS = {"memory": MemoryStore, "oxigraph": EmbeddedStore, "sparql": RemoteStore}


def open_store(spec: str, *, memory_mirror_max_quads: int = 0, create: bool = False) -> Store:
    """Open the store a ``--store`` value names.

    ``memory_mirror_max_quads`` lets a long-running reader (the web app) answer from an
    in-memory copy of an embedded store of up to that many quads; one-shot commands leave it off.
    A folder must hold a store already unless ``create`` (what ``build`` and ``import`` ask), and
    its files are checked and opened at once, so a missing or damaged store is reported here, in
    one sentence, rather than as an empty graph or a failure deep inside a query.
    """
    spec = spec.strip()
    if spec in ("memory:", "memory"):
        return MemoryStore()
    if spec.startswith(("sparql+http://", "sparql+https://")):
        return RemoteStore(spec)
    return EmbeddedStore(spec, memory_mirror_max_quads=memory_mirror_max_quads, create=create, verify=True)


__all__ = [
    "BACKENDS", "BulkFile", "EmbeddedStore", "GraphChange", "MemoryStore", "RemoteStore", "Store",
    "Transaction", "open_store",
]
